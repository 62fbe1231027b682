"""The reclamation acceptance report (PDF): totals, per project a map and its plot table, the field sheet.

Reads the outputs of reclamationacceptance (plots, projects) and optionally of reclamationsample. Text is
Chinese (the bureau's working language); pages are A4 landscape; tables are paginated here so each
project's pages stay together.
"""

from __future__ import annotations

import datetime
from collections import Counter

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsRectangle,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from ..constants import RECLAMATION_BELOW90_FIELD, RECLAMATION_PROJECT_VERDICT_FIELD, RECLAMATION_VERDICT_FIELD
from ..core.landclass import default_table
from ..core.reclamation.codes import ACCEPTED, PENDING, REASONS, REJECTED
from . import layout_kit as kit

VERDICT_COLORS = {ACCEPTED: ("#2e9e44", "#d9f2dd"), REJECTED: ("#d7301f", "#fbdad5"), PENDING: ("#f0a000", "#fdeccc")}
ROWS_PER_PAGE = 16
PAGE_HEIGHT = 210.0
PLOT_ROW_MM = 5.2
WIDTH = 297.0 - 2 * kit.MARGIN


def _rows(layer) -> list[dict]:
    names = layer.fields().names()
    return [dict(zip(names, [None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
                             for v in f.attributes()])) | {"_geom": f.geometry()} for f in layer.getFeatures()]


def _num(value, digits: int = 2) -> str:
    if value is None or value != value:
        return ""
    return f"{float(value):.{digits}f}"


def _fit(widths: list[float], total: float = WIDTH) -> list[float]:
    return kit.fit_widths(widths, total)


def _rgba(hex_color: str, alpha: int) -> str:
    h = hex_color.lstrip("#")
    return f"{int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha}"


def _chunks(rows: list, size: int) -> list[list]:
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]


def _styled_copies(plots_layer, projects_layer, project: QgsProject):
    plots = plots_layer.clone()
    plots.setName("复垦地块 plots")
    categories = []
    for verdict, (edge, _) in VERDICT_COLORS.items():
        symbol = QgsFillSymbol.createSimple({"color": _rgba(edge, 150), "outline_color": edge, "outline_width": "0.3"})
        categories.append(QgsRendererCategory(verdict, symbol, verdict))
    plots.setRenderer(QgsCategorizedSymbolRenderer(RECLAMATION_VERDICT_FIELD, categories))
    settings = QgsPalLayerSettings()
    settings.fieldName = "DKBH"
    settings.setFormat(kit.text_format(5.5))
    plots.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    plots.setLabelsEnabled(True)
    projects = projects_layer.clone()
    projects.setName("项目区 project")
    outline = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "#3050a0", "outline_width": "0.5",
                                          "outline_style": "dash"})
    projects.setRenderer(QgsSingleSymbolRenderer(outline))
    project.addMapLayers([plots, projects], False)
    return plots, projects


def build_report(plots_layer: QgsVectorLayer, projects_layer: QgsVectorLayer, path: str,
                 sample_layer: QgsVectorLayer | None = None, title: str = "建设用地复垦验收核查报告",
                 note: str = "", feedback=None, chain_layer: QgsVectorLayer | None = None) -> dict:
    """Write the PDF; returns {'pages': n, 'projects': n, 'sample': n}.

    ``chain_layer`` (the acceptance's OUTPUT_CHAIN) adds each project's area chain by step, split into
    农用地 and 耕地 by kind, under its map.
    """
    project = QgsProject()
    layout = kit.new_layout(project, "reclamation", landscape=True)
    plots = _rows(plots_layer)
    projects = _rows(projects_layer)
    chains: dict[str, list[dict]] = {}
    for row in (_rows(chain_layer) if chain_layer is not None else []):
        chains.setdefault(str(row.get("XMBH")), []).append(row)
    plot_style, project_style = _styled_copies(plots_layer, projects_layer, project)
    today = datetime.date.today().isoformat()
    _summary_pages(layout, title, f"{today}  {note}".strip(), plots, projects)
    for k, prj in enumerate(projects):
        def step(done: float, k=k) -> None:  # progress within the project's pages: events are processed then
            if feedback is not None:
                feedback.setProgress(10 + 65 * (k + done) / max(len(projects), 1))

        if feedback is not None and feedback.isCanceled():
            break
        step(0.0)
        _project_pages(layout, prj, [p for p in plots if p.get("XMBH") == prj.get("XMBH")], plot_style,
                       project_style, sorted(chains.get(str(prj.get("XMBH")), []), key=lambda r: r.get("HJXH") or 0),
                       step)
    if feedback is not None:
        feedback.setProgress(76)
    orphans = [p for p in plots if p.get("XMBH") not in {q.get("XMBH") for q in projects}]
    if orphans:
        _plot_table_pages(layout, "不属于任何项目的地块（待核实或不合格）", orphans)
    sample_rows = _rows(sample_layer) if sample_layer is not None else []
    if sample_layer is not None:
        if feedback is not None:
            feedback.setProgress(78)
        _sample_pages(layout, sample_rows)
    if feedback is not None:
        feedback.setProgress(80)
    kit.export_pdf(layout, path, feedback=feedback, span=(80.0, 99.0))
    return {"pages": layout.pageCollection().pageCount(), "projects": len(projects), "sample": len(sample_rows)}


def _page(layout, first: list[bool]) -> int:
    if first[0]:
        first[0] = False
        return 0
    return kit.add_page(layout)


def _summary_pages(layout, title: str, subtitle: str, plots: list[dict], projects: list[dict]) -> None:
    first = [True]
    page = _page(layout, first)
    y = kit.add_title(layout, title, subtitle, page=page)
    counts = Counter(p.get(RECLAMATION_VERDICT_FIELD) for p in plots)
    area = {v: sum(float(p.get("CLMJ_MU") or 0) for p in plots if p.get(RECLAMATION_VERDICT_FIELD) == v)
            for v in VERDICT_COLORS}
    total = [
        ["项目数", str(len(projects)), "地块数", str(len(plots))],
        ["合格地块", f"{counts[ACCEPTED]}（{area[ACCEPTED]:.2f} 亩）", "不合格地块",
         f"{counts[REJECTED]}（{area[REJECTED]:.2f} 亩）"],
        ["待核实地块", f"{counts[PENDING]}（{area[PENDING]:.2f} 亩）", "新增耕地（合格）",
         _num(sum(float(p.get("XZGDMJ") or 0) for p in projects)) + " 亩"],
        ["其中水田", _num(sum(float(p.get("SDMJ") or 0) for p in projects)) + " 亩", "水浇地 / 旱地",
         _num(sum(float(p.get("SJDMJ") or 0) for p in projects)) + " / "
         + _num(sum(float(p.get("HDMJ") or 0) for p in projects)) + " 亩"],
        ["节余指标（增减挂钩）", _num(sum(float(p.get("JYZBMJ") or 0) for p in projects
                                     if float(p.get("JYZBMJ") or 0) > 0)) + " 亩",
         "粮食产能", _num(sum(float(p.get("LSCN_KG") or 0) for p in projects), 0) + " 公斤"],
    ]
    kit.add_table(layout, ["汇总", "", "", ""], total, kit.MARGIN, y, WIDTH, 38, page=page, size=8.5,
                  column_widths=_fit([45, 85, 45, 85]), extend_to_new_pages=False)
    y += 42
    headers = ["项目编号", "项目名称", "镇街道", "结论", "地块", "合格", "不合格", "待核实", "合格面积(亩)", "水田",
               "水浇地", "旱地", "计划保留率", "低于90%", "确认面积", "节余指标"]
    widths = [20, 52, 18, 13, 9, 9, 11, 11, 18, 13, 13, 13, 17, 13, 15, 15]
    rows, colors = [], []
    for p in projects:
        rows.append([p.get("XMBH"), p.get("XMMC"), p.get("XZQMC"), p.get(RECLAMATION_PROJECT_VERDICT_FIELD),
                     p.get("DKS"), p.get("HGS"),
                     p.get("BHGS"), p.get("DHSS"), _num(p.get("HGMJ")), _num(p.get("SDMJ")), _num(p.get("SJDMJ")),
                     _num(p.get("HDMJ")), _pct(p.get("JH_BL")), p.get(RECLAMATION_BELOW90_FIELD), _num(p.get("QRMJ")),
                     _num(p.get("JYZBMJ"))])
        colors.append("#fde2c8" if p.get(RECLAMATION_BELOW90_FIELD) == "是" else None)
    for n, chunk in enumerate(_chunks(list(zip(rows, colors)), 12)):
        if n:
            page = _page(layout, first)
            y = kit.add_title(layout, "项目汇总（续）", page=page)
        height = 6 + 6 * len(chunk)
        kit.add_table(layout, headers, [r for r, _ in chunk], kit.MARGIN, y, WIDTH, height + 4, page=page, size=7,
                      column_widths=_fit(widths), extend_to_new_pages=False, row_colors=[c for _, c in chunk])
        y += height + 8
    kit.add_label(layout, "计划保留率 = (规划新增 - 县级自验扣减) / 规划新增；低于 90% 的项目以橙色标出。"
                  "面积为 CGCS2000 椭球面积。未核查项不计为通过，相关地块结论为“待核实”。", kit.MARGIN, y, WIDTH, 10,
                  page=page, size=7.5)
    page = _page(layout, first)
    y = kit.add_title(layout, "核查规则与原因代码", page=page)
    codes = Counter(code for p in plots for code in (p.get("YYDM") or "").split(";") if code)
    pending = Counter(code for p in plots for code in (p.get("WHCX") or "").split(";") if code)
    rows = [[code, r.message.zh, r.message.en, str(codes.get(code, 0)), str(pending.get(code, 0))]
            for code, r in REASONS.items()]
    kit.add_table(layout, ["原因代码", "含义", "meaning", "不通过地块", "未核查地块"], rows, kit.MARGIN, y, WIDTH,
                  6 + 6 * len(rows) + 4, page=page, size=7.5, column_widths=_fit([40, 80, 100, 25, 25]),
                  extend_to_new_pages=False)


def _pct(value) -> str:
    return "" if value is None or value != value else f"{float(value) * 100:.1f}%"


def _class_name(code: str | None) -> str:
    if not code:
        return ""
    found = default_table().find(code)
    return f"{code} {found.name_zh}" if found else code


def _project_pages(layout, prj: dict, plots: list[dict], plot_style, project_style,
                   chain: list[dict] | None = None, step=None) -> None:
    """The project's map, facts, area chain and plot table (``step(fraction)`` reports progress between them)."""
    page = kit.add_page(layout) if layout.pageCollection().pageCount() else 0
    y = kit.add_title(layout, f"{prj.get('XMMC') or ''}（{prj.get('XMBH')}）",
                      f"{prj.get('XZQMC') or ''}  结论：{prj.get('XMJL')}", page=page)
    extent = QgsRectangle(prj["_geom"].boundingBox()) if prj.get("_geom") and not prj["_geom"].isNull() \
        else QgsRectangle()
    for p in plots:
        if p.get("_geom") is not None and not p["_geom"].isNull():
            if extent.isEmpty():
                extent = QgsRectangle(p["_geom"].boundingBox())
            else:
                extent.combineExtentWith(p["_geom"].boundingBox())
    map_h = 88.0
    map_item = kit.add_map(layout, [plot_style, project_style], extent, kit.MARGIN, y, 150, map_h, page=page,
                           crs=plot_style.crs())
    kit.add_legend(layout, map_item, kit.MARGIN + 1.5, y + 1.5, page=page, layers=[plot_style, project_style],
                   size=6.5)
    kit.add_scalebar(layout, map_item, kit.MARGIN + 2, y + map_h - 10, page=page, width_mm=35)
    kit.add_north_arrow(layout, kit.MARGIN + 150 - 12, y + 2, page=page, size=9)
    if step is not None:
        step(0.4)
    facts = [
        ["地块数 / 合格 / 不合格 / 待核实",
         f"{prj.get('DKS')} / {prj.get('HGS')} / {prj.get('BHGS')} / {prj.get('DHSS')}"],
        ["申报新增耕地", _num(prj.get("SBGDMJ")) + " 亩"],
        ["合格面积", _num(prj.get("HGMJ")) + " 亩"],
        ["新增耕地 水田/水浇地/旱地",
         f"{_num(prj.get('SDMJ'))} / {_num(prj.get('SJDMJ'))} / {_num(prj.get('HDMJ'))} 亩"],
    ]
    if not chain:  # without the chain table: the headline figures of the chain here
        facts += [
            ["规划新增（" + ("台账记录" if prj.get("JH_LY") == "recorded" else "本次计算") + "）",
             _num(prj.get("JH_GHXZ")) + " 亩"],
            ["县级自验扣减", _num(prj.get("JH_XJKJ")) + " 亩"],
            ["上报验收 / 市级扣减 / 省厅核减", f"{_num(prj.get('JL_SBYSMJ'))} / {_num(prj.get('JL_SJKJMJ'))} / "
                                       f"{_num(prj.get('JL_STHJMJ'))}"],
        ]
    facts += [
        ["确认新增", _num(prj.get("QRMJ")) + " 亩"],
        ["计划保留率（低于90%标记）", f"{_pct(prj.get('JH_BL'))}（{prj.get('BZ90')}）"],
        ["建新/安置使用", _num(prj.get("JXAZMJ")) + " 亩"],
        ["节余指标", _num(prj.get("JYZBMJ")) + " 亩"],
        ["入账耕地 水田/水浇地/旱地",
         f"{_num(prj.get('RZSDMJ'))} / {_num(prj.get('RZSJDMJ'))} / {_num(prj.get('RZHDMJ'))} 亩"],
        ["粮食产能", _num(prj.get("LSCN_KG"), 0) + " 公斤"],
    ]
    kit.add_table(layout, ["项目", "数值"], facts, kit.MARGIN + 155, y, WIDTH - 155, map_h, page=page, size=7.5,
                  column_widths=_fit([62, 50], WIDTH - 155), extend_to_new_pages=False)
    y += map_h + 3
    if step is not None:
        step(0.6)
    if chain:
        y = _chain_table(layout, chain, page, y)
        if step is not None:
            step(0.8)
    first = max(int((PAGE_HEIGHT - kit.MARGIN - y - 12) / PLOT_ROW_MM), 0)
    if first:
        _plot_table(layout, plots[:first], page, y)
    rest = plots[first:]
    for chunk in _chunks(rest, ROWS_PER_PAGE + 8) if rest else []:
        page = kit.add_page(layout)
        y2 = kit.add_title(layout, f"{prj.get('XMBH')} 地块核查表（续）", page=page)
        _plot_table(layout, chunk, page, y2)


SOURCE_NOTES = {"录入": "面积链台账", "项目图层": "项目图层", "核算": "本次核算", "": "未记录"}


def _chain_table(layout, chain: list[dict], page: int, y: float) -> float:
    """The area chain by step (亩): 农用地, 耕地 and its kinds, quality grade, where each row came from."""
    headers = ["面积链环节", "农用地", "耕地", "水田", "水浇地", "旱地", "平均质量等别", "来源"]
    rows = [[r.get("HJ"), _num(r.get("NYDMJ")), _num(r.get("GDMJ")), _num(r.get("STMJ")), _num(r.get("SJDMJ")),
             _num(r.get("HDMJ")), _num(r.get("ZLDB"), 1), SOURCE_NOTES.get(r.get("LY") or "", r.get("LY"))]
            for r in chain]
    height = 6 + 4.6 * len(rows) + 2
    kit.add_table(layout, headers, rows, kit.MARGIN, y, WIDTH, height, page=page, size=6.5,
                  column_widths=_fit([30, 22, 22, 22, 22, 22, 24, 30]), extend_to_new_pages=False)
    return y + height + 3


def _plot_table_pages(layout, title: str, plots: list[dict]) -> None:
    for chunk in _chunks(plots, ROWS_PER_PAGE + 8):
        page = kit.add_page(layout)
        y = kit.add_title(layout, title, page=page)
        _plot_table(layout, chunk, page, y)


def _plot_table(layout, plots: list[dict], page: int, y: float) -> None:
    headers = ["地块编号", "目标地类", "申报(亩)", "实测(亩)", "建设用地占比", "结论", "不通过原因", "未核查项"]
    widths = [24, 22, 15, 15, 18, 13, 136, 30]
    rows = [[p.get("DKBH"), _class_name(p.get("MBDL")), _num(p.get("SBMJ")), _num(p.get("CLMJ_MU")),
             _pct(p.get("JSYDBL")), p.get(RECLAMATION_VERDICT_FIELD), _short(p.get("YYSM"), 70),
             " ".join(c[:3] for c in (p.get("WHCX") or "").split(";") if c)]
            for p in plots]
    colors = [VERDICT_COLORS.get(p.get(RECLAMATION_VERDICT_FIELD), (None, None))[1] for p in plots]
    kit.add_table(layout, headers, rows, kit.MARGIN, y, WIDTH, 6 + PLOT_ROW_MM * len(rows) + 6, page=page, size=6.5,
                  column_widths=_fit(widths), extend_to_new_pages=False, row_colors=colors)


def _short(text, length: int) -> str:
    text = str(text or "")
    return text if len(text) <= length else text[:length - 1] + "…"


def _sample_pages(layout, rows: list[dict]) -> None:
    seed = rows[0].get("CYZZ") if rows else ""
    method = {"count": "按地块数", "area": "按面积"}.get(rows[0].get("CYFS") if rows else "", "")
    headers = ["序号", "项目编号", "地块编号", "目标地类", "实测(亩)", "核查结论", "项目地块/抽取", "实地核查情况",
               "核查人", "日期"]
    widths = [10, 22, 26, 22, 16, 16, 22, 83, 28, 28]
    table = [[r.get("CYXH"), r.get("XMBH"), r.get("DKBH"), _class_name(r.get("MBDL")), _num(r.get("CLMJ_MU")),
              r.get(RECLAMATION_VERDICT_FIELD) or "", f"{r.get('CYZS')}/{r.get('CYS')}", "", "", ""] for r in rows]
    for n, chunk in enumerate(_chunks(table, ROWS_PER_PAGE + 6)):
        page = kit.add_page(layout)
        y = kit.add_title(layout, "随机抽查实地核查表" + ("（续）" if n else ""),
                          f"按项目分层随机抽取（{method}），随机种子：{seed}，共 {len(rows)} 块；"
                          "同一种子与同一批地块得到同一样本", page=page)
        kit.add_table(layout, headers, chunk, kit.MARGIN, y, WIDTH, 6 + 6.5 * len(chunk) + 6, page=page, size=7,
                      column_widths=_fit(widths), extend_to_new_pages=False)
