"""make package: the ZIP passes the plugins.qgis.org upload checks and loads from a fresh profile."""

import json
import os
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
        archive.writestr("land_supervision/metadata.txt", "[general]\nname=x\nhomepage=placeholder\nemail=no\n")
        archive.writestr("land_supervision/store.py", "def drop(db, table):\n"
                         "    try:\n        db.execute('DELETE FROM ' + table + ' WHERE 1')\n"
                         "    except Exception:\n        pass\n")
    problems = "\n".join(check_zip(bad))
    assert "forbidden entry" in problems and "LICENSE" in problems and "missing version" in problems
    assert "homepage is not a URL" in problems and "email is not an address" in problems
    assert "bandit B608 land_supervision/store.py:3:" in problems
    assert "bandit B110 land_supervision/store.py:4:" in problems
    assert "missing author" not in problems  # a local install ZIP needs no author
    assert "missing author" in "\n".join(check_zip(bad, upload=True, scan=False))


def test_plugin_code_is_bandit_clean():
    """plugins.qgis.org scans every upload with Bandit: no finding at any severity in the plugin."""
    result = subprocess.run([sys.executable, "-m", "bandit", "-q", "-r", "-f", "json", str(ROOT / "land_supervision")],
                            capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert [(r["test_id"], r["filename"], r["line_number"]) for r in report["results"]] == []
    assert report["errors"] == []
    assert report["metrics"]["_totals"]["loc"] > 10000  # it did scan the plugin


def test_repository_metadata_invents_no_contact():
    """No author, e-mail or web address in the repository's metadata.txt: they come only at upload time."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "land_supervision" / "metadata.txt", encoding="utf-8")
    general = parser["general"]
    assert not {"author", "email", "tracker", "repository", "homepage"} & set(general)
    assert general["qgisMinimumVersion"] == "3.22"


def test_upload_zip_is_refused_without_author_email_repository(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLUGIN_") and k != "UPLOAD"}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), "--upload", "--output",
                             str(tmp_path / "u.zip"), "--author", "Someone"], capture_output=True, text=True,
                            cwd=ROOT, env=env)
    assert result.returncode == 2
    assert "--email (or PLUGIN_EMAIL) is required" in result.stderr
    assert "--repository (or PLUGIN_REPOSITORY) is required" in result.stderr
    assert not (tmp_path / "u.zip").exists()


def test_upload_zip_carries_the_supplied_fields(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from package import check_zip, unreachable

    env = dict(os.environ, UPLOAD="1", PLUGIN_AUTHOR="Test Publisher", PLUGIN_EMAIL="publisher@example.org",
               PLUGIN_REPOSITORY="https://example.org/land_supervision")
    out = tmp_path / "u.zip"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), "--output", str(out),
                             "--no-url-check"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    text = zipfile.ZipFile(out).read("land_supervision/metadata.txt").decode("utf-8")
    assert "\nauthor=Test Publisher\n" in text and "\nemail=publisher@example.org\n" in text
    assert "\ntracker=https://example.org/land_supervision/issues\n" in text
    assert "\nhomepage=https://example.org/land_supervision\n" in text
    assert check_zip(out, upload=True, scan=False) == []
    assert unreachable(["ftp://example.org/x"]) == ["ftp://example.org/x: not http(s)"]


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
