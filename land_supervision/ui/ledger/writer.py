"""Postings of the ledger dock off QGIS's main thread.

A posting waits for the ledger's write lock: on a shared PostgreSQL ledger another user's posting can hold it for
up to ``PgStore.lock_timeout`` seconds, and the window would freeze that long. Here a posting runs as a QgsTask
(listed in QGIS's task bar) on a connection of its own, kept open between postings (its lot book is replayed
once, then kept up to date), so the dock's own connection keeps serving the reads. One posting at a time.
"""

from __future__ import annotations

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ...core.ledger import LedgerError, open_ledger
from ...core.ledger.errors import LedgerCanceled


class LedgerWriter(QObject):
    """Runs ``work(ledger)`` on its own connection to the ledger at ``uri`` in a background task; ``finished``
    carries (what ``work`` returned, '') or (None, the refusal or error in the chosen language)."""

    finished = pyqtSignal(object, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.uri = ""
        self.ledger = None
        self.task = None
        self.error = None  # the exception of the last posting, if it failed (e.g. LedgerChanged)

    def busy(self) -> bool:
        return self.task is not None

    def start(self, uri: str, work, description: str) -> bool:
        """Start ``work`` on the ledger at ``uri``; False (nothing started) while another posting runs."""
        if self.task is not None:
            return False
        self.task = QgsTask.fromFunction(description, self._run, uri, work, on_finished=self._finished)
        QgsApplication.taskManager().addTask(self.task)
        return True

    def _run(self, task, uri: str, work):
        """In the task's thread: the writer's connection (opened once per ledger, never creating one), then
        the work (a cancel from QGIS's task bar counts until the work starts; a posting is not cut short)."""
        if task.isCanceled():
            raise LedgerCanceled()
        if self.ledger is None or self.uri != uri:
            self._close()
            self.ledger = open_ledger(uri, create=False)
            self.uri = uri
        return work(self.ledger)

    def _finished(self, exception, result=None) -> None:
        """On the main thread, when the task has ended."""
        self.task = None
        self.error = exception
        if exception is None:
            self.finished.emit(result, "")
        elif isinstance(exception, LedgerError):
            self.finished.emit(None, str(exception.message))
        else:
            self.finished.emit(None, f"{type(exception).__name__}: {exception}")

    def close(self, timeout_ms: int = 30_000) -> None:
        """Close the writer's connection (waiting for a running posting to end first)."""
        task = self.task
        if task is not None:
            task.waitForFinished(timeout_ms)
        self._close()

    def _close(self) -> None:
        if self.ledger is not None:
            self.ledger.close()
        self.ledger, self.uri = None, ""
