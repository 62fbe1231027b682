"""landsupervision:reclamationcredits: the accepted projects' credits posted once, refused the second time,
and a layer that is not the acceptance's project summary refused with its name and missing fields."""

from __future__ import annotations

from decimal import Decimal

import processing
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from land_supervision.core.ledger import open_ledger
from tests.qgis.test_reclamation_dock import NAMES


@pytest.fixture(scope="module")
def projects_file(session_plugin, demo_gpkg, tmp_path_factory):
    """The acceptance's project summary in a GeoPackage (a module-wide memory layer would outlive QGIS)."""
    folder = tmp_path_factory.mktemp("credits")
    params = {key: f"{demo_gpkg}|layername={name}" for key, name in NAMES.items()}
    params.update({"OUTPUT_PLOTS": "memory:", "OUTPUT_PROJECTS": str(folder / "projects.gpkg"),
                   "OUTPUT_TOWNS": "memory:", "OUTPUT_CHAIN": "memory:"})
    return processing.run("landsupervision:reclamationacceptance", params)["OUTPUT_PROJECTS"]


def _layer(source: str) -> QgsVectorLayer:
    """A layer local to the test (a layer held by a fixture outlives QGIS when its test is the session's last)."""
    layer = QgsVectorLayer(source, "projects", "ogr")
    assert layer.isValid()
    return layer


def test_credits_posted_once(projects_file, tmp_path):
    projects = _layer(projects_file)
    accepted = [f for f in projects.getFeatures() if f["XMJL"] == "合格"]
    assert accepted
    # a project declared for both quotas (ZBLX both) earns two credits, the others one
    expected = sum(2 if f["ZBLX"] == "both" else 1 for f in accepted)
    ledger = str(tmp_path / "ledger.gpkg")
    first = processing.run("landsupervision:reclamationcredits", {"PROJECTS": projects, "LEDGER": ledger,
                                                                   "EVIDENCE": "run 1"})
    assert (first["POSTED"], first["REFUSED"]) == (expected, 0)
    with open_ledger(ledger) as book:
        linkage = sum(Decimal(f"{f['JYZBMJ']:.2f}") for f in accepted if f["ZBLX"] in ("linkage_surplus", "both"))
        assert book.balance("linkage_surplus", "area") == linkage
        assert {line["evidence"] for line in book.entries()} == {"run 1"}
    again = processing.run("landsupervision:reclamationcredits", {"PROJECTS": projects, "LEDGER": ledger})
    assert (again["POSTED"], again["REFUSED"]) == (0, expected)
    assert again["MESSAGE"].count("\n") == expected - 1 and "already" in again["MESSAGE"]


def test_not_a_project_summary(provider, demo_gpkg, tmp_path):
    towns = f"{demo_gpkg}|layername=demo_towns"  # a layer object would be kept alive by the error's traceback
    with pytest.raises(QgsProcessingException) as error:
        processing.run("landsupervision:reclamationcredits", {"PROJECTS": towns,
                                                               "LEDGER": str(tmp_path / "ledger.gpkg")})
    assert "demo_towns" in str(error.value) and "XMBH" in str(error.value)
    assert not (tmp_path / "ledger.gpkg").exists()


def test_through_qgis_process(projects_file, tmp_path):
    """The command line a bureau's script would use: the acceptance's project summary in a GeoPackage."""
    import json

    from tests.conftest import run_qgis_process

    saved = projects_file  # the acceptance wrote its project summary to a GeoPackage
    expected = sum(2 if f["ZBLX"] == "both" else 1 for f in _layer(saved).getFeatures() if f["XMJL"] == "合格")
    ledger = tmp_path / "ledger.gpkg"
    result = run_qgis_process("run", "landsupervision:reclamationcredits", "--json", "--", f"PROJECTS={saved}",
                              f"LEDGER={ledger}", "EVIDENCE=批复 2024-7")
    assert result.returncode == 0, result.stderr[-3000:]
    payload = json.loads(result.stdout[result.stdout.index("{"):])
    assert payload["results"]["POSTED"] == expected and payload["results"]["REFUSED"] == 0
    with open_ledger(str(ledger)) as book:
        assert {line["evidence"] for line in book.entries()} == {"批复 2024-7"}
