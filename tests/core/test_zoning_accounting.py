"""Zone accounting on hand-built zones and islands (expected areas from pyproj Geod)."""

import pytest

from land_supervision.core.messages import InputError
from land_supervision.core.zoning import account_zones, approved_from_field, build_zones, parse_approved
from land_supervision.core.zoning.accounting import DEFAULT_APPROVED_HA
from tests.core.test_zoning_cases import box, geod_area, strict_and_use


@pytest.fixture(scope="module")
def zones():
    geoms, types = strict_and_use()
    return build_zones(geoms, types)


def test_areas_land_sea_and_differences(zones):
    islands = [box(100, 100, 200, 200), box(950, 400, 1050, 450), box(3000, 3000, 3010, 3010)]
    result = account_zones(zones, {"严格管控区": 100.0, "合理利用区": 800.0}, islands)
    strict, use, total = result.rows
    strict_m2 = geod_area(box(0, 0, 1000, 1000))
    use_m2 = geod_area(box(-1000, -1000, 2000, 2000)) - strict_m2
    assert strict.area_m2 == pytest.approx(strict_m2, rel=1e-7)
    assert use.area_m2 == pytest.approx(use_m2, rel=1e-7)
    assert strict.land_m2 == pytest.approx(geod_area(box(100, 100, 200, 200)) + geod_area(box(950, 400, 1000, 450)),
                                           rel=1e-6)
    assert use.land_m2 == pytest.approx(geod_area(box(1000, 400, 1050, 450)), rel=1e-6)
    assert strict.sea_ha == pytest.approx((strict_m2 - strict.land_m2) / 1e4)
    assert strict.diff_ha == pytest.approx(strict_m2 / 1e4 - 100.0)
    assert strict.diff_pct == pytest.approx(100 * (strict_m2 / 1e4 - 100.0) / 100.0)
    assert strict.area_mu == pytest.approx(strict_m2 / (10000 / 15))
    assert total.zone == "合计" and total.approved_ha == 900.0
    assert total.area_m2 == pytest.approx(strict_m2 + use_m2, rel=1e-7)
    assert total.land_m2 == pytest.approx(strict.land_m2 + use.land_m2, rel=1e-6)
    assert any("outside the park" in str(w) for w in result.warnings)


def test_defaults_and_missing_land(zones):
    result = account_zones(zones)
    assert result.rows[0].approved_ha == DEFAULT_APPROVED_HA["严格管控区"] == 3900.0
    assert DEFAULT_APPROVED_HA["合理利用区"] == 7899.84
    assert result.rows[0].land_ha is None and result.rows[0].sea_ha is None


def test_approved_parameter_and_field():
    assert parse_approved("严格管控区=3900; 合理利用区：7899.84") == {"严格管控区": 3900.0, "合理利用区": 7899.84}
    assert parse_approved("") == {}
    with pytest.raises(InputError, match="zone=ha"):
        parse_approved("严格管控区 3900")
    assert approved_from_field(["严格管控区", "合理利用区", "合理利用区"], [3900, 7000, 899.84]) == {
        "严格管控区": 3900.0, "合理利用区": pytest.approx(7899.84)}
    with pytest.raises(InputError) as err:
        approved_from_field(["严格管控区"], ["abc"], layer="z", field_name="PZMJ")
    assert "PZMJ" in str(err.value)


def test_overlapping_zones_reported_in_accounting():
    zones = build_zones([box(0, 0, 1000, 1000), box(900, 0, 2000, 1000)], ["严格管控区", "合理利用区"])
    result = account_zones(zones, {})
    assert any("overlap" in str(w) for w in result.warnings)
    total = result.rows[-1]
    assert total.area_m2 == pytest.approx(geod_area(box(0, 0, 2000, 1000)), rel=1e-7)  # the union
    assert total.approved_ha is None
