"""A map tool to draw a point, line or polygon footprint; emits the geometry (canvas CRS) when finished."""

from __future__ import annotations

from qgis.core import QgsGeometry, QgsPointXY
from qgis.gui import QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

from ...qgis_compat import GeometryType

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
