"""The importer reads values through core.values: row- and column-numbered refusals instead of tracebacks,
decimal commas and compact dates read right, notes kept with their line breaks (both stores)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817

import pytest

from land_supervision.core.ledger import open_ledger
from land_supervision.core.ledger.importer import LedgerImportError, import_file, parse_rows, read_rows
from tests.core.test_ledger_pg_server import make_uri

HEADER = "txn_type,value_date,year,plan,linkage_surplus,project_id,batch_no,evidence,reverses,note\n"


def csv_file(tmp_path, body: str, name: str = "in.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("row, column, reason", [
    ("reversal,2024-03-01,2024,,,,,,abc,", "reverses", "not a whole number: 'abc'"),
    ("reversal,2024-03-01,2024,,,,,,1e400,", "reverses", "not a whole number: '1e400'"),
    ("grant,2024-03-01,inf,10,,,,,,", "year", "not a whole number: 'inf'"),
    ("grant,2024-03-01,2024.5,10,,,,,,", "year", "not a whole number"),
    ("grant,2024-03-01,1800,10,,,,,,", "year", "within 1990-2100"),
    ("grant,2024-03-01,2024,1_000,,,,,,", "plan", "not a number: '1_000'"),
    ("grant,2024-03-01,2024,1e308,,,,,,", "plan", "scientific notation"),
    ("grant,2024-03-01,2024,12345678901234567890,,,,,,", "plan", "more than 12 digits"),
    ("grant,2024-03-01,2024,inf,,,,,,", "plan", "not a number: 'inf'"),
    ("grant,2024-03-01,2024,abc,,,,,,", "plan", "not a number: 'abc'"),
    ("grant,2024-03-01,2024,\"1,234\",,,,,,", "plan", "ambiguous"),
    ("grant,2024-02-30,2024,10,,,,,,", "value_date", "no such date"),
    ("grant,03/01/2024,2024,10,,,,,,", "value_date", "not a date"),
    ("gift,2024-03-01,2024,10,,,,,,", "txn_type", "unknown transaction type 'gift'"),
])
def test_bad_cells_name_row_and_column(tmp_path, row, column, reason):
    path = csv_file(tmp_path, "grant,2024-01-01,2024,5,,,,,,\n" + row + "\n")
    with pytest.raises(LedgerImportError, match=reason) as caught:
        parse_rows(read_rows(path))
    assert (caught.value.row, caught.value.column) == (3, column)
    assert f"row 3, column {column}: " in str(caught.value.message.en)
    assert f"第 3 行 {column} 列: " in str(caught.value.message.zh)


def test_xlsx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "entries.xlsx"
    path.write_text(HEADER, encoding="utf-8")  # a CSV saved under the wrong name
    with pytest.raises(LedgerImportError, match="is not a readable XLSX workbook"):
        read_rows(str(path))


@pytest.mark.parametrize("store", ["gpkg", "postgres"])
def test_values_and_notes_imported_right(tmp_path, store):
    note = "第一行\n第二行, with a comma"
    path = csv_file(tmp_path, f'grant,20240301,2024,"12,5",,,,,,"{note}"\n'
                              'grant,2024/3/2,2024.0,"1,234.5",,,,,,\n'
                              'allocation,2024年3月3日,2024,"0,5",,P1,B1,"批复\n第 2 页",,\n')
    with open_ledger(make_uri(store, tmp_path)) as ledger:
        posted = import_file(ledger, path)
        assert [p.entry_no for p in posted] == [1, 2, 3]
        lines = ledger.entries()
        assert [line["value_date"] for line in lines] == ["2024-03-01", "2024-03-02", "2024-03-03"]
        assert [line["amount"] for line in lines] == [125000, 12345000, -5000]
        assert lines[0]["note"] == note and lines[2]["evidence"] == "批复\n第 2 页"
        assert ledger.balance("plan") == D("1246.5")  # 12.5 + 1234.5 - 0.5
        assert ledger.verify().ok


@pytest.mark.parametrize("store", ["gpkg", "postgres"])
def test_bad_row_imports_nothing(tmp_path, store):
    path = csv_file(tmp_path, "grant,2024-01-01,2024,5,,,,,,\nreversal,2024-03-01,2024,,,,,,1e400,\n")
    with open_ledger(make_uri(store, tmp_path)) as ledger:
        with pytest.raises(LedgerImportError, match="row 3, column reverses"):
            import_file(ledger, path)
        assert ledger.entries() == []


def test_xlsx_cells_as_typed(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["txn_type", "value_date", "year", "plan", "note"])
    sheet.append(["grant", dt.datetime(2024, 3, 1), 2024, 12.5, "a\nb"])
    sheet.append(["grant", "2024/3/2", 2024.0, "12,5", None])
    sheet.append(["grant", dt.date(2024, 3, 3), 2024, 1e20, None])
    path = tmp_path / "in.xlsx"
    book.save(path)
    rows = read_rows(str(path))
    assert rows[0][1] == {"txn_type": "grant", "value_date": "2024-03-01", "year": "2024", "plan": "12.5",
                          "note": "a\nb"}
    with pytest.raises(LedgerImportError, match="row 4, column plan: .*more than 12 digits"):
        parse_rows(rows)
    entries = parse_rows(rows[:2])
    assert [e.entry.amounts[("plan", "area")] for e in entries] == [D("12.5"), D("12.5")]
    assert [e.entry.value_date for e in entries] == ["2024-03-01", "2024-03-02"]


@pytest.mark.parametrize("store", ["gpkg", "postgres"])
def test_statement_period_as_typed(tmp_path, store):
    from land_supervision.core.ledger import Entry, LedgerError
    from land_supervision.core.ledger.statement import build_statement

    with open_ledger(make_uri(store, tmp_path)) as ledger:
        ledger.post(Entry("grant", {("plan", "area"): "12,5"}, year=2024, value_date="20240301"))
        statement = build_statement(ledger, "2024/3/1", "20240331")
        assert (statement.date_from, statement.date_to) == ("2024-03-01", "2024-03-31")
        assert [r.inflow for r in statement.rows if r.kind == "plan"] == [D("12.5")]
        with pytest.raises(LedgerError, match="date_to: no such date: '2024-02-30'"):
            build_statement(ledger, "2024-01-01", "2024-02-30")
