"""The footprint map tool: a double click finishes the drawing without leaving a stray vertex behind."""

from __future__ import annotations

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt

from land_supervision.ui.draw_kit import LINE, POLYGON, FootprintMapTool


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


def _send(widget, kind, x, y):
    """One mouse event as Qt delivers it to the canvas (press, release or double click) at pixel (x, y)."""
    from qgis.PyQt.QtCore import QPointF
    from qgis.PyQt.QtGui import QMouseEvent
    from qgis.PyQt.QtWidgets import QApplication

    pos = QPointF(x, y)
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, pos, QPointF(widget.mapToGlobal(pos.toPoint())), Qt.MouseButton.LeftButton, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("mode", [LINE, POLYGON])
def test_draw_kit_through_the_canvas_events(qgis_iface, mode):
    """The dock kit on the real canvas: the button follows the tool; clicks and a double click on the canvas's
    viewport (press, release, double click, release, as Qt sends them) give one line or polygon of the
    clicked vertices, in the canvas CRS, and no stray vertex; picking another map tool unchecks the button."""
    from qgis.gui import QgsMapToolPan
    from qgis.PyQt.QtWidgets import QPushButton

    from land_supervision.ui.draw_kit import DrawKit

    canvas = qgis_iface.mapCanvas()
    canvas.resize(400, 400)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4549"))
    canvas.setExtent(QgsRectangle(0, 0, 1000, 1000))
    button = QPushButton("draw")
    drawn = []
    kit = DrawKit(canvas, lambda geometry, crs: drawn.append((geometry, crs.authid())), {mode: button})
    button.click()  # checks it and starts drawing
    assert button.isChecked() and canvas.mapTool() is kit.tool
    viewport = canvas.viewport()
    press, release = QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease
    for x, y in ((20, 20), (300, 20), (300, 300)):
        _send(viewport, press, x, y)
        _send(viewport, release, x, y)
    for kind in (press, release, QEvent.Type.MouseButtonDblClick, release):  # a double click on the 4th vertex
        _send(viewport, kind, 20, 300)
    assert len(drawn) == 1
    geometry, crs = drawn[0]
    ring = geometry.asPolygon()[0] if mode == POLYGON else geometry.asPolyline()
    assert crs == "EPSG:4549"
    assert len(ring) == (5 if mode == POLYGON else 4)  # the four clicked vertices (and the closing one)
    expected = [canvas.getCoordinateTransform().toMapCoordinates(x, y)
                for x, y in ((20, 20), (300, 20), (300, 300), (20, 300))]
    assert all(ring[i].distance(expected[i]) < 1e-6 for i in range(4))
    assert kit.tool.points == []
    pan = QgsMapToolPan(canvas)
    canvas.setMapTool(pan)  # the user picks another tool: the draw button is no longer checked
    assert not button.isChecked()
    kit.unload()
    assert kit.tool is None
    canvas.unsetMapTool(pan)
