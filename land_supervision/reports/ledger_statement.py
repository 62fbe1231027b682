"""The ledger statement as a PDF through a QGIS print layout (opening, in, out, closing; the period's entries)."""

from __future__ import annotations

from qgis.core import QgsProject

from ..core.ledger import COMPONENTS, KINDS, from_units
from ..core.ledger.statement import Statement, describe_line
from . import layout_kit as kit


def _fmt(value) -> str:
    return f"{value:,.2f}"


def write_statement_pdf(statement: Statement, path: str, project=None) -> str:
    """Render ``statement`` on A4 landscape pages and export it to ``path``."""
    layout = kit.new_layout(project or QgsProject.instance(), "ledger statement", landscape=True)
    width, height = kit.page_size(layout)
    status = "台账校验通过 ledger verified intact" if statement.verified else "台账校验未通过 LEDGER VERIFY FAILED"
    y = kit.add_title(layout, "用地指标台账 期间报表 Quota ledger statement",
                      f"{statement.date_from} 至 {statement.date_to}  ·  {status}")
    summary = [[f"{KINDS[r.kind][0]}·{COMPONENTS[r.component][0]}", r.unit, _fmt(r.opening), _fmt(r.inflow),
                _fmt(r.outflow), _fmt(r.closing), _fmt(r.owed)] for r in statement.rows]
    kit.add_table(layout, ["指标 Quota", "单位 Unit", "期初 Opening", "收入 In", "支出 Out", "期末 Closing",
                           "预支未还 Owed"], summary, kit.MARGIN, y + 2, width - 2 * kit.MARGIN, 50,
                  size=8.5, column_widths=[80, 16, 30, 30, 30, 30, 30], extend_to_new_pages=False)
    y += 58
    kit.add_label(layout, "本期分录 Entries of the period (亩; 粮食产能 kg; 负数为支出 negative = out)", kit.MARGIN, y,
                  width - 2 * kit.MARGIN, 6, size=9, bold=True)
    rows = []
    for line in statement.entries:
        zh, _en = describe_line(line)
        rows.append([line["entry_no"], line["value_date"], zh, f"{KINDS[line['kind']][0]}·"
                     f"{COMPONENTS[line['component']][0]}", _fmt(from_units(line["amount"])),
                     line["project_name"] or line["project_id"], line["batch_no"] or line["counterparty"],
                     (line["evidence"] or "")[:22]])
    if not rows:
        rows = [["", "", "本期无分录 no entries", "", "", "", "", ""]]
    kit.add_table(layout, ["分录 Entry", "日期 Date", "类型 Type", "指标 Quota", "数量 Amount", "项目 Project",
                           "批次/对方 Batch", "依据 Evidence"], rows, kit.MARGIN, y + 7, width - 2 * kit.MARGIN,
                  height - y - 7 - kit.MARGIN, size=7.5, column_widths=[14, 20, 28, 60, 24, 34, 30, 50])
    return kit.export_pdf(layout, path)
