"""Only what changed into 耕地 is new 耕地: the issue-16 plot, 田坎, the 90% flag and grain by 等别 (by hand)."""

from decimal import Decimal

import numpy as np
import pytest
import shapely

from land_supervision.core.grain import GrainTable, read_grain_table
from land_supervision.core.messages import InputError
from land_supervision.core.reclamation import ledger_credit
from land_supervision.core.reclamation.acceptance import Baseline, run_acceptance
from land_supervision.core.reclamation.codes import ACCEPTED, FAIL, PASS
from land_supervision.core.reclamation.inputs import Plots, Projects
from land_supervision.core.reclamation.rules import load_rules
from land_supervision.core.reclamation.summary import project_summaries

X0, Y0 = 500000.0, 3400000.0  # on the central meridian: planar area = ellipsoidal area within 1e-6
GOOD = {"soil_depth": [80], "plough_layer": [25], "gravel": [1], "ph": [7], "organic_matter": [2],
        "drainage": ["有"], "road_access": ["有"]}
MU = 10000 / 15


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def run(constr_width=93.0, kcxs=None, grade=None, grain=None, kind="0101"):
    """A 100 x 100 m plot (15 亩): ``constr_width`` m of it on 0702 农村宅基地, the rest on existing 0101 水田."""
    far = np.array([box(5000, 0, 5100, 10)])
    plots = Plots.build(["K1"], ["P1"], [15.0], [kind], [box(0, 0, 100, 100)], GOOD, grades=[grade])
    projects = Projects.build(["P1"], ["一号"], ["新埭镇"], [15.0], [box(-10, -10, 110, 110)],
                              quota_kinds=["补充耕地"])
    baseline = Baseline([box(-10, -10, constr_width, 110), box(constr_width, -10, 110, 110)], ["0702", "0101"],
                        None if kcxs is None else np.array([kcxs, 0.0]))
    res = run_acceptance(plots, projects, baseline, load_rules(), dev_boundary=far, eco_redline=far,
                         prior_plots=far)
    [s] = project_summaries(res, grain=grain)
    return res, s


def test_issue_plot_credits_only_the_former_construction_land():
    res, s = run()
    assert res.measured_m2[0] == pytest.approx(10000.0, rel=1e-5)
    assert res.verdicts == [ACCEPTED] and res.states["R01_NOT_CONSTRUCTION"][0] == PASS  # 93% >= 90%
    assert res.share[0] == pytest.approx(0.93)
    # 15 亩 x 93% = 13.95 亩 new 耕地, all of it 水田; not 15.00 (1.05 亩 was 水田 already)
    assert round(s.new_cultivated_mu["0101"], 2) == 13.95
    assert s.accepted_mu == pytest.approx(15.0, rel=1e-5)  # the plot itself is still 15 亩
    assert round(s.credited_total, 2) == 13.95 and round(s.credited_mu["0101"], 2) == 13.95
    assert s.grain_capacity_kg == pytest.approx(13.95 * 500, rel=1e-5)  # 6975 kg, not 7500
    [credit] = ledger_credit.project_credits(s, 2024)
    assert credit.amounts == {"cultivated_area": Decimal("13.95"), "paddy_area": Decimal("13.95"),
                              "grain_capacity": Decimal("6975")}
    # the computed 确认新增 step of the area chain is the new land too
    assert s.chain[-1].source == "核算" and round(s.chain[-1].cultivated, 2) == 13.95


def test_tiankan_deducted_where_kcxs_applies():
    _, s = run(kcxs=0.05)  # the 宅基地 patch carries KCXS 0.05: 13.95 x 0.95 = 13.2525
    assert s.new_cultivated_mu["0101"] == pytest.approx(15 * 0.93 * 0.95, rel=1e-5)
    assert s.grain_capacity_kg == pytest.approx(15 * 0.93 * 0.95 * 500, rel=1e-5)


def test_ninety_percent_stays_a_check():
    res, s = run(constr_width=85.0)
    assert res.states["R01_NOT_CONSTRUCTION"][0] == FAIL and s.new_cultivated_total == 0.0


def test_grain_by_quality_grade(tmp_path):
    path = tmp_path / "grain.csv"
    path.write_text("code,grade,kg_per_mu\n0101,,500\n0102,,400\n0103,,300\n0101,3,620\n", encoding="utf-8")
    table = read_grain_table(path)
    assert table.rate("0101", 3.0) == Decimal(620) and table.rate("0101", 5.0) == Decimal(500)
    assert table.rate("0101K") == Decimal(500) and table.rate("0201") == Decimal(0)
    _, graded = run(grade=3, grain=table)
    assert graded.grain_capacity_kg == pytest.approx(15 * 0.93 * 620, rel=1e-5)
    _, other = run(grade=5, grain=table)
    assert other.grain_capacity_kg == pytest.approx(15 * 0.93 * 500, rel=1e-5)


def test_one_grain_table_for_both_tools():
    table = read_grain_table()
    assert isinstance(table, GrainTable)
    assert dict(table) == {"0101": Decimal(500), "0102": Decimal(400), "0103": Decimal(300)}


@pytest.mark.parametrize("text, column", [
    ("code,kg_per_mu\n0101,500\n0102,400\n", "grade"),  # no default row for 0103
    ("code,grade,kg_per_mu\n0101,,500\n0102,,400\n0103,,300\n0101,16,1\n", "grade"),
    ("code,grade,kg_per_mu\n0101,,-5\n", "kg_per_mu"),
    ("code,grade,kg_per_mu\n0201,,5\n", "code"),
])
def test_bad_grain_table(tmp_path, text, column):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_grain_table(path)
    assert err.value.field == column and str(path) in err.value.describe()


def test_old_grain_rule_is_refused_with_its_new_home(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"grain_yield_kg_per_mu": {"0103": 350}}', encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_rules(path)
    assert "grain_capacity.csv" in err.value.describe()
