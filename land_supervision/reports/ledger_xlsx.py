"""The ledger statement as an XLSX workbook (openpyxl): a summary sheet and the period's entries."""

from __future__ import annotations

from ..core.ledger import COMPONENTS, KINDS, from_units
from ..core.ledger.statement import ILLUSTRATIVE_NOTE, Statement, describe_line, is_illustrative

SUMMARY_HEADERS = ["指标 Quota", "分量 Component", "单位 Unit", "期初 Opening", "入库 In", "出库 Out", "期末 Closing",
                   "预支未还 Owed"]
ENTRY_HEADERS = ["行 Line", "分录 Entry", "日期 Date", "年度 Year", "类型 Type", "指标 Quota", "分量 Component",
                 "数量 Amount", "项目 Project", "批次 Batch", "对方 Counterparty", "依据 Evidence", "冲正 Reverses",
                 "哈希 Hash", "备注 Note"]


def write_statement_xlsx(statement: Statement, path: str) -> str:
    """Write ``statement`` to ``path`` (.xlsx); amounts are exact numbers shown with 2 decimals."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "汇总 Summary"
    sheet.append([f"用地指标台账 期间报表 Quota ledger statement {statement.date_from} - {statement.date_to}"])
    sheet.append([f"台账校验 / verified: {'通过 intact' if statement.verified else '未通过 FAILED'}  ·  "
                  f"{statement.receipt_line}"])
    sheet.append(SUMMARY_HEADERS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in statement.rows:
        sheet.append([KINDS[row.kind][0], COMPONENTS[row.component][0], row.unit, row.opening, row.inflow,
                      row.outflow, row.closing, row.owed])
        for cell in sheet[sheet.max_row][3:]:
            cell.number_format = "#,##0.00"
    sheet.column_dimensions["A"].width = 30
    for col in "BCDEFGH":
        sheet.column_dimensions[col].width = 14
    entries = book.create_sheet("分录 Entries")
    entries.append(ENTRY_HEADERS)
    for cell in entries[1]:
        cell.font = Font(bold=True)
    for line in statement.entries:
        zh, _en = describe_line(line)
        entries.append([line["seq"], line["entry_no"], line["value_date"], line["year"], zh, KINDS[line["kind"]][0],
                        COMPONENTS[line["component"]][0], from_units(line["amount"]),
                        line["project_name"] or line["project_id"], line["batch_no"], line["counterparty"],
                        line["evidence"], line["reverses"], line["hash"][:16], line.get("note") or ""])
        entries.cell(entries.max_row, 8).number_format = "#,##0.00"
    for col, width in zip("ABCDEFGHIJKLMNO", (6, 6, 11, 6, 16, 26, 10, 12, 20, 14, 14, 36, 6, 18, 60)):
        entries.column_dimensions[col].width = width
    if any(is_illustrative(line) for line in statement.entries):  # beside the verify line, not below the table
        sheet["D2"] = f"{ILLUSTRATIVE_NOTE[0]} / {ILLUSTRATIVE_NOTE[1]}"
    book.save(path)
    return path
