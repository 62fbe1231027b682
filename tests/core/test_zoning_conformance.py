"""Conformance on hand-built zones: expected answers from geometry by hand and pyproj Geod."""

import math

import numpy as np
import pytest
import shapely

from land_supervision.core.messages import InputError
from land_supervision.core.zoning import (
    ALLOWED,
    CONDITIONAL,
    NOT_CONCERNED,
    PROHIBITED,
    UNKNOWN_TYPE,
    build_zones,
    check_conformance,
    check_footprint,
    load_rules,
    make_footprints,
)
from tests.core.test_zoning_cases import X0, Y0, box, geod_area, scale_at, strict_and_use


@pytest.fixture(scope="module")
def zones():
    geoms, types = strict_and_use()
    return build_zones(geoms, types)


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def line(*xy):
    return shapely.LineString([(X0 + x, Y0 + y) for x, y in xy])


def point(x, y):
    return shapely.Point(X0 + x, Y0 + y)


def test_cable_crossing_both_zones(zones, rules):
    # 10 m wide cable along y=500 from x=-1500 (outside) to 2500 (outside): 1000 m in the strict zone,
    # 2 x 1000 m in the use zone. The corridor is 10 true metres = 10 k planar metres wide.
    k = scale_at(500, 500)
    fp = make_footprints([line((-1500, 500), (2500, 500))], width=[10.0])
    result = check_conformance(fp.geoms, ["海底电缆管道"], zones, rules)
    half = 5.0 * k
    strict_strip = box(0, 500 - half, 1000, 500 + half)
    use_strips = geod_area(box(-1000, 500 - half, 0, 500 + half)) + geod_area(box(1000, 500 - half, 2000, 500 + half))
    assert result.overlap_m2[0, 0] == pytest.approx(geod_area(strict_strip), rel=1e-6)
    assert result.overlap_m2[0, 1] == pytest.approx(use_strips, rel=1e-6)
    assert geod_area(strict_strip) == pytest.approx(10_000.0, rel=2e-4)  # 1000 m x 10 m on the ground
    assert result.verdict[0] == PROHIBITED
    assert result.rule[0] == "海底电缆管道 × 严格管控区"
    assert "严格管控区：禁止" in result.rule_text[0] and "合理利用区：限制" in result.rule_text[0]
    assert "严格管控区" in result.zones_text[0] and "合理利用区" in result.zones_text[0]
    assert result.distance_m[0] == 0.0


def test_turbine_radius_reaching_the_strict_zone(zones, rules):
    # turbine 300 planar m east of the strict zone's east edge (x=1000), radius 400 true m = 400 k planar:
    # the circle cuts a segment of r^2 acos(d/r) - d sqrt(r^2 - d^2) (planar) into the strict zone.
    k = scale_at(1300, 500)
    r, d = 400.0 * k, 300.0
    segment_planar = r * r * math.acos(d / r) - d * math.sqrt(r * r - d * d)
    answer = check_footprint(make_footprints([point(1300, 500)], radius=[400.0]).geoms[0], "风电", zones, rules)
    assert answer["verdict"] == PROHIBITED
    assert answer["overlap_m2"]["严格管控区"] == pytest.approx(segment_planar / k**2, rel=2e-3)
    assert answer["overlap_m2"]["合理利用区"] == pytest.approx(math.pi * 400.0**2 - segment_planar / k**2, rel=2e-3)
    assert answer["distance_m"] == 0.0
    # the same turbine 600 m away with radius 400: use zone only, still prohibited (国能新能〔2016〕394号: no
    # offshore wind in a marine protected area), 200 m short of the strict zone; a cable there is conditional
    far = check_conformance(make_footprints([point(1600, 500)], radius=[400.0]).geoms, ["风电"], zones, rules)
    assert far.verdict[0] == PROHIBITED and far.rule[0] == "风电 × 合理利用区"
    cable = check_conformance(make_footprints([point(1600, 500)], radius=[400.0]).geoms, ["海底电缆管道"], zones, rules)
    assert cable.verdict[0] == CONDITIONAL
    assert far.overlap_m2[0, 0] == 0.0
    assert far.distance_m[0] == pytest.approx(600.0 / scale_at(1000, 500) - 400.0, abs=0.05)


def test_activity_outside_the_park(zones, rules):
    poly = box(3000, 0, 3200, 100)  # 1000 m east of the use zone
    result = check_conformance([poly], ["养殖"], zones, rules)
    assert result.verdict[0] == NOT_CONCERNED
    assert result.overlap_m2[0].tolist() == [0.0, 0.0]
    assert result.footprint_m2[0] == pytest.approx(geod_area(poly), rel=1e-6)
    assert result.distance_m[0] == pytest.approx(2000.0 / scale_at(2000, 50), abs=0.05)
    assert result.zones_text[0] == "" and result.rule_text[0] == ""


def test_polygon_inside_a_zone_and_allowed(zones, rules):
    poly = box(100, 100, 300, 200)
    result = check_conformance([poly, poly], ["科研监测", "巡护"], zones, rules)
    assert result.verdict.tolist() == [ALLOWED, ALLOWED]
    assert result.overlap_m2[0, 0] == pytest.approx(geod_area(poly), rel=1e-6)


def test_polygon_sharing_only_an_edge_does_not_touch(zones, rules):
    result = check_conformance([box(1000, 100, 1100, 200)], ["养殖"], zones, rules)
    assert result.zones_text[0] == f"合理利用区 {geod_area(box(1000, 100, 1100, 200)) / 1e4:.2f} 公顷"
    assert result.verdict[0] == CONDITIONAL  # not 禁止: the strict zone is only touched along an edge


def test_unknown_type_listed_not_guessed(zones, rules):
    geoms = [box(-500, -500, -400, -400), box(5000, 5000, 5100, 5100), box(-500, -500, -400, -400)]
    result = check_conformance(geoms, ["水上飞机", "水上飞机", None], zones, rules, ids=["A", "B", "C"])
    assert result.verdict.tolist() == [UNKNOWN_TYPE, NOT_CONCERNED, UNKNOWN_TYPE]
    assert result.unknown.tolist() == [0, 1, 2]
    text = str(result.warnings[0])
    assert "A（水上飞机）" in text and "B（水上飞机）" in text and "C（空）" in text


def test_point_and_line_without_size(zones, rules):
    fp = make_footprints([point(500, 500), line((-1500, 10), (-1200, 10))], radius=[None, None], width=[None, ""],
                         ids=[7, 8])
    assert fp.warnings and "7" in str(fp.warnings[0])
    result = check_conformance(fp.geoms, ["风电", "航道"], zones, rules)
    assert result.verdict.tolist() == [PROHIBITED, NOT_CONCERNED]
    assert result.footprint_m2[0] == 0.0


def test_zones_overlapping_each_other_are_reported():
    a = box(0, 0, 1000, 1000)
    b = box(900, 0, 2000, 1000)  # a 100 m x 1000 m overlap
    zones = build_zones([a, b], ["严格管控区", "合理利用区"], ids=[11, 12])
    assert len(zones.overlaps) == 1
    overlap = zones.overlaps[0]
    assert (overlap.feature_a, overlap.feature_b) == (11, 12)
    assert overlap.area_m2 == pytest.approx(geod_area(box(900, 0, 1000, 1000)), rel=1e-6)
    assert "11" in str(overlap.message()) and "12" in str(overlap.message())


def test_zone_layer_defects():
    with pytest.raises(InputError, match="empty"):
        build_zones([], [])
    with pytest.raises(InputError) as err:
        build_zones([box(0, 0, 10, 10)], [None], ids=[42], layer="zones_x", field_name="GKFQ")
    assert "42" in str(err.value) and "GKFQ" in str(err.value) and "zones_x" in str(err.value)
    bowtie = shapely.Polygon([(X0, Y0), (X0 + 100, Y0 + 100), (X0 + 100, Y0), (X0, Y0 + 100)])
    zones = build_zones([bowtie, box(500, 500, 600, 600)], ["严格管控区", "合理利用区"])
    assert zones.warnings and "invalid" in str(zones.warnings[0])
    assert shapely.is_valid(zones.geoms[0])


def test_many_footprints_vectorised_agree_with_single_checks(zones, rules):
    rng = np.random.default_rng(4)
    xy = rng.uniform(-1500, 2500, (300, 2))
    geoms = make_footprints(shapely.points(xy + (X0, Y0)), radius=rng.uniform(10, 300, 300)).geoms
    kinds = rng.choice(["风电", "养殖", "巡护", "排污"], 300)
    batch = check_conformance(geoms, kinds, zones, rules)
    for i in range(0, 300, 37):
        single = check_footprint(geoms[i], kinds[i], zones, rules)
        assert single["verdict"] == batch.verdict[i]
        assert single["overlap_m2"]["严格管控区"] == pytest.approx(batch.overlap_m2[i, 0])


def test_invalid_empty_and_duplicate_inputs(zones, rules):
    bowtie = shapely.Polygon([(X0 + 100, Y0 + 100), (X0 + 300, Y0 + 300), (X0 + 300, Y0 + 100), (X0 + 100, Y0 + 300)])
    fp = make_footprints([bowtie, None], ids=["B1", "B2"], layer="farms")
    assert any("invalid" in str(w) and "B1" in str(w) for w in fp.warnings)
    assert any("without geometry" in str(w) and "B2" in str(w) for w in fp.warnings)
    assert shapely.is_valid(fp.geoms[0])
    result = check_conformance(fp.geoms, ["养殖", "养殖"], zones, rules, ids=["B1", "B2"])
    assert result.verdict.tolist() == [PROHIBITED, NOT_CONCERNED]
    # the repaired bowtie is two triangles of 100 x 200 / 2 each: 20,000 planar m2
    assert result.overlap_m2[0, 0] == pytest.approx(20_000 / scale_at(200, 200) ** 2, rel=1e-4)
    empty = check_conformance(np.empty(0, dtype=object), [], zones, rules)
    assert len(empty) == 0 and empty.overlap_m2.shape == (0, 2)
    doubled = check_conformance([box(10, 10, 20, 20)] * 2, ["巡护", "巡护"], zones, rules, ids=["X", "X"])
    assert any("duplicate" in str(w) and "X ×2" in str(w) for w in doubled.warnings)
