"""Conformance of activity footprints with the zone rules: verdict, overlap per zone, distance to the strict zone.

Vectorised over all footprints: one STRtree query against the (few) dissolved zones, intersections only
for footprints that cross a zone edge (a footprint inside a zone overlaps it by its own area).
``check_footprint`` answers for one shapely geometry (the dock's draw-to-check) with the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from ...constants import WORKING_CRS, ZONING_VERDICT_FIELD
from ..geodesy import ellipsoidal_area
from ..messages import Message
from ..tables import FeatureTable
from .footprints import point_scale
from .rules import NOT_CONCERNED, SEVERITY, UNKNOWN_TYPE, VERDICT_EN, VERDICTS, RuleMatrix
from .zones import ZoneSet

MIN_OVERLAP_M2 = 0.01  # a polygon that only shares an edge with a zone does not touch it


@dataclass
class Conformance:
    """Per activity: verdict, zones touched, overlap per zone (m2, columns in ``zone_types`` order), etc."""

    zone_types: list[str]
    verdict: np.ndarray
    overlap_m2: np.ndarray  # (n, zones)
    footprint_m2: np.ndarray
    distance_m: np.ndarray  # to the strict zone (0 inside or touching; NaN without a strict zone)
    zones_text: np.ndarray
    rule: np.ndarray  # the deciding rule, e.g. 风电 × 严格管控区
    rule_text: np.ndarray  # verdict and conditions of every zone touched
    unknown: np.ndarray  # indices of activities whose type the rule table does not know
    warnings: list[Message] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.verdict)

    def row(self, i: int) -> dict:
        """One activity's answer as a plain dict."""
        return {"verdict": self.verdict[i], "zones": self.zones_text[i], "rule": self.rule[i],
                "rule_text": self.rule_text[i], "distance_m": float(self.distance_m[i]),
                "footprint_m2": float(self.footprint_m2[i]),
                "overlap_m2": {z: float(self.overlap_m2[i, k]) for k, z in enumerate(self.zone_types)}}


def check_conformance(footprints, activity_types, zones: ZoneSet, rules: RuleMatrix,
                      ids=None, layer: str = "activities") -> Conformance:
    """Check every footprint (EPSG of ``zones.crs``) of the given activity types against the zone rules."""
    footprints = np.asarray(footprints, dtype=object).reshape(-1)
    n, nz = len(footprints), len(zones.types)
    ids = np.arange(1, n + 1) if ids is None else np.asarray(ids)
    types = np.array(["" if t is None else str(t).strip() for t in activity_types], dtype=object).reshape(n)
    present = ~(shapely.is_missing(footprints) | shapely.is_empty(footprints))
    area = np.zeros(n)
    area[present] = _areas(footprints[present], zones.crs)
    overlap = np.zeros((n, nz))
    touched = np.zeros((n, nz), dtype=bool)
    left, right = zones.tree.query(footprints, predicate="intersects")
    if len(left):
        inside = shapely.contains_properly(zones.geoms[right], footprints[left])
        pair_area = area[left].copy()
        cut = ~inside
        if cut.any():
            pair_area[cut] = _areas(shapely.intersection(footprints[left[cut]], zones.geoms[right[cut]]), zones.crs)
        overlap[left, right] = pair_area
        polygonal = area[left] > 0
        touched[left, right] = ~polygonal | (pair_area > MIN_OVERLAP_M2)
    distance = _distance_to_strict(footprints, present, zones)
    # severity of each (activity type, zone) from the matrix; -1 for unknown types
    type_index = {a: i for i, a in enumerate(rules.activities)}
    t_idx = np.array([type_index.get(t, -1) for t in types], dtype=int)
    sev_table = np.zeros((len(rules.activities) + 1, nz), dtype=int)
    for a, activity in enumerate(rules.activities):
        for z, zone in enumerate(zones.types):
            rule = rules.rule(activity, zone)
            sev_table[a, z] = SEVERITY[rule.verdict] if rule else 0
    sev = np.where(touched, sev_table[t_idx], 0)  # index -1 takes the all-zero last row
    deciding = np.argmax(sev, axis=1)
    level = sev[np.arange(n), deciding] if n else np.zeros(0, dtype=int)
    by_level = {SEVERITY[v]: v for v in VERDICTS}
    verdict = np.array([by_level.get(v, NOT_CONCERNED) for v in level], dtype=object)
    any_touch = touched.any(axis=1)
    unknown_mask = t_idx < 0
    verdict[unknown_mask & any_touch] = UNKNOWN_TYPE
    zones_text = np.full(n, "", dtype=object)
    rule_name = np.full(n, "", dtype=object)
    rule_text = np.full(n, "", dtype=object)
    for i in np.flatnonzero(any_touch):
        hit = np.flatnonzero(touched[i])
        zones_text[i] = "；".join(f"{zones.types[z]} {overlap[i, z] / 10_000:.2f} 公顷" for z in hit)
        if t_idx[i] < 0:
            rule_text[i] = f"规则表中没有活动类型“{types[i]}” / activity type not in the rule table"
            continue
        decide = rules.rule(types[i], zones.types[deciding[i]])
        rule_name[i] = f"{types[i]} × {decide.zone}" if decide else ""
        texts = [rules.rule(types[i], zones.types[z]) for z in hit]
        rule_text[i] = "；".join(r.text() for r in texts if r is not None)
        if rules.basis.get(types[i]):
            rule_text[i] += f"（依据：{rules.basis[types[i]]}）"
    warnings = _warnings(ids, types, unknown_mask, layer)
    return Conformance(list(zones.types), verdict, overlap, area, distance, zones_text, rule_name, rule_text,
                       np.flatnonzero(unknown_mask), warnings)


def _warnings(ids, types, unknown_mask, layer: str) -> list[Message]:
    """Activity types not in the rule table, and duplicate activity numbers."""
    warnings = []
    if unknown_mask.any():
        listed = ", ".join(f"{ids[i]}（{types[i] or '空'}）" for i in np.flatnonzero(unknown_mask)[:30])
        warnings.append(Message("图层 {layer} 中活动类型不在规则表中的要素（未推测）：{items}",
                                "layer {layer}: activity types not in the rule table (not guessed): {items}").format(
            layer=layer, items=listed + (" ..." if unknown_mask.sum() > 30 else "")))
    uniq, counts = np.unique(np.asarray([str(v) for v in ids], dtype=object), return_counts=True)
    if (counts > 1).any():
        doubled = ", ".join(f"{u} ×{c}" for u, c in zip(uniq[counts > 1][:30], counts[counts > 1][:30]))
        warnings.append(Message("图层 {layer} 活动编号重复（各自单独检查）：{items}",
                                "layer {layer}: duplicate activity numbers (each checked on its own): {items}").format(
            layer=layer, items=doubled))
    return warnings


def _areas(geoms, crs: str, chunk: int = 20_000) -> np.ndarray:
    """Ellipsoidal areas in chunks (the vertex arrays of 100,000 buffers would otherwise take a gigabyte)."""
    return np.concatenate([ellipsoidal_area(geoms[i:i + chunk], crs) for i in range(0, len(geoms), chunk)] or
                          [np.zeros(0)])


def _distance_to_strict(footprints, present, zones: ZoneSet) -> np.ndarray:
    out = np.full(len(footprints), np.nan)
    strict = zones.strict
    if strict is None or not present.any():
        return out
    lines = shapely.shortest_line(footprints[present], strict)
    planar = shapely.length(lines)
    nearest = shapely.get_coordinates(lines)[1::2]
    scale = point_scale(nearest[:, 0], nearest[:, 1], zones.crs)
    out[present] = planar / scale
    return out


def check_footprint(geom, activity_type: str, zones: ZoneSet, rules: RuleMatrix) -> dict:
    """The answer for one footprint polygon (or bare point/line) - the dock's draw-to-check."""
    return check_conformance([geom], [activity_type], zones, rules).row(0)


ILLUSTRATIVE = "分区为示意边界，非法定边界 / zones are illustrative, not the legal boundary"


def conformance_table(ids, types, kinds, footprints, result: Conformance, rules: RuleMatrix,
                      illustrative: bool) -> FeatureTable:
    """The output table: one footprint polygon per activity with its verdict, overlaps and rule."""
    n = len(ids)
    fields = [("HDBH", "str"), ("HDLX", "str"), ("JHLX", "str"), (ZONING_VERDICT_FIELD, "str"), ("JL_EN", "str"),
              ("SJFQ", "str"), ("ZYMJ_M2", "float"), ("ZYMJ_HA", "float")]
    columns = {"HDBH": [str(v) for v in ids], "HDLX": ["" if t is None else str(t) for t in types],
               "JHLX": ["" if k is None else str(k) for k in kinds], ZONING_VERDICT_FIELD: result.verdict,
               "JL_EN": [VERDICT_EN.get(v, v) for v in result.verdict], "SJFQ": result.zones_text,
               "ZYMJ_M2": np.round(result.footprint_m2, 2), "ZYMJ_HA": np.round(result.footprint_m2 / 1e4, 4)}
    for k, zone in enumerate(result.zone_types):
        fields += [(f"{zone}_M2", "float"), (f"{zone}_HA", "float")]
        columns[f"{zone}_M2"] = np.round(result.overlap_m2[:, k], 2)
        columns[f"{zone}_HA"] = np.round(result.overlap_m2[:, k] / 1e4, 4)
    notes = np.full(n, ILLUSTRATIVE if illustrative else "", dtype=object)
    for i in result.unknown:
        notes[i] = ("活动类型不在规则表中 / activity type not in the rule table; " + notes[i]).strip("; ")
    fields += [("YGJL_M", "float"), ("GZ", "str"), ("GZSM", "str"), ("BZ", "str")]
    columns.update({"YGJL_M": np.round(result.distance_m, 2), "GZ": result.rule, "GZSM": result.rule_text,
                    "BZ": notes})
    return FeatureTable("zoning_conformance", fields, columns, np.asarray(footprints, dtype=object), "Polygon",
                        WORKING_CRS, f"rules: {rules.source}")
