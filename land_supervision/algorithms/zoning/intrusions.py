"""landsupervision:vesselintrusions - intrusion episodes of vessel tracks into the strict zone, monthly summary."""

from __future__ import annotations

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
from ...core.zoning.intrusion_run import intrusion_run
from ...core.zoning.vessels import load_vessel_rules
from ...inputs.checks import check_crs, input_errors, label_of, note_reprojection
from ...qgis_compat import ProcessingNumberParameterType, ProcessingSourceType
from ..base import LandSupervisionAlgorithm
from ..layer_io import read_source
from ..outputs import Canceled, write_outputs
from .common import add_zone_parameters, read_zones

DEFAULT_TYPE_FIELD = "CBLX"


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
        max_gap = self.parameterAsDouble(parameters, self.MAX_GAP, context) * 60.0
        with input_errors(ValueError):
            run = intrusion_run(arrays.geometry, arrays.columns[time_field], arrays.columns[vessel_field], zones,
                                rules, max_gap, arrays.columns[type_field] if type_field else None, ids=arrays.ids,
                                layer=name, time_field=time_field, vessel_field=vessel_field,
                                illustrative=illustrative)
        result = run.result
        for message in result.warnings:
            feedback.pushWarning(str(message))
        feedback.setProgress(80)
        written = write_outputs(self, parameters, context, feedback, {self.OUTPUT: run.episodes,
                                                                      self.MONTHLY: run.monthly})
        dest, month_dest = written[self.OUTPUT], written[self.MONTHLY]
        vessels, intrusions, season = run.vessels, run.intrusions, run.season
        feedback.pushInfo(self.tr("{episodes} intrusion episodes by {vessels} vessels; {skipped} rows skipped").format(
            episodes=len(result), vessels=vessels, skipped=len(result.bad_rows)))
        feedback.pushInfo(self.tr(
            "{intrusions} count as intrusions ({classes}); {season} fishing in the 伏季休渔 season; vessel type "
            "field: {field}").format(
            intrusions=intrusions, season=season, field=type_field or "-",
            classes=", ".join(f"{c} {n}" for c, n in run.class_counts().items())))
        feedback.setProgress(100)
        return {self.OUTPUT: dest, self.MONTHLY: month_dest, "EPISODES": len(result), "VESSELS": vessels,
                "SKIPPED_ROWS": len(result.bad_rows), "INTRUSIONS": intrusions, "SEASON": season}
