"""Diagnostics for whoever maintains the plugin: QGIS's message log under the plugin's tag (View > Panels >
Log Messages, tab "Land Supervision"). Never a run's results or a refusal of bad input: those go to the
Processing log (feedback) or the dock. Here go what was swallowed so a run could go on (a table left behind,
an exception the run panel turned into a status line, with its traceback) and the dependency installer's output.
"""

from __future__ import annotations

import traceback

TAG = "Land Supervision"


def log(text: str, level: str = "info") -> None:
    """Write ``text`` to the message log under the plugin's tag; ``level``: info, warning or critical."""
    from qgis.core import Qgis, QgsMessageLog

    levels = {"info": Qgis.MessageLevel.Info, "warning": Qgis.MessageLevel.Warning,
              "critical": Qgis.MessageLevel.Critical}
    QgsMessageLog.logMessage(text, TAG, levels.get(level, Qgis.MessageLevel.Info))


def log_exception(what: str, exc: BaseException, level: str = "warning") -> None:
    """``what`` failed: the exception and its traceback to the message log (the user saw a short message)."""
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log(f"{what}: {exc}\n{trace}", level)
