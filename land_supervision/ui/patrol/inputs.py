"""The input layer pickers of the patrol dock, remembered per project."""

from __future__ import annotations

from qgis.core import QgsProject, QgsVectorLayer
from qgis.gui import QgsCheckableComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QFormLayout, QWidget

from ...qgis_compat import GeometryType, LayerFilter
from ...translation import tr, tr_noop
from ..layer_picking import has_fields, is_output, prefer_layers_with_fields
from ..settings import ProjectEntries

SETTINGS = ProjectEntries("patrol")
# (key, label, layer filter, optional)
PICKERS = [
    ("PATCHES", tr_noop("Patches as issued"), LayerFilter.PolygonLayer, False),
    ("VERIFICATION", tr_noop("Verification table"), LayerFilter.VectorLayer, False),
    ("BASELINE", tr_noop("Baseline survey (三调)"), LayerFilter.PolygonLayer, False),
    ("FARMLAND", tr_noop("Permanent basic farmland"), LayerFilter.PolygonLayer, True),
    ("TOWNS", tr_noop("Towns"), LayerFilter.PolygonLayer, False),
]
STANDARD_FIELDS = {"PATCHES": ("JCBH", "JCMJ"), "VERIFICATION": ("JCBH", "PDJG"), "BASELINE": ("DLBM", "KCXS"),
                   "TOWNS": ("XZQMC", "XZQDM")}
TOOLTIPS = {
    "PATCHES": tr_noop("The change patches issued by the ministry (JCBH, XZQDM, JCMJ, QSX, HSX)"),
    "VERIFICATION": tr_noop("The county's answers keyed by JCBH (PDJG/JZLX, HFLX, JCGDMJ, PZWH, ZGZT, SFPC)"),
    "BASELINE": tr_noop("The baseline survey (三调) land-class layer (DLBM, KCXS)"),
    "FARMLAND": tr_noop("Permanent basic farmland (永久基本农田; optional)"),
    "TOWNS": tr_noop("The towns (XZQMC, XZQDM)"),
    "APPROVALS": tr_noop("Approval layers, each with PZWH and a sub-type (PZLX or the layer name)"),
}


class InputLayers(QWidget):
    """Layer combo boxes and an approvals multi-choice; the choice is saved in the project."""

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QgsMapLayerComboBox] = {}
        for key, label, filters, optional in PICKERS:
            combo = QgsMapLayerComboBox(self)
            combo.setObjectName(f"patrol{key.title()}Combo")
            combo.setFilters(filters)
            combo.setAllowEmptyLayer(optional)
            combo.setToolTip(tr(TOOLTIPS[key]))
            combo.activated.connect(self.save)  # user choices only: never while QGIS reads a project
            form.addRow(tr(label), combo)
            self.combos[key] = combo
        self.approvals = QgsCheckableComboBox(self)
        self.approvals.setObjectName("patrolApprovalsCombo")
        self.approvals.setToolTip(tr(TOOLTIPS["APPROVALS"]))
        self.approvals.checkedItemsChanged.connect(self.save)
        form.addRow(tr("Approval layers"), self.approvals)
        self._loading = False
        QgsProject.instance().layersAdded.connect(self.refresh_approvals)
        QgsProject.instance().layersAdded.connect(self.pick_standard_layers)
        QgsProject.instance().layersRemoved.connect(self.refresh_approvals)
        QgsProject.instance().readProject.connect(self.restore)
        self.refresh_approvals()
        self.restore()
        self.pick_standard_layers()

    def pick_standard_layers(self, *_args) -> None:
        """Layers not chosen yet: take the first with the standard fields of that input (never one of the
        plugin's results); no approval layer chosen yet: every layer with a PZWH field."""
        prefer_layers_with_fields((self.combos[key], fields) for key, fields in STANDARD_FIELDS.items())
        if not self.approval_ids():
            project = QgsProject.instance()
            self.set_approvals([self.approvals.itemData(i) for i in range(self.approvals.count())
                                if has_fields(project.mapLayer(self.approvals.itemData(i)), ("PZWH",))
                                and not is_output(project.mapLayer(self.approvals.itemData(i)))])

    def disconnect_project(self) -> None:
        for signal, slot in ((QgsProject.instance().layersAdded, self.refresh_approvals),
                             (QgsProject.instance().layersAdded, self.pick_standard_layers),
                             (QgsProject.instance().layersRemoved, self.refresh_approvals),
                             (QgsProject.instance().readProject, self.restore)):
            try:
                signal.disconnect(slot)
            except TypeError:
                pass

    def refresh_approvals(self, *_args) -> None:
        checked = set(self.approval_ids())
        self._loading = True
        self.approvals.clear()
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsVectorLayer) and layer.geometryType() == GeometryType.Polygon:
                self.approvals.addItemWithCheckState(layer.name(), Qt.CheckState.Checked if layer.id() in checked
                                                     else Qt.CheckState.Unchecked, layer.id())
        self._loading = False

    def approval_ids(self) -> list[str]:
        return [self.approvals.itemData(i) for i in range(self.approvals.count())
                if self.approvals.itemCheckState(i) == Qt.CheckState.Checked]

    def set_approvals(self, layer_ids) -> None:
        wanted = set(layer_ids)
        for i in range(self.approvals.count()):
            state = Qt.CheckState.Checked if self.approvals.itemData(i) in wanted else Qt.CheckState.Unchecked
            self.approvals.setItemCheckState(i, state)

    def layers(self) -> dict:
        out = {key: combo.currentLayer() for key, combo in self.combos.items()}
        project = QgsProject.instance()
        out["APPROVALS"] = [project.mapLayer(i) for i in self.approval_ids() if project.mapLayer(i)]
        return out

    def save(self, *_args) -> None:
        if self._loading:
            return
        for key, combo in self.combos.items():
            SETTINGS.write_layer(key, combo.currentLayer())
        SETTINGS.write("APPROVALS", ";".join(self.approval_ids()))

    def restore(self, *_args) -> None:
        self._loading = True
        try:
            for key, combo in self.combos.items():
                layer, _ = SETTINGS.read_layer(key)
                if layer is not None:
                    combo.setLayer(layer)
            ids = SETTINGS.read("APPROVALS")
            self.refresh_approvals()
            if ids:
                self.set_approvals(ids.split(";"))
        finally:
            self._loading = False
