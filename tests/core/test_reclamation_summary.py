"""Project/town summaries, the field sample, the rule table and the ledger-credit seam (hand-computed)."""

import json
from decimal import Decimal

import numpy as np
import pytest
import shapely

from land_supervision.core.ledger import DuplicateCreditError
from land_supervision.core.messages import InputError, Message
from land_supervision.core.reclamation import ledger_credit
from land_supervision.core.reclamation.acceptance import Baseline, run_acceptance
from land_supervision.core.reclamation.codes import ACCEPTED, PENDING, REJECTED
from land_supervision.core.reclamation.inputs import Plots, Projects, Towns
from land_supervision.core.reclamation.output_tables import plot_table, project_table, town_table
from land_supervision.core.reclamation.rules import load_rules
from land_supervision.core.reclamation.sample import draw_sample
from land_supervision.core.reclamation.summary import project_summaries, town_summaries

X0, Y0 = 600000.0, 3400000.0
GOOD = {"soil_depth": [80] * 4, "plough_layer": [25] * 4, "gravel": [1] * 4, "ph": [7] * 4,
        "organic_matter": [2] * 4, "drainage": ["有"] * 4, "road_access": ["有"] * 4}


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def scenario(chain=None, paired=(1.0,), kinds=None):
    # 60 x 50 m = 3000 m2 = 4.5 亩 planar; 0101, 0103 and a 0101 on 耕地 baseline (rejected) + one pending
    plots = Plots.build(["A", "B", "C", "D"], ["P1"] * 4, [4.5, 4.5, 4.5, 4.5], ["0101", "0103", "0101", "0102"],
                        [box(0, 0, 60, 50), box(100, 0, 160, 50), box(600, 0, 660, 50), box(200, 0, 260, 50)],
                        {**GOOD, "ph": [7, 7, 7, None]})
    projects = Projects.build(["P1"], ["一号项目"], [""], [20.0], [box(0, 0, 1000, 1000)], chain=chain,
                              paired_area=list(paired), quota_kinds=kinds)
    baseline = Baseline([box(0, 0, 500, 1000), box(500, 0, 1000, 1000)], ["0702", "0101"])
    towns = Towns(["当湖街道", "新埭镇"], ["330482001", "330482101"], np.array([box(-5000, -5000, 5000, 5000),
                                                                         box(6000, 0, 7000, 1000)]))
    res = run_acceptance(plots, projects, baseline, load_rules(), dev_boundary=np.array([box(5000, 0, 5100, 10)]),
                         eco_redline=np.array([box(5000, 0, 5100, 10)]), prior_plots=np.array([box(5000, 0, 5100, 10)]),
                         towns=towns)
    return res, towns


def test_project_summary_by_hand():
    res, towns = scenario()
    assert res.verdicts == [ACCEPTED, ACCEPTED, REJECTED, PENDING]
    [s] = project_summaries(res)
    a = res.measured_m2 / (10000 / 15)
    assert 4.49 < a[0] < 4.5  # ellipsoidal: a little under the planar 4.5 亩
    assert (s.plots, s.accepted, s.rejected, s.pending) == (4, 2, 1, 1)
    assert s.accepted_mu == pytest.approx(a[0] + a[1])
    assert s.new_cultivated_mu["0101"] == pytest.approx(a[0])
    assert s.new_cultivated_mu["0103"] == pytest.approx(a[1])
    assert s.new_cultivated_mu["0102"] == 0  # D is only pending
    # chain computed: planned 20 (declared); deduction = 20 - (A + B + pending D) ; ratio ~ 13.5/20 -> flagged
    assert s.planned_mu == 20.0
    assert s.county_deduction_mu == pytest.approx(20 - a[0] - a[1] - a[3])
    assert s.chain_ratio == pytest.approx((a[0] + a[1] + a[3]) / 20)
    assert s.chain_flag and s.chain_source == "computed"
    assert s.linkage_surplus_mu == pytest.approx(a[0] + a[1] - 1.0)
    assert s.grain_capacity_kg == pytest.approx(a[0] * 500 + a[1] * 300)  # resources/grain_capacity.csv
    assert s.verdict == PENDING  # a pending plot keeps the project open
    assert s.town == "当湖街道" and s.town_code == "330482001"
    rows = town_summaries(res, [s], towns.names, towns.codes)
    first = rows[0]
    assert (first["plots"], first["accepted"], first["projects"]) == (4, 2, 1)
    assert first["0101"] == pytest.approx(a[0])
    assert rows[1]["plots"] == 0
    # the tables build and carry the same figures
    pt = plot_table(res)
    assert pt.columns["YSJL"] == res.verdicts and pt.columns["C16"][3] == "未核查"
    prj = project_table(res, [s])
    assert prj.columns["BZ90"] == ["是"] and prj.columns["HGS"] == [2]
    assert len(town_table(rows, towns, res.crs)) == 2


def test_recorded_chain_wins():
    chain = {"planned": [20.0], "county_deduction": [1.0], "confirmed": [12.0]}
    res, _ = scenario(chain=chain)
    [s] = project_summaries(res)
    assert s.chain_source == "recorded" and s.chain_ratio == pytest.approx(0.95) and not s.chain_flag
    assert s.confirmed_mu == 12.0 and s.linkage_surplus_mu == pytest.approx(11.0)


def test_credit_of_an_accepted_project():
    res, _ = scenario()
    [s] = project_summaries(res)
    assert ledger_credit.project_credits(s, 2024) == []  # pending: no credit
    s.verdict = ACCEPTED
    [credit] = ledger_credit.project_credits(s, 2024)
    assert credit.quota_kind == "linkage_surplus"  # paired area recorded
    assert credit.amounts == {"area": Decimal(f"{s.linkage_surplus_mu:.2f}")}
    assert credit.year == 2024
    res2, _ = scenario(paired=(None,), kinds=["占补平衡"])
    [s2] = project_summaries(res2)
    s2.verdict = ACCEPTED
    [c2] = ledger_credit.project_credits(s2, 2023)
    assert c2.quota_kind == "compensation"
    assert c2.amounts["cultivated_area"] == Decimal(f"{s2.new_cultivated_total:.2f}")
    assert c2.amounts["paddy_area"] == Decimal(f"{s2.new_cultivated_mu['0101']:.2f}")
    assert c2.amounts["grain_capacity"] == Decimal(f"{s2.grain_capacity_kg:.0f}")


class FakeLedger:
    """Stands in for core.ledger's Ledger: one credit per project and kind, the second refused."""

    def __init__(self):
        self.posted = []

    def post_reclamation_credit(self, project_id, quota_kind, amounts, year, evidence, town=""):
        if any(p[:2] == (project_id, quota_kind) for p in self.posted):
            raise DuplicateCreditError(Message("重复", "duplicate"), "duplicate")
        self.posted.append((project_id, quota_kind, amounts, year, evidence, town))
        return len(self.posted)


def test_post_once_then_refused():
    credit = ledger_credit.Credit("P1", "linkage_surplus", {"area": Decimal("3.20")}, 2024, "当湖街道")
    ledger = FakeLedger()
    first = ledger_credit.post_credits([credit], "run 1", ledger=ledger)
    again = ledger_credit.post_credits([credit], "run 2", ledger=ledger)
    assert first[0].posted and not again[0].posted
    assert "already" in again[0].message.en
    assert ledger.posted == [("P1", "linkage_surplus", {"area": Decimal("3.20")}, 2024, "run 1", "当湖街道")]


def test_one_batch_credits_both_kinds_once_each():
    res, _ = scenario(kinds=["增减挂钩+补充耕地"])
    [s] = project_summaries(res)
    s.verdict = ACCEPTED
    assert s.quota_kind == "both"
    linkage, compensation = ledger_credit.project_credits(s, 2022)
    assert (linkage.quota_kind, compensation.quota_kind) == ("linkage_surplus", "compensation")
    assert linkage.amounts == {"area": Decimal(f"{s.linkage_surplus_mu:.2f}")}
    assert compensation.amounts["cultivated_area"] == Decimal(f"{s.new_cultivated_total:.2f}")
    ledger = FakeLedger()
    first = ledger_credit.post_credits([linkage, compensation], "run 1", ledger=ledger)
    again = ledger_credit.post_credits([linkage, compensation], "run 2", ledger=ledger)
    assert [o.posted for o in first] == [True, True] and [o.posted for o in again] == [False, False]
    assert [p[1] for p in ledger.posted] == ["linkage_surplus", "compensation"]


def test_sample_stratified_and_reproducible():
    projects = ["P1"] * 10 + ["P2"] * 3
    ids = [f"K{i:02d}" for i in range(13)]
    areas = np.ones(13)
    a = draw_sample(projects, ids, areas, 0.2, 1, "count", seed=7)
    b = draw_sample(projects, ids, areas, 0.2, 1, "count", seed=7)
    assert a.index.tolist() == b.index.tolist()
    chosen = [projects[i] for i in a.index]
    assert chosen.count("P1") == 2 and chosen.count("P2") == 1  # ceil(2.0), max(1, ceil(0.6))
    seeds = {tuple(draw_sample(projects, ids, areas, 0.2, 1, "count", seed=s).index) for s in range(10)}
    assert len(seeds) > 1
    # the input order does not matter (plots sorted by id inside each project)
    perm = np.arange(13)[::-1]
    c = draw_sample([projects[i] for i in perm], [ids[i] for i in perm], areas[perm], 0.2, 1, "count", seed=7)
    assert sorted(ids[perm[i]] for i in c.index) == sorted(ids[i] for i in a.index)


def test_sample_by_area():
    # P1: one big plot of 80 and four of 5: 20% of 100 = 20 -> if the big one is drawn first it alone suffices
    areas = np.array([80.0, 5, 5, 5, 5])
    for seed in range(20):
        d = draw_sample(["P1"] * 5, list("abcde"), areas, 0.2, 1, "area", seed=seed)
        total = areas[d.index].sum()
        assert total >= 20
        assert areas[d.index[:-1]].sum() < 20  # the last drawn plot is the one that reached the target


def test_rules_default_and_overrides(tmp_path):
    rules = load_rules()
    assert rules["min_construction_share"] == 0.9 and rules["min_plot_area_mu"] == 0.5
    assert rules["area_tolerance_ratio"] == 0.01 and rules["area_tolerance_mu"] == 0.1
    assert "TD/T 1036-2013" in rules.sources["min_soil_depth_cm"]
    path = tmp_path / "r.csv"
    path.write_text("rule,value\nmin_plot_area_mu,1.0\nrequire_drainage,false\n", encoding="utf-8")
    custom = load_rules(path)
    assert custom["min_plot_area_mu"] == 1.0 and custom["require_drainage"] is False


@pytest.mark.parametrize("content,field", [
    ({"rules": {"no_such_rule": 1}}, "no_such_rule"),
    ({"rules": {"min_construction_share": {"value": "ninety"}}}, "min_construction_share"),
    ({"rules": {"sample_ratio": 1.5}}, "sample_ratio"),
    ({"min_ph": 9, "max_ph": 8}, "min_ph"),
])
def test_bad_rule_table(tmp_path, content, field):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_rules(path)
    assert err.value.field == field and str(path) in err.value.describe()


def test_credit_from_an_output_row():
    row = {"XMBH": "FK1", "XMMC": "x", "XZQMC": "新埭镇", "XZQDM": "330482101", "YSND": 2022, "XMJL": "合格",
           "SDMJ": 10.004, "SJDMJ": 2.0, "HDMJ": 1.0, "JYZBMJ": 4.5, "LSCN_KG": 5000.4, "ZBLX": "compensation"}
    [credit] = ledger_credit.project_credits(ledger_credit.summary_from_row(row), 2030)
    assert credit.quota_kind == "compensation" and credit.year == 2022 and credit.town == "新埭镇"
    assert credit.amounts == {"cultivated_area": Decimal("13.00"), "paddy_area": Decimal("10.00"),
                              "grain_capacity": Decimal("5000")}
    row.update(ZBLX="linkage_surplus", XMJL="待核实")
    assert ledger_credit.project_credits(ledger_credit.summary_from_row(row), 2030) == []
    row.update(XMJL="合格")
    [credit] = ledger_credit.project_credits(ledger_credit.summary_from_row(row), 2030)
    assert credit.amounts == {"area": Decimal("4.50")}


def test_inputs_accept_numpy_columns():
    """The bulk reader gives numpy text arrays: the builders take them like lists."""
    projects = Projects.build(np.array(["P1", "P2"]), np.array(["一", "二"]), np.array(["甲镇", "乙镇"]),
                              np.array([1.0, 2.0]), [box(0, 0, 10, 10), box(20, 0, 30, 10)])
    assert projects.names == ["一", "二"] and projects.towns == ["甲镇", "乙镇"]
    plots = Plots.build(np.array(["A"]), np.array(["P1"]), np.array([0.15]), np.array(["0101"]), [box(1, 1, 9, 9)])
    assert plots.ids == ["A"] and plots.target_class == ["0101"] and plots.declared_area[0] == 0.15


@pytest.mark.parametrize("text, kind", [("增减挂钩", "linkage_surplus"), ("节余指标", "linkage_surplus"),
                                        ("占补平衡", "compensation"), ("增减挂钩+补充耕地", "both"), ("both", "both"),
                                        ("两者", "both"), ("", ""), ("其他", "?其他")])
def test_quota_kind_spellings(text, kind):
    from land_supervision.core.reclamation.inputs import normalise_quota_kind

    assert normalise_quota_kind(text) == kind
