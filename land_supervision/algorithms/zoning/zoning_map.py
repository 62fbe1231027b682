"""landsupervision:zoningmap - a PDF map of the park: zones, islands, activities and their verdicts."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
)

from ...constants import WORKING_CRS
from ...core.tables import FeatureTable, concat_tables
from ...core.zoning import check_conformance
from ...core.zoning.conformance import ILLUSTRATIVE, conformance_table
from ...inputs.checks import check_crs, input_errors
from ...qgis_compat import ProcessingAlgorithmFlag, ProcessingSourceType
from ..base import LandSupervisionAlgorithm, pdf_output
from ..layer_io import read_source
from ..outputs import Canceled, OutputSet
from .common import (
    add_rules_parameter,
    add_zone_parameters,
    read_activities,
    read_rules,
    read_zones,
)

DEFAULT_TITLE = "王盘山省级海洋自然公园 生态分区管控图"


class ZoningMap(LandSupervisionAlgorithm):
    ALG_ID = "zoningmap"
    DISPLAY_NAME = "Zoning map (PDF)"
    GROUP_ID = "zoning"
    HELP = (
        "Prints an A4 PDF map of the park: the zones in the conventional colours (严格管控区 red, 合理利用区 green), "
        "the islands, the proposed activities coloured by their verdict and labelled with their number, a legend, a "
        "scale bar, a north arrow, a title, and a table of the activities with their verdicts.\n"
        "Park zones, \"Zone type field\", \"Zone type of the strict-control zone\": the zone layer (as in the zoning "
        "conformance check).\n"
        "Proposed activity layers: optional (points with BJ radius, lines with KD width, polygons), checked with the "
        "rule matrix like the zoning conformance check; the activity type, activity number, radius and width fields "
        "name their fields (defaults HDLX, HDBH, BJ, KD).\n"
        "Island polygons: optional. Map title: the title printed on the map.\n"
        "Map PDF: the file to write. Demo zones (layer names starting with demo_ or marked 示意) carry the note that "
        "the boundary is illustrative."
    )
    ACTIVITIES = "ACTIVITIES"
    TYPE_FIELD = "TYPE_FIELD"
    ID_FIELD = "ID_FIELD"
    RADIUS_FIELD = "RADIUS_FIELD"
    WIDTH_FIELD = "WIDTH_FIELD"
    ISLANDS = "ISLANDS"
    MAP_TITLE = "TITLE"
    OUTPUT = "OUTPUT"

    def initAlgorithm(self, config=None):
        add_zone_parameters(self)
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.ACTIVITIES, self.tr("Proposed activity layers"), ProcessingSourceType.VectorAnyGeometry,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.TYPE_FIELD, self.tr("Activity type field"), defaultValue="HDLX"))
        self.addParameter(QgsProcessingParameterString(
            self.ID_FIELD, self.tr("Activity number field"), defaultValue="HDBH", optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.RADIUS_FIELD, self.tr("Radius field of points (metres)"), defaultValue="BJ", optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.WIDTH_FIELD, self.tr("Width field of lines (metres)"), defaultValue="KD", optional=True))
        add_rules_parameter(self)
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ISLANDS, self.tr("Island polygons (optional)"), [ProcessingSourceType.VectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.MAP_TITLE, self.tr("Map title"), defaultValue=DEFAULT_TITLE))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Map PDF"), self.tr("PDF files (*.pdf)")))

    def flags(self):
        # print layouts render on the main thread
        return super().flags() | ProcessingAlgorithmFlag.CanCancel | ProcessingAlgorithmFlag.NoThreading

    def processAlgorithm(self, parameters, context, feedback):
        from ...reports.zoning_map import build_zoning_map

        path = pdf_output(self, parameters, self.OUTPUT, context)
        zones, arrays, zone_field, _, illustrative = read_zones(self, parameters, context, feedback,
                                                                extra_fields=("BZ",))
        rules = read_rules(self, parameters, context, zones)
        tables = []
        for layer in self.parameterAsLayerList(parameters, self.ACTIVITIES, context):
            if feedback.isCanceled():
                raise Canceled()
            name = layer.name()
            ids, footprints, types, kinds, _ = read_activities(
                layer, name, context, feedback, self.parameterAsString(parameters, self.TYPE_FIELD, context),
                self.parameterAsString(parameters, self.ID_FIELD, context),
                self.parameterAsString(parameters, self.RADIUS_FIELD, context),
                self.parameterAsString(parameters, self.WIDTH_FIELD, context))
            with input_errors(ValueError):
                result = check_conformance(footprints, types, zones, rules, ids=ids, layer=name)
            for message in result.warnings:
                feedback.pushWarning(str(message))
            tables.append(conformance_table(ids, types, kinds, footprints, result, rules, illustrative))
        feedback.setProgress(50)
        islands = None
        source = self.parameterAsSource(parameters, self.ISLANDS, context)
        if source is not None:
            check_crs(source, source.sourceName())
            island_arrays = read_source(source, [], context, feedback, target_crs=WORKING_CRS)
            islands = FeatureTable("islands", [], {}, island_arrays.geometry, "Polygon", WORKING_CRS)
        zone_table = FeatureTable("zones", [("GKFQ", "str")], {"GKFQ": [str(v) for v in arrays.columns[zone_field]]},
                                  arrays.geometry, "Polygon", WORKING_CRS)
        title = self.parameterAsString(parameters, self.MAP_TITLE, context) or DEFAULT_TITLE
        with OutputSet(self, parameters, context, feedback) as outputs:  # an existing file stays until the end
            try:
                areas = dict(zip(zones.types, (zones.areas_m2() / 10_000).tolist()))
                build_zoning_map(zone_table, concat_tables(tables), islands, outputs.file(self.OUTPUT, path), title,
                                 ILLUSTRATIVE if illustrative else "", zone_areas_ha=areas, feedback=feedback)
            except RuntimeError as exc:
                raise QgsProcessingException(str(exc)) from exc
            outputs.commit()
        feedback.pushInfo(self.tr("Map written to {path}").format(path=path))
        feedback.setProgress(100)
        return {self.OUTPUT: path}
