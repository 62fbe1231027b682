"""Dock panel of the Ecological zoning tool: zones and rules, draw-to-check, check a layer, print the map."""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsProcessingException, QgsProject
from qgis.gui import QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ..constants import RESOURCES, WORKING_CRS, zoning_verdict_html
from ..core.messages import InputError
from ..core.zoning.rules import load_rules
from ..qgis_compat import LayerFilter
from ..translation import tr
from .dock_base import ToolDock
from .draw_kit import LINE, POINT, POLYGON, DrawKit
from .file_dialogs import save_path
from .layer_picking import first_layer_with_fields, prefer_layers_with_fields
from .results_store import Output, ResultsStore, RunOptions
from .run_panel import RunPanel
from .settings import ProjectEntries
from .zoning.checker import ZoneChecker
from .zoning.rule_table import RuleTable

SETTINGS = ProjectEntries("zoning")
STYLES = RESOURCES / "zoning" / "styles"


def conformance_style(layer):
    """The verdict style for the conformance layer's geometry (points, lines or polygons)."""
    kind = {0: "points", 1: "lines"}.get(int(layer.geometryType()), "polygons")
    return STYLES / f"conformance_{kind}.qml"


class ZoningDock(ToolDock):
    OBJECT_NAME = "LandSupervisionZoningDock"
    TITLE = "Ecological zoning"

    def build(self) -> None:
        self.checker: ZoneChecker | None = None
        self.last_answer = None
        self._restoring = False
        self._build_inputs()
        self._build_draw()
        self._build_layer_check()
        self.restore_settings()
        self._connect()
        self.reload_rules()

    # widgets -------------------------------------------------------------------------------------
    def _build_inputs(self) -> None:
        box = QGroupBox(tr("Zones and rules"), self)
        form = QFormLayout(box)
        self.zone_layer = QgsMapLayerComboBox(box)
        self.zone_layer.setObjectName("zoningZoneLayer")
        self.zone_layer.setFilters(LayerFilter.PolygonLayer)
        self.zone_layer.setToolTip(tr("The park's zone polygons (严格管控区 / 合理利用区)"))
        self.zone_field = QgsFieldComboBox(box)
        self.zone_field.setObjectName("zoningZoneField")
        self.zone_field.setToolTip(tr("The field holding the zone type (standard name GKFQ)"))
        self.rules_file = QgsFileWidget(box)
        self.rules_file.setObjectName("zoningRulesFile")
        self.rules_file.setFilter(tr("CSV files (*.csv)"))
        self.rules_file.setToolTip(tr("The activity x zone rule matrix; empty uses the default matrix"))
        self.rule_table = RuleTable(box)
        self.rule_table.setObjectName("zoningRuleTable")
        self.rule_table.setToolTip(tr("Prohibited, conditional or allowed; hover a cell for its conditions"))
        self.rules_status = QLabel("", box)
        self.rules_status.setObjectName("zoningRulesStatus")
        self.rules_status.setWordWrap(True)
        form.addRow(tr("Zone layer"), self.zone_layer)
        form.addRow(tr("Zone type field"), self.zone_field)
        form.addRow(tr("Rule matrix"), self.rules_file)
        form.addRow(self.rule_table)
        form.addRow(self.rules_status)
        self.body_layout.addWidget(box)

    def _build_draw(self) -> None:
        box = QGroupBox(tr("Draw to check"), self)
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.activity_type = QComboBox(box)
        self.activity_type.setObjectName("zoningActivityType")
        self.activity_type.setToolTip(tr("The activity type whose rules apply to the drawn footprint"))
        self.size = QDoubleSpinBox(box)
        self.size.setObjectName("zoningSize")
        self.size.setRange(0.0, 100_000.0)
        self.size.setDecimals(1)
        self.size.setValue(100.0)
        self.size.setSuffix(" m")
        self.size.setToolTip(tr("Radius of a drawn point, width of a drawn line (metres); polygons are used as drawn"))
        form.addRow(tr("Activity type"), self.activity_type)
        form.addRow(tr("Radius / width"), self.size)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.draw_buttons = {}
        for mode, text, tip in ((POINT, tr("Point"), tr("Click once on the map")),
                                (LINE, tr("Line"), tr("Click the vertices, right click to finish")),
                                (POLYGON, tr("Polygon"), tr("Click the vertices, right click to finish"))):
            button = QPushButton(text, box)
            button.setObjectName(f"zoningDraw_{mode}")
            button.setToolTip(tip)
            buttons.addWidget(button)
            self.draw_buttons[mode] = button
        layout.addLayout(buttons)
        self.draw = DrawKit(self.iface.mapCanvas(), self.check_geometry, self.draw_buttons)
        self.answer = QLabel(tr("Draw a footprint to see the verdict."), box)
        self.answer.setObjectName("zoningResult")
        self.answer.setWordWrap(True)
        layout.addWidget(self.answer)
        self.body_layout.addWidget(box)

    def _build_layer_check(self) -> None:
        box = QGroupBox(tr("Check a layer"), self)
        form = QFormLayout(box)
        self.activity_layer = QgsMapLayerComboBox(box)
        self.activity_layer.setObjectName("zoningActivityLayer")
        self.activity_layer.setFilters(LayerFilter.VectorLayer)
        self.activity_layer.setToolTip(tr("Proposed activities: points with BJ radius, lines with KD width, "
                                          "polygons; activity type in HDLX"))
        form.addRow(tr("Activities"), self.activity_layer)
        self.run_panel = RunPanel(tr("Check layer"), box)
        self.run_panel.setObjectName("zoningRunPanel")
        self.run_panel.run_button.setToolTip(tr("Run the zoning conformance algorithm on the whole layer"))
        form.addRow(self.run_panel)
        self.store = ResultsStore("zoning", tr("Ecological zoning"), self.iface)
        self.run_options = RunOptions(box)
        form.addRow(self.run_options)
        self._run = None
        self.map_button = QPushButton(tr("Print map…"), box)
        self.map_button.setObjectName("zoningPrintMap")
        self.map_button.setToolTip(tr("Print a PDF map of the zones and the activity layer"))
        self.map_status = QLabel("", box)
        self.map_status.setObjectName("zoningMapStatus")
        self.map_status.setWordWrap(True)
        form.addRow(self.map_button)
        form.addRow(self.map_status)
        self.body_layout.addWidget(box)

    def _connect(self) -> None:
        self.zone_layer.layerChanged.connect(self._zone_layer_changed)
        self.zone_field.fieldChanged.connect(self._inputs_changed)
        self.rules_file.fileChanged.connect(self._inputs_changed)
        # saved on the user's choices only: writing project entries while QGIS reads a project hangs QGIS 3.22
        for combo in (self.zone_layer, self.zone_field, self.activity_layer):
            combo.activated.connect(self.save_settings)
        self.rules_file.fileChanged.connect(self.save_settings)
        self.run_panel.run_clicked.connect(self.check_layer)
        self.map_button.clicked.connect(self._ask_map_path)
        QgsProject.instance().readProject.connect(self.restore_settings)
        QgsProject.instance().layersAdded.connect(self._layers_added)
        self._zone_layer_changed(self.zone_layer.currentLayer())

    # settings per project --------------------------------------------------------------------------
    def restore_settings(self, *args) -> None:
        self._restoring = True
        try:
            for key, combo, field in (("zones", self.zone_layer, "GKFQ"), ("activities", self.activity_layer, "HDLX")):
                layer, _ = SETTINGS.read_layer(key)
                combo.setLayer(layer or first_layer_with_fields(combo, (field,)) or combo.currentLayer())
            path = SETTINGS.read("rules")
            if path is not None:
                self.rules_file.setFilePath(path)
        finally:
            self._restoring = False

    def _layers_added(self, layers) -> None:
        """Pick the park zones and an activity layer by their standard fields when none fits yet."""
        prefer_layers_with_fields([(self.zone_layer, ("GKFQ",)), (self.activity_layer, ("HDLX",))])

    def save_settings(self, *args) -> None:
        if self._restoring:
            return
        SETTINGS.write_layer("zones", self.zone_layer.currentLayer())
        SETTINGS.write_layer("activities", self.activity_layer.currentLayer())
        SETTINGS.write("rules", self.rules_file.filePath())

    # zones and rules ---------------------------------------------------------------------------------
    def _zone_layer_changed(self, layer) -> None:
        self.zone_field.setLayer(layer)
        if layer is not None and layer.fields().lookupField("GKFQ") >= 0:
            self.zone_field.setField(layer.fields().field(layer.fields().lookupField("GKFQ")).name())
        self._inputs_changed()

    def _inputs_changed(self, *args) -> None:
        self.checker = None
        self.reload_rules()

    def reload_rules(self) -> None:
        try:
            rules = load_rules(self.rules_file.filePath() or None)
        except InputError as exc:
            self.rule_table.show_rules(None)
            self.rules_status.setText(exc.describe())
            return
        self.rule_table.show_rules(rules)
        self.rules_status.setText(tr("{count} activity types, zones: {zones}").format(
            count=len(rules.activities), zones="、".join(rules.zones)))
        current = self.activity_type.currentText()
        self.activity_type.clear()
        self.activity_type.addItems(rules.activities)
        if current in rules.activities:
            self.activity_type.setCurrentText(current)

    def ensure_checker(self) -> ZoneChecker | None:
        """The cached zones and rules (read from the layer once), or None with the reason shown."""
        if self.checker is not None:
            return self.checker
        layer = self.zone_layer.currentLayer()
        if layer is None:
            self.answer.setText(tr("Choose the zone layer first."))
            return None
        try:
            self.checker = ZoneChecker.from_layer(layer, self.zone_field.currentField() or "GKFQ",
                                                  self.rules_file.filePath() or None)
        except (ValueError, KeyError, QgsProcessingException) as exc:  # each names layer and field
            self.answer.setText(str(exc))
            return None
        return self.checker

    # draw to check -----------------------------------------------------------------------------------
    def start_drawing(self, mode: str) -> None:
        self.draw.start(mode)

    def stop_drawing(self) -> None:
        self.draw.stop()

    def check_geometry(self, geometry, crs):
        """Check one footprint (QgsGeometry in ``crs``) and show the answer; returns it (None if no zones)."""
        checker = self.ensure_checker()
        if checker is None:
            return None
        answer = checker.check(geometry, crs, self.activity_type.currentText(), self.size.value())
        self.last_answer = answer
        colour = zoning_verdict_html(answer.verdict)
        distance = "-" if answer.distance_m != answer.distance_m else f"{answer.distance_m:.0f} m"
        lines = [f"<b style='color:{colour}; font-size:14pt'>{answer.verdict}</b>",
                 tr("Zones touched: {zones}").format(zones=answer.zones or tr("none (outside the park)")),
                 tr("Distance to the strict zone: {distance}").format(distance=distance),
                 tr("Footprint: {ha:.2f} ha").format(ha=answer.footprint_m2 / 10_000)]
        if answer.rule_text:
            lines.append(tr("Rule: {text}").format(text=answer.rule_text))
        lines.append(f"<small>{answer.milliseconds:.1f} ms</small>")
        self.answer.setText("<br>".join(lines))
        self.draw.show(QgsGeometry.fromWkt(answer.footprint.wkt), QgsCoordinateReferenceSystem(WORKING_CRS))
        return answer

    # whole layer and map -----------------------------------------------------------------------------
    def _common_parameters(self) -> dict | None:
        zones, activities = self.zone_layer.currentLayer(), self.activity_layer.currentLayer()
        if zones is None or activities is None:
            self.run_panel.status.setText(tr("Choose the zone layer and the activity layer first."))
            return None
        return {"ZONES": zones.id(), "ZONE_FIELD": self.zone_field.currentField() or "GKFQ",
                "RULES": self.rules_file.filePath()}

    def check_layer(self) -> bool:
        parameters = self._common_parameters()
        if parameters is None:
            return False
        self._run = self.store.begin(self, keep=self.run_options.kept())
        if self._run is None:
            self.run_panel.status.setText(tr("Choose where to save the results"))
            return False
        parameters.update({"ACTIVITIES": self.activity_layer.currentLayer().id(),
                           "OUTPUT": self._run.destination("conformance")})
        return self.run_panel.start("landsupervision:zoningconformance", parameters, self._layer_checked)

    def _layer_checked(self, ok: bool, results: dict, context) -> None:
        if not ok:
            return
        name = tr("Conformance of {layer}").format(layer=self.activity_layer.currentLayer().name())
        self.store.publish(self._run, [Output("OUTPUT", "conformance", name, conformance_style)], results)
        self.run_panel.status.setText(tr("Prohibited {p}, conditional {c}, allowed {a}, outside the park {n}, "
                                         "unknown type {u}").format(
            p=results.get("PROHIBITED"), c=results.get("CONDITIONAL"), a=results.get("ALLOWED"),
            n=results.get("NOT_CONCERNED"), u=results.get("UNKNOWN")))

    def _ask_map_path(self) -> None:
        path = save_path(self, tr("Save the zoning map"), tr("PDF files (*.pdf)"), "map", "zoning_map.pdf")
        if path:
            self.print_map(path)

    def print_map(self, path: str) -> bool:
        """Print the map PDF through the run panel (on the main thread: print layouts render there); returns
        whether it started."""
        parameters = self._common_parameters()
        if parameters is None:
            return False
        parameters.update({"ACTIVITIES": [self.activity_layer.currentLayer().id()], "OUTPUT": path})
        self.map_status.setText("")
        return self.run_panel.start("landsupervision:zoningmap", parameters, self._map_printed)

    def _map_printed(self, ok: bool, results: dict, _context) -> None:
        if ok:
            self.map_status.setText(tr("Map written to {path}").format(path=results.get("OUTPUT")))
        else:
            self.map_status.setText(tr("The map could not be printed") + ": " + self.run_panel.error_text())

    def unload(self) -> None:
        self.draw.unload()
        self.run_panel.shutdown()
        for signal, slot in ((QgsProject.instance().readProject, self.restore_settings),
                             (QgsProject.instance().layersAdded, self._layers_added)):
            try:
                signal.disconnect(slot)
            except TypeError:
                pass
