"""The Processing provider: id 'landsupervision', one group per tool."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..translation import tr
from . import ledger, patrol, precheck, reclamation, zoning
from .base import ICONS
from .create_demo_data import CreateDemoData


def all_algorithms() -> list:
    """Fresh instances of every algorithm of the plugin."""
    algorithms = [CreateDemoData()]
    for module in (reclamation, ledger, zoning, patrol, precheck):
        algorithms.extend(module.algorithms())
    return algorithms


class LandSupervisionProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "landsupervision"

    def name(self) -> str:
        return tr("国土空间监管 Land Supervision")

    def longName(self) -> str:
        return self.name()

    def icon(self) -> QIcon:
        return QIcon(str(ICONS / "icon.svg"))

    def loadAlgorithms(self):
        for algorithm in all_algorithms():
            self.addAlgorithm(algorithm)
