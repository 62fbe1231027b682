"""pyproj from a QGIS task's thread (not created by Python): handed to a Python thread, same answers.

Without the guard, pyproj 3.7 (Debian 13 and later) crashed the process here (pyproj issue 1509).
"""

from __future__ import annotations

import threading

import numpy as np
import shapely
from qgis.core import QgsApplication, QgsTask

from land_supervision.core import geodesy
from land_supervision.core.proj_thread import on_foreign_thread
from land_supervision.core.zoning.footprints import point_scale
from tests.conftest import wait_for

SQUARE = shapely.box(500_000, 3_400_000, 500_100, 3_400_100)
LARGE_ZONE40 = shapely.box(40_500_000, 3_400_000, 40_503_000, 3_403_000)  # over 2 km: summed ring by ring


def _compute() -> dict:
    return {
        "foreign": on_foreign_thread(),
        "area": float(geodesy.ellipsoidal_area([SQUARE], "EPSG:4549")[0]),
        "exact": float(geodesy.ellipsoidal_area([LARGE_ZONE40], "EPSG:4528")[0]),
        "moved": shapely.get_coordinates(geodesy.transform_geometries([SQUARE], "EPSG:4549", "EPSG:4490"))[0].tolist(),
        "scale": float(point_scale([600_000.0], [3_400_000.0], "EPSG:4549")[0]),
    }


def test_python_threads_are_not_foreign():
    seen = []
    worker = threading.Thread(target=lambda: seen.append(on_foreign_thread()))
    worker.start()
    worker.join()
    assert seen == [False] and not on_foreign_thread()


def test_pyproj_in_a_qgis_task_gives_the_main_thread_answers(qgis_app):
    expected = _compute()
    results = {}
    task = QgsTask.fromFunction("pyproj in a task", lambda _task: results.update(_compute()) or True)
    QgsApplication.taskManager().addTask(task)
    assert wait_for(lambda: "scale" in results, timeout=60)
    assert results["foreign"] is True and expected["foreign"] is False
    for key in ("area", "exact", "scale"):
        assert np.isclose(results[key], expected[key], rtol=1e-12), key
    assert np.allclose(results["moved"], expected["moved"], rtol=0, atol=1e-12)
    assert 9_990 < results["area"] < 10_000  # 100 m x 100 m, scale > 1 east of the central meridian shrinks it
