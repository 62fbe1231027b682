"""The print-layout kit renders a real PDF with CJK text, a map, a legend and a table flowing to a second page."""

import subprocess

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
    # every CJK character as itself, no NFKC folding of Kangxi radicals (片 once came out as ⽚)
    assert not [c for c in text if 0x2E80 <= ord(c) < 0x2FE0], "CJK radicals in the extracted text"
    assert "平湖市测试报告" in text and "乡镇119" in text and "面积 亩" in text


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


def _xref_consistent(data: bytes) -> bool:
    """Every in-use xref entry of every section points at its object; each startxref at an xref table."""
    import re

    for match in re.finditer(rb"startxref\s+(\d+)", data):
        if data[int(match.group(1)): int(match.group(1)) + 4] != b"xref":
            return False
    for table in re.finditer(rb"\nxref\n((?:\d+ \d+\r?\n(?:\d{10} \d{5} [nf] ?\r?\n)+)+)", data):
        for sub in re.finditer(rb"(\d+) (\d+)\r?\n((?:\d{10} \d{5} [nf] ?\r?\n)+)", table.group(1)):
            first = int(sub.group(1))
            for i, row in enumerate(re.findall(rb"(\d{10}) \d{5} ([nf])", sub.group(3))):
                if row[1] == b"n" and not data[int(row[0]):].startswith(b"%d 0 obj" % (first + i)):
                    return False
    return True


def test_radicals_in_the_pdf_text_map_become_ideographs(tmp_path):
    """Qt maps shared glyphs to the first code point (the Kangxi radical); the export corrects the map."""
    from land_supervision.qgis_compat import LayoutExportResult
    from land_supervision.reports.pdf_text import fix_cmap, make_text_searchable

    project = QgsProject()
    layout = kit.new_layout(project, "radicals")
    kit.add_title(layout, "卫片 山 自 面积 一", "片区")
    raw = str(tmp_path / "raw.pdf")
    exporter = kit.QgsLayoutExporter(layout)
    settings = kit.QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = kit.TextRenderFormat.AlwaysText
    assert exporter.exportToPdf(raw, settings) == LayoutExportResult.Success
    before = subprocess.run(["pdftotext", raw, "-"], capture_output=True, text=True, check=True).stdout
    assert "⽚" in before and "卫片" not in before  # what Qt writes: 片 as KANGXI RADICAL SLICE (U+2F5A)
    assert _xref_consistent(open(raw, "rb").read())
    assert make_text_searchable(raw) >= 1
    after = subprocess.run(["pdftotext", raw, "-"], capture_output=True, text=True, check=True).stdout
    assert "卫片 山 自 面积 一" in after and "片区" in after
    assert not [c for c in after if 0x2E80 <= ord(c) < 0x2FE0]
    assert _xref_consistent(open(raw, "rb").read())
    assert make_text_searchable(raw) == 0  # nothing left to change

    cmap = (b"2 beginbfchar\n<0001> <2F5A>\n<0002> <0041>\nendbfchar\n"
            b"2 beginbfrange\n<0003> <0004> <2F2D>\n<0005> <0006> [<2F83> <7247>]\nendbfrange\n")
    fixed = fix_cmap(cmap)
    assert b"<0001> <7247>" in fixed and b"<0002> <0041>" in fixed
    assert b"<0003> <0004> [<5C71> <5DDB> ]" in fixed  # 山 and 巛 (⼮ after ⼭) spelled out
    assert b"<0005> <0006> [<81EA> <7247> ]" in fixed


def test_searchable_fix_keeps_a_grown_pdf_consistent(tmp_path):
    """A map that grows (a range spelled out) moves every later object, /Prev and startxref with it (QGIS
    appends an update with the Info dictionary: two xref tables)."""
    from land_supervision.reports.pdf_text import make_text_searchable

    project = QgsProject()
    layout = kit.new_layout(project, "grow")
    kit.add_title(layout, "山", "x")
    path = str(tmp_path / "grow.pdf")
    exporter = kit.QgsLayoutExporter(layout)
    settings = kit.QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = kit.TextRenderFormat.AlwaysText
    exporter.exportToPdf(path, settings)
    data = open(path, "rb").read()
    assert b"<0001> <0001> <2F2D>" in data  # Qt's own range form for one glyph: 山 as ⼭
    assert _xref_consistent(data)
    assert make_text_searchable(path) == 1
    fixed = open(path, "rb").read()
    assert len(fixed) != len(data) and _xref_consistent(fixed)
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    assert "山" in text and "⼭" not in text
