"""The four zoning algorithms through processing.run on the demo data and hand-built layers."""

import numpy as np
import processing
import pytest
import shapely
from pyproj import Geod, Transformer
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDistanceArea,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
)

from tests.qgis.test_zoning_helpers import demo_layer, memory_layer, rows_by

X0, Y0 = 605_000.0, 3_379_000.0


def box_wkt(x1, y1, x2, y2):
    return shapely.box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2).wkt


def zones_layer(crs="EPSG:4549", overlap=False):
    strict = shapely.box(X0, Y0, X0 + 1000, Y0 + 1000)
    use = shapely.box(X0 - 1000, Y0 - 1000, X0 + 2000, Y0 + 2000).difference(strict)
    if overlap:
        use = shapely.box(X0 + 900, Y0, X0 + 2000, Y0 + 1000)
    geoms = [strict, use]
    if crs != "EPSG:4549":
        to = Transformer.from_crs("EPSG:4549", crs, always_xy=True)
        geoms = [shapely.transform(g, lambda xy: np.column_stack(to.transform(xy[:, 0], xy[:, 1])))
                 for g in geoms]
    return memory_layer("Polygon", crs, [("GKFQ", str)], [(geoms[0].wkt, "严格管控区"), (geoms[1].wkt, "合理利用区")],
                        name="zones")


def geod_area(wkt_4549) -> float:
    to = Transformer.from_crs("EPSG:4549", "EPSG:4490", always_xy=True)
    lon, lat = to.transform(*shapely.get_coordinates(shapely.from_wkt(wkt_4549)).T)
    return abs(Geod(ellps="GRS80").polygon_area_perimeter(lon, lat)[0])


def qgs_area(geometry, authid="EPSG:4549") -> float:
    measure = QgsDistanceArea()
    measure.setSourceCrs(QgsCoordinateReferenceSystem(authid), QgsProject.instance().transformContext())
    assert measure.setEllipsoid("EPSG:1024")
    return measure.measureArea(geometry)


def test_conformance_on_demo_layers(demo_gpkg, provider):
    zones = demo_layer(demo_gpkg, "demo_park_zones")
    out = {}
    for name in ("demo_activities_points", "demo_activities_lines", "demo_activities_polygons"):
        result = processing.run("landsupervision:zoningconformance", {
            "ZONES": zones, "ACTIVITIES": demo_layer(demo_gpkg, name), "OUTPUT": "memory:"})
        out.update(rows_by(result["OUTPUT"], "HDBH"))
    verdicts = {k: v["JL"] for k, v in out.items()}
    assert verdicts["HD-P01"] == "禁止" and out["HD-P01"]["严格管控区_M2"] > 0  # turbine radius reaches in
    # a wind turbine in the use zone only is prohibited too (国能新能〔2016〕394号), and so is offshore PV (142号)
    assert verdicts["HD-P02"] == "禁止" and "394号" in out["HD-P02"]["GZSM"]
    assert verdicts["HD-P03"] == "不涉及" and verdicts["HD-P04"] == "允许"
    assert verdicts["HD-P07"] == "禁止" and "142号" in out["HD-P07"]["GZSM"]
    assert verdicts["HD-L02"] == "限制" and "航道新建拓宽" in out["HD-L02"]["GZ"]  # widening: conditional
    assert verdicts["HD-L01"] == "禁止" and out["HD-L01"]["合理利用区_M2"] > 0 and out["HD-L01"]["严格管控区_M2"] > 0
    assert verdicts["HD-A02"] == "禁止" and verdicts["HD-A04"] == "不涉及"
    assert out["HD-P03"]["YGJL_M"] > 1000 and out["HD-P01"]["YGJL_M"] == 0
    assert "示意" in out["HD-P01"]["BZ"]  # demo zones are illustrative
    # overlaps are ellipsoidal: the footprint area agrees with QgsDistanceArea
    for key in ("HD-P01", "HD-L01", "HD-A01"):
        assert out[key]["ZYMJ_M2"] == pytest.approx(qgs_area(out[key]["_geometry"]), rel=1e-6)


def test_conformance_hand_built_cable_and_reprojected_zones(provider):
    # zones given in EPSG:4490 (reprojected), a 10 m cable crossing both zones, a polygon outside the park
    zones = zones_layer("EPSG:4490")
    line = shapely.LineString([(X0 - 1500, Y0 + 500), (X0 + 2500, Y0 + 500)]).wkt
    acts = memory_layer("LineString", "EPSG:4549", [("HDBH", str), ("HDLX", str), ("KD", float)],
                        [(line, "C1", "海底电缆管道", 10.0)], name="cables")
    result = processing.run("landsupervision:zoningconformance", {"ZONES": zones, "ACTIVITIES": acts,
                                                                  "OUTPUT": "memory:"})
    row = rows_by(result["OUTPUT"], "HDBH")["C1"]
    assert row["JL"] == "禁止" and result["PROHIBITED"] == 1
    # 1000 m of the corridor in the strict zone: 10 true metres wide (GK scale ~1.000135 here)
    assert row["严格管控区_M2"] == pytest.approx(10_000.0, rel=5e-4)
    assert row["合理利用区_M2"] == pytest.approx(20_000.0, rel=5e-4)
    assert "合理利用区：限制" in row["GZSM"]


def test_conformance_bad_inputs(tmp_path, provider):
    zones = zones_layer()
    points = memory_layer("Point", "EPSG:4549", [("HDBH", str), ("HDLX", str)],
                          [(f"POINT({X0 + 10} {Y0 + 10})", "P1", "风电")], name="turbines")
    with pytest.raises(QgsProcessingException) as err:  # a point layer needs its radius field
        processing.run("landsupervision:zoningconformance", {"ZONES": zones, "ACTIVITIES": points,
                                                             "RADIUS_FIELD": "BJ", "OUTPUT": "memory:"})
    assert "turbines" in str(err.value) and "BJ" in str(err.value)
    bad_rules = tmp_path / "bad.csv"
    bad_rules.write_text("活动类型,严格管控区,合理利用区\n风电,禁止,限制\n养殖,禁止,看情况\n", encoding="utf-8")
    polygons = memory_layer("Polygon", "EPSG:4549", [("HDBH", str), ("HDLX", str)],
                            [(box_wkt(10, 10, 20, 20), "A1", "养殖")], name="farms")
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:zoningconformance", {"ZONES": zones, "ACTIVITIES": polygons,
                                                             "RULES": str(bad_rules), "OUTPUT": "memory:"})
    assert "line 3" in str(err.value) and "看情况" in str(err.value)
    one_zone = tmp_path / "one_zone.csv"
    one_zone.write_text("活动类型,严格管控区\n养殖,禁止\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="合理利用区"):
        processing.run("landsupervision:zoningconformance", {"ZONES": zones, "ACTIVITIES": polygons,
                                                             "RULES": str(one_zone), "OUTPUT": "memory:"})


def test_accounting_on_demo_against_qgsdistancearea(demo_gpkg, provider):
    zones = demo_layer(demo_gpkg, "demo_park_zones")
    result = processing.run("landsupervision:zoneaccounting", {
        "ZONES": zones, "LAND": demo_layer(demo_gpkg, "demo_park_islands"), "OUTPUT": "memory:"})
    rows = rows_by(result["OUTPUT"], "GKFQ")
    oracle = {f["GKFQ"]: qgs_area(f.geometry()) for f in zones.getFeatures()}
    assert rows["严格管控区"]["MJ_M2"] == pytest.approx(oracle["严格管控区"], abs=0.01)
    assert rows["合理利用区"]["MJ_M2"] == pytest.approx(oracle["合理利用区"], abs=0.01)
    assert round(rows["严格管控区"]["MJ_HA"], 2) == 3900.00 and round(rows["合理利用区"]["MJ_HA"], 2) == 7899.84
    assert abs(rows["合计"]["CY_HA"]) < 0.005 and rows["合计"]["PZ_HA"] == pytest.approx(11799.84)
    islands = sum(qgs_area(f.geometry()) for f in demo_layer(demo_gpkg, "demo_park_islands").getFeatures())
    assert round(islands / 1e4, 2) == 6.03
    assert result["LAND_HA"] == pytest.approx(islands / 1e4, abs=1e-4)
    assert rows["合计"]["HY_HA"] == pytest.approx(11799.84 - islands / 1e4, abs=1e-3)  # 11793.81 ha of sea


def test_accounting_overlaps_and_approved_text(provider):
    result = processing.run("landsupervision:zoneaccounting", {
        "ZONES": zones_layer(overlap=True), "APPROVED": "严格管控区=100; 合理利用区=110", "OUTPUT": "memory:"})
    assert result["OVERLAPS"] == 1
    rows = rows_by(result["OUTPUT"], "GKFQ")
    assert rows["严格管控区"]["CY_HA"] == pytest.approx(geod_area(box_wkt(0, 0, 1000, 1000)) / 1e4 - 100, abs=1e-4)
    assert rows["合计"]["MJ_M2"] == pytest.approx(geod_area(box_wkt(0, 0, 2000, 1000)), rel=1e-7)
    with pytest.raises(QgsProcessingException, match="zone=ha"):
        processing.run("landsupervision:zoneaccounting", {"ZONES": zones_layer(), "APPROVED": "3900",
                                                          "OUTPUT": "memory:"})


def test_intrusions_on_demo(demo_gpkg, provider):
    result = processing.run("landsupervision:vesselintrusions", {
        "TRACKS": demo_layer(demo_gpkg, "demo_vessel_tracks"), "ZONES": demo_layer(demo_gpkg, "demo_park_zones"),
        "OUTPUT": "memory:", "MONTHLY": "memory:"})
    assert result["EPISODES"] > 5 and result["SKIPPED_ROWS"] == 0
    episodes = list(result["OUTPUT"].getFeatures())
    gap_vessel = sorted((f["JRSJ"], f["BZ"]) for f in episodes if f["CBBH"] == "浙平渔10231")
    assert any("no fix after exit" in note for _, note in gap_vessel)  # the receiver gap cut an episode
    assert any("no fix before entry" in note for _, note in gap_vessel)
    months = rows_by(result["MONTHLY"], "YF")
    assert sorted(months) == ["2025-01", "2025-02", "2025-03", "2025-06"]
    assert sum(m["CRCS"] for m in months.values()) == result["EPISODES"]
    assert sum(m["DWS"] for m in months.values()) == demo_layer(demo_gpkg, "demo_vessel_tracks").featureCount()
    # the demo's cases: a cargo ship passing, a fishing vessel loitering in March, trawling in June, a patrol
    strict = [f for f in episodes if f["GKFQ"] == "严格管控区"]
    assert len(strict) == result["EPISODES"]
    classes = {f["CBBH"]: (f["LB"], f["SFCR"], f["XYQ"]) for f in strict
               if f["CBBH"] in ("浙嘉货0871", "浙平渔10456", "浙平渔10588", "浙平渔政01")}
    assert classes == {"浙嘉货0871": ("穿越", 0, 0), "浙平渔10456": ("停留作业", 1, 0),
                       "浙平渔10588": ("停留作业", 1, 1), "浙平渔政01": ("公务执法", 0, 0)}
    assert result["INTRUSIONS"] == sum(f["SFCR"] for f in episodes) == sum(m["CRS"] for m in months.values())
    # the June trawler also fishes in the use zone before and after the strict zone: two more season rows
    season = sorted((f["GKFQ"], f["SFCR"]) for f in episodes if f["XYQ"] == 1 and f["CBBH"] == "浙平渔10588")
    assert season == [("严格管控区", 1), ("合理利用区", 0), ("合理利用区", 0)]
    assert result["SEASON"] == 3 and months["2025-06"]["XYQ"] == 3 and months["2025-02"]["GW"] == 1
    assert all(f["LB"] == "穿越" for f in strict if f["SD_ZX_KN"] >= 5 and f["SC_GJ_MIN"] <= 60)


def test_intrusions_bad_timestamps_named(provider):
    rows = [(f"POINT({X0 + 500} {Y0 + 500})", "A", f"2025-03-10T08:0{i}:00") for i in range(5)]
    rows += [(f"POINT({X0 + 500} {Y0 + 500})", "A", "2025-03-10 25:99"), (f"POINT({X0 + 1500} {Y0 + 500})", "A",
                                                                            "2025-03-10T08:06:00")]
    tracks = memory_layer("Point", "EPSG:4549", [("CBBH", str), ("SJ", str)], rows, name="ais")
    result = processing.run("landsupervision:vesselintrusions", {
        "TRACKS": tracks, "ZONES": zones_layer(), "OUTPUT": "memory:", "MONTHLY": "memory:"})
    assert result["SKIPPED_ROWS"] == 1 and result["EPISODES"] == 1
    episode = next(result["OUTPUT"].getFeatures())
    assert (episode["JRSJ"], episode["LKSJ"], episode["DS"]) == ("2025-03-10T08:00:00", "2025-03-10T08:04:00", 5)


def test_zoning_map_pdf(demo_gpkg, tmp_path, provider):
    import subprocess

    path = tmp_path / "map.pdf"
    layers = [str(demo_layer(demo_gpkg, n).source()) for n in
              ("demo_activities_points", "demo_activities_lines", "demo_activities_polygons")]
    processing.run("landsupervision:zoningmap", {
        "ZONES": demo_layer(demo_gpkg, "demo_park_zones"), "ACTIVITIES": layers,
        "ISLANDS": demo_layer(demo_gpkg, "demo_park_islands"), "OUTPUT": str(path)})
    assert path.exists() and path.stat().st_size > 10_000
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert not [c for c in text if 0x2E80 <= ord(c) < 0x2FE0], "CJK radicals in the extracted text"  # no NFKC needed
    # (pdftotext drops the digits of this font's subset: compare words without them)
    assert "王盘山省级海洋自然公园" in text and "示意" in text and "HD-L" in text and "禁止" in text
    assert "Legend" in text and "km" in text


class _Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines = []

    def pushInfo(self, info):  # noqa: N802 - Qt API
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802 - Qt API
        self.lines.append(warning)
        super().pushWarning(warning)


def test_overlapping_zones_and_reprojected_tracks_are_logged(provider):
    log = _Log()
    polygons = memory_layer("Polygon", "EPSG:4549", [("HDBH", str), ("HDLX", str)],
                            [(box_wkt(950, 100, 960, 110), "A1", "养殖")], name="farms")
    processing.run("landsupervision:zoningconformance", {"ZONES": zones_layer(overlap=True), "ACTIVITIES": polygons,
                                                         "OUTPUT": "memory:"}, feedback=log)
    assert any("overlap" in line for line in log.lines)
    to = Transformer.from_crs("EPSG:4549", "EPSG:4490", always_xy=True)
    rows = []
    for i in range(3):
        lon, lat = to.transform(X0 + 500, Y0 + 500)
        rows.append((f"POINT({lon} {lat})", "B", f"2025-03-10T08:0{i}:00"))
    tracks = memory_layer("Point", "EPSG:4490", [("CBBH", str), ("SJ", str)], rows, name="ais_lonlat")
    log = _Log()
    result = processing.run("landsupervision:vesselintrusions", {
        "TRACKS": tracks, "ZONES": zones_layer(), "OUTPUT": "memory:", "MONTHLY": "memory:"}, feedback=log)
    assert result["EPISODES"] == 1
    assert any("ais_lonlat" in line and "EPSG:4490" in line and "EPSG:4549" in line for line in log.lines)


def test_accounting_with_the_approved_field(demo_gpkg, provider):
    result = processing.run("landsupervision:zoneaccounting", {
        "ZONES": demo_layer(demo_gpkg, "demo_park_zones"), "APPROVED_FIELD": "PZMJ", "APPROVED": "",
        "OUTPUT": "memory:"})
    rows = rows_by(result["OUTPUT"], "GKFQ")
    assert rows["严格管控区"]["PZ_HA"] == 3900.0 and rows["合理利用区"]["PZ_HA"] == 7899.84
    assert abs(rows["合计"]["CY_HA"]) < 0.005


def test_zoning_map_zones_only_and_unwritable(tmp_path, provider):
    path = tmp_path / "zones_only.pdf"
    processing.run("landsupervision:zoningmap", {"ZONES": zones_layer(), "OUTPUT": str(path), "TITLE": "测试分区图"})
    assert path.exists() and path.stat().st_size > 5_000
    with pytest.raises(QgsProcessingException, match="Cannot write|无法写入"):
        processing.run("landsupervision:zoningmap", {"ZONES": zones_layer(), "OUTPUT": "/nonexistent-dir/map.pdf"})


def test_intrusion_estimates_in_the_output(provider):
    # fixes every minute along y=500 from x=-500 to 1500: inside at x=100..900; edges crossed half-way
    rows = [(f"POINT({X0 - 500 + 200 * i} {Y0 + 500})", "C", f"2025-05-01T10:{i:02d}:00") for i in range(11)]
    tracks = memory_layer("Point", "EPSG:4549", [("CBBH", str), ("SJ", str)], rows[::-1], name="ais_c")
    result = processing.run("landsupervision:vesselintrusions", {
        "TRACKS": tracks, "ZONES": zones_layer(), "OUTPUT": "memory:", "MONTHLY": "memory:"})
    episode = next(result["OUTPUT"].getFeatures())
    assert (episode["JRSJ"], episode["LKSJ"], episode["SC_MIN"]) == ("2025-05-01T10:03:00", "2025-05-01T10:07:00", 4)
    assert (episode["JRSJ_GJ"], episode["LKSJ_GJ"], episode["SC_GJ_MIN"]) == (
        "2025-05-01T10:02:30", "2025-05-01T10:07:30", 5)


def test_intrusion_classes_and_the_season_by_hand(provider, tmp_path):
    """Along y=500, a fix a minute, 200 m apart (6.4795 kn), from x=-300: a transit of 5.0 minutes inside.
    A trawler in June: x=-100 then 100, 150 ... 500 every 300 s, then x=1100: 1200 m in 3000 s = 0.7775 kn,
    dwell 150 s -> 2950 s = 46.67 minutes. The same track by a law-enforcement vessel."""
    rows = [(f"POINT({X0 - 300 + 200 * i} {Y0 + 500})", "T", "货船", f"2025-06-01T08:{i:02d}:00") for i in range(8)]
    xs = [-100] + [100 + 50 * i for i in range(9)] + [1100]
    for vessel, kind, day in (("S", "渔船", "02"), ("G", "执法船", "03")):
        rows += [(f"POINT({X0 + x} {Y0 + 500})", vessel, kind,
                  f"2025-06-{day}T{8 + i * 5 // 60:02d}:{i * 5 % 60:02d}:00") for i, x in enumerate(xs)]
    tracks = memory_layer("Point", "EPSG:4549", [("CBBH", str), ("CBLX", str), ("SJ", str)], rows[::-1],
                          name="ais_types")
    result = processing.run("landsupervision:vesselintrusions", {
        "TRACKS": tracks, "ZONES": zones_layer(), "OUTPUT": "memory:", "MONTHLY": "memory:"})
    got = {f["CBBH"]: (f["CBLX"], f["LB"], f["SFCR"], f["XYQ"], f["SD_PJ_KN"], f["SC_GJ_MIN"])
           for f in result["OUTPUT"].getFeatures()}
    assert got == {"T": ("货船", "穿越", 0, 0, 6.48, 5.0), "S": ("渔船", "停留作业", 1, 1, 0.78, 46.67),
                   "G": ("执法船", "公务执法", 0, 0, 0.78, 46.67)}
    assert (result["EPISODES"], result["INTRUSIONS"], result["SEASON"]) == (3, 1, 1)
    june = rows_by(result["MONTHLY"], "YF")["2025-06"]
    assert (june["CRS"], june["CY"], june["TLZY"], june["DHS"], june["GW"], june["XYQ"]) == (1, 1, 1, 0, 1, 1)
    # a table of its own: the season ends on 1 June, so the trawler is no longer flagged
    import json

    from land_supervision.core.zoning.vessels import DEFAULT_VESSEL_RULES
    data = json.loads(DEFAULT_VESSEL_RULES.read_text(encoding="utf-8"))
    data["fishing_season"]["periods"] = [{"year": "2025", "start": "05-01T12:00", "end": "06-01T12:00"}]
    path = tmp_path / "vessel_rules.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = processing.run("landsupervision:vesselintrusions", {
        "TRACKS": tracks, "ZONES": zones_layer(), "VESSEL_RULES": str(path), "OUTPUT": "memory:",
        "MONTHLY": "memory:"})
    assert result["SEASON"] == 0 and result["INTRUSIONS"] == 1
    data["classes"]["公务执法"]["intrusion"] = True
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="official vessels cannot count"):
        processing.run("landsupervision:vesselintrusions", {
            "TRACKS": tracks, "ZONES": zones_layer(), "VESSEL_RULES": str(path), "OUTPUT": "memory:",
            "MONTHLY": "memory:"})
