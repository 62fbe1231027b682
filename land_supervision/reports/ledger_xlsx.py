"""The ledger statement as an XLSX workbook (openpyxl): a summary sheet and the period's entries."""

from __future__ import annotations

from ..core.ledger import COMPONENTS, KINDS, TXN_TYPES, from_units
from ..core.ledger.statement import ILLUSTRATIVE_NOTE, Statement, describe_line, is_illustrative

SUMMARY_HEADERS = ["指标 Quota", "分量 Component", "单位 Unit", "期初 Opening", "入库 In", "出库 Out", "期末 Closing",
                   "预支未还 Owed"]
ENTRY_HEADERS = ["行 Line", "分录 Entry", "日期 Date", "年度 Year", "类型 Type", "指标 Quota", "分量 Component",
                 "数量 Amount", "项目 Project", "批次 Batch", "对方 Counterparty", "依据 Evidence", "冲正 Reverses",
                 "哈希 Hash", "备注 Note"]
LOT_HEADERS = ["批次 Lot", "分录 Entry", "日期 Date", "来源 Type", "指标 Quota", "等别 Grade", "入库 In",
               "已取用 Drawn", "余量 Left", "水田余量 Paddy left", "产能余量 Capacity left (kg)", "预支未还 Owed",
               "附带指标 Attached", "状态 State"]
DEADLINE_HEADERS = ["批次 Lot", "分录 Entry", "类型 Term", "指标 Quota", "日期 Date", "到期 Due", "预支 Advanced",
                    "已还 Repaid", "未还 Outstanding", "剩余天数 Days left", "状态 Status"]


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
    if statement.deadline_line:
        sheet.append([])
        sheet.append([statement.deadline_line])
    _lots_sheet(book, statement)
    _deadlines_sheet(book, statement)
    book.save(path)
    return path


def _lots_sheet(book, statement: Statement) -> None:
    from openpyxl.styles import Font

    lots = book.create_sheet("批次 Lots")
    lots.append([f"批次余量 Lots: what is left at {statement.date_to} (亩; 粮食产能 kg)"])
    lots.append(LOT_HEADERS)
    for cell in lots[2]:
        cell.font = Font(bold=True)
    for row in statement.lots:
        lots.append([row["lot_id"], row["entry_no"], row["date"], TXN_TYPES[row["txn_type"]].zh,
                     KINDS[row["kind"]][0], "" if row["grade"] is None else row["grade"], row["area_in"],
                     row["area_drawn"], row["area_left"], row["paddy_left"], row["capacity_left"], row["owed"],
                     "; ".join(f"{KINDS[k][0]} {v:.2f}" for k, v in row["attached"].items() if v),
                     "冲正 reversed" if row["reversed"] else ""])
        for cell in lots[lots.max_row][6:12]:
            cell.number_format = "#,##0.00"
    for col, width in zip("ABCDEFGHIJKLMN", (16, 6, 11, 10, 26, 6, 12, 12, 12, 12, 12, 12, 30, 12)):
        lots.column_dimensions[col].width = width


def _deadlines_sheet(book, statement: Statement) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet("期限 Deadlines")
    sheet.append([f"预支、承诺兑现、周转指标 到期 Deadlines as of {statement.date_to} (overdue, due)"])
    sheet.append(DEADLINE_HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in statement.deadlines:
        sheet.append([row["lot_id"], row["entry_no"], row["term_zh"], row["kind_zh"], row["date"], row["due_date"],
                      row["advanced"], row["repaid"], row["outstanding"], row["days_left"],
                      f"{row['status_zh']} {row['status_en']}"])
        for cell in sheet[sheet.max_row][6:9]:
            cell.number_format = "#,##0.00"
    if not statement.deadlines:
        sheet.append(["", "", "无到期或逾期 nothing due or overdue"])
    for col, width in zip("ABCDEFGHIJK", (16, 6, 10, 26, 11, 11, 12, 12, 12, 8, 18)):
        sheet.column_dimensions[col].width = width
