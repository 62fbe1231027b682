"""Common base of the plugin's Processing algorithms."""

from __future__ import annotations

import functools
import gc
from contextlib import contextmanager
from pathlib import Path

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ..constants import ICONS
from ..qgis_compat import ProcessingAlgorithmFlag
from ..translation import tr, tr_noop

GROUPS = {
    "general": (tr_noop("General"), "icon.svg"),
    "reclamation": (tr_noop("Reclamation acceptance"), "reclamation.svg"),
    "ledger": (tr_noop("Quota ledger"), "ledger.svg"),
    "zoning": (tr_noop("Ecological zoning"), "zoning.svg"),
    "patrol": (tr_noop("Satellite-patrol reconciliation"), "patrol.svg"),
    "precheck": (tr_noop("Land-use pre-check"), "icon.svg"),
}


class LandSupervisionAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ALG_ID, DISPLAY_NAME (English, translated through tr()), GROUP_ID and HELP."""

    ALG_ID = ""
    DISPLAY_NAME = ""
    GROUP_ID = "general"
    HELP = ""

    def __init_subclass__(cls, **kwargs):
        """Every algorithm's processAlgorithm gets its layer parameters with shapefile text decoded right
        (GBK without .cpg, see ``inputs.encodings``): no tool can forget it."""
        super().__init_subclass__(**kwargs)
        process = cls.__dict__.get("processAlgorithm")
        if process is not None and not getattr(process, "decodes_inputs", False):
            cls.processAlgorithm = _decoding_inputs(process)

    def layer_parameter_names(self) -> list[str]:
        """The parameters that take vector layers (sources, layers, lists of layers)."""
        return [p.name() for p in self.parameterDefinitions() if p.type() in _LAYER_PARAMETER_TYPES]

    def tr(self, text: str) -> str:  # noqa: D102 - Qt convention
        return tr(text)

    def flags(self):
        """Every algorithm of the plugin checks the feedback and can be canceled."""
        return super().flags() | ProcessingAlgorithmFlag.CanCancel

    def createInstance(self):
        return type(self)()

    def name(self) -> str:
        return self.ALG_ID

    def displayName(self) -> str:
        return tr(self.DISPLAY_NAME)

    def group(self) -> str:
        return tr(GROUPS[self.GROUP_ID][0])

    def groupId(self) -> str:
        return self.GROUP_ID

    def shortHelpString(self) -> str:
        return tr(self.HELP)

    def icon(self) -> QIcon:
        return QIcon(str(ICONS / GROUPS[self.GROUP_ID][1]))


_LAYER_PARAMETER_TYPES = ("source", "vector", "multilayer")


def _decoding_inputs(process):
    @functools.wraps(process)
    def run(self, parameters, context, feedback):
        from ..inputs.encodings import with_detected_encodings

        parameters, keep = with_detected_encodings(parameters, self.layer_parameter_names(), feedback)
        try:
            return process(self, parameters, context, feedback)
        finally:
            del keep  # the re-opened layers live as long as the run

    run.decodes_inputs = True
    return run


@contextmanager
def gc_paused():
    """Python's cyclic garbage collector off for a bulk run, back on afterwards if it was on.

    Reading and overlaying a million survey polygons makes millions of short-lived objects, each batch of
    which sets off a collection, and the full ones walk every object of the QGIS process: about 0.8 s of a
    9 s patrol run. They hardly form reference cycles: after a patrol run the collector finds a handful.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pdf_output(alg, parameters: dict, name: str, context) -> str:
    """The PDF path of the file output ``name`` (".pdf" added when missing), its folder checked for writing."""
    path = alg.parameterAsFileOutput(parameters, name, context)
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    check_writable_file(path, name)
    return path


def check_writable_file(path: str, parameter: str) -> Path:
    """The output file's folder must exist and accept writing: a clear error otherwise."""
    if not path:
        raise QgsProcessingException(tr("No output file given for {parameter}").format(parameter=parameter))
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise QgsProcessingException(tr("Cannot write {path}: folder {folder} does not exist").format(
            path=path, folder=folder))
    probe = folder / f".land_supervision_write_test_{target.name}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise QgsProcessingException(tr("Cannot write {path}: {reason}").format(
            path=path, reason=exc.strerror or str(exc))) from exc
    if target.exists() and not target.is_file():
        raise QgsProcessingException(tr("Cannot write {path}: it is a folder").format(path=path))
    return target
