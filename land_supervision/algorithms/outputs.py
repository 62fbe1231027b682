"""An algorithm's outputs written all or nothing: cancel or an error leaves no output and reports no success.

- A sink or file output that is a plain file is written into a hidden folder beside its destination and moved
  over it only in :meth:`OutputSet.commit`, after everything was written: an existing file (and the layers the
  user had in it) is never touched before then, and a cancel or an error removes what was written.
- A table inside a GeoPackage (``ogr:dbname=... table=...``) is written in place (the file is created if missing;
  its other tables are kept) and dropped again on abort if this run created it; memory layers are simply not
  handed back.
- An output naming a file that is also an input of the run is refused before anything is written.
- Every write failure (a read-only folder, a full disk, a feature the format refuses) is an error.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProperty,
)

from ..core.tables import FeatureTable
from ..diagnostics import log_exception
from ..qgis_compat import FeatureSinkFlag
from ..translation import tr
from .layer_io import features_of, qgs_fields

BATCH = 5000
_NON_FILE = re.compile(r"^(memory|postgres|postgis|spatialite|mssql|oracle|hana|virtual|TEMPORARY_OUTPUT)\b", re.I)
_OGR_TABLE = re.compile(r"^ogr:dbname='?(?P<path>[^']+)'?\s+table=\"?(?P<table>[^\" ]+)\"?", re.I)
_INPUT_TYPES = (QgsProcessingParameterFile, QgsProcessingParameterMultipleLayers)
_INPUT_KINDS = ("source", "vector", "raster", "layer", "multilayer", "file", "mesh", "pointcloud")


class Canceled(QgsProcessingException):
    """The run was canceled: nothing was written, nothing is reported as done."""

    def __init__(self):
        super().__init__(tr("Canceled: no output was written"))


def file_of(source: str) -> str | None:
    """The file behind a layer source or destination ('x.gpkg|layername=t', "ogr:dbname='x.gpkg' table=t")."""
    text = str(source or "").strip()
    match = _OGR_TABLE.match(text)
    if match:
        return match.group("path")
    if not text or _NON_FILE.match(text) or text.startswith("ogr:"):
        return None
    text = text.split("|", 1)[0]
    return text if os.path.splitext(text)[1] else None


def _source_of(alg, parameters: dict, name: str, context) -> str:
    """The source text of a layer parameter ('' without one). No layer reference outlives this call: one
    held by an error's traceback was destroyed after QGIS had closed GDAL, crashing the process at exit."""
    layer = alg.parameterAsLayer(parameters, name, context)
    return layer.source() if layer is not None else ""


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return False


class OutputSet:
    """The outputs of one run. Use as a context manager; call :meth:`commit` once everything is written."""

    def __init__(self, alg, parameters: dict, context, feedback):
        self.alg, self.parameters, self.context, self.feedback = alg, parameters, context, feedback
        self._staged: list[tuple[Path, Path]] = []  # (file in the staging folder, destination)
        self._folders: list[Path] = []
        self._tables: list[tuple[str, str]] = []  # (GeoPackage, table) written in place
        self._sinks: dict[str, object] = {}
        self._committed = False
        self._inputs = self._input_files()

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if not self._committed:
            self.abort()

    # -- destinations -------------------------------------------------------------------------------------
    def _input_files(self) -> dict[str, str]:
        """{file: label} of every input layer or file of the run."""
        files = {}
        for definition in self.alg.parameterDefinitions():
            name = definition.name()
            if definition.type() not in _INPUT_KINDS or self.parameters.get(name) in (None, ""):
                continue
            sources = []
            if isinstance(definition, QgsProcessingParameterMultipleLayers):
                sources = [layer.source() for layer in self.alg.parameterAsLayerList(self.parameters, name,
                                                                                       self.context)]
            elif isinstance(definition, QgsProcessingParameterFile):
                sources = [self.alg.parameterAsFile(self.parameters, name, self.context)]
            else:
                sources = [_source_of(self.alg, self.parameters, name, self.context)]
            for source in sources:
                path = file_of(source)
                if path:
                    files[path] = definition.description()
        return files

    def _refuse_input(self, path: str, name: str) -> None:
        for input_path, label in self._inputs.items():
            if _same_file(path, input_path) or os.path.abspath(path) == os.path.abspath(input_path):
                raise QgsProcessingException(tr(
                    "Output {output} would overwrite {path}, which is read as input '{input}': choose another "
                    "file").format(output=self._label(name), path=path, input=label))

    def _label(self, name: str) -> str:
        definition = self.alg.parameterDefinition(name)
        return definition.description() if definition is not None else name

    def _stage(self, destination: str) -> Path:
        """A path with the destination's file name in a new hidden folder beside it."""
        target = Path(destination)
        if not target.parent.is_dir():
            raise QgsProcessingException(tr("Cannot write {path}: folder {folder} does not exist").format(
                path=destination, folder=target.parent))
        folder = target.parent / f".land_supervision-partial-{uuid.uuid4().hex[:10]}"
        try:
            folder.mkdir()
        except OSError as exc:
            raise QgsProcessingException(tr("Cannot write {path}: {reason}").format(
                path=destination, reason=exc.strerror or str(exc))) from exc
        self._folders.append(folder)
        staged = folder / target.name
        self._staged.append((staged, target))
        return staged

    def file(self, name: str, path: str) -> str:
        """Where to write the file output ``name`` whose destination is ``path`` (moved there on commit)."""
        self._refuse_input(path, name)
        return str(self._stage(path))

    def sink(self, name: str, fields, wkb_type, crs, optional: bool = False):
        """(sink, final destination) of the sink output ``name``; (None, None) for an optional one not asked."""
        value = self.parameters.get(name)
        definition = value if isinstance(value, QgsProcessingOutputLayerDefinition) else None
        destination = self.alg.parameterAsOutputLayer(self.parameters, name, self.context) if value else ""
        if not destination:
            if optional:
                return None, None
            raise QgsProcessingException(self.alg.invalidSinkError(self.parameters, name))
        path = file_of(destination)
        table = _OGR_TABLE.match(destination)
        parameters = self.parameters
        if path and not table:
            self._refuse_input(path, name)
            staged = str(self._stage(path))
            copy = QgsProcessingOutputLayerDefinition(definition) if definition else \
                QgsProcessingOutputLayerDefinition(staged)
            copy.sink = QgsProperty.fromValue(staged)
            parameters = dict(self.parameters, **{name: copy})
        elif table:
            if any(_same_file(path, input_path) for input_path in self._inputs):
                self._check_table_not_input(path, table.group("table"), name)
            if not _has_table(path, table.group("table")):  # abort drops only a table this run created
                self._tables.append((path, table.group("table")))
        sink, dest = self.alg.parameterAsSink(parameters, name, self.context, fields, wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(self.alg.invalidSinkError(self.parameters, name))
        self._sinks[name] = sink
        final = str(self._staged[-1][1]) if path and not table else dest
        if final != dest:
            self._rekey_load_on_completion(dest, final)
        return sink, final

    def _check_table_not_input(self, path: str, table: str, name: str) -> None:
        for definition in self.alg.parameterDefinitions():
            if definition.type() not in _INPUT_KINDS or isinstance(definition, _INPUT_TYPES):
                continue
            source = _source_of(self.alg, self.parameters, definition.name(), self.context)
            if file_of(source) and _same_file(file_of(source), path) and f"layername={table}" in source:
                raise QgsProcessingException(tr(
                    "Output {output} would overwrite {path}, which is read as input '{input}': choose another "
                    "file").format(output=self._label(name), path=f"{path}|layername={table}",
                                   input=definition.description()))

    def _rekey_load_on_completion(self, staged: str, final: str) -> None:
        layers = self.context.layersToLoadOnCompletion()
        if staged in layers:
            details = layers.pop(staged)
            layers[final] = details
            self.context.setLayersToLoadOnCompletion(layers)

    # -- writing ------------------------------------------------------------------------------------------
    def write(self, name: str, table: FeatureTable, batch: int = BATCH) -> int:
        """Every row of ``table`` into the sink of ``name``; raises :class:`Canceled` or a write error."""
        sink = self._sinks[name]
        self.feedback.setProgressText(tr("Writing {output}").format(output=self._label(name)))
        count, pending = 0, []
        for feature in features_of(table, qgs_fields(table)):
            pending.append(feature)
            if len(pending) >= batch:
                count += self._add(sink, pending, name)
                pending = []
        if pending or count == 0:
            count += self._add(sink, pending, name)
        return count

    def _add(self, sink, features: list, name: str) -> int:
        self.check_canceled()
        if features and not sink.addFeatures(features, FeatureSinkFlag.FastInsert):
            error = sink.lastError() if hasattr(sink, "lastError") else ""
            raise QgsProcessingException(tr("Cannot write {output}: {reason}").format(
                output=self._label(name), reason=error or tr("the format refused a feature")))
        return len(features)

    def check_canceled(self) -> None:
        if self.feedback is not None and self.feedback.isCanceled():
            raise Canceled()

    # -- end ----------------------------------------------------------------------------------------------
    def commit(self) -> None:
        """Close the sinks and move every staged file over its destination (the only time they are touched).

        The caller must hold no reference to a sink from :meth:`sink` any more: a file is complete only once
        its writer is gone.
        """
        self.check_canceled()
        self._sinks.clear()  # the writers close (and flush) when their last reference goes (no cycles: a
        # gc.collect() here walked every object of the process, ~0.5 s after a million-polygon read)
        for staged, target in self._staged:
            self._move_into_place(staged, target)
        self._remove_folders()
        self._committed = True

    def _move_into_place(self, staged: Path, target: Path) -> None:
        siblings = [p for p in staged.parent.iterdir() if p.stem == staged.stem or p.name.startswith(staged.name)]
        if not staged.exists():
            raise QgsProcessingException(tr("Cannot write {path}: {reason}").format(
                path=target, reason=tr("nothing was written")))
        try:
            if target.suffix.lower() == ".shp":  # an older shapefile's index or encoding must not outlive it
                for suffix in (".qix", ".sbn", ".sbx", ".cpg", ".prj", ".shx", ".dbf"):
                    old = target.with_suffix(suffix)
                    if old.exists() and not (staged.parent / (staged.stem + suffix)).exists():
                        old.unlink()
            for path in siblings:  # a shapefile's .dbf/.shx/.prj/.cpg move with it
                os.replace(path, target.parent / (target.stem + path.name[len(staged.stem):]))
        except OSError as exc:
            raise QgsProcessingException(tr("Cannot write {path}: {reason}").format(
                path=target, reason=exc.strerror or str(exc))) from exc

    def abort(self) -> None:
        """Remove everything this run wrote (staged files, tables written in place)."""
        self._sinks.clear()
        self._remove_folders()
        for path, table in self._tables:
            _drop_table(path, table)
        self._tables.clear()

    def _remove_folders(self) -> None:
        for folder in self._folders:
            shutil.rmtree(folder, ignore_errors=True)
        self._folders.clear()


def _has_table(path: str, table: str) -> bool:
    """Whether the GeoPackage ``path`` already holds ``table`` (False when there is no such file yet)."""
    if not os.path.exists(path):
        return False
    from osgeo import ogr

    source = ogr.Open(path, 0)
    if source is None:
        return False
    found = any(source.GetLayerByIndex(i).GetName() == table for i in range(source.GetLayerCount()))
    source = None
    return found


def _drop_table(path: str, table: str) -> None:
    """Drop a table this run wrote into a GeoPackage (best effort: the run is failing anyway)."""
    try:
        from osgeo import ogr

        source = ogr.Open(path, 1)
        if source is None:
            return
        for index in range(source.GetLayerCount()):
            if source.GetLayerByIndex(index).GetName() == table:
                source.DeleteLayer(index)
                break
        source = None
    except Exception as exc:  # noqa: BLE001 - never mask the error that made the run fail
        log_exception(f"Could not drop the table {table} of {path}", exc)


def write_outputs(alg, parameters: dict, context, feedback, tables: dict, optional=()) -> dict:
    """Write FeatureTables to the sink outputs named by the keys, all or nothing; returns {name: destination}.

    An optional output the user did not ask for is skipped. Raises :class:`Canceled` when the run is canceled
    before the end (nothing written then) and QgsProcessingException on any write failure.
    """
    from qgis.core import QgsCoordinateReferenceSystem

    from .layer_io import wkb_type

    written = {}
    with OutputSet(alg, parameters, context, feedback) as outputs:
        outputs.check_canceled()
        for name, table in tables.items():
            crs = QgsCoordinateReferenceSystem(table.crs) if table.crs else QgsCoordinateReferenceSystem()
            sink, destination = outputs.sink(name, qgs_fields(table), wkb_type(table), crs,
                                             optional=name in optional)
            if sink is not None:
                outputs.write(name, table)
                written[name] = destination
            sink = None  # the writer closes when the set drops its reference too
        outputs.commit()
    return written
