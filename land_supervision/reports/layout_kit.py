"""Small building blocks for the plugin's print layouts (A4 pages, CJK text, maps, tables, PDF export).

Every report builds a QgsPrintLayout from these, so fonts, margins and the export error handling are the
same everywhere. Positions and sizes are in millimetres on the page; ``page`` is 0-based.
PDF: ``export_pdf`` writes one layout of any page size (QgsLayoutExporter); ``write_pdf`` renders several
layouts, atlases page by page, into one PDF (the patrol atlas, the pre-check sheets); both page by page with
progress and cancel on the Processing feedback (``write_pages``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from qgis.core import (
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsPrintLayout,
    QgsRectangle,
    QgsTableCell,
    QgsTextFormat,
)
from qgis.PyQt.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from ..qgis_compat import (
    DistanceUnit,
    LayoutLabelMode,
    LayoutResizeMode,
    LegendComponent,
    RenderUnit,
    TextRenderFormat,
)
from .pdf_text import make_text_searchable

CJK_FONT = "Noto Sans CJK SC"
LATIN_FONT = "DejaVu Sans"
A4_PORTRAIT = (210.0, 297.0)
A4_LANDSCAPE = (297.0, 210.0)
MARGIN = 12.0
NORTH_ARROW_SVG = ":/images/north_arrows/layout_default_north_arrow.svg"


def font(size: float = 10.0, bold: bool = False) -> QFont:
    f = QFont(LATIN_FONT)
    f.setFamilies([LATIN_FONT, CJK_FONT])  # Latin and digits from a TrueType face: their text extracts

    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def use_report_fonts(layout) -> None:
    """Give the labels of a layout loaded from a template the report fonts (same size and weight)."""
    for item in layout.items():
        if isinstance(item, QgsLayoutItemLabel) and item.mode() == LayoutLabelMode.Font:
            current = item.font()
            item.setFont(font(current.pointSizeF(), current.bold()))


def text_format(size: float = 9.0, bold: bool = False, color: str = "#000000") -> QgsTextFormat:
    fmt = QgsTextFormat()
    fmt.setFont(font(size, bold))
    fmt.setSize(size)
    fmt.setSizeUnit(RenderUnit.Points)
    fmt.setColor(QColor(color))
    return fmt


def new_layout(project, name: str, landscape: bool = False) -> QgsPrintLayout:
    """An A4 layout with one page (not added to the project's layout manager)."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    width, height = A4_LANDSCAPE if landscape else A4_PORTRAIT
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(width, height))
    text_as_text(layout)
    return layout


def text_as_text(layout) -> None:
    """Text drawn as text, also when pages are rendered one by one (atlases): searchable PDFs (QGIS 3.40
    draws outlines there by default)."""
    layout.renderContext().setTextRenderFormat(TextRenderFormat.AlwaysText)


def page_size(layout, page: int = 0) -> tuple[float, float]:
    size = layout.pageCollection().page(page).pageSize()
    return size.width(), size.height()


def add_page(layout) -> int:
    """Append a page of the first page's size; returns its index."""
    width, height = page_size(layout, 0)
    item = QgsLayoutItemPage(layout)
    item.setPageSize(QgsLayoutSize(width, height))
    layout.pageCollection().addPage(item)
    return layout.pageCollection().pageCount() - 1


def _place(layout, item, page: int, x: float, y: float, w: float, h: float) -> None:
    item.attemptMove(QgsLayoutPoint(x, y), page=page)
    item.attemptResize(QgsLayoutSize(w, h))


def add_label(layout, text: str, x: float, y: float, w: float, h: float, page: int = 0, size: float = 10.0,
              bold: bool = False, align=Qt.AlignmentFlag.AlignLeft, html: bool = False) -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    label.setMode(LayoutLabelMode.Html if html else LayoutLabelMode.Font)
    if not html:
        label.setFont(font(size, bold))
    label.setHAlign(align)
    label.setVAlign(Qt.AlignmentFlag.AlignTop)
    layout.addLayoutItem(label)
    _place(layout, label, page, x, y, w, h)
    return label


def add_title(layout, title: str, subtitle: str = "", page: int = 0) -> float:
    """Title (and subtitle) across the top of ``page``; returns the y below them."""
    width, _ = page_size(layout, page)
    add_label(layout, title, MARGIN, MARGIN, width - 2 * MARGIN, 10, page, size=16, bold=True,
              align=Qt.AlignmentFlag.AlignHCenter)
    y = MARGIN + 11
    if subtitle:
        add_label(layout, subtitle, MARGIN, y, width - 2 * MARGIN, 6, page, size=9, align=Qt.AlignmentFlag.AlignHCenter)
        y += 7
    return y


def add_map(layout, layers: Sequence, extent: QgsRectangle, x: float, y: float, w: float, h: float, page: int = 0,
            crs=None, margin: float = 0.08) -> QgsLayoutItemMap:
    """A framed map of ``layers`` (top layer first) zoomed to ``extent`` grown by ``margin``."""
    item = QgsLayoutItemMap(layout)
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)
    _place(layout, item, page, x, y, w, h)
    if crs is not None:
        item.setCrs(crs)
    item.setLayers(list(layers))
    item.setKeepLayerSet(True)
    grown = QgsRectangle(extent)
    if grown.isNull() or not (math.isfinite(grown.width()) and math.isfinite(grown.height())):
        grown = QgsRectangle(-100.0, -100.0, 100.0, 100.0)  # nothing to show (an empty layer's extent is NaN in 3.40)
    elif grown.width() == 0 and grown.height() == 0:
        grown.grow(100.0)
    else:
        grown.scale(1.0 + 2 * margin)
    item.setExtent(grown)  # a fresh map has no extent for zoomToExtent to keep the aspect of
    item.attemptResize(QgsLayoutSize(w, h))
    item.zoomToExtent(grown)
    return item


def add_legend(layout, map_item, x: float, y: float, page: int = 0, title: str = "", layers: Sequence = (),
               size: float = 8.0) -> QgsLayoutItemLegend:
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(title)
    legend.setLinkedMap(map_item)
    if layers:
        legend.setAutoUpdateModel(False)
        root = legend.model().rootGroup()
        root.removeAllChildren()
        for layer in layers:
            root.addLayer(layer)
    for style in (LegendComponent.Title, LegendComponent.Group, LegendComponent.Subgroup, LegendComponent.SymbolLabel):
        legend.setStyleFont(style, font(size + (1 if style == LegendComponent.Title else 0),
                                        bold=style == LegendComponent.Title))
    legend.setFrameEnabled(True)
    legend.setBackgroundColor(QColor(255, 255, 255, 220))
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(x, y), page=page)
    legend.adjustBoxSize()
    return legend


def add_scalebar(layout, map_item, x: float, y: float, page: int = 0, width_mm: float = 50.0) -> QgsLayoutItemScaleBar:
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(map_item)
    bar.applyDefaultSize()
    bar.setUnits(DistanceUnit.Kilometers)
    bar.setUnitLabel("km")
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(2)
    extent_km = map_item.extent().width() / 1000.0
    map_width_mm = map_item.rect().width() or 1.0
    per_segment = _nice_number(extent_km * (width_mm / map_width_mm) / 2)
    bar.setUnitsPerSegment(per_segment)
    bar.setTextFormat(text_format(8))
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x, y), page=page)
    bar.update()
    return bar


def _nice_number(value: float) -> float:
    if not math.isfinite(value) or value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    base = value / 10**exponent
    nice = 1 if base < 1.5 else 2 if base < 3.5 else 5 if base < 7.5 else 10
    return nice * 10**exponent


def add_north_arrow(layout, x: float, y: float, page: int = 0, size: float = 12.0) -> QgsLayoutItemPicture:
    arrow = QgsLayoutItemPicture(layout)
    arrow.setPicturePath(NORTH_ARROW_SVG)
    layout.addLayoutItem(arrow)
    _place(layout, arrow, page, x, y, size, size)
    return arrow


def fit_widths(widths: Sequence[float], total: float) -> list[float]:
    """Column widths scaled so that with the cell margins (1 mm each side, ``add_table``) the table is ``total``
    mm wide (QGIS adds the margins to the widths it is given)."""
    room = total - 2.0 * len(widths) - 1.0
    scale = room / sum(widths)
    return [w * scale for w in widths]


def add_table(layout, headers: Sequence[str], rows: Sequence[Sequence], x: float, y: float, w: float, h: float,
              page: int = 0, size: float = 7.5, column_widths: Sequence[float] | None = None,
              extend_to_new_pages: bool = True, row_colors: Sequence[str | None] | None = None):
    """A table of text cells; with ``extend_to_new_pages`` the rows that do not fit flow onto added pages."""
    table = QgsLayoutItemManualTable.create(layout)
    columns = []
    for header in headers:
        columns.append(QgsLayoutTableColumn(str(header)))
    table.setHeaders(columns)
    table.setIncludeTableHeader(True)
    contents = []
    for r, row in enumerate(rows):
        cells = []
        for value in row:
            cell = QgsTableCell("" if value is None else str(value))
            if row_colors and row_colors[r]:
                cell.setBackgroundColor(QColor(row_colors[r]))
            cells.append(cell)
        contents.append(cells)
    table.setTableContents(contents)
    if column_widths:
        table.setColumnWidths(list(column_widths))
    table.setHeaderTextFormat(text_format(size, bold=True))
    table.setContentTextFormat(text_format(size))
    table.setCellMargin(1.0)
    mode = LayoutResizeMode.ExtendToNextPage if extend_to_new_pages else LayoutResizeMode.UseExistingFrames
    table.setResizeMode(mode)
    layout.addMultiFrame(table)
    frame = QgsLayoutFrame(layout, table)
    top_left = layout.pageCollection().pagePositionToLayoutPosition(page, QgsLayoutPoint(x, y))
    frame.attemptSetSceneRect(QRectF(QPointF(top_left.x(), top_left.y()), QPointF(top_left.x() + w, top_left.y() + h)))
    table.addFrame(frame)
    table.recalculateFrameSizes()
    _inset_added_frames(layout, table, x, w)
    return table


def _inset_added_frames(layout, table, x: float, w: float) -> None:
    """Frames QGIS adds on new pages fill the whole page: give them the page margins (and reflow)."""
    for _ in range(5):
        moved = False
        for frame in table.frames()[1:]:
            page = layout.pageCollection().pageNumberForPoint(frame.pos())
            _, height = page_size(layout, page)
            top = layout.pageCollection().pagePositionToLayoutPosition(page, QgsLayoutPoint(x, MARGIN))
            target = QRectF(top.x(), top.y(), w, height - 2 * MARGIN)
            if frame.sceneBoundingRect().toRect() != target.toRect():
                frame.attemptSetSceneRect(target)
                moved = True
        if not moved:
            return
        table.recalculateFrameSizes()


class PdfPages:
    """Pages of print layouts rendered one at a time into one PDF, each at its own page size.

    Why not ``QgsLayoutExporter.exportToPdf``: it renders a whole layout in one call, and a report of tens
    of pages then holds the main thread (where layouts must render) for seconds without a chance to show
    progress or to stop. Here the caller gets control back after every page (``write_pages`` reports
    progress to the Processing feedback, whose RunPanel paints the bar and processes events then).
    Text stays text (``text_as_text``); the CJK text map is corrected on ``close`` (``make_text_searchable``).
    """

    def __init__(self, path: str, dpi: int = 150):
        self.path = path
        self.dpi = dpi
        self.writer = QPdfWriter(path)
        self.writer.setResolution(dpi)
        self.writer.setCreator("Land Supervision (QGIS)")
        self.painter = QPainter()
        self.count = 0

    def add(self, layout, page: int) -> None:
        """Render page ``page`` of ``layout`` as the next PDF page."""
        width, height = page_size(layout, page)
        page_layout = QPageLayout(QPageSize(QSizeF(width, height), QPageSize.Unit.Millimeter, "",
                                            QPageSize.SizeMatchPolicy.ExactMatch),
                                  QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        self.writer.setPageLayout(page_layout)  # for the page begun next
        if self.count == 0:
            if not self.painter.begin(self.writer):
                raise RuntimeError(f"PDF export failed for {self.path}: file error (folder missing or not "
                                   "writable) / PDF 导出失败")
        else:
            self.writer.newPage()
        text_as_text(layout)  # a layout from a template has the default (outlines on QGIS 3.40)
        layout.renderContext().setDpi(self.dpi)
        QgsLayoutExporter(layout).renderPage(self.painter, page)
        self.count += 1

    def close(self, between=None) -> int:
        """End the PDF (Qt writes the fonts then) and make its Chinese text extract as printed; ``between()``
        is called between the two. Returns the page count (0: no file)."""
        if self.painter.isActive():
            self.painter.end()
            if between is not None:
                between()
            make_text_searchable(self.path, CJK_FONT)  # Chinese extracts as printed (not as Kangxi radicals)
        return self.count


def write_pages(path: str, pages, total: int, dpi: int = 150, feedback=None,
                span: tuple[float, float] = (0.0, 100.0)) -> int:
    """Render ``pages`` (an iterable of (layout, page number), ``total`` of them) into one PDF; after each page
    the progress goes from ``span[0]`` towards ``span[1]`` percent on ``feedback`` (which also stops the
    printing when canceled: the PDF then holds the pages so far, and the caller's OutputSet drops it).
    Returns the number of pages written."""
    pdf = PdfPages(path, dpi)
    try:
        for layout, page in pages:
            if feedback is not None and feedback.isCanceled():
                break
            pdf.add(layout, page)
            if feedback is not None:
                feedback.setProgress(span[0] + (span[1] - span[0]) * pdf.count / max(total, 1) * 0.99)
    except BaseException:
        if pdf.painter.isActive():
            pdf.painter.end()
        raise
    if feedback is None:
        return pdf.close()
    return pdf.close(lambda: feedback.setProgress(span[1] + (100.0 - span[1]) / 2))


def export_pdf(layout, path: str, dpi: int = 150, feedback=None, span: tuple[float, float] = (0.0, 100.0)) -> str:
    """Export every page of ``layout`` to a PDF, page by page (see :class:`PdfPages`); raises RuntimeError with
    the path and the reason on failure."""
    count = layout.pageCollection().pageCount()
    write_pages(path, ((layout, page) for page in range(count)), count, dpi, feedback, span)
    return path


def _atlas_maps(layout) -> list:
    """The layout's maps that follow the atlas feature."""
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
    progress on ``feedback`` (canceled: stops between pages); returns the page count. One layout:
    ``export_pdf``."""
    total = sum(layout.pageCollection().pageCount() * max(_feature_count(layout), 1) for layout in layouts)
    pages = _atlas_pages(layouts)
    try:
        return write_pages(path, pages, total, dpi, feedback, span)
    finally:
        pages.close()
