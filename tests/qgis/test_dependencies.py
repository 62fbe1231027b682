"""What QGIS's Python lacks: one notice naming it (no traceback), the install into the profile's private
dependencies folder for real, the version floor, and the entry modules readable by an old Python."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QPushButton

import land_supervision
from land_supervision import install_dependencies as deps
from land_supervision.dependency_notice import DependencyNotice, hint_text
from tests.conftest import ROOT, wait_for

PLUGIN = ROOT / "land_supervision"
SYSTEM_PYTHON = "/usr/bin/python3"


class _Hide:
    """A meta-path finder for which the named top-level packages do not exist."""

    def __init__(self, *names: str):
        self.names = names

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


@pytest.fixture
def without(monkeypatch):
    """Hide packages from this process for one test (sys.modules and sys.meta_path restored after)."""

    def hide(*names: str):
        for key in [k for k in sys.modules if k.split(".")[0] in names]:
            monkeypatch.delitem(sys.modules, key)
        monkeypatch.setattr(sys, "meta_path", [_Hide(*names), *sys.meta_path])

    return hide


@pytest.fixture
def chinese():
    subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py")], check=True, capture_output=True)
    from land_supervision.translation import install_translator

    translator = install_translator("zh_CN")
    yield
    QCoreApplication.removeTranslator(translator)


def test_missing_shapely_loads_the_notice_naming_it(without, qgis_iface, monkeypatch):
    monkeypatch.setattr(deps, "has_pip", lambda python: True)
    monkeypatch.setattr(deps, "build_prerequisites", lambda specs: [])
    without("shapely")
    plugin = land_supervision.classFactory(qgis_iface)
    assert isinstance(plugin, DependencyNotice)
    assert [p.describe() for p in plugin.problems] == ["shapely>=2"]
    assert plugin.problems[0].pip == ("shapely>=2",)
    plugin.initGui()  # no traceback: a message bar entry with an Install button
    message = plugin.message()
    assert message.startswith("Land Supervision is not loaded: QGIS's Python lacks shapely>=2.")
    assert "Install puts it into" in message and str(plugin.folder) in message
    assert str(plugin.folder).endswith(os.path.join("python", "dependencies"))
    assert [b.objectName() for b in plugin.widget.findChildren(QPushButton)] == ["LandSupervisionInstall"]
    plugin.unload()


def test_without_a_window_the_notice_gives_the_command(without, monkeypatch):
    monkeypatch.setattr(deps, "has_pip", lambda python: True)
    monkeypatch.setattr(deps, "build_prerequisites", lambda specs: [])
    without("shapely")
    plugin = land_supervision.classFactory(None)  # as qgis_process loads it
    plugin.initProcessing()
    script = PLUGIN / "install_dependencies.py"
    assert plugin.message() == ("Land Supervision is not loaded: QGIS's Python lacks shapely>=2. Install it with: "
                                f"{plugin.python} {script} --target {plugin.folder}")
    plugin.unload()


def test_notice_in_chinese_with_what_to_install_first(without, qgis_iface, monkeypatch, chinese):
    monkeypatch.setattr(deps, "has_pip", lambda python: False)
    monkeypatch.setattr(deps, "build_prerequisites", lambda specs: ["libgeos-dev"])
    monkeypatch.setattr(deps, "LINUX", True)
    without("shapely", "openpyxl")
    plugin = land_supervision.classFactory(qgis_iface)
    assert [p.describe() for p in plugin.problems] == ["shapely>=2", "openpyxl"]
    assert plugin.hints == ["python3-pip", "libgeos-dev"]
    assert not plugin.can_install()
    assert plugin.message() == ("国土空间监管工具箱未加载：QGIS 的 Python 缺少 shapely>=2; openpyxl。"
                                " 请先安装：sudo apt install python3-pip libgeos-dev；然后重启 QGIS。")
    plugin.initGui()
    assert plugin.widget.findChildren(QPushButton) == []
    plugin.unload()


def _notice_running(command, monkeypatch, qgis_iface, tmp_path):
    """A notice whose Install runs ``command`` instead of pip (the task machinery for real)."""
    monkeypatch.setattr(deps, "install_command", lambda python, target: command)
    notice = DependencyNotice(qgis_iface, problems=[deps.Problem("openpyxl", pip=("openpyxl",))],
                              folder=tmp_path / "dependencies")
    notice.python, notice.hints = sys.executable, []
    notice.initGui()
    return notice


def test_install_task_reports_success_from_the_final_check(monkeypatch, qgis_iface, tmp_path):
    script = ("print('Collecting openpyxl'); print('Successfully installed openpyxl-3.1.5'); "
              f"print({deps.RESULT!r} + '{{\"missing\": [], \"target\": \"x\"}}')")
    notice = _notice_running([sys.executable, "-c", script], monkeypatch, qgis_iface, tmp_path)
    task = notice.install()
    assert task is not None and notice.install() is None  # one at a time
    assert wait_for(lambda: notice.task is None)
    assert task.still_missing() == [] and task.progress() == 100
    assert notice.last_result == f"Installed into {tmp_path / 'dependencies'}. Restart QGIS to load Land Supervision."
    assert notice.widget is None  # the Install offer is gone
    notice.unload()


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_install_task_can_be_canceled_and_stops_pip_too(monkeypatch, qgis_iface, tmp_path):
    """Cancel ends the script and what it started (as install_dependencies.py starts pip)."""
    script = ("import subprocess, sys, time; child = subprocess.Popen([sys.executable, '-c', "
              "'import time; time.sleep(600)']); print('CHILD', child.pid, flush=True); "
              "print('Collecting shapely>=2', flush=True); time.sleep(600)")
    notice = _notice_running([sys.executable, "-c", script], monkeypatch, qgis_iface, tmp_path)
    task = notice.install()
    assert wait_for(lambda: task.progress() >= 30)  # the line arrived while the process still runs
    child = int(next(line for line in task.output if line.startswith("CHILD")).split()[1])
    assert _running(child)
    task.cancel()
    assert wait_for(lambda: notice.task is None)
    assert task.returncode is None
    assert notice.last_result == "Installation canceled."
    assert wait_for(lambda: not _running(child))
    notice.unload()


def test_install_task_that_fails_says_what_is_still_missing(monkeypatch, qgis_iface, tmp_path):
    script = (f"print({deps.RESULT!r} + '{{\"missing\": [\"shapely>=2\"], \"target\": \"x\"}}'); "
              "raise SystemExit(1)")
    notice = _notice_running([sys.executable, "-c", script], monkeypatch, qgis_iface, tmp_path)
    notice.install()
    assert wait_for(lambda: notice.task is None)
    assert notice.last_result == ("The installation did not finish; still missing: shapely>=2. pip's output is in the "
                                  "log panel under Land Supervision.")
    notice.unload()


def test_hint_text_joins_packages_into_one_apt_command(monkeypatch):
    monkeypatch.setattr(deps, "LINUX", True)
    assert hint_text(["python3-pip", "gcc", "remove the numpy that shadows QGIS's (numpy 2.2 in /x)"]) == \
        "sudo apt install python3-pip gcc; remove the numpy that shadows QGIS's (numpy 2.2 in /x)"
    monkeypatch.setattr(deps, "LINUX", False)
    assert hint_text(["pip for QGIS's Python (python -m ensurepip)"]) == "pip for QGIS's Python (python -m ensurepip)"


def test_too_old_qgis_or_python_says_so(qgis_iface, monkeypatch):
    from qgis.core import Qgis

    monkeypatch.setattr(land_supervision, "MIN_PYTHON", (3, 99))
    plugin = land_supervision.classFactory(qgis_iface)
    assert isinstance(plugin, DependencyNotice) and plugin.problems == []
    python = "{}.{}.{}".format(*sys.version_info[:3])
    assert plugin.message() == (f"Land Supervision needs QGIS 3.22 or newer with Python 3.9 or newer; this is QGIS "
                                f"{Qgis.QGIS_VERSION.split('-')[0]} with Python {python}, so the plugin is not loaded.")
    plugin.initGui()
    plugin.unload()
    monkeypatch.setattr(land_supervision, "MIN_PYTHON", (3, 9))
    monkeypatch.setattr(land_supervision, "MIN_QGIS", (99, 0))
    assert isinstance(land_supervision.classFactory(qgis_iface), DependencyNotice)


def test_gdal_array_that_does_not_load_is_reported_and_skips_the_arrow_read(monkeypatch):
    import osgeo

    from land_supervision.algorithms import fast_read

    monkeypatch.delattr(osgeo, "gdal_array", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_GdalArrayFails(), *sys.meta_path])
    monkeypatch.delitem(sys.modules, "osgeo.gdal_array", raising=False)
    assert fast_read._arrow_available() is False
    problems = deps.check(None)
    assert [p.name for p in problems] == ["GDAL gdal_array + numpy"]
    assert "numpy.core.multiarray failed to import" in problems[0].found
    assert problems[0].hint.startswith("remove the numpy that shadows QGIS's (numpy ")


class _GdalArrayFails:
    """osgeo.gdal_array failing as it does under a numpy it was not built for."""

    def find_spec(self, name, path=None, target=None):
        if name == "osgeo.gdal_array":
            raise ImportError("numpy.core.multiarray failed to import")
        return None


def test_entry_modules_parse_as_python_37():
    """An old QGIS must be able to read what it imports first, to show the version notice."""
    for name in ("__init__.py", "dependency_notice.py", "install_dependencies.py", "translation.py"):
        ast.parse((PLUGIN / name).read_text(encoding="utf-8"), filename=name, feature_version=(3, 7))


@pytest.mark.skipif(not os.path.exists(SYSTEM_PYTHON), reason="needs the system Python QGIS uses")
def test_install_into_a_profile_then_qgis_loads_the_plugin_from_it(tmp_path):
    """The headless command into a fresh profile, then a QGIS process with that profile and nothing on
    PYTHONPATH: shapely >= 2 comes from the dependencies folder (when the system lacks it) and works."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QGIS_PLUGINPATH")}
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(tmp_path / "config")
    folder = tmp_path / "config" / "profiles" / "default" / "python" / "dependencies"
    before = subprocess.run([SYSTEM_PYTHON, str(PLUGIN / "install_dependencies.py"), "--check"],
                            capture_output=True, text=True, env=env)
    result = subprocess.run([SYSTEM_PYTHON, str(PLUGIN / "install_dependencies.py")],
                            capture_output=True, text=True, env=env, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert result.stdout.rstrip().splitlines()[-1] == deps.RESULT + \
        f'{{"missing": [], "target": "{folder}"}}'
    if "missing: shapely>=2" in before.stdout:
        assert "--no-binary shapely" in result.stdout  # built against the system GEOS
        assert list(folder.glob("shapely-2.*.dist-info"))
        assert not list(folder.glob("numpy*"))  # QGIS's numpy stays the one in use
    loader = (
        "import sys\n"
        "from qgis.core import QgsApplication\n"
        "app = QgsApplication([], False)\n"
        "app.initQgis()\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import land_supervision\n"
        "plugin = land_supervision.classFactory(None)\n"
        "print('PLUGIN', type(plugin).__name__)\n"
        "import numpy, shapely\n"
        "print('SHAPELY', shapely.__version__, shapely.__file__)\n"
        "print('SHAPELY2', hasattr(shapely, 'get_coordinates'))\n"
        "print('NUMPY', numpy.__file__)\n"
        "print('CONTAINS', shapely.contains_xy(shapely.box(0, 0, 2, 2), 1, 1))\n"
        "plugin.initProcessing()\n"
        "print('ALGS', len(QgsApplication.processingRegistry().providerById('landsupervision').algorithms()))\n"
        "plugin.unload()\n"
    )
    run = subprocess.run([SYSTEM_PYTHON, "-c", loader], capture_output=True, text=True, env=env, timeout=300,
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in run.stdout.splitlines() if " " in line)
    assert lines["PLUGIN"] == "LandSupervisionPlugin"
    assert lines["SHAPELY2"] == "True"  # by API: Debian unstable's shapely 2.2 reports version "0+unknown"
    if list(folder.glob("shapely-2.*.dist-info")):
        assert lines["SHAPELY"].split(" ", 1)[1].startswith(str(folder))
    assert not lines["NUMPY"].startswith(str(folder))
    assert lines["CONTAINS"] == "True"
    assert int(lines["ALGS"]) > 10
