"""Qt6 / QGIS 4 readiness without a QGIS 4: no unscoped enum anywhere, QGIS enums only via qgis_compat,
and qgis_compat itself right on the running QGIS (docs/qgis-versions.md)."""

from __future__ import annotations

import enum

import pytest
from qgis.core import (
    Qgis,
    QgsFeatureRequest,
    QgsField,
    QgsPalLayerSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QT_VERSION_STR

from land_supervision import qgis_compat
from land_supervision.qgis_compat import (
    FeatureRequestFlag,
    FieldType,
    GeometryType,
    LabelPlacement,
    ProcessingSourceType,
    WkbType,
)
from tests.qgis.enum_scan import COMPAT, python_files, scan, scan_source

# The scan resolves names with introspection: PyQt5 5.15 has both the old and the scoped spellings, so it can
# tell them apart; under Qt6 the old ones do not exist at all (and fail on import or first use instead).
qt5_only = pytest.mark.skipif(not QT_VERSION_STR.startswith("5."), reason="the scan needs PyQt5's both spellings")

SNIPPET = '''
from qgis.core import Qgis, QgsProcessingAlgorithm, QgsWkbTypes
from qgis.PyQt.QtCore import Qt, QVariant
from qgis.PyQt.QtWidgets import QAction, QDialog
from PyQt5.QtGui import QColor

a = Qt.AlignLeft
b = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
c = QgsWkbTypes.Polygon
d = QgsWkbTypes.Type.Polygon
e = Qgis.MessageLevel.Critical
f = Qgis.Critical
g = QVariant.String
QDialog().exec_()


class Alg(QgsProcessingAlgorithm):
    def flags(self):
        return super().flags() | self.FlagCanCancel


unknown.Polygon
'''


def _by_kind(findings) -> set[tuple[int, str, str]]:
    return {(f.line, f.kind, f.text) for f in findings}


@qt5_only
def test_scanner_finds_each_kind(qgis_app):
    found = _by_kind(scan_source(SNIPPET, "snippet.py"))
    assert found == {
        (4, "moved-class", "QAction"),
        (5, "pyqt-import", "from PyQt5.QtGui import"),
        (7, "unscoped", "Qt.AlignLeft"),
        (9, "unscoped", "QgsWkbTypes.Polygon"),
        (9, "qgis-enum", "QgsWkbTypes.Polygon"),
        (10, "qgis-enum", "QgsWkbTypes.Type.Polygon"),
        (12, "unscoped", "Qgis.Critical"),
        (12, "qgis-enum", "Qgis.Critical"),
        (13, "qvariant-type", "QVariant.String"),
        (14, "exec_", "QDialog().exec_"),
        (19, "unscoped", "self.FlagCanCancel"),
        (19, "qgis-enum", "self.FlagCanCancel"),
    }


@qt5_only
def test_scanner_hint_names_the_scoped_form(qgis_app):
    (finding,) = scan_source("from qgis.PyQt.QtWidgets import QSizePolicy\nx = QSizePolicy.Expanding\n", "s.py")
    assert finding.hint == "QSizePolicy.Policy.Expanding"


@qt5_only
def test_compat_module_may_name_qgis_enums(qgis_app):
    source = "from qgis.core import QgsWkbTypes\nfrom qgis.PyQt.QtCore import QVariant\n" \
             "x = QgsWkbTypes.Type.Polygon\ny = QVariant.String\n"
    assert scan_source(source, "qgis_compat.py", compat=True) == []


@qt5_only
def test_project_sources_are_qt6_ready(qgis_app):
    files = {str(p.relative_to(COMPAT.parents[1])) for p in python_files()}
    assert {"land_supervision/plugin.py", "land_supervision/qgis_compat.py", "scripts/demo.py",
            "tests/conftest.py"} <= files
    findings = scan()
    assert not findings, "Qt6 / QGIS 4 blockers:\n" + "\n".join(str(f) for f in findings)


def _value(member) -> int:
    return member.value if isinstance(member, enum.Enum) else int(member)


def test_compat_names_resolve_to_the_qgis_values(qgis_app):
    # Numeric values of these enums have not changed from 3.22 to 4.0 (QGIS keeps them for project files).
    assert [_value(m) for m in (ProcessingSourceType.VectorAnyGeometry, ProcessingSourceType.VectorPoint,
                                ProcessingSourceType.VectorPolygon, ProcessingSourceType.Vector)] == [-1, 0, 2, 5]
    assert [_value(m) for m in (WkbType.Point, WkbType.MultiPoint, WkbType.MultiLineString, WkbType.MultiPolygon,
                                WkbType.NoGeometry)] == [1, 4, 5, 6, 100]
    assert [_value(m) for m in (GeometryType.Point, GeometryType.Line, GeometryType.Polygon)] == [0, 1, 2]
    assert _value(qgis_compat.ProcessingAlgorithmFlag.CanCancel) == 1 << 4
    assert _value(qgis_compat.ProcessingAlgorithmFlag.NoThreading) == 1 << 6
    assert _value(qgis_compat.LayerFilter.PolygonLayer) == 1 << 4
    assert _value(qgis_compat.LegendComponent.Title) == 2
    assert _value(LabelPlacement.OverPoint) == 1


def test_every_compat_name_is_an_enum_member(qgis_app):
    namespaces = [v for v in vars(qgis_compat).values()
                  if isinstance(v, type) and v.__module__ == qgis_compat.__name__]
    assert len(namespaces) >= 25
    for namespace in namespaces:
        members = {k: v for k, v in vars(namespace).items() if not k.startswith("_")}
        assert members, namespace.__name__
        for name, member in members.items():
            assert isinstance(member, int) or isinstance(member, enum.Enum), f"{namespace.__name__}.{name}"


@pytest.mark.parametrize(("min_version", "compat_member", "new_path"), [
    (32600, LabelPlacement.OverPoint, "LabelPlacement.OverPoint"),
    (33000, WkbType.MultiPolygon, "WkbType.MultiPolygon"),
    (33000, GeometryType.Polygon, "GeometryType.Polygon"),
    (33400, qgis_compat.LayerFilter.PolygonLayer, "LayerFilter.PolygonLayer"),
    (33600, ProcessingSourceType.VectorPolygon, "ProcessingSourceType.VectorPolygon"),
    (33600, qgis_compat.ProcessingAlgorithmFlag.CanCancel, "ProcessingAlgorithmFlag.CanCancel"),
    (33600, FeatureRequestFlag.NoGeometry, "FeatureRequestFlag.NoGeometry"),
])
def test_new_spelling_where_the_running_qgis_has_it(qgis_app, min_version, compat_member, new_path):
    enum_name, member = new_path.split(".")
    if Qgis.QGIS_VERSION_INT >= min_version:
        assert compat_member is getattr(getattr(Qgis, enum_name), member)
    else:
        assert not hasattr(Qgis, enum_name)
        assert type(compat_member).__module__.startswith("qgis")


def test_first_names_every_spelling_it_tried(qgis_app):
    with pytest.raises(AttributeError, match=r"Qgis\.NoSuchEnum\.X, QgsWkbTypes\.NoSuchType\.X"):
        qgis_compat._first("Qgis.NoSuchEnum.X", "QgsWkbTypes.NoSuchType.X")


def test_field_types_make_the_fields_they_name(qgis_app):
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4549", "t", "memory")
    layer.dataProvider().addAttributes([QgsField("s", FieldType.String), QgsField("i", FieldType.Int),
                                        QgsField("ll", FieldType.LongLong), QgsField("d", FieldType.Double)])
    layer.updateFields()
    # QMetaType ids: QString 10, Int 2, LongLong 4, Double 6 (QVariant.Type uses the same numbers).
    assert [(f.name(), _value(f.type())) for f in layer.fields()] == [("s", 10), ("i", 2), ("ll", 4), ("d", 6)]
    assert [f.typeName() for f in layer.fields()] == ["string", "integer", "int8", "double"]
    assert layer.geometryType() == GeometryType.Polygon
    assert layer.wkbType() == WkbType.MultiPolygon


def test_label_placement_is_accepted(qgis_app):
    # QGIS 3.40 raised TypeError for QgsPalLayerSettings.OverPoint (a LabelPredefinedPointPosition there).
    settings = QgsPalLayerSettings()
    settings.placement = LabelPlacement.OverPoint
    assert settings.placement == LabelPlacement.OverPoint


def test_feature_request_flag_is_accepted(qgis_app):
    request = QgsFeatureRequest()
    request.setFlags(FeatureRequestFlag.NoGeometry)
    assert request.flags() & FeatureRequestFlag.NoGeometry


def test_qaction_comes_from_the_running_qt(qgis_app):
    from qgis.PyQt import QtWidgets

    assert qgis_compat.QAction.__name__ == "QAction"
    assert qgis_compat.QAction.__module__.split(".")[-1] in ("QtWidgets", "QtGui")
    if qgis_compat.QAction.__module__.endswith("QtWidgets"):  # Qt5
        assert qgis_compat.QAction is QtWidgets.QAction
