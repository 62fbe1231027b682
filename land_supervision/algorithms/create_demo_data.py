"""landsupervision:createdemodata - the synthetic demo GeoPackage every tool runs on."""

from __future__ import annotations

import hashlib

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from ..core.demo import generate_demo
from ..qgis_compat import ProcessingNumberParameterType
from .base import LandSupervisionAlgorithm, check_writable_file
from .layer_io import write_gpkg
from .outputs import Canceled, OutputSet


class CreateDemoData(LandSupervisionAlgorithm):
    ALG_ID = "createdemodata"
    DISPLAY_NAME = "Create demo data"
    GROUP_ID = "general"
    HELP = (
        "Writes a synthetic, deterministic GeoPackage for trying every tool: the 9 Pinghu towns, a 三调 baseline "
        "survey, 永久基本农田, 城镇开发边界, approvals, satellite patches with a verification table, reclamation "
        "projects and plots, the 王盘山 park zones (illustrative, 3900.00 and 7899.84 ha), activities and vessel "
        "tracks. All layers are in EPSG:4549 and marked synthetic.\n"
        "Demo GeoPackage: the .gpkg to write (replaced if it exists).\n"
        "Scale: size factor; 1 gives about 20,000 baseline polygons, 50 about 1,000,000.\n"
        "Random seed: the same seed and scale always give the same data (the content hash is reported)."
    )
    OUTPUT = "OUTPUT"
    SCALE = "SCALE"
    SEED = "SEED"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterNumber(
            self.SCALE, self.tr("Scale (1 = about 20,000 baseline polygons)"),
            ProcessingNumberParameterType.Double, defaultValue=1.0, minValue=0.01, maxValue=200.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.SEED, self.tr("Random seed"), ProcessingNumberParameterType.Integer, defaultValue=2021))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Demo GeoPackage"), self.tr("GeoPackage (*.gpkg)")))
        self.addOutput(QgsProcessingOutputString("CONTENT_HASH", self.tr("Content hash")))
        self.addOutput(QgsProcessingOutputNumber("LAYER_COUNT", self.tr("Number of layers")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        check_writable_file(path, self.OUTPUT)
        scale = self.parameterAsDouble(parameters, self.SCALE, context)
        seed = self.parameterAsInt(parameters, self.SEED, context)
        feedback.pushInfo(self.tr("Generating demo data: seed {seed}, scale {scale}").format(seed=seed, scale=scale))

        def progress(percent, step):
            feedback.setProgress(percent * 0.4)
            feedback.pushInfo(self.tr("Generating {step} layers").format(step=step))

        try:
            tables = generate_demo(seed, scale, progress, feedback.isCanceled)
        except ValueError as exc:
            raise QgsProcessingException(str(exc)) from exc
        if feedback.isCanceled():
            raise Canceled()
        digest = hashlib.sha256()
        for name, table in tables.items():
            digest.update(name.encode())
            digest.update(table.content_hash().encode())
        ordered = list(tables.values())
        with OutputSet(self, parameters, context, feedback) as outputs:  # an existing file stays until the end
            write_gpkg(outputs.file(self.OUTPUT, path), ordered, context, feedback)
            outputs.commit()
        for table in ordered:
            feedback.pushInfo(f"  {table.name}: {len(table)}")
        content_hash = digest.hexdigest()
        feedback.pushInfo(self.tr("Content hash: {hash}").format(hash=content_hash))
        feedback.setProgress(100)
        return {self.OUTPUT: path, "CONTENT_HASH": content_hash, "LAYER_COUNT": len(ordered)}
