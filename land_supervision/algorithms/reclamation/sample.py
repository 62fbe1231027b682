"""landsupervision:reclamationsample - stratified random field sample (随机抽查) of checked plots."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ...constants import RECLAMATION_VERDICT_FIELD, WORKING_CRS
from ...core.reclamation.sample import BY_AREA, BY_COUNT, sample_sheet
from ...inputs.checks import check_crs, note_reprojection, parameter_label
from ...qgis_compat import InvalidGeometryCheck, ProcessingNumberParameterType, ProcessingSourceType
from ..base import LandSupervisionAlgorithm
from ..layer_io import read_source
from ..outputs import write_outputs

_TYPES = {"int": "int", "integer": "int", "integer64": "int", "double": "float", "real": "float"}


class ReclamationSample(LandSupervisionAlgorithm):
    ALG_ID = "reclamationsample"
    DISPLAY_NAME = "Reclamation field sample"
    GROUP_ID = "reclamation"
    HELP = (
        "Draws the random field sample (随机抽查) the provincial re-inspection walks, stratified by project.\n"
        "Checked plots: the \"Checked plots\" output of the acceptance check, or any plot layer with a project id.\n"
        "Share of plots to draw (default 0.2) and \"At least per project\" (default 1): per project, by count the "
        "share times the plots, rounded up (at least the minimum, at most all); by area, plots in random order until "
        "their ellipsoidal area reaches the share of the project's plot area.\n"
        "Random seed: the same seed (and the same plots) always gives the same sample; the seed is written into every "
        "output feature (CYZZ) and into the report.\n"
        "Also draw rejected plots: also draw from plots whose verdict (YSJL) is 不合格 (default: no).\n"
        "Field sample: the drawn plots with all their fields plus the field-sheet columns CYXH (sheet number), CYZS "
        "(plots in the project), CYS (drawn in the project), CYZZ (seed), CYFS (count/area), and empty SCJL (field "
        "finding), HCR (inspector), HCRQ (date) to fill in on site."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource("INPUT", self.tr("Checked plots"),
                                                              [ProcessingSourceType.VectorPolygon]))
        self.addParameter(QgsProcessingParameterField("PROJECT_FIELD", self.tr("Project id field"), "XMBH", "INPUT",
                                                      optional=True))
        self.addParameter(QgsProcessingParameterField("ID_FIELD", self.tr("Plot id field"), "DKBH", "INPUT",
                                                      optional=True))
        self.addParameter(QgsProcessingParameterField("VERDICT_FIELD", self.tr("Verdict field"),
                                                      RECLAMATION_VERDICT_FIELD, "INPUT",
                                                      optional=True))
        self.addParameter(QgsProcessingParameterNumber("RATIO", self.tr("Share of plots to draw"),
                                                       ProcessingNumberParameterType.Double, 0.2, False, 0.0, 1.0))
        self.addParameter(QgsProcessingParameterNumber("MIN_PER_PROJECT", self.tr("At least per project"),
                                                       ProcessingNumberParameterType.Integer, 1, False, 0))
        self.addParameter(QgsProcessingParameterEnum("BY", self.tr("Share by"),
                                                     [self.tr("plot count"), self.tr("plot area")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber("SEED", self.tr("Random seed"),
                                                       ProcessingNumberParameterType.Integer, 2021))
        self.addParameter(QgsProcessingParameterBoolean("INCLUDE_REJECTED", self.tr("Also draw rejected plots"),
                                                        False))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Field sample"),
                                                            ProcessingSourceType.VectorPolygon))
        self.addOutput(QgsProcessingOutputNumber("SAMPLE_COUNT", self.tr("Plots drawn")))
        self.addOutput(QgsProcessingOutputNumber("SEED_USED", self.tr("Seed used")))

    def processAlgorithm(self, parameters, context, feedback):
        check = context.invalidGeometryCheck()
        context.setInvalidGeometryCheck(InvalidGeometryCheck.NoCheck)
        try:
            source = self.parameterAsSource(parameters, "INPUT", context)
        finally:
            context.setInvalidGeometryCheck(check)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        # invalid geometries were judged by the acceptance check (R10): read them as they are
        label = parameter_label(self, parameters, "INPUT", source, context)
        check_crs(source, label)  # present, and fitting the coordinates
        project_field = self.parameterAsString(parameters, "PROJECT_FIELD", context) or "XMBH"
        id_field = self.parameterAsString(parameters, "ID_FIELD", context) or "DKBH"
        verdict_field = self.parameterAsString(parameters, "VERDICT_FIELD", context)
        names = source.fields().names()
        for name in (project_field, id_field):
            if name not in names:
                raise QgsProcessingException(self.tr("Layer '{layer}' has no field '{field}'").format(
                    layer=label, field=name))
        if verdict_field and verdict_field not in names:
            verdict_field = ""
        ratio = self.parameterAsDouble(parameters, "RATIO", context)
        minimum = self.parameterAsInt(parameters, "MIN_PER_PROJECT", context)
        by = BY_AREA if self.parameterAsEnum(parameters, "BY", context) == 1 else BY_COUNT
        seed = self.parameterAsInt(parameters, "SEED", context)
        include_rejected = self.parameterAsBool(parameters, "INCLUDE_REJECTED", context)
        arrays = read_source(source, names, context, feedback, target_crs=WORKING_CRS, label=label, required=True)
        note_reprojection(source, feedback, label)
        fields = [(name, _kind(source.fields().field(name).typeName())) for name in names]
        sheet = sample_sheet(arrays.geometry, arrays.columns, fields, project_field, id_field, verdict_field,
                             include_rejected, ratio, minimum, by, seed)
        chosen = len(sheet.table)
        feedback.pushInfo(self.tr("Seed {seed}: {n} of {m} plots drawn in {p} projects").format(
            seed=seed, n=chosen, m=sheet.eligible, p=sheet.projects))
        table = sheet.table
        dest = write_outputs(self, parameters, context, feedback, {"OUTPUT": table})["OUTPUT"]
        feedback.setProgress(100)
        return {"OUTPUT": dest, "SAMPLE_COUNT": chosen, "SEED_USED": seed}


def _kind(type_name: str) -> str:
    return _TYPES.get(type_name.lower(), "str")
