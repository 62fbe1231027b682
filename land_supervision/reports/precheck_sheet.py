"""The one-page 用地预审 sheet per project: map of the footprint and its constraint pieces, every figure, findings."""

from __future__ import annotations

import datetime

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsProject,
    QgsRectangle,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)

from . import layout_kit as kit

PIECE_COLORS = {"永久基本农田": "#e8a33d", "生态保护红线": "#3a9a4a", "城镇开发边界": "#8da0cb",
                "海洋公园": "#4a7fd0"}
# (label, field, unit) in the order of the sheet; None values print as "未检查" (layer or ledger not given); the
# *_PC rows: the ledger's lots (批次) the balance part would be drawn from, lot and amount, oldest first
FIGURES = [
    ("项目面积", "ZMJ_MU", "亩"),
    ("占用永久基本农田", "YJJBNT_MU", "亩"), ("涉及生态保护红线", "STHX_MU", "亩"),
    ("城镇开发边界内", "KFBJ_IN_MU", "亩"), ("其中集中建设区", "JZJSQ_MU", "亩"), ("其中弹性发展区", "TXFZQ_MU", "亩"),
    ("城镇开发边界外", "KFBJ_OUT_MU", "亩"),
    ("海洋公园内", "HYGY_MU", "亩"), ("其中严格管控区", "YGGK_MU", "亩"), ("其中合理利用区", "HLLY_MU", "亩"),
    ("海洋公园结论（申报用途）", "HYGY_JL", ""),
    ("转用农用地", "NYD_MU", "亩"), ("转用未利用地", "WLYD_MU", "亩"), ("需新增建设用地计划指标", "JHZB_MU", "亩"),
    ("占用耕地（扣除田坎）", "GD_MU", "亩"), ("其中水田", "ST_MU", "亩"), ("粮食产能", "CN_KG", "公斤"),
    ("占用林地", "LD_MU", "亩"),
    ("计划指标缺口", "JHZB_QK", "亩"), ("补充耕地数量缺口", "GD_QK", "亩"), ("水田规模缺口", "ST_QK", "亩"),
    ("粮食产能缺口", "CN_QK", "公斤"),
    ("计划指标取用批次", "JHZB_PC", "亩"), ("补充耕地数量取用批次", "GD_PC", "亩"), ("水田规模取用批次", "ST_PC", "亩"),
    ("粮食产能取用批次", "CN_PC", "公斤"),
    ("范围内未整改卫片图斑", "WZG_TB", ""), ("占用已复垦地块", "FK_DK", ""),
]


def _text(value, unit: str) -> str:
    if value is None or str(value) == "NULL":
        return "未检查"
    if isinstance(value, float):
        return f"{value:,.1f}" if unit == "公斤" else f"{value:,.2f}"
    return str(value) or "无"


def _rgba(hex_color: str, alpha: int) -> str:
    """'#rrggbb' as the 'r,g,b,a' text QGIS symbols take (an 8-digit hex is read as #aarrggbb)."""
    value = hex_color.lstrip("#")
    return ",".join(str(int(value[i:i + 2], 16)) for i in (0, 2, 4)) + f",{alpha}"


def _styled(projects: QgsVectorLayer, pieces: QgsVectorLayer | None, project: QgsProject) -> list:
    outline = projects.clone()
    outline.setName("项目范围")
    outline.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "#c0282d", "outline_width": "0.6"})))
    layers = [outline]
    if pieces is not None:
        styled = pieces.clone()
        styled.setName("约束叠加")
        categories = [QgsRendererCategory(name, QgsFillSymbol.createSimple(
            {"color": _rgba(color, 150), "outline_color": color, "outline_width": "0.2"}), name)
            for name, color in PIECE_COLORS.items()]
        styled.setRenderer(QgsCategorizedSymbolRenderer("TC", categories))
        layers.append(styled)
    project.addMapLayers(layers, False)
    return layers


def _page(project: QgsProject, row: dict, extent: QgsRectangle, layers: list, title: str, note: str):
    layout = kit.new_layout(project, f"precheck_{row['XMBH']}")
    y = kit.add_title(layout, f"{title}：{row['XMBH']}", note)
    map_item = kit.add_map(layout, layers, extent, kit.MARGIN, y, 186, 95, crs=layers[0].crs())
    kit.add_legend(layout, map_item, kit.MARGIN + 2, y + 2, title="图例", layers=layers)
    kit.add_scalebar(layout, map_item, kit.MARGIN + 2, y + 86)
    kit.add_north_arrow(layout, 184, y + 2)
    y += 98
    findings = row.get("WTSM") or "未发现问题"
    kit.add_label(layout, f"预审发现：{findings}", kit.MARGIN, y, 186, 8, size=10, bold=True)
    rows = [[label, _text(row.get(field), unit), unit] for label, field, unit in FIGURES]
    kit.add_table(layout, ["项目", "数值", "单位"], rows, kit.MARGIN, y + 10, 186, 160, size=8,
                  column_widths=kit.fit_widths([60, 106, 20], 186), extend_to_new_pages=False)
    kit.add_label(layout, f"生成日期 {datetime.date.today().isoformat()}；面积为 CGCS2000 椭球面积。本表为辅助核查，"
                  "不代替正式审查意见。", kit.MARGIN, 283, 186, 6, size=7)
    return layout


def build_sheets(projects: QgsVectorLayer, pieces: QgsVectorLayer | None, path: str, title: str = "用地预审核查表",
                 note: str = "", feedback=None) -> int:
    """One page per project of a ``projectprecheck`` output (and its pieces); returns the page count. The
    pages are built first (progress to 30%), then printed one by one (to 100%) with the progress on
    ``feedback``, which also stops them when canceled."""
    project = QgsProject()
    layers = _styled(projects, pieces, project)
    layouts = []
    total = max(projects.featureCount(), 1)
    for feature in projects.getFeatures(QgsFeatureRequest()):
        if feedback is not None:
            if feedback.isCanceled():
                return 0
            feedback.setProgress(30 * len(layouts) / total)
        row = {name: feature[name] for name in projects.fields().names()}
        box = QgsRectangle(feature.geometry().boundingBox())
        box.scale(1.4)  # the project with its surroundings (neighbouring projects show too)
        layouts.append(_page(project, row, box, layers, title, note))
    return kit.write_pdf(path, layouts, feedback, span=(30.0, 100.0))
