"""The plot table (coloured by verdict, reasons, click to zoom) and the project summary of the dock."""

from __future__ import annotations

from qgis.core import QgsCoordinateTransform, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...constants import RECLAMATION_BELOW90_FIELD, RECLAMATION_PROJECT_VERDICT_FIELD, RECLAMATION_VERDICT_FIELD
from ...core.reclamation.codes import ACCEPTED, PENDING, REJECTED
from ...translation import tr, tr_noop
from ..dock_base import fit_columns

COLORS = {ACCEPTED: "#d9f2dd", REJECTED: "#fbdad5", PENDING: "#fdeccc"}
PLOT_COLUMNS = [("DKBH", tr_noop("Plot")), ("XMBH", tr_noop("Project")),
                (RECLAMATION_VERDICT_FIELD, tr_noop("Verdict")),
                ("CLMJ_MU", tr_noop("Area (mu)")), ("YYSM", tr_noop("Reasons")), ("WHCX", tr_noop("Not checked"))]
PROJECT_COLUMNS = [("XMBH", tr_noop("Project")), (RECLAMATION_PROJECT_VERDICT_FIELD, tr_noop("Verdict")),
                   ("DKS", tr_noop("Plots")),
                   ("HGS", tr_noop("Accepted")), ("BHGS", tr_noop("Rejected")), ("DHSS", tr_noop("Pending")),
                   ("XZGDMJ", tr_noop("New cultivated (mu)")), (RECLAMATION_BELOW90_FIELD, tr_noop("Below 90%")),
                   ("JYZBMJ", tr_noop("Linkage surplus (mu)"))]


def _text(value) -> str:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def chain_tooltips(chain_layer) -> dict[str, str]:
    """Project id -> its area chain as text, one step a line: 耕地 (水田/水浇地/旱地), 农用地, grade, source."""
    steps: dict[str, list] = {}
    for f in chain_layer.getFeatures():
        steps.setdefault(_text(f["XMBH"]), []).append(f)
    out = {}
    for pid, rows in steps.items():
        lines = [tr("Area chain (mu): cultivated (paddy / irrigated / dry), agricultural, grade, source")]
        for f in sorted(rows, key=lambda r: r["HJXH"] or 0):
            lines.append(f"{_text(f['HJ'])}: {_text(f['GDMJ']) or '-'} ({_text(f['STMJ']) or '-'} / "
                         f"{_text(f['SJDMJ']) or '-'} / {_text(f['HDMJ']) or '-'}), {_text(f['NYDMJ']) or '-'}, "
                         f"{_text(f['ZLDB']) or '-'}, {_text(f['LY']) or '-'}")
        out[pid] = "\n".join(lines)
    return out


class ResultsView(QWidget):
    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.plots_layer = None
        self.feature_ids: list[int] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel("", self)
        self.summary.setObjectName("reclamationSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.plots = QTableWidget(0, len(PLOT_COLUMNS), self)
        self.plots.setObjectName("reclamationPlotTable")
        self.plots.setHorizontalHeaderLabels([tr(label) for _, label in PLOT_COLUMNS])
        self.plots.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plots.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.plots.setToolTip(tr("Click a plot to zoom the map to it"))
        self.plots.cellClicked.connect(self.zoom_to_row)
        self.tables = QSplitter(Qt.Orientation.Vertical, self)  # the user shares the height between the tables
        self.tables.setObjectName("reclamationTables")
        self.tables.setChildrenCollapsible(False)
        self.tables.addWidget(self.plots)
        self.projects = QTableWidget(0, len(PROJECT_COLUMNS), self)
        self.projects.setObjectName("reclamationProjectTable")
        self.projects.setHorizontalHeaderLabels([tr(label) for _, label in PROJECT_COLUMNS])
        self.projects.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.projects.setToolTip(tr("Project summary: plots by verdict, new cultivated land, the 90% flag"))
        self.tables.addWidget(self.projects)
        self.tables.setMinimumHeight(360)
        layout.addWidget(self.tables)

    def show_results(self, plots_layer, projects_layer, chain_layer=None) -> None:
        self.plots_layer = plots_layer
        self.feature_ids = []
        features = list(plots_layer.getFeatures())
        self.plots.setRowCount(len(features))
        counts = {ACCEPTED: 0, REJECTED: 0, PENDING: 0}
        for row, feature in enumerate(features):
            self.feature_ids.append(feature.id())
            verdict = feature[RECLAMATION_VERDICT_FIELD]
            counts[verdict] = counts.get(verdict, 0) + 1
            for col, (name, _) in enumerate(PLOT_COLUMNS):
                item = QTableWidgetItem(_text(feature[name]))
                item.setBackground(QBrush(QColor(COLORS.get(verdict, "#ffffff"))))
                if name == "YYSM":
                    item.setToolTip(_text(feature["YYSM_EN"]))
                self.plots.setItem(row, col, item)
        rows = list(projects_layer.getFeatures())
        chains = chain_tooltips(chain_layer) if chain_layer is not None else {}
        self.projects.setRowCount(len(rows))
        for row, feature in enumerate(rows):
            tip = chains.get(_text(feature["XMBH"]), "")
            for col, (name, _) in enumerate(PROJECT_COLUMNS):
                item = QTableWidgetItem(_text(feature[name]))
                if tip:
                    item.setToolTip(tip)
                self.projects.setItem(row, col, item)
        fit_columns(self.plots)
        fit_columns(self.projects)
        self.summary.setText(tr("{n} plots: {a} accepted, {r} rejected, {p} to be verified").format(
            n=len(features), a=counts[ACCEPTED], r=counts[REJECTED], p=counts[PENDING]))

    def zoom_to_row(self, row: int, _column: int = 0) -> None:
        if self.plots_layer is None or not 0 <= row < len(self.feature_ids):
            return
        feature = self.plots_layer.getFeature(self.feature_ids[row])
        if not feature.hasGeometry():
            return
        canvas = self.iface.mapCanvas()
        rect = feature.geometry().boundingBox()
        xform = QgsCoordinateTransform(self.plots_layer.crs(), canvas.mapSettings().destinationCrs(),
                                       QgsProject.instance())
        rect = xform.transformBoundingBox(rect)
        rect.scale(4.0)
        canvas.setExtent(rect)
        canvas.refresh()
        self.plots_layer.selectByIds([feature.id()])
