"""The zoning map PDF: park zones in the conventional colours, islands, activities coloured by verdict.

A4 landscape: map with legend, scale bar and north arrow on the left, the activity table on the right
(flowing onto further pages), the illustrative-boundary note for demo data at the foot.
"""

from __future__ import annotations

from datetime import date

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsRectangle,
    QgsRendererCategory,
    QgsTextBufferSettings,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor

from ..algorithms.layer_io import memory_layer
from ..constants import ZONING_VERDICT_COLOURS, ZONING_VERDICT_FIELD, zoning_verdict_light
from ..core.tables import FeatureTable
from ..qgis_compat import LayoutTableWrap
from ..translation import tr
from . import layout_kit as kit

ZONE_STYLE = {  # fill RGBA, outline RGB: strict red, reasonable-use green (as the demo project's style)
    "严格管控区": ("204,0,0,150", "153,0,0"),
    "合理利用区": ("106,168,79,120", "56,118,29"),
}
OTHER_ZONE_STYLE = ("241,194,50,120", "191,144,0")
VERDICT_LABELS = {"禁止": "禁止 prohibited", "限制": "限制 conditional", "允许": "允许 allowed",
                  "不涉及": "不涉及 outside the park", "未知类型": "未知类型 unknown type"}
VERDICT_STYLE = {  # verdict: (fill, outline, legend label), colours from constants.ZONING_VERDICT_COLOURS
    verdict: (colours["fill"], colours["outline"], VERDICT_LABELS[verdict])
    for verdict, colours in ZONING_VERDICT_COLOURS.items()}
ISLAND_STYLE = ("140,110,60,255", "80,60,30")


def _fill(fill: str, outline: str, width: float = 0.4) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple({"color": fill, "outline_color": outline, "outline_width": str(width)})


def _categorized(layer: QgsVectorLayer, field: str, styles: dict, default=None) -> None:
    categories = []
    values = sorted({f[field] for f in layer.getFeatures()}, key=lambda v: list(styles).index(v) if v in styles
                    else len(styles))
    for value in values:
        style = styles.get(value, default)
        if style is None:
            continue
        label = style[2] if len(style) > 2 else str(value)
        categories.append(QgsRendererCategory(value, _fill(style[0], style[1]), label))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))


def _labels(layer: QgsVectorLayer, field: str, size: float = 7.0) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    fmt = kit.text_format(size)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("white"))
    fmt.setBuffer(buffer)
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def build_zoning_map(zones: FeatureTable, activities: FeatureTable | None, islands: FeatureTable | None,
                     path: str, title: str, note: str = "", zone_field: str = "GKFQ",
                     zone_areas_ha: dict | None = None, feedback=None) -> str:
    """Render the map PDF to ``path``; ``activities`` is a conformance table (JL verdicts, HDBH labels).

    ``zone_areas_ha`` (zone type -> ellipsoidal ha) are written under the map. Progress (60 to 99%) goes to
    ``feedback``, page by page.
    """
    project = QgsProject.instance()
    zone_layer = memory_layer(zones, tr("Park zones"))
    zone_styles = {z: (*ZONE_STYLE.get(z, OTHER_ZONE_STYLE), z) for z in dict.fromkeys(zones.columns[zone_field])}
    _categorized(zone_layer, zone_field, zone_styles)
    layers = []
    if activities is not None and len(activities):
        activity_layer = memory_layer(activities, tr("Activities by verdict"))
        _categorized(activity_layer, ZONING_VERDICT_FIELD, VERDICT_STYLE)
        _labels(activity_layer, "HDBH")
        layers.append(activity_layer)
    if islands is not None and len(islands):
        island_layer = memory_layer(islands, tr("Islands"))
        island_layer.setRenderer(island_layer.renderer().clone())
        island_layer.renderer().setSymbol(_fill(*ISLAND_STYLE, width=0.2))
        layers.append(island_layer)
    layers.append(zone_layer)
    extent = QgsRectangle(zone_layer.extent())
    if activities is not None and len(activities):
        extent.combineExtentWith(layers[0].extent())
    if feedback is not None:
        feedback.setProgress(60)
    layout = kit.new_layout(project, title, landscape=True)
    width, height = kit.page_size(layout)
    top = kit.add_title(layout, title, tr("Wangpanshan marine natural park: zones and proposed activities")
                        + f" · {date.today().isoformat()}")
    map_w, map_h = 165.0, height - top - kit.MARGIN - 14
    map_item = kit.add_map(layout, layers, extent, kit.MARGIN, top, map_w, map_h,
                           crs=QgsCoordinateReferenceSystem(zones.crs), margin=0.04)
    kit.add_scalebar(layout, map_item, kit.MARGIN + 3, top + map_h - 12, width_mm=45)
    kit.add_north_arrow(layout, kit.MARGIN + map_w - 15, top + 2, size=12)
    foot = note or ""
    if zone_areas_ha:
        areas = "；".join(f"{zone} {ha:.2f} 公顷" for zone, ha in zone_areas_ha.items())
        foot = (foot + "  " if foot else "") + tr("Zone areas (ellipsoidal): {areas}; total {total:.2f} ha").format(
            areas=areas, total=sum(zone_areas_ha.values()))
    kit.add_label(layout, foot + ("  " if foot else "") + tr("CRS: CGCS2000 / 3-degree Gauss-Kruger CM 120E "
                                                             "(EPSG:4549); areas on the ellipsoid."),
                  kit.MARGIN, top + map_h + 2, map_w, 10, size=7.5)
    x = kit.MARGIN + map_w + 4
    table_top, table_h = top, map_h - 48
    if activities is not None and len(activities):
        headers = [tr("No."), tr("Type"), tr("Verdict"), tr("Zones touched"), tr("To strict zone (m)")]
        cols = activities.columns
        rows = [[cols["HDBH"][i], cols["HDLX"][i], cols[ZONING_VERDICT_FIELD][i], cols["SJFQ"][i] or "-",
                 f"{float(cols['YGJL_M'][i]):.0f}"] for i in range(len(activities))]
        colors = [_row_colour(v) for v in cols[ZONING_VERDICT_FIELD]]
        table = kit.add_table(layout, headers, rows, x, table_top, width - x - kit.MARGIN, table_h, size=6.0,
                              column_widths=[13, 17, 11, 42, 16], row_colors=colors)
        table.setWrapBehavior(LayoutTableWrap.WrapText)
        table.recalculateFrameSizes()
    legend = kit.add_legend(layout, map_item, x, table_top + table_h + 4, title=tr("Legend"), layers=layers,
                            size=7.0)
    legend.setColumnCount(2)
    legend.setSplitLayer(True)
    legend.adjustBoxSize()
    if feedback is not None:
        feedback.setProgress(70)
    return kit.export_pdf(layout, path, feedback=feedback, span=(70.0, 99.0))


def _row_colour(verdict: str) -> str | None:
    return zoning_verdict_light(verdict)

