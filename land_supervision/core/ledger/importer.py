"""CSV/XLSX rows -> ledger entries, all or nothing, with row-numbered errors.

One row per entry. Columns (header row, English names; blank cells mean "none"):
``txn_type, value_date, year, source, plan, spatial, linkage_surplus, cultivated_area, paddy_area,
grain_capacity, project_id, project_name, batch_no, counterparty, region, price, evidence, town, reverses,
note, wkt`` (``wkt``: the project polygon of an allocation, EPSG:4549). Amount columns are magnitudes
(亩; grain capacity in kg). Rows whose txn_type starts with '#' are comments.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..messages import Message
from .errors import LedgerCanceled, LedgerError
from .model import TXN_TYPES, Entry

AMOUNT_COLUMNS = {"plan": ("plan", "area"), "spatial": ("spatial", "area"),
                  "linkage_surplus": ("linkage_surplus", "area"),
                  "cultivated_area": ("compensation", "cultivated_area"),
                  "paddy_area": ("compensation", "paddy_area"),
                  "grain_capacity": ("compensation", "grain_capacity")}
TEXT_COLUMNS = ("source", "project_id", "project_name", "batch_no", "counterparty", "region", "price", "evidence",
                "town", "note")
COLUMNS = ("txn_type", "value_date", "year", *AMOUNT_COLUMNS, *TEXT_COLUMNS, "reverses", "wkt")


class LedgerImportError(LedgerError):
    """A file that cannot be imported; ``row`` is the 1-based row number in the file (header = 1)."""

    def __init__(self, message: Message, row: int | None = None):
        self.row = row
        where = Message(f"第 {row} 行: ", f"row {row}: ") if row else Message("", "")
        super().__init__(Message(where.zh + message.zh, where.en + message.en), "import")


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
    reader = csv.reader(text.splitlines())
    rows = list(reader)
    return _as_dicts(rows)


def _read_xlsx(path: Path) -> list[tuple[int, dict]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return _as_dicts(rows)


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
        values = {name: (row[i].strip() if i < len(row) and row[i] is not None else "")
                  for i, name in enumerate(header) if name}
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
        except LedgerError as exc:
            raise LedgerImportError(exc.message, number) from None
    if not parsed:
        raise LedgerImportError(Message("文件中没有分录", "the file has no entries"))
    return parsed


def _entry(values: dict) -> Entry:
    txn_type = values.get("txn_type", "")
    if txn_type not in TXN_TYPES:
        raise LedgerError(Message("未知交易类型 '{t}'", "unknown transaction type '{t}'").format(t=txn_type))
    year_text = values.get("year", "")
    year = 0
    if year_text:
        try:
            number = float(year_text)
            if number != int(number):
                raise ValueError(year_text)
            year = int(number)
        except ValueError:
            raise LedgerError(Message("年度不是整数: {y}", "year is not a whole number: {y}").format(y=year_text)) \
                from None
    amounts = {key: values[col] for col, key in AMOUNT_COLUMNS.items() if values.get(col, "")}
    if any(k[0] == "compensation" for k in amounts):
        for key in AMOUNT_COLUMNS.values():
            if key[0] == "compensation":
                amounts.setdefault(key, "0")
    reverses = values.get("reverses", "")
    geometry = None
    if values.get("wkt"):
        import shapely

        try:
            geometry = shapely.from_wkt(values["wkt"])
        except Exception:  # noqa: BLE001 - shapely raises GEOSException subclasses
            raise LedgerError(Message("wkt 列不是有效的几何", "the wkt column is not a valid geometry")) from None
        if geometry.geom_type not in ("Polygon", "MultiPolygon") or not geometry.is_valid:
            raise LedgerError(Message("wkt 须为有效的(多)面", "wkt must be a valid (multi)polygon"))
    text = {name: values.get(name, "") for name in TEXT_COLUMNS}
    source = text.pop("source") or None
    return Entry(txn_type, amounts, year=year, value_date=values.get("value_date", "")[:10], source=source,
                 reverses=int(float(reverses)) if reverses else None, geometry=geometry, **text)


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
