"""用地预审 pre-check on a hand-built scene; every expected figure worked out by hand below.

Squares of 200 m (60 亩) on the central meridian of EPSG:4549, where the projection's scale is 1, so planar and
ellipsoidal areas agree to ~1e-8.
- P1 at x 500000-500200: left half 水田 (0101, KCXS 0.10), right half 旱地 (0103, no KCXS).
  Needs: plan 60; 耕地 net 30 x 0.9 + 30 = 57; 水田 net 27; grain 27 x 500 + 30 x 300 = 22,500 kg.
  永久基本农田: the left quarter, 50 x 200 m = 15 亩. 城镇开发边界 (集中建设区): the right 3/4 = 45 亩 in,
  15 亩 out. An open patrol patch JC1 lies inside.
- P2 at x 501000-501200: left half 沿海滩涂 (1105, 未利用地), right half 乔木林地 (0301, 农用地 and 林地).
  Needs: plan 60 (30 + 30), no 耕地. Wholly outside the boundary. Its right half lies in the park's 严格管控区
  and it is declared 风电: 禁止. Reclaimed plot DK1 lies inside; patch JC2 only touches its edge.
- Ledger balances: plan 100, 耕地 50, 水田 30, grain 20,000, drawn in project order:
  P1 takes plan 60 (40 left), 耕地 50 of 57 (short 7), 水田 27 (3 left), grain 20,000 of 22,500 (short 2,500);
  P2 needs plan 60 of the 40 left: short 20.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP
from decimal import Decimal as D  # noqa: N817

import numpy as np
import pytest
import shapely

from land_supervision.core.grain import read_grain_table
from land_supervision.core.ledger.allocation_check import Needs, check_allocations
from land_supervision.core.precheck import (
    Areas,
    Baseline,
    Marked,
    allocation_amounts,
    coverage,
    coverage_table,
    precheck_table,
    run_precheck,
)
from land_supervision.core.zoning.rules import parse_rules
from land_supervision.core.zoning.zones import build_zones

X0, Y0 = 500000.0, 3400000.0


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


@pytest.fixture
def scene(tmp_path):
    grain_csv = tmp_path / "grain.csv"
    grain_csv.write_text("code,grade,kg_per_mu,source\n0101,,500,test\n0102,,400,test\n0103,,300,test\n",
                         encoding="utf-8")
    projects = np.array([box(0, 0, 200, 200), box(1000, 0, 1200, 200)], dtype=object)
    baseline = Baseline(
        np.array([box(0, 0, 100, 200), box(100, 0, 200, 200), box(1000, 0, 1100, 200), box(1100, 0, 1200, 200),
                  box(300, 0, 900, 200)], dtype=object),  # the last one (建设用地) touches neither project
        np.array(["0101", "0103", "1105", "0301", "0702"], dtype=object),
        np.array([0.10, 0.0, 0.0, 0.0, 0.0]))
    rules = parse_rules("活动类型,EN,严格管控区,合理利用区\n风电,Wind,禁止：严格管控区禁止开发,禁止：不得选址\n"
                        "道路,Road,禁止：严格管控区禁止开发,限制：论证后\n")
    park = build_zones(np.array([box(1100, -500, 1600, 500), box(1600, -500, 2000, 500)], dtype=object),
                       ["严格管控区", "合理利用区"])
    return dict(
        ids=["P1", "P2"], projects=projects, baseline=baseline, grain=read_grain_table(grain_csv),
        farmland=Areas([box(0, 0, 50, 200)]),
        dev_boundary=Areas([box(50, -10, 260, 210)], ["集中建设区"]),
        park=park, park_rules=rules, uses=["道路", "风电"],
        balances={("plan", "area"): D("100"), ("compensation", "cultivated_area"): D("50"),
                  ("compensation", "paddy_area"): D("30"), ("compensation", "grain_capacity"): D("20000")},
        open_patches=Marked([box(20, 20, 40, 40), box(1200, 0, 1300, 100)], ["JC1", "JC2"]),
        reclaimed=Marked([box(1050, 50, 1080, 80)], ["DK1"]))


def _run(scene, **changes):
    args = dict(scene, **changes)
    return run_precheck(args.pop("ids"), args.pop("projects"), args.pop("baseline"), args.pop("grain"), **args)


def test_constraints_consumption_and_quota_by_hand(scene):
    result = _run(scene)
    p1, p2 = result.rows
    approx = lambda v: pytest.approx(v, rel=1e-6, abs=1e-6)  # noqa: E731
    assert p1["ZMJ_MU"] == approx(60) and p2["ZMJ_MU"] == approx(60)
    assert p1["YJJBNT_MU"] == approx(15) and p2["YJJBNT_MU"] == approx(0) and p1["STHX_MU"] == 0
    assert p1["KFBJ_IN_MU"] == approx(45) and p1["KFBJ_OUT_MU"] == approx(15) and p1["JZJSQ_MU"] == approx(45)
    assert p2["KFBJ_IN_MU"] == approx(0) and p2["KFBJ_OUT_MU"] == approx(60)
    assert (p1["NYD_MU"], p1["WLYD_MU"], p1["JHZB_MU"]) == (approx(60), approx(0), approx(60))
    assert (p1["GD_MU"], p1["ST_MU"], p1["CN_KG"], p1["LD_MU"]) == (approx(57), approx(27), approx(22500), 0)
    assert (p2["NYD_MU"], p2["WLYD_MU"], p2["JHZB_MU"]) == (approx(30), approx(30), approx(60))
    assert (p2["GD_MU"], p2["LD_MU"]) == (approx(0), approx(30))
    assert p2["YGGK_MU"] == approx(30) and p2["HLLY_MU"] == approx(0) and p2["HYGY_JL"] == "禁止"
    assert p1["HYGY_JL"] == "不涉及" and p1["HYGY_MU"] == 0
    assert (p1["JHZB_QK"], p1["GD_QK"], p1["ST_QK"], p1["CN_QK"]) == (0, 7, 0, 2500)
    assert (p2["JHZB_QK"], p2["GD_QK"], p2["ST_QK"], p2["CN_QK"]) == (20, 0, 0, 0)
    assert p1["WZG_TB"] == "JC1" and p2["WZG_TB"] == "" and p2["FK_DK"] == "DK1" and p1["FK_DK"] == ""
    assert p1["WTDM"].split(";") == ["FARMLAND", "OUTSIDE_BOUNDARY", "QUOTA_SHORT", "OPEN_PATCH"]
    assert p2["WTDM"].split(";") == ["OUTSIDE_BOUNDARY", "PARK_PROHIBITED", "QUOTA_SHORT", "RECLAIMED_PLOT"]
    assert "占用永久基本农田" in p1["WTSM"] and "海洋公园禁止" in p2["WTSM"]


def test_pieces_for_the_map(scene):
    pieces = _run(scene).pieces
    rows = sorted(zip(pieces.columns["XMBH"], pieces.columns["TC"], pieces.columns["LX"], pieces.columns["MJ_MU"]))
    assert [r[:3] for r in rows] == [("P1", "城镇开发边界", "集中建设区"), ("P1", "永久基本农田", ""),
                                     ("P2", "海洋公园", "严格管控区")]
    assert [round(r[3], 4) for r in rows] == [45.0, 15.0, 30.0]  # (scale 1 + 3e-8 at 1.1 km from the meridian)
    assert all(shapely.is_valid(g) and shapely.area(g) > 0 for g in pieces.geometry)


def test_without_optional_layers_nothing_is_invented(scene):
    result = _run(scene, farmland=None, dev_boundary=None, park=None, park_rules=None, balances=None,
                  open_patches=None, reclaimed=None)
    p1 = result.rows[0]
    assert p1["KFBJ_IN_MU"] is None and p1["KFBJ_OUT_MU"] is None and p1["JHZB_QK"] is None
    assert p1["HYGY_JL"] is None and p1["WTDM"] == "" and result.quota_rows == []
    assert p1["JZJSQ_MU"] is None  # not invented either
    assert p1["GD_MU"] == pytest.approx(57, rel=1e-6)  # the consumption still comes from the baseline


def test_park_without_a_declared_use_gives_areas_not_a_verdict(scene):
    p2 = _run(scene, uses=None).rows[1]
    assert p2["YGGK_MU"] == pytest.approx(30, rel=1e-6) and p2["HYGY_JL"] is None
    assert "PARK_PROHIBITED" not in p2["WTDM"]


def test_boundary_without_kinds_gives_no_kind_split(scene):
    p1 = _run(scene, dev_boundary=Areas([box(50, -10, 260, 210)])).rows[0]
    assert p1["KFBJ_IN_MU"] == pytest.approx(45, rel=1e-6) and p1["JZJSQ_MU"] is None and p1["TXFZQ_MU"] is None


def test_a_new_project_draws_on_the_balance_in_input_order(scene):
    swapped = _run(scene, ids=["P2", "P1"], projects=scene["projects"][::-1])
    by_id = {r["XMBH"]: r for r in swapped.rows}
    assert by_id["P2"]["JHZB_QK"] == 0 and by_id["P1"]["JHZB_QK"] == 20  # P2 first now takes 60 of the 100


def test_table_rounds_and_keeps_the_polygons(scene):
    result = _run(scene)
    table = precheck_table(result, scene["projects"])
    assert len(table) == 2 and table.columns["GD_MU"] == [57.0, 0.0] and table.columns["CN_KG"][0] == 22500.0
    assert table.geometry_type == "Polygon" and shapely.equals(table.geometry[0], scene["projects"][0])


# -- coverage with what the ledger already allocated (issue #18) ------------------------------------------------
def test_a_project_already_allocated_is_covered_and_draws_nothing(scene):
    """P1 was allocated plan 60 and 耕地 57 / 水田 27 / 22,500 kg before: it is covered by its own allocation, so
    the whole balance stays for P2 (plan 60 of 100: nothing short). Without the allocation P1 would read short
    (耕地 7, grain 2,500) and P2 short of plan 20: the old double count."""
    allocated = {"P1": {("plan", "area"): D("60"), ("compensation", "cultivated_area"): D("57"),
                        ("compensation", "paddy_area"): D("27"), ("compensation", "grain_capacity"): D("22500")}}
    result = _run(scene, allocated=allocated)
    p1, p2 = result.rows
    assert (p1["JHZB_YAP"], p1["GD_YAP"], p1["ST_YAP"], p1["CN_YAP"]) == (60, 57, 27, 22500)
    assert (p1["JHZB_QK"], p1["GD_QK"], p1["ST_QK"], p1["CN_QK"]) == (0, 0, 0, 0)
    assert (p2["JHZB_YAP"], p2["JHZB_QK"]) == (0, 0) and "QUOTA_SHORT" not in p1["WTDM"] + p2["WTDM"]
    rows = {(r["project_id"], r["requirement"]): r for r in result.quota_rows}
    assert rows["P1", "plan"]["status"] == "covered" and rows["P1", "plan"]["draws"] == {}
    assert rows["P2", "plan"]["balance_before"] == D("100")
    assert rows["P2", "plan"]["draws"] == {("plan", "area"): D("60.00")}


def test_a_partly_allocated_project_draws_only_the_rest(scene):
    """P1 allocated plan 20 (so 40 from the balance, 60 left), then P2 takes its 60 of those: nothing short."""
    result = _run(scene, allocated={"P1": {("plan", "area"): D("20")}})
    rows = {(r["project_id"], r["requirement"]): r for r in result.quota_rows}
    assert (rows["P1", "plan"]["allocated"], rows["P1", "plan"]["from_balance"]) == (D("20.00"), D("40.00"))
    assert (rows["P2", "plan"]["balance_before"], rows["P2", "plan"]["short"]) == (D("60.00"), D("0.00"))
    assert result.rows[1]["JHZB_QK"] == 0


def test_a_linkage_allocation_counts_for_the_plan_need_and_plan_draws_plan_first():
    """Plan need is covered by 计划指标 and 节余指标 alike (the ledger's 占补平衡 check's rule); drawing takes
    计划指标 first, then 节余指标."""
    needs = Needs(np.array([50.0, 30.0]), np.zeros(2), np.zeros(2), np.zeros(2))
    rows = coverage(["A", "B"], needs, {"A": {("linkage_surplus", "area"): D("50")}},
                    {("plan", "area"): D("10"), ("linkage_surplus", "area"): D("25")})
    a, b = rows[0], rows[4]
    assert a["status"] == "covered" and a["allocated"] == D("50.00") and a["draws"] == {}
    assert b["draws"] == {("plan", "area"): D("10.00"), ("linkage_surplus", "area"): D("20.00")}
    assert b["balance_before"] == D("35.00") and b["status"] == "coverable"


def test_coverage_gives_the_figures_of_the_ledgers_own_check():
    """The same need, allocated, from-balance, short and status as allocation_check.check_allocations, on
    random needs, allocations and balances (the pre-check adds the draws, it does not change the rule)."""
    rng = np.random.default_rng(18)
    ids = [f"P{i}" for i in range(40)]
    cultivated = rng.uniform(0, 80, 40)
    needs = Needs(cultivated + rng.uniform(0, 40, 40), cultivated, cultivated * rng.uniform(0, 1, 40),
                  cultivated * rng.uniform(300, 600, 40))
    keys = [("plan", "area"), ("linkage_surplus", "area"), ("compensation", "cultivated_area"),
            ("compensation", "paddy_area"), ("compensation", "grain_capacity")]
    allocated = {p: {k: D(str(round(float(rng.uniform(0, 60)), 2))) for k in keys if rng.random() < 0.4}
                 for p in ids[::2]}
    balances = {k: D(str(round(float(rng.uniform(0, 900 if k[1] != "grain_capacity" else 300000)), 4)))
                for k in keys}
    mine = coverage(ids, needs, allocated, balances)
    theirs = check_allocations(ids, needs, allocated, balances)
    fields = ("project_id", "requirement", "need", "allocated", "short_of_allocation", "from_balance", "short",
              "status")
    assert [tuple(r[f] for f in fields) for r in mine] == [tuple(r[f] for f in fields) for r in theirs]
    assert {r["status"] for r in mine} == {"covered", "coverable", "short"}  # every case met
    for row in mine:  # the draws exact (what a posting would take), their sum the reported 0.01
        assert sum(row["draws"].values(), D(0)).quantize(D("0.01"), rounding=ROUND_HALF_UP) == row["from_balance"]


def test_coverage_table_leaves_the_lots_to_a_drawer():
    needs = Needs(np.array([12.5]), np.array([0.0]), np.array([0.0]), np.array([0.0]))
    rows = coverage(["A"], needs, {}, {("plan", "area"): D("10"), ("linkage_surplus", "area"): D("10")})
    table = coverage_table(rows)
    assert table.geometry is None and len(table) == 4 and table.columns["PC"] == [None] * 4
    assert table.columns["KBMX"][0] == "plan.area=10.00; linkage_surplus.area=2.50"
    assert (table.columns["XQ"][0], table.columns["KB"][0], table.columns["ZT"][0]) == (12.5, 12.5, "余额可补足")
    drawn = []
    with_lots = coverage(["A"], needs, {}, {("plan", "area"): D("10"), ("linkage_surplus", "area"): D("10")},
                         lots=lambda kind, comp, amount: drawn.append((kind, amount)) or f"{kind}:{amount}")
    assert drawn == [("plan", D("10.00")), ("linkage_surplus", D("2.50"))]
    assert coverage_table(with_lots).columns["PC"][0] == "plan:10; linkage_surplus:2.50"  # amounts exact


def test_allocation_amounts_post_what_is_not_allocated_yet(scene):
    p1 = _run(scene, allocated={"P1": {("plan", "area"): D("20")}}).rows[0]
    assert allocation_amounts(p1) == {("plan", "area"): D("40.00"), ("compensation", "cultivated_area"): D("57.00"),
                                      ("compensation", "paddy_area"): D("27.00"),
                                      ("compensation", "grain_capacity"): D("22500.00")}
    p2 = _run(scene, balances=None).rows[1]  # no ledger: the whole need; no 耕地, so no compensation
    assert allocation_amounts(p2) == {("plan", "area"): D("60.00")}
    # the ledger as it is now instead of the row's *_YAP: plan covered by 60 of 节余指标 and 计划 together,
    # 耕地 by 50 of its 57, nothing yet for 水田 and 产能
    now = {("plan", "area"): D("25"), ("linkage_surplus", "area"): D("35"),
           ("compensation", "cultivated_area"): D("50")}
    assert allocation_amounts(p1, now) == {("compensation", "cultivated_area"): D("7.00"),
                                           ("compensation", "paddy_area"): D("27.00"),
                                           ("compensation", "grain_capacity"): D("22500.00")}
    assert allocation_amounts(p1, {}) == allocation_amounts(_run(scene, balances=None).rows[0])  # nothing yet
    everything = {**now, ("compensation", "cultivated_area"): D("57"), ("compensation", "paddy_area"): D("27"),
                  ("compensation", "grain_capacity"): D("22500")}
    assert allocation_amounts(p1, everything) == {}


def test_coverage_names_the_lots_a_posting_would_draw_oldest_first(tmp_path):
    """Two projects drawn in turn from a GeoPackage ledger's lots (FIFO by the lot's date, each component on
    its own), every figure worked out by hand; the first project's lots are what its posting then draws."""
    from land_supervision.core.ledger import Entry, LotDrawer, open_ledger

    comp = ("compensation", "cultivated_area"), ("compensation", "paddy_area"), ("compensation", "grain_capacity")
    with open_ledger(str(tmp_path / "fifo.gpkg")) as ledger:
        for lot, kind_amounts, date in (
                ("A", {("plan", "area"): D("30")}, "2020-05-01"),
                ("B", {("plan", "area"): D("50")}, "2020-02-01"),  # older than A: drawn first
                ("J", {("linkage_surplus", "area"): D("100")}, "2018-01-01"),
                ("C1", dict(zip(comp, (D("10"), D("5"), D("4000")))), "2019-03-01"),
                ("C2", dict(zip(comp, (D("20"), D("20"), D("9000")))), "2021-03-01")):
            txn = "purchase" if kind_amounts.keys() & {("linkage_surplus", "area")} else "grant"
            extra = {"counterparty": "X", "region": "跨市", "price": "1"} if txn == "purchase" else {}
            ledger.post(Entry(txn, kind_amounts, year=int(date[:4]), value_date=date, lot_id=lot, **extra))
        # P1: plan 60, 耕地 12, 水田 8, 产能 5000; P2: plan 30, 耕地 25
        needs = Needs(np.array([60.0, 30.0]), np.array([12.0, 25.0]), np.array([8.0, 0.0]),
                      np.array([5000.0, 0.0]))
        balances = {(b.kind, b.component): b.balance for b in ledger.balances()}
        drawer = LotDrawer(ledger.lots())
        rows = coverage(["P1", "P2"], needs, {}, balances, lots=drawer)
        lots = {(r["project_id"], r["requirement"]): r["lots"] for r in rows}
        assert lots == {
            ("P1", "plan"): "B 50.00; A 10.00",  # B (2020-02-01) before A (2020-05-01)
            ("P1", "cultivated_area"): "C1 10.00; C2 2.00",
            ("P1", "paddy_area"): "C1 5.00; C2 3.00",  # 水田 on its own: C1 has 5
            ("P1", "grain_capacity"): "C1 4000.00; C2 1000.00",
            ("P2", "plan"): "A 20.00; J 10.00",  # the plan quota's last 20, then 节余指标
            ("P2", "cultivated_area"): "C2 18.00",  # 20 - 2 left, 7 short
            ("P2", "paddy_area"): "", ("P2", "grain_capacity"): ""}
        assert [r["short"] for r in rows if r["project_id"] == "P2"] == [D("0.00"), D("7.00"), D("0.00"), D("0.00")]
        table = coverage_table(rows)
        assert table.columns["PC"][:2] == ["B 50.00; A 10.00", "C1 10.00; C2 2.00"]
        assert ledger.lots().lot_rows()[0]["area_drawn"] == D("0")  # a what-if: nothing drawn
        # what P1's posting then draws is what the pre-check said
        posted = ledger.post(Entry("allocation", {("plan", "area"): D("60"), **dict(zip(comp, (D("12"), D("8"),
                                   D("5000"))))}, year=2024, project_id="P1", batch_no="B1"))
        assert ledger.lots().entry_draws(posted.entry_no) == [
            ("B", "plan", "area", D("50")), ("A", "plan", "area", D("10")),
            ("C1", "compensation", "cultivated_area", D("10")), ("C2", "compensation", "cultivated_area", D("2")),
            ("C1", "compensation", "paddy_area", D("5")), ("C2", "compensation", "paddy_area", D("3")),
            ("C1", "compensation", "grain_capacity", D("4000")), ("C2", "compensation", "grain_capacity", D("1000"))]


def test_run_precheck_puts_the_lots_in_the_project_row(scene):
    drawn = []
    result = _run(scene, lots=lambda kind, comp, amount: drawn.append(kind) or f"X {amount}")
    row = result.rows[0]
    assert all(row[f] is not None for f in ("JHZB_PC", "GD_PC", "ST_PC", "CN_PC")) and drawn
    assert _run(scene).rows[0]["JHZB_PC"] is None  # no drawer: not checked
