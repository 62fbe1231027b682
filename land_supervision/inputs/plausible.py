"""Do a layer's coordinates fit its CRS? Judged on the extent only (cheap, never per feature). Pure.

The classic mistakes in survey files: zone-prefixed eastings (40xxxxxx, EPSG:4528) in a layer that says
EPSG:4549, the reverse, and degrees in a layer that says it is projected (or metres under EPSG:4490).
"""

from __future__ import annotations

import math
import re

from ..core.messages import Message

# CGCS2000 3-degree Gauss-Kruger: zone n (central meridian 3n E) is EPSG:4513 + (n - 25) with the zone
# prefix in the easting, EPSG:4534 + (n - 25) without it (zones 25..45, central meridians 75E..135E)
_PREFIXED_FIRST, _PLAIN_FIRST, _FIRST_ZONE, _LAST_ZONE = 4513, 4534, 25, 45


def proj_parameters(proj: str) -> dict[str, str]:
    """'+proj=tmerc +lon_0=120 +x_0=500000 ...' -> {'proj': 'tmerc', 'lon_0': '120', 'x_0': '500000', ...}."""
    return dict(re.findall(r"\+(\w+)=(\S+)", proj or ""))


def _cgcs2000_gk(zone: int, prefixed: bool) -> str | None:
    if not _FIRST_ZONE <= zone <= _LAST_ZONE:
        return None
    return f"EPSG:{(_PREFIXED_FIRST if prefixed else _PLAIN_FIRST) + zone - _FIRST_ZONE}"


def crs_mismatch(layer: str, bounds, crs: str, geographic: bool, proj: str = "") -> Message | None:
    """Why the extent ``bounds`` (xmin, ymin, xmax, ymax) cannot be in CRS ``crs``, and which CRS to set;
    None when it fits (or cannot be judged). ``proj``: the CRS as a PROJ string (central meridian, false
    easting, ellipsoid)."""
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
        return Message("图层“{layer}”的坐标含 NaN 或无穷大（范围 {extent}）：请先修复几何",
                       "Layer '{layer}' has NaN or infinite coordinates (extent {extent}): repair the geometries "
                       "first").format(layer=layer, extent=_extent(bounds))
    if xmin > xmax or ymin > ymax:  # an empty extent: nothing to judge
        return None
    params = proj_parameters(proj)
    cgcs = "GRS80" in params.get("ellps", "") or "CGCS2000" in proj.upper() or crs.startswith("EPSG:45")
    found = _extent(bounds)
    degrees = -180.0 <= xmin and xmax <= 180.0 and -90.0 <= ymin and ymax <= 90.0
    if geographic:
        if degrees:
            return None
        hint = _metres_hint(xmin, xmax, cgcs)
        return Message("图层“{layer}”声明为地理坐标系 {crs}（度），但坐标是米（范围 {found}）"
                       "：请把图层的坐标系设为 {hint}",
                       "Layer '{layer}' says {crs} (degrees) but its coordinates are metres (extent {found}): "
                       "set its CRS to {hint}").format(layer=layer, crs=crs, found=found, hint=hint)
    # degrees of China (73-135E, 3-54N) under a Gauss-Kruger CRS: 400 km and more outside any of its zones
    # (tiny coordinates near 0, e.g. drawn test shapes, are not taken for degrees)
    in_china = 70.0 <= xmin and xmax <= 140.0 and 0.0 <= ymin and ymax <= 60.0
    if in_china:
        if float(params.get("x_0", "0") or 0) >= 100_000 or params.get("proj") == "tmerc":
            hint = "EPSG:4490" if cgcs else "the geographic CRS of its datum"
            return Message("图层“{layer}”声明为投影坐标系 {crs}（米），但坐标是经纬度（范围 {found}）"
                           "：请把图层的坐标系设为 {hint}",
                           "Layer '{layer}' says {crs} (metres) but its coordinates are degrees (extent {found}): "
                           "set its CRS to {hint}").format(layer=layer, crs=crs, found=found, hint=hint)
        return None
    if params.get("proj") != "tmerc" or "x_0" not in params:
        return None
    x_0 = float(params["x_0"])
    zone_of_crs = int(x_0 // 1_000_000)
    try:
        lon_0 = float(params.get("lon_0", "nan"))
    except ValueError:
        lon_0 = float("nan")
    if zone_of_crs == 0 and xmax >= 1_000_000:
        prefix = int(xmax // 1_000_000)
        hint = (_cgcs2000_gk(prefix, True) if cgcs else None) or f"+x_0={prefix * 1_000_000 + 500_000:.0f}"
        return Message("图层“{layer}”声明为 {crs}（东坐标不带带号），但东坐标带带号 {prefix}（范围 {found}）"
                       "：请把图层的坐标系设为 {hint}",
                       "Layer '{layer}' says {crs} (eastings without zone prefix) but its eastings carry the zone "
                       "prefix {prefix} (extent {found}): set its CRS to {hint}").format(
            layer=layer, crs=crs, prefix=prefix, found=found, hint=hint)
    if zone_of_crs > 0 and not zone_of_crs * 1_000_000 <= xmin <= xmax < (zone_of_crs + 1) * 1_000_000:
        zone = int(round(lon_0 / 3)) if math.isfinite(lon_0) else zone_of_crs
        if xmax < 1_000_000:
            hint = (_cgcs2000_gk(zone, False) if cgcs else None) or "+x_0=500000"
            return Message("图层“{layer}”声明为 {crs}（东坐标带带号 {zone}），但东坐标不带带号（范围 {found}）"
                       "：请把图层的坐标系设为 {hint}",
                           "Layer '{layer}' says {crs} (eastings with zone prefix {zone}) but its eastings have no "
                           "zone prefix (extent {found}): set its CRS to {hint}").format(
                layer=layer, crs=crs, zone=zone_of_crs, found=found, hint=hint)
        prefix = int(xmax // 1_000_000)
        hint = (_cgcs2000_gk(prefix, True) if cgcs else None) or f"+x_0={prefix * 1_000_000 + 500_000:.0f}"
        return Message("图层“{layer}”声明为 {crs}（带号 {zone}），但东坐标属于带号 {prefix}（范围 {found}）"
                       "：请把图层的坐标系设为 {hint}",
                       "Layer '{layer}' says {crs} (zone {zone}) but its eastings are of zone {prefix} "
                       "(extent {found}): set its CRS to {hint}").format(
            layer=layer, crs=crs, zone=zone_of_crs, prefix=prefix, found=found, hint=hint)
    return None


def _metres_hint(xmin: float, xmax: float, cgcs: bool) -> str:
    if xmin >= 1_000_000 and xmax < 100_000_000:
        prefix = int(xmin // 1_000_000)
        if cgcs and _cgcs2000_gk(prefix, True):
            return f"{_cgcs2000_gk(prefix, True)} (CGCS2000 3-degree Gauss-Kruger zone {prefix})"
    if cgcs:
        return "EPSG:4549 (CGCS2000 3-degree Gauss-Kruger, CM 120E; other central meridians: EPSG:4534-4554)"
    return "the projected CRS the coordinates were surveyed in"


def _extent(bounds) -> str:
    values = [f"{v:.0f}" if abs(v) >= 1000 else f"{v:.6g}" for v in (float(b) for b in bounds)]
    return f"{values[0]}, {values[1]} : {values[2]}, {values[3]}"
