"""landsupervision:reclamationacceptance - check every reclamation plot, summarise projects and towns."""

from __future__ import annotations

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

from ...constants import WORKING_CRS
from ...core.reclamation.acceptance import Baseline
from ...core.reclamation.area_chain import read_chain_table
from ...core.reclamation.checks_geometry import CanceledError
from ...core.reclamation.codes import ACCEPTED, PENDING, REJECTED
from ...core.reclamation.inputs import QUALITY_KEYS, Plots
from ...core.reclamation.rules import DEFAULT_RULES_PATH, RuleTable, load_rules
from ...core.reclamation.run import AcceptanceRun, acceptance_run
from ...inputs.checks import input_errors, parameter_label
from ...inputs.fields import field_map, field_overrides
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
        "Checks every reclamation plot (复垦地块) before the provincial re-inspection and gives each a verdict: 合格 "
        "(all checks pass), 不合格 (a check failed: reason codes R01-R19) or 待核实 (no failure, but a check could "
        "not be done because its data is missing - never counted as a pass).\n"
        "Checks: R01 baseline construction land >= 90% of the plot; R02 inside its project; R03 no overlap with "
        "another plot; R04 measured ellipsoidal area within 1% or 0.1 亩 (the larger) of the declared area; R05 "
        "target class 耕地 or a class the project declares (YXDL); R06 not in the urban development boundary; R07 not "
        "in the ecological red line; R08 no overlap with plots accepted before; R09 at least 0.5 亩; R10 valid "
        "geometry; R11 project id known; R12 unique plot id; R13-R19 field quality where recorded (soil depth >= 60 "
        "cm, plough layer >= 20 cm, gravel <= 5%, pH 5.5-8.5, organic matter >= 1.5%, drainage, road access: editable "
        "bureau defaults in the spirit of TD/T 1036-2013).\n"
        "Reclamation projects: project polygons (XMBH, XMMC, XZQMC, XZGDMJ declared new 耕地 亩; optional area chain "
        "GHXZMJ XJKJMJ SBYSMJ SJKJMJ STHJMJ QRXZMJ as 耕地 totals, paired 建新/安置 area JXAZMJ, YXDL, YSND year, "
        "ZBLX quota kind).\n"
        "Reclamation plots: plot polygons (DKBH, XMBH, SBMJ declared area in 亩, MBDL target class; optional YXTCHD "
        "GZCHD LSHL TRPH YJZHL PGSS TJDL, ZLDB 耕地质量等别 1-15).\n"
        "Area chain table (optional): the area chain as the acceptance system records it, one row per project and "
        "step: XMBH, HJ step (规划新增 县级自验扣减 上报验收 市级实地扣减 省厅核减 确认新增, or 1-6), NYDMJ 农用地, "
        "GDMJ 耕地, STMJ 水田, SJDMJ 水浇地, HDMJ 旱地 (亩), ZLDB average quality grade. A recorded step wins over "
        "the project layer's figure, which wins over this run's own (planned from declared areas, submitted from the "
        "measured plots not rejected, confirmed from the new land of the accepted plots). A recorded 确认新增 split "
        "is what the ledger credit takes.\n"
        "Baseline land survey: 三调 land-class patches of the year before (DLBM, optional KCXS). Optional: \"Urban "
        "development boundary\" (城镇开发边界), \"Ecological red line\" (生态保护红线), \"Plots accepted before\", "
        "\"Towns\" (XZQMC, XZQDM) for the town summary.\n"
        "Rule table: JSON, or CSV with rule,value; empty uses the shipped defaults. Unknown rules or bad values are "
        "refused.\n"
        "Other field names: e.g. 'plots.soil_depth=TCHD; projects.year=ND'.\n"
        "Inputs in another CRS are reprojected to EPSG:4549. Outputs: \"Checked plots\" (every plot, its verdict, "
        "reason codes and texts, areas in m2 and 亩, construction share, new land XZMJ_MU, one state column per check "
        "C01-C19), \"Project summary\" (counts, accepted area, new 耕地 by 水田/水浇地/旱地, the area chain and the "
        "90% flag BZ90, linkage surplus JYZBMJ, the credited split RZSDMJ RZSJDMJ RZHDMJ and grain capacity), \"Area "
        "chain by step\" (one row per project and step: 农用地, 耕地 by 水田/水浇地/旱地, quality grade and where "
        "each figure came from), \"Town summary\"."
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
        params = [(param, kind, key) for param, _, kind, key, _ in FIELD_PARAMS]
        return field_overrides(self, parameters, context, params,
                               self.parameterAsString(parameters, "FIELD_OVERRIDES", context))

    def processAlgorithm(self, parameters, context, feedback):
        # a shapefile with GBK text but no .cpg or code page byte opens as GBK (the layers live for the run)
        parameters, _keep = with_detected_encodings(parameters, INPUT_LAYERS, feedback)
        inputs = self._read_inputs(parameters, context, feedback)

        def progress(pct, step):
            feedback.setProgress(40 + 0.5 * pct)

        try:
            run = acceptance_run(**inputs, crs=WORKING_CRS, progress=progress, is_canceled=feedback.isCanceled)
        except CanceledError:
            raise Canceled() from None
        del inputs  # the baseline (up to millions of patches) is not needed for the outputs
        self._log_warnings(run, feedback)
        tables = {"OUTPUT_PLOTS": run.plots, "OUTPUT_PROJECTS": run.projects, "OUTPUT_TOWNS": run.towns,
                  "OUTPUT_CHAIN": run.chain}
        results = {"RUN_ID": run.run_id}
        results.update(write_outputs(self, parameters, context, feedback, tables, optional=("OUTPUT_CHAIN",)))
        for verdict, count in run.counts.items():
            results[_count_key(verdict)] = count
        feedback.pushInfo(self.tr("{n} plots: {a} accepted, {r} rejected, {p} to be verified; run id {run}").format(
            n=len(run.result.plots), a=results["ACCEPTED"], r=results["REJECTED"], p=results["PENDING"],
            run=run.run_id))
        feedback.setProgress(100)
        return results

    def _log_warnings(self, run: AcceptanceRun, feedback) -> None:
        """The plots' notes (the first 200, then how many more) and the area chains that do not add up."""
        for warning in run.result.warnings[:200]:
            feedback.pushWarning(warning.describe())
        if len(run.result.warnings) > 200:
            feedback.pushWarning(self.tr("... and {n} more notes (see the reason columns)").format(
                n=len(run.result.warnings) - 200))
        for warning in run.chain_warnings:
            feedback.pushWarning(warning.describe())

    def _read_inputs(self, parameters, context, feedback) -> dict:
        """Every input layer read and checked, as the keyword arguments of ``core.reclamation.acceptance_run``."""
        overrides = self._overrides(parameters, context)
        rules = self._rules(parameters, context, feedback)
        sources, labels = self._sources(parameters, context)
        plots = self._read_plots(parameters, context, feedback, sources, labels, overrides)
        fm_projects = field_map("projects", labels["PROJECTS"], overrides.get("projects"))
        arrays, names = rin.read_layer(sources["PROJECTS"], fm_projects, rin.PROJECT_REQUIRED, rin.PROJECT_OPTIONAL,
                                       context, feedback)
        projects = rin.projects_from(arrays, names, labels["PROJECTS"])
        recorded_chain = self._read_chain(context, feedback, sources, labels, overrides, projects)
        baseline = self._read_baseline(parameters, context, feedback, sources, labels, overrides, plots)
        inputs = dict(plots=plots, projects=projects, baseline=baseline, rules=rules, recorded_chain=recorded_chain)
        inputs.update(self._read_constraints(context, feedback, sources, labels, overrides))
        if feedback.isCanceled():
            raise Canceled()
        return inputs

    def _rules(self, parameters, context, feedback) -> RuleTable:
        """The rule table of RULES, or the shipped defaults (said in the log)."""
        rules_path = self.parameterAsFile(parameters, "RULES", context)
        with input_errors():
            rules = load_rules(rules_path or None)
        feedback.pushInfo(self.tr("Rule table: {path}").format(path=rules_path or DEFAULT_RULES_PATH))
        return rules

    def _sources(self, parameters, context) -> tuple[dict, dict]:
        """The input sources by parameter (None for an optional one not given) and the names to show for them."""
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
        labels = {name: parameter_label(self, parameters, name, src, context) for name, src in sources.items()
                  if src is not None}
        return sources, labels

    def _read_plots(self, parameters, context, feedback, sources, labels, overrides) -> Plots:
        """The plots; a missing quality field is said in the log (its check is 'not checked')."""
        plots_src = sources["PLOTS"]
        fm_plots = field_map("plots", labels["PLOTS"], overrides.get("plots"))
        arrays, names = rin.read_layer(plots_src, fm_plots, rin.PLOT_REQUIRED, rin.PLOT_OPTIONAL, context, feedback,
                                       (0, 5), fast_read.usable_layer(self, parameters, "PLOTS", context, WORKING_CRS))
        plots = rin.plots_from(arrays, names, labels["PLOTS"])
        missing = [fm_plots[k] for k in QUALITY_KEYS if k not in names]
        if missing:
            feedback.pushWarning(self.tr("Layer '{layer}' has no field {fields}: those quality checks are 'not "
                                         "checked'").format(layer=labels["PLOTS"], fields=", ".join(missing)))
        return plots

    def _read_chain(self, context, feedback, sources, labels, overrides, projects) -> dict:
        """The recorded area chain of AREA_CHAIN by (project, step), empty without one."""
        recorded_chain = {}
        if sources["AREA_CHAIN"] is not None:
            fm_chain = field_map("area_chain", labels["AREA_CHAIN"], overrides.get("area_chain"))
            with input_errors():
                recorded_chain, chain_warnings = read_chain_table(
                    rin.read_chain_table(sources["AREA_CHAIN"], fm_chain, context, feedback), projects.ids)
            for warning in chain_warnings:
                feedback.pushWarning(warning.describe())
            feedback.pushInfo(self.tr("Area chain: {n} recorded steps").format(n=len(recorded_chain)))
        return recorded_chain

    def _read_baseline(self, parameters, context, feedback, sources, labels, overrides, plots: Plots) -> Baseline:
        """The baseline survey near the plots: land class and, where recorded, the 田坎 coefficient KCXS of each
        patch."""
        fm_base = field_map("baseline", labels["BASELINE"], overrides.get("baseline"))
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
        return Baseline(arrays.geometry, arrays.columns[names["class_code"]],
                        None if kcxs is None else np.array([_ratio(v) for v in kcxs], dtype=float))

    def _read_constraints(self, context, feedback, sources, labels, overrides) -> dict:
        """The optional layers: development boundary, red line, plots accepted before, towns (None if not given)."""
        extra = {}
        for key in ("DEV_BOUNDARY", "ECO_REDLINE"):
            if sources[key] is not None:
                layer_arrays, _ = rin.read_layer(sources[key], field_map("zones", labels[key], {}),
                                                 (), (), context, feedback)
                extra[key] = layer_arrays.geometry
            else:
                feedback.pushWarning(self.tr("No {layer} layer: its check is 'not checked' for every plot").format(
                    layer=key))
        prior_geoms, prior_ids = None, None
        if sources["PRIOR_PLOTS"] is not None:
            fm_prior = field_map("plots", labels["PRIOR_PLOTS"], overrides.get("plots"))
            prior, pnames = rin.read_layer(sources["PRIOR_PLOTS"], fm_prior, (), ("id",), context, feedback)
            prior_geoms = prior.geometry
            prior_ids = ([str(v) for v in prior.columns[pnames["id"]]] if "id" in pnames
                         else [f"#{i}" for i in prior.ids])
        else:
            feedback.pushWarning(self.tr("No PRIOR_PLOTS layer: its check is 'not checked' for every plot"))
        towns = None
        if sources["TOWNS"] is not None:
            fm_towns = field_map("towns", labels["TOWNS"], overrides.get("towns"))
            tarrays, tnames = rin.read_layer(sources["TOWNS"], fm_towns, ("name", "code"), (), context, feedback)
            towns = rin.towns_from(tarrays, tnames)
        return dict(dev_boundary=extra.get("DEV_BOUNDARY"), eco_redline=extra.get("ECO_REDLINE"),
                    prior_plots=prior_geoms, prior_ids=prior_ids, towns=towns)


def _ratio(value) -> float:
    """A KCXS cell as a float (blank or unreadable: 0, no deduction)."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        return 0.0
    return out if out == out else 0.0


def _count_key(verdict: str) -> str:
    return {ACCEPTED: "ACCEPTED", REJECTED: "REJECTED", PENDING: "PENDING"}[verdict]
