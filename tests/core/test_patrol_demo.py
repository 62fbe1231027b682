"""The patrol demo (seed 2021, scale 1) through the core: every finding code is exercised and the county figures
the README and the guide quote."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from land_supervision.core.demo import base, park
from land_supervision.core.demo import patrol as demo_patrol
from land_supervision.core.demo.context import DemoContext
from land_supervision.core.fieldmap import STANDARD_FIELDS
from land_supervision.core.patrol import (
    ApprovalInput,
    BaselineInput,
    PatchInput,
    TownInput,
    VerificationInput,
    load_rules,
    reconcile_patches,
)
from land_supervision.core.patrol import codes as patrol_codes


@pytest.fixture(scope="module")
def result():
    ctx = DemoContext(seed=2021, scale=1.0)
    for step in (base.add_layers, park.add_layers, demo_patrol.add_layers):
        step(ctx)
    t = ctx.tables
    rules = load_rules()
    layers = [tab for name, tab in t.items() if name.startswith("demo_approvals_")]

    def column(name):
        return [v for tab in layers for v in tab.columns.get(name, [None] * len(tab))]

    approvals = ApprovalInput(np.concatenate([tab.geometry for tab in layers]), column("PZWH"),
                              [rules.subtype_of(x).key for x in column("PZLX")], dates=column("PZRQ"),
                              term_ends=column("DQRQ"), infrastructure=column("JCSS"))
    p, v, b, towns = t["demo_patches"], t["demo_verification"], t["demo_baseline_dltb"], t["demo_towns"]
    answers = {key: list(v.columns[f]) for key, f in STANDARD_FIELDS["verification"].items() if f in v.columns}
    return reconcile_patches(
        PatchInput(list(p.columns["JCBH"]), p.geometry, after=list(p.columns["HSX"]), batches=list(p.columns["PC"])),
        VerificationInput(answers),
        approvals, BaselineInput(b.geometry, list(b.columns["DLBM"]), list(b.columns["KCXS"])),
        TownInput(towns.geometry, list(towns.columns["XZQMC"]), list(towns.columns["XZQDM"])),
        t["demo_farmland"].geometry)


def test_every_finding_code_is_exercised(result):
    found = Counter(row[1] for row in result.discrepancies.rows())
    assert set(found) == set(patrol_codes.MESSAGES)
    assert len(result.discrepancies) == 39


def test_county_figures(result):
    county = {row[1]: dict(zip(result.towns.field_names, row)) for row in result.towns.rows()}["合计"]
    assert (county["GZB"], county["GZB_ZGH"], county["GZB_FH"]) == (29.35, 26.34, 34.25)
    assert (county["WFGD_MU"], county["WFGDZG_MU"], county["XZGD_MU"]) == (160.82, 144.34, 547.89)
    assert (county["ZGS"], county["XCS"], county["FHS"], county["XSYS"]) == (3, 2, 4, 9)
    patches = {row[0]: dict(zip(result.patches.field_names, row)) for row in result.patches.rows()}
    assert patches["3304822021Q30037"]["JYJG"] == "其他" and patches["3304822021Q30037"]["XZJSMJ"] == 0.0
    batches = {r[0]: dict(zip(result.batches.field_names, r)) for r in result.batches.rows() if r[2] == "合计"}
    assert sorted(batches) == ["2021Q1", "2021Q2", "2021Q3"] and batches["2021Q3"]["CFS"] == 1
    assert sum(b["XZGD_MU"] for b in batches.values()) == pytest.approx(county["XZGD_MU"], abs=0.02)
