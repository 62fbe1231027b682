"""The patrol atlas PDF: a cover page (county summary, town table, town map by 耕占比) and one page per patch
from the print-layout atlas of resources/patrol/patrol_atlas.qpt, written into one PDF."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsPrintLayout,
    QgsReadWriteContext,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtXml import QDomDocument

from ..constants import PATROL_OVER_FIELD, PATROL_RATIO_FIELD
from ..qgis_compat import AtlasScalingMode
from . import layout_kit as kit
from .patrol_styles import PATROL

TEMPLATE = PATROL / "patrol_atlas.qpt"
ROW_MM = 4.8  # height of one evidence row
EVIDENCE_ROWS = [  # (label, expression)
    ("监测面积 JCMJ（亩）", "\"JCMJ\""),
    ("核算面积（平方米 / 亩）", "format_number(\"TBMJ\", 2) || ' / ' || format_number(\"TBMJ_MU\", 2)"),
    ("批准覆盖面积 / 覆盖率", "format_number(\"PZFGMJ\", 2) || ' m² / ' || format_number(\"FGBL\", 2) || '%'"),
    ("农转用/征收 · 供地", "format_number(\"NZYMJ\", 2) || ' · ' || format_number(\"GYMJ\", 2)"),
    ("临时 · 设施农用地 · 先行", "format_number(\"LSYDMJ\", 2) || ' · ' || format_number(\"SSNYDMJ\", 2) || ' · ' "
                         "|| format_number(\"XXYDMJ\", 2)"),
    ("耕地（扣田坎）水田/水浇地/旱地", "format_number(\"SDMJ\", 2) || ' / ' || format_number(\"SJDMJ\", 2) || ' / ' "
                           "|| format_number(\"HDMJ\", 2)"),
    ("耕地合计 扣田坎 / 未扣", "format_number(\"GDMJ\", 2) || ' / ' || format_number(\"GDMJ_YS\", 2)"),
    ("未批占用耕地 / 批后才覆盖", "format_number(\"WPGDMJ\", 2) || ' / ' || format_number(\"HPFGMJ\", 2)"),
    ("永久基本农田 未扣 / 扣田坎", "format_number(\"JBNTMJ\", 2) || ' / ' || format_number(\"JBNTJMJ\", 2)"),
    ("新增建设用地", "format_number(\"XZJSMJ\", 2) || CASE WHEN \"BJXZ\" = 1 THEN '（临时/设施农用地，不计新增）' "
                "ELSE '' END"),
    ("填报耕地面积", "coalesce(format_number(\"SBGDMJ\", 2), '-')"),
    ("建议结果", "\"JYJG\" || coalesce('（' || \"JYHFLX\" || '）', '')"),
    ("填报结果", "coalesce(\"SBJG\", '未填报') || coalesce('（' || \"SBHFLX\" || '）', '')"),
    ("是否一致", "CASE WHEN \"SFYZ\" = 1 THEN '一致' WHEN \"SFYZ\" = 0 THEN '不一致' ELSE '-' END"),
    ("整改状态 / 措施", "coalesce(\"ZGZT\", '-') || coalesce(' / ' || \"ZGCS\", '') || CASE WHEN \"ZGZT\" = '已整改' "
                  "AND \"ZGXC\" = 0 THEN '（未消除占用）' ELSE '' END || CASE WHEN \"SFPC\" = 1 THEN ' / 不计入耕占比' "
                  "ELSE '' END"),
    ("部级复核 / 刑事移送", "CASE WHEN \"FHBF\" = 1 THEN '合法举证不予认可' ELSE '-' END || ' / ' || CASE WHEN "
                   "\"XSYS\" = 1 THEN '达到移送面积标准（基本农田 ' || format_number(\"WFJBNT_MU\", 2) "
                   "|| ' 亩，其他耕地 ' || format_number(\"WFQTGD_MU\", 2) || ' 亩）' ELSE '-' END"),
]


def build_template(project) -> QgsPrintLayout:
    """The patch page (A4 portrait) with items found by id: patch_title, patch_map, patch_name_<k> and
    patch_value_<k> per evidence row, patch_issues."""
    layout = kit.new_layout(project, "patrol_atlas")
    title = kit.add_label(layout, "卫片执法图斑核查 [% \"JCBH\" %]", kit.MARGIN, kit.MARGIN, 186, 10, size=15,
                          bold=True, align=Qt.AlignmentFlag.AlignHCenter)
    title.setId("patch_title")
    sub = kit.add_label(layout, "[% coalesce(\"SZXZMC\", '') %]  [% coalesce('批次 ' || \"PC\", '') %]  前时相 "
                        "[% coalesce(\"QSX\", '-') %]  后时相 "
                        "[% coalesce(\"HSX\", '-') %]  （[% @atlas_featurenumber %]/[% @atlas_totalfeatures %]）",
                        kit.MARGIN, kit.MARGIN + 11, 186, 6, size=9, align=Qt.AlignmentFlag.AlignHCenter)
    sub.setId("patch_subtitle")
    map_item = QgsLayoutItemMap(layout)
    map_item.setId("patch_map")
    map_item.setFrameEnabled(True)
    layout.addLayoutItem(map_item)
    kit._place(layout, map_item, 0, kit.MARGIN, 32, 186, 125)
    map_item.setAtlasDriven(True)
    map_item.setAtlasScalingMode(AtlasScalingMode.Auto)
    map_item.setAtlasMargin(0.6)
    y = 162
    kit.add_label(layout, "空间证据与判定 evidence and verdict", kit.MARGIN, y, 186, 6, size=10, bold=True)
    for k, (label, expr) in enumerate(EVIDENCE_ROWS):  # one label per cell: names and values stay on one line
        row_y = y + 7 + k * ROW_MM
        kit.add_label(layout, label, kit.MARGIN, row_y, 70, ROW_MM, size=9).setId(f"patch_name_{k}")
        kit.add_label(layout, f"[% {expr} %]", kit.MARGIN + 72, row_y, 114, ROW_MM, size=9).setId(f"patch_value_{k}")
    verdict = "结论：[% \"ZZJG\" %]    问题：[% CASE WHEN \"WTS\" > 0 THEN \"WTSM\" ELSE '无' END %]"
    issues = kit.add_label(layout, verdict,
                           kit.MARGIN, 262, 186, 22, size=9, bold=True)
    issues.setId("patch_issues")
    return layout


def write_template(path: Path = TEMPLATE) -> None:
    """Save the patch page as the .qpt template (run once; the file is committed)."""
    from qgis.core import QgsProject

    layout = build_template(QgsProject())
    if not layout.saveAsTemplate(str(path), QgsReadWriteContext()):
        raise RuntimeError(f"cannot write {path}")


def load_template(project, path: Path = TEMPLATE) -> QgsPrintLayout:
    document = QDomDocument()
    if not document.setContent(Path(path).read_text(encoding="utf-8")):
        raise RuntimeError(f"{path}: not a layout template / 不是版式模板")
    layout = QgsPrintLayout(project)
    _, ok = layout.loadFromTemplate(document, QgsReadWriteContext())
    if not ok:
        raise RuntimeError(f"{path}: the layout template did not load / 版式模板加载失败")
    kit.use_report_fonts(layout)
    return layout


def patch_layout(project, patches, map_layers) -> QgsPrintLayout:
    """The atlas over ``patches`` (reconciled layer) from the template, its map showing ``map_layers``."""
    layout = load_template(project)
    for item in layout.items():  # fonts as the kit makes them (a font restored from the template loses
        if isinstance(item, QgsLayoutItemLabel):  # the glyph-to-text mapping of some digits in the PDF)
            item.setFont(kit.font(item.font().pointSizeF(), item.font().bold()))
    map_item = layout.itemById("patch_map")
    map_item.setCrs(patches.crs())
    map_item.setLayers(list(map_layers))
    map_item.setKeepLayerSet(True)
    map_item.zoomToExtent(patches.extent())
    atlas = layout.atlas()
    atlas.setCoverageLayer(patches)
    atlas.setEnabled(True)
    atlas.setSortFeatures(True)
    atlas.setSortExpression("CASE WHEN \"WTS\" > 0 THEN 0 ELSE 1 END || \"JCBH\"")
    return layout


def cover_layout(project, towns, town_rows, summary: dict, title: str) -> QgsPrintLayout:
    """County summary, town map coloured by 耕占比 and the town table."""
    layout = kit.new_layout(project, "patrol_cover")
    y = kit.add_title(layout, title, "合成演示数据请勿用于正式上报 / figures from the reconciled layers")
    lines = [
        f"图斑 {summary['n']} 个：合法 {summary['legal']}，违法 {summary['illegal']}，其他 {summary['other']}，"
        f"未填报 {summary['unreported']}；已整改 {summary['rectified']}；问题 {summary['issues']} 条。",
        f"县域耕占比：整改前 {_pct(summary['ratio'])}，整改后 {_pct(summary['ratio_after'])}（问责线 "
        f"{summary['line']:.0f}%）；违法占用耕地 {summary['illegal_mu']:.2f} 亩，新增建设占用耕地 "
        f"{summary['new_mu']:.2f} 亩。",
        f"部级复核口径耕占比 {_pct(summary.get('ratio_second'))}（{summary.get('rejected', 0)} 个合法举证不予认可）；"
        f"达到刑事移送面积标准 {summary.get('referrals', 0)} 个；已整改未消除占用 {summary.get('not_removed', 0)} 个。",
    ]
    batches = summary.get("batches") or []
    if batches:
        lines.append("年度分批次贡献（重复下发部分只计一次）：" + "；".join(batches) + "。")
    height = 22 + 8 * ((len(batches) + 1) // 2) if batches else 22
    kit.add_label(layout, "\n".join(lines), kit.MARGIN, y, 186, height, size=9)
    y += height + 1
    map_item = kit.add_map(layout, [towns], towns.extent(), kit.MARGIN, y, 186, 105, crs=towns.crs())
    kit.add_legend(layout, map_item, kit.MARGIN + 2, y + 2, title="耕占比（整改前）", layers=[towns])
    kit.add_scalebar(layout, map_item, kit.MARGIN + 2, y + 95)
    kit.add_north_arrow(layout, 184, y + 2)
    headers = ["镇街道", "图斑", "合法", "违法", "其他", "未填报", "违法占耕(亩)", "新增占耕(亩)", "耕占比",
               "整改后", "复核口径", "已整改", "移送"]
    rows, colours = [], []
    for f in town_rows:  # every row, the county row 合计 included
        rows.append([f["XZQMC"], f["TBS"], f["HFS"], f["WFS"], f["QTS"], f["WTBS"], f"{f['WFGD_MU']:.2f}",
                     f"{f['XZGD_MU']:.2f}", _pct(f[PATROL_RATIO_FIELD]), _pct(f["GZB_ZGH"]), _pct(_get(f, "GZB_FH")),
                     _removed(f), _get(f, "XSYS", "-")])
        colours.append("#f4cccc" if f[PATROL_OVER_FIELD] == 1 else None)
    kit.add_table(layout, headers, rows, kit.MARGIN, y + 108, 186, 146, size=6.5,  # widths + 2 mm margins: 180
                  column_widths=[18, 9, 9, 9, 9, 10, 15, 15, 13, 13, 13, 12, 9], row_colors=colours)
    return layout


def _get(feature, name: str, default=None):
    """A field of a town row, ``default`` where an older output lacks it."""
    try:
        value = feature[name]
    except KeyError:
        return default
    return default if value is None or str(value) == "NULL" else value


def _removed(feature) -> str:
    """已整改, with those that ended the occupation in brackets."""
    removed = _get(feature, "XCS")
    return f"{feature['ZGS']}" if removed is None else f"{feature['ZGS']}（{removed}）"


def _pct(value) -> str:
    if value is None or value != value or str(value) == "NULL":
        return "-"
    return f"{float(value):.2f}%"


def _atlas_maps(layout) -> list:
    return [item for item in layout.items() if isinstance(item, QgsLayoutItemMap) and item.atlasDriven()]


def _feature_count(layout) -> int:
    """Features of the layout's atlas (0: no atlas, the layout prints once)."""
    atlas = layout.atlas()
    return atlas.count() if atlas.enabled() and atlas.updateFeatures() else 0


def _atlas_pages(layouts):
    """(layout, page number) for every page of each layout, an atlas layout's for every feature in turn."""
    for layout in layouts:
        atlas = layout.atlas()
        count = _feature_count(layout)
        maps = [(m, m.sizeWithUnits()) for m in _atlas_maps(layout)]
        if count:
            atlas.beginRender()
        try:
            for index in range(count) if count else [None]:
                if index is not None:
                    atlas.seekTo(index)
                    layout.refresh()
                    for map_item, size in maps:  # the atlas may resize the map to the feature's shape
                        extent = map_item.extent()
                        map_item.attemptResize(size)
                        map_item.zoomToExtent(extent)
                for page in range(layout.pageCollection().pageCount()):
                    yield layout, page
        finally:
            if count:
                atlas.endRender()


def write_pdf(path: str, layouts, feedback=None, dpi: int = 200, span: tuple[float, float] = (0.0, 100.0)) -> int:
    """Render the pages of each layout (an atlas layout: every feature) into one PDF, page by page with the
    progress on ``feedback`` (canceled: stops between pages); returns the page count."""
    total = sum(layout.pageCollection().pageCount() * max(_feature_count(layout), 1) for layout in layouts)
    pages = _atlas_pages(layouts)
    try:
        return kit.write_pages(path, pages, total, dpi, feedback, span)
    finally:
        pages.close()
