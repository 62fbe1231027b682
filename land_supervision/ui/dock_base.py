"""The base of the four tool dock panels."""

from __future__ import annotations

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget


class ToolDock(QgsDockWidget):
    """A dock with a scrollable body; subclasses fill ``self.body_layout`` in ``build()``.

    Subclasses set OBJECT_NAME (stable, for QGIS's saved window state) and TITLE (English, via tr()).
    """

    OBJECT_NAME = "LandSupervisionDock"
    TITLE = ""
    MIN_WIDTH = 420

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.setObjectName(self.OBJECT_NAME)
        self.setMinimumWidth(self.MIN_WIDTH)  # forms and tables stay readable without a sideways scroll
        self.setWindowTitle(self.title())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        self.body_layout = QVBoxLayout(body)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.build()
        self.body_layout.addStretch(1)

    def title(self) -> str:
        from ..translation import tr

        return tr(self.TITLE)

    def build(self) -> None:
        """Fill the panel; the default says the tool has no panel yet."""
        from ..translation import tr

        label = QLabel(tr("This tool's panel is being built; its algorithms are in the Processing toolbox."))
        label.setWordWrap(True)
        self.body_layout.addWidget(label)

    def unload(self) -> None:
        """Disconnect signals and stop running work (subclasses extend)."""
