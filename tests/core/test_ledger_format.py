"""The ledger's format marker (ledger_meta 'format'): written when a ledger is made or brought up to date, never
lowered; a ledger of a newer format than the plugin's is refused with a message saying to update the plugin
(an older plugin would misread it and call lines with lot draws tampered)."""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal as D  # noqa: N817
from pathlib import Path

import pytest

from land_supervision.core.ledger import Entry, LedgerError, open_ledger
from land_supervision.core.ledger.store import LEDGER_FORMAT
from tests.core.test_ledger_pg_server import make_uri

OLD_LEDGER = Path(__file__).parent / "data" / "ledger_before_lots.gpkg"


def test_marker_text_says_the_format():
    from land_supervision.core.ledger.store import META, META_DDL

    assert META in META_DDL[0] and f"'{LEDGER_FORMAT}')" in META_DDL[1] and f"< {LEDGER_FORMAT}" in META_DDL[1]


def _set_format(led, value: str) -> None:
    cur = led.store.conn.cursor()
    if led.store.q("?") == "%s":  # PostgreSQL: as the table's owner
        cur.execute("RESET ROLE")
    cur.execute(led.store.q("UPDATE ledger_meta SET value = ? WHERE key = 'format'"), (value,))
    led.store.conn.commit()
    cur.close()


@pytest.mark.parametrize("store", ["gpkg", "postgres"])
def test_new_ledger_carries_the_format_and_a_newer_one_is_refused(store, tmp_path):
    uri = make_uri(store, tmp_path)
    with open_ledger(uri) as led:
        assert LEDGER_FORMAT == 2 and led.store.format_version() == 2
        led.post(Entry("grant", {("plan", "area"): D("10")}, year=2024))
        _set_format(led, "3")
    for readonly in (False, True):
        with pytest.raises(LedgerError, match="format is version 3, newer than this plugin's version 2: update"):
            open_ledger(uri, create=False, readonly=readonly)
    with _owner(uri) as led:  # the marker put back to 2: the ledger opens again
        _set_format(led, "2")
    with open_ledger(uri, create=False) as led:
        assert led.store.format_version() == 2 and led.balance("plan") == D("10") and led.verify().ok


def _owner(uri: str):
    """A raw handle on the ledger that skips the format check (to put the marker back)."""
    from land_supervision.core.ledger.store import SqlStore

    original = SqlStore.check_columns
    SqlStore.check_columns = lambda self: None
    try:
        return open_ledger(uri, create=False)
    finally:
        SqlStore.check_columns = original


def test_ledger_made_before_the_marker_gets_it_when_opened_for_posting(tmp_path):
    path = tmp_path / "old.gpkg"
    shutil.copy(OLD_LEDGER, path)
    with open_ledger(str(path), readonly=True) as old:
        assert old.store.format_version() == 1  # no marker, no lot column: the format before lots
    conn = sqlite3.connect(path)
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ledger_meta'").fetchone()
    conn.close()
    with open_ledger(str(path)) as opened:
        assert opened.store.format_version() == 2 and opened.verify().ok
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM ledger_meta WHERE key = 'format'").fetchone() == ("2",)
    conn.close()


def test_unreadable_marker_is_refused_as_newer(tmp_path):
    path = str(tmp_path / "l.gpkg")
    with open_ledger(path) as led:
        _set_format(led, "two")
    with pytest.raises(LedgerError, match="newer than this plugin"):
        open_ledger(path, create=False)
