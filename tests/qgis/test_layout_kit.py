"""The print-layout kit renders a real PDF with CJK text, a map, a legend and a table flowing to a second page."""

import subprocess
import unicodedata

from qgis.core import QgsProject, QgsVectorLayer

from land_supervision.reports import layout_kit as kit


def test_pdf_with_map_and_long_table(tmp_path, demo_gpkg):
    project = QgsProject()
    towns = QgsVectorLayer(f"{demo_gpkg}|layername=demo_towns", "镇街道 towns", "ogr")
    assert towns.isValid()
    project.addMapLayer(towns)
    layout = kit.new_layout(project, "test")
    y = kit.add_title(layout, "平湖市测试报告", "合成演示数据 synthetic")
    map_item = kit.add_map(layout, [towns], towns.extent(), kit.MARGIN, y, 186, 120, crs=towns.crs())
    kit.add_legend(layout, map_item, kit.MARGIN + 2, y + 2, layers=[towns])
    kit.add_scalebar(layout, map_item, kit.MARGIN + 2, y + 110)
    kit.add_north_arrow(layout, 180, y + 2)
    rows = [[f"乡镇{i}", f"{i * 1.5:.2f}"] for i in range(120)]
    kit.add_table(layout, ["名称 name", "面积 亩"], rows, kit.MARGIN, y + 125, 186, 130, column_widths=[90, 60])
    path = kit.export_pdf(layout, str(tmp_path / "kit.pdf"))
    assert layout.pageCollection().pageCount() >= 2
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    text = unicodedata.normalize("NFKC", text)
    assert "平湖市测试报告" in text and "乡镇119" in text


def test_export_to_unwritable_path_raises():
    project = QgsProject()
    layout = kit.new_layout(project, "x")
    try:
        kit.export_pdf(layout, "/proc/no-such-place/x.pdf")
    except RuntimeError as err:
        assert "PDF" in str(err)
    else:
        raise AssertionError("no error for an unwritable path")


def test_map_and_scalebar_of_an_empty_layer(tmp_path):
    """An empty layer's extent (NaN in QGIS 3.40, null in 3.22) gives a blank map, not an error."""
    import math

    project = QgsProject()
    empty = QgsVectorLayer("Polygon?crs=EPSG:4549", "empty", "memory")
    project.addMapLayer(empty)
    layout = kit.new_layout(project, "empty")
    map_item = kit.add_map(layout, [empty], empty.extent(), kit.MARGIN, 20, 186, 120, crs=empty.crs())
    extent = map_item.extent()
    assert all(math.isfinite(v) for v in (extent.xMinimum(), extent.yMinimum(), extent.width(), extent.height()))
    assert extent.width() > 0
    bar = kit.add_scalebar(layout, map_item, kit.MARGIN + 2, 130)
    assert math.isfinite(bar.unitsPerSegment()) and bar.unitsPerSegment() > 0
    assert kit.export_pdf(layout, str(tmp_path / "empty.pdf"))
