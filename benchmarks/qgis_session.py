"""A headless QGIS with Processing, QGIS's native algorithms and this plugin's provider, for the benchmarks."""

from __future__ import annotations

import sys


def start():
    """(QgsApplication, the processing module, our provider); keep all three referenced while timing."""
    from qgis.analysis import QgsNativeAlgorithms
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())
    from land_supervision.algorithms.provider import LandSupervisionProvider

    provider = LandSupervisionProvider()  # the registry does not own the Python object
    QgsApplication.processingRegistry().addProvider(provider)
    return app, processing, provider
