"""Processing algorithms of the patrol tool."""

from __future__ import annotations


def algorithms() -> list:
    """Fresh instances of this tool's algorithms (one module per algorithm in this package)."""
    from .patch_atlas import PatchAtlas
    from .patch_reconciliation import PatchReconciliation

    return [PatchReconciliation(), PatchAtlas()]
