"""landsupervision:vesselintrusions - intrusion episodes of vessel tracks into the strict zone, monthly summary."""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
)

from ...constants import WORKING_CRS
from ...core.tables import FeatureTable
from ...core.zoning import find_intrusions, season_fishing
from ...core.zoning.intrusions import Intrusions, iso
from ...core.zoning.vessels import load_vessel_rules
from ...inputs.checks import check_crs, input_errors, label_of, note_reprojection
from ...qgis_compat import ProcessingNumberParameterType, ProcessingSourceType
from ..base import LandSupervisionAlgorithm
from ..layer_io import read_source
from ..outputs import Canceled, write_outputs
from .common import add_zone_parameters, read_zones

ILLUSTRATIVE = "示意边界 / illustrative boundary"
DEFAULT_TYPE_FIELD = "CBLX"


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


class VesselIntrusions(LandSupervisionAlgorithm):
    ALG_ID = "vesselintrusions"
    DISPLAY_NAME = "Vessel intrusions into the strict zone"
    GROUP_ID = "zoning"
    HELP = (
        "Finds the episodes when vessels were inside the strict-control zone, from track points, and a monthly patrol "
        "summary.\n"
        "Vessel track points: vessel fixes with a vessel id (\"Vessel id field\", default CBBH) and a time (\"Time "
        "field\", default SJ: ISO 8601 text such as 2025-03-10T08:00:00, or a date-time field; times with a UTC "
        "offset are converted to Beijing time). Rows may come in any order. Rows with unreadable times, no vessel id "
        "or no position are skipped and named in the log.\n"
        "Park zones, \"Zone type field\", \"Zone type of the strict-control zone\": the zone layer and the zone type "
        "of the strict zone.\n"
        "Longest gap between fixes: minutes without a fix after which an episode is cut (default 30): where the "
        "vessel was in a gap is unknown.\n"
        "Intrusion episodes: one feature per episode (the fixes inside as a multipoint): vessel CBBH, entry JRSJ and "
        "exit LKSJ (first and last fix inside), duration SC_MIN, fixes DS; JRSJ_GJ / LKSJ_GJ / SC_GJ_MIN the entry "
        "and exit estimated where the straight track between the fixes either side crosses the zone edge; and a note "
        "when the entry or exit is not bracketed by a fix outside (then the estimate is the fix itself).\n"
        "Vessel type field: optional (default CBLX when the layer has it: 渔船, 货船, 客船, 公务船, 执法船 ...).\n"
        "Vessel rule table: the class thresholds and the 伏季休渔 calendar (JSON; empty = the default table "
        "resources/zoning/vessel_rules.json).\n"
        "Each episode gets its speed (SD_PJ_KN mean, SD_ZX_KN lowest leg, knots, from the fixes either side of the "
        "edge and those inside), its dwell (SC_GJ_MIN) and a class LB: 穿越 transit (fast the whole time, short), "
        "停留作业 loitering or fishing (slow, long), 待核实 to verify (anything else), 公务执法 official vessels. "
        "SFCR is 1 where the class counts as an intrusion (穿越 and 公务执法 do not by default); XYQ is 1 for a "
        "fishing vessel operating (停留作业) during the 伏季休渔 season. With a vessel type field, such episodes in "
        "the park's other zones are added as rows of their own (GKFQ names the zone; SFCR 0).\n"
        "Monthly patrol summary: per month the fixes and vessels observed, fixes inside, episodes, intruding vessels, "
        "hours inside and the longest episode; intrusions CRS and episodes per class (CY, TLZY, DHS, GW) and 伏季休渔 "
        "episodes XYQ."
    )
    TRACKS = "TRACKS"
    VESSEL_FIELD = "VESSEL_FIELD"
    TIME_FIELD = "TIME_FIELD"
    MAX_GAP = "MAX_GAP"
    TYPE_FIELD = "TYPE_FIELD"
    VESSEL_RULES = "VESSEL_RULES"
    OUTPUT = "OUTPUT"
    MONTHLY = "MONTHLY"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.TRACKS, self.tr("Vessel track points"), [ProcessingSourceType.VectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            self.VESSEL_FIELD, self.tr("Vessel id field"), defaultValue="CBBH", parentLayerParameterName=self.TRACKS,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.TIME_FIELD, self.tr("Time field"), defaultValue="SJ", parentLayerParameterName=self.TRACKS,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.TYPE_FIELD, self.tr("Vessel type field (optional; CBLX when the layer has it)"),
            parentLayerParameterName=self.TRACKS, optional=True))
        add_zone_parameters(self)
        self.addParameter(QgsProcessingParameterFile(
            self.VESSEL_RULES, self.tr("Vessel rule table (JSON; empty = the default table)"), extension="json",
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_GAP, self.tr("Longest gap between fixes within an episode (minutes)"),
            ProcessingNumberParameterType.Double, defaultValue=30.0, minValue=0.1))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Intrusion episodes"), ProcessingSourceType.VectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.MONTHLY, self.tr("Monthly patrol summary"), ProcessingSourceType.Vector))
        self.addOutput(QgsProcessingOutputNumber("EPISODES", self.tr("Intrusion episodes")))
        self.addOutput(QgsProcessingOutputNumber("VESSELS", self.tr("Intruding vessels")))
        self.addOutput(QgsProcessingOutputNumber("INTRUSIONS", self.tr("Episodes that count as intrusions")))
        self.addOutput(QgsProcessingOutputNumber("SEASON", self.tr("Fishing in the 伏季休渔 season")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED_ROWS", self.tr("Skipped track rows")))

    def processAlgorithm(self, parameters, context, feedback):
        zones, _, _, _, illustrative = read_zones(self, parameters, context, feedback, extra_fields=("BZ",))
        if zones.strict is None:
            raise QgsProcessingException(self.tr("The zone layer has no zone of type '{zone}'").format(
                zone=zones.strict_type))
        source = self.parameterAsSource(parameters, self.TRACKS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.TRACKS))
        name = label_of(source, parameters.get(self.TRACKS)) or self.TRACKS
        check_crs(source, name)
        note_reprojection(source, feedback, name)
        vessel_field = self.parameterAsString(parameters, self.VESSEL_FIELD, context) or "CBBH"
        time_field = self.parameterAsString(parameters, self.TIME_FIELD, context) or "SJ"
        if vessel_field.upper() == time_field.upper():
            raise QgsProcessingException(self.tr(
                "Layer '{layer}': field '{field}' is given both as the vessel id and as the time").format(
                layer=name, field=time_field))
        type_field = self.parameterAsString(parameters, self.TYPE_FIELD, context)
        if not type_field and source.fields().lookupField(DEFAULT_TYPE_FIELD) >= 0:
            type_field = DEFAULT_TYPE_FIELD
        if type_field and type_field.upper() in (vessel_field.upper(), time_field.upper()):
            raise QgsProcessingException(self.tr(
                "Layer '{layer}': field '{field}' is given both as the vessel type and as the vessel id or time"
            ).format(layer=name, field=type_field))
        with input_errors(ValueError):
            rules = load_vessel_rules(self.parameterAsFile(parameters, self.VESSEL_RULES, context) or None)
        fields = [vessel_field, time_field] + ([type_field] if type_field else [])
        arrays = read_source(source, fields, context, feedback, target_crs=WORKING_CRS,
                             progress_span=(5, 60), label=name, required=True)
        if feedback.isCanceled():
            raise Canceled()
        xy = fix_positions(arrays.geometry)
        max_gap = self.parameterAsDouble(parameters, self.MAX_GAP, context) * 60.0
        with input_errors(ValueError):
            result = find_intrusions(xy[:, 0], xy[:, 1], arrays.columns[time_field], arrays.columns[vessel_field],
                                     zones.strict, max_gap, ids=arrays.ids, layer=name, time_field=time_field,
                                     vessel_field=vessel_field, rules=rules,
                                     vessel_types=arrays.columns[type_field] if type_field else None)
            others = []
            if type_field:  # fishing in the 伏季休渔 season in the park's other zones
                for zone_type, geom in zip(zones.types, zones.geoms):
                    rest = shapely.difference(geom, zones.strict)
                    if zone_type != zones.strict_type and not shapely.is_empty(rest):
                        others.append((zone_type, season_fishing(
                            xy[:, 0], xy[:, 1], arrays.columns[time_field], arrays.columns[vessel_field], rest,
                            arrays.columns[type_field], rules, max_gap, ids=arrays.ids, layer=name)))
        for message in result.warnings:
            feedback.pushWarning(str(message))
        feedback.setProgress(80)
        written = write_outputs(self, parameters, context, feedback, {
            self.OUTPUT: episodes_table(result, illustrative, zones.strict_type, others),
            self.MONTHLY: monthly_table(result, illustrative, others)})
        dest, month_dest = written[self.OUTPUT], written[self.MONTHLY]
        vessels = len(set(result.vessel.tolist()))
        intrusions = int(result.counts.sum())
        season = int(result.season.sum()) + sum(len(part) for _, part in others)
        feedback.pushInfo(self.tr("{episodes} intrusion episodes by {vessels} vessels; {skipped} rows skipped").format(
            episodes=len(result), vessels=vessels, skipped=len(result.bad_rows)))
        feedback.pushInfo(self.tr(
            "{intrusions} count as intrusions ({classes}); {season} fishing in the 伏季休渔 season; vessel type "
            "field: {field}").format(
            intrusions=intrusions, season=season, field=type_field or "-",
            classes=", ".join(f"{c} {int((result.klass == c).sum())}" for c in result.rules.english)))
        feedback.setProgress(100)
        return {self.OUTPUT: dest, self.MONTHLY: month_dest, "EPISODES": len(result), "VESSELS": vessels,
                "SKIPPED_ROWS": len(result.bad_rows), "INTRUSIONS": intrusions, "SEASON": season}
