"""The footprint map tool: a double click finishes the drawing without leaving a stray vertex behind."""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt

from land_supervision.ui.draw_kit import POLYGON, FootprintMapTool


def _event(canvas, kind, x, y):
    return QgsMapMouseEvent(canvas, kind, QPoint(x, y), Qt.MouseButton.LeftButton)


def test_double_click_finishes_without_a_stray_vertex(qgis_iface):
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4549"))
    canvas.setExtent(QgsRectangle(0, 0, 1000, 1000))
    tool = FootprintMapTool(canvas, POLYGON)
    drawn = []
    tool.drawn.connect(drawn.append)
    release, double = QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick
    for x, y in ((10, 10), (200, 10), (200, 200)):
        tool.canvasReleaseEvent(_event(canvas, release, x, y))
    # the double click on the fourth vertex, as Qt delivers it: release, double click, release
    tool.canvasReleaseEvent(_event(canvas, release, 10, 200))
    tool.canvasDoubleClickEvent(_event(canvas, double, 10, 200))
    tool.canvasReleaseEvent(_event(canvas, release, 10, 200))
    assert len(drawn) == 1
    assert len(drawn[0].asPolygon()[0]) == 5  # four vertices and the closing one
    assert tool.points == []  # nothing left to start the next drawing with
    tool.canvasReleaseEvent(_event(canvas, release, 50, 50))  # the next click starts a new drawing
    assert len(tool.points) == 1
    tool.remove()
