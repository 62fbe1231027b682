"""Activity footprints: points buffered by their radius, lines by half their width, polygons as they are.

Buffers are made in the projected working CRS (EPSG:4549, metres). Gauss-Kruger stretches distances by
the point scale factor k (about 1.00015 at the park, 110 km east of 120E), so a radius of r true metres is
buffered as r x k planar metres, and planar distances are divided by k.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Proj, Transformer

from ...constants import WORKING_CRS
from ..messages import Message
from ..proj_thread import in_python_thread

POINT, LINE, POLYGON = "point", "line", "polygon"
QUAD_SEGS = 32  # 128-gon: area 0.04% under the circle, edge at most 0.03% of r inside it


@lru_cache(maxsize=8)
def _scale_tools(crs: str):
    crs_obj = CRS.from_user_input(crs)
    if crs_obj.is_geographic:
        raise ValueError(f"footprints need a projected CRS in metres, not {crs}")
    return Proj(crs_obj), Transformer.from_crs(crs_obj, crs_obj.geodetic_crs, always_xy=True)


@in_python_thread
def point_scale(x, y, crs: str) -> np.ndarray:
    """Grid scale factor k of the projection at projected coordinates (x, y)."""
    x = np.asarray(x, dtype=float)
    if len(x) == 0:
        return np.ones(0)
    proj, to_lonlat = _scale_tools(crs)
    lon, lat = to_lonlat.transform(x, np.asarray(y, dtype=float))
    return np.asarray(proj.get_factors(lon, lat).meridional_scale, dtype=float)


def kinds(geoms) -> np.ndarray:
    """'point' / 'line' / 'polygon' per geometry (None for null or empty)."""
    type_ids = shapely.get_type_id(np.asarray(geoms, dtype=object))
    out = np.full(len(type_ids), None, dtype=object)
    out[np.isin(type_ids, (0, 4))] = POINT
    out[np.isin(type_ids, (1, 2, 5))] = LINE
    out[np.isin(type_ids, (3, 6))] = POLYGON
    return out


@dataclass
class Footprints:
    geoms: np.ndarray
    kinds: np.ndarray
    warnings: list[Message] = field(default_factory=list)


@in_python_thread
def make_footprints(geoms, radius=None, width=None, crs: str = WORKING_CRS, ids=None,
                    layer: str = "activities", radius_field: str = "BJ", width_field: str = "KD") -> Footprints:
    """Footprint polygons (or the bare point/line where no size is given, with a warning)."""
    geoms = np.asarray(geoms, dtype=object).reshape(-1)
    n = len(geoms)
    ids = np.arange(1, n + 1) if ids is None else np.asarray(ids)
    radius = _sizes(radius, n)
    width = _sizes(width, n)
    kind = kinds(geoms)
    out = geoms.copy()
    warnings: list[Message] = []
    if n == 0:
        return Footprints(out, kind, warnings)
    centres = shapely.centroid(geoms)
    valid_centre = ~shapely.is_empty(centres) & ~shapely.is_missing(centres)
    scale = np.ones(n)
    xy = shapely.get_coordinates(centres[valid_centre])
    scale[valid_centre] = point_scale(xy[:, 0], xy[:, 1], crs)
    for which, size, field_name, cap, half in ((POINT, radius, radius_field, "round", 1.0),
                                               (LINE, width, width_field, "flat", 0.5)):
        sel = kind == which
        sized = sel & np.isfinite(size) & (size > 0)
        bad = sel & ~sized
        if bad.any():
            warnings.append(Message(
                "图层 {layer} 字段 {field} 为空或不大于 0 的要素按无宽度处理：{ids}",
                "layer {layer}, field {field} empty or not above 0 for features (checked without a buffer): {ids}",
            ).format(layer=layer, field=field_name, ids=_list(ids[bad])))
        if sized.any():
            out[sized] = shapely.buffer(geoms[sized], size[sized] * half * scale[sized], quad_segs=QUAD_SEGS,
                                        cap_style=cap)
    poly = kind == POLYGON
    invalid = poly & ~shapely.is_valid(geoms)
    if invalid.any():
        warnings.append(Message("图层 {layer} 几何无效的要素已修复：{ids}",
                                "layer {layer}: invalid geometries repaired for features {ids}").format(
            layer=layer, ids=_list(ids[invalid])))
        out[invalid] = shapely.make_valid(geoms[invalid])
    empty = kind == None  # noqa: E711 - numpy elementwise comparison
    if empty.any():
        warnings.append(Message("图层 {layer} 没有几何的要素：{ids}",
                                "layer {layer}: features without geometry: {ids}").format(
            layer=layer, ids=_list(ids[empty])))
    return Footprints(out, kind, warnings)


def _sizes(values, n: int) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    try:
        return np.asarray(values, dtype=float).reshape(n)
    except (TypeError, ValueError):
        pass
    out = np.full(n, np.nan)
    for i, v in enumerate(values):
        try:
            out[i] = float(v) if v is not None and v != "" else np.nan
        except (TypeError, ValueError):
            out[i] = np.nan
    return out


def _list(values, limit: int = 20) -> str:
    values = [str(v) for v in values]
    more = f" (+{len(values) - limit})" if len(values) > limit else ""
    return ", ".join(values[:limit]) + more
