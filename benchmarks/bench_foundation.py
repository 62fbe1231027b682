#!/usr/bin/env python3
"""Foundation figures: vectorised ellipsoidal area vs QgsDistanceArea, demo generation at SCALE 50."""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import shapely  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsDistanceArea,
        QgsGeometry,
        QgsProject,
    )

    from land_supervision.core.demo import generate_demo
    from land_supervision.core.geodesy import ellipsoidal_area

    app = QgsApplication([], False)
    app.initQgis()
    started = time.perf_counter()
    tables = generate_demo(2021, 50.0)
    base = tables["demo_baseline_dltb"]
    print(f"demo data SCALE=50: {len(base):,} baseline polygons generated in {time.perf_counter() - started:.1f} s")
    geoms = base.geometry
    started = time.perf_counter()
    areas = ellipsoidal_area(geoms, "EPSG:4549")
    vectorised = time.perf_counter() - started
    measure = QgsDistanceArea()
    measure.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4549"), QgsProject.instance().transformContext())
    measure.setEllipsoid("EPSG:1024")
    sample = np.random.default_rng(1).choice(len(geoms), 20_000, replace=False)
    wkbs = shapely.to_wkb(geoms[sample])
    started = time.perf_counter()
    expected = []
    for wkb in wkbs:
        geometry = QgsGeometry()
        geometry.fromWkb(wkb)
        expected.append(measure.measureArea(geometry))
    per_feature = (time.perf_counter() - started) / len(sample)
    rel = np.max(np.abs(areas[sample] - np.array(expected)) / np.array(expected))
    print(f"ellipsoidal_area, {len(geoms):,} polygons: {vectorised:.2f} s "
          f"({vectorised / len(geoms) * 1e6:.2f} us/polygon)")
    print(f"QgsDistanceArea.measureArea: {per_feature * 1e6:.2f} us/polygon "
          f"(extrapolated {per_feature * len(geoms):.1f} s); ratio {vectorised / (per_feature * len(geoms)):.2f}x")
    print(f"max relative difference on a 20,000 sample: {rel:.2e}")
    print(f"peak memory: {peak_mb():.0f} MB")
    app.exitQgis()


if __name__ == "__main__":
    main()
