"""QGIS enum spellings for QGIS 3.22 to 4.x (Qt5 and Qt6) from one source: the only module that names them.

QGIS 3.26 - 3.42 moved many enums into ``Qgis`` (``QgsWkbTypes.Polygon`` -> ``Qgis.WkbType.Polygon``,
``QgsProcessing.TypeVectorPolygon`` -> ``Qgis.ProcessingSourceType.VectorPolygon``) and QGIS 4 drops the old
names. Each name below is looked up once, at import: the new spelling where the running QGIS has it, else the
3.22 spelling in its scoped form (which PyQt5 5.15 accepts as well). A name neither spelling can find raises at
import, naming both, instead of failing later inside an algorithm. Plugin code takes every QGIS enum from here
(``tests/qgis/test_qt6_ready.py`` enforces it); enums already in ``Qgis`` on 3.22 (``Qgis.MessageLevel``) may be
used directly.
"""

from __future__ import annotations

from qgis import core as _core
from qgis import gui as _gui
from qgis.core import Qgis
from qgis.PyQt.QtCore import QMetaType, QVariant

_MISSING = object()


def _first(*paths: str):
    """The object at the first of ``paths`` (dotted, from a qgis.core / qgis.gui name) that exists."""
    for path in paths:
        head, *rest = path.split(".")
        obj = getattr(_core, head, getattr(_gui, head, _MISSING))
        for part in rest:
            if obj is _MISSING:
                break
            obj = getattr(obj, part, _MISSING)
        if obj is not _MISSING:
            return obj
    raise AttributeError(f"this QGIS ({Qgis.QGIS_VERSION}) has none of: {', '.join(paths)}")


QGIS_VERSION_INT: int = Qgis.QGIS_VERSION_INT


class ProcessingSourceType:
    """Qgis.ProcessingSourceType (3.36), was QgsProcessing.SourceType."""

    Vector = _first("Qgis.ProcessingSourceType.Vector", "QgsProcessing.SourceType.TypeVector")
    VectorAnyGeometry = _first("Qgis.ProcessingSourceType.VectorAnyGeometry",
                               "QgsProcessing.SourceType.TypeVectorAnyGeometry")
    VectorPoint = _first("Qgis.ProcessingSourceType.VectorPoint", "QgsProcessing.SourceType.TypeVectorPoint")
    VectorPolygon = _first("Qgis.ProcessingSourceType.VectorPolygon", "QgsProcessing.SourceType.TypeVectorPolygon")


class ProcessingNumberParameterType:
    """Qgis.ProcessingNumberParameterType (3.36), was QgsProcessingParameterNumber.Type."""

    Integer = _first("Qgis.ProcessingNumberParameterType.Integer", "QgsProcessingParameterNumber.Type.Integer")
    Double = _first("Qgis.ProcessingNumberParameterType.Double", "QgsProcessingParameterNumber.Type.Double")


class ProcessingFieldParameterDataType:
    """Qgis.ProcessingFieldParameterDataType (3.36), was QgsProcessingParameterField.DataType."""

    Numeric = _first("Qgis.ProcessingFieldParameterDataType.Numeric", "QgsProcessingParameterField.DataType.Numeric")
    String = _first("Qgis.ProcessingFieldParameterDataType.String", "QgsProcessingParameterField.DataType.String")


class ProcessingFileParameterBehavior:
    """Qgis.ProcessingFileParameterBehavior (3.36), was QgsProcessingParameterFile.Behavior."""

    File = _first("Qgis.ProcessingFileParameterBehavior.File", "QgsProcessingParameterFile.Behavior.File")


class ProcessingParameterFlag:
    """Qgis.ProcessingParameterFlag (3.36), was QgsProcessingParameterDefinition.Flag."""

    Advanced = _first("Qgis.ProcessingParameterFlag.Advanced", "QgsProcessingParameterDefinition.Flag.FlagAdvanced")
    Optional = _first("Qgis.ProcessingParameterFlag.Optional", "QgsProcessingParameterDefinition.Flag.FlagOptional")


class ProcessingAlgorithmFlag:
    """Qgis.ProcessingAlgorithmFlag (3.36), was QgsProcessingAlgorithm.Flag."""

    CanCancel = _first("Qgis.ProcessingAlgorithmFlag.CanCancel", "QgsProcessingAlgorithm.Flag.FlagCanCancel")
    NoThreading = _first("Qgis.ProcessingAlgorithmFlag.NoThreading", "QgsProcessingAlgorithm.Flag.FlagNoThreading")


class FeatureRequestFlag:
    """Qgis.FeatureRequestFlag (3.36), was QgsFeatureRequest.Flag."""

    NoGeometry = _first("Qgis.FeatureRequestFlag.NoGeometry", "QgsFeatureRequest.Flag.NoGeometry")


class InvalidGeometryCheck:
    """Qgis.InvalidGeometryCheck (3.36), was QgsFeatureRequest.InvalidGeometryCheck."""

    NoCheck = _first("Qgis.InvalidGeometryCheck.NoCheck", "QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck")


class WkbType:
    """Qgis.WkbType (3.30), was QgsWkbTypes.Type."""

    Unknown = _first("Qgis.WkbType.Unknown", "QgsWkbTypes.Type.Unknown")
    NoGeometry = _first("Qgis.WkbType.NoGeometry", "QgsWkbTypes.Type.NoGeometry")
    Point = _first("Qgis.WkbType.Point", "QgsWkbTypes.Type.Point")
    MultiPoint = _first("Qgis.WkbType.MultiPoint", "QgsWkbTypes.Type.MultiPoint")
    MultiLineString = _first("Qgis.WkbType.MultiLineString", "QgsWkbTypes.Type.MultiLineString")
    MultiPolygon = _first("Qgis.WkbType.MultiPolygon", "QgsWkbTypes.Type.MultiPolygon")


class GeometryType:
    """Qgis.GeometryType (3.30), was QgsWkbTypes.GeometryType."""

    Point = _first("Qgis.GeometryType.Point", "QgsWkbTypes.GeometryType.PointGeometry")
    Line = _first("Qgis.GeometryType.Line", "QgsWkbTypes.GeometryType.LineGeometry")
    Polygon = _first("Qgis.GeometryType.Polygon", "QgsWkbTypes.GeometryType.PolygonGeometry")


class LayerFilter:
    """Qgis.LayerFilter (3.34), was QgsMapLayerProxyModel.Filter."""

    PolygonLayer = _first("Qgis.LayerFilter.PolygonLayer", "QgsMapLayerProxyModel.Filter.PolygonLayer")
    VectorLayer = _first("Qgis.LayerFilter.VectorLayer", "QgsMapLayerProxyModel.Filter.VectorLayer")


class LabelPlacement:
    """Qgis.LabelPlacement (3.26), was QgsPalLayerSettings.Placement (3.40 rejects the old one: TypeError)."""

    OverPoint = _first("Qgis.LabelPlacement.OverPoint", "QgsPalLayerSettings.Placement.OverPoint")


class DistanceUnit:
    """Qgis.DistanceUnit (3.30), was QgsUnitTypes.DistanceUnit."""

    Kilometers = _first("Qgis.DistanceUnit.Kilometers", "QgsUnitTypes.DistanceUnit.DistanceKilometers")


class RenderUnit:
    """Qgis.RenderUnit (3.30), was QgsUnitTypes.RenderUnit."""

    Points = _first("Qgis.RenderUnit.Points", "QgsUnitTypes.RenderUnit.RenderPoints")


class TextRenderFormat:
    """Qgis.TextRenderFormat (3.22), was QgsRenderContext.TextRenderFormat."""

    AlwaysText = _first("Qgis.TextRenderFormat.AlwaysText", "QgsRenderContext.TextRenderFormat.TextFormatAlwaysText")


class LegendComponent:
    """Qgis.LegendComponent (3.42), was QgsLegendStyle.Style (gone in QGIS 4)."""

    Title = _first("Qgis.LegendComponent.Title", "QgsLegendStyle.Style.Title")
    Group = _first("Qgis.LegendComponent.Group", "QgsLegendStyle.Style.Group")
    Subgroup = _first("Qgis.LegendComponent.Subgroup", "QgsLegendStyle.Style.Subgroup")
    SymbolLabel = _first("Qgis.LegendComponent.SymbolLabel", "QgsLegendStyle.Style.SymbolLabel")


# Enums still inside their class in QGIS 4.0 (scoped there): here too, so that a later move is fixed in one place.
class LayoutLabelMode:
    """QgsLayoutItemLabel.Mode."""

    Font = _first("QgsLayoutItemLabel.Mode.ModeFont")
    Html = _first("QgsLayoutItemLabel.Mode.ModeHtml")


class LayoutResizeMode:
    """QgsLayoutMultiFrame.ResizeMode."""

    UseExistingFrames = _first("QgsLayoutMultiFrame.ResizeMode.UseExistingFrames")
    ExtendToNextPage = _first("QgsLayoutMultiFrame.ResizeMode.ExtendToNextPage")


class LayoutTableWrap:
    """QgsLayoutTable.WrapBehavior."""

    WrapText = _first("QgsLayoutTable.WrapBehavior.WrapText")


class AtlasScalingMode:
    """QgsLayoutItemMap.AtlasScalingMode."""

    Auto = _first("QgsLayoutItemMap.AtlasScalingMode.Auto")


class LayoutExportResult:
    """QgsLayoutExporter.ExportResult."""

    Success = _first("QgsLayoutExporter.ExportResult.Success")
    PrintError = _first("QgsLayoutExporter.ExportResult.PrintError")
    MemoryError = _first("QgsLayoutExporter.ExportResult.MemoryError")
    FileError = _first("QgsLayoutExporter.ExportResult.FileError")


class FileWidgetMode:
    """QgsFileWidget.StorageMode (qgis.gui)."""

    GetFile = _first("QgsFileWidget.StorageMode.GetFile")


class VectorWriter:
    """QgsVectorFileWriter.WriterError and .ActionOnExistingFile."""

    NoError = _first("QgsVectorFileWriter.WriterError.NoError")
    CreateOrOverwriteFile = _first("QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile")
    CreateOrOverwriteLayer = _first("QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer")


class TaskFlag:
    """QgsTask.Flag."""

    CanCancel = _first("QgsTask.Flag.CanCancel")


class FeatureSinkFlag:
    """QgsFeatureSink.Flag."""

    FastInsert = _first("QgsFeatureSink.Flag.FastInsert")


class FieldType:
    """Types for ``QgsField(name, type)``: QMetaType.Type from QGIS 3.38 (QVariant.String etc. are gone in
    PyQt6), QVariant.Type before (3.22 - 3.36 QgsField takes only that)."""

    if QGIS_VERSION_INT >= 33800:
        String = QMetaType.Type.QString
        Int = QMetaType.Type.Int
        LongLong = QMetaType.Type.LongLong
        Double = QMetaType.Type.Double
    else:
        String = QVariant.String
        Int = QVariant.Int
        LongLong = QVariant.LongLong
        Double = QVariant.Double


def _qaction():
    try:  # Qt6 (QGIS 4): QAction lives in QtGui
        from qgis.PyQt.QtGui import QAction
    except ImportError:  # Qt5: in QtWidgets
        from qgis.PyQt.QtWidgets import QAction
    return QAction


QAction = _qaction()
