"""Shapefile text read in its real encoding by every tool: parameters whose .dbf has no .cpg and no code
page byte but GBK text are opened as GBK (said in the log), unless an override names the encoding.

A .cpg or the .dbf language byte (0x4D: GBK) is honoured by GDAL itself. The override, for a file whose text
is neither: the setting ``land_supervision/dbf_encoding`` or the environment variable
``LAND_SUPERVISION_DBF_ENCODING`` (e.g. ``GBK``, ``Big5``, ``CP1252``), or, simplest, a .cpg beside the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from qgis.core import QgsProject, QgsSettings, QgsVectorLayer

from ..translation import tr
from .dbf_encoding import declared_encoding, sniff_text

ENCODING_OVERRIDE = "land_supervision/encoding_override"
SETTING = "land_supervision/dbf_encoding"
ENVIRONMENT = "LAND_SUPERVISION_DBF_ENCODING"
_GBK_FAMILY = {"GBK", "CP936", "GB2312", "GB18030", "936", "MS936", "WINDOWS-936"}
_DEFAULTS = {"", "SYSTEM", "UTF-8", "UTF8"}  # QGIS's encoding of a layer nobody set one for


def _locale_is_gbk() -> bool:
    try:
        from qgis.PyQt.QtCore import QTextCodec  # Qt5 only; a Qt6 QGIS decodes through its own settings
    except ImportError:
        return False
    codec = QTextCodec.codecForLocale()
    return codec is not None and bytes(codec.name()).decode("ascii", "ignore").upper() in _GBK_FAMILY


def override_encoding() -> str:
    """The encoding the user set for shapefiles that do not declare theirs ('' if none)."""
    return (os.environ.get(ENVIRONMENT) or QgsSettings().value(SETTING, "", type=str) or "").strip()


def _dbf_file(path: str) -> bool:
    return path.lower().endswith((".shp", ".dbf"))


def undeclared_encoding(path: str) -> tuple[str, str]:
    """(encoding to open the file in, how it was chosen) for a shapefile/.dbf that declares none; ('', '')
    when it declares one, or when its text is ASCII or UTF-8 (QGIS reads those right)."""
    if not _dbf_file(path) or not Path(path).exists() or declared_encoding(path)[0]:
        return "", ""
    override = override_encoding()
    if override:
        return override, "override"
    if sniff_text(path) == "CP936":
        return "GBK", "guess"
    return "", ""


def _reopened(path: str, text: str, encoding: str, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(text, name, "ogr")
    layer.setProviderEncoding(encoding)
    layer.setCustomProperty(ENCODING_OVERRIDE, encoding)  # readers that bypass QGIS must not take this file
    return layer


def _say(feedback, path: str, encoding: str, how: str) -> None:
    if how == "override":
        feedback.pushInfo(tr("{path}: no .cpg and no code page in the .dbf; read as {encoding} (the override "
                             "setting)").format(path=path, encoding=encoding))
    else:
        feedback.pushInfo(tr("{path}: no .cpg and no code page in the .dbf; its text reads as GBK (a guess: "
                             "write a .cpg beside it to say otherwise)").format(path=path))


def with_detected_encodings(parameters: dict, names, feedback) -> tuple[dict, list]:
    """Parameters where a shapefile (or stand-alone .dbf) without declared encoding is opened in the
    encoding found (GBK guessed from its text, or the override). Both paths and layers given as objects are
    handled (a layer object only if its own encoding is not already of the GBK family, and not while it has
    unsaved edits, which a re-opened copy would lose). Returns the new parameters and the layers created,
    which the caller keeps alive while it runs."""
    out, layers = dict(parameters), []

    def fix(value):
        if isinstance(value, QgsVectorLayer):
            return fix_layer(value)
        text = value if isinstance(value, str) else ""
        project_layer = QgsProject.instance().mapLayer(text) if text else None
        if isinstance(project_layer, QgsVectorLayer):
            fixed = fix_layer(project_layer)
            return value if fixed is project_layer else fixed
        path = text.split("|", 1)[0]
        encoding, how = undeclared_encoding(path)
        if not encoding:
            return value
        layer = _reopened(path, text, encoding, Path(path).stem)
        layers.append(layer)
        _say(feedback, path, encoding, how)
        return layer

    def fix_layer(layer):
        if layer.providerType() != "ogr" or layer.customProperty(ENCODING_OVERRIDE):
            return layer
        text = layer.source()
        path = text.split("|", 1)[0]
        encoding, how = undeclared_encoding(path)
        provider = layer.dataProvider()
        current = (provider.encoding() if provider is not None else "").upper()
        if not encoding or current not in _DEFAULTS or (current == "SYSTEM" and _locale_is_gbk()):
            return layer  # an encoding the user chose, or the system's own when that is GBK
        if layer.isModified():
            feedback.pushWarning(tr("Layer '{layer}' has unsaved edits and its text may be misread ({path} "
                                    "declares no encoding): save the edits or set the layer's encoding").format(
                layer=layer.name(), path=path))
            return layer
        copy = _reopened(path, text, encoding, layer.name())
        copy.setSubsetString(layer.subsetString())
        layers.append(copy)
        _say(feedback, path, encoding, how)
        return copy

    for name in names:
        value = out.get(name)
        out[name] = [fix(v) for v in value] if isinstance(value, list) else fix(value)
    return out, layers
