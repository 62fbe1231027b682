"""A dock's entries in the QGIS project: one scope for the plugin, keys ``<tool>/<name>``.

The docks keep their own restore policies (which layer to fall back to); this only reads and writes.
"""

from __future__ import annotations

from qgis.core import QgsProject

SCOPE = "LandSupervision"


class ProjectEntries:
    """The project entries of one tool (``prefix``: "zoning", "patrol", "reclamation", "ledger")."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def key(self, name: str) -> str:
        return f"{self.prefix}/{name}"

    def read(self, name: str) -> str | None:
        """The saved text, or None if the project has no such entry."""
        value, ok = QgsProject.instance().readEntry(SCOPE, self.key(name), "")
        return value if ok else None

    def write(self, name: str, value: str) -> None:
        QgsProject.instance().writeEntry(SCOPE, self.key(name), value)

    def read_layer(self, name: str):
        """(the saved layer if it is still in the project else None, the saved id or None if none saved)."""
        saved = self.read(name)
        layer = QgsProject.instance().mapLayer(saved) if saved else None
        return layer, saved

    def write_layer(self, name: str, layer) -> None:
        self.write(name, layer.id() if layer is not None else "")
