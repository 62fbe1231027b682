"""landsupervision:patchreconciliation - reconcile the issued patches with the county's answers."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...constants import WORKING_CRS
from ...core.fieldmap import STANDARD_FIELDS
from ...core.patrol import PatchInput, TownInput, VerificationInput, load_rules, reconcile_patches
from ...inputs.checks import check_not_empty
from ...inputs.fields import field_overrides
from ...inputs.near import near_layer
from ...qgis_compat import (
    InvalidGeometryCheck,
    ProcessingNumberParameterType,
    ProcessingParameterFlag,
    ProcessingSourceType,
)
from ...translation import tr_noop
from ..base import LandSupervisionAlgorithm, gc_paused
from ..fast_read import read_ogr, usable_layer
from ..layer_io import read_source, with_detected_encodings
from ..outputs import Canceled, write_outputs
from .patrol_io import (
    crs_note,
    read_approvals,
    read_baseline,
    resolve_fields,
    source_label,
)

# (parameter, fieldmap kind, logical name, English label)
FIELD_PARAMETERS = [
    ("PATCH_ID_FIELD", "patches", "id", tr_noop("Patches: monitoring number field (JCBH)")),
    ("PATCH_TOWN_FIELD", "patches", "admin_code", tr_noop("Patches: admin code field (XZQDM)")),
    ("PATCH_AREA_FIELD", "patches", "area", tr_noop("Patches: monitored area field (JCMJ)")),
    ("PATCH_BEFORE_FIELD", "patches", "before_date", tr_noop("Patches: earlier image date field (QSX)")),
    ("PATCH_AFTER_FIELD", "patches", "after_date", tr_noop("Patches: later image date field (HSX)")),
    ("PATCH_BATCH_FIELD", "patches", "batch", tr_noop("Patches: batch field (PC), for a year of batches")),
    ("VERIFICATION_ID_FIELD", "verification", "id", tr_noop("Verification: monitoring number field (JCBH)")),
    ("RESULT_FIELD", "verification", "result", tr_noop("Verification: result field (PDJG)")),
    ("PROOF_FIELD", "verification", "proof_type", tr_noop("Verification: proof type field (JZLX)")),
    ("SUBTYPE_FIELD", "verification", "legal_subtype", tr_noop("Verification: legal sub-type field (HFLX)")),
    ("VIOLATION_FIELD", "verification", "violation_type", tr_noop("Verification: violation type field (WFLX)")),
    ("CULTIVATED_FIELD", "verification", "cultivated_area", tr_noop("Verification: cultivated area field (JCGDMJ)")),
    ("FARMLAND_AREA_FIELD", "verification", "farmland_area",
     tr_noop("Verification: basic farmland area field (ZYJJBNTMJ)")),
    ("APPROVAL_NO_FIELD", "verification", "approval_no", tr_noop("Verification: approval number field (PZWH)")),
    ("RECTIFICATION_FIELD", "verification", "rectification",
     tr_noop("Verification: rectification status field (ZGZT)")),
    ("EXCLUDED_FIELD", "verification", "excluded", tr_noop("Verification: exclusion flag field (SFPC)")),
    ("MEASURE_FIELD", "verification", "measure", tr_noop("Verification: rectification measure field (ZGCS)")),
    ("VIOLATION_AREA_FIELD", "verification", "violation_area", tr_noop("Verification: illegal area field (WFMJ)")),
    ("APPROVED_CULTIVATED_FIELD", "verification", "approved_cultivated",
     tr_noop("Verification: approved cultivated area field (YDSXZGDMJ)")),
    ("UNAPPROVED_CULTIVATED_FIELD", "verification", "unapproved_cultivated",
     tr_noop("Verification: unapproved cultivated area field (WBSXZGDMJ)")),
    ("APPROVALS_NO_FIELD", "approvals", "approval_no", tr_noop("Approvals: approval number field (PZWH)")),
    ("APPROVALS_TYPE_FIELD", "approvals", "subtype", tr_noop("Approvals: sub-type field (PZLX)")),
    ("APPROVALS_DATE_FIELD", "approvals", "date", tr_noop("Approvals: approval date field (PZRQ)")),
    ("APPROVALS_TERM_END_FIELD", "approvals", "term_end", tr_noop("Approvals: temporary-use term end field (DQRQ)")),
    ("APPROVALS_INFRASTRUCTURE_FIELD", "approvals", "infrastructure",
     tr_noop("Approvals: infrastructure flag field (JCSS)")),
    ("BASELINE_CLASS_FIELD", "baseline", "class_code", tr_noop("Baseline: land class code field (DLBM)")),
    ("BASELINE_KCXS_FIELD", "baseline", "deduct_ratio", tr_noop("Baseline: ridge deduction coefficient field (KCXS)")),
    ("TOWN_NAME_FIELD", "towns", "name", tr_noop("Towns: name field (XZQMC)")),
    ("TOWN_CODE_FIELD", "towns", "code", tr_noop("Towns: code field (XZQDM)")),
]
VERIFICATION_OPTIONAL = ["result", "proof_type", "legal_subtype", "violation_type", "cultivated_area",
                         "farmland_area", "approval_no", "rectification", "excluded", "measure", "violation_area",
                         "approved_cultivated", "unapproved_cultivated"]
AREA_UNITS = ["mu", "m2"]


class PatchReconciliation(LandSupervisionAlgorithm):
    ALG_ID = "patchreconciliation"
    DISPLAY_NAME = "Reconcile satellite-patrol patches"
    GROUP_ID = "patrol"
    HELP = (
        "Checks, patch by patch, the county's verification answers (卫片执法图斑核查) against spatial evidence and "
        "the national rules, and computes the cultivated share (耕占比) per town and for the county.\n"
        "Patches as issued: the change patches (JCBH, XZQDM, JCMJ, QSX, HSX; PC the batch, for a year of batches).\n"
        "Verification table: the county's answers keyed by JCBH (PDJG or JZLX 合法/违法/其他, HFLX legal sub-type, "
        "WFLX, WFMJ, JCGDMJ, ZYJJBNTMJ, YDSXZGDMJ, WBSXZGDMJ, PZWH, ZGZT 已整改/整改中/未整改, ZGCS measure, SFPC "
        "exclusion flag); a table or a layer.\n"
        "Approval layers: each with PZWH and a sub-type (field PZLX, or the layer name): 农转用/征收批复, 供地, "
        "临时用地, 设施农用地, 先行用地; PZRQ approval date, for 临时用地 DQRQ term end and JCSS infrastructure flag "
        "(optional).\n"
        "Baseline survey: the 三调 land-class layer (DLBM, KCXS); only the part near the patches is read.\n"
        "Permanent basic farmland: 永久基本农田 (optional). Towns: the towns (XZQMC, XZQDM).\n"
        "Rules (defaults and their sources in resources/patrol/rules.json): a patch covered by approvals dated no "
        "later than HSX for at least \"Coverage for a legal patch\" (95%) is suggested legal; one on baseline "
        "construction land only is suggested other; otherwise suspected illegal. Reported areas (in the \"Unit of the "
        "reported areas\", 亩 by default) differing from the computed ones by more than the larger of the two area "
        "tolerances (m2 and %) are discrepancies. Areas are ellipsoidal (CGCS2000); 耕地 and 永久基本农田 are net of "
        "田坎 (KCXS).\n"
        "耕占比 = illegal 耕地 / 耕地 of new construction x 100 (legal 临时用地 and 设施农用地 are no new "
        "construction), before and after rectification (only 拆除复耕, 恢复原状 or 没收 end the occupation), and on "
        "the ministry's second look (weak or unsupported legal answers rejected); patches flagged SFPC are left out "
        "of the illegal side. The \"Cultivated-share line\" (15%) and the \"Illegal cultivated area line\" (100 亩) "
        "flag towns over the line.\n"
        "Reconciled patches: the patches with evidence, suggested and reported results, agreement flag, "
        "criminal-referral flag and discrepancy codes. Discrepancies: one row per discrepancy (WEAK_COVERAGE, "
        "CULTIVATED_AREA_OFF, FARMLAND_AREA_OFF, NOT_REPORTED, NOT_ISSUED, DUPLICATE_JCBH, APPROVAL_NOT_FOUND, "
        "INVALID_GEOMETRY, APPROVED_AFTER_BUILT, TEMPORARY_EXPIRED, SUBTYPE_ON_FARMLAND, VIOLATION_AREA_OFF, "
        "APPROVED_CULTIVATED_OFF, UNAPPROVED_CULTIVATED_OFF, RECTIFIED_NOT_REMOVED, CRIMINAL_THRESHOLD) in Chinese "
        "and English. Town summary: per-town counts, areas in 亩 and 耕占比, with a county row 合计 (a year of "
        "batches: patches issued again in a later batch are counted once; REPEATED_IN_BATCHES). Batch contributions "
        "(optional): each batch's contribution per town and county."
    )

    def initAlgorithm(self, config=None):
        rules = load_rules()
        polygon = [ProcessingSourceType.VectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource("PATCHES", self.tr("Patches as issued"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "VERIFICATION", self.tr("Verification table"), [ProcessingSourceType.Vector]))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "APPROVALS", self.tr("Approval layers"), ProcessingSourceType.VectorPolygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource("BASELINE", self.tr("Baseline survey (三调)"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "FARMLAND", self.tr("Permanent basic farmland"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource("TOWNS", self.tr("Towns"), polygon))
        self._number("COVERAGE", tr_noop("Coverage for a legal patch (%)"), rules.coverage_legal_percent, 0, 100)
        self._number("AREA_TOLERANCE", tr_noop("Area tolerance (m2)"), rules.area_tolerance_m2, 0, None)
        self._number("AREA_TOLERANCE_PERCENT", tr_noop("Area tolerance (%)"), rules.area_tolerance_percent, 0, 100)
        self.addParameter(QgsProcessingParameterEnum(
            "AREA_UNIT", self.tr("Unit of the reported areas"), [self.tr("mu (亩)"), self.tr("square metres")],
            defaultValue=AREA_UNITS.index(rules.reported_area_unit)))
        self._number("RATIO_THRESHOLD", tr_noop("Cultivated-share line (%)"), rules.ratio_threshold_percent, 0, 100)
        self._number("INTERVIEW_MU", tr_noop("Illegal cultivated area line (mu)"), rules.interview_threshold_mu, 0,
                     None)
        for name, kind, key, label in FIELD_PARAMETERS:
            param = QgsProcessingParameterString(name, self.tr(label), STANDARD_FIELDS[kind][key], optional=True)
            param.setFlags(param.flags() | ProcessingParameterFlag.Advanced)
            self.addParameter(param)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Reconciled patches"), ProcessingSourceType.VectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_DISCREPANCIES", self.tr("Discrepancies"), ProcessingSourceType.Vector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_TOWNS", self.tr("Town summary"), ProcessingSourceType.VectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_BATCHES", self.tr("Batch contributions (patches with a batch field)"), ProcessingSourceType.Vector,
            optional=True, createByDefault=False))
        for name, label in [("PATCH_COUNT", tr_noop("Number of patches")),
                            ("DISCREPANCY_COUNT", tr_noop("Number of discrepancies")),
                            ("COUNTY_RATIO", tr_noop("County cultivated share before rectification (%)")),
                            ("COUNTY_RATIO_AFTER", tr_noop("County cultivated share after rectification (%)")),
                            ("COUNTY_RATIO_SECOND",
                             tr_noop("County cultivated share on the ministry's second look (%)")),
                            ("REFERRAL_COUNT", tr_noop("Patches over the criminal-referral line"))]:
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))
        self.addOutput(QgsProcessingOutputString("SUMMARY", self.tr("Summary")))

    def _number(self, name, label, default, minimum, maximum):
        param = QgsProcessingParameterNumber(name, self.tr(label), ProcessingNumberParameterType.Double,
                                             defaultValue=default, minValue=minimum)
        if maximum is not None:
            param.setMaximum(maximum)
        self.addParameter(param)

    def processAlgorithm(self, parameters, context, feedback):
        with gc_paused():
            return self._reconcile(parameters, context, feedback)

    def _reconcile(self, parameters, context, feedback):
        parameters, _keep = with_detected_encodings(
            parameters, ["PATCHES", "VERIFICATION", "BASELINE", "TOWNS", "FARMLAND", "APPROVALS"], feedback)
        sources = {}
        # invalid patches are repaired and reported by the core, never skipped or refused here
        check = context.invalidGeometryCheck()
        context.setInvalidGeometryCheck(InvalidGeometryCheck.NoCheck)
        try:
            for name in ("PATCHES", "VERIFICATION", "BASELINE", "TOWNS", "FARMLAND"):
                sources[name] = self.parameterAsSource(parameters, name, context)
        finally:
            context.setInvalidGeometryCheck(check)
        for name, source in sources.items():
            if source is None and name != "FARMLAND":
                raise QgsProcessingException(self.invalidSourceError(parameters, name))
        labels = {name: source_label(source, parameters.get(name)) for name, source in sources.items() if source}
        overrides = {kind: {} for kind in STANDARD_FIELDS}
        overrides.update(field_overrides(self, parameters, context, [p[:3] for p in FIELD_PARAMETERS]))
        rules = load_rules().with_values(
            coverage_legal_percent=self.parameterAsDouble(parameters, "COVERAGE", context),
            area_tolerance_m2=self.parameterAsDouble(parameters, "AREA_TOLERANCE", context),
            area_tolerance_percent=self.parameterAsDouble(parameters, "AREA_TOLERANCE_PERCENT", context),
            reported_area_unit=AREA_UNITS[self.parameterAsEnum(parameters, "AREA_UNIT", context)],
            ratio_threshold_percent=self.parameterAsDouble(parameters, "RATIO_THRESHOLD", context),
            interview_threshold_mu=self.parameterAsDouble(parameters, "INTERVIEW_MU", context))
        patches, verification, towns = self._read_inputs(parameters, sources, labels, overrides, context, feedback)
        approvals = read_approvals(self.parameterAsLayerList(parameters, "APPROVALS", context),
                                   {**STANDARD_FIELDS["approvals"], **overrides["approvals"]}, rules, context,
                                   feedback)
        feedback.setProgress(15)
        baseline_names = resolve_fields(sources["BASELINE"], "baseline", overrides["baseline"], ["class_code"],
                                        ["deduct_ratio"], labels["BASELINE"])
        baseline_layer = near_layer(self, parameters, "BASELINE", context)  # None when restricted (selection...)
        crs_note(sources["BASELINE"], feedback, labels["BASELINE"], baseline_layer)
        # an empty baseline is no "nothing needed"
        check_not_empty(sources["BASELINE"], labels["BASELINE"], baseline_layer)
        baseline = read_baseline(sources["BASELINE"], baseline_names, patches.geometry, context, feedback,
                                 baseline_layer, labels["BASELINE"])
        feedback.pushInfo(self.tr("Read {count} baseline polygons near the patches").format(
            count=len(baseline.geometry)))
        farmland = None
        if sources["FARMLAND"] is not None:
            crs_note(sources["FARMLAND"], feedback, labels["FARMLAND"])
            farmland = read_source(sources["FARMLAND"], [], context, feedback, target_crs=WORKING_CRS,
                                   label=labels["FARMLAND"]).geometry
        if feedback.isCanceled():
            raise Canceled()
        feedback.setProgress(40)
        if len(patches) == 0:
            feedback.reportError(self.tr("Layer '{layer}' has no patches: the outputs are empty").format(
                layer=labels["PATCHES"]))
        result = reconcile_patches(patches, verification, approvals, baseline, towns, farmland, rules,
                                   progress=lambda p: feedback.setProgress(40 + 0.5 * p))
        tables = {"OUTPUT": result.patches, "OUTPUT_DISCREPANCIES": result.discrepancies, "OUTPUT_TOWNS": result.towns}
        if result.batches is not None:
            tables["OUTPUT_BATCHES"] = result.batches
        out = write_outputs(self, parameters, context, feedback, tables, optional=("OUTPUT_BATCHES",))
        for message in result.log:
            feedback.pushInfo(str(message))
        summary = result.summary
        out.update({"PATCH_COUNT": summary["n"], "DISCREPANCY_COUNT": summary["issues"],
                    "COUNTY_RATIO": summary["ratio"], "COUNTY_RATIO_AFTER": summary["ratio_after"],
                    "COUNTY_RATIO_SECOND": summary["ratio_second"], "REFERRAL_COUNT": summary["referrals"],
                    "SUMMARY": str(result.log[-1]) if result.log else ""})
        feedback.setProgress(100)
        return out

    def _read_inputs(self, parameters, sources, labels, overrides, context, feedback):
        patch_names = resolve_fields(sources["PATCHES"], "patches", overrides["patches"], ["id"],
                                     ["admin_code", "area", "before_date", "after_date", "batch"], labels["PATCHES"])
        crs_note(sources["PATCHES"], feedback, labels["PATCHES"])
        # a GeoPackage in the working CRS in bulk through GDAL's Arrow stream, else feature by feature
        fast = usable_layer(self, parameters, "PATCHES", context, WORKING_CRS)
        numeric = [patch_names[k] for k in ("area",) if k in patch_names]
        data = read_ogr(fast, list(patch_names.values()), feedback, numeric, labels["PATCHES"]) \
            if fast is not None else None
        if data is None:
            data = read_source(sources["PATCHES"], list(patch_names.values()), context, feedback,
                               target_crs=WORKING_CRS, label=labels["PATCHES"], numeric=numeric)
        col = {key: _plain(data.columns[name]) for key, name in patch_names.items()}
        patches = PatchInput(col["id"], data.geometry, col.get("admin_code"), col.get("area"), col.get("before_date"),
                             col.get("after_date"), data.ids.tolist(), col.get("batch"))
        ver_names = resolve_fields(sources["VERIFICATION"], "verification", overrides["verification"], ["id"],
                                   VERIFICATION_OPTIONAL, labels["VERIFICATION"])
        if "result" not in ver_names and "proof_type" not in ver_names:
            resolve_fields(sources["VERIFICATION"], "verification", overrides["verification"], ["result"], (),
                           labels["VERIFICATION"])
        ver = read_source(sources["VERIFICATION"], list(ver_names.values()), context, feedback, with_geometry=False,
                          label=labels["VERIFICATION"],
                          numeric=[ver_names[k] for k in VERIFICATION_NUMBERS if k in ver_names])
        verification = VerificationInput({key: ver.columns[name] for key, name in ver_names.items()},
                                         ver.ids.tolist())
        town_names = resolve_fields(sources["TOWNS"], "towns", overrides["towns"], ["name", "code"], (),
                                    labels["TOWNS"])
        crs_note(sources["TOWNS"], feedback, labels["TOWNS"])
        t = read_source(sources["TOWNS"], [town_names["name"], town_names["code"]], context, feedback,
                        target_crs=WORKING_CRS, label=labels["TOWNS"], required=True)
        towns = TownInput(t.geometry, t.columns[town_names["name"]], t.columns[town_names["code"]])
        return patches, verification, towns


VERIFICATION_NUMBERS = ("violation_area", "cultivated_area", "farmland_area", "approved_cultivated",
                        "unapproved_cultivated")


def _plain(values) -> list:
    """A column as a list of Python values (the bulk read gives text as a numpy array)."""
    return values.tolist() if hasattr(values, "tolist") else list(values)
