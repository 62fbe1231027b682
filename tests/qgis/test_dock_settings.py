"""A dock's project entries: one scope, keys <tool>/<name>, layers by id, 'nothing saved' told from 'saved empty'."""

from __future__ import annotations

from qgis.core import QgsProject, QgsVectorLayer


def test_project_entries_round_trip(qgis_app):
    from land_supervision.ui.settings import SCOPE, ProjectEntries

    project = QgsProject.instance()
    layer = QgsVectorLayer("Point?crs=EPSG:4549", "entries_test", "memory")
    project.addMapLayer(layer)
    try:
        entries = ProjectEntries("test_tool")
        project.removeEntry(SCOPE, "test_tool/")
        assert entries.read("RULES") is None
        assert entries.read_layer("ZONES") == (None, None)

        entries.write("RULES", "/tmp/rules.csv")
        entries.write_layer("ZONES", layer)
        entries.write_layer("EMPTY", None)
        assert project.readEntry("LandSupervision", "test_tool/RULES", "")[0] == "/tmp/rules.csv"
        assert entries.read("RULES") == "/tmp/rules.csv"
        assert entries.read_layer("ZONES") == (layer, layer.id())
        assert entries.read_layer("EMPTY") == (None, "")

        entries.write("GONE", "no_such_layer_id")
        assert entries.read_layer("GONE") == (None, "no_such_layer_id")
    finally:
        project.removeEntry(SCOPE, "test_tool/")
        project.removeMapLayer(layer.id())
