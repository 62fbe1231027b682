"""landsupervision:zoningconformance - verdict of each proposed activity against the park's zone rules."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)

from ...core.zoning import check_conformance
from ...core.zoning.conformance import ILLUSTRATIVE, conformance_table
from ...core.zoning.rules import NOT_CONCERNED, UNKNOWN_TYPE, VERDICTS
from ...inputs.checks import input_errors, label_of
from ...qgis_compat import ProcessingFieldParameterDataType, ProcessingSourceType
from ..base import LandSupervisionAlgorithm
from ..outputs import Canceled, write_outputs
from .common import (
    ZONES,
    add_rules_parameter,
    add_zone_parameters,
    read_activities,
    read_rules,
    read_zones,
)


class ZoningConformance(LandSupervisionAlgorithm):
    ALG_ID = "zoningconformance"
    DISPLAY_NAME = "Zoning conformance of activities"
    GROUP_ID = "zoning"
    HELP = (
        "Checks proposed activities (wind turbines, cables, channels, fish farms...) against the park's zones and the "
        "activity x zone rule matrix.\n"
        "Park zones: the zone polygons; \"Zone type field\" holds the zone type (default GKFQ: 严格管控区 / "
        "合理利用区). \"Zone type of the strict-control zone\": the zone type distances are measured to.\n"
        "Proposed activities: points with a radius field (BJ, metres), lines with a width field (KD, metres), or "
        "polygons; \"Activity type field\" holds the activity type (HDLX), \"Activity number field\" the activity "
        "number (HDBH). Points are buffered by their radius, lines by half their width, in EPSG:4549.\n"
        "Rule matrix: a CSV (a column per zone, a row per activity type, cells 禁止/限制/允许 with optional "
        "conditions after a colon); empty uses the default matrix of the plugin.\n"
        "Conformance of activities: one footprint per activity with the verdict JL (禁止 prohibited / 限制 "
        "conditional / 允许 allowed / 不涉及 outside the park / 未知类型 unknown type), the zones touched, the "
        "overlap with each zone (ellipsoidal, m2 and 公顷), the distance to the strict zone YGJL_M (metres), the "
        "deciding rule GZ and the rule text GZSM. The strictest verdict of the zones touched decides. Activity types "
        "missing from the matrix are listed, never guessed. Inputs in another CRS are reprojected."
    )
    ACTIVITIES = "ACTIVITIES"
    TYPE_FIELD = "TYPE_FIELD"
    ID_FIELD = "ID_FIELD"
    RADIUS_FIELD = "RADIUS_FIELD"
    WIDTH_FIELD = "WIDTH_FIELD"
    OUTPUT = "OUTPUT"

    def initAlgorithm(self, config=None):
        add_zone_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ACTIVITIES, self.tr("Proposed activities (points, lines or polygons)"),
            [ProcessingSourceType.VectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterField(
            self.TYPE_FIELD, self.tr("Activity type field"), defaultValue="HDLX",
            parentLayerParameterName=self.ACTIVITIES, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.ID_FIELD, self.tr("Activity number field"), defaultValue="HDBH",
            parentLayerParameterName=self.ACTIVITIES, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.RADIUS_FIELD, self.tr("Radius field of points (metres)"), defaultValue="BJ",
            parentLayerParameterName=self.ACTIVITIES, type=ProcessingFieldParameterDataType.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.WIDTH_FIELD, self.tr("Width field of lines (metres)"), defaultValue="KD",
            parentLayerParameterName=self.ACTIVITIES, type=ProcessingFieldParameterDataType.Numeric, optional=True))
        add_rules_parameter(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Conformance of activities"), ProcessingSourceType.VectorPolygon))
        self.addOutput(QgsProcessingOutputNumber("PROHIBITED", self.tr("Prohibited activities")))
        self.addOutput(QgsProcessingOutputNumber("CONDITIONAL", self.tr("Conditional activities")))
        self.addOutput(QgsProcessingOutputNumber("ALLOWED", self.tr("Allowed activities")))
        self.addOutput(QgsProcessingOutputNumber("NOT_CONCERNED", self.tr("Activities outside the park")))
        self.addOutput(QgsProcessingOutputNumber("UNKNOWN", self.tr("Activities of unknown type")))

    def processAlgorithm(self, parameters, context, feedback):
        zones, _, _, _, illustrative = read_zones(self, parameters, context, feedback, extra_fields=("BZ",))
        rules = read_rules(self, parameters, context, zones)
        feedback.setProgress(5)
        source = self.parameterAsSource(parameters, self.ACTIVITIES, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.ACTIVITIES))
        name = label_of(source, parameters.get(self.ACTIVITIES)) or self.ACTIVITIES
        ids, footprints, types, kinds, _ = read_activities(
            source, name, context, feedback, self.parameterAsString(parameters, self.TYPE_FIELD, context),
            self.parameterAsString(parameters, self.ID_FIELD, context),
            self.parameterAsString(parameters, self.RADIUS_FIELD, context),
            self.parameterAsString(parameters, self.WIDTH_FIELD, context), progress_span=(5, 50))
        if feedback.isCanceled():
            raise Canceled()
        if len(ids) == 0:
            feedback.pushWarning(self.tr("Layer '{layer}' has no features").format(layer=name))
        with input_errors(ValueError):
            result = check_conformance(footprints, types, zones, rules, ids=ids, layer=name)
        for message in result.warnings:
            feedback.pushWarning(str(message))
        feedback.setProgress(80)
        table = conformance_table(ids, types, kinds, footprints, result, rules, illustrative)
        dest = write_outputs(self, parameters, context, feedback, {self.OUTPUT: table})[self.OUTPUT]
        counts = {v: int((result.verdict == v).sum()) for v in (*VERDICTS, NOT_CONCERNED, UNKNOWN_TYPE)}
        feedback.pushInfo(self.tr("Verdicts: {counts}").format(
            counts=", ".join(f"{k} {v}" for k, v in counts.items())))
        if illustrative:
            feedback.pushInfo(ILLUSTRATIVE)
        feedback.setProgress(100)
        return {self.OUTPUT: dest, "PROHIBITED": counts["禁止"], "CONDITIONAL": counts["限制"],
                "ALLOWED": counts["允许"], "NOT_CONCERNED": counts[NOT_CONCERNED], "UNKNOWN": counts[UNKNOWN_TYPE]}


__all__ = ["ZoningConformance", "conformance_table", "ZONES"]
