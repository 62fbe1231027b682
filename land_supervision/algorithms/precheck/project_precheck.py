"""landsupervision:projectprecheck - 用地预审: every constraint and every quota of drawn or listed projects."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsRectangle,
)

from ...constants import ISSUES_FIELD, PATROL_VERDICT_FIELD, RECLAMATION_VERDICT_FIELD, WORKING_CRS
from ...core.precheck import Areas, Baseline, Marked, coverage_table, precheck_table, run_precheck
from ...core.zoning.rules import load_rules
from ...core.zoning.zones import build_zones
from ...inputs.checks import check_crs, grain_table, input_errors
from ...inputs.near import near_layer, read_layer_near
from ...qgis_compat import ProcessingSourceType
from ...translation import tr_noop
from ..base import LandSupervisionAlgorithm
from ..layer_io import read_source
from ..ledger.common import ledger_parameter
from ..outputs import Canceled, write_outputs

POLYGONS = [ProcessingSourceType.VectorPolygon]
MARGIN_M = 10.0  # read the other layers this far around the projects' extent
FINDINGS = {  # the words of core.precheck.ISSUES, for the log in the user's language
    "FARMLAND": tr_noop("occupies permanent basic farmland"),
    "REDLINE": tr_noop("inside the ecological red line"),
    "OUTSIDE_BOUNDARY": tr_noop("outside the urban development boundary"),
    "PARK_PROHIBITED": tr_noop("prohibited in the marine park"),
    "PARK_CONDITIONAL": tr_noop("conditional in the marine park"),
    "QUOTA_SHORT": tr_noop("quota short"),
    "OPEN_PATCH": tr_noop("open patrol patches inside"),
    "RECLAIMED_PLOT": tr_noop("destroys reclaimed plots"),
}


class ProjectPrecheck(LandSupervisionAlgorithm):
    ALG_ID = "projectprecheck"
    DISPLAY_NAME = "Land-use pre-check (用地预审)"
    GROUP_ID = "precheck"
    HELP = (
        "One answer per project polygon from the layers of the other tools: constraints, what the project consumes, "
        "whether the ledger can cover it now, and what it would disturb. Areas are ellipsoidal (CGCS2000), in 亩.\n"
        "Constraints: overlap with \"Permanent basic farmland\" (永久基本农田), \"Ecological red line\" "
        "(生态保护红线) and the \"Marine park zones\" (zone type in GKFQ) with the zoning tool's verdict for the "
        "declared use (in the \"Declared use field\", an activity type of the zoning rule table); inside and outside "
        "the \"Urban development boundary\" (城镇开发边界; by 集中建设区 / 弹性发展区 where the \"Development "
        "boundary kind field\" gives them). The overlapping pieces go to \"Constraint pieces\" for the map.\n"
        "Consumption, from the \"Baseline survey patches\" (DLBM, KCXS, optional ZLDB): 农用地 and 未利用地 turned "
        "into construction land (plan quota), 耕地 net of 田坎 (水田 separately), grain capacity (kg, "
        "resources/grain_capacity.csv or the \"Grain rates per 亩\") and 林地 (03xx).\n"
        "Coverage (\"Ledger\", optional: a .gpkg ledger, a PostgreSQL connection saved in QGIS or a URI, never "
        "created): what the ledger already allocated to the same project id counts first (the *_YAP fields), the "
        "rest is drawn from the current balances project by project in input order; the *_QK fields are what is "
        "short; the *_PC fields name the lots (批次) it would be drawn from, lot and amount, oldest first as a "
        "posting would draw them. \"Quota coverage\" (optional): one row per project and requirement with the "
        "balance at its turn and what it would draw.\n"
        "Disturbance: open patrol patches inside the footprint (\"Patrol patches\": an output of \"Reconcile "
        "satellite-patrol patches\", where ZZJG says 违法 and ZGZT is not 已整改; any other layer counts every patch) "
        "and earlier reclamation plots (\"Reclamation plots\": an output of \"Reclamation acceptance check\", its "
        "合格 plots; any other layer: every plot).\n"
        "WTDM lists the findings as codes, WTSM in words."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource("PROJECTS", self.tr("Project polygons"), POLYGONS))
        self.addParameter(QgsProcessingParameterField(
            "PROJECT_ID_FIELD", self.tr("Project id field"), defaultValue="XMBH", parentLayerParameterName="PROJECTS",
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "USE_FIELD", self.tr("Declared use field (activity type of the zoning rules)"),
            parentLayerParameterName="PROJECTS", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "BASELINE", self.tr("Baseline survey patches (三调 DLTB)"), POLYGONS))
        for name, label in (("FARMLAND", tr_noop("Permanent basic farmland (永久基本农田)")),
                            ("REDLINE", tr_noop("Ecological red line (生态保护红线)")),
                            ("DEV_BOUNDARY", tr_noop("Urban development boundary (城镇开发边界)")),
                            ("PARK_ZONES", tr_noop("Marine park zones (GKFQ)"))):
            self.addParameter(QgsProcessingParameterFeatureSource(name, self.tr(label), POLYGONS, optional=True))
        self.addParameter(QgsProcessingParameterField(
            "DEV_KIND_FIELD", self.tr("Development boundary kind field (集中建设区/弹性发展区)"),
            parentLayerParameterName="DEV_BOUNDARY", optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "PARK_RULES", self.tr("Zoning rule table (CSV, optional)"), optional=True,
            fileFilter=self.tr("CSV files (*.csv)")))
        self.addParameter(ledger_parameter(description=self.tr("Ledger (optional)"), optional=True, help_text=self.tr(
            "A .gpkg ledger, the name of a PostgreSQL connection saved in QGIS or a PostgreSQL URI (read, never "
            "created); empty: quota coverage is not checked")))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PATCHES", self.tr("Patrol patches (optional)"), POLYGONS, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PLOTS", self.tr("Reclamation plots (optional)"), POLYGONS, optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "GRAIN_RATES", self.tr("Grain rates per 亩 (CSV, optional)"), optional=True,
            fileFilter=self.tr("CSV files (*.csv)")))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Pre-check")))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT_PIECES", self.tr("Constraint pieces")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_COVERAGE", self.tr("Quota coverage"), ProcessingSourceType.Vector, optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("PROJECTS_WITH_FINDINGS", self.tr("Projects with findings")))

    def processAlgorithm(self, parameters, context, feedback):
        projects_source = self._source(parameters, "PROJECTS", context, required=True)
        id_field = self.parameterAsString(parameters, "PROJECT_ID_FIELD", context) or "XMBH"
        use_field = self.parameterAsString(parameters, "USE_FIELD", context)
        fields = [f for f in (id_field, use_field) if f]
        projects = read_source(projects_source, fields, context, feedback, target_crs=WORKING_CRS)
        if len(projects) == 0:
            raise QgsProcessingException(self.tr("Layer '{layer}' has no project polygons").format(
                layer=projects_source.sourceName()))
        ids = [str(v) if v not in (None, "") else f"#{fid}" for v, fid in zip(projects.columns[id_field], projects.ids)]
        uses = projects.columns[use_field] if use_field else None
        extent = _extent(projects.geometry)
        feedback.setProgress(10)

        baseline_layer = near_layer(self, parameters, "BASELINE", context)  # for its fast reader and checks
        baseline_source = self._source(parameters, "BASELINE", context, required=True, layer=baseline_layer)
        names = baseline_source.fields().names()
        wanted = [n for n in names if n.upper() in ("DLBM", "KCXS", "ZLDB")]
        if not any(n.upper() == "DLBM" for n in wanted):
            raise QgsProcessingException(self.tr("Layer '{layer}' has no field '{field}'").format(
                layer=baseline_source.sourceName(), field="DLBM"))
        numeric = [n for n in wanted if n.upper() in ("KCXS", "ZLDB")]  # text numbers read as elsewhere
        # only near the projects, through the source's own spatial index (inputs.near: every format)
        near = read_layer_near(baseline_source, wanted, projects.geometry, context, feedback,
                               baseline_layer, numeric=numeric, margin=MARGIN_M)
        column = {n.upper(): near.columns[n] for n in wanted}
        baseline = Baseline(near.geometry, np.asarray([str(c or "") for c in column["DLBM"]], dtype=object),
                            _floats(column.get("KCXS"), len(near), 0.0),
                            _floats(column.get("ZLDB"), len(near), np.nan) if "ZLDB" in column else None)
        if feedback.isCanceled():
            raise Canceled()
        feedback.setProgress(40)
        layers = {}
        for name in ("FARMLAND", "REDLINE", "DEV_BOUNDARY", "PARK_ZONES"):
            source = self._source(parameters, name, context)
            if source is None:
                continue
            kind_field = {"DEV_BOUNDARY": self.parameterAsString(parameters, "DEV_KIND_FIELD", context),
                          "PARK_ZONES": "GKFQ"}.get(name, "")
            arrays = self._near(source, [kind_field] if kind_field else [], extent, context, feedback)
            layers[name] = Areas(arrays.geometry, arrays.columns[kind_field] if kind_field else None)
        park, park_rules = None, None
        if "PARK_ZONES" in layers and len(layers["PARK_ZONES"].geoms):
            with input_errors():
                park = build_zones(layers["PARK_ZONES"].geoms, layers["PARK_ZONES"].kinds, WORKING_CRS,
                                   layer="PARK_ZONES")
                park_rules = load_rules(self.parameterAsFile(parameters, "PARK_RULES", context) or None)
        grain = grain_table(self.parameterAsFile(parameters, "GRAIN_RATES", context))
        balances, allocated, lots = self._ledger(parameters, context, feedback)
        open_patches = self._marked(parameters, "PATCHES", "JCBH", extent, context, feedback, _open_patch)
        reclaimed = self._marked(parameters, "PLOTS", "DKBH", extent, context, feedback, _accepted_plot)
        feedback.setProgress(60)
        result = run_precheck(ids, projects.geometry, baseline, grain, farmland=layers.get("FARMLAND"),
                              redline=layers.get("REDLINE"), dev_boundary=layers.get("DEV_BOUNDARY"), park=park,
                              park_rules=park_rules, uses=uses, balances=balances, allocated=allocated,
                              open_patches=open_patches, reclaimed=reclaimed, lots=lots)
        for row in result.rows:
            if row[ISSUES_FIELD]:
                feedback.pushInfo(self.tr("Project {project}: {findings}").format(
                    project=row["XMBH"],
                    findings="; ".join(self.tr(FINDINGS[c]) for c in row[ISSUES_FIELD].split(";"))))
        written = write_outputs(self, parameters, context, feedback, {
            "OUTPUT": precheck_table(result, projects.geometry), "OUTPUT_PIECES": result.pieces,
            "OUTPUT_COVERAGE": coverage_table(result.quota_rows)}, optional=("OUTPUT_COVERAGE",))
        feedback.setProgress(100)
        return dict(written, PROJECTS_WITH_FINDINGS=sum(1 for r in result.rows if r[ISSUES_FIELD]))

    # -- reading ------------------------------------------------------------------------------------------
    def _source(self, parameters, name, context, required=False, layer=None):
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            if required:
                raise QgsProcessingException(self.invalidSourceError(parameters, name))
            return None
        # present, and fitting the coordinates (inputs.checks; ``layer``: the baseline's, a PostGIS one judged
        # on the server's statistics)
        check_crs(source, source.sourceName(), layer)
        return source

    def _near(self, source, fields, extent: QgsRectangle, context, feedback):
        """The features of ``source`` within the projects' extent (through the source's spatial index)."""
        return read_source(source, fields, context, feedback, target_crs=WORKING_CRS, filter_rect=extent)

    def _marked(self, parameters, name, id_field, extent, context, feedback, keep) -> Marked | None:
        source = self._source(parameters, name, context)
        if source is None:
            return None
        names = source.fields().names()
        fields = [f for f in (id_field, PATROL_VERDICT_FIELD, "ZGZT", RECLAMATION_VERDICT_FIELD) if f in names]
        arrays = self._near(source, fields, extent, context, feedback)
        mask = keep(arrays.columns, len(arrays))
        ids = arrays.columns.get(id_field, [f"#{i}" for i in arrays.ids])
        return Marked(arrays.geometry[mask], [str(v) for v, m in zip(ids, mask) if m])

    def _ledger(self, parameters, context, feedback):
        """(balances now, what each project id was already allocated, the lots drawer), or (None, None, None)
        without a ledger. The drawer gives the lots each amount drawn from the balances would come from, in
        turn and oldest first, as a posting would draw them (core.ledger.LotDrawer)."""
        value = self.parameterAsString(parameters, "LEDGER", context)
        if not value:
            feedback.pushInfo(self.tr("No ledger given: quota coverage is not checked"))
            return None, None, None
        from ...core.ledger import LotDrawer
        from ...core.ledger.allocation_check import allocated_by_project
        from ..ledger.common import masked, opened_ledger

        with opened_ledger(value, create=False) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            return ({(b.kind, b.component): b.balance for b in ledger.balances()}, allocated_by_project(ledger),
                    LotDrawer(ledger.lots()))


def _extent(geoms) -> QgsRectangle:
    import shapely

    xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
    return QgsRectangle(xmin - MARGIN_M, ymin - MARGIN_M, xmax + MARGIN_M, ymax + MARGIN_M)


def _floats(values, n: int, missing: float) -> np.ndarray:
    """A numeric column (already converted by read_source) as floats, NULL as ``missing``."""
    if values is None:
        return np.full(n, missing)
    return np.array([missing if v is None else float(v) for v in values], dtype=float)


def _open_patch(columns: dict, n: int) -> np.ndarray:
    """Patches still open: judged (suspected) illegal and not rectified; without those fields, every patch."""
    verdicts, status = columns.get(PATROL_VERDICT_FIELD), columns.get("ZGZT")
    if verdicts is None:
        return np.ones(n, dtype=bool)
    status = status if status is not None else [None] * len(verdicts)
    return np.array([("违法" in str(v or "")) and str(s or "") != "已整改" for v, s in zip(verdicts, status)],
                    dtype=bool)


def _accepted_plot(columns: dict, n: int) -> np.ndarray:
    """Accepted (合格) reclamation plots; without a YSJL field, every plot."""
    verdicts = columns.get(RECLAMATION_VERDICT_FIELD)
    if verdicts is None:
        return np.ones(n, dtype=bool)
    return np.array([str(v or "") == "合格" for v in verdicts], dtype=bool)
