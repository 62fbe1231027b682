"""Demo projects of the 用地预审 pre-check: the bureau's projects of the seeds, with ILLUSTRATIVE shapes.

- S302/S202 省道 and 长城汽车平湖基地: the polygons the demo ledger's bureau transactions carry
  (``resources/ledger/bureau_transactions.csv``, marked illustrative there), read from that file so that the
  pre-check and the ledger speak of the same footprints; both are allocated in the demo ledger.
- 日本电产新能源驱动电机旗舰工厂 (Nidec): "用于项目建设的90亩土地已经落实到位，已于10月份动工" (seeds, 平湖
  市自然资源和规划局, 2022). Not in the ledger's transactions: the demo's new application. Its location and
  shape are ILLUSTRATIVE (a rectangle in 钟埭街道 beside 长城汽车, inside the demo's development boundary);
  only its area, 90.00 亩 ellipsoidal on CGCS2000, is the seeds'.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import shapely

from ...constants import RESOURCES
from ..tables import FeatureTable
from .context import DemoContext

TRANSACTIONS = RESOURCES / "ledger" / "bureau_transactions.csv"
NIDEC_AREA_MU = 90  # seeds: 用于项目建设的90亩土地已经落实到位
# 300 m x 200.0525 m at 103 km east of the central meridian (areal scale 1.00026): 90.0000 亩 ellipsoidal;
# inside the demo's 钟埭街道 城镇开发边界, south-west of 长城汽车, on (synthetic) farmland
NIDEC = shapely.box(603000.0, 3400450.0, 603300.0, 3400650.0525)
ILLUSTRATIVE = "ILLUSTRATIVE: 示意范围 shape and location illustrative"
PROJECTS = [  # (XMBH, XMMC, note); the first two take their polygons from the ledger's transactions
    ("S302S202", "S302/S202 省道", f"{ILLUSTRATIVE}; 2021年1月省政府批复 (seeds), allocated in the demo ledger"),
    ("CCQC", "长城汽车平湖基地", f"{ILLUSTRATIVE}; 预支计划指标 600亩 x 2 (seeds), allocated in the demo ledger"),
    ("RBDC", "日本电产新能源驱动电机旗舰工厂",
     f"{ILLUSTRATIVE}; 90亩 (seeds: 用地已落实, 2022年10月动工); a new application, not in the ledger"),
]


def ledger_polygons(path: Path = TRANSACTIONS) -> dict[str, object]:
    """The first polygon (WKT column) each project id carries in the bureau's transactions."""
    polygons: dict[str, object] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row.get("wkt") or "").strip() and row.get("project_id") and row["project_id"] not in polygons:
                polygons[row["project_id"]] = shapely.from_wkt(row["wkt"])
    return polygons


def add_layers(ctx: DemoContext) -> None:
    polygons = dict(ledger_polygons(), RBDC=NIDEC)
    ctx.add(FeatureTable(
        "demo_precheck_projects", [("XMBH", "str"), ("XMMC", "str"), ("SM", "str")],
        {"XMBH": [p[0] for p in PROJECTS], "XMMC": [p[1] for p in PROJECTS], "SM": [p[2] for p in PROJECTS]},
        np.array([polygons[p[0]] for p in PROJECTS], dtype=object), "Polygon", ctx.crs,
        "用地预审 projects: S302/S202, 长城汽车 and 日本电产 (90亩) of the seeds, with ILLUSTRATIVE shapes"))
