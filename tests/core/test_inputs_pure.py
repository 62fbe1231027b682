"""The pure parts of the input reader: coordinates against the CRS, numbers stored as text, unusable rings."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from land_supervision.core.messages import InputError
from land_supervision.inputs.geometry import check_usable, unusable_rows
from land_supervision.inputs.numbers import numeric_column, text_number
from land_supervision.inputs.plausible import crs_mismatch

P4549 = "+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"
P4528 = "+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=40500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"
P4527 = "+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"
P4490 = "+proj=longlat +ellps=GRS80 +no_defs"
PINGHU_4549 = (595_000.0, 3_370_000.0, 625_000.0, 3_400_000.0)
PINGHU_4528 = (40_595_000.0, 3_370_000.0, 40_625_000.0, 3_400_000.0)
PINGHU_4490 = (120.9, 30.45, 121.3, 30.75)


@pytest.mark.parametrize("bounds, crs, geographic, proj", [
    (PINGHU_4549, "EPSG:4549", False, P4549), (PINGHU_4528, "EPSG:4528", False, P4528),
    (PINGHU_4490, "EPSG:4490", True, P4490), ((1.0, 2.0, 0.0, 0.0), "EPSG:4549", False, P4549),  # empty extent
    ((0.0, 0.0, 10.0, 10.0), "EPSG:4549", False, P4549),  # a small drawn shape near 0 is not taken for degrees
])
def test_fitting_coordinates_pass(bounds, crs, geographic, proj):
    assert crs_mismatch("L", bounds, crs, geographic, proj) is None


@pytest.mark.parametrize("bounds, crs, geographic, proj, found, hint", [
    (PINGHU_4528, "EPSG:4549", False, P4549, "zone prefix 40", "EPSG:4528"),
    (PINGHU_4549, "EPSG:4528", False, P4528, "no zone prefix", "EPSG:4549"),
    (PINGHU_4490, "EPSG:4549", False, P4549, "degrees", "EPSG:4490"),
    (PINGHU_4549, "EPSG:4490", True, P4490, "metres", "EPSG:4549"),
    (PINGHU_4528, "EPSG:4490", True, P4490, "metres", "EPSG:4528"),
    (PINGHU_4528, "EPSG:4527", False, P4527, "zone 40", "EPSG:4528"),  # zone 39's CRS, zone 40's eastings
    ((float("nan"), 0.0, 1.0, 1.0), "EPSG:4549", False, P4549, "NaN", "repair"),
])
def test_misfits_name_layer_what_was_found_and_the_crs_to_set(bounds, crs, geographic, proj, found, hint):
    message = crs_mismatch("dltb", bounds, crs, geographic, proj)
    assert message is not None
    assert "dltb" in message.en and found in message.en and hint in message.en and "dltb" in message.zh


@pytest.mark.parametrize("text, number", [("16,11", 16.11), ("0,05", 0.05), ("16.11", 16.11), (" 7 ", 7.0),
                                          ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("1,234,567", 1234567.0),
                                          ("0,050", 0.05), ("-0,5", -0.5), ("", None), ("1e3", 1000.0)])
def test_unambiguous_text_is_read(text, number):
    assert text_number(text) == number


@pytest.mark.parametrize("text", ["1,234", "abc", "1.2.3", "12 亩", "nan"])
def test_ambiguous_or_unreadable_text_is_refused(text):
    with pytest.raises(ValueError):
        text_number(text)


def test_column_decides_an_ambiguous_comma_and_refusal_names_feature_and_field():
    assert numeric_column(["1,234", "16,11", None, 3.0], "L", "F") == [1.234, 16.11, None, 3.0]
    assert numeric_column(["1,234", "2,500.5"], "L", "F") == [1234.0, 2500.5]
    with pytest.raises(InputError) as info:
        numeric_column(["1", "2", "1,234"], "dltb", "KCXS", ids=[10, 11, 12])
    assert info.value.layer == "dltb" and info.value.feature == 12 and info.value.field == "KCXS"
    with pytest.raises(InputError) as info:
        numeric_column(["1", "二"], "dltb", "KCXS", ids=np.array([7, 8]))
    assert info.value.feature == 8 and "二" in str(info.value)
    numbers = np.array([0.1, 0.2])
    assert numeric_column(numbers, "L", "F") == [0.1, 0.2]


def test_rings_of_three_points_and_nan_coordinates_are_found():
    good = shapely.box(0, 0, 1, 1)
    ring3 = shapely.from_wkt("POLYGON((0 0, 1 0, 0 0))")
    hole3 = shapely.from_wkt("MULTIPOLYGON(((0 0, 9 0, 9 9, 0 9, 0 0), (1 1, 2 1, 1 1)))")
    nan_point = shapely.points(np.nan, 1.0)
    geoms = np.array([good, ring3, None, hole3, nan_point, shapely.Point(1, 2)], dtype=object)
    short, bad = unusable_rows(geoms)
    assert short.tolist() == [1, 3]
    assert bad.tolist() in ([], [4])  # a NaN point reads as empty in some GEOS versions
    with pytest.raises(InputError) as info:
        check_usable(geoms, [101, 102, 103, 104, 105, 106], "acts")
    assert info.value.layer == "acts" and info.value.feature == 102 and "1 more" in str(info.value)
