"""reclamationacceptance and reclamationsample through processing.run and qgis_process, on the demo data."""

import json

import processing
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

from land_supervision.qgis_compat import InvalidGeometryCheck
from tests.conftest import run_qgis_process


def uri(path, name):
    return f"{path}|layername={name}"


def params(gpkg, **extra):
    base = {
        "PROJECTS": uri(gpkg, "demo_reclamation_projects"), "PLOTS": uri(gpkg, "demo_reclamation_plots"),
        "BASELINE": uri(gpkg, "demo_baseline_dltb"), "DEV_BOUNDARY": uri(gpkg, "demo_dev_boundary"),
        "ECO_REDLINE": uri(gpkg, "demo_reclamation_redline"), "PRIOR_PLOTS": uri(gpkg, "demo_prior_plots"),
        "TOWNS": uri(gpkg, "demo_towns"), "AREA_CHAIN": uri(gpkg, "demo_reclamation_chain"),
        "OUTPUT_PLOTS": "memory:", "OUTPUT_PROJECTS": "memory:", "OUTPUT_TOWNS": "memory:", "OUTPUT_CHAIN": "memory:",
    }
    base.update(extra)
    return base


def features(layer):
    return [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]


@pytest.fixture(scope="module")
def accepted(demo_gpkg, session_plugin):
    return processing.run("landsupervision:reclamationacceptance", params(demo_gpkg))


def test_every_deliberate_failure_found(accepted, demo_gpkg):
    plots = features(accepted["OUTPUT_PLOTS"])
    demo = QgsVectorLayer(uri(demo_gpkg, "demo_reclamation_plots"), "p", "ogr")
    expected = [(f["DKBH"], f["DEMO_YQ"]) for f in demo.getFeatures() if f["DEMO_YQ"]]
    found_codes = set()
    for plot_id, code in expected:
        rows = [p for p in plots if p["DKBH"] == plot_id]
        assert rows, plot_id
        if code == "R11?":  # no project id: to be verified, never accepted
            assert rows[0]["YSJL"] == "待核实" and "R11" in rows[0]["WHCX"]
            continue
        assert any(code in (r["YYDM"] or "") for r in rows), (plot_id, code, [r["YYDM"] for r in rows])
        assert all(r["YSJL"] == "不合格" for r in rows)
        found_codes.add(code)
    assert found_codes == {f"R{i:02d}" for i in range(1, 20)}
    assert len(plots) == demo.featureCount()  # nothing dropped
    assert accepted["ACCEPTED"] + accepted["REJECTED"] + accepted["PENDING"] == len(plots)
    assert accepted["RUN_ID"].startswith("reclamationacceptance:")


def test_plot_fields_and_chinese_reasons(accepted):
    plots = features(accepted["OUTPUT_PLOTS"])
    bad = next(p for p in plots if p["YYDM"] == "R05_TARGET_CLASS")
    assert "复垦目标地类" in bad["YYSM"] and "target class" in bad["YYSM_EN"] and bad["C05"] == "不通过"
    ok = next(p for p in plots if p["YSJL"] == "合格")
    assert ok["CLMJ_MU"] == pytest.approx(ok["CLMJ_M2"] / (10000 / 15), abs=1e-3)
    assert ok["JSYDBL"] >= 0.9 and all(ok[f"C{i:02d}"] == "通过" for i in range(1, 20))
    pending = [p for p in plots if p["YSJL"] == "待核实"]
    assert pending and all(p["WHCX"] for p in pending)


def test_project_and_town_summary(accepted):
    projects = features(accepted["OUTPUT_PROJECTS"])
    assert len(projects) == 10
    plots = features(accepted["OUTPUT_PLOTS"])
    for prj in projects:
        mine = [p for p in plots if p["XMBH"] == prj["XMBH"]]
        assert prj["DKS"] == len(mine)
        hg = [p for p in mine if p["YSJL"] == "合格"]
        assert prj["HGS"] == len(hg)
        assert prj["HGMJ"] == pytest.approx(sum(p["CLMJ_MU"] for p in hg), abs=0.01)
        assert prj["XZGDMJ"] == pytest.approx(prj["SDMJ"] + prj["SJDMJ"] + prj["HDMJ"], abs=0.02)
        assert prj["BZ90"] in ("是", "否")
    towns = features(accepted["OUTPUT_TOWNS"])
    assert {t["XZQMC"] for t in towns if t["XMS"]} == {"新埭镇", "广陈镇", "新仓镇", "林埭镇", "曹桥街道", "独山港镇"}
    assert sum(t["DKS"] for t in towns) == len(plots)


def test_area_chain_split_by_step(accepted, demo_gpkg):
    chain = features(accepted["OUTPUT_CHAIN"])
    projects = {p["XMBH"]: p for p in features(accepted["OUTPUT_PROJECTS"])}
    assert len(chain) == 6 * len(projects)
    by = {(r["XMBH"], r["HJXH"]): r for r in chain}
    recorded = features(QgsVectorLayer(uri(demo_gpkg, "demo_reclamation_chain"), "c", "ogr"))
    table_projects = {r["XMBH"] for r in recorded}
    assert len(table_projects) == 3  # every fourth demo project has its chain in the table
    steps = ["规划新增", "县级自验扣减", "上报验收", "市级实地扣减", "省厅核减", "确认新增"]
    for r in recorded:  # the recorded split comes through unchanged
        out = by[(r["XMBH"], steps.index(r["HJ"]) + 1)]
        assert out["LY"] == "录入" and out["HJ"] == r["HJ"]
        for name in ("NYDMJ", "GDMJ", "STMJ", "SJDMJ", "HDMJ"):
            assert out[name] == pytest.approx(r[name], abs=0.005), (r["XMBH"], r["HJ"], name)
    plots = features(accepted["OUTPUT_PLOTS"])
    for pid, prj in projects.items():
        rows = [by[(pid, k)] for k in range(1, 7)]
        assert [r["HJ"] for r in rows] == steps
        planned, county = rows[0], rows[1]
        assert prj["JH_GHXZ"] == pytest.approx(planned["GDMJ"], abs=0.01)
        assert prj["BZ90"] == ("是" if (planned["GDMJ"] - county["GDMJ"]) / planned["GDMJ"] < 0.9 else "否")
        if pid in table_projects:
            continue
        # computed steps: submitted = the measured plots not rejected, split by kind; confirmed = the new land
        # (baseline construction part, net of 田坎) of the accepted
        mine = [p for p in plots if p["XMBH"] == pid]
        for step, keep, area in ((3, ("合格", "待核实"), "CLMJ_MU"), (6, ("合格",), "XZMJ_MU")):
            if rows[step - 1]["LY"] != "核算":
                continue
            for kind, name in (("水田", "STMJ"), ("水浇地", "SJDMJ"), ("旱地", "HDMJ")):
                expected = sum(p[area] for p in mine if p["YSJL"] in keep and p["GDLB"] == kind)
                assert rows[step - 1][name] == pytest.approx(expected, abs=0.01), (pid, step, kind)
            assert 3 <= rows[step - 1]["ZLDB"] <= 7  # the demo plots' grades are 3-7
    assert projects["FK2022-05"]["BZ90"] == "是"
    sources = {(r["XMBH"], r["LY"]) for r in chain}
    assert {s for _, s in sources} == {"录入", "项目图层", "核算", ""}


def test_bad_area_chain_row_names_layer_feature_and_field(demo_gpkg, provider):
    table = QgsVectorLayer("None?field=XMBH:string&field=HJ:string&field=GDMJ:double", "chain_bad", "memory")
    rows = [("FK2022-01", "规划新增", 20.0), ("FK2022-01", "市级验收", 1.0)]
    feats = []
    for row in rows:
        f = QgsFeature(table.fields())
        f.setAttributes(list(row))
        feats.append(f)
    table.dataProvider().addFeatures(feats)
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:reclamationacceptance", params(demo_gpkg, AREA_CHAIN=table))
    text = str(err.value)
    assert "chain_bad" in text and "'HJ'" in text and "市级验收" in text and "feature 2" in text


def _reprojected_copy(path, name, authid):
    src = QgsVectorLayer(uri(path, name), name, "ogr")
    dst = QgsVectorLayer(f"Polygon?crs={authid}", name, "memory")
    dst.dataProvider().addAttributes(src.fields().toList())
    dst.updateFields()
    xform = QgsCoordinateTransform(src.crs(), QgsCoordinateReferenceSystem(authid), QgsProject.instance())
    out = []
    for f in src.getFeatures():
        g = f.geometry()
        g.transform(xform)
        nf = QgsFeature(dst.fields())
        nf.setAttributes(f.attributes())
        nf.setGeometry(g)
        out.append(nf)
    dst.dataProvider().addFeatures(out)
    return dst


def test_baseline_in_another_crs_gives_the_same_verdicts(accepted, demo_gpkg):
    baseline = _reprojected_copy(demo_gpkg, "demo_baseline_dltb", "EPSG:4490")
    other = processing.run("landsupervision:reclamationacceptance", params(demo_gpkg, BASELINE=baseline))
    a = {(p["DKBH"], p["CLMJ_M2"]): p["YSJL"] for p in features(accepted["OUTPUT_PLOTS"])}
    b = {(p["DKBH"], p["CLMJ_M2"]): p["YSJL"] for p in features(other["OUTPUT_PLOTS"])}
    assert a == b


def test_missing_field_names_layer_and_field(demo_gpkg, provider):
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:reclamationacceptance", params(demo_gpkg, PLOT_AREA_FIELD="NO_SUCH"))
    assert "demo_reclamation_plots" in str(err.value) and "NO_SUCH" in str(err.value)


def test_bad_rule_table(demo_gpkg, provider, tmp_path):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"rules": {"min_construction_share": 1.7}}), encoding="utf-8")
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:reclamationacceptance", params(demo_gpkg, RULES=str(path)))
    assert "min_construction_share" in str(err.value) and "rules.json" in str(err.value)
    path.write_text(json.dumps({"rules": {"min_area": 1}}), encoding="utf-8")
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:reclamationacceptance", params(demo_gpkg, RULES=str(path)))
    assert "min_area" in str(err.value) and "unknown rule" in str(err.value)


def test_empty_plot_layer(demo_gpkg, provider):
    empty = QgsVectorLayer("Polygon?crs=EPSG:4549&field=DKBH:string&field=XMBH:string&field=SBMJ:double"
                           "&field=MBDL:string", "empty_plots", "memory")
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:reclamationacceptance", params(demo_gpkg, PLOTS=empty))
    assert "empty_plots" in str(err.value) and "empty" in str(err.value)


def test_layer_without_crs(demo_gpkg, provider):
    layer = QgsVectorLayer("Polygon?field=DKBH:string&field=XMBH:string&field=SBMJ:double&field=MBDL:string",
                           "no_crs_plots", "memory")
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:reclamationacceptance", params(demo_gpkg, PLOTS=layer))
    assert "no_crs_plots" in str(err.value)


def test_sample_reproducible_with_seed(accepted, provider):
    run = {"INPUT": accepted["OUTPUT_PLOTS"], "RATIO": 0.2, "MIN_PER_PROJECT": 1, "SEED": 99, "OUTPUT": "memory:"}
    a = processing.run("landsupervision:reclamationsample", dict(run))
    b = processing.run("landsupervision:reclamationsample", dict(run))
    c = processing.run("landsupervision:reclamationsample", dict(run, SEED=100))
    ids = [[f["DKBH"] for f in r["OUTPUT"].getFeatures()] for r in (a, b, c)]
    assert ids[0] == ids[1] and ids[0] != ids[2]
    rows = features(a["OUTPUT"])
    assert all(r["CYZZ"] == 99 for r in rows) and a["SEED_USED"] == 99
    assert all(r["YSJL"] != "不合格" for r in rows)
    per_project = {}
    for r in rows:
        per_project[r["XMBH"]] = per_project.get(r["XMBH"], 0) + 1
        assert r["CYS"] == max(1, -(-r["CYZS"] * 2 // 10))  # ceil(0.2 x plots), at least 1
    assert set(per_project.values()) >= {2}
    assert a["SAMPLE_COUNT"] == len(rows)


def test_qgis_process_runs_acceptance_and_sample(demo_gpkg, tmp_path):
    out = tmp_path / "checked.gpkg"
    args = [f"{k}={v}" for k, v in params(demo_gpkg).items() if not k.startswith("OUTPUT")]
    args += [f"OUTPUT_PLOTS={out}", f"OUTPUT_PROJECTS={tmp_path / 'projects.gpkg'}",
             f"OUTPUT_TOWNS={tmp_path / 'towns.gpkg'}", f"OUTPUT_CHAIN={tmp_path / 'chain.gpkg'}"]
    proc = run_qgis_process("run", "landsupervision:reclamationacceptance", "--json", "--", *args)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert results["REJECTED"] >= 20
    assert QgsVectorLayer(results["OUTPUT_CHAIN"], "chain", "ogr").featureCount() == 60
    sample = tmp_path / "sample.gpkg"
    proc = run_qgis_process("run", "landsupervision:reclamationsample", "--json", "--", f"INPUT={out}",
                            "SEED=7", "BY=1", f"OUTPUT={sample}")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert results["SEED_USED"] == 7 and results["SAMPLE_COUNT"] >= 10


def test_bulk_read_equals_the_qgis_iterator(demo_gpkg, provider):
    import numpy as np
    import shapely
    from qgis.core import QgsProcessingContext

    from land_supervision.algorithms.fast_read import read_ogr
    from land_supervision.algorithms.layer_io import read_source

    layer = QgsVectorLayer(uri(demo_gpkg, "demo_baseline_dltb"), "b", "ogr")
    fast = read_ogr(layer, ["DLBM"])
    slow = read_source(layer, ["DLBM"], QgsProcessingContext())
    assert len(fast) == len(slow) == layer.featureCount()
    assert fast.ids.tolist() == slow.ids.tolist()
    assert list(fast.columns["DLBM"]) == slow.columns["DLBM"]
    assert np.all(shapely.equals_exact(fast.geometry, slow.geometry, 0.0))


def test_bulk_read_of_plots_with_nulls_and_invalid_geometry(demo_gpkg, provider):
    import numpy as np
    import shapely
    from qgis.core import QgsProcessingContext

    from land_supervision.algorithms.fast_read import read_ogr
    from land_supervision.algorithms.layer_io import read_source

    layer = QgsVectorLayer(uri(demo_gpkg, "demo_reclamation_plots"), "p", "ogr")
    names = ["DKBH", "XMBH", "SBMJ", "MBDL", "YXTCHD", "TRPH", "PGSS"]
    fast = read_ogr(layer, names)
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(InvalidGeometryCheck.NoCheck)
    slow = read_source(layer, names, context)
    assert fast.ids.tolist() == slow.ids.tolist()
    for name in names:
        assert list(fast.columns[name]) == slow.columns[name], name
    assert None in slow.columns["YXTCHD"] or None in slow.columns["TRPH"] or None in slow.columns["PGSS"]
    assert np.all(shapely.equals_exact(fast.geometry, slow.geometry, 0.0))
