"""Post a pre-checked project to the ledger as an allocation: the ledger's own post form, prefilled from the
pre-check result, validated and posted by the ledger's rules (``Ledger.dry_run`` as you type, the posting in
the background through ``LedgerWriter``).

The amounts are the project's needs less what the ledger has allocated to its project id when the dialog
opens (not when the pre-check ran: a posting since then, through this dialog or otherwise, counts), so a
project is never offered its full amounts twice. A posting by someone else while the dialog is open (a shared
PostgreSQL ledger) stops the post (``Ledger.post_many(expect=)``): the amounts are worked out again and the
user posts again."""

from __future__ import annotations

from decimal import Decimal

from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from ...core.ledger import LedgerError, open_ledger
from ...core.ledger.allocation_check import allocated_by_project
from ...core.ledger.errors import LedgerChanged
from ...core.precheck import allocation_amounts
from ...translation import tr
from ..ledger.post_form import AMOUNT_KEYS, PostForm
from ..ledger.writer import LedgerWriter


def amount_text(value) -> str:
    """An exact amount as the form reads it: 57.00, 22500.00 (no exponent)."""
    return f"{value:f}"


class AllocationDialog(QDialog):
    """The post form for one project of a pre-check result. ``row``: its result (XMBH, *_MU, *_YAP ...);
    ``geometry``: its polygon (shapely, working CRS), stored as the project's polygon; ``ledger``: an open
    Ledger (closed with the dialog); ``project_id``: prefilled project id ('' for a drawn project)."""

    def __init__(self, ledger, row: dict, geometry, project_id: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("precheckAllocationDialog")
        self.setWindowTitle(tr("Post as an allocation"))
        self.ledger, self.geometry, self.posted = ledger, geometry, None
        self.writer = LedgerWriter(self)  # the posting off the main thread (a held write lock does not freeze)
        self.writer.finished.connect(self._written)
        layout = QVBoxLayout(self)
        note = QLabel(tr("Amounts from the pre-check: what the project needs less what the ledger already "
                         "allocated to it. The ledger's rules check the entry as you type."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.form = PostForm(self)
        self.form.txn.setCurrentIndex(self.form.txn.findData("allocation"))
        self.form.validator = self.validate
        self.form.set_lots(ledger.lots())  # the lots the allocation may name (default: the oldest first)
        self.row, self.covered, self._prefilled = row, "", {}
        self.seen = ledger.receipt()  # the ledger the amounts are worked out on (read first)
        self.allocated = allocated_by_project(ledger)  # per project id, as the ledger has it now
        self.form.fields["project_id"].setText(project_id)
        self.prefill()
        self.form.fields["project_id"].textChanged.connect(self._project_changed)
        self.form.post_requested.connect(self.post)
        layout.addWidget(self.form)
        self.status = QLabel("", self)
        self.status.setObjectName("precheckAllocationStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.finished.connect(self._close_ledger)

    def prefill(self) -> None:
        """The amounts still to allocate to the project id in the form: its needs less what the ledger has
        allocated to that id (a drawn project without an id: the pre-check's *_YAP). Nothing left: the
        amounts it needs shown as 0.00 and the form says the project is covered."""
        project = self.form.fields["project_id"].text().strip()
        amounts = allocation_amounts(self.row, self.allocated.get(project, {}) if project else None)
        self.covered = project if project and not amounts else ""
        if self.covered:
            amounts = {key: Decimal("0.00") for key in allocation_amounts(self.row, {})}
        self._prefilled = {name: amount_text(amounts[key]) if key in amounts else "" for name, key in AMOUNT_KEYS}
        for name, text in self._prefilled.items():
            self.form.fields[name].setText(text)
        self.form.revalidate()

    def validate(self, entry):
        """The ledger's dry run; a covered project's entry without amounts is refused saying it is covered."""
        if self.covered and all(Decimal(str(v)) == 0 for v in entry.amounts.values()):
            raise LedgerError(tr("Project {project} is already covered by its allocations in the ledger: nothing "
                                 "left to allocate").format(project=self.covered))
        return self.ledger.dry_run(entry)

    def _project_changed(self, *_args) -> None:
        """Another project id: the amounts follow it, unless the user has changed them."""
        if all(self.form.fields[name].text() == text for name, text in self._prefilled.items()):
            self.prefill()

    @classmethod
    def open_for(cls, uri: str, row: dict, geometry, project_id: str = "", parent=None):
        """The dialog on the ledger at ``uri`` (never created here), or a LedgerError."""
        return cls(open_ledger(uri, create=False), row, geometry, project_id, parent)

    def post(self, entry) -> None:
        entry.geometry = self.geometry
        seen = self.seen
        if self.ledger is None or not self.writer.start(self.ledger.uri, lambda ledger: ledger.post_many(
                [entry], expect=seen)[0], tr("Posting to the quota ledger")):
            return
        self.form.setEnabled(False)
        self.status.setText(tr("Posting to the ledger..."))

    def _written(self, posted, error: str) -> None:
        self.form.setEnabled(True)
        if self.ledger is None:  # the dialog was closed while the posting ran: keep what it posted, nothing more
            self.posted = posted if not error else None
            return
        if isinstance(self.writer.error, LedgerChanged):
            self._ledger_changed()
            return
        if error:
            self.status.setText(error)
            return
        self.posted = posted
        self.status.setText(tr("Posted entry {entry}").format(entry=posted.entry_no))
        self.accept()

    def _ledger_changed(self) -> None:
        """Another posting came in since the amounts were worked out: work them out again (the user's own
        amounts are left as typed) and ask for a second look."""
        untouched = all(self.form.fields[name].text() == text for name, text in self._prefilled.items())
        self.seen = self.ledger.receipt()
        self.allocated = allocated_by_project(self.ledger)
        self.form.set_lots(self.ledger.lots())
        if untouched:
            self.prefill()
        else:
            self.form.revalidate()
        self.status.setText(tr("The ledger changed since the amounts were worked out (another posting): nothing "
                               "was posted; check the amounts and post again"))

    def _close_ledger(self, *_args) -> None:
        self.writer.close()
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None
