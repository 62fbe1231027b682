"""Project and town summaries of an acceptance run: accepted area, new 耕地 by kind, area chain, quota."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..grain import GrainTable, read_grain_table
from ..landclass import AGRICULTURAL, CULTIVATED, default_table
from ..messages import InputError
from ..units import m2_to_mu
from .acceptance import AcceptanceResult
from .area_chain import FROM_PROJECT, FROM_TABLE, ChainStep, PlotFigures, chain_notes, chain_ratio, project_chain
from .checks_attributes import UNIT_TO_M2
from .codes import ACCEPTED, PENDING, REJECTED
from .inputs import CHAIN_KEYS

KIND_NAMES = {"0101": "水田", "0102": "水浇地", "0103": "旱地"}


@dataclass
class ProjectSummary:
    project_id: str
    name: str
    town: str
    town_code: str
    year: int | None
    plots: int = 0
    accepted: int = 0
    rejected: int = 0
    pending: int = 0
    declared_mu: float = float("nan")
    accepted_mu: float = 0.0  # measured area of 合格 plots
    pending_mu: float = 0.0
    rejected_mu: float = 0.0
    new_cultivated_mu: dict[str, float] = field(default_factory=lambda: {k: 0.0 for k in KIND_NAMES})
    credited_mu: dict[str, float] = field(default_factory=lambda: {k: 0.0 for k in KIND_NAMES})  # for the ledger
    recorded_chain: dict[str, float] = field(default_factory=dict)
    chain: list[ChainStep] = field(default_factory=list)
    planned_mu: float = float("nan")
    county_deduction_mu: float = float("nan")
    chain_ratio: float = float("nan")
    chain_flag: bool = False
    chain_source: str = ""
    confirmed_mu: float = 0.0
    paired_mu: float = 0.0
    linkage_surplus_mu: float = 0.0
    grain_capacity_kg: float = 0.0
    verdict: str = PENDING
    quota_kind: str = ""  # what the project credits: 'linkage_surplus', 'compensation' or 'both'

    @property
    def new_cultivated_total(self) -> float:
        return sum(self.new_cultivated_mu.values())

    @property
    def credited_total(self) -> float:
        return sum(self.credited_mu.values())


def _nan_or(value: float, default: float) -> float:
    return default if value != value else value


def project_summaries(result: AcceptanceResult, recorded: dict[tuple[str, str], ChainStep] | None = None,
                      notes: list[InputError] | None = None, grain: GrainTable | None = None) -> list[ProjectSummary]:
    """One summary per project of the project layer (plots without a known project are not in any).

    ``recorded`` is the area-chain table as read (``area_chain.read_chain_table``); chains that do not add
    up are appended to ``notes``. ``grain``: the grain capacity table (default resources/grain_capacity.csv).
    """
    projects, rules = result.projects, result.rules
    out = []
    mu = m2_to_mu(np.nan_to_num(result.measured_m2))
    new = m2_to_mu(result.new_m2)
    by_project: dict[int, list[int]] = {}
    for i, row in enumerate(result.project_index):
        if row >= 0:
            by_project.setdefault(int(row), []).append(i)
    grain = read_grain_table() if grain is None else grain
    figures = _plot_figures(result)
    plot_grain = figures.new_mu * grain.rates(figures.kinds, figures.grades)  # kg per plot, were it accepted
    for row, pid in enumerate(projects.ids):
        town, code = result.project_town[row] if row < len(result.project_town) else ("", "")
        s = ProjectSummary(pid, projects.names[row], town or projects.towns[row], code,
                           projects.years[row] if row < len(projects.years) else None)
        s.declared_mu = float(projects.declared_area[row])
        members = by_project.get(row, [])  # a duplicate project id has none: its plots went to the first
        for i in members:
            s.plots += 1
            verdict = result.verdicts[i]
            if verdict == ACCEPTED:
                s.accepted += 1
                s.accepted_mu += mu[i]
                kind = result.cultivated_kind(i)
                if kind:  # only the part that was construction land is new 耕地 (net of 田坎)
                    s.new_cultivated_mu[kind] += new[i]
            elif verdict == REJECTED:
                s.rejected += 1
                s.rejected_mu += mu[i]
            else:
                s.pending += 1
                s.pending_mu += mu[i]
        s.recorded_chain = {k: float(projects.chain[k][row]) for k in CHAIN_KEYS}
        _area_chain(s, recorded or {}, _select(figures, members), rules["min_chain_ratio"])
        if notes is not None:
            notes.extend(chain_notes(pid, s.chain, projects.layer_name, s.new_cultivated_total))
        s.paired_mu = _nan_or(float(projects.paired_area[row]), 0.0) if projects.paired_area is not None else 0.0
        s.linkage_surplus_mu = s.confirmed_mu - s.paired_mu
        s.grain_capacity_kg = _grain_capacity(s, grain, plot_grain, figures, members)
        declared_kind = projects.quota_kinds[row] if row < len(projects.quota_kinds) else ""
        paired_recorded = projects.paired_area is not None and projects.paired_area[row] == projects.paired_area[row]
        s.quota_kind = declared_kind or ("linkage_surplus" if paired_recorded else "compensation")
        s.verdict = PENDING if s.pending else (ACCEPTED if s.accepted else REJECTED)
        out.append(s)
    return out


def _grain_capacity(s: ProjectSummary, grain: GrainTable, plot_grain: np.ndarray, figures: PlotFigures,
                    members: list[int]) -> float:
    """粮食产能 of the credit: the recorded 确认新增 split at its grade, else each accepted plot's new 耕地 at the
    rate of its class and 耕地质量等别."""
    confirmed = s.chain[-1]
    if confirmed.source == FROM_TABLE and confirmed.has_kinds:
        return sum(s.credited_mu[k] * float(grain.rate(k, confirmed.grade)) for k in KIND_NAMES)
    idx = np.asarray(members, dtype=int)
    chosen = figures.accepted[idx] & np.array([figures.kinds[i] is not None for i in members], dtype=bool)
    return float(plot_grain[idx][chosen].sum())


def _plot_figures(result: AcceptanceResult) -> PlotFigures:
    plots = result.plots
    n = len(plots)
    agricultural = np.isin(default_table().groups(plots.target_class), (CULTIVATED, AGRICULTURAL))
    declared = plots.declared_area * UNIT_TO_M2[result.rules["declared_area_unit"]]
    verdicts = np.asarray(result.verdicts, dtype=object)
    grades = plots.grades if plots.grades is not None else np.full(n, np.nan)
    grades = np.where((grades >= 1) & (grades <= 15), grades, np.nan)  # out-of-range grades: noted by the run
    return PlotFigures(m2_to_mu(declared), m2_to_mu(result.measured_m2), [result.cultivated_kind(i) for i in range(n)],
                       agricultural, grades, verdicts == ACCEPTED, verdicts == REJECTED, m2_to_mu(result.new_m2))


def _select(figures: PlotFigures, members: list[int]) -> PlotFigures:
    idx = np.asarray(members, dtype=int)
    return PlotFigures(figures.declared_mu[idx], figures.measured_mu[idx], [figures.kinds[i] for i in members],
                       figures.agricultural[idx], figures.grades[idx], figures.accepted[idx], figures.rejected[idx],
                       None if figures.new_mu is None else figures.new_mu[idx])


def _area_chain(s: ProjectSummary, recorded: dict, figures: PlotFigures, min_ratio: float) -> None:
    """The six steps (see ``area_chain``), the 90% flag, the confirmed area and what the ledger credits."""
    s.chain = project_chain(s.project_id, recorded, s.recorded_chain, s.declared_mu, figures)
    planned, county, _, _, _, confirmed = s.chain
    s.planned_mu, s.county_deduction_mu = planned.total, county.total
    s.chain_source = "recorded" if county.source in (FROM_TABLE, FROM_PROJECT) else "computed"
    s.chain_ratio = chain_ratio(s.chain)
    s.chain_flag = s.chain_ratio == s.chain_ratio and s.chain_ratio < min_ratio - 1e-12
    s.confirmed_mu = confirmed.agricultural if confirmed.agricultural == confirmed.agricultural else confirmed.total
    if s.confirmed_mu != s.confirmed_mu:
        s.confirmed_mu = s.accepted_mu
    # the compensation credit: the recorded confirmed split where the province's figures are at hand,
    # else the new 耕地 this run accepted
    if confirmed.source == FROM_TABLE and confirmed.has_kinds:
        s.credited_mu = {k: _nan_or(confirmed.kinds[k], 0.0) for k in KIND_NAMES}
    else:
        s.credited_mu = dict(s.new_cultivated_mu)


def town_summaries(result: AcceptanceResult, summaries: list[ProjectSummary], town_names: list[str],
                   town_codes: list[str]) -> list[dict]:
    """Per town of the town layer (and one row for plots in no town, if any): counts and areas."""
    rows = {(code or name): _town_row(name, code) for name, code in zip(town_names, town_codes)}
    mu = m2_to_mu(np.nan_to_num(result.measured_m2))
    new = m2_to_mu(result.new_m2)
    for i, verdict in enumerate(result.verdicts):
        key = result.town_codes[i] or result.town_names[i]
        if key not in rows:
            key = ""
        row = rows.setdefault(key, _town_row("（未落入任何镇街道）", ""))
        row["plots"] += 1
        row[{ACCEPTED: "accepted", REJECTED: "rejected", PENDING: "pending"}[verdict]] += 1
        if verdict == ACCEPTED:
            row["accepted_mu"] += mu[i]
            kind = result.cultivated_kind(i)
            if kind:
                row[kind] += new[i]
    for s in summaries:
        key = s.town_code or s.town
        if key in rows:
            rows[key]["projects"] += 1
            rows[key]["linkage_surplus_mu"] += s.linkage_surplus_mu
    return list(rows.values())


def _town_row(name: str, code: str) -> dict:
    return {"name": name, "code": code, "projects": 0, "plots": 0, "accepted": 0, "rejected": 0, "pending": 0,
            "accepted_mu": 0.0, "0101": 0.0, "0102": 0.0, "0103": 0.0, "linkage_surplus_mu": 0.0}
