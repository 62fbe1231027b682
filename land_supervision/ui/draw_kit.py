"""Drawing a shape on the map from a dock (the zoning and pre-check docks): the map tool, its rubber band,
the dock's draw buttons kept in step with the canvas, the drawn shape handed over with its CRS, and
everything removed on unload.

``FootprintMapTool`` draws a point, line or polygon and emits the geometry (canvas CRS) when finished;
``DrawKit`` is what a dock holds: ``DrawKit(canvas, on_drawn, {mode: button})``, then ``start(mode)``,
``stop()``, ``show(geometry, crs)`` and ``unload()``.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
)
from qgis.gui import QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

from ..qgis_compat import GeometryType

POINT, LINE, POLYGON = "point", "line", "polygon"
_RUBBER = {POINT: GeometryType.Point, LINE: GeometryType.Line, POLYGON: GeometryType.Polygon}


class FootprintMapTool(QgsMapTool):
    """Left click adds a vertex (a point finishes at once); right click or double click finishes; Esc clears."""

    drawn = pyqtSignal(QgsGeometry)

    def __init__(self, canvas, mode: str = POINT):
        super().__init__(canvas)
        self.mode = mode
        self.points: list[QgsPointXY] = []
        self._after_double_click = False
        self.band = QgsRubberBand(canvas, _RUBBER[mode])
        self._style()

    def _style(self) -> None:
        self.band.setColor(QColor(255, 0, 255, 160))
        self.band.setFillColor(QColor(255, 0, 255, 50))
        self.band.setWidth(2)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.clear()
        self.band.reset(_RUBBER[mode])
        self._style()

    def clear(self) -> None:
        self.points = []
        self.band.reset(_RUBBER[self.mode])

    def add_point(self, point: QgsPointXY) -> None:
        self.points.append(QgsPointXY(point))
        self.band.addPoint(QgsPointXY(point))
        if self.mode == POINT:
            self.finish()

    def finish(self) -> QgsGeometry | None:
        """Emit the drawn geometry if it has enough vertices; keep it shown until the next drawing."""
        needed = {POINT: 1, LINE: 2, POLYGON: 3}[self.mode]
        if len(self.points) < needed:
            return None
        if self.mode == POINT:
            geometry = QgsGeometry.fromPointXY(self.points[0])
        elif self.mode == LINE:
            geometry = QgsGeometry.fromPolylineXY(self.points)
        else:
            geometry = QgsGeometry.fromPolygonXY([self.points + [self.points[0]]])
        self.points = []
        self.drawn.emit(geometry)
        return geometry

    def show_footprint(self, geometry: QgsGeometry) -> None:
        """Show the checked footprint (e.g. the buffered point) instead of the sketch."""
        self.band.reset(GeometryType.Polygon)
        self._style()
        self.band.setToGeometry(geometry, None)

    # QgsMapTool events -------------------------------------------------------------------------
    def canvasReleaseEvent(self, event):
        if self._after_double_click:  # the release that ends a double click: not a new first vertex
            self._after_double_click = False
            return
        if event.button() == Qt.MouseButton.RightButton:
            self.finish()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            if not self.points:  # a new drawing replaces the last one
                self.band.reset(_RUBBER[self.mode])
                self._style()
            self.add_point(event.mapPoint())

    def canvasDoubleClickEvent(self, event):
        # Qt sends press, release, double click, release: the first release added the last vertex already
        self._after_double_click = True
        self.finish()

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Escape:
            self.clear()

    def remove(self) -> None:
        """Remove the rubber band from the canvas (on unload)."""
        self.band.reset()
        scene = self.canvas().scene()
        if scene is not None:
            scene.removeItem(self.band)


class DrawKit:
    """One dock's drawing: the map tool (made on first use), the dock's draw buttons (``{mode: button}``,
    checkable) checked while the tool is the canvas's, and ``on_drawn(geometry, crs)`` called with each
    finished shape in the canvas CRS. Picking another map tool unchecks the buttons."""

    def __init__(self, canvas, on_drawn, buttons: dict):
        self.canvas = canvas
        self.on_drawn = on_drawn
        self.buttons = dict(buttons)
        self.tool: FootprintMapTool | None = None
        for mode, button in self.buttons.items():
            button.setCheckable(True)
            button.clicked.connect(lambda checked, m=mode: self.start(m) if checked else self.stop())

    def start(self, mode: str) -> FootprintMapTool:
        """Make the drawing tool (in ``mode``) the canvas's and ``mode``'s button the checked one."""
        if self.tool is None:
            self.tool = FootprintMapTool(self.canvas, mode)
            self.tool.drawn.connect(self._drawn)
            self.tool.deactivated.connect(self._deactivated)
        self.tool.set_mode(mode)
        self.canvas.setMapTool(self.tool)  # (deactivates the current tool first, ours too: buttons after)
        for other, button in self.buttons.items():
            button.setChecked(other == mode)
        return self.tool

    def stop(self) -> None:
        """Uncheck the buttons and give the canvas back its previous tool (when ours is the current one)."""
        self._deactivated()
        if self.tool is not None and self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)

    def _deactivated(self) -> None:
        for button in self.buttons.values():
            button.setChecked(False)

    def _drawn(self, geometry: QgsGeometry) -> None:
        self.on_drawn(geometry, self.canvas.mapSettings().destinationCrs())

    def show(self, geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> None:
        """Show ``geometry`` (in ``crs``) instead of the sketch, e.g. the buffered footprint that was checked."""
        if self.tool is None:
            return
        shown = QgsGeometry(geometry)
        canvas_crs = self.canvas.mapSettings().destinationCrs()
        if crs.isValid() and canvas_crs.isValid() and crs != canvas_crs:
            shown.transform(QgsCoordinateTransform(crs, canvas_crs, QgsProject.instance().transformContext()))
        self.tool.show_footprint(shown)

    def unload(self) -> None:
        """Stop drawing and remove the rubber band (dock unload)."""
        self.stop()
        if self.tool is not None:
            self.tool.remove()
            self.tool = None
