"""The rule matrix file: the default matrix, and refusals with the line number."""

import pytest

from land_supervision.core.messages import InputError
from land_supervision.core.zoning.rules import (
    ALLOWED,
    CONDITIONAL,
    PROHIBITED,
    load_rules,
    parse_cell,
    parse_rules,
    strictest,
)

HEADER = "活动类型,EN,严格管控区,合理利用区\n"


def test_default_matrix_follows_domain():
    rules = load_rules()
    assert rules.zones == ["严格管控区", "合理利用区"]  # the 依据 column is not a zone
    strict_only = {"科研监测", "巡护", "船舶航行", "生态修复增殖放流"}
    for activity in rules.activities:
        if activity not in strict_only:
            assert rules.rule(activity, "严格管控区").verdict == PROHIBITED, activity
        assert rules.basis.get(activity), activity  # every row names its legal basis
    for activity in ["科研监测", "巡护"]:
        assert rules.rule(activity, "严格管控区").verdict == ALLOWED
        assert rules.rule(activity, "合理利用区").verdict == ALLOWED
    for activity in ["围填海", "采砂", "排污", "工业建设", "围海养殖", "海洋牧场", "海上光伏", "倾倒"]:
        assert rules.rule(activity, "合理利用区").verdict == PROHIBITED, activity
    for activity in ["航道新建拓宽", "航道", "海底电缆管道", "养殖", "旅游设施", "海堤防潮工程"]:
        assert rules.rule(activity, "合理利用区").verdict == CONDITIONAL, activity
    for activity in ["航道维护疏浚", "船舶航行", "生态修复增殖放流", "捕捞"]:
        assert rules.rule(activity, "合理利用区").verdict == ALLOWED, activity
    assert "休渔期" in rules.rule("捕捞", "合理利用区").conditions
    assert rules.english["风电"] == "Offshore wind farm"


def test_offshore_wind_prohibited_in_both_zones():
    """国能新能〔2016〕394号: offshore wind may not be sited in marine protected areas or red-line areas."""
    rules = load_rules()
    for zone in rules.zones:
        assert rules.rule("风电", zone).verdict == PROHIBITED
    assert "394号" in rules.basis["风电"]
    assert "142号" in rules.basis["航道维护疏浚"] and "142号" in rules.basis["海洋牧场"]


def test_basis_column_is_optional_and_not_a_zone():
    rules = parse_rules("活动类型,严格管控区,依据\n风电,禁止,某文件\n巡护,允许,\n")
    assert rules.zones == ["严格管控区"] and rules.basis == {"风电": "某文件"}


def test_cell_parsing():
    assert parse_cell("限制：须论证") == ("限制", "须论证")
    assert parse_cell(" 允许 ") == ("允许", "")
    assert parse_cell("prohibited: no") == ("禁止", "no")


def test_unknown_verdict_word_refused_with_line_number():
    text = HEADER + "风电,Wind,禁止,限制\n养殖,Fish,禁止,也许：看情况\n"
    with pytest.raises(InputError) as err:
        parse_rules(text, "my_rules.csv")
    assert "line 3" in str(err.value) and "也许" in str(err.value) and "my_rules.csv" in str(err.value)


def test_missing_verdict_refused_with_line_number():
    text = HEADER + "风电,Wind,禁止,限制\n\n养殖,Fish,禁止\n"
    with pytest.raises(InputError) as err:
        parse_rules(text)
    assert "line 4" in str(err.value) and "养殖" in str(err.value) and "合理利用区" in str(err.value)


def test_duplicate_activity_refused():
    with pytest.raises(InputError, match="line 3"):
        parse_rules(HEADER + "风电,W,禁止,限制\n风电,W,禁止,允许\n")


def test_missing_zone_refused():
    rules = parse_rules("活动类型,严格管控区\n风电,禁止\n")
    assert rules.english == {"风电": ""}
    rules.check_zones(["严格管控区"])
    with pytest.raises(InputError) as err:
        rules.check_zones(["严格管控区", "合理利用区"])
    assert "合理利用区" in str(err.value)


def test_gbk_file_and_bom(tmp_path):
    path = tmp_path / "rules.csv"
    path.write_bytes((HEADER + "风电,Wind,禁止,限制：须论证\n").encode("gbk"))
    assert load_rules(path).rule("风电", "合理利用区").conditions == "须论证"
    path.write_bytes((HEADER + "风电,Wind,禁止,允许\n").encode("utf-8-sig"))
    assert load_rules(path).zones == ["严格管控区", "合理利用区"]


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        load_rules(tmp_path / "nope.csv")


def test_strictest():
    assert strictest([ALLOWED, PROHIBITED, CONDITIONAL]) == PROHIBITED
    assert strictest([]) == "不涉及"
