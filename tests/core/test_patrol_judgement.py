"""The patrol rules judged as the ministry judges them, each on a small scene worked out by hand (planar m2).

Scenes lie in one town [0,2000]x[0,2000] (offset X0/Y0 in EPSG:4549); a 100 x 150 m patch is 15000 m2 = 22.5 亩,
a 100 x 100 m patch 10000 m2 = 15 亩.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import shapely

from land_supervision.core.patrol import (
    ApprovalInput,
    BaselineInput,
    PatchInput,
    TownInput,
    VerificationInput,
    load_rules,
    reconcile_patches,
)
from land_supervision.core.units import M2_PER_MU

X0, Y0 = 600_000.0, 3_400_000.0
MU = 1.0 / M2_PER_MU


def box(x1, y1, x2, y2):
    return shapely.box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2)


def run(patches, rows, approvals=(), baseline=None, farmland=None, rules=None, hsx=None):
    """patches: [(JCBH, geometry)]; rows: [{field: value}] with logical verification keys; approvals:
    [(geometry, number, sub-type key)] or with a date and term end; baseline: [(geometry, DLBM, KCXS)]."""
    baseline = baseline or [(box(0, 0, 2000, 2000), "0101", 0.0)]
    keys = sorted({k for r in rows for k in r} | {"id"})
    app = [tuple(a) + (None,) * (5 - len(a)) for a in approvals]
    return reconcile_patches(
        PatchInput([k for k, _ in patches], np.array([g for _, g in patches], dtype=object),
                   after=hsx or [None] * len(patches)),
        VerificationInput({k: [r.get(k) for r in rows] for k in keys}),
        ApprovalInput(np.array([a[0] for a in app], dtype=object), [a[1] for a in app], [a[2] for a in app],
                      dates=[a[3] for a in app], term_ends=[a[4] for a in app]),
        BaselineInput(np.array([b[0] for b in baseline], dtype=object), [b[1] for b in baseline],
                      [b[2] for b in baseline]),
        TownInput(np.array([box(0, 0, 2000, 2000)], dtype=object), ["甲镇"], ["330482001"]),
        None if farmland is None else np.array(farmland, dtype=object), rules=rules, area_method="planar")


def by_jcbh(result):
    return {row[0]: dict(zip(result.patches.field_names, row)) for row in result.patches.rows()}


def county(result):
    return {row[1]: dict(zip(result.towns.field_names, row)) for row in result.towns.rows()}["合计"]


def codes(result):
    return sorted((row[1], row[2]) for row in result.discrepancies.rows())


# the example: one illegal 15 亩 patch beside a legal 15 亩 临时用地 patch
EXAMPLE = [("A", box(100, 100, 200, 200)), ("B", box(400, 100, 500, 200))]
EXAMPLE_ROWS = [{"id": "A", "result": "违法", "violation_type": "违法占地"},
                {"id": "B", "result": "合法", "legal_subtype": "临时用地", "approval_no": "平临〔2021〕1号"}]
EXAMPLE_APPROVALS = [(box(390, 90, 510, 210), "平临〔2021〕1号", "temporary")]


def test_legal_temporary_use_leaves_the_denominator():
    result = run(EXAMPLE, EXAMPLE_ROWS, EXAMPLE_APPROVALS)
    row = county(result)
    # illegal 10000 m2 of 耕地 / new construction 10000 m2 (B is no new construction land) = 100%, not 50%
    assert (row["WFGD_MU"], row["XZGD_MU"], row["GZB"]) == pytest.approx((15.0, 15.0, 100.0))
    assert by_jcbh(result)["B"]["BJXZ"] == 1 and by_jcbh(result)["A"]["BJXZ"] == 0


def test_denominator_switch_counts_temporary_use():
    rules = dataclasses.replace(load_rules(), denominator_excluded_subtypes=())
    row = county(run(EXAMPLE, EXAMPLE_ROWS, EXAMPLE_APPROVALS, rules=rules))
    assert (row["XZGD_MU"], row["GZB"]) == pytest.approx((30.0, 50.0))


def test_legal_facility_land_leaves_the_denominator_unless_reported_otherwise():
    rows = [EXAMPLE_ROWS[0], {"id": "B", "result": "合法", "legal_subtype": "设施农用地"}]
    assert county(run(EXAMPLE, rows, [(EXAMPLE_APPROVALS[0][0], "x", "facility")]))["GZB"] == pytest.approx(100.0)
    # unreported sub-type: the approval's (the one covering most) decides
    rows = [EXAMPLE_ROWS[0], {"id": "B", "result": "合法"}]
    assert county(run(EXAMPLE, rows, [(EXAMPLE_APPROVALS[0][0], "x", "facility")]))["GZB"] == pytest.approx(100.0)
    # a 临时用地 answer reported 违法 is new construction, illegal: 20000 of 20000
    rows = [EXAMPLE_ROWS[0], {"id": "B", "result": "违法", "legal_subtype": "", "violation_type": "违法占地"}]
    row = county(run(EXAMPLE, rows))
    assert (row["XZGD_MU"], row["GZB"]) == pytest.approx((30.0, 100.0))


# a patch on baseline construction land: b1 [0,1000]x[0,2000] 0101, b2 [1000,2000]x[0,2000] 0702 (rural housing)
TWO_CLASSES = [(box(0, 0, 1000, 2000), "0101", 0.0), (box(1000, 0, 2000, 2000), "0702", 0.0)]


def test_patch_wholly_on_construction_land_is_not_suspected_illegal():
    patches = [("ON", box(1100, 100, 1200, 200)), ("HALF", box(950, 300, 1050, 400)),
               ("REP", box(1300, 100, 1400, 200))]
    rows = [{"id": "REP", "result": "违法", "violation_type": "违法占地"}]
    rows_out = by_jcbh(run(patches, rows, baseline=TWO_CLASSES))
    on, half, rep = rows_out["ON"], rows_out["HALF"], rows_out["REP"]
    assert (on["XZJSMJ"], on["JYJG"], on["ZZJG"], on["SFYZ"]) == (0.0, "其他", "其他", None)
    # half on 耕地: 5000 m2 of new construction, suspected illegal, counted 违法 while unreported
    assert (half["XZJSMJ"], half["JYJG"], half["ZZJG"]) == (5000.0, "疑似违法", "违法")
    # the county's own 违法 answer stands; the suggestion has no opinion on its legality
    assert (rep["JYJG"], rep["ZZJG"], rep["SFYZ"]) == ("其他", "违法", None)


def test_existing_construction_switch_off():
    rules = dataclasses.replace(load_rules(), existing_construction_other=False)
    on = by_jcbh(run([("ON", box(1100, 100, 1200, 200))], [], baseline=TWO_CLASSES, rules=rules))["ON"]
    assert (on["JYJG"], on["ZZJG"]) == ("疑似违法", "违法")
