"""Pre-select input layers by their standard field names, so a dock opens ready to run on survey data."""

from __future__ import annotations

from collections.abc import Sequence

from ..constants import (
    ISSUES_FIELD,
    PATROL_VERDICT_FIELD,
    PRECHECK_QUOTA_SHORT_FIELD,
    RECLAMATION_PROJECT_VERDICT_FIELD,
    RECLAMATION_VERDICT_FIELD,
)

# A field that only the plugin's own results carry, one per kind of result: such layers are never preselected as
# survey or input layers (reclamation plots YSJL, projects XMJL, towns HGS, sample CYXH, chain HJXH; patrol
# patches and discrepancies WTDM, towns and batches TBS; zoning conformance JL_EN, intrusions JRSJ_GJ; pre-check
# JHZB_QK).
OUTPUT_MARKERS = (RECLAMATION_VERDICT_FIELD, RECLAMATION_PROJECT_VERDICT_FIELD, "HGS", "CYXH", "HJXH", ISSUES_FIELD,
                  "TBS", "JL_EN", "JRSJ_GJ", PRECHECK_QUOTA_SHORT_FIELD)
# the docks' results carry this custom property (ui/results_store.TOOL_PROPERTY), whatever their fields
RESULT_PROPERTY = "land_supervision/result_tool"
# fields that only results have: an input asking for one of them (the pre-check's patrol patches and
# reclamation plots) wants a result and may take one
RESULT_FIELDS = (*OUTPUT_MARKERS, PATROL_VERDICT_FIELD, RECLAMATION_VERDICT_FIELD)


def is_output(layer) -> bool:
    """A layer this plugin wrote (a dock's result by its mark, any other by the marker fields above)."""
    if layer is None:
        return False
    if hasattr(layer, "customProperty") and layer.customProperty(RESULT_PROPERTY, ""):
        return True
    return any(has_fields(layer, [marker]) for marker in OUTPUT_MARKERS)


def wants_result(fields: Sequence[str]) -> bool:
    """Whether an input with these standard fields is itself a result of another tool."""
    return any(field.upper() in RESULT_FIELDS for field in fields)


def has_fields(layer, fields: Sequence[str]) -> bool:
    if layer is None or not hasattr(layer, "fields"):
        return False
    names = {name.upper() for name in layer.fields().names()}
    return all(field.upper() in names for field in fields)


def first_layer_with_fields(combo, fields: Sequence[str]):
    """The first layer a QgsMapLayerComboBox offers that has every field in ``fields`` and is not one of the
    plugin's results, or None."""
    for row in range(combo.count()):
        layer = combo.layer(row)
        if layer is not None and has_fields(layer, fields) and (wants_result(fields) or not is_output(layer)):
            return layer
    return None


def pick_layer(combo, fields: Sequence[str] = (), words: Sequence[str] = (), without: Sequence[str] = ()):
    """A combo's best guess at a standard input: a layer with all ``fields`` whose name has one of ``words``,
    else the first layer with the fields, else (no fields asked) the first whose name has a word; or None.
    Layers with any of the fields ``without`` (a tool's own outputs, say) are never picked, nor the plugin's results
    unless ``fields`` asks for a result's field."""
    def named(layer) -> bool:
        name = layer.name().lower()
        return any(word.lower() in name for word in words)

    layers = [combo.layer(row) for row in range(combo.count())]
    layers = [layer for layer in layers
              if layer is not None and not any(has_fields(layer, [name]) for name in without)
              and (wants_result(fields) or not is_output(layer))]
    if fields:
        layers = [layer for layer in layers if has_fields(layer, fields)]
        return next((layer for layer in layers if named(layer)), layers[0] if layers else None)
    return next((layer for layer in layers if named(layer)), None)


def prefer_layers_with_fields(combos_and_fields) -> None:
    """For each (combo, fields): if the current layer lacks the fields, pick the first layer that has them.

    Only the combo's selection changes; nothing is written to the project here (writing project entries
    while QGIS reads a project froze the desktop in the zoning dock), so call it from layersAdded.
    """
    for combo, fields in combos_and_fields:
        current = combo.currentLayer()
        if not has_fields(current, fields) or (is_output(current) and not wants_result(fields)):
            found = first_layer_with_fields(combo, fields)
            if found is not None:
                combo.setLayer(found)
