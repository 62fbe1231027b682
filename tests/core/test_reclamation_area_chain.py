"""The area chain split into 农用地 / 耕地 (水田/水浇地/旱地) with 质量等别: hand-computed cases."""

from decimal import Decimal

import numpy as np
import pytest
import shapely

from land_supervision.core.messages import InputError
from land_supervision.core.reclamation import ledger_credit
from land_supervision.core.reclamation.acceptance import Baseline, run_acceptance
from land_supervision.core.reclamation.area_chain import (
    COMPUTED,
    FROM_PROJECT,
    FROM_TABLE,
    ChainTable,
    read_chain_table,
    step_key,
)
from land_supervision.core.reclamation.codes import ACCEPTED, PENDING, REJECTED
from land_supervision.core.reclamation.inputs import Plots, Projects
from land_supervision.core.reclamation.output_tables import chain_table, project_table
from land_supervision.core.reclamation.rules import load_rules
from land_supervision.core.reclamation.summary import project_summaries

X0, Y0 = 600000.0, 3400000.0
GOOD = {"soil_depth": [80] * 4, "plough_layer": [25] * 4, "gravel": [1] * 4, "ph": [7, 7, 7, None],
        "organic_matter": [2] * 4, "drainage": ["有"] * 4, "road_access": ["有"] * 4}
MU = 10000 / 15


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def run(chain=None, recorded=None, kinds=("增减挂钩",), paired=(1.0,), grades=(3, 5, 2, None)):
    """A accepted 水田 (grade 3), B accepted 旱地 (5), C rejected 水田 on 耕地 baseline (2), D pending 水浇地."""
    plots = Plots.build(["A", "B", "C", "D"], ["P1"] * 4, [4.5, 4.5, 4.5, 4.5], ["0101", "0103", "0101", "0102"],
                        [box(0, 0, 60, 50), box(100, 0, 160, 50), box(600, 0, 660, 50), box(200, 0, 260, 50)],
                        GOOD, grades=list(grades))
    projects = Projects.build(["P1"], ["一号项目"], [""], [20.0], [box(0, 0, 1000, 1000)], chain=chain,
                              paired_area=list(paired), quota_kinds=list(kinds))
    baseline = Baseline([box(0, 0, 500, 1000), box(500, 0, 1000, 1000)], ["0702", "0101"])
    far = np.array([box(5000, 0, 5100, 10)])
    res = run_acceptance(plots, projects, baseline, load_rules(), dev_boundary=far, eco_redline=far,
                         prior_plots=far)
    assert res.verdicts == [ACCEPTED, ACCEPTED, REJECTED, PENDING]
    notes = []
    [summary] = project_summaries(res, recorded, notes)
    return res, summary, notes


def table(rows, layer="面积链"):
    keys = ("agricultural", "cultivated", "0101", "0102", "0103", "grade")
    return ChainTable.build([r[0] for r in rows], [r[1] for r in rows],
                            {k: [r[2].get(k) for r in rows] for k in keys}, layer_name=layer)


def test_step_names():
    assert step_key("规划新增") == "planned" and step_key("1") == "planned"
    assert step_key("县级扣减") == "county_deduction" and step_key("county self-check deduction") == "county_deduction"
    assert step_key(" 上报验收 ") == "submitted" and step_key(4) == "city_deduction"
    assert step_key("省厅核减") == "province_deduction" and step_key("CONFIRMED") == "confirmed"
    assert step_key("7") is None and step_key("验收") is None and step_key(None) is None


def test_computed_split_by_hand():
    res, s, notes = run()
    a = res.measured_m2 / MU
    planned, county, submitted, city, province, confirmed = s.chain
    # planned: the project's declared 20 亩 (project layer), split from the plots' declared areas
    assert planned.source == FROM_PROJECT and planned.cultivated == 20.0
    assert planned.kinds == {"0101": 9.0, "0102": 4.5, "0103": 4.5} and planned.agricultural == 18.0
    assert planned.grade == pytest.approx((4.5 * 3 + 4.5 * 5 + 4.5 * 2) / 13.5)
    # submitted: measured, plots not rejected (A, B, D); D has no grade
    assert submitted.source == COMPUTED
    assert submitted.kinds["0101"] == pytest.approx(a[0]) and submitted.kinds["0102"] == pytest.approx(a[3])
    assert submitted.kinds["0103"] == pytest.approx(a[1])
    assert submitted.cultivated == pytest.approx(a[0] + a[1] + a[3])
    assert submitted.grade == pytest.approx((a[0] * 3 + a[1] * 5) / (a[0] + a[1]))
    # county deduction = planned - submitted, component by component
    assert county.source == COMPUTED and county.cultivated == pytest.approx(20 - a[0] - a[1] - a[3])
    assert county.kinds["0101"] == pytest.approx(9 - a[0]) and county.kinds["0103"] == pytest.approx(4.5 - a[1])
    assert county.agricultural == pytest.approx(18 - a[0] - a[1] - a[3])
    # city and province deductions are never invented
    assert city.source == "" and np.isnan(city.cultivated) and province.source == ""
    # confirmed: the accepted plots
    assert confirmed.kinds == pytest.approx({"0101": a[0], "0102": 0.0, "0103": a[1]})
    assert confirmed.agricultural == pytest.approx(a[0] + a[1]) and s.confirmed_mu == pytest.approx(a[0] + a[1])
    assert s.chain_ratio == pytest.approx((a[0] + a[1] + a[3]) / 20) and s.chain_flag
    assert s.credited_mu == pytest.approx(s.new_cultivated_mu) and notes == []


def test_recorded_table_wins_and_feeds_the_credit():
    rows = [("P1", "规划新增", {"agricultural": 21, "0101": 15, "0102": 2, "0103": 3, "grade": 4}),
            ("P1", "县级自验扣减", {"agricultural": 1, "cultivated": 1, "0101": 1}),
            ("P1", "上报验收", {"agricultural": 20, "0101": 14, "0102": 2, "0103": 3}),
            ("P1", "市级实地扣减", {"cultivated": 0.5, "0103": 0.5}),
            ("P1", "省厅核减", {"cultivated": 0}),
            ("P1", "确认新增", {"agricultural": 19.2, "0101": 14, "0102": 2, "0103": 2.5, "grade": 4.2})]
    recorded, warnings = read_chain_table(table(rows), ["P1"])
    assert warnings == []
    res, s, notes = run(recorded=recorded, kinds=("补充耕地",))
    assert [step.source for step in s.chain] == [FROM_TABLE] * 6
    # the chain adds up; but the province's 18.5 亩 is more than the ~9 亩 this check accepted: said, not changed
    [note] = notes
    text = str(note)
    assert "18.50" in text and f"{s.new_cultivated_total:.2f}" in text and "verify before posting" in text
    planned = s.chain[0]
    assert planned.cultivated == 20 and planned.agricultural == 21 and planned.grade == 4  # 耕地 from its kinds
    assert s.chain_ratio == pytest.approx(19 / 20) and not s.chain_flag and s.chain_source == "recorded"
    assert s.confirmed_mu == pytest.approx(19.2)  # 农用地 of the confirmed step
    assert s.credited_mu == {"0101": 14, "0102": 2, "0103": 2.5}
    assert s.grain_capacity_kg == pytest.approx(14 * 500 + 2 * 400 + 2.5 * 300)  # resources/grain_capacity.csv
    [credit] = ledger_credit.project_credits(_accepted(s), 2024)
    assert credit.amounts["cultivated_area"] == Decimal("18.50") and credit.amounts["paddy_area"] == Decimal("14.00")
    # the output rows, and a credit rebuilt from the project table later gives the same amounts
    out = chain_table([s])
    assert len(out) == 6 and out.columns["HJ"][0] == "规划新增" and out.columns["HJXH"] == [1, 2, 3, 4, 5, 6]
    assert out.columns["GDMJ"][5] == 18.5 and out.columns["STMJ"][5] == 14 and out.columns["ZLDB"][5] == 4.2
    assert out.columns["LY"] == [FROM_TABLE] * 6
    prj = project_table(res, [s])
    row = dict(zip(prj.field_names, next(iter(prj.rows()))))
    rebuilt = ledger_credit.summary_from_row(row | {"XMJL": ACCEPTED})
    assert ledger_credit.project_credits(rebuilt, 2024)[0].amounts == credit.amounts


def _accepted(s):
    s.verdict = ACCEPTED
    return s


def test_chain_that_does_not_add_up_is_noted():
    rows = [("P1", "1", {"cultivated": 20}), ("P1", "2", {"cultivated": 1}), ("P1", "3", {"cultivated": 18})]
    recorded, _ = read_chain_table(table(rows), ["P1"])
    _, s, notes = run(recorded=recorded)
    assert len(notes) == 1 and "19.00" in str(notes[0]) and "上报验收" in str(notes[0])
    # the project layer's single figures count as recorded 耕地 totals (and add up here)
    chain = {"planned": [20.0], "county_deduction": [1.0], "submitted": [19.0], "city_deduction": [0.5],
             "province_deduction": [0.0], "confirmed": [18.5]}
    _, s, notes = run(chain=chain)
    assert [step.source for step in s.chain] == [FROM_PROJECT] * 6
    assert len(notes) == 1 and "confirmed 耕地 18.50" in str(notes[0])  # adds up; only more than accepted
    assert s.chain[0].kinds["0101"] == 9.0  # the plan's split still comes from the plots
    assert np.isnan(s.chain[2].kinds["0101"])  # a recorded total is not split by guesswork
    assert s.credited_mu == pytest.approx(s.new_cultivated_mu)  # no recorded split: the run's own 耕地


def test_row_warnings():
    rows = [("P1", "规划新增", {"cultivated": 10, "0101": 4, "0102": 4}),
            ("P1", "确认新增", {"agricultural": 5, "cultivated": 8}),
            ("P9", "规划新增", {"cultivated": 3})]
    recorded, warnings = read_chain_table(table(rows), ["P1"])
    text = [w.describe() for w in warnings]
    assert len(text) == 3
    assert "耕地 10.00 亩 ≠ 水田+水浇地+旱地 8.00 亩" in text[0] and "'GDMJ'" in text[0]
    assert "exceeds 农用地" in text[1] and "P9" in text[2] and "'XMBH'" in text[2]


@pytest.mark.parametrize("row, field, words", [
    (("P1", "验收", {"cultivated": 1}), "HJ", "unknown area-chain step '验收'"),
    (("", "1", {"cultivated": 1}), "XMBH", "without a project id"),
    (("P1", "2", {"cultivated": -1}), "GDMJ", "negative area"),
    (("P1", "2", {"0101": -0.5}), "STMJ", "negative area"),
    (("P1", "2", {"cultivated": 1, "grade": 16}), "ZLDB", "quality grade must be 1-15"),
    (("P1", "2", {"grade": 3}), "GDMJ", "no area at all"),
])
def test_bad_rows_stop_with_layer_feature_and_field(row, field, words):
    rows = [("P1", "1", {"cultivated": 5}), row]
    with pytest.raises(InputError) as info:
        read_chain_table(table(rows, "面积链表"), ["P1"])
    text = info.value.describe()
    assert "'面积链表'" in text and "feature 2" in text and f"'{field}'" in text and words in text


def test_duplicate_step_names_both_rows():
    rows = [("P1", "规划新增", {"cultivated": 5}), ("P1", "1", {"cultivated": 6})]
    with pytest.raises(InputError) as info:
        read_chain_table(table(rows), ["P1"])
    assert "feature 2" in str(info.value) and "feature 1" in str(info.value) and "twice" in str(info.value)


def test_out_of_range_plot_grade_is_noted_and_left_out():
    res, s, _ = run(grades=(3, 40, 2, None))
    assert any("quality grade 40 is not 1-15" in w.describe() and "'ZLDB'" in w.describe() for w in res.warnings)
    a = res.measured_m2 / MU
    assert s.chain[2].grade == pytest.approx(3.0) and a[1] > 0  # B's 40 is not averaged in
