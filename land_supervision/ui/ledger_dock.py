"""Dock panel of the Quota ledger tool: open a ledger, balances, post, history and reverse, map, statement."""

from __future__ import annotations

from qgis.core import QgsDataSourceUri, QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ..algorithms.ledger.common import saved_postgres_connections as postgres_connections
from ..core.ledger import LedgerError, open_ledger
from ..translation import tr
from .dock_base import ToolDock
from .file_dialogs import save_path
from .ledger.post_form import PostForm
from .ledger.tables import BalancesTable, DeadlinesPanel, HistoryPanel, LotsTable
from .ledger.writer import LedgerWriter
from .results_store import ResultsStore
from .run_panel import RunPanel
from .settings import ProjectEntries

SETTINGS = ProjectEntries("ledger")


class LedgerDock(ToolDock):
    OBJECT_NAME = "LandSupervisionLedgerDock"
    TITLE = "Quota ledger"

    def build(self) -> None:
        self.ledger = None
        self.uri = ""
        self.writer = LedgerWriter(self)  # postings run off the main thread, on a connection of their own
        self.writer.finished.connect(self._written)
        self._then = None
        self._build_open()
        balances_box = QGroupBox(tr("Balances"), self)
        layout = QVBoxLayout(balances_box)
        self.balances = BalancesTable(balances_box)
        layout.addWidget(self.balances)
        self.body_layout.addWidget(balances_box)
        lots_box = QGroupBox(tr("Lots and deadlines"), self)
        layout = QVBoxLayout(lots_box)
        self.deadlines = DeadlinesPanel(lots_box)
        layout.addWidget(self.deadlines)
        self.lots_table = LotsTable(lots_box)
        layout.addWidget(self.lots_table)
        self.body_layout.addWidget(lots_box)
        post_box = QGroupBox(tr("Post a transaction"), self)
        layout = QVBoxLayout(post_box)
        self.form = PostForm(post_box)
        self.form.post_requested.connect(self.post)
        layout.addWidget(self.form)
        self.body_layout.addWidget(post_box)
        history_box = QGroupBox(tr("History"), self)
        layout = QVBoxLayout(history_box)
        self.history = HistoryPanel(history_box)
        self.history.filters_changed.connect(self.refresh_history)
        self.history.reverse_requested.connect(self.reverse)
        layout.addWidget(self.history)
        self.body_layout.addWidget(history_box)
        self._build_outputs()
        self.store = ResultsStore("ledger", tr("Quota ledger"), self.iface)
        self.restore_ledger()
        QgsProject.instance().readProject.connect(self.restore_ledger)

    def restore_ledger(self, *args) -> None:
        """Open the ledger the project names (on project load too), never creating one."""
        saved = SETTINGS.read("uri")
        if saved and saved != self.uri:
            self.location.setText(saved)
            self.open_ledger(saved, create=False, quiet=True)

    def _build_open(self) -> None:
        box = QGroupBox(tr("Ledger"), self)
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.location = QLineEdit(box)
        self.location.setObjectName("ledgerLocation")
        self.location.setPlaceholderText(tr("A .gpkg file or a PostgreSQL URI"))
        self.location.setToolTip(tr("A GeoPackage path (you are asked before a new one is created), the name of a "
                                    "PostgreSQL connection saved in QGIS, or a URI such as postgresql://user@host/db "
                                    "or service=name"))
        browse = QPushButton(tr("Browse…"), box)
        browse.setObjectName("ledgerBrowse")
        browse.setToolTip(tr("Choose or create a GeoPackage ledger"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.location)
        row.addWidget(browse)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.connections = QComboBox(box)
        self.connections.setObjectName("ledgerConnections")
        self.connections.setToolTip(tr("PostgreSQL connections saved in QGIS"))
        self.connections.addItem(tr("PostgreSQL connection…"), "")
        for name, uri in postgres_connections().items():
            self.connections.addItem(name, uri)
        self.connections.currentIndexChanged.connect(self._connection_chosen)
        open_button = QPushButton(tr("Open"), box)
        open_button.setObjectName("ledgerOpen")
        open_button.setToolTip(tr("Open the ledger (asks before creating a new one)"))
        open_button.clicked.connect(lambda: self.open_ledger(self.location.text().strip()))
        row.addWidget(self.connections)
        row.addWidget(open_button)
        layout.addLayout(row)
        self.status = QLabel(tr("No ledger open"), box)
        self.status.setObjectName("ledgerStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.body_layout.addWidget(box)

    def _build_outputs(self) -> None:
        box = QGroupBox(tr("Map and statement"), self)
        layout = QVBoxLayout(box)
        show = QPushButton(tr("Show project allocations on the map"), box)
        show.setObjectName("ledgerShowProjects")
        show.setToolTip(tr("Add the ledger's project layer (allocated project polygons) to the map"))
        show.clicked.connect(self.show_projects)
        layout.addWidget(show)
        row = QHBoxLayout()
        self.date_from = QLineEdit("", box)  # the ledger's own span once a ledger is open (period_from_ledger)
        self.date_from.setObjectName("ledgerDateFrom")
        self.date_from.setToolTip(tr("From (YYYY-MM-DD, empty: the ledger's first entry)"))
        self.date_from.setPlaceholderText(tr("From (YYYY-MM-DD)"))
        self.date_to = QLineEdit("", box)
        self.date_to.setObjectName("ledgerDateTo")
        self.date_to.setToolTip(tr("To (YYYY-MM-DD, empty: today)"))
        self.date_to.setPlaceholderText(tr("To (YYYY-MM-DD)"))
        row.addWidget(self.date_from)
        row.addWidget(self.date_to)
        layout.addLayout(row)
        row = QHBoxLayout()
        pdf = QPushButton(tr("Print statement"), box)
        pdf.setObjectName("ledgerPrintStatement")
        pdf.setToolTip(tr("Write the period statement as a PDF"))
        pdf.clicked.connect(lambda: self.statement("pdf"))
        xlsx = QPushButton(tr("Export XLSX"), box)
        xlsx.setObjectName("ledgerExportXlsx")
        xlsx.setToolTip(tr("Write the period statement as an XLSX workbook"))
        xlsx.clicked.connect(lambda: self.statement("xlsx"))
        row.addWidget(pdf)
        row.addWidget(xlsx)
        layout.addLayout(row)
        self.receipt = QLineEdit(box)
        self.receipt.setObjectName("ledgerReceipt")
        self.receipt.setPlaceholderText(tr("Earlier receipt (entries-lines-hash, optional)"))
        self.receipt.setToolTip(tr("A receipt printed on an earlier statement: verify then also catches a "
                                   "rewrite of the whole ledger"))
        layout.addWidget(self.receipt)
        self.runner = RunPanel(tr("Verify the ledger"), box)
        self.runner.setObjectName("ledgerRunPanel")
        self.runner.run_clicked.connect(self.verify)
        layout.addWidget(self.runner)
        self.body_layout.addWidget(box)

    # -- ledger ---------------------------------------------------------------------------------------------
    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Ledger GeoPackage"), self.location.text(),
                                              tr("GeoPackage (*.gpkg)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            if not path.lower().endswith(".gpkg"):
                path += ".gpkg"
            self.location.setText(path)
            self.open_ledger(path)

    def _connection_chosen(self) -> None:
        uri = self.connections.currentData()
        if uri:
            self.location.setText(uri)
            self.open_ledger(uri)

    def confirm_create(self, uri: str) -> bool:
        """Ask before a new ledger is created where there is none (a mistyped path must not become one)."""
        answer = QMessageBox.question(
            self, tr("Quota ledger"),
            tr("There is no ledger at {uri}.\nCreate a new, empty ledger there?").format(uri=uri),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def open_ledger(self, uri: str, create: bool = True, quiet: bool = False) -> bool:
        """Open the ledger at ``uri``. Where there is none, ``create`` asks first (never when ``quiet``)."""
        if self.writer.busy():
            self.status.setText(tr("Posting to the ledger: wait for it to end"))
            return False
        self.writer.close()
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None
        try:
            try:
                self.ledger = open_ledger(uri, create=False)
            except LedgerError as exc:
                if not (create and not quiet and exc.code in ("missing", "not_ledger") and self.confirm_create(uri)):
                    raise
                self.ledger = open_ledger(uri, create=True)
        except LedgerError as exc:
            self.status.setText(str(exc.message))
            self.form.validator = None
            self.form.set_lots(None)
            if not quiet:
                QMessageBox.warning(self, tr("Quota ledger"), str(exc.message))
            return False
        self.uri = uri
        if SETTINGS.read("uri") != uri:  # not while a project is being read (restore_ledger): that hung QGIS 3.22
            SETTINGS.write("uri", uri)
        self.form.validator = self.ledger.dry_run
        self.status.setText(tr("Open: {uri}").format(uri=uri if "password" not in uri else uri.split()[0]))
        self.refresh()
        return True

    def period_from_ledger(self) -> None:
        """The statement period: the ledger's first value date up to today, unless the user typed a date."""
        if self.ledger is None:
            return
        from ..algorithms.ledger.statement import ledger_span

        for edit, value in zip((self.date_from, self.date_to), ledger_span(self.ledger)):
            if not edit.isModified() or not edit.text().strip():
                edit.setText(value)

    def refresh(self) -> None:
        if self.ledger is None:
            return
        self.period_from_ledger()
        self.balances.show_balances(self.ledger.balances())
        self.refresh_lots()
        self.refresh_history()
        self.form.revalidate()

    def refresh_lots(self) -> None:
        """What is left per lot, the deadlines overdue and due soon as of today, the form's lots to pick."""
        import datetime as dt

        from ..core.ledger import deadline_rows, read_deadline_rules

        book = self.ledger.lots()  # replayed once (and incrementally: the store keeps it)
        self.lots_table.show_lots(book.lot_rows())
        self.form.set_lots(book)
        today = dt.date.today().isoformat()
        try:
            rules = read_deadline_rules()
            self.deadlines.show_deadlines(deadline_rows(book, today, rules), today, rules.window_days)
        except LedgerError as exc:  # the deadline rule table edited into something unusable
            self.deadlines.line.setText(str(exc.message))

    def refresh_history(self) -> None:
        if self.ledger is not None:
            where, params = self.history.where()
            self.history.show_lines(self.ledger.entries(where, params, limit=None)[-500:])

    def post(self, entry) -> None:
        """Post ``entry`` in the background (the ledger's rules, under its write lock); the dock waits."""
        self._write(lambda ledger: ledger.post(entry), self._posted)

    def reverse(self, entry_no: int) -> None:
        evidence = self.form.fields["evidence"].text().strip()
        self._write(lambda ledger: ledger.reverse(entry_no, evidence=evidence),
                    lambda posted: self.status.setText(tr("Entry {entry} reversed by entry {reversal}").format(
                        entry=entry_no, reversal=posted.entry_no)))

    def _write(self, work, then) -> None:
        """Run ``work(ledger)`` through the writer, the form and history locked meanwhile; ``then(result)``."""
        if self.ledger is None or not self.writer.start(self.uri, work, tr("Posting to the quota ledger")):
            return
        self._then = then
        self._lock(True)
        self.status.setText(tr("Posting to the ledger..."))

    def _written(self, result, error: str) -> None:
        self._lock(False)
        then, self._then = self._then, None
        if error:
            self.status.setText(error)
        elif then is not None:
            then(result)
        self.refresh()

    def _posted(self, posted) -> None:
        self.status.setText(tr("Posted entry {entry}").format(entry=posted.entry_no))
        self.form.clear_amounts()

    def _lock(self, busy: bool) -> None:
        for widget in (self.form, self.history):
            widget.setEnabled(not busy)

    def projects_layer(self) -> QgsVectorLayer | None:
        """The ledger's project layer showing each project's current polygon (superseded and reversed ones are
        kept in the table as history, filtered out here)."""
        if not self.uri:
            return None
        current = ",".join(str(int(p["entry_no"])) for p in self.ledger.projects()) if self.ledger else ""
        subset = f"entry_no IN ({current or -1})"
        if self.uri.lower().endswith(".gpkg"):
            layer = QgsVectorLayer(f"{self.uri}|layername=ledger_projects", tr("Quota ledger projects"), "ogr")
            layer.setSubsetString(subset)
            return layer
        uri = QgsDataSourceUri(self.uri)
        uri.setDataSource("", "ledger_projects", "geom", subset, "fid")
        layer = QgsVectorLayer(uri.uri(False), tr("Quota ledger projects"), "postgres")
        if not layer.isValid() and self.ledger is not None:  # e.g. a schema set through libpq options
            from ..reports.ledger_statement import projects_layer

            layer = projects_layer(self.ledger.projects())
            if layer is not None:
                layer.setName(tr("Quota ledger projects"))
        return layer

    def show_projects(self) -> None:
        layer = self.projects_layer()
        if layer is None or not layer.isValid():
            self.status.setText(tr("Open a ledger first"))
            return
        self.store.show([layer], set_name="projects")  # in the ledger's group, replacing the one shown before
        self.status.setText(tr("Added {count} projects to the map").format(count=layer.featureCount()))

    def statement(self, kind: str, path: str | None = None) -> bool:
        if self.ledger is None:
            self.status.setText(tr("Open a ledger first"))
            return False
        if path is None:
            pattern = tr("PDF files (*.pdf)") if kind == "pdf" else tr("Excel workbooks (*.xlsx)")
            path = save_path(self, tr("Statement"), pattern, "statement", f"ledger_statement.{kind}")
            if not path:
                return False
        self.period_from_ledger()  # today's entries too, even when the dock has been open since yesterday
        key = "OUTPUT_PDF" if kind == "pdf" else "OUTPUT_XLSX"
        params = {"LEDGER": self.uri, "DATE_FROM": self.date_from.text().strip(),
                  "DATE_TO": self.date_to.text().strip(), key: path}
        return self.runner.start("landsupervision:ledgerstatement", params, self._statement_done)

    def _statement_done(self, ok: bool, results: dict, _context) -> None:
        written = results.get("OUTPUT_PDF") or results.get("OUTPUT_XLSX")
        if ok and written:
            self.status.setText(tr("Statement written: {path}").format(path=written))

    def verify(self) -> None:
        if self.ledger is None:
            self.status.setText(tr("Open a ledger first"))
            return
        self.runner.start("landsupervision:ledgerverify",
                          {"LEDGER": self.uri, "RECEIPT": self.receipt.text().strip()}, self._verified)

    def _verified(self, ok: bool, results: dict, _context) -> None:
        if ok:
            self.status.setText(results.get("MESSAGE", "") + "\n" + tr("Ledger receipt: {receipt}").format(
                receipt=results.get("RECEIPT", "")))
        else:
            self.status.setText(tr("The ledger FAILED verification: see the run's log"))

    def unload(self) -> None:
        self.runner.shutdown()
        self.writer.close()
        try:
            QgsProject.instance().readProject.disconnect(self.restore_ledger)
        except TypeError:
            pass
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None
