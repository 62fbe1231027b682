"""Processing algorithms of the zoning tool."""

from __future__ import annotations


def algorithms() -> list:
    """Fresh instances of this tool's algorithms (one module per algorithm in this package)."""
    from .accounting import ZoneAccounting
    from .conformance import ZoningConformance
    from .intrusions import VesselIntrusions
    from .zoning_map import ZoningMap

    return [ZoningConformance(), ZoneAccounting(), VesselIntrusions(), ZoningMap()]
