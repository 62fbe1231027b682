"""Run a Processing algorithm from a dock: a background task (or the main thread for an algorithm that says
NoThreading, such as those rendering print layouts), a progress bar, cancel, a results callback."""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)
from qgis.PyQt.QtCore import QCoreApplication, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ..diagnostics import log_exception
from ..qgis_compat import ProcessingAlgorithmFlag
from ..translation import tr


class _Feedback(QgsProcessingFeedback):
    """Keeps the last log line so the panel can show why a run failed."""

    def __init__(self):
        super().__init__()
        self.last_error = ""

    def reportError(self, error, fatalError=False):  # noqa: N803 - Qt API
        self.last_error = error
        super().reportError(error, fatalError)


def project_layers_as_objects(parameters: dict) -> dict:
    """Parameters whose project layer ids (alone or in lists) are replaced by the layers themselves, looked up
    here on the main thread. Given an id, QGIS resolves it in the task's thread by walking every layer of the
    project (id, name, validity, source) while the main thread may be changing them; given the layer, it takes
    it as it is."""
    project = QgsProject.instance()

    def resolved(value):
        if isinstance(value, str) and value:
            layer = project.mapLayer(value)
            return layer if layer is not None else value
        if isinstance(value, list):
            return [resolved(v) for v in value]
        return value

    return {name: resolved(value) for name, value in parameters.items()}


class RunPanel(QWidget):
    """Run button, cancel button, progress bar and a status line for one algorithm at a time.

    ``start(algorithm_id, parameters, on_done)`` runs the algorithm as a QgsProcessingAlgRunnerTask, or, if
    its flags say NoThreading (print layouts are not thread-safe), on the main thread right after ``start``
    returns, with the progress bar updated and Qt events processed at each progress step so that Cancel works;
    ``on_done(ok, results, context)`` is called on the main thread when it ends (results is {} on failure).
    The GUI is only touched from that callback, never from the task.
    """

    run_clicked = pyqtSignal()
    finished = pyqtSignal(bool, dict)
    # one main-thread run at a time across all docks: another dock's print started while one is between two of
    # its pages (events are processed there) waits for it instead of running inside it
    _main_thread_busy = False

    def __init__(self, run_text: str, parent=None):
        super().__init__(parent)
        self.task = None
        self.context = None
        self.feedback = None
        self._on_done: Callable | None = None
        self.run_button = QPushButton(run_text, self)
        self.run_button.setObjectName("runButton")
        self.cancel_button = QPushButton(tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setObjectName("statusLabel")
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.run_button.clicked.connect(self.run_clicked)
        self.cancel_button.clicked.connect(self.cancel)

    def is_running(self) -> bool:
        return self.task is not None

    def error_text(self) -> str:
        """Why the last run did not finish: its last error, or "Canceled"."""
        if self.feedback is not None and self.feedback.isCanceled():
            return tr("Canceled")
        return self.feedback.last_error if self.feedback is not None and self.feedback.last_error else \
            self.status.text()

    @staticmethod
    def wants_main_thread(algorithm) -> bool:
        return bool(algorithm.flags() & ProcessingAlgorithmFlag.NoThreading)

    def start(self, algorithm_id: str, parameters: dict, on_done: Callable | None = None) -> bool:
        if self.task is not None:
            return False
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
        if algorithm is None:
            self.status.setText(tr("Algorithm {id} is not available").format(id=algorithm_id))
            return False
        self.context = QgsProcessingContext()
        self.context.setProject(QgsProject.instance())
        self.feedback = _Feedback()
        self._on_done = on_done
        if self.wants_main_thread(algorithm):
            self.feedback.progressChanged.connect(self._main_thread_progress)
            self.task = _MainThreadRun(algorithm, parameters)
        else:
            self.feedback.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
            self.task = QgsProcessingAlgRunnerTask(algorithm, project_layers_as_objects(parameters), self.context,
                                                   self.feedback)
            self.task.executed.connect(self._executed)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(tr("Running {name}…").format(name=algorithm.displayName()))
        if isinstance(self.task, _MainThreadRun):
            QTimer.singleShot(0, self._run_on_main_thread)
        else:
            QgsApplication.taskManager().addTask(self.task)
        return True

    def _main_thread_progress(self, value: float) -> None:
        self.progress.setValue(int(value))
        QCoreApplication.processEvents()  # paints the bar and lets a click on Cancel reach the feedback

    def _run_on_main_thread(self) -> None:
        run = self.task
        if not isinstance(run, _MainThreadRun):
            return
        if self.feedback.isCanceled():  # canceled before it began
            self._executed(False, {})
            return
        if RunPanel._main_thread_busy:
            self.status.setText(tr("Waiting for another run to finish…"))
            QTimer.singleShot(100, self._run_on_main_thread)
            return
        self.status.setText(tr("Running {name}…").format(name=run.algorithm.displayName()))
        RunPanel._main_thread_busy = True
        try:
            results, ok = run.algorithm.run(run.parameters, self.context, self.feedback)
        except Exception as exc:  # noqa: BLE001 - the panel must come back to idle whatever happened
            log_exception(f"{run.algorithm.id()} raised", exc)
            self.feedback.reportError(str(exc), True)
            results, ok = {}, False
        finally:
            RunPanel._main_thread_busy = False
        self._executed(bool(ok), results)

    def cancel(self) -> None:
        if self.feedback is not None:
            self.feedback.cancel()
        if self.task is not None and not isinstance(self.task, _MainThreadRun):
            self.task.cancel()

    def _executed(self, ok: bool, results: dict) -> None:
        canceled = self.feedback is not None and self.feedback.isCanceled()
        if ok and not canceled:
            self.status.setText(tr("Finished"))
            self.progress.setValue(100)
        elif canceled:
            self.status.setText(tr("Canceled"))
        else:
            reason = self.feedback.last_error if self.feedback is not None else ""
            self.status.setText(tr("Failed: {reason}").format(reason=reason))
        context, on_done = self.context, self._on_done
        self.task = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        results = dict(results or {}) if ok and not canceled else {}
        if on_done is not None:
            on_done(bool(ok and not canceled), results, context)
        self.finished.emit(bool(ok and not canceled), results)

    @staticmethod
    def run_now(algorithm_id: str, parameters: dict) -> tuple[dict | None, QgsProcessingContext, str]:
        """Run a quick algorithm at once, on the main thread, without progress or cancel: only for an
        interactive answer in milliseconds (the pre-check of one drawn polygon). Reports and anything that
        takes seconds go through :meth:`start`. Returns (results or None, context, error text)."""
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
        if algorithm is None:
            return None, context, tr("Algorithm {id} is not available").format(id=algorithm_id)
        feedback = _Feedback()
        try:
            results, ok = algorithm.run(parameters, context, feedback)
        except Exception as exc:  # noqa: BLE001 - shown in the dock, never raised into Qt
            log_exception(f"{algorithm_id} raised", exc)
            return None, context, str(exc)
        return (results if ok else None), context, feedback.last_error

    def shutdown(self) -> None:
        """Cancel running work (on dock unload)."""
        self.cancel()


class _MainThreadRun:
    """An algorithm and its parameters waiting to run on the main thread (stands in for the task)."""

    def __init__(self, algorithm, parameters: dict):
        self.algorithm = algorithm
        self.parameters = parameters
