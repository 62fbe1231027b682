"""The ledger statement as a PDF through a QGIS print layout (opening, in, out, closing; the period's entries)."""

from __future__ import annotations

from qgis.core import QgsProject

from ..constants import WORKING_CRS
from ..core.ledger import COMPONENTS, KINDS, from_units
from ..core.ledger.statement import ILLUSTRATIVE_NOTE, Statement, describe_line, is_illustrative
from ..qgis_compat import LabelPlacement
from . import layout_kit as kit

SHORT = {"plan": "计划指标", "spatial": "空间指标", "compensation": "补充耕地", "linkage_surplus": "节余指标"}


def _fmt(value) -> str:
    return f"{value:,.2f}"


def write_statement_pdf(statement: Statement, path: str, project=None, feedback=None) -> str:
    """Render ``statement`` on A4 landscape pages and export it to ``path`` page by page (progress 50 to 99%
    on ``feedback``)."""
    layout = kit.new_layout(project or QgsProject.instance(), "ledger statement", landscape=True)
    width, height = kit.page_size(layout)
    status = "台账校验通过 ledger verified intact" if statement.verified else "台账校验未通过 LEDGER VERIFY FAILED"
    y = kit.add_title(layout, "用地指标台账 期间报表 Quota ledger statement",
                      f"{statement.date_from} 至 {statement.date_to}  ·  {status}  ·  {statement.receipt_line}")
    summary = [[f"{KINDS[r.kind][0]}·{COMPONENTS[r.component][0]}", r.unit, _fmt(r.opening), _fmt(r.inflow),
                _fmt(r.outflow), _fmt(r.closing), _fmt(r.owed)] for r in statement.rows]
    kit.add_table(layout, ["指标 Quota", "单位 Unit", "期初 Opening", "入库 In", "出库 Out", "期末 Closing",
                           "预支未还 Owed"], summary, kit.MARGIN, y + 2, width - 2 * kit.MARGIN, 50,
                  size=8.5, column_widths=[80, 16, 30, 30, 30, 30, 30], extend_to_new_pages=False)
    y += 58
    if feedback is not None:
        feedback.setProgress(40)
    kit.add_label(layout, "本期分录 Entries of the period (亩; 粮食产能 kg; 负数为出库 negative = out)", kit.MARGIN, y,
                  width - 2 * kit.MARGIN, 6, size=9, bold=True)
    if any(is_illustrative(line) for line in statement.entries):
        y += 6
        kit.add_label(layout, f"{ILLUSTRATIVE_NOTE[0]} / {ILLUSTRATIVE_NOTE[1]}", kit.MARGIN, y,
                      width - 2 * kit.MARGIN, 6, size=7.5)
    rows = []
    for line in statement.entries:
        zh, _en = describe_line(line)
        mark = "*" if is_illustrative(line) else ""
        rows.append([f"{line['entry_no']}{mark}", line["value_date"], zh, f"{KINDS[line['kind']][0]}·"
                     f"{COMPONENTS[line['component']][0]}", _fmt(from_units(line["amount"])),
                     line["project_name"] or line["project_id"], line["batch_no"] or line["counterparty"],
                     (line["evidence"] or "")[:17]])
    if not rows:
        rows = [["", "", "本期无分录 no entries", "", "", "", "", ""]]
    kit.add_table(layout, ["分录 Entry", "日期 Date", "类型 Type", "指标 Quota", "数量 Amount", "项目 Project",
                           "批次/对方 Batch", "依据 Evidence"], rows, kit.MARGIN, y + 7, width - 2 * kit.MARGIN,
                  height - y - 7 - kit.MARGIN, size=7.5, column_widths=[14, 20, 28, 60, 24, 34, 30, 50])
    if feedback is not None:
        feedback.setProgress(45)
    layer = _add_usage_page(layout, statement)
    _add_lots_page(layout, statement)
    try:
        if feedback is not None:
            feedback.setProgress(50)
        return kit.export_pdf(layout, path, feedback=feedback, span=(50.0, 99.0))
    finally:
        del layer  # the map's layer lives until the export is done


def projects_layer(projects: list[dict]):
    """A memory layer (EPSG:4549) of the statement's project polygons, or None."""
    import numpy as np
    import shapely

    from ..algorithms.layer_io import memory_layer
    from ..core.tables import FeatureTable

    if not projects:
        return None
    geometry = shapely.from_wkb([p["wkb"] for p in projects])
    table = FeatureTable("ledger_projects", [("project_id", "str"), ("project_name", "str")],
                         {"project_id": [p["project_id"] for p in projects],
                          "project_name": [p["project_name"] for p in projects]},
                         np.asarray(geometry, dtype=object), "Polygon", WORKING_CRS)
    return memory_layer(table, "ledger_projects")


def _add_usage_page(layout, statement: Statement):
    """A page with the map of allocated project polygons and the quota each project used."""
    if not statement.usage:
        return None
    page = kit.add_page(layout)
    width, height = kit.page_size(layout, page)
    kit.add_label(layout, f"项目用地 Project allocations (至 to {statement.date_to})", kit.MARGIN, kit.MARGIN,
                  width - 2 * kit.MARGIN, 8, page, size=13, bold=True)
    layer = projects_layer(statement.projects)
    table_x = kit.MARGIN
    if layer is not None and layer.featureCount() > 0:
        _style(layer)
        map_item = kit.add_map(layout, [layer], layer.extent(), kit.MARGIN, kit.MARGIN + 10, 130, 120, page,
                               crs=layer.crs())
        kit.add_scalebar(layout, map_item, kit.MARGIN + 2, kit.MARGIN + 132, page)
        kit.add_north_arrow(layout, kit.MARGIN + 118, kit.MARGIN + 12, page, size=10)
        table_x = kit.MARGIN + 136
    keys = [(k, c) for k, (_zh, _en, comps) in KINDS.items() for c in comps
            if any((k, c) in u["amounts"] for u in statement.usage)]
    headers = ["项目 Project", "批次 Batch"] + [f"{SHORT[k]}·{COMPONENTS[c][0]}" for k, c in keys]
    rows = [[u["project_name"] or u["project_id"], u["batch_no"]]
            + [_fmt(u["amounts"][key]) if key in u["amounts"] else "" for key in keys] for u in statement.usage]
    kit.add_table(layout, headers, rows, table_x, kit.MARGIN + 10, width - table_x - kit.MARGIN,
                  height - 2 * kit.MARGIN - 10, page, size=7.0, extend_to_new_pages=False)
    return layer


def _add_lots_page(layout, statement: Statement) -> None:
    """A page with what is overdue or due (预支, 承诺兑现, 周转指标) and what is left of each lot at date_to."""
    if not statement.lots:
        return
    page = kit.add_page(layout)
    width, height = kit.page_size(layout, page)
    kit.add_label(layout, f"批次余量与期限 Lots and deadlines (至 to {statement.date_to})", kit.MARGIN, kit.MARGIN,
                  width - 2 * kit.MARGIN, 8, page, size=13, bold=True)
    y = kit.MARGIN + 10
    nothing = (f"截至 {statement.date_to} 无到期或逾期的预支、承诺兑现、周转指标 / "
               f"nothing due or overdue as of {statement.date_to}")
    kit.add_label(layout, statement.deadline_line or nothing, kit.MARGIN, y, width - 2 * kit.MARGIN, 6, page, size=9)
    y += 7
    if statement.deadlines:
        rows = [[d["lot_id"], d["term_zh"], SHORT[d["kind"]], d["date"], d["due_date"] or "-", _fmt(d["outstanding"]),
                 str(d["days_left"]) if d["days_left"] is not None else "", d["status_zh"]]
                for d in statement.deadlines]
        size = min(8 + 6 * len(rows), 50)
        kit.add_table(layout, ["批次 Lot", "类型 Term", "指标 Quota", "日期 Date", "到期 Due", "未还 Outstanding",
                               "剩余天数 Days", "状态 Status"], rows, kit.MARGIN, y, width - 2 * kit.MARGIN, size,
                      page, size=7.5, extend_to_new_pages=False)
        y += size + 4
    rows = [[r["lot_id"], r["date"], SHORT[r["kind"]], "" if r["grade"] is None else str(r["grade"]),
             _fmt(r["area_in"]), _fmt(r["area_drawn"]), _fmt(r["area_left"]),
             _fmt(r["paddy_left"]) if r["kind"] == "compensation" else "",
             f"{r['capacity_left']:,.0f}" if r["kind"] == "compensation" else "",
             "; ".join(f"{SHORT[k]} {_fmt(v)}" for k, v in r["attached"].items() if v),
             "冲正" if r["reversed"] else ""] for r in statement.lots]
    kit.add_table(layout, ["批次 Lot", "日期 Date", "指标 Quota", "等别 Grade", "入库 In", "已取用 Drawn", "余量 Left",
                           "水田余量 Paddy", "产能余量 kg", "附带 Attached", ""], rows, kit.MARGIN, y,
                  width - 2 * kit.MARGIN, height - y - kit.MARGIN, page, size=7.5)


def _style(layer) -> None:
    from qgis.core import QgsPalLayerSettings, QgsVectorLayerSimpleLabeling
    from qgis.PyQt.QtGui import QColor

    symbol = layer.renderer().symbol()
    symbol.setColor(QColor(230, 120, 40, 160))
    settings = QgsPalLayerSettings()
    settings.fieldName = "coalesce(\"project_name\", \"project_id\")"
    settings.isExpression = True
    settings.setFormat(kit.text_format(7))
    settings.placement = LabelPlacement.OverPoint  # above the (small) polygon, not over it
    settings.yOffset = -3.0
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
