import pytest

from land_supervision.core.fieldmap import FieldMap
from land_supervision.core.landclass import (
    CONSTRUCTION,
    CULTIVATED,
    cultivated_kind,
    default_table,
    is_construction_code,
)
from land_supervision.core.messages import InputError


@pytest.mark.parametrize("code,group", [
    ("0101", CULTIVATED), ("0103", CULTIVATED), ("0201K", "agricultural"), ("1104K", "agricultural"),
    ("0702", CONSTRUCTION), ("05H1", CONSTRUCTION), ("08H2", CONSTRUCTION), ("1006", "agricultural"),
    ("1003", CONSTRUCTION), ("1109", CONSTRUCTION), ("1201", CONSTRUCTION), ("1203", "agricultural"),
    ("1101", "unused"), ("1104A", "agricultural"), ("0404", "unused"), ("0403", "agricultural"),
    ("0402", "agricultural"),
])
def test_groups(code, group):
    assert default_table().get(code).group == group


def test_construction_pattern_agrees_with_table():
    table = default_table()
    for land_class in table:
        if land_class.code in ("0810A",):
            continue
        assert is_construction_code(land_class.code) == land_class.is_construction, land_class.code


def test_names_and_kinds():
    assert default_table().get("0101").name_zh == "水田"
    assert default_table().get("0101").name_en == "Paddy field"
    assert cultivated_kind("0102") == "0102"
    assert cultivated_kind("0201") is None
    assert default_table().find("9999") is None


def test_fieldmap_defaults_override_and_missing():
    fm = FieldMap("baseline", "DLTB")
    assert fm["class_code"] == "DLBM"
    assert fm.resolve(["dlbm", "KCXS"], ["class_code"]) == {"class_code": "dlbm"}
    remapped = FieldMap("baseline", "DLTB", {"class_code": "LANDCODE"})
    with pytest.raises(InputError) as err:
        remapped.resolve(["DLBM"], ["class_code"])
    text = str(err.value)
    assert "DLTB" in text and "LANDCODE" in text and "缺少字段" in text
    assert "class_code" not in text and "地类编码" in text and "land-class code" in text  # words, not identifiers
