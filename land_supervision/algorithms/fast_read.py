"""Moved to ``land_supervision.inputs.fast_ogr`` (kept for old imports)."""

from __future__ import annotations

from ..inputs.fast_ogr import _arrow_available, read_ogr, usable_layer  # noqa: F401
