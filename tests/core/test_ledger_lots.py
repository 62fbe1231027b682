"""Lots: every inflow is a lot, outflows draw on lots (oldest first or named), draws are in the hash chain;
ledgers made before lots keep opening and verifying; deadlines of advances, commitments and turnover quota.
Every figure below is worked out by hand in the comments."""

from __future__ import annotations

import json
import shutil
import sqlite3
from decimal import Decimal as D  # noqa: N817
from pathlib import Path

import pytest

from land_supervision.core.ledger import Entry, LedgerError, RuleViolation, open_ledger, plan_draws
from land_supervision.core.ledger.deadlines import add_years, read_deadline_rules
from land_supervision.core.ledger.lots import LotBook
from tests.core.test_ledger_chain import tamper
from tests.core.test_ledger_pg_server import make_uri
from tests.core.test_ledger_trust import rewrite_chain

OLD_LEDGER = Path(__file__).parent / "data" / "ledger_before_lots.gpkg"
COMP = ("compensation", "cultivated_area"), ("compensation", "paddy_area"), ("compensation", "grain_capacity")


@pytest.fixture(params=["gpkg", "postgres"])
def led(request, tmp_path):
    ledger = open_ledger(make_uri(request.param, tmp_path))
    yield ledger, request.param
    ledger.close()


def plan(led, amount, date, **kw):
    return led.post(Entry("grant", {("plan", "area"): D(amount)}, year=int(date[:4]), value_date=date, **kw))


def comp(cult, paddy, grain):
    return dict(zip(COMP, (D(cult), D(paddy), D(grain))))


def use(led, amounts, date="2021-06-01", project="P1", **kw):
    return led.post(Entry("allocation", amounts, year=int(date[:4]), value_date=date, project_id=project,
                          batch_no="B", **kw))


def left(led) -> dict:
    """(lot id, kind) -> (area left, paddy left, capacity left)."""
    return {(r["lot_id"], r["kind"]): (r["area_left"], r["paddy_left"], r["capacity_left"]) for r in led.lot_rows()}


def test_fifo_draws_the_oldest_lot_first_and_records_the_draws(led):
    ledger, _ = led
    plan(ledger, "100", "2020-05-01")             # entry 1: lot L1, dated after L2
    plan(ledger, "50", "2020-02-01")              # entry 2: lot L2, the oldest
    plan(ledger, "80", "2021-01-01", lot_id="省下达-2021")  # entry 3: its own id
    posted = use(ledger, {("plan", "area"): D("120")})  # L2 50 (oldest), then L1 70
    assert json.loads(posted.lines[0]["lot"]) == {"draws": [["L2", 500000], ["L1", 700000]]}
    assert ledger.lots().entry_draws(posted.entry_no) == [("L2", "plan", "area", D("50")),
                                                          ("L1", "plan", "area", D("70"))]
    assert left(ledger)[("L1", "plan")][0] == D("30") and left(ledger)[("L2", "plan")][0] == D("0")
    assert left(ledger)[("省下达-2021", "plan")][0] == D("80")
    posted = use(ledger, {("plan", "area"): D("40")}, project="P2")  # L1 30, then 省下达-2021 10
    assert json.loads(posted.lines[0]["lot"])["draws"] == [["L1", 300000], ["省下达-2021", 100000]]
    assert sum(r["area_left"] for r in ledger.lot_rows()) == ledger.balance("plan") == D("70")
    assert ledger.verify().ok


def test_chosen_lots_are_drawn_in_their_order_and_never_beyond_what_they_have(led):
    ledger, _ = led
    plan(ledger, "100", "2020-01-01")                   # L1
    plan(ledger, "60", "2020-02-01", lot_id="A")         # A
    plan(ledger, "40", "2020-03-01", lot_id="B")         # B
    posted = use(ledger, {("plan", "area"): D("70")}, draw_from=("B", "A"))  # B 40, then A 30; L1 untouched
    assert json.loads(posted.lines[0]["lot"])["draws"] == [["B", 400000], ["A", 300000]]
    lines = ledger.receipt().lines
    with pytest.raises(RuleViolation, match=r"the lots chosen \(A\) have too little left, 10.0000 short") as info:
        use(ledger, {("plan", "area"): D("40")}, draw_from=("A",))  # A has 30 left; the balance (130) would do
    assert info.value.code == "lots" and ledger.receipt().lines == lines  # nothing written
    with pytest.raises(RuleViolation, match="there is no lot Z"):
        use(ledger, {("plan", "area"): D("1")}, draw_from=("Z",))
    draws, short = plan_draws(ledger.lots(), "plan", "45", chosen_lots=["A", "L1"])
    assert [(d.lot_id, d.area) for d in draws] == [("A", D("30")), ("L1", D("15"))] and short == {}
    draws, short = plan_draws(ledger.lots(), "plan", "200")
    assert [(d.lot_id, d.area) for d in draws] == [("L1", D("100")), ("A", D("30"))] and short == {"area": D("70")}
    assert left(ledger)[("A", "plan")][0] == D("30")  # planning changed nothing


def test_a_lot_named_twice_is_refused(led):
    """Naming lot A twice must not let one outflow take A's remainder twice (A 10 left, 20 asked: refused)."""
    ledger, _ = led
    plan(ledger, "10", "2020-01-01", lot_id="A")
    plan(ledger, "100", "2020-02-01", lot_id="B")
    lines = ledger.receipt().lines
    with pytest.raises(RuleViolation, match="lot A is named more than once"):
        use(ledger, {("plan", "area"): D("20")}, draw_from=("A", "A"))
    assert ledger.receipt().lines == lines and left(ledger)[("A", "plan")][0] == D("10")


def test_paddy_and_capacity_are_drawn_per_lot(led):
    ledger, _ = led
    ledger.post(Entry("grant", comp("30", "10", "12000"), year=2020, value_date="2020-02-01", lot_id="BC-1",
                      grade="5"))                                     # 30亩, 10 水田, 12,000 kg, 等别 5
    ledger.post(Entry("reclamation_credit", comp("20", "20", "10000"), year=2020, value_date="2020-04-01",
                      project_id="FK-1"))                            # L2: 20亩 all 水田, 10,000 kg
    posted = use(ledger, comp("35", "15", "14000"))
    draws = {(line["component"]): json.loads(line["lot"])["draws"] for line in posted.lines}
    # each component oldest first: 耕地 30 + 5, 水田 10 + 5, 产能 12,000 + 2,000
    assert draws == {"cultivated_area": [["BC-1", 300000], ["L2", 50000]],
                     "paddy_area": [["BC-1", 100000], ["L2", 50000]],
                     "grain_capacity": [["BC-1", 120000000], ["L2", 20000000]]}
    assert left(ledger) == {("BC-1", "compensation"): (D("0"), D("0"), D("0")),
                            ("L2", "compensation"): (D("15"), D("15"), D("8000"))}
    assert [r["grade"] for r in ledger.lot_rows()] == [5, None]
    # 16亩 with 15 水田 and 8,000 kg: only L2 has any left; 1亩 of 耕地 short, 水田 and 产能 covered
    draws, short = ledger.plan_draws("compensation", "16", "15", "8000")
    assert [(d.lot_id, d.area, d.paddy, d.capacity) for d in draws] == [("L2", D("15"), D("15"), D("8000"))]
    assert short == {"area": D("1")}
    ledger.post(Entry("grant", comp("10", "0", "5000"), year=2021, value_date="2021-01-01"))  # L4: no 水田
    with pytest.raises(RuleViolation, match=r"cultivated area: the lots chosen \(L2\) have too little left, "
                                            r"1.0000 short"):
        use(ledger, comp("16", "15", "0"), draw_from=("L2",), project="P2")  # the balance (25亩) would do
    with pytest.raises(RuleViolation, match=r"paddy area: the lots have too little left, 0.0001 short|"
                                            r"paddy area: balance too low"):
        use(ledger, comp("16", "15.0001", "0"), project="P2")
    posted = use(ledger, comp("16", "15", "9000"), project="P2")  # 耕地 L2 15 + L4 1; 水田 L2; 产能 L2 8,000 + L4 1,000
    assert {line["component"]: json.loads(line["lot"])["draws"] for line in posted.lines} == {
        "cultivated_area": [["L2", 150000], ["L4", 10000]], "paddy_area": [["L2", 150000]],
        "grain_capacity": [["L2", 80000000], ["L4", 10000000]]}
    assert left(ledger)[("L4", "compensation")] == (D("9"), D("0"), D("4000"))


def test_lot_rules(led):
    ledger, _ = led
    plan(ledger, "10", "2020-01-01", lot_id="X")
    with pytest.raises(RuleViolation, match="lot id X is already used by entry 1"):
        plan(ledger, "10", "2020-01-02", lot_id="X")
    with pytest.raises(RuleViolation, match="L and a number is kept"):
        plan(ledger, "10", "2020-01-02", lot_id="L7")
    with pytest.raises(RuleViolation, match="only compensation quota lots have a grade"):
        plan(ledger, "10", "2020-01-02", grade="3")
    with pytest.raises(RuleViolation, match="whole number 1-15"):
        ledger.post(Entry("grant", comp("1", "0", "0"), year=2020, grade="16"))
    with pytest.raises(RuleViolation, match="only an advance has a term"):
        plan(ledger, "10", "2020-01-02", due_date="2021-01-01")
    with pytest.raises(RuleViolation, match="needs its due date"):
        ledger.post(Entry("advance", {("plan", "area"): D("5")}, year=2020, evidence="e", term="commitment"))
    with pytest.raises(RuleViolation, match="before the entry's date"):
        ledger.post(Entry("advance", {("plan", "area"): D("5")}, year=2020, value_date="2020-05-01", evidence="e",
                          due_date="2020-04-30"))
    with pytest.raises(RuleViolation, match="an outflow is not a lot"):
        use(ledger, {("plan", "area"): D("1")}, lot_id="Y")
    with pytest.raises(RuleViolation, match="an inflow draws on no lots"):
        plan(ledger, "10", "2020-01-02", draw_from=("X",))


def test_reversal_gives_back_draws_and_a_drawn_lot_is_reversed_last(led):
    ledger, _ = led
    plan(ledger, "100", "2020-01-01")                     # L1
    plan(ledger, "100", "2020-02-01")                     # L2
    alloc = use(ledger, {("plan", "area"): D("150")})     # L1 100, L2 50
    plan(ledger, "100", "2020-03-01")                     # L4: the balance (150) would bear reversing L1
    with pytest.raises(RuleViolation, match=r"lot L1 \(entry 1\) has been drawn on by entries 3: reverse those"):
        ledger.reverse(1)
    ledger.reverse(alloc.entry_no)                        # gives back L1 100, L2 50
    assert left(ledger)[("L1", "plan")][0] == D("100") and left(ledger)[("L2", "plan")][0] == D("100")
    ledger.reverse(1)                                     # now L1 may go
    posted = use(ledger, {("plan", "area"): D("30")})     # L1 is empty (reversed): L2
    assert json.loads(posted.lines[0]["lot"])["draws"] == [["L2", 300000]]
    assert ledger.verify().ok


def test_tampered_draw_is_found_by_verify(led):
    ledger, store = led
    plan(ledger, "100", "2020-01-01")
    plan(ledger, "100", "2020-02-01")
    posted = use(ledger, {("plan", "area"): D("30")})     # L1 30
    seq = posted.lines[0]["seq"]
    tamper(ledger, store, f"UPDATE ledger_journal SET lot = '{{\"draws\":[[\"L2\",300000]]}}' WHERE seq = {seq}")
    result = ledger.verify()
    assert not result.ok and result.bad_seq == seq and "altered" in str(result.message)


def test_blanked_draw_is_found_by_verify(led):
    ledger, store = led
    plan(ledger, "100", "2020-01-01")
    posted = use(ledger, {("plan", "area"): D("30")})
    seq = posted.lines[0]["seq"]
    tamper(ledger, store, f"UPDATE ledger_journal SET lot = '' WHERE seq = {seq}")
    result = ledger.verify()
    assert not result.ok and result.bad_seq == seq


def test_a_rewritten_chain_that_overdraws_a_lot_is_found_by_the_lot_replay(led):
    """Lowering a lot's amount and re-hashing the whole chain fools the hashes, not the lots: the recorded draw
    (30 of L1) no longer fits the lot (now 20)."""
    ledger, store = led
    plan(ledger, "100", "2020-01-01")
    plan(ledger, "100", "2020-02-01")
    use(ledger, {("plan", "area"): D("30")})
    rewrite_chain(ledger, store, 1, 20 * 10_000)
    result = ledger.verify()
    assert not result.ok and result.bad_seq == 3 and "more than it has left" in str(result.message)


def copy_old(tmp_path) -> str:
    target = tmp_path / "old.gpkg"
    shutil.copy(OLD_LEDGER, target)
    return str(target)


def test_ledger_made_before_lots_opens_verifies_and_computes_its_lots(tmp_path):
    """tests/core/data/ledger_before_lots.gpkg was written by the code before lots (commit e674890, with
    tests/core/data/ledger_before_lots.py): 1 grant plan 100 (2020-01-10), 2 grant plan 50 (2020-03-01),
    3 purchase 405 linkage + 296 spatial (2018), 4 comp 30/10/12000 (2020-02-01), 5 comp 20/20/10000
    (2020-04-01), 6 allocation plan 120, 7 allocation comp 35/15/14000, 8 advance plan 600 (2019-03-20),
    9 allocation linkage 133, 10 reversal of 9, 11 repayment plan 200."""
    path = copy_old(tmp_path)
    conn = sqlite3.connect(path)
    assert "lot" not in [r[1] for r in conn.execute("PRAGMA table_info(ledger_journal)")]
    hashes = [r[0] for r in conn.execute("SELECT hash FROM ledger_journal ORDER BY seq")]
    conn.close()
    with open_ledger(path, readonly=True) as old:
        assert not old.store.has_lots and old.verify().ok and old.receipt().lines == 18
        lots = left(old)
        # 6: plan 120 oldest first = L1 100 + L2 20; 11: repayment 200 from the oldest, the advance L8 (2019)
        assert lots[("L1", "plan")][0] == D("0") and lots[("L2", "plan")][0] == D("30")
        assert lots[("L8", "plan")][0] == D("400")
        # 7: 耕地 L4 30 + L5 5, 水田 L4 10 + L5 5, 产能 L4 12,000 + L5 2,000
        assert lots[("L4", "compensation")] == (D("0"), D("0"), D("0"))
        assert lots[("L5", "compensation")] == (D("15"), D("15"), D("8000"))
        assert lots[("L3", "linkage_surplus")][0] == D("405")  # 9 was reversed: its 133 given back
        attached = {r["kind"]: r["attached"] for r in old.lot_rows() if r["lot_id"] == "L3"}
        assert attached["linkage_surplus"] == {"spatial": D("296")}
        assert old.lots().entry_draws(9) == []
    with open_ledger(path) as opened:  # opened for posting: the column is added, no line rewritten
        assert opened.store.has_lots and opened.verify().ok
        assert [r["hash"] for r in opened.entries()] == hashes and all(r["lot"] == "" for r in opened.entries())
        posted = opened.post(Entry("allocation", {("plan", "area"): D("50")}, year=2021, project_id="P9",
                                   batch_no="B9"))
        assert json.loads(posted.lines[0]["lot"]) == {"draws": [["L8", 500000]]}  # L8 (2019) is the oldest
        opened.post(Entry("grant", comp("10", "5", "4000"), year=2021, lot_id="BC-2021", grade="5"))
        assert opened.verify().ok and left(opened)[("BC-2021", "compensation")] == (D("10"), D("5"), D("4000"))


def test_postgresql_ledger_made_before_lots(tmp_path):
    """A PostgreSQL ledger whose journal has no lot column (as the code before lots made it): read-only it
    verifies with draws computed on read; opened for posting by its owner it gets the column."""
    uri = make_uri("postgres", tmp_path)
    with open_ledger(uri) as new:
        plan(new, "100", "2020-01-01")
        plan(new, "50", "2019-01-01")
        cur = new.store.conn.cursor()
        cur.execute("RESET ROLE")
        cur.execute("ALTER TABLE ledger_journal DROP COLUMN lot")
        new.store.conn.commit()
        new.store.check_columns()
        assert not new.store.has_lots
        with pytest.raises(LedgerError, match="no lot column yet"):
            plan(new, "5", "2020-01-02", lot_id="X")  # lot details cannot be recorded without the column
        use(new, {("plan", "area"): D("60")})  # posted the way the code before lots posted: no lot data
    with open_ledger(uri, readonly=True) as old:
        assert not old.store.has_lots and old.verify().ok
        assert old.lots().entry_draws(3) == [("L2", "plan", "area", D("50")), ("L1", "plan", "area", D("10"))]
    with open_ledger(uri) as opened:
        assert opened.store.has_lots and opened.verify().ok
        posted = use(opened, {("plan", "area"): D("5")}, draw_from=("L1",))
        assert json.loads(posted.lines[0]["lot"]) == {"draws": [["L1", 50000]]}
        assert opened.verify().ok and left(opened)[("L1", "plan")][0] == D("85")


# -- deadlines ----------------------------------------------------------------------------------------------
def test_add_years_on_29_february():
    assert add_years("2020-02-29", 3) == "2023-02-28" and add_years("2020-02-29", 4) == "2024-02-29"
    assert add_years("2021-06-30", 3) == "2024-06-30"


def test_deadlines_due_and_overdue(led):
    ledger, _ = led
    # advance of the 2019 plan: due by the rule 2019 + 1 -> 2020-12-31
    ledger.post(Entry("advance", {("plan", "area"): D("600")}, year=2019, value_date="2019-03-20", evidence="预支"))
    # turnover quota issued 2020-02-29: due 3 years later, 2023-02-28
    ledger.post(Entry("advance", {("linkage_surplus", "area"): D("50")}, year=2020, value_date="2020-02-29",
                      evidence="周转", term="turnover", lot_id="ZZ-1"))
    # commitment (承诺兑现) of compensation, its own date 2021-09-30
    ledger.post(Entry("advance", comp("12", "4", "3000"), year=2021, value_date="2021-03-01", evidence="承诺",
                      term="commitment", due_date="2021-09-30"))
    # an advance whose letter sets its own due date, 2022-06-30
    ledger.post(Entry("advance", {("plan", "area"): D("100")}, year=2021, value_date="2021-04-01", evidence="预支2",
                      due_date="2022-06-30"))
    rows = {r["lot_id"]: r for r in ledger.deadlines("2021-08-15", include_all=True)}
    assert {k: (r["term"], r["due_date"], r["due_from"]) for k, r in rows.items()} == {
        "L1": ("advance", "2020-12-31", "rule"), "ZZ-1": ("turnover", "2023-02-28", "rule"),
        "L3": ("commitment", "2021-09-30", "entry"), "L4": ("advance", "2022-06-30", "entry")}
    # as of 2021-08-15: L1 overdue by 227 days (2020-12-31 -> 2021-08-15); L3 due in 46 days (within 90)
    assert (rows["L1"]["status"], rows["L1"]["days_left"]) == ("overdue", -227)
    assert (rows["L3"]["status"], rows["L3"]["days_left"]) == ("due", 46)
    assert rows["L3"]["outstanding"] == D("12")  # the 耕地数量 of the commitment
    assert rows["ZZ-1"]["status"] == "open" and rows["L4"]["status"] == "open"
    listed = ledger.deadlines("2021-08-15")  # default: overdue and due only, the most urgent first
    assert [r["lot_id"] for r in listed] == ["L1", "L3"]
    # a repayment of 600 plan settles the oldest advance, L1; 100 more settles L4
    ledger.post(Entry("grant", {("plan", "area"): D("700")}, year=2021, value_date="2021-09-01"))
    ledger.post(Entry("repayment", {("plan", "area"): D("600")}, year=2021, value_date="2021-09-02"))
    rows = {r["lot_id"]: r for r in ledger.deadlines("2021-09-03", include_all=True)}
    assert rows["L1"]["status"] == "settled" and rows["L1"]["repaid"] == D("600")
    assert rows["L4"]["outstanding"] == D("100")
    # 2023-01-01: ZZ-1 due in 58 days (2023-01-01 -> 2023-02-28), L4 overdue, L3 overdue
    listed = {r["lot_id"]: (r["status"], r["days_left"]) for r in ledger.deadlines("2023-01-01")}
    assert listed == {"L3": ("overdue", -458), "L4": ("overdue", -185), "ZZ-1": ("due", 58)}
    assert [r["lot_id"] for r in ledger.deadlines("2023-01-01", within_days=30)] == ["L3", "L4"]


def test_deadline_rule_table_has_sources():
    rules = read_deadline_rules()
    assert rules.rules["turnover"].value == 3 and rules.rules["turnover"].due_rule == "after_issue"
    assert "138号" in rules.rules["turnover"].source and "DEFAULT" in rules.rules["advance"].source
    assert rules.window_days == 90


def test_plan_draws_is_pure_and_refuses_paddy_on_area_quota():
    book = LotBook()
    for seq, (date, amount) in enumerate((("2020-03-01", 100), ("2020-01-01", 40)), start=1):
        book.apply({"seq": seq, "entry_no": seq, "txn_type": "grant", "direction": "in", "kind": "plan",
                    "component": "area", "amount": amount * 10_000, "owed": 0, "value_date": date, "year": 2020,
                    "source": "grant", "reverses": None, "hash": f"h{seq}", "lot": ""})
    draws, short = plan_draws(book, "plan", D("50"))
    assert [(d.lot_id, d.area) for d in draws] == [("L2", D("40")), ("L1", D("10"))] and not short
    assert book.lots["L2"].remaining(("plan", "area")) == 40 * 10_000
    with pytest.raises(ValueError, match="no paddy"):
        plan_draws(book, "plan", D("1"), D("1"))


def test_allocation_check_names_the_lots_each_project_would_draw(tmp_path):
    """Two projects short of their allocation, covered from the balance project by project: the lots named are
    the oldest first, the second project getting what the first left."""
    import numpy as np

    from land_supervision.core.ledger.allocation_check import Needs, check_allocations

    with open_ledger(str(tmp_path / "l.gpkg")) as ledger:
        ledger.post(Entry("grant", comp("10", "4", "5000"), year=2020, value_date="2020-01-01", lot_id="C1"))
        ledger.post(Entry("grant", comp("30", "0", "9000"), year=2021, value_date="2021-01-01", lot_id="C2"))
        plan(ledger, "50", "2020-06-01", lot_id="P1")
        balances = {(b.kind, b.component): b.balance for b in ledger.balances()}
        book = ledger.lots()
        needs = Needs(np.array([20.0, 40.0]), np.array([8.0, 12.0]), np.array([3.0, 2.0]), np.array([4000.0, 0.0]))
        rows = {(r["project_id"], r["requirement"]): r for r in check_allocations(["A", "B"], needs, {}, balances,
                                                                                  book)}
        assert book.lots["C1"].drawn == {}  # the ledger's own lots are untouched
    # A: 耕地 8 from C1 (10), 水田 3 from C1 (4), 产能 4,000 from C1 (5,000), plan 20 from P1
    assert rows[("A", "cultivated_area")]["lots"] == "C1 8.00"
    assert rows[("A", "paddy_area")]["lots"] == "C1 3.00"
    assert rows[("A", "grain_capacity")]["lots"] == "C1 4000.00"
    assert rows[("A", "plan")]["lots"] == "P1 20.00"
    # B: 耕地 12 = C1's last 2 + 10 of C2; 水田 2: C1 has 1 left, C2 none -> 1 from C1, 1 short; plan 30 of P1
    assert rows[("B", "cultivated_area")]["lots"] == "C1 2.00; C2 10.00"
    assert rows[("B", "paddy_area")]["lots"] == "C1 1.00" and rows[("B", "paddy_area")]["short"] == D("1.00")
    assert rows[("B", "plan")]["lots"] == "P1 30.00"


def test_a_repayment_names_the_advance_it_repays(led):
    """Two plan advances, L1 600 (2019, due 2020-12-31 by the rule) and L2 100 (2021, due 2022-06-30): a
    repayment naming L2 settles L2 although L1 is older; without a name the oldest is settled, as before."""
    ledger, _ = led
    ledger.post(Entry("advance", {("plan", "area"): D("600")}, year=2019, value_date="2019-03-20", evidence="预支"))
    ledger.post(Entry("advance", {("plan", "area"): D("100")}, year=2021, value_date="2021-04-01", evidence="预支2",
                      due_date="2022-06-30"))
    plan(ledger, "700", "2021-09-01")  # entry 3, lot L3
    repay = dict(year=2021, value_date="2021-09-02")
    with pytest.raises(RuleViolation, match="advance L2 owes 100.0000, 150.0000 repaid"):  # 700 owed in all
        ledger.post(Entry("repayment", {("plan", "area"): D("150")}, repays="L2", **repay))
    with pytest.raises(RuleViolation, match="lot L3 is not an advance"):
        ledger.post(Entry("repayment", {("plan", "area"): D("10")}, repays="L3", **repay))
    with pytest.raises(RuleViolation, match="only a repayment names"):
        use(ledger, {("plan", "area"): D("10")}, repays="L2")
    posted = ledger.post(Entry("repayment", {("plan", "area"): D("100")}, repays="L2", **repay))  # entry 4
    assert json.loads(posted.lines[0]["lot"])["repays"] == "L2"
    rows = {r["lot_id"]: r for r in ledger.deadlines("2021-09-03", include_all=True)}
    assert (rows["L2"]["status"], rows["L2"]["repaid"]) == ("settled", D("100"))
    assert (rows["L1"]["outstanding"], rows["L1"]["repaid"]) == (D("600"), D("0"))
    ledger.post(Entry("repayment", {("plan", "area"): D("50")}, **repay))  # no name: the oldest open, L1
    assert {r["lot_id"]: r["outstanding"] for r in ledger.deadlines("2021-09-03", include_all=True)} == \
        {"L1": D("550"), "L2": D("0")}
    ledger.reverse(4)  # the named repayment reversed: L2 owes its 100 again
    assert {r["lot_id"]: r["outstanding"] for r in ledger.deadlines("2021-09-03", include_all=True)} == \
        {"L1": D("550"), "L2": D("100")}
    assert ledger.verify().ok


def test_replay_flags_a_recorded_repayment_larger_than_its_advance_owes():
    """What verify sees in a chain rewritten whole: a repayment line naming an advance that owes less."""
    book = LotBook()
    base = {"txn_type": "advance", "direction": "in", "kind": "plan", "component": "area", "value_date": "2020-01-01",
            "year": 2020, "source": "advance", "reverses": None, "lot": ""}
    book.apply(dict(base, seq=1, entry_no=1, amount=100_0000, owed=100_0000, hash="h1"))
    book.apply(dict(base, seq=2, entry_no=2, amount=10_0000, owed=10_0000, hash="h2"))
    book.apply(dict(base, seq=3, entry_no=3, txn_type="repayment", direction="out", amount=-50_0000,
                    owed=-50_0000, hash="h3", lot=json.dumps({"draws": [["L1", 50_0000]], "repays": "L2"})))
    assert [(seq, entry) for seq, entry, _ in book.problems] == [(3, 3)]
    assert "repays more than advance L2 owes" in str(book.problems[0][2])
    # settled anyway as far as it goes: L2 fully (10), the rest from the oldest (L1 40)
    assert (book.lots["L2"].owed[("plan", "area")], book.lots["L1"].owed[("plan", "area")]) == (0, 60_0000)
