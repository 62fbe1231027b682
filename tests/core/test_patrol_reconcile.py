"""Patch reconciliation on a hand-built scene whose answers were worked out by hand (planar m2, see below).

Scene (metres, offset by X0/Y0 in EPSG:4549): towns A = [0,1000]x[0,2000], B = [1000,2000]x[0,2000];
baseline b1 [0,1000]x[0,1000] 0101 KCXS 0.1, b2 [1000,2000]x[0,1000] 0103, b3 [0,1000]x[1000,2000] 0702,
b4 [1000,2000]x[1000,2000] 0102 KCXS 0.05; 永久基本农田 [0,500]x[0,1000].
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from land_supervision.core.patrol import (
    ApprovalInput,
    BaselineInput,
    PatchInput,
    TownInput,
    VerificationInput,
    load_rules,
    reconcile_patches,
)
from land_supervision.core.units import M2_PER_MU

X0, Y0 = 600_000.0, 3_400_000.0


def box(x1, y1, x2, y2):
    return shapely.box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2)


def poly(coords, holes=None):
    return shapely.Polygon([(X0 + x, Y0 + y) for x, y in coords],
                           holes=[[(X0 + x, Y0 + y) for x, y in h] for h in holes or []])


# JCBH, geometry
PATCHES = [
    ("P1", box(100, 100, 200, 200)),  # 农转用 approval, b1, farmland
    ("P2", box(300, 100, 400, 200)),  # 供地 approval, b1, farmland
    ("P3", box(1100, 100, 1200, 200)),  # 临时用地, b2
    ("P4", box(1300, 100, 1400, 200)),  # 设施农用地, b2
    ("P5", box(1500, 100, 1600, 200)),  # 先行用地, b2
    ("P6", box(600, 100, 700, 200)),  # approval covers 80%: weak coverage
    ("P7", box(100, 300, 200, 400)),  # reported 耕地 area off
    ("P8", box(1100, 300, 1200, 400)),  # not reported
    ("P9", box(1100, 1100, 1200, 1200)),  # duplicated in the verification table (其他)
    ("P10", box(1300, 1100, 1400, 1200)),  # duplicated in the patch layer
    ("P10", box(1500, 1100, 1600, 1200)),
    ("P11", box(1700, 100, 1800, 200)),  # approval number not found
    ("P12", box(900, 1500, 1150, 1600)),  # two towns: 100x100 in A (b3), 150x100 in B (b4)
    ("P13", poly([(100, 500), (300, 500), (300, 700), (100, 700)], [[(150, 550), (250, 550), (250, 650),
                                                                        (150, 650)]])),  # a hole, excluded
    ("P14", poly([(700, 500), (900, 700), (900, 500), (700, 700)])),  # bow-tie: self-intersection
]
APPROVALS = [  # geometry, number, sub-type key
    (box(90, 90, 210, 210), "浙土字〔2021〕1号", "conversion"),
    (box(290, 90, 410, 210), "平供〔2021〕2号", "supply"),
    (box(1090, 90, 1210, 210), "平临〔2021〕3号", "temporary"),
    (box(1290, 90, 1410, 210), "平设农〔2021〕4号", "facility"),
    (box(1490, 90, 1610, 210), "平先〔2021〕5号", "advance"),
    (box(600, 100, 680, 200), "浙土字〔2021〕6号", "conversion"),
]
MU = 1.0 / M2_PER_MU
# JCBH, PDJG, HFLX, WFLX, JCGDMJ (亩), ZYJJBNTMJ (亩, net of 田坎), PZWH, ZGZT, SFPC, ZGCS
ROWS = [
    ("P1", "合法", "农转用/征收批复", "", 9000 * MU, 9000 * MU, "浙土字〔2021〕1号", "", "", ""),
    ("P2", "合法", "供地", "", 9000 * MU, 9000 * MU, "平供〔2021〕2号", "", "", ""),
    ("P3", "合法", "临时用地", "", 10000 * MU, 0, "平临〔2021〕3号", "", "", ""),
    ("P4", "合法", "设施农用地", "", 10000 * MU, 0, "平设农〔2021〕4号", "", "", ""),
    ("P5", "合法", "先行用地", "", 10000 * MU, 0, "平先〔2021〕5号", "", "", ""),
    ("P6", "合法", "农转用/征收批复", "", 9000 * MU, 0, "浙土字〔2021〕6号", "", "", ""),
    ("P7", "违法", "", "违法占地", 10.0, 9000 * MU, "", "未整改", "", ""),
    ("P9", "其他", "", "", 9500 * MU, 0, "", "", "", ""),
    ("P9", "其他", "", "", 9500 * MU, 0, "", "", "", ""),
    ("P10", "违法", "", "违法占地", 9500 * MU, 0, "", "已整改", "", "拆除复耕"),
    ("P11", "合法", "供地", "", 10000 * MU, 0, "平土供〔2099〕9号", "", "", ""),
    ("P12", "违法", "", "违法占地", 14250 * MU, 0, "", "整改中", "", ""),
    ("P13", "违法", "", "违法占地", 27000 * MU, 30.0, "", "未整改", "是", ""),
    ("P14", "违法", "", "违法占地", 18000 * MU, 0, "", "已整改", "", "没收"),
    ("P-GHOST", "违法", "", "违法占地", 1.0, 0, "", "", "", ""),
]
VER_KEYS = ["id", "result", "legal_subtype", "violation_type", "cultivated_area", "farmland_area", "approval_no",
            "rectification", "excluded", "measure"]


def scene():
    patches = PatchInput([k for k, _ in PATCHES], np.array([g for _, g in PATCHES], dtype=object),
                         admin_code=["330482"] * len(PATCHES))
    verification = VerificationInput({key: [r[i] for r in ROWS] for i, key in enumerate(VER_KEYS)})
    approvals = ApprovalInput(np.array([a[0] for a in APPROVALS], dtype=object), [a[1] for a in APPROVALS],
                              [a[2] for a in APPROVALS])
    baseline = BaselineInput(np.array([box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000), box(0, 1000, 1000, 2000),
                                       box(1000, 1000, 2000, 2000)], dtype=object),
                             ["0101", "0103", "0702", "0102"], [0.1, 0.0, 0.0, 0.05])
    towns = TownInput(np.array([box(0, 0, 1000, 2000), box(1000, 0, 2000, 2000)], dtype=object),
                      ["甲镇", "乙镇"], ["330482001", "330482002"])
    farmland = np.array([box(0, 0, 500, 1000)], dtype=object)
    return patches, verification, approvals, baseline, towns, farmland


@pytest.fixture(scope="module")
def result():
    return reconcile_patches(*scene()[:5], farmland=scene()[5], area_method="planar")


def rows_by_jcbh(table):
    out = {}
    for row in table.rows():
        out.setdefault(row[0], []).append(dict(zip(table.field_names, row)))
    return out


def test_legal_subtypes_covered_and_suggested(result):
    rows = rows_by_jcbh(result.patches)
    for jcbh, field, subtype in [("P1", "NZYMJ", "农转用/征收批复"), ("P2", "GYMJ", "供地"),
                                 ("P3", "LSYDMJ", "临时用地"), ("P4", "SSNYDMJ", "设施农用地"),
                                 ("P5", "XXYDMJ", "先行用地")]:
        row = rows[jcbh][0]
        assert row[field] == pytest.approx(10000.0)
        assert row["FGBL"] == pytest.approx(100.0)
        assert row["JYJG"] == "合法" and row["JYHFLX"] == subtype and row["SBHFLX"] == subtype
        assert row["SFYZ"] == 1 and row["WTDM"] == ""


def test_evidence_net_of_kcxs_and_farmland(result):
    rows = rows_by_jcbh(result.patches)
    p1 = rows["P1"][0]
    assert (p1["TBMJ"], p1["SDMJ"], p1["GDMJ_YS"], p1["GDMJ"], p1["JBNTMJ"]) == pytest.approx(
        (10000, 9000, 10000, 9000, 10000))
    assert rows["P3"][0]["HDMJ"] == pytest.approx(10000)
    assert rows["P9"][0]["SJDMJ"] == pytest.approx(9500)
    assert rows["P1"][0]["XZJSMJ"] == pytest.approx(10000)


def test_two_town_patch(result):
    p12 = rows_by_jcbh(result.patches)["P12"][0]
    assert p12["TBMJ"] == pytest.approx(25000)
    assert p12["KXZS"] == 2 and p12["SZXZMC"] == "乙镇"
    assert p12["GDMJ"] == pytest.approx(15000 * 0.95)
    assert p12["XZJSMJ"] == pytest.approx(15000)  # the 100x100 in b3 was construction already


def test_patch_with_hole(result):
    p13 = rows_by_jcbh(result.patches)["P13"][0]
    assert (p13["TBMJ"], p13["GDMJ"], p13["JBNTMJ"]) == pytest.approx((30000, 27000, 30000))


def test_self_intersection_repaired_and_reported(result):
    p14 = rows_by_jcbh(result.patches)["P14"][0]
    assert p14["TBMJ"] == pytest.approx(20000) and p14["JHXF"] == 1
    assert "INVALID_GEOMETRY" in p14["WTDM"]


def discrepancies(result):
    return sorted((row[1], row[2], row[3]) for row in result.discrepancies.rows())


def test_every_discrepancy_code(result):
    assert discrepancies(result) == sorted([
        ("WEAK_COVERAGE", "P6", "patches"),
        ("CULTIVATED_AREA_OFF", "P7", "patches"),
        ("NOT_REPORTED", "P8", "patches"),
        ("DUPLICATE_JCBH", "P9", "verification"), ("DUPLICATE_JCBH", "P9", "verification"),
        ("DUPLICATE_JCBH", "P10", "patches"), ("DUPLICATE_JCBH", "P10", "patches"),
        ("APPROVAL_NOT_FOUND", "P11", "patches"), ("WEAK_COVERAGE", "P11", "patches"),
        ("FARMLAND_AREA_OFF", "P13", "patches"),
        ("INVALID_GEOMETRY", "P14", "patches"),
        ("NOT_ISSUED", "P-GHOST", "verification"),
        # every 违法 patch here is over 10 亩 of 耕地 (P7 over 5 亩 of 永久基本农田): the criminal-referral line
        *[("CRIMINAL_THRESHOLD", k, "patches") for k in ("P7", "P8", "P10", "P10", "P12", "P13", "P14")],
    ])
    for row in result.discrepancies.rows():
        assert row[5] and row[6]  # messages in Chinese and English


def test_weak_coverage_details(result):
    p6 = rows_by_jcbh(result.patches)["P6"][0]
    assert p6["FGBL"] == pytest.approx(80.0) and p6["JYJG"] == "疑似违法" and p6["SFYZ"] == 0
    assert p6["WPGDMJ"] == pytest.approx(1800.0)


def test_town_table_and_cultivated_share(result):
    towns = {row[1]: dict(zip(result.towns.field_names, row)) for row in result.towns.rows()}
    a, b, county = towns["甲镇"], towns["乙镇"], towns["合计"]
    mu = 1 / M2_PER_MU
    assert a["WFGD_MU"] == pytest.approx(round(27000 * mu, 2))
    assert a["WFGDZG_MU"] == pytest.approx(round(9000 * mu, 2))
    assert a["XZGD_MU"] == pytest.approx(round(81000 * mu, 2))
    assert a["GZB"] == pytest.approx(33.33) and a["GZB_ZGH"] == pytest.approx(11.11)
    # 乙镇's new construction: 103250 m2 of 耕地 less the legal 临时用地 P3 and 设施农用地 P4 (10000 each)
    assert b["XZGD_MU"] == pytest.approx(round(63250 * mu, 2))
    assert b["GZB"] == pytest.approx(round(100 * 43250 / 63250, 2))
    assert b["GZB_ZGH"] == pytest.approx(round(100 * 24250 / 63250, 2))
    assert county["GZB"] == pytest.approx(round(100 * 70250 / 144250, 2))
    assert county["GZB_ZGH"] == pytest.approx(round(100 * 33250 / 144250, 2))
    # counts by the town holding the larger part: A has P1 P2 P6 P7 P13 P14; B the rest (P12 included)
    assert (a["TBS"], b["TBS"], county["TBS"]) == (6, 9, 15)
    assert (a["HFS"], a["WFS"], b["HFS"], b["WFS"], b["QTS"], b["WTBS"]) == (3, 3, 4, 4, 1, 1)
    assert (a["PCS"], a["ZGS"], b["ZGS"]) == (1, 1, 2)
    # 48.70% >= 15% and 70250 m2 = 105.38 亩 >= 100 亩: both lines; 甲镇 33.33% but 40.5 亩 only
    assert (county["CXX"], county["YT"], a["CXX"], a["YT"]) == (1, 1, 1, 0)
    assert result.summary["ratio"] == pytest.approx(100 * 70250 / 144250)


def test_empty_patches_give_empty_outputs():
    patches, verification, approvals, baseline, towns, farmland = scene()
    empty = PatchInput([], np.empty(0, dtype=object))
    out = reconcile_patches(empty, VerificationInput({"id": []}), approvals, baseline, towns, farmland)
    assert len(out.patches) == 0 and len(out.discrepancies) == 0
    assert out.summary["ratio"] is None


def test_ellipsoidal_areas_match_pyproj_geod(result):
    from pyproj import Geod, Transformer

    patches, verification, approvals, baseline, towns, farmland = scene()
    out = reconcile_patches(patches, verification, approvals, baseline, towns, farmland)
    geod = Geod(a=6378137.0, f=1 / 298.257222101)
    to_ll = Transformer.from_crs("EPSG:4549", "EPSG:4490", always_xy=True)
    ring = shapely.get_coordinates(box(100, 100, 200, 200).exterior)
    lon, lat = to_ll.transform(ring[:, 0], ring[:, 1])
    expected = abs(geod.polygon_area_perimeter(lon, lat)[0])
    p1 = rows_by_jcbh(out.patches)["P1"][0]
    assert p1["TBMJ"] == pytest.approx(expected, abs=0.01)
    assert abs(expected - 10000) > 0.05  # the ellipsoid differs from the plane here


def test_rule_table_defaults():
    rules = load_rules()
    assert rules.coverage_legal_percent == 95.0 and rules.ratio_threshold_percent == 15.0
    assert rules.interview_threshold_mu == 100.0
    assert [s.zh for s in rules.subtypes] == ["农转用/征收批复", "供地", "临时用地", "设施农用地", "先行用地"]


def test_relevant_code_lists_match_the_land_class_rules():
    """The SQL pre-filter of the baseline read keeps exactly the 耕地 and construction codes."""
    from land_supervision.core.landclass import default_table
    from land_supervision.core.patrol.evidence import RELEVANT_CODES, RELEVANT_PREFIXES, classify_baseline

    codes = [c.code for c in default_table()] + [c.code + "K" for c in default_table()] + ["1104A", "05H1", "08H2"]
    kind, construction = classify_baseline(codes)
    by_sql = [c[:2] in RELEVANT_PREFIXES or c[:4] in RELEVANT_CODES for c in codes]
    assert by_sql == ((kind >= 0) | construction).tolist()


def test_pieces_within_overlapping_towns_go_to_the_first():
    from land_supervision.core.patrol.pieces import Coverage, split_pieces

    patches = np.array([shapely.box(10, 10, 20, 20), shapely.box(45, 10, 55, 20), shapely.box(200, 0, 210, 10)],
                       dtype=object)
    towns = np.array([shapely.box(0, 0, 50, 50), shapely.box(5, 5, 100, 100)], dtype=object)  # overlapping
    coverage = Coverage(np.array([shapely.Polygon()] * 3, dtype=object), np.zeros((3, 0)))
    pieces = split_pieces(patches, coverage, towns)
    by_patch = {int(p): sorted(pieces.town[pieces.patch == p].tolist()) for p in range(3)}
    assert by_patch == {0: [0], 1: [1], 2: [-1]}  # 0 lies within both towns, 1 within the second only
    assert shapely.area(pieces.geometry).sum() == pytest.approx(300.0)
