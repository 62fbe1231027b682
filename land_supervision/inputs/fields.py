"""Field names of an input layer, the one way every algorithm remaps them: the standard names of
``core.fieldmap`` (per kind of layer), overridden by the algorithm's field parameters and, where it has one, its
"Other field names" text (``kind.name=FIELD; ...``), resolved case-insensitively against the layer's fields.
A missing required field is a Processing error naming the layer and the field."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ..core.fieldmap import FieldMap
from ..translation import tr
from .checks import input_errors


def parse_overrides(text: str) -> dict[str, dict[str, str]]:
    """'plots.soil_depth=TCHD; projects.year=ND' -> {'plots': {'soil_depth': 'TCHD'}, 'projects': {...}}."""
    out: dict[str, dict[str, str]] = {}
    for item in (text or "").replace("\n", ";").split(";"):
        item = item.strip()
        if not item:
            continue
        if "=" not in item or "." not in item.split("=", 1)[0]:
            raise QgsProcessingException(tr("Field override '{item}' is not of the form kind.name=FIELD").format(
                item=item))
        key, value = item.split("=", 1)
        kind, name = key.strip().split(".", 1)
        out.setdefault(kind.strip(), {})[name.strip()] = value.strip()
    return out


def field_overrides(alg, parameters, context, params, text: str = "") -> dict[str, dict[str, str]]:
    """{kind: {logical name: field}} from the "Other field names" ``text`` and the field parameters ``params``
    ((parameter, kind, logical name), ...; a parameter left empty keeps the standard name; it wins over the text)."""
    overrides = parse_overrides(text)
    for param, kind, key in params:
        value = alg.parameterAsString(parameters, param, context)
        if value and value.strip():
            overrides.setdefault(kind, {})[key] = value.strip()
    return overrides


def field_map(kind: str, label: str, overrides: dict | None = None) -> FieldMap:
    """The FieldMap of a layer of ``kind`` shown as ``label``; an override of an unknown logical name is refused."""
    try:
        return FieldMap(kind, label, overrides)
    except KeyError as exc:
        raise QgsProcessingException(tr("Unknown field override {name}").format(name=str(exc))) from exc


def resolve_fields(source, fmap: FieldMap, required, optional=()) -> dict:
    """Logical -> actual field names of ``source`` (case-insensitive): ``required`` ones, and those ``optional``
    ones it has; a missing required field is refused naming layer and field."""
    with input_errors():
        return fmap.resolve(source.fields().names(), required, optional)
