"""The one reprojection note, layer label, InputError conversion and field remapping of the inputs package, as
every tool uses them."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsGeometry, QgsProcessingFeedback, QgsVectorLayer

from land_supervision.inputs.checks import label_of, note_reprojection


class Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos = []

    def pushInfo(self, info):
        self.infos.append(info)


def square(crs: str, x: float, y: float, size: float) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"Polygon?crs={crs}", "地块", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},"
                                            f"{x} {y}))"))
    layer.dataProvider().addFeatures([feature])
    layer.updateExtents()
    return layer


def test_reprojection_noted_only_outside_the_working_crs(qgis_app):
    log = Log()
    note_reprojection(square("EPSG:4490", 120.9, 30.7, 0.001), log, "plots")
    assert log.infos == ["Layer 'plots' is in EPSG:4490: reprojected to EPSG:4549"]
    log = Log()
    note_reprojection(square("EPSG:4549", 500000, 3400000, 50), log, "plots")
    assert log.infos == []


def test_label_is_the_table_name_of_a_layername_uri(qgis_app, tmp_path):
    layer = square("EPSG:4549", 500000, 3400000, 50)
    assert label_of(layer) == "地块"  # a memory layer: its name
    assert label_of(layer, f"{tmp_path / 'x.gpkg'}|layername=demo_plots") == "demo_plots"


def test_patrol_source_label_is_the_inputs_label():
    from land_supervision.algorithms.patrol.patrol_io import source_label

    assert source_label is label_of


def test_core_input_error_becomes_a_processing_error_naming_layer_feature_and_field(qgis_app):
    import pytest
    from qgis.core import QgsProcessingException

    from land_supervision.core.messages import InputError, Message, set_language
    from land_supervision.inputs.checks import input_errors

    set_language("en")
    try:
        with pytest.raises(QgsProcessingException) as err, input_errors():
            raise InputError(Message("面积为负", "negative area"), layer="plots", feature=7, field="SBMJ")
        assert str(err.value) == "layer 'plots', feature 7, field 'SBMJ': negative area"
        with pytest.raises(QgsProcessingException) as err, input_errors(ValueError):
            raise ValueError("zone type '示意' unknown")
        assert str(err.value) == "zone type '示意' unknown"
        with pytest.raises(KeyError), input_errors(ValueError):  # anything else passes through unchanged
            raise KeyError("x")
    finally:
        set_language(None)


class Params:
    """Just enough of an algorithm for field_overrides: parameter values as strings."""

    def __init__(self, values):
        self.values = values

    def parameterAsString(self, parameters, name, context):
        return self.values.get(name, "")


def test_field_names_overridden_by_parameter_and_text_then_resolved_case_insensitively(qgis_app):
    import pytest
    from qgis.core import QgsField, QgsProcessingException

    from land_supervision.core.messages import set_language
    from land_supervision.inputs.fields import field_map, field_overrides, resolve_fields
    from land_supervision.qgis_compat import FieldType

    alg = Params({"ID_FIELD": " dkbh2 ", "EMPTY_FIELD": ""})
    overrides = field_overrides(alg, {}, None, [("ID_FIELD", "plots", "id"), ("EMPTY_FIELD", "plots", "ph")],
                                "plots.soil_depth=TCHD; projects.year=ND\nplots.id=IGNORED")
    # the field parameter wins over the text; an empty parameter keeps the standard name
    assert overrides == {"plots": {"soil_depth": "TCHD", "id": "dkbh2"}, "projects": {"year": "ND"}}
    layer = square("EPSG:4549", 500000, 3400000, 50)
    layer.dataProvider().addAttributes([QgsField("DKBH2", FieldType.String), QgsField("tchd", FieldType.Double),
                                        QgsField("TRPH", FieldType.Double)])
    layer.updateFields()
    fmap = field_map("plots", "地块", overrides["plots"])
    assert resolve_fields(layer, fmap, ["id"], ["soil_depth", "ph", "gravel"]) == {
        "id": "DKBH2", "soil_depth": "tchd", "ph": "TRPH"}
    set_language("en")
    try:
        with pytest.raises(QgsProcessingException) as err:
            resolve_fields(layer, fmap, ["id", "target_class"])
        assert str(err.value) == "layer '地块', field 'MBDL': missing field (target class)"
        with pytest.raises(QgsProcessingException, match="Unknown field override"):
            field_map("plots", "地块", {"no_such_field": "X"})
        with pytest.raises(QgsProcessingException, match="not of the form kind.name=FIELD"):
            field_overrides(alg, {}, None, [], "soil_depth=TCHD")
    finally:
        set_language(None)
