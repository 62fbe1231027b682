"""landsupervision:reclamationacceptance - check every reclamation plot, summarise projects and towns."""

from __future__ import annotations

import datetime
import hashlib

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ...constants import RECLAMATION_VERDICT_FIELD
from ...core.geodesy import WORKING_CRS
from ...core.messages import InputError
from ...core.reclamation.acceptance import Baseline, run_acceptance
from ...core.reclamation.area_chain import read_chain_table
from ...core.reclamation.checks_geometry import CanceledError
from ...core.reclamation.codes import ACCEPTED, PENDING, REJECTED
from ...core.reclamation.inputs import QUALITY_KEYS
from ...core.reclamation.output_tables import chain_table, plot_table, project_table, town_table
from ...core.reclamation.rules import DEFAULT_RULES_PATH, load_rules
from ...core.reclamation.summary import project_summaries, town_summaries
from ...inputs.near import near_layer
from ...qgis_compat import InvalidGeometryCheck, ProcessingFileParameterBehavior, ProcessingSourceType
from ...translation import tr_noop
from .. import fast_read
from ..base import LandSupervisionAlgorithm
from ..layer_io import with_detected_encodings
from ..outputs import Canceled, write_outputs
from . import inputs as rin

INPUT_LAYERS = ("PROJECTS", "PLOTS", "BASELINE", "DEV_BOUNDARY", "ECO_REDLINE", "PRIOR_PLOTS", "TOWNS", "AREA_CHAIN")
FIELD_PARAMS = [  # parameter, parent layer, kind, logical name, label
    ("PROJECT_ID_FIELD", "PROJECTS", "projects", "id", tr_noop("Project id field (项目编号)")),
    ("PLOT_ID_FIELD", "PLOTS", "plots", "id", tr_noop("Plot id field (地块编号)")),
    ("PLOT_PROJECT_FIELD", "PLOTS", "plots", "project_id", tr_noop("Plot's project id field")),
    ("PLOT_AREA_FIELD", "PLOTS", "plots", "declared_area", tr_noop("Plot declared area field (申报面积)")),
    ("PLOT_TARGET_FIELD", "PLOTS", "plots", "target_class", tr_noop("Plot target class field (目标地类)")),
    ("CLASS_FIELD", "BASELINE", "baseline", "class_code", tr_noop("Baseline land-class field (DLBM)")),
    ("TOWN_NAME_FIELD", "TOWNS", "towns", "name", tr_noop("Town name field")),
    ("TOWN_CODE_FIELD", "TOWNS", "towns", "code", tr_noop("Town code field")),
]


class ReclamationAcceptance(LandSupervisionAlgorithm):
    ALG_ID = "reclamationacceptance"
    DISPLAY_NAME = "Reclamation acceptance check"
    GROUP_ID = "reclamation"
    HELP = (
        "Checks every reclamation plot (复垦地块) before the provincial re-inspection and gives each a verdict: "
        "合格 (all checks pass), 不合格 (a check failed: reason codes R01-R19) or 待核实 (no failure, but a check "
        "could not be done because its data is missing - never counted as a pass).\n"
        "Checks: R01 baseline construction land >= 90% of the plot; R02 inside its project; R03 no overlap with "
        "another plot; R04 measured ellipsoidal area within 1% or 0.1 亩 (the larger) of the declared area; R05 "
        "target class 耕地 or a class the project declares (YXDL); R06 not in the urban development boundary; R07 "
        "not in the ecological red line; R08 no overlap with plots accepted before; R09 at least 0.5 亩; R10 valid "
        "geometry; R11 project id known; R12 unique plot id; R13-R19 field quality where recorded (soil depth >= "
        "60 cm, plough layer >= 20 cm, gravel <= 5%, pH 5.5-8.5, organic matter >= 1.5%, drainage, road access: "
        "editable bureau defaults in the spirit of TD/T 1036-2013).\n"
        "PROJECTS: project polygons (XMBH, XMMC, XZQMC, XZGDMJ declared new 耕地 亩; optional area chain GHXZMJ "
        "XJKJMJ SBYSMJ SJKJMJ STHJMJ QRXZMJ as 耕地 totals, paired 建新/安置 area JXAZMJ, YXDL, YSND year, ZBLX "
        "quota kind).\n"
        "PLOTS: plot polygons (DKBH, XMBH, SBMJ declared area in 亩, MBDL target class; optional YXTCHD GZCHD "
        "LSHL TRPH YJZHL PGSS TJDL, ZLDB 耕地质量等别 1-15).\n"
        "AREA_CHAIN (optional): the area chain as the acceptance system records it, one row per project and step: "
        "XMBH, HJ step (规划新增 县级自验扣减 上报验收 市级实地扣减 省厅核减 确认新增, or 1-6), NYDMJ 农用地, GDMJ "
        "耕地, STMJ 水田, SJDMJ 水浇地, HDMJ 旱地 (亩), ZLDB average quality grade. A recorded step wins over the "
        "project layer's figure, which wins over this run's own (planned from declared areas, submitted from the "
        "measured plots not rejected, confirmed from the new land of the accepted plots). A recorded 确认新增 "
        "split is what the ledger credit takes.\n"
        "BASELINE: 三调 land-class patches of the year before (DLBM, optional KCXS). Optional: DEV_BOUNDARY "
        "城镇开发边界, ECO_REDLINE 生态保护红线, PRIOR_PLOTS earlier accepted plots, TOWNS (XZQMC, XZQDM) for the "
        "town summary.\n"
        "RULES: a rule table (JSON or CSV rule,value); empty uses the shipped defaults. Unknown rules or bad "
        "values are refused.\n"
        "FIELD_OVERRIDES: other field names, e.g. 'plots.soil_depth=TCHD; projects.year=ND'.\n"
        "Inputs in another CRS are reprojected to EPSG:4549. Outputs: OUTPUT_PLOTS (every plot, its verdict, "
        "reason codes and texts, areas in m2 and 亩, construction share, new land XZMJ_MU, one state column per "
        "check C01-C19), OUTPUT_PROJECTS (counts, accepted area, new 耕地 by 水田/水浇地/旱地, the area chain and "
        "the 90% flag BZ90, linkage surplus JYZBMJ, the credited split RZSDMJ RZSJDMJ RZHDMJ and grain "
        "capacity), OUTPUT_CHAIN (one row per project and step: 农用地, 耕地 by 水田/水浇地/旱地, quality grade "
        "and where each figure came from), OUTPUT_TOWNS."
    )

    def initAlgorithm(self, config=None):
        poly = [ProcessingSourceType.VectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource("PROJECTS", self.tr("Reclamation projects"), poly))
        self.addParameter(QgsProcessingParameterFeatureSource("PLOTS", self.tr("Reclamation plots"), poly))
        self.addParameter(QgsProcessingParameterFeatureSource("BASELINE", self.tr("Baseline land survey (DLTB)"),
                                                              poly))
        for name, label in (("DEV_BOUNDARY", tr_noop("Urban development boundary")),
                            ("ECO_REDLINE", tr_noop("Ecological red line")),
                            ("PRIOR_PLOTS", tr_noop("Plots accepted before")), ("TOWNS", tr_noop("Towns"))):
            self.addParameter(QgsProcessingParameterFeatureSource(name, self.tr(label), poly, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "AREA_CHAIN", self.tr("Area chain table (面积链)"), [ProcessingSourceType.Vector], optional=True))
        self.addParameter(QgsProcessingParameterFile("RULES", self.tr("Rule table (JSON or CSV)"),
                                                     ProcessingFileParameterBehavior.File, optional=True))
        from ...core.fieldmap import STANDARD_FIELDS

        for param, parent, kind, key, label in FIELD_PARAMS:
            self.addParameter(QgsProcessingParameterField(param, self.tr(label), STANDARD_FIELDS[kind][key], parent,
                                                          optional=True))
        self.addParameter(QgsProcessingParameterString("FIELD_OVERRIDES", self.tr("Other field names"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT_PLOTS", self.tr("Checked plots"),
                                                            ProcessingSourceType.VectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT_PROJECTS", self.tr("Project summary"),
                                                            ProcessingSourceType.VectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT_TOWNS", self.tr("Town summary"),
                                                            ProcessingSourceType.VectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT_CHAIN", self.tr("Area chain by step"),
                                                            ProcessingSourceType.Vector, optional=True))
        for name, label in ((ACCEPTED, tr_noop("Plots accepted")), (REJECTED, tr_noop("Plots rejected")),
                              (PENDING, tr_noop("Plots pending"))):
            self.addOutput(QgsProcessingOutputNumber(_count_key(name), self.tr(label)))
        self.addOutput(QgsProcessingOutputString("RUN_ID", self.tr("Run id (evidence for the ledger)")))

    def _overrides(self, parameters, context) -> dict:
        overrides = rin.parse_overrides(self.parameterAsString(parameters, "FIELD_OVERRIDES", context))
        for param, _, kind, key, _ in FIELD_PARAMS:
            value = self.parameterAsString(parameters, param, context)
            if value:
                overrides.setdefault(kind, {})[key] = value
        return overrides

    def processAlgorithm(self, parameters, context, feedback):
        # a shapefile with GBK text but no .cpg or code page byte opens as GBK (the layers live for the run)
        parameters, _keep = with_detected_encodings(parameters, INPUT_LAYERS, feedback)
        overrides = self._overrides(parameters, context)
        rules_path = self.parameterAsFile(parameters, "RULES", context)
        try:
            rules = load_rules(rules_path or None)
        except InputError as exc:
            raise QgsProcessingException(exc.describe()) from exc
        feedback.pushInfo(self.tr("Rule table: {path}").format(path=rules_path or DEFAULT_RULES_PATH))
        sources = {}
        # invalid geometries are this tool's finding (R10), never a reason to stop or to drop a feature
        check = context.invalidGeometryCheck()
        context.setInvalidGeometryCheck(InvalidGeometryCheck.NoCheck)
        try:
            for name in INPUT_LAYERS:
                sources[name] = self.parameterAsSource(parameters, name, context)
        finally:
            context.setInvalidGeometryCheck(check)
        for name in ("PROJECTS", "PLOTS", "BASELINE"):
            if sources[name] is None:
                raise QgsProcessingException(self.invalidSourceError(parameters, name))
        labels = {name: rin.layer_label(self, parameters, name, src, context) for name, src in sources.items()
                  if src is not None}
        plots_src, projects_src = sources["PLOTS"], sources["PROJECTS"]
        fm_plots = rin.field_map("plots", labels["PLOTS"], overrides.get("plots"))
        arrays, names = rin.read_layer(plots_src, fm_plots, rin.PLOT_REQUIRED, rin.PLOT_OPTIONAL, context, feedback,
                                       (0, 5), fast_read.usable_layer(self, parameters, "PLOTS", context, WORKING_CRS))
        plots = rin.plots_from(arrays, names, labels["PLOTS"])
        missing = [fm_plots[k] for k in QUALITY_KEYS if k not in names]
        if missing:
            feedback.pushWarning(self.tr("Layer '{layer}' has no field {fields}: those quality checks are 'not "
                                         "checked'").format(layer=labels["PLOTS"], fields=", ".join(missing)))
        fm_projects = rin.field_map("projects", labels["PROJECTS"], overrides.get("projects"))
        arrays, names = rin.read_layer(projects_src, fm_projects, rin.PROJECT_REQUIRED, rin.PROJECT_OPTIONAL,
                                       context, feedback)
        projects = rin.projects_from(arrays, names, labels["PROJECTS"])
        recorded_chain = {}
        if sources["AREA_CHAIN"] is not None:
            fm_chain = rin.field_map("area_chain", labels["AREA_CHAIN"], overrides.get("area_chain"))
            try:
                recorded_chain, chain_warnings = read_chain_table(
                    rin.read_chain_table(sources["AREA_CHAIN"], fm_chain, context, feedback), projects.ids)
            except InputError as exc:
                raise QgsProcessingException(exc.describe()) from exc
            for warning in chain_warnings:
                feedback.pushWarning(warning.describe())
            feedback.pushInfo(self.tr("Area chain: {n} recorded steps").format(n=len(recorded_chain)))
        fm_base = rin.field_map("baseline", labels["BASELINE"], overrides.get("baseline"))
        feedback.pushInfo(self.tr("Reading the baseline survey"))
        # only near the plots, through the source's own spatial index (inputs.near: every format)
        arrays, names = rin.read_layer(sources["BASELINE"], fm_base, ("class_code",), ("deduct_ratio",), context,
                                       feedback, (5, 40), near_layer(self, parameters, "BASELINE", context),
                                       near=plots.geometry)
        if feedback.isCanceled():
            raise Canceled()
        kcxs = arrays.columns[names["deduct_ratio"]] if "deduct_ratio" in names else None
        if kcxs is None:
            feedback.pushWarning(self.tr("The baseline has no KCXS field: new 耕地 is credited without a 田坎 "
                                         "deduction"))
        baseline = Baseline(arrays.geometry, arrays.columns[names["class_code"]],
                            None if kcxs is None else np.array([_ratio(v) for v in kcxs], dtype=float))
        extra = {}
        for key in ("DEV_BOUNDARY", "ECO_REDLINE"):
            if sources[key] is not None:
                layer_arrays, _ = rin.read_layer(sources[key], rin.field_map("zones", labels[key], {}),
                                                 (), (), context, feedback)
                extra[key] = layer_arrays.geometry
            else:
                feedback.pushWarning(self.tr("No {layer} layer: its check is 'not checked' for every plot").format(
                    layer=key))
        prior_geoms, prior_ids = None, None
        if sources["PRIOR_PLOTS"] is not None:
            fm_prior = rin.field_map("plots", labels["PRIOR_PLOTS"], overrides.get("plots"))
            prior, pnames = rin.read_layer(sources["PRIOR_PLOTS"], fm_prior, (), ("id",), context, feedback)
            prior_geoms = prior.geometry
            prior_ids = ([str(v) for v in prior.columns[pnames["id"]]] if "id" in pnames
                         else [f"#{i}" for i in prior.ids])
        else:
            feedback.pushWarning(self.tr("No PRIOR_PLOTS layer: its check is 'not checked' for every plot"))
        towns = None
        if sources["TOWNS"] is not None:
            fm_towns = rin.field_map("towns", labels["TOWNS"], overrides.get("towns"))
            tarrays, tnames = rin.read_layer(sources["TOWNS"], fm_towns, ("name", "code"), (), context, feedback)
            towns = rin.towns_from(tarrays, tnames)
        if feedback.isCanceled():
            raise Canceled()

        def progress(pct, step):
            feedback.setProgress(40 + 0.5 * pct)

        try:
            result = run_acceptance(plots, projects, baseline, rules, extra.get("DEV_BOUNDARY"),
                                    extra.get("ECO_REDLINE"), prior_geoms, prior_ids, towns, WORKING_CRS, progress,
                                    feedback.isCanceled)
        except CanceledError:
            raise Canceled() from None
        del baseline, arrays  # the baseline (up to millions of patches) is not needed for the outputs
        for warning in result.warnings[:200]:
            feedback.pushWarning(warning.describe())
        if len(result.warnings) > 200:
            feedback.pushWarning(self.tr("... and {n} more notes (see the reason columns)").format(
                n=len(result.warnings) - 200))
        chain_warnings = []
        summaries = project_summaries(result, recorded_chain, chain_warnings)
        for warning in chain_warnings:
            feedback.pushWarning(warning.describe())
        if towns is not None:
            town_rows = town_summaries(result, summaries, towns.names, towns.codes)
        else:
            names_seen = sorted({s.town for s in summaries if s.town})
            town_rows = town_summaries(result, summaries, names_seen, [""] * len(names_seen))
        tables = {"OUTPUT_PLOTS": plot_table(result), "OUTPUT_PROJECTS": project_table(result, summaries),
                  "OUTPUT_TOWNS": town_table(town_rows, towns, WORKING_CRS),
                  "OUTPUT_CHAIN": chain_table(summaries)}
        run_id = _run_id(_digest(tables["OUTPUT_PLOTS"]), str(rules_path or DEFAULT_RULES_PATH))
        results = {"RUN_ID": run_id}
        results.update(write_outputs(self, parameters, context, feedback, tables, optional=("OUTPUT_CHAIN",)))
        for verdict in (ACCEPTED, REJECTED, PENDING):
            results[_count_key(verdict)] = result.verdicts.count(verdict)
        feedback.pushInfo(self.tr("{n} plots: {a} accepted, {r} rejected, {p} to be verified; run id {run}").format(
            n=len(plots), a=results["ACCEPTED"], r=results["REJECTED"], p=results["PENDING"], run=run_id))
        feedback.setProgress(100)
        return results


def _ratio(value) -> float:
    """A KCXS cell as a float (blank or unreadable: 0, no deduction)."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        return 0.0
    return out if out == out else 0.0


def _count_key(verdict: str) -> str:
    return {ACCEPTED: "ACCEPTED", REJECTED: "REJECTED", PENDING: "PENDING"}[verdict]


def _crs(text: str):
    from qgis.core import QgsCoordinateReferenceSystem

    return QgsCoordinateReferenceSystem(text)


def _digest(table) -> str:
    """A quick fingerprint of the checked plots: ids, measured areas, verdicts and reason codes."""
    text = "\n".join(f"{a}|{b}|{c}|{d}" for a, b, c, d in zip(table.columns["DKBH"], table.columns["CLMJ_M2"],
                                                             table.columns[RECLAMATION_VERDICT_FIELD],
                                                             table.columns["YYDM"]))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _run_id(plots_hash: str, rules: str) -> str:
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    digest = hashlib.sha256(f"{plots_hash}|{rules}".encode()).hexdigest()[:12]
    return f"reclamationacceptance:{stamp}:{digest}"
