#!/usr/bin/env python3
"""Write demo-output/demo.qgz: every demo layer and result layer, styled and grouped by tool."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsProject,
    QgsReferencedRectangle,
    QgsVectorLayer,
)

RESOURCES = ROOT / "land_supervision" / "resources"
GROUPS = [  # (tool key, group title, name keywords), first match wins; the rest goes to the base group
    ("reclamation", "复垦验收 Reclamation", ("reclamation", "prior_plot", "plot", "sample")),
    ("ledger", "指标台账 Quota ledger", ("ledger", "allocation", "journal")),
    ("zoning", "生态分区 Ecological zoning",
     ("park", "zone", "activit", "vessel", "island", "intrusion", "conformance")),
    ("patrol", "卫片核查 Satellite patrol", ("patch", "approval", "verification", "discrepanc", "town_summary")),
    ("precheck", "用地预审 Land-use pre-check", ("precheck",)),
]
BASE_GROUP = "基础数据 Base data"


def tool_of(name: str) -> str | None:
    lowered = name.lower()
    for key, _, words in GROUPS:
        if any(word in lowered for word in words):
            return key
    return None


def style_for(name: str, tool: str | None) -> Path | None:
    candidates = [RESOURCES / "styles" / f"{name}.qml"]
    if tool:
        candidates += [RESOURCES / tool / "styles" / f"{name}.qml", RESOURCES / tool / f"{name}.qml"]
    return next((p for p in candidates if p.exists()), None)


def gpkg_layers(path: Path) -> list[tuple[str, str]]:
    """(layer name, uri) of every vector layer in a GeoPackage."""
    from osgeo import ogr

    source = ogr.Open(str(path))
    if source is None:
        return []
    names = [source.GetLayer(i).GetName() for i in range(source.GetLayerCount())]
    return [(name, f"{path}|layername={name}") for name in names]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", default=str(ROOT / "demo-output"))
    args = parser.parse_args()
    output = Path(args.output)
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4549"))
    project.setTitle("国土空间监管工具箱 演示项目 (合成数据 synthetic demo data)")
    root = project.layerTreeRoot()
    groups = {key: root.addGroup(title) for key, title, _ in GROUPS}
    groups[None] = root.addGroup(BASE_GROUP)
    sources = [output / "demo.gpkg"] + sorted(p for p in output.glob("*/*.gpkg"))
    count = 0
    for gpkg in sources:
        if not gpkg.exists():
            continue
        folder_tool = gpkg.parent.name if gpkg.parent != output else None
        for name, uri in gpkg_layers(gpkg):
            layer = QgsVectorLayer(uri, name, "ogr")
            if not layer.isValid():
                continue
            tool = folder_tool if folder_tool is not None and folder_tool in groups else tool_of(name)
            style = style_for(name, tool)
            if style is not None:
                layer.loadNamedStyle(str(style))
            project.addMapLayer(layer, False)
            group = groups.get(tool, groups[None])
            if "baseline" in name:  # the dense survey at the bottom of its group
                node = group.addLayer(layer)
            else:
                node = group.insertLayer(0, layer)
            if tool is not None and "town" in name.lower():  # per-town summaries would cover the map
                node.setItemVisibilityChecked(False)
            count += 1
    # base data at the bottom of the legend, the baseline survey hidden until needed
    # one tool at a time: result layers cover the base data, so tool groups start hidden
    for key, group in groups.items():
        group.setExpanded(key is None)
        group.setItemVisibilityChecked(key is None)
    framed = project.mapLayersByName("demo_county") + project.mapLayersByName("demo_park_zones")
    if framed:
        extent = framed[0].extent()
        for layer in framed[1:]:
            extent.combineExtentWith(layer.extent())
        extent.scale(1.05)
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, framed[0].crs()))
    ledger = output / "ledger" / "demo_ledger.gpkg"
    if ledger.exists():  # the ledger and pre-check docks open the demo ledger with the project
        project.writeEntry("LandSupervision", "ledger/uri", str(ledger.resolve()))
        project.writeEntry("LandSupervision", "precheck/LEDGER", str(ledger.resolve()))
    target = output / "demo.qgz"
    project.write(str(target))
    print(f"{target}: {count} layers in {len(groups)} groups")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
