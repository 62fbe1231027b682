"""The base of the four tool dock panels."""

from __future__ import annotations

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

COLUMN_MAX_WIDTH = 180  # a long text column does not push the others out of sight


def fit_columns(table: QTableWidget, max_width: int = COLUMN_MAX_WIDTH) -> None:
    """Columns as wide as their contents up to ``max_width`` (full text in the cell's tooltip), each
    resizable by the user; the table scrolls sideways to every column."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.resizeColumnsToContents()
    enable_row_details(table)
    for col in range(table.columnCount()):
        if table.columnWidth(col) > max_width:
            table.setColumnWidth(col, max_width)
            for row in range(table.rowCount()):
                item = table.item(row, col)
                if item is not None and not item.toolTip():
                    item.setToolTip(item.text())


def row_details(table: QTableWidget, row: int) -> list[tuple[str, str]]:
    """(column header, cell text) of every column of ``row``: what the detail view shows."""
    pairs = []
    for col in range(table.columnCount()):
        header = table.horizontalHeaderItem(col)
        item = table.item(row, col)
        pairs.append((header.text() if header is not None else str(col + 1), item.text() if item is not None else ""))
    return pairs


def show_row_details(table: QTableWidget, row: int) -> QDialog:
    """A small window with every column of ``row``, one per line, the text selectable (a double-click on a row
    of a result table opens it: a dock is too narrow to show every column at once)."""
    from ..translation import tr

    dialog = QDialog(table)
    dialog.setObjectName("rowDetails")
    dialog.setWindowTitle(tr("Row {n}").format(n=row + 1))
    form = QFormLayout(dialog)
    for header, text in row_details(table, row):
        value = QLabel(text, dialog)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(header, value)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def enable_row_details(table: QTableWidget) -> None:
    """A double-click on a row shows all its columns (once per table, however often the table is refilled)."""
    if table.property("landSupervisionDetails"):
        return
    table.setProperty("landSupervisionDetails", True)
    table.cellDoubleClicked.connect(lambda row, _col: show_row_details(table, row))


def fit_width(root: QWidget, min_chars: int = 8) -> None:
    """Let the forms under ``root`` fit a narrow dock: long form rows put the field under its label (and long
    labels wrap), combo boxes no longer demand their longest item's width."""
    for form in root.findChildren(QFormLayout):
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setWordWrap(True)
    for combo in root.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(min_chars)


class ToolDock(QgsDockWidget):
    """A dock with a scrollable body; subclasses fill ``self.body_layout`` in ``build()``.

    Subclasses set OBJECT_NAME (stable, for QGIS's saved window state) and TITLE (English, via tr()).
    """

    OBJECT_NAME = "LandSupervisionDock"
    TITLE = ""
    MIN_WIDTH = 420

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.setObjectName(self.OBJECT_NAME)
        self.setMinimumWidth(self.MIN_WIDTH)  # forms and tables stay readable without a sideways scroll
        self.setWindowTitle(self.title())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        self.body_layout = QVBoxLayout(body)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.build()
        self.body_layout.addStretch(1)
        fit_width(body)

    def title(self) -> str:
        from ..translation import tr

        return tr(self.TITLE)

    def build(self) -> None:
        """Fill the panel; the default says the tool has no panel yet."""
        from ..translation import tr

        label = QLabel(tr("This tool's panel is being built; its algorithms are in the Processing toolbox."))
        label.setWordWrap(True)
        self.body_layout.addWidget(label)

    def unload(self) -> None:
        """Disconnect signals and stop running work (subclasses extend)."""
