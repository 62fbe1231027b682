"""reclamationreport: a real PDF with every project, the Chinese reasons and the sample seed."""

import subprocess

import processing
import pytest
from qgis.core import QgsProcessingException

from tests.qgis.test_reclamation_algorithms import params


@pytest.fixture(scope="module")
def report(demo_gpkg, session_plugin, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    checked = processing.run("landsupervision:reclamationacceptance", params(demo_gpkg))
    sample = processing.run("landsupervision:reclamationsample", {"INPUT": checked["OUTPUT_PLOTS"], "SEED": 4242,
                                                                  "OUTPUT": "memory:"})
    result = processing.run("landsupervision:reclamationreport", {
        "PLOTS": checked["OUTPUT_PLOTS"], "PROJECTS": checked["OUTPUT_PROJECTS"], "SAMPLE": sample["OUTPUT"],
        "CHAIN": checked["OUTPUT_CHAIN"], "OUTPUT": str(out / "report.pdf")})
    text = subprocess.run(["pdftotext", result["OUTPUT"], "-"], capture_output=True, text=True,
                          check=True).stdout
    assert not [c for c in text if 0x2E80 <= ord(c) < 0x2FE0], "CJK radicals in the extracted text"  # no NFKC needed
    return result, text, checked


def test_report_pages_and_content(report):
    result, text, checked = report
    # pdftotext loses digits that follow Latin letters in Qt's PDF text (ids like FK2022-01; reported to the
    # lead), so the check uses the Chinese project names, which extract whole
    projects = [f["XMMC"] for f in checked["OUTPUT_PROJECTS"].getFeatures()]
    assert result["PAGES"] >= 3 + len(projects)
    for name in projects:
        assert name in text
    assert "建设用地复垦验收核查报告" in text
    assert "复垦目标地类不是耕地" in text  # a reason in Chinese
    assert "随机种子：4242" in text and "随机抽查实地核查表" in text
    assert "基期建设用地占比不足" in text
    # the area chain by step on every project page, split into 农用地 and 耕地 by kind, with its source
    assert text.count("面积链环节") == len(projects) and text.count("省厅核减") >= len(projects)
    assert "平均质量等别" in text and "面积链台账" in text and "本次核算" in text and "项目图层" in text


def test_report_refuses_a_chain_table_that_is_not_the_output(report, demo_gpkg, tmp_path):
    _, _, checked = report
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:reclamationreport", {
            "PLOTS": checked["OUTPUT_PLOTS"], "PROJECTS": checked["OUTPUT_PROJECTS"],
            "CHAIN": f"{demo_gpkg}|layername=demo_reclamation_chain", "OUTPUT": str(tmp_path / "x.pdf")})
    assert "demo_reclamation_chain" in str(err.value) and "HJXH" in str(err.value)


def test_report_refuses_a_layer_that_is_not_checked(demo_gpkg, provider, tmp_path):
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:reclamationreport", {
            "PLOTS": f"{demo_gpkg}|layername=demo_reclamation_plots",
            "PROJECTS": f"{demo_gpkg}|layername=demo_reclamation_projects", "OUTPUT": str(tmp_path / "x.pdf")})
    assert "YSJL" in str(err.value)
