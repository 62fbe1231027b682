#!/usr/bin/env python3
"""Patrol reconciliation vs QGIS native:calculatevectoroverlaps on the same layers, in one run.

Dense: 20,000 patches over about 1,000,000 baseline polygons (demo baseline at SCALE 50); sparse: 200 patches
over the same baseline. The baseline in every format a survey arrives in, copied with GDAL: GeoPackage in
EPSG:4549 and in zone-prefixed EPSG:4528 (the survey's usual CRS), File Geodatabase 4528, shapefile 4528
without and with a .qix. Each row (case x format) runs in its own process: native then patrol on the same
source, both times, the ratio (targets: dense <= 0.25, sparse <= 0.05; every format within 1.5x of the
GeoPackage-4549 time) and the process's peak memory.
Inputs are cached in benchmarks/output/bench_patrol*.
Then the same baseline in PostGIS (a throwaway PostgreSQL cluster, as the tests start it; loaded with GDAL's PG
driver, EPSG:4549 and 4528), dense and sparse, against native on the same PostGIS layer.
Last, the memory row: the baseline at SCALE 250 (5,000,031 polygons, GeoPackage 4549), dense, patrol then native
(target: patrol completes under 2 GB; its input, 1.8 GB, is built on first use, about 6 minutes).
Usage: bench_patrol.py [scale]   (default 50; a smaller scale for a quick look)
       BENCH_FORMATS=FileGDB,shapefile bench_patrol.py   (only those rows; PostGIS: only the PostGIS rows;
       large: only the SCALE 250 row)
       BENCH_LARGE=0 bench_patrol.py   (without the SCALE 250 row)
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append("/usr/share/qgis/python/plugins")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import shapely  # noqa: E402

OUTPUT = ROOT / "benchmarks" / "output"
CASES = [("dense", 20_000), ("sparse", 200)]
TARGETS = {"dense": 0.25, "sparse": 0.05}
LARGE_SCALE, LARGE_PEAK_MB = 250.0, 2048  # the memory row: 5,000,031 polygons, dense, under 2 GB


def peak_mb() -> float:
    """Peak resident memory of this process: VmHWM where Linux gives it (ru_maxrss of a child process starts
    at its parent's peak: Linux carries it over fork and exec), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> None:
    """Start the peak over from the present resident memory (Linux: 5 to /proc/self/clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def patches(rng, county, n: int) -> tuple[np.ndarray, list]:
    """``n`` axis-aligned rectangles of 40-150 m at random places in the county (they may overlap)."""
    x0, y0, x1, y1 = county.bounds
    xs = rng.uniform(x0, x1, n * 3)
    ys = rng.uniform(y0, y1, n * 3)
    inside = shapely.contains_xy(county, xs, ys)
    xs, ys = xs[inside][:n], ys[inside][:n]
    w, h = rng.uniform(40, 150, n), rng.uniform(40, 150, n)
    boxes = shapely.box(xs - w / 2, ys - h / 2, xs + w / 2, ys + h / 2)
    return boxes, [f"B{i:06d}" for i in range(n)]


def build_inputs(path: Path, scale: float) -> None:
    from qgis.core import QgsProcessingContext

    from land_supervision.algorithms.layer_io import write_gpkg
    from land_supervision.core.demo import base
    from land_supervision.core.demo.context import DemoContext
    from land_supervision.core.tables import FeatureTable

    started = time.perf_counter()
    ctx = DemoContext(seed=2021, scale=scale)
    base.add_layers(ctx)
    county = ctx["demo_county"].geometry[0]
    rng = np.random.default_rng(7)
    tables = [ctx["demo_baseline_dltb"], ctx["demo_towns"]]
    for name, n in CASES:
        geoms, keys = patches(rng, county, n)
        tables.append(FeatureTable(f"patches_{name}", [("JCBH", "str")], {"JCBH": keys}, geoms, "Polygon"))
        # every patch answered 违法 (no reported areas): no discrepancy rows to write, like a tidy quarter
        tables.append(FeatureTable(f"verification_{name}", [("JCBH", "str"), ("PDJG", "str")],
                                   {"JCBH": keys, "PDJG": ["违法"] * n}))
    write_gpkg(str(path), tables, QgsProcessingContext())
    print(f"inputs written in {time.perf_counter() - started:.1f} s: {len(ctx['demo_baseline_dltb'])} baseline "
          f"polygons -> {path}", flush=True)


def input_path(scale: float) -> Path:
    return OUTPUT / ("bench_patrol.gpkg" if scale == 50.0 else f"bench_patrol_{scale:g}.gpkg")


# the baseline as the survey delivers it: (label, path relative to the inputs, layer, CRS); copies made by GDAL
FORMATS = [
    ("GeoPackage 4549", "{stem}.gpkg", "demo_baseline_dltb", "EPSG:4549"),
    ("GeoPackage 4528", "{stem}_4528.gpkg", "demo_baseline_dltb", "EPSG:4528"),
    ("FileGDB 4528", "{stem}_4528.gdb", "demo_baseline_dltb", "EPSG:4528"),
    ("shapefile 4528", "{stem}_shp_4528/demo_baseline_dltb.shp", "", "EPSG:4528"),
    ("shapefile+qix 4528", "{stem}_shp_4528_qix/demo_baseline_dltb.shp", "", "EPSG:4528"),
]


def baseline_copies(path: Path) -> dict:
    """label -> QGIS source of the baseline in every format, written with GDAL where missing."""
    import shutil

    from osgeo import gdal

    gdal.UseExceptions()
    out = {}
    for label, pattern, layer, _crs in FORMATS:
        target = path.parent / pattern.format(stem=path.stem)
        if not target.exists():
            started = time.perf_counter()
            zoned = path.parent / f"{path.stem}_4528.gpkg"
            if target.suffix == ".gdb":
                gdal.VectorTranslate(str(target), str(zoned), options=gdal.VectorTranslateOptions(
                    format="OpenFileGDB", layers=["demo_baseline_dltb"]))
            elif target.suffix == ".shp" and "qix" in target.parent.name:
                plain = path.parent / FORMATS[3][1].format(stem=path.stem)
                target.parent.mkdir(parents=True, exist_ok=True)
                for sibling in plain.parent.iterdir():
                    shutil.copy(sibling, target.parent / sibling.name)
                dataset = gdal.OpenEx(str(target), gdal.OF_VECTOR | gdal.OF_UPDATE)
                dataset.ExecuteSQL(f"CREATE SPATIAL INDEX ON {target.stem}")
                dataset = None
            elif target.suffix == ".shp":
                target.parent.mkdir(parents=True, exist_ok=True)
                gdal.VectorTranslate(str(target), str(zoned), options=gdal.VectorTranslateOptions(
                    format="ESRI Shapefile", layers=["demo_baseline_dltb"],
                    layerCreationOptions=["ENCODING=UTF-8", "SPATIAL_INDEX=NO"]))
            else:  # the zone-prefixed GeoPackage
                gdal.VectorTranslate(str(target), str(path), options=gdal.VectorTranslateOptions(
                    format="GPKG", layers=["demo_baseline_dltb"], dstSRS="EPSG:4528", reproject=True))
            print(f"{label} copy of the baseline written in {time.perf_counter() - started:.1f} s", flush=True)
        out[label] = f"{target}|layername={layer}" if layer else str(target)
    return out


def native_seconds(processing, patch_layer, baseline, context) -> float:
    """Seconds of QGIS's native:calculatevectoroverlaps of the patches over the baseline (the reference)."""
    started = time.perf_counter()
    processing.run("native:calculatevectoroverlaps",
                   {"INPUT": patch_layer, "LAYERS": [baseline], "OUTPUT": "memory:"}, context=context)
    return time.perf_counter() - started


def run_row(path: Path, name: str, label: str, baseline_uri: str) -> int:
    """One comparison in this process: patrol, then native overlaps, on the same baseline source."""
    from qgis.core import QgsProcessingContext, QgsProject, QgsVectorLayer

    from benchmarks.qgis_session import start

    _app, processing, _provider = start()
    layer = f"{path}|layername="
    baseline = QgsVectorLayer(baseline_uri, "baseline", "ogr")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setEllipsoid("EPSG:1024")
    patch_layer = QgsVectorLayer(layer + f"patches_{name}", name, "ogr")
    # patrol first, so that the process's peak memory at its end is patrol's own
    started = time.perf_counter()
    result = processing.run("landsupervision:patchreconciliation", {
        "PATCHES": layer + f"patches_{name}", "VERIFICATION": layer + f"verification_{name}",
        "BASELINE": baseline_uri, "TOWNS": layer + "demo_towns",
        "OUTPUT": "memory:", "OUTPUT_DISCREPANCIES": "memory:", "OUTPUT_TOWNS": "memory:"})
    ours = time.perf_counter() - started
    our_peak = peak_mb()
    native = native_seconds(processing, patch_layer, baseline, context)
    ratio = ours / native
    verdict = "meets" if ratio <= TARGETS[name] else "MISSES"
    memory = ""
    if "x5" in label:
        memory = "; memory " + ("meets" if our_peak < LARGE_PEAK_MB else "MISSES") + f" < {LARGE_PEAK_MB} MB"
    print(f"ROW {name:6s} | {label:18s} | native {native:6.1f} s | patrol {ours:6.1f} s | ratio {ratio:.3f} "
          f"({verdict} {TARGETS[name]}{memory}) | patrol peak {our_peak:.0f} MB | load {os.getloadavg()[0]:.1f} | "
          f"{result['PATCH_COUNT']} patches, {baseline.featureCount()} baseline polygons", flush=True)
    return 0


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--row" in sys.argv:  # a child: python bench_patrol.py --row scale case label uri
        scale, name, label, uri = args
        return run_row(input_path(float(scale)), name, label, uri)
    if "--postgis" in sys.argv:  # a child: python bench_patrol.py --postgis scale
        return postgis_rows(input_path(float(args[0])))
    scale = float(args[0]) if args else 50.0
    path = input_path(scale)
    import subprocess

    if not path.exists():
        subprocess.run([sys.executable, __file__, "--build", str(scale)], check=True)
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    copies = baseline_copies(path)
    only = os.environ.get("BENCH_FORMATS", "")  # e.g. "FileGDB,shapefile": a subset of the rows
    print(f"load before: {os.getloadavg()[0]:.2f} (1 min average; 2 cores shared)", flush=True)
    for label, *_ in FORMATS:
        if only and not any(part and part in label for part in only.split(",")):
            continue
        for name, _ in CASES:
            subprocess.run([sys.executable, __file__, "--row", str(scale), name, label, copies[label]],
                           cwd=ROOT, check=False)
    if not only or "PostGIS" in only.split(","):
        subprocess.run([sys.executable, __file__, "--postgis", str(scale)], cwd=ROOT, check=False)
    if (not only or "large" in only.split(",")) and os.environ.get("BENCH_LARGE", "1") != "0" and scale == 50.0:
        large = input_path(LARGE_SCALE)
        if not large.exists():
            subprocess.run([sys.executable, __file__, "--build", str(LARGE_SCALE)], check=True)
        print(f"memory row: SCALE {LARGE_SCALE:g}, target: patrol peak < {LARGE_PEAK_MB} MB", flush=True)
        subprocess.run([sys.executable, __file__, "--row", str(LARGE_SCALE), "dense", "GeoPackage 4549 x5",
                        f"{large}|layername=demo_baseline_dltb"], cwd=ROOT, check=False)
    print(f"load after: {os.getloadavg()[0]:.2f}; each row in its own process (peak memory its own)")
    return 0


def postgis_rows(path: Path) -> int:
    """The PostGIS rows: the baseline loaded into a throwaway cluster, each run against native on the same
    PostGIS layer. Peak memory here is this process's own (the loading runs in a child)."""
    import subprocess

    import psycopg2
    from qgis.core import QgsDataSourceUri, QgsProcessingContext, QgsProject, QgsVectorLayer

    from benchmarks.qgis_session import start
    from tests.core.test_ledger_pg_server import pg_server

    _app, processing, _provider = start()
    server = pg_server()
    target = f"PG:host={server['host']} port={server['port']} user=postgres dbname={server['dbname']}"
    zoned = path.with_name(path.stem + "_4528.gpkg")
    tables = [("baseline_4549", path, "EPSG:4549")] + ([("baseline_4528", zoned, "EPSG:4528")] if zoned.exists()
                                                        else [])
    for table, source, crs in tables:
        started = time.perf_counter()
        load = ("import sys; from osgeo import gdal; gdal.UseExceptions(); gdal.VectorTranslate(sys.argv[1], "
                "sys.argv[2], options=['-f', 'PostgreSQL', '-nln', sys.argv[3], '-lco', 'GEOMETRY_NAME=geom', "
                "'-lco', 'FID=fid', '-lco', 'LAUNDER=NO', 'demo_baseline_dltb'])")
        subprocess.run([sys.executable, "-c", load, target, str(source), table], check=True)
        conn = psycopg2.connect(host=server["host"], port=server["port"], user="postgres", dbname=server["dbname"])
        conn.autocommit = True
        conn.cursor().execute(f"VACUUM ANALYZE {table}")
        conn.close()
        print(f"PostGIS {crs} baseline loaded (GDAL PG driver, VACUUM ANALYZE) in {time.perf_counter() - started:.1f} "
              "s", flush=True)
    layer = f"{path}|layername="
    runs = [(name, "baseline_4549", "EPSG:4549") for name, _ in CASES]
    runs += [("dense", table, crs) for table, _, crs in tables[1:]]
    figures = []
    for name, table, _ in runs:  # patrol runs first: each one's peak memory is its own
        uri = QgsDataSourceUri()
        uri.setConnection(server["host"], str(server["port"]), server["dbname"], "postgres", "")
        uri.setDataSource("public", table, "geom", "", "fid")
        baseline = QgsVectorLayer(uri.uri(False), "baseline", "postgres")
        reset_peak()
        started = time.perf_counter()
        result = processing.run("landsupervision:patchreconciliation", {
            "PATCHES": layer + f"patches_{name}", "VERIFICATION": layer + f"verification_{name}",
            "BASELINE": baseline, "TOWNS": layer + "demo_towns",
            "OUTPUT": "memory:", "OUTPUT_DISCREPANCIES": "memory:", "OUTPUT_TOWNS": "memory:"})
        figures.append((baseline, time.perf_counter() - started, peak_mb(), result["PATCH_COUNT"]))
    for (name, _, crs), (baseline, ours, ours_peak, count) in zip(runs, figures):
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        context.setEllipsoid("EPSG:1024")
        patch_layer = QgsVectorLayer(layer + f"patches_{name}", name, "ogr")
        native = native_seconds(processing, patch_layer, baseline, context)
        ratio = ours / native
        verdict = "meets" if ratio <= TARGETS[name] else "MISSES"
        print(f"{name:6s} {patch_layer.featureCount():6d} patches, baseline PostGIS {crs} "
              f"({baseline.featureCount()} polygons): native {native:6.1f} s, patrol {ours:6.1f} s, "
              f"ratio {ratio:.3f} ({verdict} the target {TARGETS[name]}), {count} patches out; "
              f"peak memory of the patrol run {ours_peak:.0f} MB; load average {os.getloadavg()[0]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    if "--build" in sys.argv:
        from qgis.core import QgsApplication

        _app = QgsApplication([], False)
        _app.initQgis()
        OUTPUT.mkdir(parents=True, exist_ok=True)
        build_inputs(input_path(float([a for a in sys.argv[1:] if not a.startswith("--")][0])),
                     float([a for a in sys.argv[1:] if not a.startswith("--")][0]))
        sys.exit(0)
    sys.exit(main())
