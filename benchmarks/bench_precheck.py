#!/usr/bin/env python3
"""用地预审 draw-to-answer: one 5 km2 project over the 1,000,000-polygon baseline (demo SCALE 50), timed in the
same run as QGIS ``native:extractbylocation`` of the baseline patches the footprint touches (the least a
planner's own check would do). Target (issue 18): an answer in under 300 ms.

The baseline GeoPackage is the reclamation benchmark's (generated once and cached under benchmarks/output/).
Usage: bench_precheck.py [--scale S] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PROJ_DATA", "/usr/share/proj")
OUTPUT = ROOT / "benchmarks" / "output"
SIDE_M = 5_000_000 ** 0.5  # a 5 km2 square


def measure(baseline_path: Path, repeat: int) -> None:
    import shapely
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    from qgis_session import start

    app, processing, provider = start()
    baseline = QgsVectorLayer(f"{baseline_path}|layername=demo_baseline_dltb", "baseline", "ogr")
    extent = baseline.extent()
    cx, cy = extent.center().x(), extent.center().y()
    footprint = shapely.box(cx - SIDE_M / 2, cy - SIDE_M / 2, cx + SIDE_M / 2, cy + SIDE_M / 2)
    project = QgsVectorLayer("Polygon?crs=EPSG:4549&field=XMBH:string", "drawn", "memory")
    feature = QgsFeature(project.fields())
    feature.setAttributes(["drawn"])
    feature.setGeometry(QgsGeometry.fromWkt(footprint.wkt))
    project.dataProvider().addFeatures([feature])
    print(f"baseline: {baseline.featureCount():,} polygons; footprint {shapely.area(footprint) / 1e6:.2f} km2",
          flush=True)

    def ours():
        return processing.run("landsupervision:projectprecheck", {
            "PROJECTS": project, "BASELINE": baseline, "OUTPUT": "memory:", "OUTPUT_PIECES": "memory:"})

    def native():
        return processing.run("native:extractbylocation", {
            "INPUT": baseline, "PREDICATE": [0], "INTERSECT": project, "OUTPUT": "memory:"})

    timings = {}
    for name, run in (("landsupervision:projectprecheck", ours), ("native:extractbylocation", native)):
        run()  # warm the file cache and the provider
        seconds = []
        for _ in range(repeat):
            started = time.perf_counter()
            result = run()
            seconds.append(time.perf_counter() - started)
        timings[name] = statistics.median(seconds)
        print(f"{name}: median {timings[name] * 1000:.0f} ms over {repeat} runs "
              f"(min {min(seconds) * 1000:.0f}, max {max(seconds) * 1000:.0f})", flush=True)
    layer = result["OUTPUT"]
    ours_ms = timings["landsupervision:projectprecheck"] * 1000
    print(f"native extracted {layer.featureCount():,} patches; ratio ours/native "
          f"{timings['landsupervision:projectprecheck'] / timings['native:extractbylocation']:.2f}; "
          f"draw-to-answer {ours_ms:.0f} ms (target < 300 ms: {'met' if ours_ms < 300 else 'NOT met'})", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=50.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    baseline_path = OUTPUT / f"reclamation_bench_baseline_s{args.scale:g}.gpkg"
    if not baseline_path.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_reclamation.py"), "--generate-only",
                        "--scale", str(args.scale), "--plots", "1000"], check=True)
    measure(baseline_path, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
