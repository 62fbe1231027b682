"""RunPanel runs an algorithm as a background task and reports results on the main thread."""



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
