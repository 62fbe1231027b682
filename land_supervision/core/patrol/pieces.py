"""Cut patches into pieces: approval-covered and uncovered parts, each within one town."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from .overlay import polygonal


@dataclass
class Coverage:
    """Per patch: covered geometry by all approvals, and covered area per sub-type (columns)."""

    covered: np.ndarray  # shapely geometry per patch (empty polygon where nothing covers it)
    by_subtype: np.ndarray  # (n_patches, n_subtypes) areas


@dataclass
class Pieces:
    geometry: np.ndarray
    patch: np.ndarray  # patch index of each piece
    covered: np.ndarray  # bool: inside the approvals
    town: np.ndarray  # town index, -1 outside every town


def approval_pairs(patches: np.ndarray, approvals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(patch index, approval index) of every approval meeting a patch."""
    if len(patches) == 0 or len(approvals) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    p, a = shapely.STRtree(approvals).query(patches, predicate="intersects")
    return p.astype(np.int64), a.astype(np.int64)


def approval_coverage(patches: np.ndarray, approvals: np.ndarray, subtype_index: np.ndarray,
                      n_subtypes: int, area, pairs: tuple[np.ndarray, np.ndarray] | None = None) -> Coverage:
    """Union of the approvals over each patch, overall and per sub-type (approvals may overlap); only the
    (patch, approval) ``pairs`` given, if given."""
    n = len(patches)
    covered = np.array([shapely.Polygon()] * n, dtype=object)
    by_subtype = np.zeros((n, n_subtypes), dtype=float)
    if n == 0 or len(approvals) == 0:
        return Coverage(covered, by_subtype)
    p, a = pairs if pairs is not None else approval_pairs(patches, approvals)
    if len(p) == 0:
        return Coverage(covered, by_subtype)
    parts = polygonal(shapely.intersection(patches[p], approvals[a]))
    slots = n_subtypes + 1  # the last slot holds approvals of no known sub-type
    sub = np.where(subtype_index[a] >= 0, subtype_index[a], n_subtypes)
    merged_keys, merged = _union_by_key(p.astype(np.int64) * slots + sub, parts)
    merged_patch, merged_sub = merged_keys // slots, merged_keys % slots
    known = merged_sub < n_subtypes
    np.add.at(by_subtype, (merged_patch[known], merged_sub[known]), area(merged[known]))
    patch_keys, patch_union = _union_by_key(merged_patch, merged)
    covered[patch_keys] = polygonal(patch_union)
    return Coverage(covered, by_subtype)


def _union_by_key(keys: np.ndarray, geoms: np.ndarray):
    """Unique keys and the union of the geometries of each key (a plain copy where a key has one)."""
    order = np.argsort(keys, kind="stable")
    keys, geoms = keys[order], geoms[order]
    uniq, start, count = np.unique(keys, return_index=True, return_counts=True)
    out = geoms[start].copy()
    for i in np.flatnonzero(count > 1):
        out[i] = shapely.union_all(geoms[start[i]:start[i] + count[i]])
    return uniq, out


def split_pieces(patches: np.ndarray, coverage: Coverage, towns: np.ndarray) -> Pieces:
    """Covered and uncovered parts of every patch, cut by the towns (parts outside every town keep -1)."""
    n = len(patches)
    has_cover = ~shapely.is_empty(coverage.covered)
    uncovered = patches.copy()
    if has_cover.any():
        uncovered[has_cover] = polygonal(shapely.difference(patches[has_cover], coverage.covered[has_cover]))
    geoms = np.concatenate([uncovered, coverage.covered[has_cover]])
    patch = np.concatenate([np.arange(n), np.flatnonzero(has_cover)])
    covered = np.concatenate([np.zeros(n, bool), np.ones(int(has_cover.sum()), bool)])
    keep = ~shapely.is_empty(geoms) & (shapely.area(geoms) > 0)
    geoms, patch, covered = geoms[keep], patch[keep], covered[keep]
    return _cut_by_towns(geoms, patch, covered, towns)


def _cut_by_towns(geoms, patch, covered, towns) -> Pieces:
    town = np.full(len(geoms), -1, dtype=np.int64)
    if len(towns) == 0 or len(geoms) == 0:
        return Pieces(geoms, patch, covered, town)
    tree = shapely.STRtree(towns)
    # each town prepared once and asked which pieces it contains (asking each piece for the town it lies
    # within prepares every piece and tests it against the whole town outline); in overlapping towns a
    # piece goes to the first of them
    w_town, w_piece = shapely.STRtree(geoms).query(towns, predicate="contains")
    first = np.full(len(geoms), len(towns), dtype=np.int64)
    np.minimum.at(first, w_piece, w_town)
    town[first < len(towns)] = first[first < len(towns)]
    todo = np.setdiff1d(np.arange(len(geoms)), w_piece)
    h_piece, h_town = tree.query(geoms[todo], predicate="intersects")
    h_piece = todo[h_piece]
    out_geoms = [geoms[town >= 0]]
    out_patch, out_cov, out_town = [patch[town >= 0]], [covered[town >= 0]], [town[town >= 0]]
    if len(h_piece):
        parts = polygonal(shapely.intersection(geoms[h_piece], towns[h_town]))
        out_geoms.append(parts)
        out_patch.append(patch[h_piece])
        out_cov.append(covered[h_piece])
        out_town.append(h_town.astype(np.int64))
        uniq, union = _union_by_key(h_piece.astype(np.int64), towns[h_town])
        rest = polygonal(shapely.difference(geoms[uniq], union))
        _append_rest(rest, uniq, patch, covered, out_geoms, out_patch, out_cov, out_town)
    missed = np.setdiff1d(todo, h_piece)
    if len(missed):
        _append_rest(geoms[missed], missed, patch, covered, out_geoms, out_patch, out_cov, out_town)
    geoms = np.concatenate(out_geoms)
    keep = ~shapely.is_empty(geoms) & (shapely.area(geoms) > 1e-6)
    return Pieces(geoms[keep], np.concatenate(out_patch)[keep], np.concatenate(out_cov)[keep],
                  np.concatenate(out_town)[keep])


def _append_rest(rest, idx, patch, covered, out_geoms, out_patch, out_cov, out_town):
    out_geoms.append(np.asarray(rest, dtype=object))
    out_patch.append(patch[idx])
    out_cov.append(covered[idx])
    out_town.append(np.full(len(idx), -1, dtype=np.int64))
