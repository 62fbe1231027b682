"""make package: the ZIP passes the plugins.qgis.org upload checks and loads from a fresh profile."""

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT, qgis_python_env

LOADER = r"""
import sys
sys.path.insert(0, sys.argv[1])
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
import land_supervision
assert land_supervision.__file__.startswith(sys.argv[1]), land_supervision.__file__
plugin = land_supervision.classFactory(None)
plugin.initProcessing()
registry = QgsApplication.processingRegistry()
ids = sorted(a.id() for a in registry.providerById("landsupervision").algorithms())
print("ALGORITHMS", " ".join(ids))
from qgis.core import QgsProcessingContext, QgsProcessingFeedback
alg = registry.createAlgorithmById("landsupervision:createdemodata")
ok = alg.run({"OUTPUT": sys.argv[2], "SCALE": 0.05}, QgsProcessingContext(), QgsProcessingFeedback())
print("RUN", ok[1])
plugin.unload()
"""


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    out = tmp_path_factory.mktemp("pkg") / "land_supervision.zip"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py")], check=True, capture_output=True)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), "--output", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_zip_passes_upload_checks(package):
    sys.path.insert(0, str(ROOT / "scripts"))
    from package import check_zip

    assert check_zip(package) == []
    names = zipfile.ZipFile(package).namelist()
    assert "land_supervision/metadata.txt" in names and "land_supervision/LICENSE" in names
    assert "land_supervision/i18n/land_supervision_zh_CN.qm" in names
    assert not any(n.startswith(("tests/", "land_supervision/tests")) or n.endswith(".pyc") for n in names)
    assert package.stat().st_size < 25 * 1024 * 1024


def test_check_zip_catches_bad_archives(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from package import check_zip

    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("land_supervision/__init__.py", "")
        archive.writestr("land_supervision/__pycache__/x.pyc", "")
        archive.writestr("land_supervision/metadata.txt", "[general]\nname=x\nhomepage=placeholder\n")
    problems = "\n".join(check_zip(bad))
    assert "forbidden entry" in problems and "LICENSE" in problems and "missing version" in problems
    assert "homepage is not a URL" in problems


def test_unpacked_plugin_loads_in_a_fresh_profile(package, tmp_path):
    target = tmp_path / "plugins"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(target)
    env = qgis_python_env()
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(tmp_path / "profile")
    env.pop("QGIS_PLUGINPATH", None)
    result = subprocess.run(["/usr/bin/python3", "-c", LOADER, str(target), str(tmp_path / "x.gpkg")],
                            capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "landsupervision:createdemodata" in result.stdout
    assert (tmp_path / "x.gpkg").exists()
