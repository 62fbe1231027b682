"""The sample sheet of reclamationsample, built in core: rejected plots left out, one stratum per project,
the plots' own fields carried over and the sheet's columns added."""

from __future__ import annotations

import shapely

from land_supervision.core.reclamation.sample import SHEET_FIELDS, sample_sheet


def plots():
    # four 100 m x 100 m plots in EPSG:4549; DK3 rejected; a stale CYXH column from an earlier sheet
    geoms = [shapely.box(500000 + 200 * i, 3400000, 500100 + 200 * i, 3400100) for i in range(4)]
    columns = {"XMBH": ["A", "A", "A", "B"], "DKBH": ["DK1", "DK2", "DK3", "DK4"],
               "YSJL": ["合格", "待核实", "不合格", "合格"], "SBMJ": [15.0, 15.0, 15.0, 15.0], "CYXH": [9, 9, 9, 9]}
    fields = [("XMBH", "str"), ("DKBH", "str"), ("YSJL", "str"), ("SBMJ", "float"), ("CYXH", "int")]
    return geoms, columns, fields


def test_rejected_plots_left_out_and_each_project_drawn():
    geoms, columns, fields = plots()
    sheet = sample_sheet(geoms, columns, fields, "XMBH", "DKBH", "YSJL", ratio=0.5, min_per_project=1, seed=7)
    table = sheet.table
    # eligible: DK1, DK2 (A) and DK4 (B); A draws ceil(0.5 x 2) = 1, B draws its one plot
    assert (sheet.eligible, sheet.projects, len(table)) == (3, 2, 2)
    rows = sorted(zip(table.columns["XMBH"], table.columns["DKBH"], table.columns["CYZS"], table.columns["CYS"]))
    assert rows[0][0] == "A" and rows[0][1] in ("DK1", "DK2") and rows[0][2:] == (2, 1)
    assert rows[1] == ("B", "DK4", 1, 1)
    assert table.columns["CYXH"] == [1, 2]  # the sheet's own numbering, not the stale column
    assert table.field_names == ["XMBH", "DKBH", "YSJL", "SBMJ"] + [name for name, _ in SHEET_FIELDS]
    assert table.columns["CYZZ"] == [7, 7] and table.columns["CYFS"] == ["count", "count"]
    assert all(g.area == 10000 for g in table.geometry)


def test_rejected_plots_drawn_when_asked():
    geoms, columns, fields = plots()
    sheet = sample_sheet(geoms, columns, fields, "XMBH", "DKBH", "YSJL", include_rejected=True, ratio=1.0)
    assert sorted(sheet.table.columns["DKBH"]) == ["DK1", "DK2", "DK3", "DK4"]
    assert sheet.eligible == 4
