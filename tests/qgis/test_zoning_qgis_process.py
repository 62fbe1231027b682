"""The zoning algorithms through qgis_process (the command line the bureau's scripts use)."""

import json

from tests.conftest import run_qgis_process


def _run(*args):
    result = run_qgis_process("run", *args)
    return result, (json.loads(result.stdout[result.stdout.index("{"):]) if "{" in result.stdout else {})


def test_listed():
    listing = run_qgis_process("list").stdout
    for alg in ("zoningconformance", "zoneaccounting", "vesselintrusions", "zoningmap"):
        assert f"landsupervision:{alg}" in listing


def test_conformance_accounting_intrusions_map(demo_gpkg, tmp_path):
    zones = f"{demo_gpkg}|layername=demo_park_zones"
    result, payload = _run("landsupervision:zoningconformance", "--json", "--", f"ZONES={zones}",
                           f"ACTIVITIES={demo_gpkg}|layername=demo_activities_lines",
                           f"OUTPUT={tmp_path / 'lines.gpkg'}")
    assert result.returncode == 0, result.stderr[-3000:]
    assert payload["results"]["PROHIBITED"] == 1 and payload["results"]["NOT_CONCERNED"] == 1
    result, payload = _run("landsupervision:zoneaccounting", "--json", "--", f"ZONES={zones}",
                           f"LAND={demo_gpkg}|layername=demo_park_islands", f"OUTPUT={tmp_path / 'acc.gpkg'}")
    assert result.returncode == 0, result.stderr[-3000:]
    assert round(payload["results"]["TOTAL_HA"], 2) == 11799.84 and round(payload["results"]["LAND_HA"], 2) == 6.03
    result, payload = _run("landsupervision:vesselintrusions", "--json", "--", f"ZONES={zones}",
                           f"TRACKS={demo_gpkg}|layername=demo_vessel_tracks", f"OUTPUT={tmp_path / 'ep.gpkg'}",
                           f"MONTHLY={tmp_path / 'monthly.csv'}")
    assert result.returncode == 0, result.stderr[-3000:]
    assert payload["results"]["EPISODES"] > 5 and payload["results"]["SEASON"] == 3
    assert (tmp_path / "monthly.csv").read_text(encoding="utf-8").count("2025-0") == 4  # Jan-Mar and June
    pdf = tmp_path / "map.pdf"
    result, _ = _run("landsupervision:zoningmap", "--", f"ZONES={zones}",
                     f"ACTIVITIES={demo_gpkg}|layername=demo_activities_points",
                     f"ISLANDS={demo_gpkg}|layername=demo_park_islands", f"OUTPUT={pdf}")
    assert result.returncode == 0, result.stderr[-3000:]
    assert pdf.stat().st_size > 10_000


def test_bad_rule_table_is_a_clear_error(demo_gpkg, tmp_path):
    rules = tmp_path / "rules.csv"
    rules.write_text("活动类型,严格管控区,合理利用区\n风电,禁止,可能\n", encoding="utf-8")
    result, _ = _run("landsupervision:zoningconformance", "--", f"ZONES={demo_gpkg}|layername=demo_park_zones",
                     f"ACTIVITIES={demo_gpkg}|layername=demo_activities_points", f"RULES={rules}",
                     f"OUTPUT={tmp_path / 'x.gpkg'}")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "line 2" in output and "可能" in output and "Traceback" not in output
