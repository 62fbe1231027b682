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


def run(patches, rows, approvals=(), baseline=None, farmland=None, rules=None, hsx=None, batches=None):
    """patches: [(JCBH, geometry)]; rows: [{field: value}] with logical verification keys; approvals:
    [(geometry, number, sub-type key[, PZRQ, DQRQ, JCSS])]; baseline: [(geometry, DLBM, KCXS)]."""
    baseline = baseline or [(box(0, 0, 2000, 2000), "0101", 0.0)]
    keys = sorted({k for r in rows for k in r} | {"id"})
    app = [tuple(a) + (None,) * (6 - len(a)) for a in approvals]
    return reconcile_patches(
        PatchInput([k for k, _ in patches], np.array([g for _, g in patches], dtype=object),
                   after=hsx or [None] * len(patches), batches=batches),
        VerificationInput({k: [r.get(k) for r in rows] for k in keys}),
        ApprovalInput(np.array([a[0] for a in app], dtype=object), [a[1] for a in app], [a[2] for a in app],
                      dates=[a[3] for a in app], term_ends=[a[4] for a in app],
                      infrastructure=[a[5] for a in app]),
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


# approval dates: patches A [100,200]^2 and B [400,500]x[100,200], 后时相 2021-09 (its last day 2021-09-30)
DATED = [("A", box(100, 100, 200, 200)), ("B", box(400, 100, 500, 200))]
COVER_A, COVER_B = box(90, 90, 210, 210), box(390, 90, 510, 210)


def test_approval_dated_after_the_later_image_is_built_before_approval():
    approvals = [(COVER_A, "浙土字〔2021〕7号", "conversion", "2021-10-08"),
                 (COVER_B, "浙土字〔2021〕8号", "conversion", "2021-09-20")]  # within the month of HSX: in time
    rows = [{"id": "A", "result": "合法", "legal_subtype": "农转用/征收批复", "approval_no": "浙土字〔2021〕7号"}]
    result = run(DATED, rows, approvals, hsx=["2021-09", "2021-09"])
    out = by_jcbh(result)
    a, b = out["A"], out["B"]
    assert (a["PZFGMJ"], a["HPFGMJ"], a["JYJG"], a["SFYZ"]) == (0.0, 10000.0, "疑似违法", 0)
    assert (b["PZFGMJ"], b["HPFGMJ"], b["JYJG"], b["ZZJG"]) == (10000.0, 0.0, "合法", "合法")
    assert codes(result) == [("APPROVED_AFTER_BUILT", "A"), ("NOT_REPORTED", "B"), ("WEAK_COVERAGE", "A")]
    message = next(r for r in result.discrepancies.rows() if r[1] == "APPROVED_AFTER_BUILT")[5]
    assert "浙土字〔2021〕7号（2021-10-08）" in message and "2021-09" in message and "10000.00" in message
    # unreported, the late approval does not make it legal: 10000 m2 of illegal 耕地
    result = run(DATED[:1], [], approvals[:1], hsx=["2021-09"])
    assert (by_jcbh(result)["A"]["ZZJG"], county(result)["GZB"]) == ("违法", 100.0)


def test_undated_approvals_and_a_date_that_is_no_date():
    approvals = [(COVER_A, "n1", "conversion", None), (COVER_B, "n2", "conversion", "去年")]
    result = run(DATED, [], approvals, hsx=["20210930", "2021年9月"])
    assert [r["JYJG"] for r in by_jcbh(result).values()] == ["合法", "合法"]
    assert any("去年" in str(m) and "PZRQ" in str(m) for m in result.log)


def temporary(pzrq, dqrq=None, infra=None, hsx="2021-09"):
    approvals = [(COVER_B, "平临〔2019〕1号", "temporary", pzrq, dqrq, infra)]
    rows = [{"id": "B", "result": "合法", "legal_subtype": "临时用地", "approval_no": "平临〔2019〕1号"}]
    return codes(run(DATED[1:], rows, approvals, hsx=[hsx]))


def test_temporary_use_past_its_term():
    # 2019-03-01 + 2 years = 2021-03-01, before the first day of the 后时相 2021-09-01
    assert temporary("2019-03-01") == [("TEMPORARY_EXPIRED", "B")]
    assert temporary("2019-09-01", hsx="2021-09-01") == []  # ends the day the image is taken
    assert temporary("2019-03-01", infra="是") == []  # infrastructure: 4 years, to 2023-03-01
    assert temporary("2019-03-01", "2020-12-31", "是") == [("TEMPORARY_EXPIRED", "B")]  # its own term is shorter
    assert temporary(None, "2021-06-30") == [("TEMPORARY_EXPIRED", "B")]
    assert temporary("2019-03-01", "2025-12-31") == [("TEMPORARY_EXPIRED", "B")]  # capped at 2 years
    assert temporary(None) == []  # no dates: not checked


def test_temporary_or_facility_over_permanent_farmland():
    farmland = [box(0, 0, 450, 1000)]  # half of B: 5000 m2
    approvals = [(COVER_A, "n1", "facility"), (COVER_B, "n2", "temporary")]
    rows = [{"id": "A", "result": "合法", "legal_subtype": "设施农用地"},
            {"id": "B", "result": "合法", "legal_subtype": "临时用地"}]
    result = run(DATED, rows, approvals, farmland=farmland)
    assert codes(result) == [("SUBTYPE_ON_FARMLAND", "A"), ("SUBTYPE_ON_FARMLAND", "B")]
    messages = {r[2]: r[5] for r in result.discrepancies.rows()}
    assert "设施农用地" in messages["A"] and "10000.00" in messages["A"]
    assert "临时用地" in messages["B"] and "5000.00" in messages["B"]
    # a conversion approval on 永久基本农田 is no such finding
    result = run(DATED[:1], [{"id": "A", "result": "合法"}], [(COVER_A, "n1", "conversion")], farmland=farmland)
    assert codes(result) == []


def test_dates_as_counties_write_them():
    import datetime as dt

    from land_supervision.core.patrol.dates import add_years, parse_date

    day = dt.date(2021, 9, 15)
    for text in ("2021-09-15", "2021/9/15", "20210915", "2021年9月15日", "2021.9.15", "2021-09-15T10:00:00", day):
        assert parse_date(text) == day
    assert (parse_date("2021-09"), parse_date("202109", end=True)) == (dt.date(2021, 9, 1), dt.date(2021, 9, 30))
    assert (parse_date("2021年2月", end=True), parse_date(" "), parse_date(None)) == (dt.date(2021, 2, 28), None, None)
    assert add_years(dt.date(2020, 2, 29), 2) == dt.date(2022, 2, 28)
    with pytest.raises(ValueError):
        parse_date("九月")


def test_after_rectification_counts_only_measures_that_end_the_occupation():
    patches = [(f"R{k}", box(100 + 200 * k, 100, 200 + 200 * k, 200)) for k in range(1, 5)]
    measures = {"R1": "拆除复耕", "R2": "补办手续", "R3": "", "R4": "没收地上建筑物"}
    rows = [{"id": key, "result": "违法", "violation_type": "违法占地", "rectification": "已整改",
             "measure": measures[key]} for key, _ in patches]
    result = run(patches, rows)
    row = county(result)
    # before: 40000 of 40000 m2; after: R2 (papers only) and R3 (no measure) stay, 20000 of 40000
    assert (row["GZB"], row["GZB_ZGH"], row["WFGDZG_MU"]) == pytest.approx((100.0, 50.0, 30.0))
    assert (row["ZGS"], row["XCS"]) == (4, 2)
    assert [c for c in codes(result) if c[0] != "CRIMINAL_THRESHOLD"] == [
        ("RECTIFIED_NOT_REMOVED", "R2"), ("RECTIFIED_NOT_REMOVED", "R3")]
    out = by_jcbh(result)
    assert [out[k]["ZGXC"] for k in ("R1", "R2", "R3", "R4")] == [1, 0, 0, 1]
    assert out["R2"]["ZGCS"] == "补办手续"


# a patch of 10000 m2 on 0101 with KCXS 0.1, an approval over its western 80%: inside 8000 m2 (耕地 7200),
# outside 2000 m2 (耕地 1800)
RIDGED = [(box(0, 0, 2000, 2000), "0101", 0.1)]
PART = [("C", box(100, 100, 200, 200))]
PART_APPROVAL = [(box(90, 90, 180, 210), "浙土字〔2021〕9号", "conversion")]


def reported_areas(**values):
    row = {"id": "C", "result": "违法", "violation_type": "违法占地", **values}
    return [c for c in codes(run(PART, [row], PART_APPROVAL, baseline=RIDGED)) if c[0] != "CRIMINAL_THRESHOLD"]


def test_reported_illegal_and_split_cultivated_areas_against_the_evidence():
    assert reported_areas(violation_area=3.0, approved_cultivated=7200 * MU, unapproved_cultivated=1800 * MU) == []
    assert reported_areas(violation_area=15.0, approved_cultivated=8000 * MU, unapproved_cultivated=0.0) == [
        ("APPROVED_CULTIVATED_OFF", "C"), ("UNAPPROVED_CULTIVATED_OFF", "C"), ("VIOLATION_AREA_OFF", "C")]
    # 违法批地: the whole patch is the illegal area
    assert reported_areas(violation_type="违法批地", violation_area=15.0) == []
    assert reported_areas(violation_type="违法批地", violation_area=3.0) == [("VIOLATION_AREA_OFF", "C")]
    # tolerance: 0.1 亩 (66.67 m2) or 1%: 2000 m2 reported as 2060 m2 passes, 2070 m2 does not
    assert reported_areas(violation_area=2060 * MU) == []
    assert reported_areas(violation_area=2070 * MU) == [("VIOLATION_AREA_OFF", "C")]


def test_permanent_farmland_compared_net_of_ridges():
    farmland = [box(0, 0, 1000, 1000)]  # under all of C: 10000 m2 gross, 9000 m2 net of 田坎

    def found(reported, net=True):
        rules = dataclasses.replace(load_rules(), farmland_net_of_ridges=net)
        row = {"id": "C", "result": "违法", "violation_type": "违法占地", "farmland_area": reported}
        result = run(PART, [row], baseline=RIDGED, farmland=farmland, rules=rules)
        assert (by_jcbh(result)["C"]["JBNTMJ"], by_jcbh(result)["C"]["JBNTJMJ"]) == (10000.0, 9000.0)
        return [c for c in codes(result) if c[0] != "CRIMINAL_THRESHOLD"]

    assert found(9000 * MU) == [] and found(10000 * MU) == [("FARMLAND_AREA_OFF", "C")]
    assert found(9000 * MU, net=False) == [("FARMLAND_AREA_OFF", "C")] and found(10000 * MU, net=False) == []


def test_criminal_referral_thresholds_per_patch():
    # 永久基本农田 x < 500; 5 亩 = 3333.33 m2, 10 亩 = 6666.67 m2
    patches = [("K1", box(100, 100, 160, 160)), ("K2", box(200, 100, 250, 160)), ("K3", box(600, 100, 700, 170)),
               ("K4", box(800, 100, 900, 160)), ("K5", box(1000, 100, 1100, 170)), ("K6", box(1200, 100, 1300, 170))]
    illegal = {"result": "违法", "violation_type": "违法占地"}
    rows = [{"id": k, **illegal} for k in ("K1", "K2", "K3", "K4")] + [
        {"id": "K5", "result": "合法"},
        {"id": "K6", **illegal, "rectification": "已整改", "measure": "拆除复耕"}]  # rectified: still reached
    result = run(patches, rows, [(box(990, 90, 1110, 180), "n", "conversion")], farmland=[box(0, 0, 500, 2000)])
    out = by_jcbh(result)
    assert {k: (r["WFJBNT_MU"], r["WFQTGD_MU"], r["XSYS"]) for k, r in out.items()} == {
        "K1": (5.4, 0.0, 1), "K2": (4.5, 0.0, 0), "K3": (0.0, 10.5, 1), "K4": (0.0, 9.0, 0), "K5": (0.0, 0.0, 0),
        "K6": (0.0, 10.5, 1)}
    assert [c for c in codes(result) if c[0] == "CRIMINAL_THRESHOLD"] == [
        ("CRIMINAL_THRESHOLD", "K1"), ("CRIMINAL_THRESHOLD", "K3"), ("CRIMINAL_THRESHOLD", "K6")]
    assert county(result)["XSYS"] == 3 and result.summary["referrals"] == 3


def test_the_ministrys_second_look_rejects_weak_and_unsupported_legal_answers():
    patches = [("L1", box(100, 100, 200, 200)), ("L2", box(400, 100, 500, 200)), ("I1", box(700, 100, 800, 200))]
    approvals = [(box(90, 90, 180, 210), "浙土字〔2021〕1号", "conversion", "2021-05-01"),
                 (box(390, 90, 510, 210), "平临〔2019〕1号", "temporary", "2019-03-01")]
    rows = [{"id": "L1", "result": "合法", "legal_subtype": "农转用/征收批复", "approval_no": "浙土字〔2021〕1号"},
            {"id": "L2", "result": "合法", "legal_subtype": "临时用地", "approval_no": "平临〔2019〕1号"},
            {"id": "I1", "result": "违法", "violation_type": "违法占地"}]
    result = run(patches, rows, approvals, hsx=["2021-09"] * 3)
    row = county(result)
    # the county's own ratio: I1 10000 m2 of L1 + I1 20000 m2 (L2 is 临时用地) = 50%;
    # second look: L1 weak (its uncovered 2000 m2), L2 past its term (all 10000 m2, back in the denominator):
    # (10000 + 2000 + 10000) / 30000
    assert (row["GZB"], row["GZB_FH"], row["FHS"]) == (50.0, round(100 * 22000 / 30000, 2), 2)
    assert [by_jcbh(result)[k]["FHBF"] for k in ("L1", "L2", "I1")] == [1, 1, 0]
    assert result.summary["ratio_second"] == pytest.approx(100 * 22000 / 30000)
    assert "73.33%" in str(result.log[-1])


def test_a_year_of_batches_with_a_patch_issued_again():
    # 2021Q1 A; 2021Q2 B (half over A: 5000 m2 issued again) and C (legal); 2021Q3 D (rectified by demolition)
    patches = [("A", box(100, 100, 200, 200)), ("B", box(150, 100, 250, 200)), ("C", box(400, 100, 500, 200)),
               ("D", box(700, 100, 800, 200))]
    illegal = {"result": "违法", "violation_type": "违法占地"}
    rows = [{"id": "A", **illegal}, {"id": "B", **illegal}, {"id": "C", "result": "合法"},
            {"id": "D", **illegal, "rectification": "已整改", "measure": "拆除复耕"}]
    result = run(patches, rows, [(box(390, 90, 510, 210), "n", "conversion")],
                 batches=["2021Q1", "2021Q2", "2021Q2", "2021Q3"])
    year = county(result)
    # the year: illegal A 10000 + B's new 5000 + D 10000; new construction 10000 + 5000 + 10000 + 10000
    assert (year["GZB"], year["GZB_ZGH"]) == (round(100 * 25000 / 35000, 2), round(100 * 15000 / 35000, 2))
    assert year["XZGD_MU"] == round(35000 * MU, 2) and year["TBS"] == 4
    assert [c for c in codes(result) if c[0] != "CRIMINAL_THRESHOLD"] == [("REPEATED_IN_BATCHES", "B")]
    message = next(r for r in result.discrepancies.rows() if r[1] == "REPEATED_IN_BATCHES")[5]
    assert "2021Q1" in message and "5000.00" in message and " A " in message
    out = by_jcbh(result)
    assert (out["B"]["GDMJ"], out["B"]["CFPC"], out["B"]["PC"], out["A"]["CFPC"]) == (10000.0, 1, "2021Q2", 0)
    batch_rows = [dict(zip(result.batches.field_names, r)) for r in result.batches.rows()]
    county_rows = {r["PC"]: r for r in batch_rows if r["XZQMC"] == "合计"}
    assert {k: (r["TBS"], r["CFS"], r["WFGD_MU"], r["WFGDZG_MU"], r["XZGD_MU"], r["GZB"])
            for k, r in county_rows.items()} == {
        "2021Q1": (1, 0, 15.0, 15.0, 15.0, 100.0), "2021Q2": (2, 1, 7.5, 7.5, 22.5, 33.33),
        "2021Q3": (1, 0, 15.0, 0.0, 15.0, 100.0)}
    # each batch's contribution adds up to the year
    assert sum(r["XZGD_MU"] for r in county_rows.values()) == pytest.approx(year["XZGD_MU"], abs=0.01)
    assert run(patches, rows).batches is None  # no batch field: no batch table
