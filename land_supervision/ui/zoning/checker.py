"""Draw-to-check without a QGIS round trip: the zone layer read once into shapely, each footprint checked in core."""

from __future__ import annotations

import time
from dataclasses import dataclass

import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject

from ...constants import WORKING_CRS
from ...core.zoning import build_zones, check_footprint, load_rules, make_footprints
from ...core.zoning.rules import RuleMatrix
from ...core.zoning.zones import ZoneSet


@dataclass
class Answer:
    verdict: str
    zones: str
    rule: str
    rule_text: str
    distance_m: float
    footprint_m2: float
    overlap_m2: dict
    footprint: object  # shapely geometry in EPSG:4549
    milliseconds: float


def to_working(geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem):
    """A QgsGeometry in ``crs`` as a shapely geometry in the working CRS."""
    geometry = QgsGeometry(geometry)
    working = QgsCoordinateReferenceSystem(WORKING_CRS)
    if crs.isValid() and crs != working:
        geometry.transform(QgsCoordinateTransform(crs, working, QgsProject.instance().transformContext()))
    return shapely.from_wkb(bytes(geometry.asWkb()))


class ZoneChecker:
    """Zones (dissolved, prepared) and the rule matrix, kept between checks."""

    def __init__(self, zones: ZoneSet, rules: RuleMatrix):
        self.zones = zones
        self.rules = rules

    @classmethod
    def from_layer(cls, layer, zone_field: str, rules_path: str | None = None) -> ZoneChecker:
        """Read the zone layer (any CRS) once, through the algorithms' reader and checks (a CRS that fits the
        coordinates, not empty, the field present, a GBK shapefile without .cpg decoded); raises InputError
        (a ValueError) or QgsProcessingException, each naming layer and field, on bad input."""
        from qgis.core import QgsProcessingContext, QgsProcessingFeedback

        from ...inputs.encodings import with_detected_encodings
        from ...inputs.reader import read_source

        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        fixed, _reopened = with_detected_encodings({"ZONES": layer}, ["ZONES"], QgsProcessingFeedback())
        arrays = read_source(fixed["ZONES"], [zone_field], context, target_crs=WORKING_CRS, label=layer.name(),
                             required=True)
        zones = build_zones(arrays.geometry, arrays.columns[zone_field], WORKING_CRS, ids=arrays.ids.tolist(),
                            layer=layer.name(), field_name=zone_field)
        rules = load_rules(rules_path or None)
        rules.check_zones(zones.types)
        return cls(zones, rules)

    def check(self, geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem, activity_type: str,
              size_m: float = 0.0) -> Answer:
        """Verdict of one drawn footprint: points are buffered by ``size_m`` (radius), lines by its half (width)."""
        started = time.perf_counter()
        geom = to_working(geometry, crs)
        footprint = make_footprints([geom], radius=[size_m], width=[size_m], crs=WORKING_CRS).geoms[0]
        row = check_footprint(footprint, activity_type, self.zones, self.rules)
        elapsed = (time.perf_counter() - started) * 1000.0
        return Answer(row["verdict"], row["zones"], row["rule"], row["rule_text"], row["distance_m"],
                      row["footprint_m2"], row["overlap_m2"], footprint, elapsed)
