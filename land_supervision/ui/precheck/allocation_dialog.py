"""Post a pre-checked project to the ledger as an allocation: the ledger's own post form, prefilled from the
pre-check result, validated and posted by the ledger's rules (``Ledger.dry_run`` as you type, ``Ledger.post``)."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from ...core.ledger import LedgerError, open_ledger
from ...core.precheck import allocation_amounts
from ...translation import tr
from ..ledger.post_form import AMOUNT_KEYS, PostForm


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
        layout = QVBoxLayout(self)
        note = QLabel(tr("Amounts from the pre-check: what the project needs less what the ledger already "
                         "allocated to it. The ledger's rules check the entry as you type."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.form = PostForm(self)
        self.form.txn.setCurrentIndex(self.form.txn.findData("allocation"))
        self.form.validator = ledger.dry_run
        self.form.set_lots(ledger.lots())  # the lots the allocation may name (default: the oldest first)
        amounts = allocation_amounts(row)
        for name, key in AMOUNT_KEYS:
            if key in amounts:
                self.form.fields[name].setText(amount_text(amounts[key]))
        self.form.fields["project_id"].setText(project_id)
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
        self.form.revalidate()

    @classmethod
    def open_for(cls, uri: str, row: dict, geometry, project_id: str = "", parent=None):
        """The dialog on the ledger at ``uri`` (never created here), or a LedgerError."""
        return cls(open_ledger(uri, create=False), row, geometry, project_id, parent)

    def post(self, entry) -> None:
        entry.geometry = self.geometry
        try:
            self.posted = self.ledger.post(entry)
        except LedgerError as exc:
            self.status.setText(str(exc.message))
            return
        self.status.setText(tr("Posted entry {entry}").format(entry=self.posted.entry_no))
        self.accept()

    def _close_ledger(self, *_args) -> None:
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None
