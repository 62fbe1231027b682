"""Processing algorithms of the ledger tool."""

from __future__ import annotations


def algorithms() -> list:
    """Fresh instances of this tool's algorithms (one module per algorithm in this package)."""
    return []
