"""landsupervision:patchatlas on the demo data: cover + one page per patch, Chinese text, maps with content."""

from __future__ import annotations

import subprocess

import processing
import pytest
from qgis.core import QgsProcessingException

from tests.qgis.test_patrol_native_overlaps import APPROVAL_LAYERS, demo_params


@pytest.fixture(scope="module")
def reconciled(demo_gpkg, tmp_path_factory, session_plugin):
    folder = tmp_path_factory.mktemp("patrol_atlas")
    return processing.run("landsupervision:patchreconciliation", demo_params(demo_gpkg, folder)), folder


def test_atlas_pages_and_text(reconciled, demo_gpkg, provider):
    results, folder = reconciled
    layer = f"{demo_gpkg}|layername="
    out = processing.run("landsupervision:patchatlas", {
        "PATCHES": results["OUTPUT"], "TOWNS": results["OUTPUT_TOWNS"], "BASELINE": layer + "demo_baseline_dltb",
        "APPROVALS": [layer + f"demo_approvals_{s}" for s in APPROVAL_LAYERS], "OUTPUT": str(folder / "atlas.pdf")})
    assert out["PAGE_COUNT"] == 1 + 40
    text = subprocess.run(["pdftotext", out["OUTPUT"], "-"], capture_output=True, text=True, check=True).stdout
    assert not [c for c in text if 0x2E80 <= ord(c) < 0x2FE0], "CJK radicals in the extracted text"  # no NFKC needed
    assert "平湖市卫片执法图斑核查报告" in text and "耕占比" in text and "当湖街道" in text
    # one page per patch, discrepancies quoted (pdftotext loses some digits that Qt writes in these fonts, so
    # the JCBH is matched on its prefix; the pages show it whole)
    assert text.count("卫片执法图斑核查 3304822021Q") == 40 and "批准范围仅覆盖图斑" in text
    pages = text.count("\f")
    assert pages >= 41
    # the first patch page (discrepancies first) has a map with something drawn in it
    png = folder / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "2", "-l", "2", out["OUTPUT"], str(png)], check=True)
    from qgis.PyQt.QtGui import QImage

    image = QImage(str(next(folder.glob("page*.png"))))
    colours = {image.pixel(x, y) for x in range(40, image.width() - 40, 7) for y in range(60, image.height() // 2, 7)}
    assert len(colours) > 5


def test_atlas_refuses_layers_that_are_not_reconciled(demo_gpkg, tmp_path, provider):
    layer = f"{demo_gpkg}|layername="
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:patchatlas", {"PATCHES": layer + "demo_patches", "TOWNS": layer + "demo_towns",
                                                      "OUTPUT": str(tmp_path / "x.pdf")})
    assert "ZZJG" in str(err.value)
