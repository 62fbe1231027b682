"""Processing algorithms of the ledger tool."""

from __future__ import annotations


def algorithms() -> list:
    """Fresh instances of this tool's algorithms (one module per algorithm in this package)."""
    from .balances import LedgerBalances
    from .check_allocation import LedgerCheckAllocation
    from .deadlines import LedgerDeadlines
    from .import_entries import LedgerImport
    from .post import LedgerPost
    from .statement import LedgerStatement
    from .verify import LedgerVerify

    return [LedgerPost(), LedgerImport(), LedgerBalances(), LedgerStatement(), LedgerVerify(),
            LedgerCheckAllocation(), LedgerDeadlines()]
