#!/usr/bin/env python3
"""Write the .qml styles of the base demo layers into land_supervision/resources/styles/ (run once, commit)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsRendererCategory,
    QgsVectorLayer,
)

STYLES = ROOT / "land_supervision" / "resources" / "styles"
CLASS_GROUPS = [  # expression value, label, colour
    ("cultivated", "耕地 cultivated", "#f5e663"),
    ("construction", "建设用地 construction", "#e06666"),
    ("water", "水域 water", "#6fa8dc"),
    ("green", "林地园地 forest/garden", "#6aa84f"),
    ("other", "其他 other", "#cccccc"),
]
GROUP_EXPRESSION = (
    "CASE WHEN regexp_match(\"DLBM\", '^010[1-3]') THEN 'cultivated' "
    "WHEN regexp_match(\"DLBM\", '^(05|06|07|08|09|100[1-5]|100[7-9]|1109|1201)') THEN 'construction' "
    "WHEN regexp_match(\"DLBM\", '^11') THEN 'water' "
    "WHEN regexp_match(\"DLBM\", '^0[23]') THEN 'green' ELSE 'other' END"
)


def fill(color: str, outline: str = "#777777", width: str = "0.05", style: str = "solid") -> QgsFillSymbol:
    return QgsFillSymbol.createSimple({"color": color, "outline_color": outline, "outline_width": width,
                                       "style": style})


def main() -> None:
    app = QgsApplication([], False)
    app.initQgis()
    STYLES.mkdir(parents=True, exist_ok=True)
    layer = QgsVectorLayer("Polygon?crs=EPSG:4549&field=DLBM:string", "x", "memory")
    categories = [QgsRendererCategory(v, fill(c, "#999999", "0.02"), label) for v, label, c in CLASS_GROUPS]
    layer.setRenderer(QgsCategorizedSymbolRenderer(GROUP_EXPRESSION, categories))
    layer.saveNamedStyle(str(STYLES / "demo_baseline_dltb.qml"))
    simple = {
        "demo_county": fill("0,0,0,0", "#000000", "0.6"),
        "demo_towns": fill("0,0,0,0", "#444444", "0.4"),
        "demo_farmland": fill("56,118,29,90", "#38761d", "0.2"),
        "demo_dev_boundary": fill("0,0,0,0", "#8e44ad", "0.5", "solid"),
    }
    for name, symbol in simple.items():
        layer = QgsVectorLayer("Polygon?crs=EPSG:4549", name, "memory")
        layer.renderer().setSymbol(symbol)
        layer.saveNamedStyle(str(STYLES / f"{name}.qml"))
    zones = QgsVectorLayer("Polygon?crs=EPSG:4549&field=GKFQ:string", "zones", "memory")
    zones.setRenderer(QgsCategorizedSymbolRenderer("GKFQ", [
        QgsRendererCategory("严格管控区", fill("204,0,0,150", "#990000", "0.4"), "严格管控区 strict control"),
        QgsRendererCategory("合理利用区", fill("106,168,79,120", "#38761d", "0.4"), "合理利用区 reasonable use"),
    ]))
    zones.saveNamedStyle(str(STYLES / "demo_park_zones.qml"))
    print("styles written to", STYLES)
    app.exitQgis()


if __name__ == "__main__":
    main()
