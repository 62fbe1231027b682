"""The park's control zones (管控分区): one dissolved geometry per zone type, checked for overlaps."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from ...constants import WORKING_CRS
from ..geodesy import ellipsoidal_area
from ..messages import InputError, Message

STRICT_ZONE = "严格管控区"
USE_ZONE = "合理利用区"
OVERLAP_TOLERANCE_M2 = 1.0


@dataclass(frozen=True)
class ZoneOverlap:
    """Two zone features that overlap each other (a defect of the zone layer, reported)."""

    feature_a: object
    feature_b: object
    zone_a: str
    zone_b: str
    area_m2: float

    def message(self) -> Message:
        return Message("分区要素 {a}（{za}）与 {b}（{zb}）重叠 {m:.2f} m2",
                       "zone features {a} ({za}) and {b} ({zb}) overlap by {m:.2f} m2").format(
            a=self.feature_a, za=self.zone_a, b=self.feature_b, zb=self.zone_b, m=self.area_m2)


@dataclass
class ZoneSet:
    """Zone types (input order), their dissolved geometries in ``crs`` (metres), and what was found."""

    types: list[str]
    geoms: np.ndarray
    crs: str = WORKING_CRS
    strict_type: str = STRICT_ZONE
    overlaps: list[ZoneOverlap] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)

    def __post_init__(self):
        for geom in self.geoms:
            shapely.prepare(geom)
        self.tree = shapely.STRtree(self.geoms)
        self.park = shapely.union_all(self.geoms)
        shapely.prepare(self.park)

    @property
    def strict(self):
        """The strict zone's geometry, or None if the layer has no such zone."""
        if self.strict_type in self.types:
            return self.geoms[self.types.index(self.strict_type)]
        return None

    def areas_m2(self) -> np.ndarray:
        return ellipsoidal_area(self.geoms, self.crs)


def build_zones(geoms, zone_types, crs: str = WORKING_CRS, ids=None, layer: str = "zones",
                field_name: str = "GKFQ", strict_type: str = STRICT_ZONE) -> ZoneSet:
    """Dissolve zone features by type. Invalid geometries are repaired, overlaps reported (not refused)."""
    geoms = np.asarray(geoms, dtype=object).reshape(-1)
    ids = list(range(1, len(geoms) + 1)) if ids is None else list(ids)
    if len(geoms) == 0:
        raise InputError(Message("分区图层为空", "the zone layer is empty"), layer=layer)
    warnings: list[Message] = []
    keep = []
    for i, (geom, zone) in enumerate(zip(geoms, zone_types)):
        if zone is None or str(zone).strip() == "":
            raise InputError(Message("管控分区类型为空", "empty zone type"), layer=layer, feature=ids[i],
                             field=field_name)
        if geom is None or shapely.is_empty(geom):
            warnings.append(Message("分区要素 {f} 没有几何，已跳过",
                                    "zone feature {f} has no geometry: skipped").format(f=ids[i]))
            continue
        if shapely.get_type_id(geom) not in (3, 6):
            raise InputError(Message("分区须为面要素", "zones must be polygons"), layer=layer, feature=ids[i])
        if not shapely.is_valid(geom):
            reason = shapely.is_valid_reason(geom)
            warnings.append(Message("分区要素 {f} 几何无效（{r}），已修复",
                                    "zone feature {f} is invalid ({r}): repaired").format(f=ids[i], r=reason))
            geoms[i] = _polygonal(shapely.make_valid(geom))
        keep.append(i)
    if not keep:
        raise InputError(Message("分区图层没有有效几何", "the zone layer has no geometry"), layer=layer)
    keep = np.asarray(keep)
    kept_geoms = geoms[keep]
    kept_types = [str(zone_types[i]).strip() for i in keep]
    overlaps = find_overlaps(kept_geoms, kept_types, [ids[i] for i in keep], crs)
    types = list(dict.fromkeys(kept_types))
    dissolved = np.array([shapely.union_all(kept_geoms[[t == z for t in kept_types]]) for z in types], dtype=object)
    return ZoneSet(types, dissolved, crs, strict_type, overlaps, warnings)


def find_overlaps(geoms, zone_types, ids, crs: str = WORKING_CRS) -> list[ZoneOverlap]:
    """Pairs of zone features whose interiors overlap by more than 1 m2 (ellipsoidal)."""
    geoms = np.asarray(geoms, dtype=object)
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    if len(left) == 0:
        return []
    areas = ellipsoidal_area(shapely.intersection(geoms[left], geoms[right]), crs)
    return [ZoneOverlap(ids[a], ids[b], zone_types[a], zone_types[b], float(m))
            for a, b, m in zip(left, right, areas) if m > OVERLAP_TOLERANCE_M2]


def _polygonal(geom):
    """The polygonal part of a repaired geometry."""
    if shapely.get_type_id(geom) in (3, 6):
        return geom
    parts = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in (3, 6)]
    return shapely.union_all(parts) if parts else shapely.Polygon()
