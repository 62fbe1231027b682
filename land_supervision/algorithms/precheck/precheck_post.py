"""landsupervision:precheckpost - post an approval batch from a pre-check result as allocations (项目使用)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...constants import WORKING_CRS
from ...core.ledger import Entry, LedgerError
from ...core.ledger.allocation_check import Needs, allocated_by_project
from ...core.ledger.errors import LedgerChanged
from ...core.precheck import NEED_FIELDS, REQUIREMENT_KEYS, coverage
from ...core.values import ValueRefused, parse_date
from ...qgis_compat import ProcessingNumberParameterType, ProcessingSourceType
from ..base import LandSupervisionAlgorithm
from ..layer_io import read_source
from ..ledger.common import LEDGER, ledger_parameter, masked, opened_ledger

NEEDS = [f"{p}_KG" if p == "CN" else f"{p}_MU" for p in NEED_FIELDS.values()]  # JHZB_MU GD_MU ST_MU CN_KG
ID_FIELD = "XMBH"
QUOTAS = [("plan", ("plan",)), ("compensation", ("cultivated_area", "paddy_area", "grain_capacity"))]


def entry_amounts(rows: list[dict], requirements=tuple(NEED_FIELDS)) -> dict:
    """The amounts of one project's allocation from its coverage rows (``core.precheck.coverage``), for the
    ``requirements`` posted: what each draws per ledger key, and what is short on the requirement's first key,
    so that the ledger's own balance rule refuses a project the balances cannot cover. A compensation entry
    carries its three components."""
    amounts: dict = {}
    for req in (r for r in rows if r["requirement"] in requirements):
        for key, amount in req["draws"].items():
            amounts[key] = amounts.get(key, 0) + amount
        if req["short"] > 0:
            key = REQUIREMENT_KEYS[req["requirement"]][0]
            amounts[key] = amounts.get(key, 0) + req["short"]
    if any(k[0] == "compensation" for k in amounts):
        for req in ("cultivated_area", "paddy_area", "grain_capacity"):
            amounts.setdefault(REQUIREMENT_KEYS[req][0], 0)
    return amounts



def allocation_entries(ledger, ids: list[str], needs, geoms: list, requirements: tuple, texts: dict) -> tuple:
    """(allocation entries, their projects) for what the ledger as it stands leaves the projects short of (their
    existing allocations counted first, then the balances in project order); ``texts``: DATE, SOURCE, EVIDENCE,
    TOWN, NOTE, YEAR, BATCH_NO. Worked out again by ``Ledger.post_planned`` when another posting came in."""
    rows = coverage(ids, needs, allocated_by_project(ledger),
                    {(b.kind, b.component): b.balance for b in ledger.balances()})
    entries, projects = [], []
    for i, project in enumerate(ids):
        amounts = entry_amounts(rows[4 * i:4 * i + 4], requirements)
        if amounts:
            entries.append(Entry("allocation", amounts, year=texts["YEAR"], value_date=texts["DATE"],
                                 source=texts["SOURCE"] or None, project_id=project, batch_no=texts["BATCH_NO"],
                                 evidence=texts["EVIDENCE"], town=texts["TOWN"], note=texts["NOTE"],
                                 geometry=geoms[i]))
            projects.append(project)
    return entries, projects

class PrecheckPost(LandSupervisionAlgorithm):
    ALG_ID = "precheckpost"
    DISPLAY_NAME = "Post a pre-check as allocations (项目使用)"
    GROUP_ID = "precheck"
    HELP = (
        "Posts an approval batch to the quota \"Ledger\" straight from a land-use pre-check result: one allocation "
        "(项目使用) per project, through the ledger's own rules (the same posting as \"Post a ledger "
        "transaction\"), all in one transaction: every project is posted or none.\n"
        "\"Pre-check result\": the \"Pre-check\" output of the land-use pre-check (XMBH, JHZB_MU, GD_MU, ST_MU, "
        "CN_KG; its polygons become the projects' polygons in the ledger). \"Projects to post\": the XMBH values "
        "to post, separated by commas (empty: every project of the layer).\n"
        "Each project's amounts are worked out again against the ledger as it is now: what the ledger already "
        "allocated to the same project id counts first, the rest is drawn from the balances in layer order "
        "(plan quota from 计划指标 first, then 节余指标). A project already covered posts nothing. A project the "
        "balances cannot cover is refused by the ledger's balance rule, naming the project, and nothing is "
        "posted.\n"
        "\"Quotas to post\": the plan quota (新增建设用地计划指标, or 节余指标 where the plan quota is used up) "
        "and/or the compensation quota (补充耕地: 耕地数量, 水田规模, 粮食产能 together); both by default.\n"
        "\"Approval batch no.\" (审批批次), the quota year, the date (empty: today), the source tag (empty: "
        "default), evidence, town and note as in \"Post a ledger transaction\".\n"
        "Each posting draws on the ledger's lots (批次) oldest first, as the pre-check's *_PC fields said; the log "
        "names the lots each entry drew.\n"
        "Outputs: the number of entries posted, their numbers and the balances after posting."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PRECHECK", self.tr("Pre-check result"), [ProcessingSourceType.VectorPolygon]))
        self.addParameter(ledger_parameter())
        self.addParameter(QgsProcessingParameterString(
            "PROJECT_IDS", self.tr("Projects to post (XMBH, separated by commas; empty: all)"), optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "QUOTAS", self.tr("Quotas to post"),
            options=[self.tr("Plan quota (计划指标, 节余指标)"), self.tr("Compensation quota (补充耕地)")],
            allowMultiple=True, defaultValue=[0, 1]))
        self.addParameter(QgsProcessingParameterString("BATCH_NO", self.tr("Approval batch no.")))
        self.addParameter(QgsProcessingParameterNumber(
            "YEAR", self.tr("Quota year"), ProcessingNumberParameterType.Integer, defaultValue=dt.date.today().year,
            minValue=1990, maxValue=2100))
        for name, label in (("DATE", self.tr("Date (YYYY-MM-DD, empty: today)")),
                            ("SOURCE", self.tr("Source tag (empty: default)")), ("EVIDENCE", self.tr("Evidence")),
                            ("TOWN", self.tr("Town")), ("NOTE", self.tr("Note"))):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addOutput(QgsProcessingOutputNumber("ENTRIES", self.tr("Entries posted")))
        self.addOutput(QgsProcessingOutputString("ENTRY_NOS", self.tr("Entry numbers")))
        self.addOutput(QgsProcessingOutputString("BALANCE", self.tr("Balances after posting")))

    def processAlgorithm(self, parameters, context, feedback):
        ids, needs, geoms = self._projects(parameters, context, feedback)
        batch = self.parameterAsString(parameters, "BATCH_NO", context).strip()
        if not batch:
            raise QgsProcessingException(self.tr("Parameter {name}: needed by allocations").format(name="BATCH_NO"))
        texts = {name: self.parameterAsString(parameters, name, context).strip()
                 for name in ("DATE", "SOURCE", "EVIDENCE", "TOWN", "NOTE")}
        if texts["DATE"]:
            try:
                texts["DATE"] = parse_date(texts["DATE"])
            except ValueRefused as exc:
                raise QgsProcessingException(self.tr("Parameter {name}: {error}").format(
                    name="DATE", error=str(exc.message))) from None
        year = self.parameterAsInt(parameters, "YEAR", context)
        chosen = self.parameterAsEnums(parameters, "QUOTAS", context)
        requirements = tuple(req for i in (chosen or range(len(QUOTAS))) for req in QUOTAS[i][1])
        with opened_ledger(self.parameterAsString(parameters, LEDGER, context), create=False) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            planned: list[str] = []  # the projects of the last plan, in entry order (to name a refused one)

            def plan():
                entries, projects = allocation_entries(ledger, ids, needs, geoms, requirements,
                                                       dict(texts, YEAR=year, BATCH_NO=batch))
                planned[:] = projects
                return entries, projects

            try:
                posted_ids, posted = ledger.post_planned(plan)
            except LedgerChanged as exc:
                raise QgsProcessingException(str(exc.message)) from exc  # says nothing was written
            except LedgerError as exc:
                index = getattr(exc, "entry_index", None)
                project = planned[index] if index is not None and index < len(planned) else "?"
                raise QgsProcessingException(self.tr("Project {project}: {error} (nothing was posted)").format(
                    project=project, error=str(exc.message))) from exc
            for project in ids:
                if project not in posted_ids:
                    feedback.pushInfo(self.tr("Project {project}: already covered by its allocations, nothing to "
                                              "post").format(project=project))
            balances = "; ".join(f"{b.kind}.{b.component}={b.balance}" + (f" (owed {b.owed})" if b.owed else "")
                                 for b in ledger.balances())
            book = ledger.lots()
        for project, done in zip(posted_ids, posted):
            feedback.pushInfo(self.tr("Project {project}: posted as entry {entry}").format(
                project=project, entry=done.entry_no))
            drawn = "; ".join(f"{kind}.{comp} {lot_id} {amount:.2f}"
                              for lot_id, kind, comp, amount in book.entry_draws(done.entry_no))
            if drawn:
                feedback.pushInfo(self.tr("Project {project}: lots drawn: {lots}").format(project=project, lots=drawn))
        feedback.pushInfo(balances)
        return {"ENTRIES": len(posted), "ENTRY_NOS": ",".join(str(p.entry_no) for p in posted),
                "BALANCE": balances}

    def _projects(self, parameters, context, feedback):
        """(ids, Needs, polygons in the working CRS) of the projects to post, in layer order."""
        source = self.parameterAsSource(parameters, "PRECHECK", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "PRECHECK"))
        names = source.fields().names()
        for name in [ID_FIELD] + NEEDS:
            if name not in names:
                raise QgsProcessingException(self.tr(
                    "Layer '{layer}' has no field '{field}': PRECHECK must be the output of projectprecheck").format(
                    layer=source.sourceName(), field=name))
        arrays = read_source(source, [ID_FIELD] + NEEDS, context, feedback, target_crs=WORKING_CRS, numeric=NEEDS)
        ids = [str(v) if v not in (None, "") else "" for v in arrays.columns[ID_FIELD]]
        wanted = [p.strip() for p in self.parameterAsString(parameters, "PROJECT_IDS", context).replace(
            "，", ",").replace(";", ",").split(",") if p.strip()]
        missing = [p for p in wanted if p not in ids]
        if missing:
            raise QgsProcessingException(self.tr("Layer '{layer}' has no project {project}").format(
                layer=source.sourceName(), project=", ".join(missing)))
        keep = [i for i, p in enumerate(ids) if not wanted or p in wanted]
        seen: set[str] = set()
        for i in keep:
            fid, project, geom = int(arrays.ids[i]), ids[i], arrays.geometry[i]
            if not project:
                raise QgsProcessingException(self.tr("Layer '{layer}', feature {fid}: field '{field}' is empty")
                                             .format(layer=source.sourceName(), fid=fid, field=ID_FIELD))
            if project in seen:
                raise QgsProcessingException(self.tr(
                    "Layer '{layer}': project {project} appears more than once").format(
                    layer=source.sourceName(), project=project))
            seen.add(project)
            if geom is None or geom.is_empty or not geom.is_valid:
                raise QgsProcessingException(self.tr(
                    "Layer '{layer}', feature {fid}: invalid geometry (repair it first)").format(
                    layer=source.sourceName(), fid=fid))
            for name in NEEDS:
                if arrays.columns[name][i] is None:
                    raise QgsProcessingException(self.tr(
                        "Layer '{layer}', feature {fid}: field '{field}' is empty").format(
                        layer=source.sourceName(), fid=fid, field=name))
        columns = [np.array([float(arrays.columns[name][i]) for i in keep], dtype=float) for name in NEEDS]
        return [ids[i] for i in keep], Needs(*columns), [arrays.geometry[i] for i in keep]
