"""Reading the patrol inputs from QGIS sources into the core's arrays (baseline: only near the patches)."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProviderRegistry,
)

from ...core.geodesy import WORKING_CRS
from ...core.patrol.inputs import ApprovalInput, BaselineInput
from ...inputs.checks import check_crs, convert_numbers, label_of, note_reprojection
from ...inputs.fields import field_map
from ...inputs.fields import resolve_fields as inputs_resolve_fields
from ...inputs.near import (  # noqa: F401 - moved to inputs.near, importable from here as before
    _WKB_START,
    _decoded,
    _near_sql,
    grid_order,
    ogr_table,
    patch_windows,
    quoted,
    read_gpkg_near,
    read_qgis_near,
    windows_in,
    windows_of,
)
from ...inputs.near import read_near as read_near_any
from ...translation import tr
from ..layer_io import read_source

_quoted = quoted
_grid_order = grid_order
_windows_in = windows_in

source_label = label_of  # a name for messages: the table name of a 'file|layername=x' value, else the source name


def resolve_fields(source, kind: str, overrides: dict, required, optional=(), label: str = "") -> dict:
    """Logical -> actual field names of ``source``; a missing field is an error naming layer and field."""
    return inputs_resolve_fields(source, field_map(kind, label or source.sourceName(), overrides), required, optional)


def crs_note(source, feedback, label: str = "", layer=None) -> None:
    """Say in the log when a layer is reprojected to the working CRS; refuse a layer without CRS (``layer``:
    the layer behind ``source`` where known, see ``check_crs``)."""
    check_crs(source, label or source.sourceName(), layer)  # present, and fitting the coordinates
    note_reprojection(source, feedback, label or source.sourceName())


def read_near(source, field_names: list[str], windows: list[tuple], context, feedback=None):
    """Features of ``source`` meeting any window (working CRS), through QGIS's provider (kept for old callers:
    the readers live in ``inputs.near``)."""
    return read_qgis_near(source, field_names, windows, context, feedback)


def class_filter_sql(field: str) -> str:
    """SQL keeping the baseline polygons the evidence uses: 耕地 and construction land (三调 codes). Codes
    matched as stored first, then trimmed and upper-cased: the same rows, most decided without the string
    functions."""
    from ...core.patrol.evidence import RELEVANT_CODES, RELEVANT_PREFIXES

    prefixes = ", ".join(f"'{p}'" for p in RELEVANT_PREFIXES)
    codes = ", ".join(f"'{c}'" for c in RELEVANT_CODES)
    column = f"t.{_quoted(field)}"
    return " OR ".join(f"substr({code}, 1, 2) IN ({prefixes}) OR substr({code}, 1, 4) IN ({codes})"
                       for code in (column, f"upper(trim({column}))"))




def read_baseline(source, names: dict, patches: np.ndarray, context, feedback, layer=None,
                  label: str = "") -> BaselineInput:
    """The baseline polygons near ``patches`` (one window per patch), through the fastest reader for the
    source (``inputs.near``: GeoPackage through SQLite, shapefile in numpy, File Geodatabase and other OGR
    sources through GDAL's Arrow stream, PostGIS on the server, else QGIS), only the classes the evidence
    uses."""
    wanted = [names["class_code"]] + ([names["deduct_ratio"]] if "deduct_ratio" in names else [])
    code = names["class_code"]
    ids, geoms, columns = read_near_any(source, wanted, windows_of(patches), context, feedback, layer,
                                        where=class_filter_sql(code), keep=lambda cols: relevant_codes(cols[code]))
    if "deduct_ratio" in names:  # KCXS stored as text (no work when the field is numeric)
        convert_numbers(columns, source, [names["deduct_ratio"]], label or source.sourceName(), ids)
    kcxs = columns[names["deduct_ratio"]] if "deduct_ratio" in names else [0.0] * len(geoms)
    if "deduct_ratio" not in names:
        feedback.pushWarning(tr("Layer '{layer}' has no field '{field}': 耕地 areas are not net of 田坎").format(
            layer=source.sourceName(), field="KCXS"))
    return BaselineInput(geoms, columns[code], kcxs)


def relevant_codes(values) -> np.ndarray:
    """Mask of the class codes the evidence uses (class_filter_sql's selection: codes as stored, or trimmed and
    upper-cased), each distinct code judged once."""
    values = values.tolist() if isinstance(values, np.ndarray) else list(values)
    cache = _RELEVANT
    if len(cache) > 100_000:  # free text in the code field: keep the memo small
        cache.clear()
    return np.fromiter((cache[v] if v in cache else cache.setdefault(v, _relevant(v)) for v in values),
                       dtype=bool, count=len(values))


_RELEVANT: dict = {}


def _relevant(code) -> bool:
    from ...core.patrol.evidence import RELEVANT_CODES, RELEVANT_PREFIXES

    text = "" if code is None else str(code)
    return any(c[:2] in RELEVANT_PREFIXES or c[:4] in RELEVANT_CODES for c in (text, text.strip().upper()))


def layer_label(layer) -> str:
    """The layer's name and, for a file layer, its table name (where a sub-type may be written)."""
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    return f"{layer.name()} {parts.get('layerName') or ''}"


def read_approvals(layers, names: dict, rules, context, feedback) -> ApprovalInput:
    """Every approval layer: geometry, 批准文号 and sub-type (from the type field, else the layer name), and where
    the layer has them the approval date, the 临时用地 term end and the infrastructure flag. ``names``: logical
    name -> field name (approval_no, subtype, date, term_end, infrastructure)."""
    geoms, numbers, subtypes, layer_names = [], [], [], []
    optional = ("date", "term_end", "infrastructure")
    extra: dict[str, list] = {key: [] for key in optional}
    for layer in layers:
        crs_note(layer, feedback, label_of(layer))
        upper = {f.upper(): f for f in layer.fields().names()}
        number_field, type_field = names["approval_no"], names["subtype"]
        if number_field.upper() not in upper:
            raise QgsProcessingException(tr("Layer '{layer}' has no field '{field}'").format(
                layer=layer.name(), field=number_field))
        wanted = {"approval_no": upper[number_field.upper()]}
        for key in ("subtype",) + optional:
            if names[key].upper() in upper:
                wanted[key] = upper[names[key].upper()]
        data = read_source(layer, list(wanted.values()), context, feedback, target_crs=WORKING_CRS,
                           label=label_of(layer))
        layer_sub = rules.subtype_of(layer_label(layer))
        if "subtype" not in wanted and layer_sub is None:
            feedback.pushWarning(tr("Layer '{layer}': no field '{field}' and no sub-type in its name; its approvals "
                                    "count for the total coverage only").format(layer=layer.name(), field=type_field))
        if "date" not in wanted:
            feedback.pushWarning(tr("Layer '{layer}' has no field '{field}': its approvals are taken as dated in time "
                                    "(未批先建 not checked)").format(layer=layer.name(), field=names["date"]))
        for i in range(len(data)):
            sub = rules.subtype_of(data.columns[wanted["subtype"]][i]) if "subtype" in wanted else None
            sub = sub or layer_sub
            subtypes.append(sub.key if sub else "")
        for key in optional:
            extra[key].extend(data.columns[wanted[key]] if key in wanted else [None] * len(data))
        geoms.extend(data.geometry)
        numbers.extend(data.columns[wanted["approval_no"]])
        layer_names.extend([layer.name()] * len(data))
    return ApprovalInput(np.asarray(geoms, dtype=object), numbers, subtypes, layer_names, extra["date"],
                         extra["term_end"], extra["infrastructure"])
