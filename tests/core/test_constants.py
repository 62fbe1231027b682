"""The shared constants: one working CRS, one resources folder, one zoning colour table."""

from __future__ import annotations

from land_supervision import constants
from land_supervision.core import geodesy, grain, landclass
from land_supervision.core.zoning import rules as zoning_rules


def test_working_crs_is_the_geodesy_one():
    assert constants.WORKING_CRS == "EPSG:4549"
    assert geodesy.WORKING_CRS == geodesy.GK_CM120 == constants.WORKING_CRS


def test_resource_paths_come_from_one_folder():
    assert (constants.RESOURCES / "grain_capacity.csv").is_file()
    assert grain.GRAIN_TABLE == constants.RESOURCES / "grain_capacity.csv"
    assert landclass.LAND_CLASS_TABLE.parent == constants.RESOURCES
    assert zoning_rules.RESOURCES == constants.RESOURCES / "zoning"
    assert constants.ICONS.parent == constants.RESOURCES


def test_zoning_colours_allowed_is_the_maps_blue():
    # outline 11,83,148 is #0b5394: the dock's answer text and the map's outline are the same blue
    assert constants.rgb_hex("11,83,148") == "#0b5394"
    assert constants.zoning_verdict_html("允许") == "#0b5394"
    assert constants.zoning_verdict_html("禁止") == "#a00000"
    assert constants.zoning_verdict_html("?") == "#000000"
    assert constants.zoning_verdict_light("允许") == "#d6e6f5"
    assert constants.zoning_verdict_light("不涉及") is None
