"""One acceptance run as the reclamationacceptance algorithm writes it: checks, summaries, tables and run id.

``acceptance_run`` runs every check (``acceptance.run_acceptance``), sums the plots up by project and by town
(``summary``), builds the four output tables (``output_tables``) and the run id that the ledger keeps as
evidence. The algorithm only reads the layers, calls it and writes what it returns.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ...constants import RECLAMATION_VERDICT_FIELD, WORKING_CRS
from ..messages import InputError
from ..tables import FeatureTable
from .acceptance import AcceptanceResult, Baseline, run_acceptance
from .area_chain import ChainStep
from .codes import ACCEPTED, PENDING, REJECTED
from .inputs import Plots, Projects, Towns
from .output_tables import chain_table, plot_table, project_table, town_table
from .rules import RuleTable
from .summary import ProjectSummary, project_summaries, town_summaries

RUN_ID_PREFIX = "reclamationacceptance"


@dataclass
class AcceptanceRun:
    """Everything one run writes: the checked plots, the project, town and area-chain tables, the run id."""

    result: AcceptanceResult
    summaries: list[ProjectSummary]
    town_rows: list[dict]
    plots: FeatureTable
    projects: FeatureTable
    towns: FeatureTable
    chain: FeatureTable
    run_id: str
    chain_warnings: list[InputError] = field(default_factory=list)  # chains that do not add up (for the log)

    @property
    def counts(self) -> dict[str, int]:
        """Plots per verdict: 合格, 不合格, 待核实."""
        return {verdict: self.result.verdicts.count(verdict) for verdict in (ACCEPTED, REJECTED, PENDING)}


def acceptance_run(plots: Plots, projects: Projects, baseline: Baseline, rules: RuleTable,
                   dev_boundary: np.ndarray | None = None, eco_redline: np.ndarray | None = None,
                   prior_plots: np.ndarray | None = None, prior_ids: list[str] | None = None,
                   towns: Towns | None = None, recorded_chain: dict[tuple[str, str], ChainStep] | None = None,
                   crs: str = WORKING_CRS, progress: Callable[[float, str], None] | None = None,
                   is_canceled: Callable[[], bool] | None = None,
                   now: datetime.datetime | None = None) -> AcceptanceRun:
    """Check every plot, sum up by project and town, build the output tables and the run id.

    The arguments up to ``towns`` and ``crs``, ``progress`` and ``is_canceled`` are those of ``run_acceptance``
    (a cancel raises ``checks_geometry.CanceledError``); ``recorded_chain`` is the area-chain table as read
    (``area_chain.read_chain_table``); ``now`` the time stamped into the run id (default: the current UTC time).
    """
    result = run_acceptance(plots, projects, baseline, rules, dev_boundary, eco_redline, prior_plots, prior_ids,
                            towns, crs, progress, is_canceled)
    chain_warnings: list[InputError] = []
    summaries = project_summaries(result, recorded_chain or {}, chain_warnings)
    town_rows = _town_rows(result, summaries, towns)
    plot_rows = plot_table(result)
    return AcceptanceRun(result, summaries, town_rows, plot_rows, project_table(result, summaries),
                         town_table(town_rows, towns, crs), chain_table(summaries),
                         run_id(plots_digest(plot_rows), rules.path, now), chain_warnings)


def _town_rows(result: AcceptanceResult, summaries: list[ProjectSummary], towns: Towns | None) -> list[dict]:
    """The town summary over the town layer, or, without one, over the towns the projects name."""
    if towns is not None:
        return town_summaries(result, summaries, towns.names, towns.codes)
    names_seen = sorted({s.town for s in summaries if s.town})
    return town_summaries(result, summaries, names_seen, [""] * len(names_seen))


def plots_digest(table: FeatureTable) -> str:
    """A quick fingerprint of the checked plots: ids, measured areas, verdicts and reason codes."""
    text = "\n".join(f"{a}|{b}|{c}|{d}" for a, b, c, d in zip(table.columns["DKBH"], table.columns["CLMJ_M2"],
                                                             table.columns[RECLAMATION_VERDICT_FIELD],
                                                             table.columns["YYDM"]))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run_id(plots_hash: str, rules: str, now: datetime.datetime | None = None) -> str:
    """'reclamationacceptance:<UTC time>:<12 hex digits of the plots' fingerprint and the rule table's path>'."""
    moment = now or datetime.datetime.now(datetime.timezone.utc)
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    digest = hashlib.sha256(f"{plots_hash}|{rules}".encode()).hexdigest()[:12]
    return f"{RUN_ID_PREFIX}:{stamp}:{digest}"
