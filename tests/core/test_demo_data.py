"""The demo generator in core: deterministic, sized by SCALE, zones at the published areas."""

import numpy as np
import pytest
import shapely

from land_supervision.core.demo import generate_demo
from land_supervision.core.geodesy import ellipsoidal_area


@pytest.fixture(scope="module")
def demo():
    return generate_demo(2021, 1.0)


def test_reproducible_and_seed_dependent(demo):
    again = generate_demo(2021, 1.0)
    assert {k: t.content_hash() for k, t in demo.items()} == {k: t.content_hash() for k, t in again.items()}
    other = generate_demo(7, 1.0)
    assert other["demo_baseline_dltb"].content_hash() != demo["demo_baseline_dltb"].content_hash()


def test_zone_areas_are_the_published_figures(demo):
    zones = demo["demo_park_zones"]
    areas_ha = ellipsoidal_area(zones.geometry, zones.crs) / 10_000
    assert list(zones.columns["GKFQ"]) == ["严格管控区", "合理利用区"]
    assert round(areas_ha[0], 2) == 3900.00
    assert round(areas_ha[1], 2) == 7899.84
    assert not shapely.overlaps(zones.geometry[0], zones.geometry[1])


def test_baseline_size_mix_and_fields(demo):
    base = demo["demo_baseline_dltb"]
    assert 18_000 <= len(base) <= 22_000
    assert shapely.is_valid(base.geometry).all()
    codes = base.columns["DLBM"]
    share = {g: np.isin(codes, c).mean() for g, c in
             {"cultivated": ["0101", "0102", "0103"], "water": ["1101", "1104", "1107"]}.items()}
    assert 0.3 < share["cultivated"] < 0.7 and 0.05 < share["water"] < 0.25
    assert np.all(np.isclose(base.columns["TBDLMJ"], base.columns["TBMJ"] - base.columns["KCMJ"]))
    np.testing.assert_allclose(base.columns["TBMJ"], ellipsoidal_area(base.geometry), atol=0.006)
    assert len(set(base.columns["BSM"].tolist())) == len(base)


def test_scale_grows_baseline_linearly():
    small = generate_demo(2021, 0.25)["demo_baseline_dltb"]
    assert 4_000 <= len(small) <= 6_000


def test_towns_partition_the_county(demo):
    towns = demo["demo_towns"]
    assert len(towns) == 9 and all(len(c) == 9 for c in towns.columns["XZQDM"])
    county = demo["demo_county"].geometry[0]
    assert shapely.union_all(towns.geometry).symmetric_difference(county).area < 1.0


def test_every_layer_marked_synthetic(demo):
    for name, table in demo.items():
        assert name.startswith("demo_")
        assert "SYNTHETIC" in table.description and table.metadata["synthetic"] == "true"


def test_every_layer_builds_at_a_larger_scale():
    """SCALE only densifies the baseline: every tool's layers still build (they failed at SCALE 50 once)."""
    tables = generate_demo(2021, 5.0)
    assert 95_000 <= len(tables["demo_baseline_dltb"]) <= 105_000
    for name, table in tables.items():
        assert len(table) > 0, name


def test_precheck_projects_are_the_seeds_with_illustrative_shapes(demo):
    """日本电产 is 90 亩 (seeds) ellipsoidal on CGCS2000; S302/S202 and 长城汽车 are the very polygons the demo
    ledger's bureau transactions carry; every row says its shape is illustrative."""
    import csv

    from land_supervision.core.demo.precheck import TRANSACTIONS
    from land_supervision.core.units import M2_PER_MU

    projects = demo["demo_precheck_projects"]
    ids = list(projects.columns["XMBH"])
    assert ids == ["S302S202", "CCQC", "RBDC"] and projects.crs == "EPSG:4549"
    mu = ellipsoidal_area(projects.geometry, projects.crs) / M2_PER_MU
    assert round(mu[2], 2) == 90.00 and abs(mu[2] - 90) < 0.001
    assert "日本电产" in projects.columns["XMMC"][2]
    with open(TRANSACTIONS, encoding="utf-8-sig", newline="") as handle:
        ledger_wkt = {r["project_id"]: r["wkt"] for r in csv.DictReader(handle) if r.get("wkt")}
    assert "RBDC" not in ledger_wkt  # the new application: not in the ledger
    for i, project in enumerate(ids[:2]):
        assert shapely.equals(projects.geometry[i], shapely.from_wkt(ledger_wkt[project]))
    assert all("ILLUSTRATIVE" in note for note in projects.columns["SM"])
    assert "ILLUSTRATIVE" in projects.description and "合成演示数据" in projects.description
