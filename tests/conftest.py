"""Test set-up: the repository root on sys.path, the plugin loaded as QGIS loads it, shared fixtures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PROJ_DATA", "/usr/share/proj")

QGIS_PROCESS = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"


@pytest.fixture(autouse=True)
def messages_in_both_languages():
    """Each test starts with no language chosen (messages read "中文 / English"), whatever loading the plugin
    chose from the machine's locale; a test of one language sets it."""
    from land_supervision.core import messages

    messages.set_language(None)
    yield
    messages.set_language(None)


@pytest.fixture(scope="session")
def session_plugin(qgis_app, qgis_processing, qgis_iface):
    """The plugin loaded as QGIS loads it (classFactory + initProcessing), for the whole session."""
    import land_supervision

    plugin = land_supervision.classFactory(qgis_iface)
    plugin.initProcessing()
    yield plugin
    plugin.unload()
    # Layers left in reference cycles (an error's traceback and its frames) go while QGIS still runs: deleted
    # after exitQgis, an OGR layer crashes the interpreter on its way out. Tests keep their layers local for
    # the same reason (a fixture's value is released only after the session's fixtures are torn down).
    import gc

    gc.collect()


@pytest.fixture
def provider(session_plugin):
    """The plugin's registered Processing provider."""
    from qgis.core import QgsApplication

    session_plugin.initProcessing()  # a test may have unloaded it
    return QgsApplication.processingRegistry().providerById("landsupervision")


@pytest.fixture(scope="session")
def demo_gpkg_master(tmp_path_factory, session_plugin) -> Path:
    """The demo GeoPackage at scale 1, seed 2021, made once per session through processing.run."""
    import processing

    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    processing.run("landsupervision:createdemodata", {"OUTPUT": str(path), "SCALE": 1, "SEED": 2021})
    return path


@pytest.fixture(scope="module")
def demo_gpkg(demo_gpkg_master, tmp_path_factory) -> Path:
    """A private copy of the demo GeoPackage per test module.

    Seen: after several modules' algorithms had read layers of one shared GeoPackage in this process, GDAL
    could no longer open further layers of that file ("unable to open database file"); a copy per module
    keeps one module's open connections from affecting the next.
    """
    path = tmp_path_factory.mktemp("demo_copy") / "demo.gpkg"
    shutil.copyfile(demo_gpkg_master, path)
    return path


def wait_for(condition, timeout: float = 120.0) -> bool:
    """Process Qt events until ``condition()`` holds (background tasks report on the main thread)."""
    import time

    from qgis.core import QgsApplication

    end = time.time() + timeout
    while not condition() and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.01)
    return condition()


def qgis_python_env() -> dict:
    """Environment for a QGIS process: the plugin on QGIS_PLUGINPATH, this venv's packages (shapely 2)."""
    site = sysconfig.get_paths()["purelib"]
    pythonpath = os.pathsep.join(p for p in (site, os.environ.get("PYTHONPATH", "")) if p)
    env = dict(os.environ, QGIS_PLUGINPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", PYTHONPATH=pythonpath)
    # pytest-qgis points these at its own temporary profile; qgis_process must use the one `make setup`
    # enabled the plugin in.
    for key in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(key, None)
    return env


def run_qgis_process(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run qgis_process.bin with the plugin on QGIS_PLUGINPATH (enabled by `make setup`)."""
    env = qgis_python_env()
    return subprocess.run([QGIS_PROCESS, *args], capture_output=True, text=True, timeout=timeout, env=env)
