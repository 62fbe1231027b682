"""Styles of the patrol layers (.qml in resources/patrol/): patches by verdict, towns by 耕占比, approvals.

``python -m land_supervision.reports.patrol_styles`` rewrites the .qml files (run once, commit them).
"""

from __future__ import annotations

from ..constants import PATROL_RATIO_FIELD, PATROL_VERDICT_FIELD, RESOURCES, WORKING_CRS

PATROL = RESOURCES / "patrol"
STYLE_FILES = {"patches": PATROL / "patrol_patches.qml", "towns": PATROL / "patrol_towns.qml",
               "approvals": PATROL / "patrol_approvals.qml",
               "baseline": RESOURCES / "styles" / "demo_baseline_dltb.qml"}
VERDICT_COLOURS = [("合法", "合法 legal", "#38a800"), ("违法", "违法 illegal", "#e60000"),
                   ("其他", "其他 other", "#9c9c9c")]
RATIO_CLASSES = [(0.0, 5.0, "< 5%", "#a8e0a0"), (5.0, 15.0, "5% - 15%", "#ffd966"),
                 (15.0, 1000.0, "≥ 15%", "#e06666")]


def apply_style(layer, kind: str) -> bool:
    """Load the .qml of ``kind`` onto ``layer``; False if it did not load."""
    path = STYLE_FILES[kind]
    if not path.exists():
        return False
    _, ok = layer.loadNamedStyle(str(path))
    if ok:
        layer.triggerRepaint()
    return bool(ok)


def _rgba(colour: str, alpha: int) -> str:
    """'#rrggbb' and an alpha to QGIS's 'r,g,b,a' (QGIS reads '#aarrggbb', not '#rrggbbaa')."""
    return ",".join(str(int(colour[i:i + 2], 16)) for i in (1, 3, 5)) + f",{alpha}"


def write_styles() -> None:
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsFillSymbol,
        QgsGraduatedSymbolRenderer,
        QgsPalLayerSettings,
        QgsRendererCategory,
        QgsRendererRange,
        QgsSingleSymbolRenderer,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )

    from .layout_kit import text_format

    PATROL.mkdir(parents=True, exist_ok=True)
    patches = QgsVectorLayer(f"MultiPolygon?crs={WORKING_CRS}&field=ZZJG:string&field=JCBH:string", "p", "memory")
    categories = [QgsRendererCategory(value, QgsFillSymbol.createSimple(
        {"color": _rgba(colour, 90), "outline_color": colour, "outline_width": "0.8"}), label)
        for value, label, colour in VERDICT_COLOURS]
    patches.setRenderer(QgsCategorizedSymbolRenderer(PATROL_VERDICT_FIELD, categories))
    patches.saveNamedStyle(str(STYLE_FILES["patches"]))

    towns = QgsVectorLayer(f"MultiPolygon?crs={WORKING_CRS}&field=GZB:double&field=XZQMC:string", "t", "memory")
    ranges = [QgsRendererRange(lo, hi, QgsFillSymbol.createSimple(
        {"color": colour, "outline_color": "#555555", "outline_width": "0.3"}), label)
        for lo, hi, label, colour in RATIO_CLASSES]
    renderer = QgsGraduatedSymbolRenderer(PATROL_RATIO_FIELD, ranges)
    towns.setRenderer(renderer)
    settings = QgsPalLayerSettings()
    settings.fieldName = "\"XZQMC\" || '\\n' || coalesce(format_number(\"GZB\", 2) || '%', '-')"
    settings.isExpression = True
    settings.setFormat(text_format(8))
    towns.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    towns.setLabelsEnabled(True)
    towns.saveNamedStyle(str(STYLE_FILES["towns"]))

    approvals = QgsVectorLayer(f"MultiPolygon?crs={WORKING_CRS}&field=PZWH:string", "a", "memory")
    approvals.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "#0070ff", "style": "b_diagonal", "outline_color": "#0050c0", "outline_width": "0.5",
         "outline_style": "dash"})))
    approvals.saveNamedStyle(str(STYLE_FILES["approvals"]))


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    write_styles()
