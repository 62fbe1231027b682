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

from decimal import Decimal as D  # noqa: N817

import numpy as np
import pytest
import shapely

from land_supervision.core.grain import read_grain_table
from land_supervision.core.precheck import Areas, Baseline, Marked, precheck_table, run_precheck
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
