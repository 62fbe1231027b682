"""The year, not just the batch: patches of several batches (one layer with a batch field) reconciled into one
year's figures, each batch's contribution, and patches issued again in a later batch counted once."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from .matching import clean_key
from .overlay import polygonal


@dataclass
class Repeats:
    """Patches of a later batch overlapping patches of earlier batches."""

    later: np.ndarray  # patch index (later batch)
    earlier: np.ndarray  # patch index (earlier batch)
    area: np.ndarray  # overlap m2
    union: dict  # later patch index -> union of the earlier patches it overlaps


def batch_labels(batches, n: int) -> list[str]:
    """The batch of each patch as text ('' where none is given)."""
    return [clean_key(b) for b in batches] if batches is not None else [""] * n


def find_repeats(geoms: np.ndarray, labels: list[str], area, tolerance) -> Repeats:
    """Pairs (later, earlier) of patches of different batches (batches in text order) overlapping by more than
    ``tolerance(area of the later patch)`` m2."""
    empty = Repeats(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), {})
    if len(geoms) < 2 or len(set(labels)) < 2:
        return empty
    a, b = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    lab = np.asarray(labels, dtype=object)
    keep = (lab[a] > lab[b]) & (lab[b] != "")
    a, b = a[keep].astype(np.int64), b[keep].astype(np.int64)
    if len(a) == 0:
        return empty
    overlap = area(polygonal(shapely.intersection(geoms[a], geoms[b])))
    own = area(geoms[a])
    real = overlap > np.array([tolerance(x) for x in own])
    a, b, overlap = a[real], b[real], overlap[real]
    union = {int(i): shapely.union_all(geoms[b[a == i]]) for i in np.unique(a)}
    return Repeats(a, b, overlap, union)


def repeated_parts(piece_geoms: np.ndarray, piece_patch: np.ndarray, repeats: Repeats) -> tuple[np.ndarray,
                                                                                                 np.ndarray]:
    """The parts of pieces of later patches that earlier patches already hold, and the piece of each part."""
    rows = np.flatnonzero(np.isin(piece_patch, list(repeats.union)))
    if len(rows) == 0:
        return np.empty(0, dtype=object), np.zeros(0, np.int64)
    unions = np.array([repeats.union[int(p)] for p in piece_patch[rows]], dtype=object)
    parts = polygonal(shapely.intersection(piece_geoms[rows], unions))
    keep = ~shapely.is_empty(parts) & (shapely.area(parts) > 0)
    return parts[keep], rows[keep]
