"""The ledger picker of the Processing dialogs: built by Processing's own dialogs, it gives the plain string the
algorithms take (typed, a browsed GeoPackage, or a saved PostgreSQL connection's name), and the algorithms run
with that string; batch cells stay plain text, the model designer keeps QGIS's own widget, and nothing of it is
imported where there is no GUI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, qgis_python_env

BUREAU = ROOT / "land_supervision" / "resources" / "ledger" / "bureau_transactions.csv"
CONNECTION = "ledger picker test connection"


def ledger_algorithms(provider) -> list:
    """Every algorithm of the provider with a parameter named LEDGER."""
    return [a for a in provider.algorithms() if a.parameterDefinition("LEDGER") is not None]


@pytest.fixture
def dialog_iface(qgis_iface, monkeypatch):
    """pytest-qgis's iface, with the two things Processing's dialogs ask it for that its stub lacks."""
    from qgis.gui import QgsBrowserGuiModel

    model = QgsBrowserGuiModel()
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: model, raising=False)
    monkeypatch.setattr(qgis_iface, "activeLayer", lambda: None, raising=False)
    return qgis_iface


@pytest.fixture
def algorithm_dialog(provider, dialog_iface):
    """A factory of Processing's real algorithm dialog; every dialog made is closed afterwards."""
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    made = []

    def make(alg_id: str):
        dialog = AlgorithmDialog(provider.algorithm(alg_id).create())
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.close()
        dialog.deleteLater()


@pytest.fixture
def saved_connection():
    """A PostgreSQL connection saved in QGIS (to the tests' own server, in a fresh database)."""
    import psycopg2
    from qgis.core import QgsDataSourceUri, QgsProviderRegistry

    from tests.core.test_ledger_pg_server import pg_server

    server = pg_server()
    admin = psycopg2.connect(host=server["host"], port=server["port"], user="postgres", dbname="postgres")
    admin.autocommit = True
    admin.cursor().execute("DROP DATABASE IF EXISTS ledger_picker_test")
    admin.cursor().execute("CREATE DATABASE ledger_picker_test")
    admin.close()
    uri = QgsDataSourceUri()
    uri.setConnection(server["host"], str(server["port"]), "ledger_picker_test", "postgres", "")
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    metadata.saveConnection(metadata.createConnection(uri.uri(False), {"saveUsername": True}), CONNECTION)
    yield CONNECTION
    metadata.deleteConnection(CONNECTION)


def test_every_ledger_parameter_has_the_picker(provider):
    """The six ledger algorithms and the pre-check: one helper, one widget, a plain string parameter."""
    import importlib

    from land_supervision.algorithms.ledger.common import LEDGER_WIDGET_WRAPPER
    from land_supervision.ui.ledger.ledger_param_widget import LedgerWidgetWrapper

    algorithms = ledger_algorithms(provider)
    assert {a.name() for a in algorithms} == {
        "ledgerpost", "ledgerimport", "ledgerbalances", "ledgerstatement", "ledgerverify", "ledgercheckallocation",
        "ledgerdeadlines", "projectprecheck", "precheckpost", "reclamationcredits"}
    for algorithm in algorithms:
        param = algorithm.parameterDefinition("LEDGER")
        assert param.type() == "string", algorithm.name()
        creates = algorithm.name() in ("ledgerpost", "ledgerimport", "reclamationcredits")  # the rest never create
        assert param.metadata()["widget_wrapper"] == {"class": LEDGER_WIDGET_WRAPPER, "creates": creates}, \
            algorithm.name()
        assert ("created if missing" in param.help()) is creates, algorithm.name()
    module, name = LEDGER_WIDGET_WRAPPER.rsplit(".", 1)
    assert getattr(importlib.import_module(module), name) is LedgerWidgetWrapper


def test_typed_ledger_runs_the_algorithm(algorithm_dialog, tmp_path, provider):
    """Typed into the dialog, the path is the LEDGER value, and processing.run takes it as a plain string."""
    import processing
    from qgis.core import QgsProcessingContext
    from qgis.PyQt.QtTest import QTest

    from land_supervision.ui.ledger.ledger_param_widget import LedgerPicker, LedgerWidgetWrapper

    dialog = algorithm_dialog("ledgerimport")
    wrapper = dialog.mainWidget().wrappers["LEDGER"]
    assert isinstance(wrapper, LedgerWidgetWrapper) and isinstance(wrapper.widget, LedgerPicker)
    path = str(tmp_path / "typed.gpkg")
    QTest.keyClicks(wrapper.widget.text, f"  {path} ")
    dialog.mainWidget().wrappers["INPUT"].setParameterValue(str(BUREAU), QgsProcessingContext())
    parameters = dialog.mainWidget().createProcessingParameters()
    assert parameters["LEDGER"] == path
    assert processing.run("landsupervision:ledgerimport", parameters)["ENTRIES"] == 18
    assert processing.run("landsupervision:ledgerverify", {"LEDGER": path})["OK"] is True


def test_browsed_geopackage(algorithm_dialog, tmp_path, monkeypatch):
    """Browsing sets the chosen file, with .gpkg added where the user left it off: a save dialog that never asks
    to overwrite where the algorithm creates a missing ledger (an existing one is appended to), an open dialog
    where it only reads one."""
    from qgis.core import QgsProcessingContext
    from qgis.PyQt.QtWidgets import QFileDialog

    asked = []

    def fake(kind):
        def dialog(*args, **kwargs):
            asked.append((kind, kwargs.get("options")))
            return str(tmp_path / kind), "GeoPackage (*.gpkg)"

        return staticmethod(dialog)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake("save"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake("open"))
    importing = algorithm_dialog("ledgerimport").mainWidget().wrappers["LEDGER"]
    importing.widget.browse.click()
    assert asked == [("save", QFileDialog.Option.DontConfirmOverwrite)]
    assert importing.parameterValue() == str(tmp_path / "save") + ".gpkg"
    reading = algorithm_dialog("ledgerbalances").mainWidget().wrappers["LEDGER"]
    reading.widget.browse.click()
    assert asked[1] == ("open", None)
    assert reading.parameterValue() == str(tmp_path / "open") + ".gpkg"
    # a value set by Processing (a run from the history, a dialog reused)
    reading.setParameterValue(str(tmp_path / "other.gpkg"), QgsProcessingContext())
    assert reading.widget.text.text() == str(tmp_path / "other.gpkg")


def test_saved_connection_chosen_runs_the_algorithm(algorithm_dialog, saved_connection):
    """Choosing a saved PostgreSQL connection gives its name (no password in the history), and the algorithm
    resolves the name to the connection and writes the ledger there."""
    import processing
    import psycopg2
    from qgis.core import QgsProcessingContext

    from tests.core.test_ledger_pg_server import pg_server

    dialog = algorithm_dialog("ledgerimport")
    picker = dialog.mainWidget().wrappers["LEDGER"].widget
    names = [picker.connections.itemText(i) for i in range(picker.connections.count())]
    assert saved_connection in names
    index = names.index(saved_connection)
    picker.connections.setCurrentIndex(index)
    picker.connections.activated.emit(index)  # what a user's click in the list sends
    dialog.mainWidget().wrappers["INPUT"].setParameterValue(str(BUREAU), QgsProcessingContext())
    parameters = dialog.mainWidget().createProcessingParameters()
    assert parameters["LEDGER"] == saved_connection
    assert processing.run("landsupervision:ledgerimport", parameters)["ENTRIES"] == 18
    server = pg_server()
    conn = psycopg2.connect(host=server["host"], port=server["port"], user="postgres", dbname="ledger_picker_test")
    try:
        cur = conn.cursor()
        cur.execute("SELECT count(DISTINCT entry_no) FROM ledger_journal")
        assert cur.fetchone()[0] == 18
    finally:
        conn.close()


def test_optional_ledger_left_empty_is_not_set(algorithm_dialog):
    """The pre-check's ledger is optional: an empty picker gives no value (coverage not checked)."""
    dialog = algorithm_dialog("projectprecheck")
    wrapper = dialog.mainWidget().wrappers["LEDGER"]
    assert wrapper.parameterValue() is None
    wrapper.widget.text.setText("l.gpkg")
    assert wrapper.parameterValue() == "l.gpkg"


def test_batch_cell_is_plain_text(provider, dialog_iface, tmp_path):
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog
    from qgis.core import QgsProcessingContext
    from qgis.PyQt.QtWidgets import QLineEdit

    dialog = BatchAlgorithmDialog(provider.algorithm("ledgerbalances").create())
    try:
        panel = dialog.mainWidget()
        column = panel.parameter_to_column["LEDGER"]
        wrapper = panel.wrappers[0][column]
        assert type(wrapper.widget) is QLineEdit
        wrapper.setParameterValue(str(tmp_path / "batch.gpkg"), QgsProcessingContext())
        assert wrapper.parameterValue() == str(tmp_path / "batch.gpkg")
    finally:
        dialog.close()
        dialog.deleteLater()


def test_model_designer_keeps_qgis_string_widget(provider, dialog_iface):
    """In a model the ledger may come from a model input: the designer shows QGIS's own modeler widget."""
    from processing.modeler.ModelerParametersDialog import ModelerParametersDialog
    from qgis.core import QgsProcessingModelAlgorithm
    from qgis.gui import QgsProcessingModelerParameterWidget

    dialog = ModelerParametersDialog(provider.algorithm("ledgerverify").create(), QgsProcessingModelAlgorithm())
    try:
        wrapper = dialog.widget.widget.wrappers["LEDGER"]
        assert isinstance(wrapper, QgsProcessingModelerParameterWidget)
    finally:
        dialog.close()
        dialog.deleteLater()


def test_algorithms_import_no_gui_code():
    """Loading every algorithm (as qgis_process does) imports neither the picker nor Processing's GUI."""
    script = (
        "import sys\n"
        "from qgis.core import QgsApplication\n"
        "app = QgsApplication([], False)\n"
        "app.initQgis()\n"
        "from land_supervision.algorithms.provider import all_algorithms\n"
        "algs = all_algorithms()\n"
        "for a in algs:\n"
        "    a.initAlgorithm()\n"
        "loaded = [m for m in sys.modules if m.endswith('ledger_param_widget') or m.startswith('processing.gui')]\n"
        "print(len(algs), loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            cwd=str(Path(ROOT)), env=qgis_python_env())
    assert result.returncode == 0, result.stderr[-2000:]
    count, loaded = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert int(count) >= 15 and loaded == "[]"
