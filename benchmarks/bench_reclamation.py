#!/usr/bin/env python3
"""Reclamation acceptance of 100,000 plots against 1,000,000 baseline polygons, timed in the same run as
QGIS ``native:calculatevectoroverlaps`` on the same layers (target: at most 0.5x native's time, peak < 1.5 GB).

The inputs are generated once (in a child process, so their memory is not counted) and cached in
benchmarks/output/reclamation_bench.gpkg: the demo baseline at SCALE 50, 100,000 square plots inside random
construction-land patches, and projects as 3 km blocks. Usage: bench_reclamation.py [--plots N] [--scale S]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PROJ_DATA", "/usr/share/proj")
OUTPUT = ROOT / "benchmarks" / "output"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cells_construction_first(baseline, county, cell: float, block: float, rng):
    """Centres (gx, gy) of the county's grid cells and their indices, cells on construction patches first."""
    import numpy as np
    import shapely

    from land_supervision.core.landclass import is_construction_code

    x0, y0, x1, y1 = county.bounds
    x0, y0 = np.floor(x0 / block) * block, np.floor(y0 / block) * block
    gx, gy = np.meshgrid(np.arange(x0, x1, cell) + cell / 2, np.arange(y0, y1, cell) + cell / 2)
    gx, gy = gx.ravel(), gy.ravel()
    inside = np.flatnonzero(shapely.contains_xy(county, gx, gy))
    # mostly on construction land, as reclamation plots are: cells whose centre lies in a construction patch first
    codes = baseline.columns["DLBM"]
    uniq, inverse = np.unique(codes.astype(str), return_inverse=True)
    constr = np.array([is_construction_code(c) for c in uniq])[inverse]
    point_idx, patch_idx = shapely.STRtree(baseline.geometry).query(shapely.points(gx[inside], gy[inside]),
                                                                     predicate="within")
    on_constr = np.zeros(len(inside), dtype=bool)
    on_constr[point_idx] = constr[patch_idx]
    order = np.concatenate([rng.permutation(inside[on_constr]), rng.permutation(inside[~on_constr])])
    return gx, gy, order


def generate(baseline_path: Path, plots_path: Path, scale: float, plots: int) -> None:
    """Baseline (demo, SCALE) and plots: squares of 20-45 m in cells of a 50 m grid (no overlaps), centred on
    construction patches where there are enough; projects as 3 km blocks. Plots straddle several patches."""
    import numpy as np
    import shapely
    from qgis.core import QgsApplication, QgsProcessingContext

    from land_supervision.algorithms.layer_io import write_gpkg
    from land_supervision.core.demo import base
    from land_supervision.core.demo.context import DemoContext
    from land_supervision.core.geodesy import ellipsoidal_area
    from land_supervision.core.tables import FeatureTable
    from land_supervision.core.units import m2_to_mu

    app = QgsApplication([], False)
    app.initQgis()
    started = time.perf_counter()
    ctx = DemoContext(seed=2021, scale=scale)
    base.add_layers(ctx)
    baseline = ctx["demo_baseline_dltb"]
    county = ctx["demo_county"].geometry[0]
    rng = np.random.default_rng(7)
    cell, block = 50.0, 3000.0
    gx, gy, order = _cells_construction_first(baseline, county, cell, block, rng)
    pick = order[:plots]
    cx, cy = gx[pick], gy[pick]
    n = len(pick)
    side = rng.uniform(20.0, 45.0, n)
    jx, jy = rng.uniform(-1, 1, (2, n)) * (cell - side) / 2
    squares = shapely.box(cx + jx - side / 2, cy + jy - side / 2, cx + jx + side / 2, cy + jy + side / 2)
    bx, by = np.floor(cx / block).astype(int), np.floor(cy / block).astype(int)
    keys = np.array([f"B{a}_{b}" for a, b in zip(bx, by)], dtype=object)
    project_keys, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    project_geoms = shapely.box(bx[first] * block, by[first] * block, (bx[first] + 1) * block,
                                (by[first] + 1) * block)
    mu = np.round(m2_to_mu(ellipsoidal_area(squares, ctx.crs)), 2)
    plot_table = FeatureTable(
        "bench_plots", [("DKBH", "str"), ("XMBH", "str"), ("SBMJ", "float"), ("MBDL", "str")],
        {"DKBH": [f"P{i:06d}" for i in range(n)], "XMBH": keys, "SBMJ": mu,
         "MBDL": rng.choice(["0101", "0102", "0103"], n).astype(object)}, squares, "Polygon", ctx.crs)
    project_table = FeatureTable(
        "bench_projects", [("XMBH", "str"), ("XMMC", "str"), ("XZGDMJ", "float")],
        {"XMBH": project_keys, "XMMC": project_keys, "XZGDMJ": np.bincount(inverse, weights=mu)}, project_geoms,
        "Polygon", ctx.crs)
    print(f"generated {len(baseline):,} baseline polygons, {n:,} plots, {len(project_keys):,} projects in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    plots_path.parent.mkdir(parents=True, exist_ok=True)
    write_gpkg(str(plots_path), [plot_table, project_table], QgsProcessingContext())
    if not baseline_path.exists():
        write_gpkg(str(baseline_path), [baseline], QgsProcessingContext())
    print(f"written in {time.perf_counter() - started:.1f} s", flush=True)


def measure(baseline_path: Path, plots_path: Path) -> None:
    from qgis.core import QgsVectorLayer
    from qgis_session import start

    app, processing, provider = start()
    layers = {name: QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
              for path, name in ((baseline_path, "demo_baseline_dltb"), (plots_path, "bench_plots"),
                                 (plots_path, "bench_projects"))}
    counts = {name: layer.featureCount() for name, layer in layers.items()}
    print(f"inputs: {counts}", flush=True)
    from qgis.core import QgsProcessingFeedback

    class Timed(QgsProcessingFeedback):
        def pushInfo(self, info):  # noqa: N802 - Qt API
            print(f"  {time.perf_counter() - started:7.1f} s  {info}", flush=True)

    before = peak_mb()
    started = time.perf_counter()
    ours = processing.run("landsupervision:reclamationacceptance", {
        "PROJECTS": layers["bench_projects"], "PLOTS": layers["bench_plots"], "BASELINE": layers["demo_baseline_dltb"],
        "OUTPUT_PLOTS": "memory:", "OUTPUT_PROJECTS": "memory:", "OUTPUT_TOWNS": "memory:"}, feedback=Timed())
    ours_s = time.perf_counter() - started
    ours_peak = peak_mb()
    print(f"landsupervision:reclamationacceptance: {ours_s:.1f} s; {ours['ACCEPTED']} accepted, {ours['REJECTED']} "
          f"rejected, {ours['PENDING']} pending; peak memory {ours_peak:.0f} MB (before: {before:.0f} MB)",
          flush=True)
    del ours
    started = time.perf_counter()
    processing.run("native:calculatevectoroverlaps", {
        "INPUT": layers["bench_plots"], "LAYERS": [layers["demo_baseline_dltb"]], "OUTPUT": "memory:"})
    native_s = time.perf_counter() - started
    print(f"native:calculatevectoroverlaps (plots over baseline): {native_s:.1f} s", flush=True)
    ratio = ours_s / native_s
    print(f"ratio ours/native: {ratio:.2f} (target <= 0.5: {'met' if ratio <= 0.5 else 'NOT met'}); peak memory of "
          f"the acceptance run {ours_peak:.0f} MB (target < 1500: {'met' if ours_peak < 1500 else 'NOT met'}); "
          f"process peak {peak_mb():.0f} MB", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plots", type=int, default=100_000)
    parser.add_argument("--scale", type=float, default=50.0)
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args()
    baseline_path = OUTPUT / f"reclamation_bench_baseline_s{args.scale:g}.gpkg"
    plots_path = OUTPUT / f"reclamation_bench_plots_s{args.scale:g}_p{args.plots}.gpkg"
    if args.generate_only:
        generate(baseline_path, plots_path, args.scale, args.plots)
        return 0
    if not plots_path.exists() or not baseline_path.exists():
        subprocess.run([sys.executable, __file__, "--generate-only", "--plots", str(args.plots), "--scale",
                        str(args.scale)], check=True)
    measure(baseline_path, plots_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
