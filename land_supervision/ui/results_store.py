"""Where the docks' results go, one policy for every dock (issue #19, #17 "dock kit result policy").

- Saved: every result is a table of the project's results GeoPackage (``<project name>_results.gpkg`` beside the
  .qgz; asked once through a save dialog when the project has no file yet or when the user wants another file;
  remembered in the project), so the layers come back when the project is reopened. Nothing goes to a temporary
  folder.
- Found: the layers land in their tool's group (created if missing, made visible, moved to the top of the layer
  tree), styled with the shipped .qml (verdict colours), summaries drawn under the plots or loaded as tables, and
  the map zooms to them.
- Replaced: a new run replaces the previous run's set of that tool (its layers leave the project, its tables
  leave the GeoPackage); with "keep as a separate run" ticked the new run goes into a group of its own and no
  later run replaces it.
- Never the user's: only layers carrying :data:`TOOL_PROPERTY` (written here) are ever removed, and only tables
  this policy wrote (named ``<tool>_<output>_<run>`` and recorded on the layer or in the project) are dropped.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsCoordinateTransform,
    QgsLayerTreeGroup,
    QgsLayerTreeLayer,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QPushButton, QWidget

from ..diagnostics import log_exception
from ..translation import tr
from .settings import ProjectEntries

# custom layer (and group) properties this policy writes; saved with the project
TOOL_PROPERTY = "land_supervision/result_tool"
SET_PROPERTY = "land_supervision/result_set"
RUN_PROPERTY = "land_supervision/result_run"
KEPT_PROPERTY = "land_supervision/result_kept"
FILE_PROPERTY = "land_supervision/result_file"
TABLE_PROPERTY = "land_supervision/result_table"
GROUP_PROPERTY = "land_supervision/result_group"

ENTRIES = ProjectEntries("results")
_RUN_ID = re.compile(r"^\d{8}_\d{6}(_\d+)?$")


def result_tool(layer) -> str:
    """The tool whose results layer ``layer`` is ('' for any other layer)."""
    if layer is None or not hasattr(layer, "customProperty"):
        return ""
    return str(layer.customProperty(TOOL_PROPERTY, "") or "")


def in_project(layer) -> bool:
    """Whether ``layer`` (possibly deleted since: the project owns its layers) is still in the project."""
    try:
        from qgis.PyQt import sip

        if layer is None or sip.isdeleted(layer):
            return False
        return QgsProject.instance().mapLayer(layer.id()) is not None
    except (ImportError, RuntimeError):
        return False


def ask_path(parent, suggested: str) -> str:
    """The results GeoPackage the user chooses ('' if canceled). Tests replace this function."""
    path, _ = QFileDialog.getSaveFileName(parent, tr("Save the results GeoPackage"), suggested,
                                          tr("GeoPackage (*.gpkg)"),
                                          options=QFileDialog.Option.DontConfirmOverwrite)
    return path


def results_file(parent=None, ask: bool = False) -> str:
    """The project's results GeoPackage: the one remembered in the project, else ``<project>_results.gpkg``
    beside a saved project, else (or with ``ask``) the one chosen in a save dialog; '' if the user canceled.
    Existing files are added to, never replaced."""
    project = QgsProject.instance()
    saved = ENTRIES.read("file")
    if saved and not ask:
        return project.pathResolver().readPath(saved)
    if project.fileName() and not ask:
        path = str(Path(project.absolutePath()) / f"{project.baseName()}_results.gpkg")
    else:
        folder = project.absolutePath() or str(Path.home())
        base = project.baseName() or "land_supervision"
        path = ask_path(parent, str(Path(folder) / f"{base}_results.gpkg"))
        if not path:
            return ""
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
    ENTRIES.write("file", project.pathResolver().writePath(path))
    return path


@dataclass(frozen=True)
class Output:
    """One output of a tool's run: the algorithm's parameter ``key``, the table name part ``part``, the layer
    name, and its style (a .qml path or a function of the layer giving one). ``table``: load without geometry."""

    key: str
    part: str
    name: str
    style: object = None
    table: bool = False


class Run:
    """One run of a tool: its id and its outputs' destinations in the results GeoPackage."""

    def __init__(self, tool: str, set_name: str, path: str, keep: bool):
        self.tool, self.set_name, self.path, self.keep = tool, set_name, path, keep
        self.run_id = _new_run_id()
        self.started = time.strftime("%Y-%m-%d %H:%M:%S")

    def table(self, part: str) -> str:
        return f"{self.tool}_{part}_{self.run_id}"

    def destination(self, part: str) -> str:
        """A Processing sink destination writing the table of ``part`` into the results GeoPackage."""
        return f"ogr:dbname='{self.path}' table=\"{self.table(part)}\" (geom)"

    def parameters(self, outputs: Sequence[Output]) -> dict:
        return {output.key: self.destination(output.part) for output in outputs}


_last_run_id = [""]


def _new_run_id() -> str:
    """A run id from the clock (seconds), unique within this session."""
    stamp = time.strftime("%Y%m%d_%H%M%S")
    run_id, number = stamp, 1
    while run_id <= _last_run_id[0]:
        number += 1
        run_id = f"{stamp}_{number}"
    _last_run_id[0] = run_id
    return run_id


class ResultsStore:
    """The results policy for one tool (``tool``: "reclamation", "zoning", "patrol", "precheck", "ledger")."""

    def __init__(self, tool: str, group_title: str, iface=None):
        self.tool = tool
        self.group_title = group_title
        self.iface = iface

    # -- before a run -------------------------------------------------------------------------------------
    def begin(self, parent=None, keep: bool = False, set_name: str = "main") -> Run | None:
        """A new run writing into the results GeoPackage, or None when the user canceled the file dialog."""
        path = results_file(parent)
        return Run(self.tool, set_name, path, keep) if path else None

    # -- after a run --------------------------------------------------------------------------------------
    def publish(self, run: Run, outputs: Sequence[Output], results: dict) -> dict:
        """Load the run's tables as styled layers into the tool's group, replace the previous run's set (unless
        the run is kept), remember the set in the project and zoom to it; returns {key: layer}."""
        layers = {}
        for output in outputs:
            if not results.get(output.key):
                continue  # an optional output the run did not write
            layer = self._load(run, output)
            if layer is not None:
                layers[output.key] = layer
        ordered = [layers[o.key] for o in outputs if o.key in layers]
        self.show(ordered, run.set_name, run.run_id, run.keep, run.started)
        if not run.keep:  # what the next run may replace: these tables and layers, written by this project
            ENTRIES.write(f"{self.tool}/{run.set_name}", json.dumps({
                "project": _project_path(), "layers": [layer.id() for layer in ordered],
                "tables": [[run.path, run.table(o.part)] for o in outputs if o.key in layers]}))
        return layers

    def _load(self, run: Run, output: Output):
        table = run.table(output.part)
        uri = f"{run.path}|layername={table}"
        layer = QgsVectorLayer(uri, output.name, "ogr")
        if not layer.isValid():
            return None
        if output.table and layer.isSpatial():  # a summary that must not cover the plots: its rows only
            layer = QgsVectorLayer(f"{uri}|geometrytype=None", output.name, "ogr")
        style = output.style(layer) if callable(output.style) else output.style
        if style and Path(str(style)).exists() and layer.isSpatial():
            layer.loadNamedStyle(str(style))  # first: a style's custom properties replace the layer's
        layer.setCustomProperty(FILE_PROPERTY, run.path)
        layer.setCustomProperty(TABLE_PROPERTY, table)
        return layer

    def show(self, layers: Sequence, set_name: str = "main", run_id: str = "", keep: bool = False,
             started: str = "") -> None:
        """Mark ``layers`` as this tool's ``set_name`` and put them, in the given order top to bottom, into the
        tool's group (a kept run: a group of its own), replacing the previous set unless ``keep``."""
        run_id = run_id or _new_run_id()
        self._mark(layers, set_name, run_id, keep)
        if not keep:
            self.replace_previous(set_name, keep_run=run_id)
        self._place(layers, run_id, keep, started)
        self.zoom_to(layers)

    def add_back(self, run: Run, outputs: Sequence[Output]) -> dict:
        """Load ``outputs`` of ``run`` again (layers the user removed) into its group; {key: layer}."""
        layers = {o.key: self._load(run, o) for o in outputs}
        layers = {key: layer for key, layer in layers.items() if layer is not None}
        self._mark(list(layers.values()), run.set_name, run.run_id, run.keep)
        self._place(list(layers.values()), run.run_id, run.keep, run.started)
        return layers

    def _mark(self, layers: Sequence, set_name: str, run_id: str, keep: bool) -> None:
        for layer in layers:
            for key, value in ((TOOL_PROPERTY, self.tool), (SET_PROPERTY, set_name), (RUN_PROPERTY, run_id),
                               (KEPT_PROPERTY, "1" if keep else "0")):
                layer.setCustomProperty(key, value)

    def _place(self, layers: Sequence, run_id: str, keep: bool, started: str) -> None:
        project = QgsProject.instance()
        group = self.group()
        if keep:
            mark = f"{self.tool}/{run_id}"
            sub = next((g for g in group.findGroups() if g.customProperty(GROUP_PROPERTY) == mark), None)
            if sub is None:
                sub = group.insertGroup(0, tr("Run {time}").format(
                    time=started or time.strftime("%Y-%m-%d %H:%M:%S")))
                sub.setCustomProperty(GROUP_PROPERTY, mark)
            group = sub
        for index, layer in enumerate(layers):
            project.addMapLayer(layer, False)
            group.insertChildNode(index, QgsLayerTreeLayer(layer))

    def group(self) -> QgsLayerTreeGroup:
        """The tool's group: found by its mark (or title), created if missing, visible, first in the tree."""
        root = QgsProject.instance().layerTreeRoot()
        group = next((g for g in root.findGroups() if g.customProperty(GROUP_PROPERTY) == self.tool), None)
        if group is None:
            group = next((g for g in root.children() if isinstance(g, QgsLayerTreeGroup)
                          and g.name() == self.group_title and not g.customProperty(GROUP_PROPERTY)), None)
        if group is None:
            group = root.insertGroup(0, self.group_title)
        group.setCustomProperty(GROUP_PROPERTY, self.tool)
        parent = group.parent()
        if parent is not root or root.children().index(group) != 0:
            moved = group.clone()  # in the tree before the original leaves it: its layers stay in the project
            root.insertChildNode(0, moved)
            parent.removeChildNode(group)
            group = moved
        group.setItemVisibilityChecked(True)
        group.setExpanded(True)
        return group

    def set_layers(self, set_name: str = "main", kept: bool | None = False) -> list:
        """The project's layers of this tool's ``set_name`` written by this policy (``kept``: None for all)."""
        found = []
        for layer in QgsProject.instance().mapLayers().values():
            if result_tool(layer) != self.tool or layer.customProperty(SET_PROPERTY, "") != set_name:
                continue
            if kept is None or (layer.customProperty(KEPT_PROPERTY, "0") == "1") == kept:
                found.append(layer)
        return found

    def replace_previous(self, set_name: str = "main", keep_run: str = "") -> None:
        """Remove the previous (not kept) run of ``set_name``: its layers from the project, its tables from the
        GeoPackage. Layers without this policy's mark and tables it did not write are never touched."""
        project = QgsProject.instance()
        record = _record(ENTRIES.read(f"{self.tool}/{set_name}"))
        ours = record is not None and record["project"] == _project_path()
        # tables are dropped only when this project wrote them (a project saved under another name, or a copy
        # of it, shares the record and the results file with the original: its tables stay)
        tables = set(record["tables"]) if ours else set()
        old = [layer for layer in self.set_layers(set_name, kept=False)
               if layer.customProperty(RUN_PROPERTY, "") != keep_run
               and (record is None or not record["layers"] or layer.id() in record["layers"])]  # not a duplicate
        if ours:
            tables |= {(str(layer.customProperty(FILE_PROPERTY, "")), str(layer.customProperty(TABLE_PROPERTY, "")))
                       for layer in old}
        if old:
            project.removeMapLayers([layer.id() for layer in old])
        self._remove_empty_groups()
        still_used = {(str(layer.customProperty(FILE_PROPERTY, "")), str(layer.customProperty(TABLE_PROPERTY, "")))
                      for layer in project.mapLayers().values() if result_tool(layer)}
        for path, table in sorted(tables - still_used):
            if self._ours(table) and not table.endswith(keep_run or "\0"):
                drop_table(path, table)

    def _ours(self, table: str) -> bool:
        """A table name this policy writes for this tool: ``<tool>_<part>_<yyyymmdd_hhmmss[_n]>``."""
        prefix = f"{self.tool}_"
        if not table.startswith(prefix):
            return False
        rest = table[len(prefix):].split("_")
        return len(rest) >= 3 and bool(_RUN_ID.match("_".join(rest[-2:])) or _RUN_ID.match("_".join(rest[-3:])))

    def _remove_empty_groups(self) -> None:
        root = QgsProject.instance().layerTreeRoot()
        for group in root.findGroups():
            mark = str(group.customProperty(GROUP_PROPERTY, "") or "")
            if mark.startswith(f"{self.tool}/") and not group.findLayers():
                group.parent().removeChildNode(group)

    def zoom_to(self, layers: Sequence) -> None:
        """Zoom the map to the set's main layer (its first spatial layer with features: the plots, patches or
        projects, not the town summary around them)."""
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is None:
            return
        target = canvas.mapSettings().destinationCrs()
        box = None
        for layer in layers:
            if not layer.isSpatial() or layer.featureCount() == 0:
                continue
            extent = layer.extent()
            if target.isValid() and layer.crs() != target:
                extent = QgsCoordinateTransform(layer.crs(), target, QgsProject.instance()).transformBoundingBox(
                    extent)
            box = QgsRectangle(extent)
            break
        if box is None or box.isNull():
            return
        box.scale(1.05)
        canvas.setExtent(box)
        canvas.refresh()


def _project_path() -> str:
    """The project's file (empty while it is unsaved)."""
    return QgsProject.instance().absoluteFilePath()


def _record(saved: str | None) -> dict | None:
    """A run record read from the project: {"project", "layers", "tables": {(path, table)}}; None if none."""
    if not saved:
        return None
    try:
        data = json.loads(saved)
        if isinstance(data, list):  # written before the record named its project: this project's own
            return {"project": _project_path(), "layers": [], "tables": {(str(p), str(t)) for p, t in data}}
        return {"project": str(data.get("project", "")), "layers": [str(i) for i in data.get("layers", [])],
                "tables": {(str(p), str(t)) for p, t in data.get("tables", [])}}
    except (ValueError, TypeError, AttributeError):
        return None


def drop_table(path: str, table: str) -> bool:
    """Drop ``table`` from the GeoPackage ``path`` (through QGIS's own connection, so its open layers of the same
    file stay valid); False if it could not be dropped."""
    if not Path(path).exists():
        return False
    try:
        connection = QgsProviderRegistry.instance().providerMetadata("ogr").createConnection(path, {})
        if table not in [t.tableName() for t in connection.tables()]:
            return False
        connection.dropVectorTable("", table)
        return True
    except Exception as exc:  # noqa: BLE001 - a table left behind is not worth failing the run for
        log_exception(f"Could not drop the table {table} of {path}", exc)
        return False


class RunOptions(QWidget):
    """The results options of a dock's run area: "keep as a separate run" and the results GeoPackage."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.keep = QCheckBox(tr("Keep as a separate run"), self)
        self.keep.setObjectName("keepSeparateRun")
        self.keep.setToolTip(tr("Add this run's results in a group of their own, kept when the tool runs again "
                                "(unticked: the next run replaces them)"))
        self.file_button = QPushButton(tr("Results file…"), self)
        self.file_button.setObjectName("resultsFile")
        self.file_button.setToolTip(tr("The GeoPackage the results are saved to (beside the project unless "
                                       "chosen here)"))
        self.file_button.clicked.connect(self.choose_file)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.keep)
        layout.addStretch(1)
        layout.addWidget(self.file_button)

    def kept(self) -> bool:
        return self.keep.isChecked()

    def choose_file(self) -> str:
        path = results_file(self, ask=True)
        if path:
            self.file_button.setToolTip(path)
        return path
