"""Save dialogs that remember their folder (per kind of file, in QGIS's settings)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtWidgets import QFileDialog

SETTINGS_KEY = "LandSupervision/lastFolder/{kind}"


def last_folder(kind: str) -> str:
    folder = QgsSettings().value(SETTINGS_KEY.format(kind=kind), "", type=str)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_folder(kind: str, path: str) -> None:
    if path:
        QgsSettings().setValue(SETTINGS_KEY.format(kind=kind), str(Path(path).parent))


def save_path(parent, title: str, file_filter: str, kind: str, name: str = "", options=None) -> str:
    """Ask where to save (starting in the folder last used for ``kind``, suggesting ``name``); '' if cancelled."""
    start = str(Path(last_folder(kind)) / name) if name else last_folder(kind)
    if options is None:
        path, _ = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    else:
        path, _ = QFileDialog.getSaveFileName(parent, title, start, file_filter, options=options)
    remember_folder(kind, path)
    return path
