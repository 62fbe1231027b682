"""Discrepancy codes of the reconciliation, each with its bilingual message."""

from __future__ import annotations

from ..messages import Message

WEAK_COVERAGE = "WEAK_COVERAGE"
CULTIVATED_AREA_OFF = "CULTIVATED_AREA_OFF"
FARMLAND_AREA_OFF = "FARMLAND_AREA_OFF"
NOT_REPORTED = "NOT_REPORTED"
NOT_ISSUED = "NOT_ISSUED"
DUPLICATE_JCBH = "DUPLICATE_JCBH"
APPROVAL_NOT_FOUND = "APPROVAL_NOT_FOUND"
INVALID_GEOMETRY = "INVALID_GEOMETRY"
VIOLATION_AREA_OFF = "VIOLATION_AREA_OFF"
APPROVED_CULTIVATED_OFF = "APPROVED_CULTIVATED_OFF"
UNAPPROVED_CULTIVATED_OFF = "UNAPPROVED_CULTIVATED_OFF"
RECTIFIED_NOT_REMOVED = "RECTIFIED_NOT_REMOVED"
CRIMINAL_THRESHOLD = "CRIMINAL_THRESHOLD"
REPEATED_IN_BATCHES = "REPEATED_IN_BATCHES"
APPROVED_AFTER_BUILT = "APPROVED_AFTER_BUILT"
TEMPORARY_EXPIRED = "TEMPORARY_EXPIRED"
SUBTYPE_ON_FARMLAND = "SUBTYPE_ON_FARMLAND"

MESSAGES: dict[str, Message] = {
    WEAK_COVERAGE: Message(
        "举证为合法（{subtype}），但批准范围仅覆盖图斑 {coverage:.2f}%（要求 ≥ {required:.2f}%）",
        "reported legal ({subtype}) but approvals cover only {coverage:.2f}% of the patch (required "
        ">= {required:.2f}%)"),
    CULTIVATED_AREA_OFF: Message(
        "填报耕地面积 {reported:.2f} 平方米，核算（扣除田坎）{computed:.2f} 平方米，相差 {diff:.2f} 平方米，超过容差 "
        "{tolerance:.2f} 平方米",
        "reported 耕地 area {reported:.2f} m2, computed (net of 田坎) {computed:.2f} m2: off by {diff:.2f} m2, "
        "over the tolerance {tolerance:.2f} m2"),
    FARMLAND_AREA_OFF: Message(
        "填报占永久基本农田面积 {reported:.2f} 平方米，核算（{basis_zh}）{computed:.2f} 平方米，"
        "超过容差 {tolerance:.2f} 平方米",
        "reported 永久基本农田 area {reported:.2f} m2, computed ({basis_en}) {computed:.2f} m2: over the tolerance "
        "{tolerance:.2f} m2"),
    NOT_REPORTED: Message("图斑已下发但未填报核查结果", "patch issued but not reported in the verification table"),
    NOT_ISSUED: Message("核查表中的监测编号未下发（图斑层中不存在）",
                        "reported JCBH was not issued (not in the patch layer)"),
    DUPLICATE_JCBH: Message("监测编号 {jcbh} 在{where}中重复出现 {count} 次（第 {nth} 次）",
                            "JCBH {jcbh} appears {count} times in {where_en} (occurrence {nth})"),
    APPROVAL_NOT_FOUND: Message("批准文号“{number}”在批准图层中未找到",
                                "approval number '{number}' not found in the approval layers"),
    INVALID_GEOMETRY: Message("图斑几何无效（{reason}），已修复后参与计算",
                              "invalid patch geometry ({reason}): repaired before the analysis"),
    APPROVED_AFTER_BUILT: Message(
        "未批先建：批准文号 {numbers} 的批准日期晚于后时相 {hsx}，仅由其覆盖的 {area:.2f} 平方米按未批计",
        "built before approval (未批先建): {numbers} dated after the later image {hsx}; the {area:.2f} m2 only they "
        "cover count as unapproved"),
    TEMPORARY_EXPIRED: Message(
        "临时用地超期：{number} 的期限至 {end}（最长 {years:g} 年），后时相 {hsx} 仍在使用",
        "temporary use past its term: {number} ended on {end} (at most {years:g} years), still in use at the later "
        "image {hsx}"),
    VIOLATION_AREA_OFF: Message(
        "填报违法面积 {reported:.2f} 平方米，核算（{basis_zh}）{computed:.2f} 平方米，超过容差 {tolerance:.2f} 平方米",
        "reported illegal area {reported:.2f} m2, computed ({basis_en}) {computed:.2f} m2: over the tolerance "
        "{tolerance:.2f} m2"),
    APPROVED_CULTIVATED_OFF: Message(
        "填报有地手续占耕地面积 {reported:.2f} 平方米，核算批准范围内耕地 {computed:.2f} 平方米，"
        "超过容差 {tolerance:.2f} 平方米",
        "reported 耕地 with approvals {reported:.2f} m2, computed 耕地 inside the approvals {computed:.2f} m2: over "
        "the tolerance {tolerance:.2f} m2"),
    UNAPPROVED_CULTIVATED_OFF: Message(
        "填报无地手续占耕地面积 {reported:.2f} 平方米，核算批准范围外耕地 {computed:.2f} 平方米，"
        "超过容差 {tolerance:.2f} 平方米",
        "reported 耕地 without approvals {reported:.2f} m2, computed 耕地 outside the approvals {computed:.2f} m2: "
        "over the tolerance {tolerance:.2f} m2"),
    RECTIFIED_NOT_REMOVED: Message(
        "已整改，但整改措施“{measure}”未消除占用（非拆除复耕、恢复原状或没收），整改后仍计入违法占用耕地",
        "rectified, but the measure '{measure}' does not end the occupation (not demolition and return to farming, "
        "restoration or confiscation): still counted after rectification"),
    CRIMINAL_THRESHOLD: Message(
        "违法占用永久基本农田 {farm:.2f} 亩、其他耕地 {other:.2f} 亩，达到非法占用农用地罪的面积标准（永久基本农田 ≥ "
        "{farm_line:g} 亩或其他耕地 ≥ {other_line:g} 亩），核实种植条件毁坏情况后考虑移送",
        "illegal occupation of {farm:.2f} 亩 of 永久基本农田 and {other:.2f} 亩 of other 耕地 reaches the area "
        "threshold of the criminal offence (永久基本农田 >= {farm_line:g} 亩 or other 耕地 >= {other_line:g} 亩): "
        "check the damage and consider referral"),
    REPEATED_IN_BATCHES: Message(
        "{batch} 批次图斑与 {earlier_batch} 批次图斑 {earlier} 重叠 {area:.2f} 平方米：重复下发，年度统计只计一次",
        "patch of batch {batch} overlaps patch {earlier} of batch {earlier_batch} by {area:.2f} m2: issued again, "
        "counted once in the year's figures"),
    SUBTYPE_ON_FARMLAND: Message(
        "{subtype}占用永久基本农田 {area:.2f} 平方米，须核实是否属于允许情形",
        "{subtype} over 永久基本农田 ({area:.2f} m2): check that it is an allowed case"),
}


def message(code: str, **values) -> Message:
    return MESSAGES[code].format(**values)
