"""Processing algorithms of the reclamation tool."""

from __future__ import annotations


def algorithms() -> list:
    """Fresh instances of this tool's algorithms (one module per algorithm in this package)."""
    from .acceptance import ReclamationAcceptance
    from .credits import ReclamationCredits
    from .report import ReclamationReport
    from .sample import ReclamationSample

    return [ReclamationAcceptance(), ReclamationSample(), ReclamationReport(), ReclamationCredits()]
