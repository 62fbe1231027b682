"""landsupervision:ledgercheckallocation - 占补平衡 check of project polygons against allocations and balances."""

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
)

from ...constants import WORKING_CRS
from ...core.ledger.allocation_check import (
    allocated_by_project,
    check_allocations,
    project_needs,
    summary_line,
)
from ...core.tables import FeatureTable
from ...inputs.checks import check_source, grain_table, label_of, note_reprojection
from ...inputs.fields import field_map, resolve_fields
from ...inputs.near import near_layer
from ...qgis_compat import ProcessingSourceType
from ..base import LandSupervisionAlgorithm
from ..layer_io import read_source
from ..outputs import Canceled, write_outputs
from .common import LEDGER, ledger_parameter, masked, opened_ledger

FIELDS = [("project_id", "str"), ("requirement", "str"), ("requirement_zh", "str"), ("unit", "str"),
          ("need", "float"), ("allocated", "float"), ("short_of_allocation", "float"), ("from_balance", "float"),
          ("short", "float"), ("status", "str"), ("status_zh", "str"), ("lots", "str")]


class LedgerCheckAllocation(LandSupervisionAlgorithm):
    ALG_ID = "ledgercheckallocation"
    DISPLAY_NAME = "Check project quota (占补平衡)"
    GROUP_ID = "ledger"
    HELP = (
        "Overlays project polygons on the 三调 baseline survey and says, per project, what quota it needs, what it "
        "was allocated in the ledger, what the current balances can still cover and what is short, in 亩.\n"
        "Needs: plan quota for the agricultural (农用地) and unused land (未利用地) turned into construction land; "
        "compensation cultivated area (耕地数量) for the 耕地 (水田/水浇地/旱地) occupied, net of 田坎 (area x (1 - "
        "KCXS)); paddy area (水田规模) for the net 水田; grain capacity (粮食产能) = net 耕地 x the grain rate of its "
        "class and 耕地质量等别 (field ZLDB, where the baseline has it) (kg/亩; bureau default table "
        "resources/grain_capacity.csv, shared with the reclamation credit). Areas are ellipsoidal (CGCS2000). Plan "
        "needs are covered by plan and linkage-surplus allocations.\n"
        "Ledger: a .gpkg file, a PostgreSQL connection saved in QGIS (chosen from the list) or a PostgreSQL URI "
        "(opened read-only; never created).\n"
        "Project polygons: optional, by default the ledger's own project layer; \"Project id field\": their id field "
        "(default XMBH), matching the ledger's project ids.\n"
        "Baseline survey patches: 三调 land-class patches with DLBM and KCXS (optional ZLDB).\n"
        "Grain rates per 亩: an optional CSV (code, grade, kg_per_mu) replacing the default rates.\n"
        "Quota check: one row per project and requirement with its polygon: need, allocated, short_of_allocation, "
        "from_balance, short and status (covered / coverable from the balance / short), and lots: the ledger's lots "
        "the part from the balance would be drawn from, the oldest first (as a posting would draw them). "
        "\"Projects with a shortfall\" "
        "counts the projects with something short."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(ledger_parameter())
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PROJECTS", self.tr("Project polygons (empty: the ledger's project layer)"),
            [ProcessingSourceType.VectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            "PROJECT_ID_FIELD", self.tr("Project id field"), defaultValue="XMBH", parentLayerParameterName="PROJECTS",
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "BASELINE", self.tr("Baseline survey patches (三调 DLTB)"), [ProcessingSourceType.VectorPolygon]))
        self.addParameter(QgsProcessingParameterFile(
            "GRAIN_RATES", self.tr("Grain rates per 亩 (CSV, optional)"), optional=True,
            fileFilter=self.tr("CSV files (*.csv)")))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Quota check")))
        self.addOutput(QgsProcessingOutputNumber("SHORT_PROJECTS", self.tr("Projects with a shortfall")))

    def processAlgorithm(self, parameters, context, feedback):
        rates = grain_table(self.parameterAsFile(parameters, "GRAIN_RATES", context))
        baseline_source = self.parameterAsSource(parameters, "BASELINE", context)
        if baseline_source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "BASELINE"))
        baseline_label = label_of(baseline_source, parameters.get("BASELINE"))
        fmap = field_map("baseline", baseline_label)
        # a CRS that fits; an empty one is refused
        check_source(baseline_source, baseline_label, required=True,
                     layer=near_layer(self, parameters, "BASELINE", context))
        with opened_ledger(self.parameterAsString(parameters, LEDGER, context), readonly=True) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            ids, geoms = self._projects(parameters, context, feedback, ledger)
            allocated = allocated_by_project(ledger)
            balances = {(b.kind, b.component): b.balance for b in ledger.balances()}
            book = ledger.lots()
        if not ids:
            raise QgsProcessingException(self.tr("No project polygons to check"))
        feedback.setProgress(10)
        grade_field = resolve_fields(baseline_source, fmap, (), ("quality_grade",)).get("quality_grade")
        wanted = [fmap["class_code"], fmap["deduct_ratio"]] + ([grade_field] if grade_field else [])
        baseline = read_source(baseline_source, wanted, context, feedback, target_crs=WORKING_CRS,
                               progress_span=(10, 60), label=baseline_label, required=True,
                               numeric=[fmap["deduct_ratio"]] + ([grade_field] if grade_field else []))
        note_reprojection(baseline_source, feedback, baseline_label)
        if feedback.isCanceled():
            raise Canceled()
        valid = np.array([g is not None for g in baseline.geometry], dtype=bool)
        kcxs = np.array([float(v) if v not in (None, "") else 0.0 for v in baseline.columns[fmap["deduct_ratio"]]])
        codes = np.asarray([str(c or "") for c in baseline.columns[fmap["class_code"]]], dtype=object)
        geoms_arr = np.asarray(geoms, dtype=object)
        grades = None
        if grade_field:
            grades = np.array([_number(v) for v in baseline.columns[grade_field]], dtype=float)[valid]
            feedback.pushInfo(self.tr("Grain rates by 耕地质量等别 from the baseline field {field}").format(
                field=grade_field))
        needs = project_needs(geoms_arr, baseline.geometry[valid], codes[valid], kcxs[valid], WORKING_CRS, rates,
                              grades)
        feedback.setProgress(85)
        for project in ids:
            if project not in allocated:
                feedback.pushInfo(self.tr("Project {project} has no allocation in the ledger").format(project=project))
        rows = check_allocations(ids, needs, allocated, balances, book)
        by_id = dict(zip(ids, geoms))
        table = FeatureTable.from_rows("ledger_quota_check", FIELDS, rows,
                                       np.array([by_id[r["project_id"]] for r in rows], dtype=object), "Polygon")
        for row in rows:
            if row["status"] != "covered":
                feedback.pushInfo(str(summary_line(row)))
        dest = write_outputs(self, parameters, context, feedback, {"OUTPUT": table})["OUTPUT"]
        short_projects = len({r["project_id"] for r in rows if r["status"] == "short"})
        feedback.setProgress(100)
        return {"OUTPUT": dest, "SHORT_PROJECTS": short_projects}

    def _projects(self, parameters, context, feedback, ledger):
        if not parameters.get("PROJECTS"):
            projects = [p for p in ledger.projects() if p["wkb"]]
            feedback.pushInfo(self.tr("Using the ledger's project layer: {count} projects").format(
                count=len(projects)))
            return [p["project_id"] for p in projects], [shapely.from_wkb(p["wkb"]) for p in projects]
        source = self.parameterAsSource(parameters, "PROJECTS", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "PROJECTS"))
        field = self.parameterAsString(parameters, "PROJECT_ID_FIELD", context) or "XMBH"
        label = label_of(source, parameters.get("PROJECTS"))
        arrays = read_source(source, [field], context, feedback, target_crs=WORKING_CRS, label=label)
        note_reprojection(source, feedback, label)
        groups: dict[str, list] = {}
        for fid, pid, geom in zip(arrays.ids, arrays.columns[field], arrays.geometry):
            if geom is None or geom.is_empty:
                continue
            if not geom.is_valid:
                raise QgsProcessingException(self.tr(
                    "Layer '{layer}', feature {fid}: invalid geometry (repair it first)").format(
                    layer=source.sourceName(), fid=int(fid)))
            if pid in (None, ""):
                raise QgsProcessingException(self.tr("Layer '{layer}', feature {fid}: field '{field}' is empty")
                                             .format(layer=source.sourceName(), fid=int(fid), field=field))
            groups.setdefault(str(pid), []).append(geom)
        return list(groups), [shapely.union_all(g) for g in groups.values()]


def _number(value) -> float:
    """A grade cell as a float (blank or unreadable: NaN, the class's default rate)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")
