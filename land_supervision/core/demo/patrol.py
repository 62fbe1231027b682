"""Demo layers of the patrol tool (filled in by that tool's issue)."""

from __future__ import annotations

from .context import DemoContext


def add_layers(ctx: DemoContext) -> None:
    """Add this tool's demo layers to ctx."""
