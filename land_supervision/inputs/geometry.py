"""Geometries GEOS cannot work with, found in bulk (no per-feature Python): rings of fewer than 4 points,
NaN or infinite coordinates. Pure."""

from __future__ import annotations

import numpy as np
import shapely

from ..core.messages import InputError, Message

SHORT_RING = Message("多边形的环少于 4 个点（首尾点相同的三角形至少要 4 个点）：请修复几何",
                     "a polygon ring has fewer than 4 points (a closed triangle needs 4): repair the geometry")
NOT_FINITE = Message("坐标含 NaN 或无穷大：请修复几何", "coordinates are NaN or infinite: repair the geometry")


def unusable_rows(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows with a ring of fewer than 4 points, rows with non-finite coordinates) of a geometry array."""
    geoms = np.asarray(geoms, dtype=object)
    parts, part_rows = shapely.get_parts(geoms, return_index=True)
    polygons = shapely.get_type_id(parts) == 3
    rings, ring_rows = shapely.get_rings(parts[polygons], return_index=True)
    short = np.unique(part_rows[polygons][ring_rows[shapely.get_num_coordinates(rings) < 4]])
    coords, coord_rows = shapely.get_coordinates(geoms, return_index=True)
    bad_coords = np.unique(coord_rows[~np.isfinite(coords).all(axis=1)])
    return short, bad_coords


def check_usable(geoms, ids, layer: str) -> None:
    """InputError naming the layer and the first feature whose geometry GEOS cannot work with."""
    short, bad_coords = unusable_rows(geoms)
    for rows, message in ((short, SHORT_RING), (bad_coords, NOT_FINITE)):
        if len(rows):
            more = len(rows) - 1
            feature = ids[rows[0]] if ids is not None else rows[0]
            text = message if not more else Message(message.zh + f"（另有 {more} 个要素）",
                                                    message.en + f" ({more} more features)")
            raise InputError(text, layer=layer, feature=int(feature))
