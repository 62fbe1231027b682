"""The input layers and rule table of the reclamation dock, remembered per QGIS project."""

from __future__ import annotations

from qgis.core import QgsMapLayerProxyModel, QgsProject
from qgis.gui import QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import QFormLayout, QWidget

from ...translation import tr, tr_noop

SCOPE = "LandSupervision"
# (parameter, label, tooltip, optional)
LAYERS = [
    ("PROJECTS", tr_noop("Projects"), tr_noop("Reclamation project polygons (XMBH, XMMC, XZQMC, XZGDMJ ...)"), False),
    ("PLOTS", tr_noop("Plots"), tr_noop("Reclamation plots (DKBH, XMBH, SBMJ, MBDL and field-survey values)"), False),
    ("BASELINE", tr_noop("Baseline survey"), tr_noop("三调 land-class patches of the year before (DLBM)"), False),
    ("DEV_BOUNDARY", tr_noop("Urban development boundary"), tr_noop("城镇开发边界 (optional: without it R06 is "
                                                                    "'not checked')"), True),
    ("ECO_REDLINE", tr_noop("Ecological red line"), tr_noop("生态保护红线 (optional: without it R07 is 'not "
                                                            "checked')"), True),
    ("PRIOR_PLOTS", tr_noop("Plots accepted before"), tr_noop("Earlier accepted plots (optional: without them R08 "
                                                              "is 'not checked')"), True),
    ("TOWNS", tr_noop("Towns"), tr_noop("Town layer (XZQMC, XZQDM) for the town summary (optional)"), True),
]


class InputsForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("reclamationInputs")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QgsMapLayerComboBox] = {}
        for key, label, tip, optional in LAYERS:
            combo = QgsMapLayerComboBox(self)
            combo.setObjectName(f"layer_{key}")
            combo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
            combo.setAllowEmptyLayer(optional)
            if optional:
                combo.setLayer(None)
            combo.setToolTip(tr(tip))
            combo.layerChanged.connect(self.save)
            form.addRow(tr(label), combo)
            self.combos[key] = combo
        self.rules = QgsFileWidget(self)
        self.rules.setObjectName("rulesFile")
        self.rules.setFilter(tr("Rule tables (*.json *.csv)"))
        self.rules.setToolTip(tr("A rule table (JSON or CSV rule,value); empty uses the shipped defaults"))
        self.rules.fileChanged.connect(self.save)
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
        return [tr(label) for key, label, _, optional in LAYERS if not optional and self.combos[key].currentLayer()
                is None]

    def save(self, *_args) -> None:
        if self._restoring:
            return
        project = QgsProject.instance()
        for key, combo in self.combos.items():
            layer = combo.currentLayer()
            project.writeEntry(SCOPE, f"reclamation/{key}", layer.id() if layer is not None else "")
        project.writeEntry(SCOPE, "reclamation/RULES", self.rules.filePath())

    def restore(self) -> None:
        project = QgsProject.instance()
        self._restoring = True
        try:
            for key, combo in self.combos.items():
                layer_id, ok = project.readEntry(SCOPE, f"reclamation/{key}", "")
                layer = project.mapLayer(layer_id) if ok and layer_id else None
                if layer is not None:
                    combo.setLayer(layer)
            path, ok = project.readEntry(SCOPE, "reclamation/RULES", "")
            if ok:
                self.rules.setFilePath(path)
        finally:
            self._restoring = False
