"""Project and town summaries of an acceptance run: accepted area, new 耕地 by kind, area chain, quota."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..units import m2_to_mu
from .acceptance import AcceptanceResult
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
    recorded_chain: dict[str, float] = field(default_factory=dict)
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
    quota_kind: str = ""  # what the project's credit is: 'linkage_surplus' or 'compensation'

    @property
    def new_cultivated_total(self) -> float:
        return sum(self.new_cultivated_mu.values())


def _nan_or(value: float, default: float) -> float:
    return default if value != value else value


def project_summaries(result: AcceptanceResult) -> list[ProjectSummary]:
    """One summary per project of the project layer (plots without a known project are not in any)."""
    projects, rules = result.projects, result.rules
    out = []
    mu = m2_to_mu(np.nan_to_num(result.measured_m2))
    by_project: dict[int, list[int]] = {}
    for i, row in enumerate(result.project_index):
        if row >= 0:
            by_project.setdefault(int(row), []).append(i)
    yields = rules["grain_yield_kg_per_mu"]
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
                if kind:
                    s.new_cultivated_mu[kind] += mu[i]
            elif verdict == REJECTED:
                s.rejected += 1
                s.rejected_mu += mu[i]
            else:
                s.pending += 1
                s.pending_mu += mu[i]
        s.recorded_chain = {k: float(projects.chain[k][row]) for k in CHAIN_KEYS}
        _area_chain(s, result, members, rules["min_chain_ratio"])
        s.paired_mu = _nan_or(float(projects.paired_area[row]), 0.0) if projects.paired_area is not None else 0.0
        s.linkage_surplus_mu = s.confirmed_mu - s.paired_mu
        s.grain_capacity_kg = sum(s.new_cultivated_mu[k] * float(yields.get(k, 0.0)) for k in KIND_NAMES)
        declared_kind = projects.quota_kinds[row] if row < len(projects.quota_kinds) else ""
        paired_recorded = projects.paired_area is not None and projects.paired_area[row] == projects.paired_area[row]
        s.quota_kind = declared_kind or ("linkage_surplus" if paired_recorded else "compensation")
        s.verdict = PENDING if s.pending else (ACCEPTED if s.accepted else REJECTED)
        out.append(s)
    return out


def _area_chain(s: ProjectSummary, result: AcceptanceResult, members: list[int], min_ratio: float) -> None:
    """Planned -> county deduction -> ... -> confirmed: recorded values where the project layer has them,
    else computed from this run (county deduction = planned - new 耕地 of the plots not rejected)."""
    rec = s.recorded_chain
    planned = rec["planned"] if rec["planned"] == rec["planned"] else s.declared_mu
    s.planned_mu = planned
    not_rejected_new = s.new_cultivated_total + sum(
        m2_to_mu(result.measured_m2[i]) for i in members
        if result.verdicts[i] == PENDING and result.cultivated_kind(i))
    if rec["county_deduction"] == rec["county_deduction"]:
        s.county_deduction_mu, s.chain_source = rec["county_deduction"], "recorded"
    elif planned == planned:
        s.county_deduction_mu, s.chain_source = max(planned - not_rejected_new, 0.0), "computed"
    if planned == planned and planned > 0 and s.county_deduction_mu == s.county_deduction_mu:
        s.chain_ratio = (planned - s.county_deduction_mu) / planned
        s.chain_flag = s.chain_ratio < min_ratio - 1e-12
    s.confirmed_mu = rec["confirmed"] if rec["confirmed"] == rec["confirmed"] else s.accepted_mu


def town_summaries(result: AcceptanceResult, summaries: list[ProjectSummary], town_names: list[str],
                   town_codes: list[str]) -> list[dict]:
    """Per town of the town layer (and one row for plots in no town, if any): counts and areas."""
    rows = {(code or name): _town_row(name, code) for name, code in zip(town_names, town_codes)}
    mu = m2_to_mu(np.nan_to_num(result.measured_m2))
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
                row[kind] += mu[i]
    for s in summaries:
        key = s.town_code or s.town
        if key in rows:
            rows[key]["projects"] += 1
            rows[key]["linkage_surplus_mu"] += s.linkage_surplus_mu
    return list(rows.values())


def _town_row(name: str, code: str) -> dict:
    return {"name": name, "code": code, "projects": 0, "plots": 0, "accepted": 0, "rejected": 0, "pending": 0,
            "accepted_mu": 0.0, "0101": 0.0, "0102": 0.0, "0103": 0.0, "linkage_surplus_mu": 0.0}
