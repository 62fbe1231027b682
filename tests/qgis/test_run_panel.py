"""RunPanel runs an algorithm as a background task (on the main thread if it says NoThreading) and reports
results on the main thread."""



from land_supervision.ui.run_panel import RunPanel
from tests.conftest import wait_for


def test_runs_and_reports(provider, tmp_path):
    panel = RunPanel("Run")
    seen = []
    out = tmp_path / "p.gpkg"
    assert panel.start("landsupervision:createdemodata", {"OUTPUT": str(out), "SCALE": 0.05, "SEED": 1},
                       lambda ok, results, context: seen.append((ok, results)))
    assert not panel.run_button.isEnabled()
    assert wait_for(lambda: seen)
    ok, results = seen[0]
    assert ok and results["OUTPUT"] == str(out) and out.exists()
    assert panel.progress.value() == 100 and panel.run_button.isEnabled()


def test_failure_is_reported(provider):
    panel = RunPanel("Run")
    seen = []
    panel.start("landsupervision:createdemodata", {"OUTPUT": "/nonexistent-dir/x.gpkg", "SCALE": 0.05},
                lambda ok, results, context: seen.append(ok))
    assert wait_for(lambda: seen)
    assert seen == [False]
    assert "Cannot write" in panel.status.text() or "无法写入" in panel.status.text()


def test_unknown_algorithm(provider):
    panel = RunPanel("Run")
    assert not panel.start("landsupervision:nosuchthing", {})
    assert "nosuchthing" in panel.status.text()


LAYOUT_ALGORITHMS = ("ledgerstatement", "zoningmap", "patchatlas", "reclamationreport", "precheckreport")


def test_layout_algorithms_run_on_the_main_thread_only(provider):
    from land_supervision.qgis_compat import ProcessingAlgorithmFlag

    for name in LAYOUT_ALGORITHMS:
        assert provider.algorithm(name).flags() & ProcessingAlgorithmFlag.NoThreading, name
    assert not provider.algorithm("createdemodata").flags() & ProcessingAlgorithmFlag.NoThreading


def _stepping(calls: list):
    """A processAlgorithm that notes its thread and counts 1000 progress steps, stopping when canceled."""
    from qgis.PyQt.QtCore import QCoreApplication, QThread

    def process(self, parameters, context, feedback):
        calls.append(("main thread", QThread.currentThread() == QCoreApplication.instance().thread()))
        for step in range(1000):
            if feedback.isCanceled():
                calls.append(("stopped at", step))
                return {}
            feedback.setProgress(step / 10)
        calls.append(("stopped at", 1000))
        return {"SUMMARY": "all steps"}

    return process


def test_no_threading_algorithm_runs_on_the_main_thread(provider, monkeypatch, tmp_path):
    from land_supervision.algorithms.ledger.statement import LedgerStatement

    calls, seen = [], []
    monkeypatch.setattr(LedgerStatement, "processAlgorithm", _stepping(calls))
    panel = RunPanel("Run")
    assert panel.start("landsupervision:ledgerstatement", {"LEDGER": str(tmp_path / "l.gpkg")},
                       lambda ok, results, context: seen.append((ok, results)))
    assert calls == [] and panel.is_running() and not panel.run_button.isEnabled()  # runs after start returns
    assert wait_for(lambda: seen)
    assert calls == [("main thread", True), ("stopped at", 1000)]
    assert seen[0][0] and seen[0][1]["SUMMARY"] == "all steps"
    assert panel.progress.value() == 100 and panel.run_button.isEnabled() and not panel.is_running()


def test_no_threading_algorithm_is_canceled_from_the_panel(provider, monkeypatch, tmp_path):
    from qgis.PyQt.QtCore import QMetaObject, Qt

    from land_supervision.algorithms.ledger.statement import LedgerStatement

    calls, seen = [], []
    monkeypatch.setattr(LedgerStatement, "processAlgorithm", _stepping(calls))
    panel = RunPanel("Run")
    assert panel.start("landsupervision:ledgerstatement", {"LEDGER": str(tmp_path / "l.gpkg")},
                       lambda ok, results, context: seen.append((ok, results)))

    def click_cancel_at_ten_percent(value):  # a posted event, as a user's click: only the run's processEvents
        if value >= 10 and not clicked:      # can deliver it while the algorithm is running
            clicked.append(value)
            QMetaObject.invokeMethod(panel.cancel_button, "click", Qt.ConnectionType.QueuedConnection)

    clicked = []
    panel.feedback.progressChanged.connect(click_cancel_at_ten_percent)
    assert wait_for(lambda: seen)
    assert calls[0] == ("main thread", True)
    # posted at step 100 (10 %) after that step's processEvents, delivered by step 101's, seen by the check
    # before step 102: the run stopped there, not after 1000 steps
    assert clicked == [10.0] and calls[1] == ("stopped at", 102)
    assert seen == [(False, {})]
    assert panel.status.text() in ("Canceled", "已取消") and panel.run_button.isEnabled()


def test_one_main_thread_run_at_a_time(provider, monkeypatch, tmp_path):
    """A second dock's print started while the first one is between two of its steps (events are processed
    then) waits for it, saying so, instead of running inside it."""
    from land_supervision.algorithms.ledger.statement import LedgerStatement

    order = []

    def process(self, parameters, context, feedback):
        name = parameters["DATE_FROM"]
        order.append(f"{name} begins")
        for step in range(200):
            feedback.setProgress(step / 2)
        order.append(f"{name} ends")
        return {"SUMMARY": name}

    monkeypatch.setattr(LedgerStatement, "processAlgorithm", process)
    first, second = RunPanel("Run"), RunPanel("Run")
    seen = []
    waiting = []
    assert first.start("landsupervision:ledgerstatement", {"LEDGER": str(tmp_path / "l.gpkg"), "DATE_FROM": "A"},
                       lambda ok, results, context: seen.append(results.get("SUMMARY")))
    first.progress.valueChanged.connect(  # the second is asked for while the first runs
        lambda value: value == 10 and second.start(
            "landsupervision:ledgerstatement", {"LEDGER": str(tmp_path / "l.gpkg"), "DATE_FROM": "B"},
            lambda ok, results, context: seen.append(results.get("SUMMARY"))))
    first.progress.valueChanged.connect(lambda value: value == 50 and waiting.append(second.status.text()))
    assert wait_for(lambda: len(seen) == 2)
    assert order == ["A begins", "A ends", "B begins", "B ends"]
    assert seen == ["A", "B"]
    assert waiting and ("Waiting" in waiting[0] or "等待" in waiting[0])
