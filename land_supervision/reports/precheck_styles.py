"""Styles of the pre-check results (.qml in resources/precheck/styles/): projects by findings, pieces by layer.

``python -m land_supervision.reports.precheck_styles`` rewrites the .qml files (run once, commit them).
"""

from __future__ import annotations

from ..constants import RESOURCES, WORKING_CRS

STYLES = RESOURCES / "precheck" / "styles"
STYLE_FILES = {"projects": STYLES / "precheck.qml", "pieces": STYLES / "precheck_pieces.qml"}
# pieces by constraint layer (field TC): fill RGBA, outline RGB; colours as the pre-check sheet's map
PIECE_COLOURS = [("永久基本农田", "255,235,0,140", "190,160,0"), ("生态保护红线", "0,160,60,140", "0,110,40"),
                 ("城镇开发边界", "255,140,170,110", "200,60,110"), ("海洋公园", "80,150,255,120", "20,80,200")]


def write_styles() -> None:
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsFillSymbol,
        QgsRendererCategory,
        QgsRuleBasedRenderer,
        QgsVectorLayer,
    )

    STYLES.mkdir(parents=True, exist_ok=True)
    projects = QgsVectorLayer(f"Polygon?crs={WORKING_CRS}&field=XMBH:string&field=WTDM:string", "p", "memory")
    root = QgsRuleBasedRenderer.Rule(None)
    for expression, label, fill, outline in (
            ("coalesce(\"WTDM\", '') <> ''", "有问题 findings", "230,0,0,70", "200,0,0"),
            ("coalesce(\"WTDM\", '') = ''", "无问题 no findings", "0,0,0,0", "30,140,40")):
        symbol = QgsFillSymbol.createSimple({"color": fill, "outline_color": outline, "outline_width": "0.8"})
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label))
    projects.setRenderer(QgsRuleBasedRenderer(root))
    projects.saveNamedStyle(str(STYLE_FILES["projects"]))

    pieces = QgsVectorLayer(f"Polygon?crs={WORKING_CRS}&field=TC:string", "c", "memory")
    categories = [QgsRendererCategory(value, QgsFillSymbol.createSimple(
        {"color": fill, "outline_color": outline, "outline_width": "0.3"}), value) for value, fill, outline in
        PIECE_COLOURS]
    pieces.setRenderer(QgsCategorizedSymbolRenderer("TC", categories))
    pieces.saveNamedStyle(str(STYLE_FILES["pieces"]))


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    write_styles()
