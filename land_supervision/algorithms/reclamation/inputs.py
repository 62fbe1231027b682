"""Reading the reclamation layers from Processing parameters into core inputs (shared by the algorithms)."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsProcessingException

from ...constants import WORKING_CRS
from ...core.fieldmap import FieldMap
from ...core.reclamation.area_chain import ChainTable
from ...core.reclamation.inputs import CHAIN_KEYS, QUALITY_KEYS, Plots, Projects, Towns
from ...inputs.checks import check_crs, note_reprojection
from ...inputs.fields import resolve_fields
from ...translation import tr
from ..layer_io import read_source

PLOT_REQUIRED = ("id", "project_id", "declared_area", "target_class")
PLOT_OPTIONAL = QUALITY_KEYS + ("quality_grade",)
CHAIN_REQUIRED = ("project_id", "step")
CHAIN_OPTIONAL = ("agricultural", "cultivated", "0101", "0102", "0103", "grade")
NUMERIC_KEYS = {"declared_area", "soil_depth", "plough_layer", "gravel", "ph", "organic_matter", "quality_grade",
                "paired_area", "deduct_ratio", "agricultural", "cultivated", "0101", "0102", "0103", "grade"}
PROJECT_REQUIRED = ("id",)
PROJECT_OPTIONAL = ("name", "town", "declared_area", "paired_area", "extra_classes", "year", "quota_kind") + tuple(
    f"chain_{k}" for k in CHAIN_KEYS)


def numeric_fields(names: dict) -> list[str]:
    """The actual names of the fields read as numbers (converted when stored as text)."""
    return [name for key, name in names.items() if key in NUMERIC_KEYS or key.startswith("chain_")]


def read_layer(source, fmap: FieldMap, required, optional, context, feedback, span=(0.0, 0.0), fast_layer=None,
               near=None):
    """(LayerArrays, resolved field names) of a layer reprojected to the working CRS (said in the log).
    ``near``: geometries (working CRS): only the features near them are read (``inputs.near``: the source's own
    spatial index, ``fast_layer`` the layer behind the source or None), the layer itself must not be empty."""
    label = fmap.layer_name
    check_crs(source, label, fast_layer)  # present, and fitting the coordinates
    names = resolve_fields(source, fmap, required, optional)
    note_reprojection(source, feedback, label)
    arrays = None
    if near is not None:
        from ...inputs.checks import check_not_empty
        from ...inputs.near import read_layer_near

        check_not_empty(source, label, fast_layer)
        arrays = read_layer_near(source, list(names.values()), near, context, feedback, fast_layer, label,
                                 numeric_fields(names))
        return arrays, names
    if fast_layer is not None:
        from ...inputs.fast_ogr import read_ogr

        arrays = read_ogr(fast_layer, list(names.values()), feedback, numeric_fields(names), label)
    if arrays is None:
        arrays = read_source(source, list(names.values()), context, feedback, target_crs=WORKING_CRS,
                             progress_span=span, label=label, numeric=numeric_fields(names))
    if feedback.isCanceled():
        return arrays, names
    if len(arrays) == 0:
        raise QgsProcessingException(tr("Layer '{layer}' is empty").format(layer=label))
    return arrays, names


def plots_from(arrays, names: dict, layer_name: str) -> Plots:
    col = arrays.columns
    quality = {key: col[names[key]] for key in QUALITY_KEYS if key in names}
    grades = col[names["quality_grade"]] if "quality_grade" in names else None
    return Plots.build(col[names["id"]], col[names["project_id"]], col[names["declared_area"]],
                       col[names["target_class"]], arrays.geometry, quality, arrays.ids.tolist(), layer_name, names,
                       grades)


def read_chain_table(source, fmap: FieldMap, context, feedback) -> ChainTable:
    """The area-chain table (attributes only: a geometry, if any, is ignored)."""
    names = resolve_fields(source, fmap, CHAIN_REQUIRED, CHAIN_OPTIONAL)
    if not any(key in names for key in CHAIN_OPTIONAL[:-1]):
        raise QgsProcessingException(tr("Layer '{layer}' has none of the area fields {fields}").format(
            layer=fmap.layer_name, fields=", ".join(fmap[k] for k in CHAIN_OPTIONAL[:-1])))
    arrays = read_source(source, list(names.values()), context, feedback, with_geometry=False,
                         label=fmap.layer_name, numeric=numeric_fields(names))
    col = arrays.columns
    return ChainTable.build(col[names["project_id"]], col[names["step"]],
                            {key: col[names[key]] for key in CHAIN_OPTIONAL if key in names}, arrays.ids.tolist(),
                            fmap.layer_name, names)


def projects_from(arrays, names: dict, layer_name: str) -> Projects:
    col = arrays.columns

    def get(key):
        return col[names[key]] if key in names else None

    chain = {k: get(f"chain_{k}") for k in CHAIN_KEYS}
    return Projects.build(get("id"), get("name"), get("town"), get("declared_area"), arrays.geometry, chain,
                          get("paired_area"), get("extra_classes"), get("year"), layer_name, get("quota_kind"))


def towns_from(arrays, names: dict) -> Towns:
    col = arrays.columns
    return Towns([str(v or "") for v in col[names["name"]]], [str(v or "") for v in col[names["code"]]],
                 np.asarray(arrays.geometry, dtype=object))
