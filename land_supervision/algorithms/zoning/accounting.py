"""landsupervision:zoneaccounting - ellipsoidal area of each zone, island land vs sea, vs the approved figures."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ...constants import WORKING_CRS
from ...core.zoning import account_zones, approved_from_field, parse_approved
from ...core.zoning.accounting import accounting_table
from ...inputs.checks import check_crs, input_errors, label_of, note_reprojection
from ...qgis_compat import ProcessingFieldParameterDataType, ProcessingSourceType
from ..base import LandSupervisionAlgorithm
from ..layer_io import read_source
from ..outputs import Canceled, write_outputs
from .common import ZONES, add_zone_parameters, read_zones

DEFAULT_APPROVED_TEXT = "严格管控区=3900; 合理利用区=7899.84"


class ZoneAccounting(LandSupervisionAlgorithm):
    ALG_ID = "zoneaccounting"
    DISPLAY_NAME = "Zone area accounting"
    GROUP_ID = "zoning"
    HELP = (
        "Area of every zone of the park on the CGCS2000 ellipsoid (the 三调 convention), the island land and sea "
        "within each zone when a land layer is given, compared with the approved figures.\n"
        "Park zones: the zone polygons; \"Zone type field\" holds the zone type (GKFQ). Features of one type are "
        "dissolved; zones that overlap each other are reported and the total is their union.\n"
        "Island land polygons: optional; land outside the park is reported and not counted.\n"
        "Approved areas in ha: written 'zone=ha; zone=ha' (default 严格管控区=3900; 合理利用区=7899.84). \"Approved "
        "area field of the zones\": a field of the zone layer with the approved 公顷 instead (summed per zone type).\n"
        "Zone accounting: a table with a row per zone and a total row: MJ_M2 / MJ_HA / MJ_MU area, LY_HA land, HY_HA "
        "sea, PZ_HA approved, CY_HA and CY_PCT the difference (computed minus approved)."
    )
    LAND = "LAND"
    APPROVED = "APPROVED"
    APPROVED_FIELD = "APPROVED_FIELD"
    OUTPUT = "OUTPUT"

    def initAlgorithm(self, config=None):
        add_zone_parameters(self, with_strict=False)
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.LAND, self.tr("Island land polygons (optional)"), [ProcessingSourceType.VectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.APPROVED, self.tr("Approved areas in ha (zone=ha; zone=ha)"), defaultValue=DEFAULT_APPROVED_TEXT,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.APPROVED_FIELD, self.tr("Approved area field of the zones (ha; instead of the text)"),
            parentLayerParameterName=ZONES, type=ProcessingFieldParameterDataType.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Zone accounting"), ProcessingSourceType.Vector))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_HA", self.tr("Park area (ha)")))
        self.addOutput(QgsProcessingOutputNumber("LAND_HA", self.tr("Island land in the park (ha)")))
        self.addOutput(QgsProcessingOutputNumber("OVERLAPS", self.tr("Overlapping zone pairs")))

    def processAlgorithm(self, parameters, context, feedback):
        approved_field = self.parameterAsString(parameters, self.APPROVED_FIELD, context)
        zones, arrays, field, name, illustrative = read_zones(
            self, parameters, context, feedback, extra_fields=(approved_field, "BZ"))
        with input_errors(ValueError):
            if approved_field:
                if approved_field not in arrays.columns:
                    raise QgsProcessingException(self.tr("Layer '{layer}' has no field '{field}'").format(
                        layer=name, field=approved_field))
                approved = approved_from_field(arrays.columns[field], arrays.columns[approved_field], name,
                                               approved_field)
            else:
                approved = parse_approved(self.parameterAsString(parameters, self.APPROVED, context))
        feedback.setProgress(30)
        land = None
        source = self.parameterAsSource(parameters, self.LAND, context)
        if source is not None:
            land_name = label_of(source, parameters.get(self.LAND)) or self.LAND
            check_crs(source, land_name)
            note_reprojection(source, feedback, land_name)
            land = read_source(source, [], context, feedback, target_crs=WORKING_CRS, label=land_name).geometry
        if feedback.isCanceled():
            raise Canceled()
        with input_errors(ValueError):
            result = account_zones(zones, approved, land)
        for message in result.warnings:
            feedback.pushWarning(str(message))
        table = accounting_table(result, illustrative)
        dest = write_outputs(self, parameters, context, feedback, {self.OUTPUT: table})[self.OUTPUT]
        for row in result.rows:
            diff = "" if row.diff_ha is None else f", {row.diff_ha:+.2f} ha vs {row.approved_ha:.2f}"
            feedback.pushInfo(f"{row.zone}: {row.area_ha:.2f} 公顷 = {row.area_mu:.2f} 亩{diff}")
        total = result.rows[-1]
        feedback.setProgress(100)
        return {self.OUTPUT: dest, "TOTAL_HA": round(total.area_ha, 4),
                "LAND_HA": None if total.land_ha is None else round(total.land_ha, 4),
                "OVERLAPS": len(zones.overlaps)}
