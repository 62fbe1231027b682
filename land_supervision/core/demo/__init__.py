"""Deterministic synthetic demo data for all four tools (same seed and scale, same data).

Every layer is in EPSG:4549 and marked synthetic (name prefix ``demo_`` and its description). Each tool
adds its own layers in its own module; they all build on the base geography of ``base``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..tables import FeatureTable
from . import base, park, patrol, precheck, reclamation
from .context import SYNTHETIC_NOTE, DemoContext

# Order matters: later steps may use the layers of earlier ones.
STEPS: list[tuple[str, Callable[[DemoContext], None]]] = [
    ("base", base.add_layers),
    ("park", park.add_layers),
    ("patrol", patrol.add_layers),
    ("reclamation", reclamation.add_layers),
    ("precheck", precheck.add_layers),
]

__all__ = ["SYNTHETIC_NOTE", "DemoContext", "generate_demo", "STEPS"]


def generate_demo(seed: int = 2021, scale: float = 1.0, progress: Callable[[float, str], None] | None = None,
                  is_canceled: Callable[[], bool] | None = None) -> dict[str, FeatureTable]:
    """All demo layers by name. ``progress(percent, step)`` is called per step; cancel between steps."""
    if scale <= 0:
        raise ValueError("SCALE must be positive / SCALE 必须大于 0")
    ctx = DemoContext(seed=int(seed), scale=float(scale))
    for i, (name, step) in enumerate(STEPS):
        if is_canceled is not None and is_canceled():
            break
        if progress is not None:
            progress(100.0 * i / len(STEPS), name)
        step(ctx)
    return ctx.tables
