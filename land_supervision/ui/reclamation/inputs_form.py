"""The input layers and rule table of the reclamation dock, remembered per QGIS project."""

from __future__ import annotations

from qgis.gui import QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import QFormLayout, QWidget

from ...constants import RECLAMATION_PROJECT_VERDICT_FIELD, RECLAMATION_VERDICT_FIELD
from ...qgis_compat import LayerFilter
from ...translation import tr, tr_noop
from ..layer_picking import pick_layer
from ..settings import ProjectEntries

SETTINGS = ProjectEntries("reclamation")
# (parameter, label, tooltip, optional, geometry filter)
POLYGONS, ANY = LayerFilter.PolygonLayer, LayerFilter.VectorLayer
LAYERS = [
    ("PROJECTS", tr_noop("Projects"), tr_noop("Reclamation project polygons (XMBH, XMMC, XZQMC, XZGDMJ ...)"), False,
     POLYGONS),
    ("PLOTS", tr_noop("Plots"), tr_noop("Reclamation plots (DKBH, XMBH, SBMJ, MBDL and field-survey values)"), False,
     POLYGONS),
    ("BASELINE", tr_noop("Baseline survey"),
     tr_noop("Baseline survey (三调) land-class patches of the year before (DLBM)"), False, POLYGONS),
    ("DEV_BOUNDARY", tr_noop("Urban development boundary"), tr_noop(
        "The urban development boundary (城镇开发边界; optional: without it R06 is 'not checked')"), True, POLYGONS),
    ("ECO_REDLINE", tr_noop("Ecological red line"), tr_noop(
        "The ecological red line (生态保护红线; optional: without it R07 is 'not checked')"), True, POLYGONS),
    ("PRIOR_PLOTS", tr_noop("Plots accepted before"), tr_noop("Earlier accepted plots (optional: without them R08 "
                                                              "is 'not checked')"), True, POLYGONS),
    ("TOWNS", tr_noop("Towns"), tr_noop("Town layer (XZQMC, XZQDM) for the town summary (optional)"), True, POLYGONS),
    ("AREA_CHAIN", tr_noop("Area chain table"), tr_noop(
        "The area chain (面积链): one row per project and step (XMBH, HJ, NYDMJ, GDMJ, STMJ, SJDMJ, HDMJ, ZLDB) as "
        "the acceptance system records it (optional)"), True, ANY),
]

# how to preselect a layer when the project has no saved choice yet: standard fields, then name keywords;
# never this tool's own outputs (verdict and chain-source fields)
OUTPUT_FIELDS = (RECLAMATION_VERDICT_FIELD, RECLAMATION_PROJECT_VERDICT_FIELD, "LY")
PICK = {
    "PROJECTS": (("XMBH", "XZGDMJ"), ("reclamation_project", "复垦项目", "项目区")),
    "PLOTS": (("DKBH", "XMBH", "MBDL"), ("reclamation_plot", "复垦地块")),
    "BASELINE": (("DLBM",), ("dltb", "baseline", "地类图斑")),
    "DEV_BOUNDARY": ((), ("dev_boundary", "城镇开发边界")),
    "ECO_REDLINE": ((), ("redline", "生态保护红线")),
    "PRIOR_PLOTS": ((), ("prior_plot", "已验收")),
    "TOWNS": (("XZQMC", "XZQDM"), ("towns", "镇街道", "乡镇")),
    "AREA_CHAIN": (("XMBH", "HJ"), ("chain", "面积链")),
}


def guess_layer(combo, key: str):
    """The layer of ``combo`` that looks like the standard input ``key`` (or None)."""
    fields, words = PICK[key]
    return pick_layer(combo, fields, words, OUTPUT_FIELDS)


class InputsForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._restoring = True  # no saving while the widgets are being built
        self.setObjectName("reclamationInputs")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QgsMapLayerComboBox] = {}
        for key, label, tip, optional, kind in LAYERS:
            combo = QgsMapLayerComboBox(self)
            combo.setObjectName(f"layer_{key}")
            combo.setFilters(kind)
            combo.setAllowEmptyLayer(optional)
            if optional:
                combo.setLayer(None)
            combo.setToolTip(tr(tip))
            form.addRow(tr(label), combo)
            self.combos[key] = combo
        self.rules = QgsFileWidget(self)
        self.rules.setObjectName("rulesFile")
        self.rules.setFilter(tr("Rule tables (*.json *.csv)"))
        self.rules.setToolTip(tr("A rule table (JSON or CSV rule,value); empty uses the shipped defaults"))
        form.addRow(tr("Rule table"), self.rules)
        self._restoring = False

    def parameters(self) -> dict:
        out = {}
        for key, combo in self.combos.items():
            layer = combo.currentLayer()
            if layer is not None:
                out[key] = layer
        if self.rules.filePath():
            out["RULES"] = self.rules.filePath()
        return out

    def missing(self) -> list[str]:
        return [tr(label) for key, label, _, optional, _ in LAYERS
                if not optional and self.combos[key].currentLayer() is None]

    def save(self, *_args) -> None:
        """Remember the chosen layers in the QGIS project (the dock calls this when a run starts)."""
        if self._restoring:
            return
        for key, combo in self.combos.items():
            SETTINGS.write_layer(key, combo.currentLayer())
        SETTINGS.write("RULES", self.rules.filePath())

    def guess_missing(self, *_args) -> None:
        """For inputs the project has no saved choice for, pick a layer named like the standard input."""
        for key, combo in self.combos.items():
            if SETTINGS.read(key) is None:
                layer = guess_layer(combo, key)
                if layer is not None:
                    combo.setLayer(layer)

    def restore(self) -> None:
        self._restoring = True
        try:
            for key, combo in self.combos.items():
                layer, saved = SETTINGS.read_layer(key)
                if layer is None and saved != "":
                    layer = guess_layer(combo, key)  # nothing saved yet: a layer named like the standard input
                if layer is not None:
                    combo.setLayer(layer)
                elif combo.allowEmptyLayer():
                    combo.setLayer(None)
            path = SETTINGS.read("RULES")
            if path is not None:
                self.rules.setFilePath(path)
        finally:
            self._restoring = False
