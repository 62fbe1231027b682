"""Demo steps of the zoning tool: conformance of the demo activities, zone accounting, intrusions, the map PDF."""

ORDER = 30


def steps(ctx, scale="1", seed="2021"):
    from demo import Step  # scripts/ is on sys.path when demo.py runs

    out = ctx.output / "zoning"
    out.mkdir(parents=True, exist_ok=True)
    gpkg = ctx.gpkg
    zones = f"{gpkg}|layername=demo_park_zones"

    def layer(name):
        return f"{gpkg}|layername={name}"

    def verdicts(results):
        return (f"禁止 {results.get('PROHIBITED')}, 限制 {results.get('CONDITIONAL')}, 允许 {results.get('ALLOWED')}, "
                f"不涉及 {results.get('NOT_CONCERNED')}, 未知类型 {results.get('UNKNOWN')}")

    runs = []
    for kind in ("points", "lines", "polygons"):
        runs.append(Step("landsupervision:zoningconformance",
                         {"ZONES": zones, "ACTIVITIES": layer(f"demo_activities_{kind}"),
                          "OUTPUT": out / f"conformance_{kind}.gpkg"},
                         verdicts, f"zoningconformance ({kind})"))
    runs.append(Step("landsupervision:zoneaccounting",
                     {"ZONES": zones, "LAND": layer("demo_park_islands"), "OUTPUT": out / "zone_accounting.csv"},
                     lambda r: f"park {r.get('TOTAL_HA'):.2f} ha, island land {r.get('LAND_HA'):.2f} ha, "
                               f"overlaps {r.get('OVERLAPS')} -> zoning/zone_accounting.csv",
                     "zoneaccounting"))
    runs.append(Step("landsupervision:vesselintrusions",
                     {"ZONES": zones, "TRACKS": layer("demo_vessel_tracks"), "OUTPUT": out / "intrusions.gpkg",
                      "MONTHLY": out / "patrol_monthly.csv"},
                     lambda r: f"{r.get('EPISODES')} episodes by {r.get('VESSELS')} vessels, "
                               f"{r.get('SKIPPED_ROWS')} rows skipped",
                     "vesselintrusions"))
    activities = [layer(f"demo_activities_{k}") for k in ("points", "lines", "polygons")]
    runs.append(Step("landsupervision:zoningmap",
                     {"ZONES": zones, "ACTIVITIES": activities, "ISLANDS": layer("demo_park_islands"),
                      "OUTPUT": out / "zoning_map.pdf"},
                     lambda r: f"-> {r.get('OUTPUT')}", "zoningmap"))
    return runs
