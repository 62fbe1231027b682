"""One vessel-intrusion run as the vesselintrusions algorithm writes it: the strict-zone episodes, the 伏季休渔
fishing in the park's other zones, the episode and monthly tables and the counts of the log.

``intrusion_run`` takes the fixes as read (geometries in the zones' CRS, the time, vessel and optional type
columns) and the zones; the algorithm only reads the layers, calls it and writes what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from ...constants import WORKING_CRS
from ..tables import FeatureTable
from .intrusions import Intrusions, find_intrusions, iso, season_fishing
from .vessels import VesselRules
from .zones import ZoneSet

ILLUSTRATIVE = "示意边界 / illustrative boundary"


@dataclass
class IntrusionRun:
    """The strict-zone episodes, the season episodes of the other zones ((zone type, Intrusions)), both tables."""

    result: Intrusions
    others: list
    episodes: FeatureTable
    monthly: FeatureTable

    @property
    def vessels(self) -> int:
        return len(set(self.result.vessel.tolist()))

    @property
    def intrusions(self) -> int:
        return int(self.result.counts.sum())

    @property
    def season(self) -> int:
        """伏季休渔 episodes: in the strict zone and in the others."""
        return int(self.result.season.sum()) + sum(len(part) for _, part in self.others)

    def class_counts(self) -> dict:
        """English class name -> episodes of that class in the strict zone."""
        return {c: int((self.result.klass == c).sum()) for c in self.result.rules.english}


def intrusion_run(geoms, times, vessels, zones: ZoneSet, rules: VesselRules, max_gap_s: float, vessel_types=None,
                  ids=None, layer: str = "tracks", time_field: str = "SJ", vessel_field: str = "CBBH",
                  illustrative: bool = False) -> IntrusionRun:
    """Episodes of the fixes ``geoms`` (points or multipoints, first point taken) in the strict zone of ``zones``
    and, with ``vessel_types``, fishing in the 伏季休渔 season in its other zones. Raises InputError / ValueError
    on bad input (naming ``layer``, the feature and the field)."""
    xy = fix_positions(geoms)
    result = find_intrusions(xy[:, 0], xy[:, 1], times, vessels, zones.strict, max_gap_s, ids=ids, layer=layer,
                             time_field=time_field, vessel_field=vessel_field, rules=rules,
                             vessel_types=vessel_types)
    others = []
    if vessel_types is not None:  # fishing in the 伏季休渔 season in the park's other zones
        for zone_type, geom in zip(zones.types, zones.geoms):
            rest = shapely.difference(geom, zones.strict)
            if zone_type != zones.strict_type and not shapely.is_empty(rest):
                others.append((zone_type, season_fishing(xy[:, 0], xy[:, 1], times, vessels, rest, vessel_types,
                                                         rules, max_gap_s, ids=ids, layer=layer)))
    return IntrusionRun(result, others, episodes_table(result, illustrative, zones.strict_type, others),
                        monthly_table(result, illustrative, others))


def fix_positions(geoms: np.ndarray) -> np.ndarray:
    """(x, y) of each fix, the first point of a multipoint; NaN for a NULL, empty or NaN point (the core skips
    those rows and names them)."""
    points = np.asarray(geoms, dtype=object).copy()
    multi = shapely.get_type_id(points) == 4
    if multi.any():  # multipoint fixes: their first point
        points[multi] = shapely.get_geometry(points[multi], 0)
    single = (shapely.get_type_id(points) == 0) & ~shapely.is_empty(points)
    xy = np.full((len(points), 2), np.nan)
    xy[single, 0] = shapely.get_x(points[single])
    xy[single, 1] = shapely.get_y(points[single])
    return xy


def episodes_table(result: Intrusions, illustrative: bool = False, zone: str = "严格管控区",
                   others: list | None = None) -> FeatureTable:
    """The strict-zone episodes, then the 伏季休渔 episodes of the other zones (``others``: (zone type, Intrusions))."""
    parts = [(zone, result)] + list(others or [])
    columns: dict = {}
    for zone_type, part in parts:
        for name, values in _episode_columns(part, zone_type, illustrative).items():
            columns.setdefault(name, []).extend(values.tolist() if isinstance(values, np.ndarray) else list(values))
    geoms = np.concatenate([np.asarray(part.geoms, dtype=object) for _, part in parts])
    return FeatureTable(
        "vessel_intrusions",
        [("CBBH", "str"), ("CBLX", "str"), ("GKFQ", "str"), ("JRSJ", "datetime"), ("LKSJ", "datetime"),
         ("SC_MIN", "float"), ("DS", "int"), ("JRSJ_GJ", "datetime"), ("LKSJ_GJ", "datetime"),
         ("SC_GJ_MIN", "float"), ("SD_PJ_KN", "float"), ("SD_ZX_KN", "float"), ("LB", "str"), ("LB_EN", "str"),
         ("SFCR", "int"), ("XYQ", "int"), ("BZ", "str")],
        {k: np.asarray(v, dtype=float) if k in ("SD_PJ_KN", "SD_ZX_KN") else v for k, v in columns.items()},
        geoms, "MultiPoint", WORKING_CRS)


def _episode_columns(result: Intrusions, zone: str, illustrative: bool) -> dict:
    notes = []
    for start, end in zip(result.open_start, result.open_end):
        parts = (["进入前无定位，进入时间可能更早 / no fix before entry"] if start else []) + (
            ["离开后无定位，离开时间可能更晚 / no fix after exit"] if end else []) + (
            [ILLUSTRATIVE] if illustrative else [])
        notes.append("；".join(parts))
    english = result.rules.english
    return {"CBBH": result.vessel, "CBLX": result.vessel_type, "GKFQ": [zone] * len(result),
            "JRSJ": iso(result.entry_s), "LKSJ": iso(result.exit_s), "SC_MIN": np.round(result.duration_s / 60.0, 2),
            "DS": result.points, "JRSJ_GJ": iso(result.entry_est_s), "LKSJ_GJ": iso(result.exit_est_s),
            "SC_GJ_MIN": np.round(result.dwell_min, 2), "SD_PJ_KN": np.round(result.mean_kn, 2),
            "SD_ZX_KN": np.round(result.min_kn, 2), "LB": result.klass, "LB_EN": [english[c] for c in result.klass],
            "SFCR": result.counts.astype(int), "XYQ": result.season.astype(int), "BZ": notes}


def monthly_table(result: Intrusions, illustrative: bool = False, others: list | None = None) -> FeatureTable:
    """Per month; XYQ counts the 伏季休渔 episodes of every zone (``others``: (zone type, Intrusions))."""
    rows = [dict(r, note=ILLUSTRATIVE if illustrative else "") for r in result.monthly]
    by_month = {r["month"]: r for r in rows}
    for _, part in others or []:
        for month in part.entry_s.astype("datetime64[s]").astype("datetime64[M]").astype(str):
            by_month[month]["season"] += 1
    keys = [("YF", "month", "str"), ("DWS", "fixes", "int"), ("CBS", "vessels", "int"),
            ("QNDWS", "fixes_inside", "int"), ("CRCS", "episodes", "int"), ("CRCBS", "intruding_vessels", "int"),
            ("CRXS", "hours_inside", "float"), ("ZCFZ", "longest_min", "float"), ("CRS", "intrusions", "int"),
            ("CY", "transit", "int"), ("TLZY", "loiter", "int"), ("DHS", "unclear", "int"), ("GW", "official", "int"),
            ("XYQ", "season", "int"), ("BZ", "note", "str")]
    return FeatureTable("patrol_monthly", [(k, t) for k, _, t in keys],
                        {k: [round(r[s], 2) if t == "float" else r[s] for r in rows] for k, s, t in keys})
