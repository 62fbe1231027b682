"""Reading a layer into arrays (QGIS feature ids, shapely geometries, attribute columns), checked first:
CRS present and fitting the coordinates, required layer not empty, numeric text converted."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsFeatureRequest, QgsProcessingException
from qgis.PyQt.QtCore import QVariant

from ..qgis_compat import FeatureRequestFlag
from ..translation import tr
from .checks import check_crs, check_not_empty, convert_numbers
from .wkb import from_wkb


@dataclass
class LayerArrays:
    """Features of one layer as arrays: QGIS feature ids, shapely geometries, attribute columns."""

    ids: np.ndarray
    geometry: np.ndarray
    columns: dict[str, list]
    crs: str

    def __len__(self) -> int:
        return len(self.ids)


def read_source(source, field_names: list[str], context, feedback=None, target_crs: str | None = None,
                with_geometry: bool = True, progress_span: tuple[float, float] = (0.0, 0.0), label: str = "",
                required: bool = False, numeric=(), filter_rect=None) -> LayerArrays:
    """Read ``field_names`` and geometries of a QgsFeatureSource (reprojected to ``target_crs`` if given).

    Checked first (see ``checks``): a layer with geometries needs a CRS its coordinates fit; ``required``: it
    must have features. ``numeric``: fields read as numbers when stored as text. ``label``: the layer's name
    in messages (default: the source's name). ``filter_rect``: only the features it touches, through the
    source's spatial index (a QgsRectangle in ``target_crs`` when given, else in the source's CRS).
    """
    label = label or source.sourceName()
    if with_geometry:
        check_crs(source, label)
    if required:
        check_not_empty(source, label)
    request = QgsFeatureRequest()
    all_fields = source.fields()
    indexes = []
    for name in field_names:
        index = all_fields.lookupField(name)
        if index < 0:
            raise QgsProcessingException(tr("Layer '{layer}' has no field '{field}'").format(
                layer=label, field=name))
        indexes.append(index)
    request.setSubsetOfAttributes(indexes)
    if not with_geometry:
        request.setFlags(FeatureRequestFlag.NoGeometry)
    crs = source.sourceCrs().authid() or source.sourceCrs().toWkt()
    if with_geometry and target_crs and source.sourceCrs().isValid() and crs != target_crs:
        request.setDestinationCrs(QgsCoordinateReferenceSystem(target_crs), context.transformContext())
        crs = target_crs
    if filter_rect is not None:
        request.setFilterRect(filter_rect)  # (in the destination CRS when one is set)
    total = max(source.featureCount(), 1)
    ids, wkbs = [], []
    columns: dict[str, list] = {name: [] for name in field_names}
    lo, hi = progress_span
    for i, feature in enumerate(source.getFeatures(request)):
        if feedback is not None and i % 2000 == 0:
            if feedback.isCanceled():
                break
            if hi > lo:
                feedback.setProgress(lo + (hi - lo) * i / total)
        ids.append(feature.id())
        attrs = feature.attributes()
        for name, index in zip(field_names, indexes):
            columns[name].append(_python_value(attrs[index]))
        if with_geometry:
            geometry = feature.geometry()
            wkbs.append(None if geometry.isNull() else bytes(geometry.asWkb()))
    geoms = from_wkb(wkbs) if with_geometry else np.empty(len(ids), dtype=object)
    convert_numbers(columns, source, numeric, label, ids)
    return LayerArrays(np.asarray(ids, dtype=np.int64), np.asarray(geoms, dtype=object), columns, crs)


def _python_value(value):
    """QVariant NULLs to None, QDate/QDateTime to ISO text."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if hasattr(value, "toString") and hasattr(value, "isValid"):
        return value.toString("yyyy-MM-ddTHH:mm:ss") if hasattr(value, "time") else value.toString("yyyy-MM-dd")
    return value


def layername_of(text: str) -> str | None:
    """The table name of a 'file|layername=x' source or parameter value, or None."""
    text = str(text or "")
    return text.split("layername=", 1)[1].split("|", 1)[0] if "layername=" in text else None


