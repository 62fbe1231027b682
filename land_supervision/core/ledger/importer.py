"""CSV/XLSX rows -> ledger entries, all or nothing, with row-numbered errors.

One row per entry. Columns (header row, English names; blank cells mean "none"):
``txn_type, value_date, year, source, plan, spatial, linkage_surplus, cultivated_area, paddy_area,
grain_capacity, project_id, project_name, batch_no, counterparty, region, price, evidence, town, reverses,
note, wkt, lot_id, grade, term, due_date, draw_from, repays`` (``wkt``: the project polygon of an allocation,
EPSG:4549; the last six, optional: an inflow's lot id, 耕地质量等别, advance term and due date, the lot ids an
outflow draws on, separated by ``;``, and the lot id of the advance a repayment repays). Amount columns are magnitudes
(亩; grain capacity in kg). Rows whose txn_type starts with '#' are comments. Values are read by core.values
(``12,5`` is 12.5, ``20240301`` is 2024-03-01); a value it refuses names its row and column. Notes and evidence
are kept as given, line breaks included (a quoted CSV cell or an XLSX cell).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..messages import Message
from ..values import ValueRefused, parse_amount, parse_date, parse_int
from .errors import LedgerCanceled, LedgerError
from .model import TXN_TYPES, Entry

AMOUNT_COLUMNS = {"plan": ("plan", "area"), "spatial": ("spatial", "area"),
                  "linkage_surplus": ("linkage_surplus", "area"),
                  "cultivated_area": ("compensation", "cultivated_area"),
                  "paddy_area": ("compensation", "paddy_area"),
                  "grain_capacity": ("compensation", "grain_capacity")}
TEXT_COLUMNS = ("source", "project_id", "project_name", "batch_no", "counterparty", "region", "price", "evidence",
                "town", "note", "lot_id", "grade", "term", "repays")
VERBATIM_COLUMNS = ("note", "evidence")  # kept exactly as given; other cells lose surrounding blanks
COLUMNS = ("txn_type", "value_date", "year", *AMOUNT_COLUMNS, *TEXT_COLUMNS, "reverses", "wkt", "due_date",
           "draw_from")


class LedgerImportError(LedgerError):
    """A file that cannot be imported; ``row`` is the 1-based row number in the file (header = 1), ``column``
    the column's name."""

    def __init__(self, message: Message, row: int | None = None, column: str | None = None):
        self.row = row
        self.column = column
        zh = (f"第 {row} 行" if row else "") + (f" {column} 列" if column else "")
        en = ", ".join(part for part in (f"row {row}" if row else "", f"column {column}" if column else "") if part)
        where = Message(zh.strip() + ": ", en + ": ") if zh else Message("", "")
        super().__init__(Message(where.zh + message.zh, where.en + message.en), "import")


class _CellError(LedgerError):
    """A refused cell, before its row is known."""

    def __init__(self, message: Message, column: str):
        self.column = column
        super().__init__(message, "import")


@dataclass
class ParsedRow:
    row: int
    entry: Entry


def read_rows(path: str) -> list[tuple[int, dict]]:
    """(row number, {column: text}) of a .csv (UTF-8 or GBK) or .xlsx file, the header being row 1."""
    target = Path(path)
    if not target.is_file():
        raise LedgerImportError(Message("文件不存在: {p}", "file does not exist: {p}").format(p=path))
    if target.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(target)
    raw = target.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise LedgerImportError(Message("无法识别文件编码", "cannot decode the file"))
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))  # quoted cells may hold line breaks
    except csv.Error as exc:
        raise LedgerImportError(Message("CSV 格式错误: {e}", "malformed CSV: {e}").format(e=exc)) from None
    return _as_dicts(rows)


def _read_xlsx(path: Path) -> list[tuple[int, dict]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise LedgerImportError(Message("{p} 不是可读的 XLSX 工作簿: {e}", "{p} is not a readable XLSX workbook: {e}")
                                .format(p=path.name, e=exc)) from None
    try:
        if not book.worksheets:
            raise LedgerImportError(Message("工作簿没有工作表", "the workbook has no sheet"))
        rows = [[_cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    return _as_dicts(rows)


def _cell_text(value) -> str:
    """An XLSX cell as the text a planner would have typed: 12.5 not 12.500000001, a date as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return repr(value)  # refused as not a number
        text = format(Decimal(repr(value)), "f")  # the shortest text that reads back as this float, no exponent
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def _as_dicts(rows: list[list[str]]) -> list[tuple[int, dict]]:
    if not rows:
        raise LedgerImportError(Message("文件是空的", "the file is empty"))
    header = [h.strip().lower() for h in rows[0]]
    if "txn_type" not in header:
        raise LedgerImportError(Message("表头缺少 txn_type 列", "the header has no txn_type column"), 1)
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise LedgerImportError(Message("未知列: {c}", "unknown columns: {c}").format(c=", ".join(unknown)), 1)
    out = []
    for number, row in enumerate(rows[1:], start=2):
        values = {}
        for i, name in enumerate(header):
            if name:
                cell = row[i] if i < len(row) and row[i] is not None else ""
                values[name] = cell if name in VERBATIM_COLUMNS and cell.strip() else cell.strip()
        if not any(values.values()) or values.get("txn_type", "").startswith("#"):
            continue
        out.append((number, values))
    return out


def parse_rows(rows: list[tuple[int, dict]]) -> list[ParsedRow]:
    """Entries of the rows; the first bad row raises LedgerImportError with its row number."""
    parsed = []
    for number, values in rows:
        try:
            parsed.append(ParsedRow(number, _entry(values)))
        except _CellError as exc:
            raise LedgerImportError(exc.message, number, exc.column) from None
        except LedgerError as exc:
            raise LedgerImportError(exc.message, number) from None
    if not parsed:
        raise LedgerImportError(Message("文件中没有分录", "the file has no entries"))
    return parsed


def _cell(values: dict, column: str, parse):
    """``parse(text)`` of a non-blank cell (None for a blank one); a refusal names the column."""
    text = values.get(column, "")
    if not text:
        return None
    try:
        return parse(text)
    except ValueRefused as exc:
        raise _CellError(exc.message, column) from None


def _entry(values: dict) -> Entry:
    txn_type = values.get("txn_type", "")
    if txn_type not in TXN_TYPES:
        raise _CellError(Message("未知交易类型 '{t}'", "unknown transaction type '{t}'").format(t=txn_type),
                         "txn_type")
    year = _cell(values, "year", lambda t: parse_int(t, 1990, 2100)) or 0
    amounts = {key: _cell(values, col, parse_amount) for col, key in AMOUNT_COLUMNS.items() if values.get(col, "")}
    if any(k[0] == "compensation" for k in amounts):
        for key in AMOUNT_COLUMNS.values():
            if key[0] == "compensation":
                amounts.setdefault(key, "0")
    reverses = _cell(values, "reverses", lambda t: parse_int(t, 1, 10 ** 12))
    value_date = _cell(values, "value_date", parse_date) or ""
    due_date = _cell(values, "due_date", parse_date) or ""
    draw_from = tuple(p.strip() for p in values.get("draw_from", "").replace("；", ";").split(";") if p.strip())
    geometry = None
    if values.get("wkt"):
        import shapely

        try:
            geometry = shapely.from_wkt(values["wkt"])
        except Exception:  # noqa: BLE001 - shapely raises GEOSException subclasses
            raise _CellError(Message("不是有效的几何", "not a valid geometry"), "wkt") from None
        if geometry.geom_type not in ("Polygon", "MultiPolygon") or not geometry.is_valid:
            raise _CellError(Message("须为有效的(多)面", "must be a valid (multi)polygon"), "wkt")
    if values.get("price"):
        _cell(values, "price", lambda t: parse_amount(t, places=2, max_digits=15))
    text = {name: values.get(name, "") for name in TEXT_COLUMNS}
    source = text.pop("source") or None
    return Entry(txn_type, amounts, year=year, value_date=value_date, source=source, reverses=reverses,
                 geometry=geometry, due_date=due_date, draw_from=draw_from, **text)


def import_file(ledger, path: str, progress=None, is_canceled=None) -> list:
    """Post every row of ``path`` in one transaction: all rows or none; errors name the row.

    ``progress(done, total)`` reports posting; ``is_canceled()`` stops before the commit with
    :class:`LedgerCanceled` (nothing imported).
    """
    parsed = parse_rows(read_rows(path))
    if is_canceled is not None and is_canceled():
        raise LedgerCanceled()
    try:
        return ledger.post_many([p.entry for p in parsed], progress, is_canceled)
    except LedgerCanceled:
        raise
    except LedgerError as exc:
        index = getattr(exc, "entry_index", None)
        row = parsed[index].row if index is not None else None
        raise LedgerImportError(exc.message, row) from None
