"""Reason codes of the acceptance checks, their bilingual messages, and check/verdict states."""

from __future__ import annotations

from dataclasses import dataclass

from ..messages import Message

PASS, FAIL, NOT_CHECKED = 1, 0, -1
STATE_LABELS = {PASS: "通过", FAIL: "不通过", NOT_CHECKED: "未核查"}
STATE_LABELS_EN = {PASS: "pass", FAIL: "fail", NOT_CHECKED: "not checked"}

ACCEPTED, REJECTED, PENDING = "合格", "不合格", "待核实"
VERDICTS_EN = {ACCEPTED: "accepted", REJECTED: "rejected", PENDING: "to be verified"}


@dataclass(frozen=True)
class Reason:
    code: str
    message: Message  # what a failure means
    group: str  # "geometry", "baseline", "constraint", "paper", "quality"


def _r(code: str, zh: str, en: str, group: str) -> Reason:
    return Reason(code, Message(zh, en), group)


REASONS: dict[str, Reason] = {r.code: r for r in [
    _r("R01_NOT_CONSTRUCTION", "基期建设用地占比不足", "baseline construction land below the required share",
       "baseline"),
    _r("R02_OUTSIDE_PROJECT", "超出项目区范围", "outside its project boundary", "geometry"),
    _r("R03_OVERLAP", "与其他地块重叠", "overlaps another plot", "geometry"),
    _r("R04_AREA_MISMATCH", "实测面积与申报面积不符", "measured area differs from the declared area", "paper"),
    _r("R05_TARGET_CLASS", "复垦目标地类不是耕地或项目申报的农用地", "target class is not 耕地 or a declared "
       "agricultural class", "paper"),
    _r("R06_IN_DEV_BOUNDARY", "位于城镇开发边界内", "inside the urban development boundary", "constraint"),
    _r("R07_IN_ECO_REDLINE", "位于生态保护红线内", "inside the ecological protection red line", "constraint"),
    _r("R08_PRIOR_OVERLAP", "与以往已验收地块重叠（重复计算）", "overlaps a plot accepted before (double counting)",
       "constraint"),
    _r("R09_TOO_SMALL", "地块面积小于最小面积", "plot smaller than the minimum area", "paper"),
    _r("R10_INVALID_GEOMETRY", "几何图形无效或为空", "invalid or empty geometry", "geometry"),
    _r("R11_NO_PROJECT", "缺少项目编号或项目不存在", "no project id, or no such project", "paper"),
    _r("R12_DUPLICATE_ID", "地块编号重复", "duplicate plot id", "paper"),
    _r("R13_SOIL_DEPTH", "有效土层厚度不足", "effective soil depth too small", "quality"),
    _r("R14_PLOUGH_LAYER", "耕作层厚度不足", "plough layer too thin", "quality"),
    _r("R15_GRAVEL", "砾石含量超标", "gravel content too high", "quality"),
    _r("R16_PH", "土壤 pH 值超出范围", "soil pH out of range", "quality"),
    _r("R17_ORGANIC_MATTER", "土壤有机质含量不足", "soil organic matter too low", "quality"),
    _r("R18_DRAINAGE", "缺少排灌设施", "no drainage / irrigation", "quality"),
    _r("R19_ROAD_ACCESS", "缺少田间道路通达", "no field road access", "quality"),
]}
CODES: list[str] = list(REASONS)


def check_field(code: str) -> str:
    """Output field name of a check's state, e.g. 'C01' for R01_NOT_CONSTRUCTION."""
    return "C" + code[1:3]


def verdict_of(states: list[int]) -> str:
    """不合格 if any check failed, else 待核实 if any was not checked, else 合格."""
    if FAIL in states:
        return REJECTED
    if NOT_CHECKED in states:
        return PENDING
    return ACCEPTED
