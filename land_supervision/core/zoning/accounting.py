"""Zone accounting: ellipsoidal area of every zone, island land vs sea, against the approved figures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import shapely

from ..geodesy import ellipsoidal_area
from ..messages import InputError, Message
from ..tables import FeatureTable
from ..units import M2_PER_HA, M2_PER_MU
from .zones import STRICT_ZONE, USE_ZONE, ZoneSet

# Published figures of the 王盘山 park (ha): the defaults when no approved figures are given.
DEFAULT_APPROVED_HA = {STRICT_ZONE: 3900.00, USE_ZONE: 7899.84}
TOTAL_LABEL = "合计"


@dataclass
class AccountRow:
    zone: str
    area_m2: float
    land_m2: float | None  # None without a land layer
    approved_ha: float | None

    @property
    def area_ha(self) -> float:
        return self.area_m2 / M2_PER_HA

    @property
    def area_mu(self) -> float:
        return self.area_m2 / M2_PER_MU

    @property
    def land_ha(self) -> float | None:
        return None if self.land_m2 is None else self.land_m2 / M2_PER_HA

    @property
    def sea_ha(self) -> float | None:
        return None if self.land_m2 is None else (self.area_m2 - self.land_m2) / M2_PER_HA

    @property
    def diff_ha(self) -> float | None:
        return None if self.approved_ha is None else self.area_ha - self.approved_ha

    @property
    def diff_pct(self) -> float | None:
        if self.approved_ha in (None, 0):
            return None
        return 100.0 * (self.area_ha - self.approved_ha) / self.approved_ha


@dataclass
class Accounting:
    rows: list[AccountRow]
    warnings: list[Message] = field(default_factory=list)


def parse_approved(text: str) -> dict[str, float]:
    """``'严格管控区=3900; 合理利用区=7899.84'`` -> {zone: ha}. Empty text gives {}."""
    out: dict[str, float] = {}
    for item in re.split(r"[;；,，\n]+", text or ""):
        if not item.strip():
            continue
        parts = re.split(r"\s*[=:：]\s*", item.strip(), maxsplit=1)
        try:
            out[parts[0].strip()] = float(parts[1])
        except (IndexError, ValueError) as exc:
            raise InputError(Message("批准面积写法应为“分区=公顷”：{item}",
                                     "approved areas must read 'zone=ha': {item}").format(item=item.strip()),
                             layer="APPROVED") from exc
    return out


def approved_from_field(zone_types, values, layer: str = "zones", field_name: str = "PZMJ") -> dict[str, float]:
    """Approved ha per zone type from a field of the zone layer (summed over a type's features)."""
    out: dict[str, float] = {}
    for i, (zone, value) in enumerate(zip(zone_types, values)):
        if value is None or value == "":
            continue
        try:
            out[str(zone).strip()] = out.get(str(zone).strip(), 0.0) + float(value)
        except (TypeError, ValueError) as exc:
            raise InputError(Message("批准面积不是数字：{v}", "approved area is not a number: {v}").format(v=value),
                             layer=layer, feature=i + 1, field=field_name) from exc
    return out


def account_zones(zones: ZoneSet, approved_ha: dict[str, float] | None = None, land_geoms=None) -> Accounting:
    """One row per zone type and a total row; land/sea split when ``land_geoms`` (islands) are given."""
    approved_ha = DEFAULT_APPROVED_HA if approved_ha is None else approved_ha
    areas = zones.areas_m2()
    warnings = [o.message() for o in zones.overlaps]
    land = None
    park_land = None
    if land_geoms is not None:
        land_geoms = np.asarray(land_geoms, dtype=object).reshape(-1)
        land_geoms = land_geoms[~(shapely.is_missing(land_geoms) | shapely.is_empty(land_geoms))]
        land_union = shapely.union_all(shapely.make_valid(land_geoms)) if len(land_geoms) else shapely.Polygon()
        land = ellipsoidal_area(shapely.intersection(zones.geoms, land_union), zones.crs)
        park_land = float(ellipsoidal_area([shapely.intersection(zones.park, land_union)], zones.crs)[0])
        outside = float(ellipsoidal_area([shapely.difference(land_union, zones.park)], zones.crs)[0])
        if outside > 1.0:
            warnings.append(Message(
                "陆域图层有 {m:.2f} m2 位于公园之外（未计入）",
                "{m:.2f} m2 of the land layer lie outside the park (not counted)").format(m=outside))
    rows = [AccountRow(z, float(areas[k]), None if land is None else float(land[k]), approved_ha.get(z))
            for k, z in enumerate(zones.types)]
    for zone in approved_ha:
        if zone not in zones.types:
            warnings.append(Message("批准面积中的分区“{z}”不在分区图层中",
                                    "approved zone '{z}' is not in the zone layer").format(z=zone))
    park_m2 = float(ellipsoidal_area([zones.park], zones.crs)[0])
    if zones.overlaps:
        warnings.append(Message(
            "分区相互重叠：合计按并集面积 {u:.2f} 公顷，分区之和 {s:.2f} 公顷",
            "zones overlap: the total is the union, {u:.2f} ha; the zones sum to {s:.2f} ha").format(
            u=park_m2 / M2_PER_HA, s=float(areas.sum()) / M2_PER_HA))
    known = [approved_ha[z] for z in zones.types if z in approved_ha]
    total_approved = sum(known) if len(known) == len(zones.types) else None
    rows.append(AccountRow(TOTAL_LABEL, park_m2, park_land, total_approved))
    return Accounting(rows, warnings)


def accounting_table(result: Accounting, illustrative: bool) -> FeatureTable:
    """The output table: a row per zone and the total row (areas, land, sea, approved, difference)."""
    def opt(value, digits):
        return float("nan") if value is None else round(value, digits)

    rows = result.rows
    note = "示意边界 / illustrative boundary" if illustrative else ""
    return FeatureTable(
        "zone_accounting",
        [("GKFQ", "str"), ("MJ_M2", "float"), ("MJ_HA", "float"), ("MJ_MU", "float"), ("LY_HA", "float"),
         ("HY_HA", "float"), ("PZ_HA", "float"), ("CY_HA", "float"), ("CY_PCT", "float"), ("BZ", "str")],
        {"GKFQ": [r.zone for r in rows], "MJ_M2": [round(r.area_m2, 2) for r in rows],
         "MJ_HA": [round(r.area_ha, 4) for r in rows], "MJ_MU": [round(r.area_mu, 2) for r in rows],
         "LY_HA": [opt(r.land_ha, 4) for r in rows], "HY_HA": [opt(r.sea_ha, 4) for r in rows],
         "PZ_HA": [opt(r.approved_ha, 4) for r in rows], "CY_HA": [opt(r.diff_ha, 4) for r in rows],
         "CY_PCT": [opt(r.diff_pct, 4) for r in rows], "BZ": [note] * len(rows)})
