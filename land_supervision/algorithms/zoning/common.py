"""Shared parameters and readers of the zoning algorithms (zones, rules, activities)."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ...constants import WORKING_CRS
from ...core.zoning import STRICT_ZONE, build_zones, load_rules
from ...core.zoning.footprints import kinds, make_footprints
from ...inputs.checks import check_crs, input_errors, label_of, note_reprojection
from ...inputs.fields import field_map, resolve_fields
from ...inputs.geometry import check_usable
from ...qgis_compat import ProcessingFieldParameterDataType, ProcessingSourceType
from ...translation import tr
from ..layer_io import read_source

ZONES = "ZONES"
ZONE_FIELD = "ZONE_FIELD"
STRICT = "STRICT_ZONE"
RULES = "RULES"
ILLUSTRATIVE_MARK = "示意"


def add_zone_parameters(alg, with_strict: bool = True) -> None:
    alg.addParameter(QgsProcessingParameterFeatureSource(
        ZONES, tr("Park zones (polygons with a zone type)"), [ProcessingSourceType.VectorPolygon]))
    alg.addParameter(QgsProcessingParameterField(
        ZONE_FIELD, tr("Zone type field"), defaultValue="GKFQ", parentLayerParameterName=ZONES,
        type=ProcessingFieldParameterDataType.String, optional=True))
    if with_strict:
        alg.addParameter(QgsProcessingParameterString(
            STRICT, tr("Zone type of the strict-control zone"), defaultValue=STRICT_ZONE))


def add_rules_parameter(alg) -> None:
    alg.addParameter(QgsProcessingParameterFile(
        RULES, tr("Rule matrix (CSV; empty = the default matrix)"), extension="csv", optional=True))


def read_zones(alg, parameters, context, feedback, extra_fields=()):
    """(ZoneSet, raw LayerArrays, zone field name, layer name, illustrative?) of the ZONES parameter."""
    source = alg.parameterAsSource(parameters, ZONES, context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, ZONES))
    name = label_of(source, parameters.get(ZONES)) or ZONES
    check_crs(source, name)
    field = alg.parameterAsString(parameters, ZONE_FIELD, context) or "GKFQ"
    strict = STRICT_ZONE
    if alg.parameterDefinition(STRICT) is not None:
        strict = alg.parameterAsString(parameters, STRICT, context) or STRICT_ZONE
    note_reprojection(source, feedback, name)
    wanted = [field] + [f for f in extra_fields if f and source.fields().lookupField(f) >= 0 and f != field]
    arrays = read_source(source, wanted, context, feedback, target_crs=WORKING_CRS, label=name, required=True)
    with input_errors(ValueError):
        check_usable(arrays.geometry, arrays.ids, name)
        zones = build_zones(arrays.geometry, arrays.columns[field], WORKING_CRS, ids=arrays.ids, layer=name,
                            field_name=field, strict_type=strict)
    for message in zones.warnings:
        feedback.pushWarning(str(message))
    for overlap in zones.overlaps:
        feedback.pushWarning(str(overlap.message()))
    if zones.strict is None:
        feedback.pushWarning(tr("Layer '{layer}' has no zone of type '{zone}': no distances to it").format(
            layer=name, zone=strict))
    illustrative = name.startswith("demo_") or any(
        ILLUSTRATIVE_MARK in str(v) for f in wanted[1:] for v in arrays.columns.get(f, []))
    return zones, arrays, field, name, illustrative


def read_rules(alg, parameters, context, zones):
    path = alg.parameterAsFile(parameters, RULES, context)
    with input_errors(ValueError):
        rules = load_rules(path or None)
        rules.check_zones(zones.types)
    return rules


def read_activities(source, name: str, context, feedback, type_field: str, id_field: str = "",
                    radius_field: str = "", width_field: str = "", progress_span=(0.0, 0.0)):
    """(ids, footprints, activity types, geometry kinds, raw LayerArrays) of one activity layer."""
    check_crs(source, name)
    note_reprojection(source, feedback, name)
    overrides = {"activity_type": type_field, "id": id_field, "radius": radius_field, "width": width_field}
    fmap = field_map("activities", name, {k: v for k, v in overrides.items() if v})
    resolved = resolve_fields(source, fmap, ["activity_type"], ["id", "radius", "width"])
    fields = list(dict.fromkeys(resolved.values()))
    numeric = [resolved[k] for k in ("radius", "width") if k in resolved]
    arrays = read_source(source, fields, context, feedback, target_crs=WORKING_CRS, progress_span=progress_span,
                         label=name, numeric=numeric)
    with input_errors(ValueError):
        check_usable(arrays.geometry, arrays.ids, name)
    ids = np.asarray([v if v not in (None, "") else f"#{fid}" for v, fid in
                      zip(arrays.columns[resolved["id"]], arrays.ids)], dtype=object) if "id" in resolved \
        else np.asarray([f"#{fid}" for fid in arrays.ids], dtype=object)
    kind = kinds(arrays.geometry)
    with input_errors(ValueError):
        for needed, key in (("point", "radius"), ("line", "width")):
            if (kind == needed).any() and key not in resolved:
                resolve_fields(source, fmap, [key])  # raises: the layer, and the missing field
        footprints = make_footprints(arrays.geometry, arrays.columns.get(resolved.get("radius")),
                                     arrays.columns.get(resolved.get("width")), WORKING_CRS, ids, name,
                                     resolved.get("radius", fmap["radius"]), resolved.get("width", fmap["width"]))
    for message in footprints.warnings:
        feedback.pushWarning(str(message))
    return ids, footprints.geoms, arrays.columns[resolved["activity_type"]], kind, arrays
