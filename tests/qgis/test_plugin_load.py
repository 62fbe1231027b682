"""The plugin loads as QGIS loads it (classFactory), opens and closes each dock, unloads cleanly twice."""

import pytest
from qgis.core import QgsApplication

import land_supervision
from land_supervision.qgis_compat import ProcessingAlgorithmFlag

TOOLS = ["reclamation", "ledger", "zoning", "patrol", "precheck"]


@pytest.fixture(autouse=True)
def without_session_provider(session_plugin):
    """Each test here loads its own plugin: take the session's provider out meanwhile."""
    session_plugin.unload()
    yield
    session_plugin.initProcessing()


@pytest.fixture
def plugin(qgis_iface):
    instance = land_supervision.classFactory(qgis_iface)
    instance.initGui()
    yield instance
    if instance.docks or instance.provider is not None:
        instance.unload()


def _menus(qgis_iface):
    return [a.text() for a in qgis_iface.mainWindow().menuBar().actions()]


def test_load_open_close_unload_twice(qgis_iface):
    registry = QgsApplication.processingRegistry()
    assert registry.providerById("landsupervision") is None
    for _ in range(2):
        plugin = land_supervision.classFactory(qgis_iface)
        plugin.initGui()
        assert registry.providerById("landsupervision") is not None
        assert "国土空间监管" in _menus(qgis_iface)
        assert set(plugin.actions) == set(TOOLS)
        for key in TOOLS:
            dock = plugin.open_dock(key)
            assert dock.isVisible() or dock.isVisibleTo(dock.parentWidget()) or plugin.actions[key].isChecked()
            assert dock.objectName().startswith("LandSupervision")
            dock.close()
            assert not plugin.actions[key].isChecked()
        plugin.unload()
        assert plugin.docks == {} and plugin.actions == {}
        assert "国土空间监管" not in _menus(qgis_iface)
        assert registry.providerById("landsupervision") is None


def test_toggle_action_shows_dock(plugin):
    action = plugin.actions["zoning"]
    action.trigger()
    assert action.isChecked()
    action.trigger()
    assert not action.isChecked()


def test_processing_only_load(qgis_iface):
    plugin = land_supervision.classFactory(qgis_iface)
    plugin.initProcessing()
    plugin.initProcessing()  # QGIS may call it again: no second provider
    provider = QgsApplication.processingRegistry().providerById("landsupervision")
    assert provider is not None
    assert provider.algorithm("createdemodata") is not None
    plugin.unload()


def test_every_algorithm_is_cancellable_and_has_an_icon(qgis_iface):

    plugin = land_supervision.classFactory(qgis_iface)
    plugin.initProcessing()
    try:
        algorithms = QgsApplication.processingRegistry().providerById("landsupervision").algorithms()
        assert {a.groupId() for a in algorithms} == {"general", "reclamation", "ledger", "zoning", "patrol", "precheck"}
        for algorithm in algorithms:
            assert algorithm.flags() & ProcessingAlgorithmFlag.CanCancel, algorithm.id()
            assert not algorithm.icon().isNull(), algorithm.id()
    finally:
        plugin.unload()
