"""Stand-in plugin shown when QGIS's Python lacks a required package: says what to install, loads nothing."""

from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication


class DependencyNotice:
    def __init__(self, iface, missing: str):
        self.iface = iface
        self.missing = missing

    def message(self) -> str:
        return QCoreApplication.translate(
            "LandSupervision",
            "Land Supervision needs the Python package {package} in QGIS's Python. Install it with: "
            "python3 -m pip install --user --no-binary shapely \"shapely>=2\" (built against QGIS's own GEOS; in the "
            "OSGeo4W Shell on Windows), then restart QGIS.",
        ).format(package=self.missing)

    def initProcessing(self):
        QgsMessageLog.logMessage(self.message(), "Land Supervision", Qgis.MessageLevel.Critical)

    def initGui(self):
        self.initProcessing()
        if self.iface is not None:
            self.iface.messageBar().pushMessage("Land Supervision", self.message(), Qgis.MessageLevel.Critical, 0)

    def unload(self):
        pass
