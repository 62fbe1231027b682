"""The ledger picker of the Processing dialogs: the LEDGER parameter of every ledger algorithm (and the pre-check).

The parameter stays a plain string (a .gpkg path, the name of a PostgreSQL connection saved in QGIS, or a
PostgreSQL URI), so batch runs, models and qgis_process pass it as before. In the algorithm dialog the user may
type it, browse for a GeoPackage or choose one of QGIS's saved PostgreSQL connections; choosing a connection
writes its name (resolved to the connection when the algorithm runs), so no password lands in the Processing
history. The batch dialog shows a plain text cell; the model designer shows QGIS's own string widget (model
inputs, expressions).

Processing names this module in the parameter's metadata (``algorithms/ledger/common.ledger_parameter``) and
imports it only when it builds a dialog: nothing here is imported where there is no GUI.
"""

from __future__ import annotations

from qgis.gui import QgsGui
from qgis.PyQt.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLineEdit, QToolButton, QWidget

from ...algorithms.ledger.common import saved_postgres_connections
from ...qgis_compat import ProcessingParameterFlag
from ...translation import tr
from ..file_dialogs import last_folder, remember_folder

try:  # Processing's Python wrapper base: only where QGIS runs its Processing plugin with a GUI
    from processing.gui.wrappers import WidgetWrapper
except ImportError:  # pragma: no cover - a QGIS without the Processing plugin never builds the dialogs
    WidgetWrapper = object

FOLDER_KIND = "ledger"


class LedgerPicker(QWidget):
    """A line to type a ledger into, a button to browse for a GeoPackage, and QGIS's saved PostgreSQL
    connections to choose from."""

    def __init__(self, parent=None, connections: dict[str, str] | None = None, creates: bool = False):
        super().__init__(parent)
        self.creates = creates  # browsing may name a new file (the algorithm creates the ledger) or an existing one
        self.setObjectName("ledgerPicker")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLineEdit(self)
        self.text.setObjectName("ledgerPickerText")
        self.text.setPlaceholderText(tr("A .gpkg file, a saved PostgreSQL connection or a PostgreSQL URI"))
        self.text.setToolTip(tr("A GeoPackage path (created if missing), the name of a PostgreSQL connection "
                                "saved in QGIS, or a URI such as postgresql://user@host/db or service=name"))
        self.browse = QToolButton(self)
        self.browse.setObjectName("ledgerPickerBrowse")
        self.browse.setText("…")
        self.browse.setToolTip(tr("Choose or create a GeoPackage ledger") if creates
                               else tr("Choose a GeoPackage ledger"))
        self.browse.clicked.connect(self.browse_gpkg)
        self.connections = QComboBox(self)
        self.connections.setObjectName("ledgerPickerConnections")
        self.connections.setToolTip(tr("PostgreSQL connections saved in QGIS"))
        self.connections.addItem(tr("PostgreSQL connection…"), "")
        names = sorted(saved_postgres_connections() if connections is None else connections)
        for name in names:
            self.connections.addItem(name, name)
        self.connections.setEnabled(bool(names))
        self.connections.activated.connect(self._connection_chosen)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.browse)
        layout.addWidget(self.connections)

    def value(self) -> str:
        return self.text.text().strip()

    def set_value(self, value) -> None:
        self.text.setText("" if value is None else str(value))
        index = self.connections.findData(self.value()) if self.value() else -1
        self.connections.setCurrentIndex(max(index, 0))

    def choose_connection(self, name: str) -> bool:
        """Choose the saved connection ``name`` (as the user does from the list); False if there is none."""
        index = self.connections.findData(name) if name else -1
        if index <= 0:
            return False
        self.connections.setCurrentIndex(index)
        self._connection_chosen(index)
        return True

    def _connection_chosen(self, index: int) -> None:
        name = self.connections.itemData(index)
        if name:
            self.text.setText(name)

    def browse_gpkg(self) -> None:
        start = self.value() if self.value().lower().endswith(".gpkg") else last_folder(FOLDER_KIND)
        if self.creates:  # an existing ledger is opened and appended to, never replaced
            path, _ = QFileDialog.getSaveFileName(self, tr("Ledger GeoPackage"), start, tr("GeoPackage (*.gpkg)"),
                                                  options=QFileDialog.Option.DontConfirmOverwrite)
        else:
            path, _ = QFileDialog.getOpenFileName(self, tr("Ledger GeoPackage"), start, tr("GeoPackage (*.gpkg)"))
        if path:
            if not path.lower().endswith(".gpkg"):
                path += ".gpkg"
            remember_folder(FOLDER_KIND, path)
            self.set_value(path)


class LedgerWidgetWrapper(WidgetWrapper):
    """Processing's widget wrapper for the LEDGER parameter (see the module's description)."""

    def __new__(cls, param, dialog, row=0, col=0, **kwargs):
        if type(dialog).__name__ == "ModelerParametersDialog" and hasattr(dialog, "model"):
            # the model designer keeps QGIS's own string widget: a model input, an expression or a typed value
            widget = QgsGui.processingGuiRegistry().createModelerParameterWidget(
                dialog.model, getattr(dialog, "childId", None), param, dialog.context)
            if widget is not None:
                return widget
        return super().__new__(cls)

    def createWidget(self, creates: bool = False, **_kwargs):
        if type(self.dialog).__name__ == "BatchAlgorithmDialog":  # a cell of the batch table: plain text
            edit = QLineEdit()
            edit.setObjectName("ledgerPickerText")
            edit.setToolTip(self.parameterDefinition().help())
            edit.textChanged.connect(lambda: self.widgetValueHasChanged.emit(self))
            return edit
        picker = LedgerPicker(creates=creates)
        if self.parameterDefinition().help():  # whether this algorithm creates a missing ledger
            picker.text.setToolTip(self.parameterDefinition().help())
        picker.text.textChanged.connect(lambda: self.widgetValueHasChanged.emit(self))
        return picker

    def setValue(self, value):
        if isinstance(self.widget, LedgerPicker):
            self.widget.set_value(value)
        else:
            self.widget.setText("" if value is None else str(value))

    def value(self):
        text = self.widget.value() if isinstance(self.widget, LedgerPicker) else self.widget.text().strip()
        if not text and self.parameterDefinition().flags() & ProcessingParameterFlag.Optional:
            return None
        return text

