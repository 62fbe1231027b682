"""The ledger seam against the real quota ledger (runs once core.ledger has landed; skipped before)."""

from decimal import Decimal

import pytest

from land_supervision.core.reclamation import ledger_credit

ledger = pytest.importorskip("land_supervision.core.ledger")


def test_post_through_the_real_ledger_once(tmp_path):
    uri = str(tmp_path / "ledger.gpkg")
    credits = [
        ledger_credit.Credit("FK-A", "linkage_surplus", {"area": Decimal("33.96")}, 2022, "新埭镇"),
        ledger_credit.Credit("FK-B", "compensation", {"cultivated_area": Decimal("36.71"),
                                                      "paddy_area": Decimal("19.05"),
                                                      "grain_capacity": Decimal("16165")}, 2022, "新埭镇"),
    ]
    first = ledger_credit.post_credits(credits, "reclamationacceptance:test", uri=uri)
    assert [o.posted for o in first] == [True, True]
    again = ledger_credit.post_credits(credits[:1], "reclamationacceptance:again", uri=uri)
    assert [o.posted for o in again] == [False]
    assert "already" in again[0].message.en
    with ledger.open_ledger(uri) as book:
        assert book.balance("linkage_surplus", "area") == Decimal("33.96")
        assert book.balance("compensation", "cultivated_area") == Decimal("36.71")
        assert book.balance("compensation", "paddy_area") == Decimal("19.05")
        assert book.balance("compensation", "grain_capacity") == Decimal("16165")
