"""The QGIS side of the input checks: a layer has a CRS, its coordinates fit it, a required layer is not
empty, numeric fields stored as text are read as numbers; and the one way a core InputError becomes a
Processing error. Cheap: extent and field types, never per feature."""

from __future__ import annotations

from contextlib import contextmanager

from qgis.core import QgsProcessingException, QgsWkbTypes

from ..constants import WORKING_CRS
from ..core.messages import InputError
from ..qgis_compat import GeometryType
from ..translation import tr
from .numbers import numeric_column
from .plausible import crs_mismatch


@contextmanager
def input_errors(*also):
    """Inside: a core InputError becomes a QgsProcessingException with its message naming layer, feature and
    field (no traceback); so does an exception of one of the types ``also`` (its text)."""
    try:
        yield
    except InputError as exc:
        raise QgsProcessingException(exc.describe()) from exc
    except also as exc:
        raise QgsProcessingException(str(exc)) from exc


def grain_table(path: str = ""):
    """The grain capacity table at ``path`` (the shipped one when empty); an unreadable one is refused, naming it."""
    from ..core.grain import GRAIN_TABLE, read_grain_table

    path = path or str(GRAIN_TABLE)
    try:
        return read_grain_table(path)
    except (InputError, OSError, KeyError) as exc:
        raise QgsProcessingException(tr("Cannot read the grain rates {path}: {error}").format(
            path=path, error=exc)) from exc


def label_of(source, value=None) -> str:
    """A name for messages: the table name of a 'file|layername=x' value (or of the layer's source), else
    the layer's or source's name."""
    from .reader import layername_of

    if hasattr(value, "source") and hasattr(value.source, "staticValue"):  # QgsProcessingFeatureSourceDefinition
        value = value.source.staticValue()
    if not isinstance(value, str) and hasattr(source, "source") and hasattr(source, "name"):  # a layer
        return layername_of(source.source()) or source.name()
    name = source.sourceName() if hasattr(source, "sourceName") else source.name()
    return layername_of(value) or name


def parameter_label(alg, parameters, name: str, source, context) -> str:
    """``label_of`` for the layer of parameter ``name``, also when the value is a layer object (a dock's run):
    its table name (a GeoPackage URI's layername), else its name; never the file name."""
    value = parameters.get(name)
    if not (isinstance(value, str) and value):
        layer = alg.parameterAsVectorLayer(parameters, name, context)
        if layer is not None:
            return label_of(layer)
    return label_of(source, value if isinstance(value, str) else "")


def has_geometry(source) -> bool:
    return QgsWkbTypes.geometryType(source.wkbType()) in (GeometryType.Point, GeometryType.Line,
                                                         GeometryType.Polygon)


def _crs(source):
    return source.sourceCrs() if hasattr(source, "sourceCrs") else source.crs()


def _extent(source):
    return source.sourceExtent() if hasattr(source, "sourceExtent") else source.extent()


def _postgis_facts(layer) -> tuple | None:
    """(estimated extent corners, has rows) of a PostGIS layer from the server's statistics, or None (any
    other layer, or the server cannot tell): QGIS's provider would scan the whole table for both."""
    if layer is None or not hasattr(layer, "providerType") or layer.providerType() != "postgres":
        return None
    try:
        from .postgis_near import estimated_facts
    except ImportError:
        return None
    return estimated_facts(layer)


def check_crs(source, label: str, layer=None) -> None:
    """Refuse a layer with geometries but no CRS, and one whose coordinates do not fit its CRS. ``layer``: the
    QgsVectorLayer behind ``source`` where known (a PostGIS one is then judged on the server's estimated
    extent)."""
    if not has_geometry(source):
        return
    crs = _crs(source)
    if not crs.isValid():
        raise QgsProcessingException(tr("Layer '{layer}' has no coordinate reference system: set one first").format(
            layer=label))
    facts = _postgis_facts(layer)
    if facts is not None:
        corners, has_rows = facts
        if not has_rows or not any(corners):
            return  # nothing to judge
    else:
        extent = _extent(source)
        corners = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
        if extent.isNull() or source.featureCount() == 0 or not any(corners):
            return  # nothing to judge
    problem = crs_mismatch(label, corners, crs.authid() or crs.description(), crs.isGeographic(), crs.toProj())
    if problem is not None:
        raise QgsProcessingException(str(problem))


def note_reprojection(source, feedback, label: str) -> None:
    """Say in the log when a layer is not in the working CRS (it is read reprojected to it)."""
    crs = _crs(source)
    if crs.authid() != WORKING_CRS:
        feedback.pushInfo(tr("Layer '{layer}' is in {crs}: reprojected to {target}").format(
            layer=label, crs=crs.authid() or crs.description(), target=WORKING_CRS))


def check_not_empty(source, label: str, layer=None) -> None:
    """Refuse a required layer without features (a feature count the provider does not know is let pass).
    ``layer``: as for ``check_crs`` (a PostGIS one is asked whether it has a row, not counted)."""
    facts = _postgis_facts(layer)
    if (not facts[1]) if facts is not None else source.featureCount() == 0:
        raise QgsProcessingException(tr("Layer '{layer}' is empty").format(layer=label))


def check_source(source, label: str, required: bool = False, layer=None) -> None:
    """Every check of a layer about to be read: CRS present and fitting, and, if required, not empty."""
    check_crs(source, label, layer)
    if required:
        check_not_empty(source, label, layer)


def text_fields(source, names) -> list[str]:
    """Those of ``names`` whose field type is not numeric (text to be converted)."""
    fields = source.fields()
    out = []
    for name in names:
        index = fields.lookupField(name)
        if index >= 0 and not fields.at(index).isNumeric():
            out.append(name)
    return out


def convert_numbers(columns: dict, source, names, label: str, ids=None) -> None:
    """Numeric fields stored as text converted in ``columns`` (in place); ambiguous text refused naming
    layer, feature and field. Fields of a numeric type are left alone (no per-feature work)."""
    for name in text_fields(source, [n for n in names if n and n in columns]):
        with input_errors():
            columns[name] = numeric_column(columns[name], label, name, ids)
