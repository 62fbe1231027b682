"""The area chain (面积链) of a reclamation project, each step split into 农用地 and 耕地 (docs/reclamation.md).

Steps: 规划新增 planned -> 县级自验扣减 county self-check deduction -> 上报验收 submitted -> 市级实地扣减 city
field deduction -> 省厅核减 province deduction -> 确认新增 confirmed. Each step has 农用地 area, 耕地 area by
水田/水浇地/旱地 and the area-weighted 质量等别 (grade 1-15) of its 耕地, all in 亩.

Where a step comes from, in order: the area-chain table (one row per project and step, as the acceptance
system records it; source 录入); else the project layer's one figure for that step, read as its 耕地 total
(source 项目图层; the planned step takes its split from the plots' declared areas); else this run (source
核算): planned from the plots' declared areas, submitted from the measured plots not rejected, county
deduction = planned - submitted, confirmed from the accepted plots' new land (the part the baseline records as
construction land, net of 田坎: land that was already 耕地 is not new). The city and province deductions are
only ever recorded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..messages import InputError, Message
from .inputs import CHAIN_KEYS, _numbers, _text

STEPS = CHAIN_KEYS
STEP_LABELS = {
    "planned": Message("规划新增", "planned"),
    "county_deduction": Message("县级自验扣减", "county self-check deduction"),
    "submitted": Message("上报验收", "submitted"),
    "city_deduction": Message("市级实地扣减", "city field deduction"),
    "province_deduction": Message("省厅核减", "province deduction"),
    "confirmed": Message("确认新增", "confirmed"),
}
_STEP_ALIASES = {
    "planned": ("规划新增", "规划", "计划新增"),
    "county_deduction": ("县级自验扣减", "县级扣减", "自验扣减", "县级自验"),
    "submitted": ("上报验收", "上报", "申请验收"),
    "city_deduction": ("市级实地扣减", "市级扣减", "市级核减", "实地扣减"),
    "province_deduction": ("省厅核减", "省级核减", "省厅扣减", "省级扣减"),
    "confirmed": ("确认新增", "确认", "最终确认"),
}
KINDS = ("0101", "0102", "0103")
VALUE_KEYS = ("agricultural", "cultivated") + KINDS + ("grade",)
FROM_TABLE, FROM_PROJECT, COMPUTED = "录入", "项目图层", "核算"
TOLERANCE_MU = 0.01
NAN = float("nan")


def _nan_kinds() -> dict[str, float]:
    return dict.fromkeys(KINDS, NAN)


def _known(value: float) -> bool:
    return not math.isnan(value)


@dataclass
class ChainStep:
    """One step of one project's chain (亩; NaN where not known)."""

    step: str
    agricultural: float = NAN
    cultivated: float = NAN
    kinds: dict[str, float] = field(default_factory=_nan_kinds)
    grade: float = NAN
    source: str = ""

    @property
    def total(self) -> float:
        """The step's headline figure: 耕地 where known, else 农用地."""
        return self.cultivated if _known(self.cultivated) else self.agricultural

    @property
    def has_kinds(self) -> bool:
        return any(_known(v) for v in self.kinds.values())


def step_key(text) -> str | None:
    """'规划新增', 'planned', '1' ... -> the step key; None if not a step."""
    value = _text(text)
    if not value:
        return None
    if value.isdigit() and 1 <= int(value) <= len(STEPS):
        return STEPS[int(value) - 1]
    lowered = value.lower().replace(" ", "_").replace("-", "_")
    for key in STEPS:
        if lowered in (key, STEP_LABELS[key].en.lower().replace(" ", "_").replace("-", "_")):
            return key
        if value in _STEP_ALIASES[key]:
            return key
    return None


@dataclass
class ChainTable:
    """The area-chain table as read: one row per project and step (values in 亩, NaN if blank)."""

    project_ids: list[str]
    steps: list[str]
    values: dict[str, np.ndarray]
    feature_ids: list = field(default_factory=list)
    layer_name: str = "area_chain"
    fields: dict[str, str] = field(default_factory=dict)  # logical -> actual field name (for messages)

    @classmethod
    def build(cls, project_ids, steps, values: dict, feature_ids=None, layer_name="area_chain",
              fields=None) -> ChainTable:
        n = len(project_ids)
        return cls([_text(v) for v in project_ids], [_text(v) for v in steps],
                   {key: _numbers(values.get(key), n) for key in VALUE_KEYS},
                   list(feature_ids) if feature_ids is not None else list(range(1, n + 1)), layer_name,
                   dict(fields or {}))

    def field(self, key: str) -> str:
        from ..fieldmap import STANDARD_FIELDS

        return self.fields.get(key, STANDARD_FIELDS["area_chain"].get(key, key))

    def __len__(self) -> int:
        return len(self.project_ids)


def read_chain_table(table: ChainTable, project_ids: list[str]) -> tuple[dict[tuple[str, str], ChainStep],
                                                                          list[InputError]]:
    """(project id, step) -> recorded ChainStep, and the warnings; raises InputError on a bad row.

    Bad rows (no project id, an unknown step, a repeated project and step, a negative area, a grade outside
    1-15, no figure at all) stop the run: a recorded figure is never dropped or guessed.
    """
    known = set(project_ids)
    out: dict[tuple[str, str], ChainStep] = {}
    warnings: list[InputError] = []
    first_row: dict[tuple[str, str], object] = {}
    for i, pid in enumerate(table.project_ids):
        fid = table.feature_ids[i]

        def error(message: Message, key: str, fid=fid) -> InputError:
            return InputError(message, layer=table.layer_name, feature=fid, field=table.field(key))

        if not pid:
            raise error(Message("面积链记录缺少项目编号", "area-chain row without a project id"), "project_id")
        step = step_key(table.steps[i])
        if step is None:
            raise error(Message("未知的面积链环节“{v}”（应为 规划新增/县级自验扣减/上报验收/"
                                "市级实地扣减/省厅核减/确认新增 或 1-6）",
                                "unknown area-chain step '{v}' (use planned, county_deduction, submitted, "
                                "city_deduction, province_deduction, confirmed or 1-6)").format(v=table.steps[i]),
                        "step")
        if (pid, step) in out:
            raise error(Message("项目 {p} 的环节 {s} 重复（另见要素 {other}）",
                                "project {p} has step {s} twice (see also feature {other})").format(
                p=pid, s=STEP_LABELS[step].zh, other=first_row[(pid, step)]), "step")
        row = {key: float(table.values[key][i]) for key in VALUE_KEYS}
        for key in ("agricultural", "cultivated") + KINDS:
            if row[key] < 0:
                raise error(Message("面积为负：{v}", "negative area: {v}").format(v=row[key]), key)
        grade = row["grade"]
        if _known(grade) and not 1 <= grade <= 15:
            raise error(Message("质量等别须在 1-15 之间：{v}", "quality grade must be 1-15: {v}").format(v=grade),
                        "grade")
        if not any(_known(row[key]) for key in ("agricultural", "cultivated") + KINDS):
            raise error(Message("面积链记录没有任何面积", "area-chain row has no area at all"), "cultivated")
        kinds = {k: row[k] for k in KINDS}
        cultivated = row["cultivated"]
        kind_sum = sum(v for v in kinds.values() if _known(v))
        if any(_known(v) for v in kinds.values()):
            if not _known(cultivated):
                cultivated = kind_sum
            elif abs(cultivated - kind_sum) > TOLERANCE_MU:
                warnings.append(error(Message("耕地 {c} 亩 ≠ 水田+水浇地+旱地 {s} 亩",
                                              "耕地 {c} 亩 is not 水田+水浇地+旱地 {s} 亩").format(
                    c=f"{cultivated:.2f}", s=f"{kind_sum:.2f}"), "cultivated"))
        if _known(row["agricultural"]) and _known(cultivated) and cultivated > row["agricultural"] + TOLERANCE_MU:
            warnings.append(error(Message("耕地 {c} 亩 大于农用地 {a} 亩", "耕地 {c} 亩 exceeds 农用地 {a} 亩").format(
                c=f"{cultivated:.2f}", a=f"{row['agricultural']:.2f}"), "agricultural"))
        if pid not in known:
            warnings.append(error(Message("项目编号 {p} 不在项目图层中：该记录未使用",
                                          "project id {p} is not in the project layer: row not used").format(p=pid),
                                  "project_id"))
        out[(pid, step)] = ChainStep(step, row["agricultural"], cultivated, kinds, grade, FROM_TABLE)
        first_row[(pid, step)] = fid
    return out, warnings


@dataclass
class PlotFigures:
    """What the run knows of one project's plots (arrays aligned by plot)."""

    declared_mu: np.ndarray
    measured_mu: np.ndarray
    kinds: list[str | None]  # '0101'/'0102'/'0103' for 耕地 targets
    agricultural: np.ndarray  # bool: the target class is 农用地
    grades: np.ndarray  # 质量等别 (NaN if not recorded)
    accepted: np.ndarray  # bool
    rejected: np.ndarray  # bool
    new_mu: np.ndarray | None = None  # the new land of each plot (its baseline construction part, net of 田坎)


def _sum_step(step: str, area: np.ndarray, chosen: np.ndarray, figures: PlotFigures) -> ChainStep:
    """The split of the chosen plots' areas (NaN areas skipped)."""
    area = np.where(chosen, np.nan_to_num(area), 0.0)
    plot_kinds = np.asarray(figures.kinds, dtype=object)
    kinds = {k: float(area[plot_kinds == k].sum()) for k in KINDS}
    graded = np.isin(plot_kinds, KINDS) & chosen & ~np.isnan(figures.grades)
    weight = float(area[graded].sum())
    grade = float((area[graded] * figures.grades[graded]).sum() / weight) if weight > 0 else NAN
    return ChainStep(step, float(area[figures.agricultural].sum()), sum(kinds.values()), kinds, grade, COMPUTED)


def computed_steps(figures: PlotFigures) -> dict[str, ChainStep]:
    """Planned (declared), submitted (measured, not rejected) and confirmed (the new land of the accepted plots:
    their part on baseline construction land net of 田坎, where known; else their measured area)."""
    every = np.ones(len(figures.kinds), dtype=bool)
    new = figures.measured_mu if figures.new_mu is None else figures.new_mu
    return {"planned": _sum_step("planned", figures.declared_mu, every, figures),
            "submitted": _sum_step("submitted", figures.measured_mu, ~figures.rejected, figures),
            "confirmed": _sum_step("confirmed", new, figures.accepted, figures)}


def _difference(step: str, a: ChainStep, b: ChainStep) -> ChainStep:
    """a - b, component-wise, never below zero (a measured area a little over its declared one deducts 0)."""
    def minus(x: float, y: float) -> float:
        return max(x - y, 0.0) if _known(x) and _known(y) else NAN

    kinds = {k: minus(a.kinds[k], b.kinds[k]) for k in KINDS}
    return ChainStep(step, minus(a.agricultural, b.agricultural), minus(a.cultivated, b.cultivated), kinds, NAN,
                     COMPUTED)


def project_chain(pid: str, recorded: dict[tuple[str, str], ChainStep], project_figures: dict[str, float],
                  declared_mu: float, figures: PlotFigures) -> list[ChainStep]:
    """The six steps of one project, each from the table, the project layer or this run (see module doc)."""
    computed = computed_steps(figures)
    chain: dict[str, ChainStep] = {}
    for step in STEPS:
        if (pid, step) in recorded:
            chain[step] = recorded[(pid, step)]
            continue
        value = project_figures.get(step, NAN)
        if step == "planned" and not _known(value):
            value = declared_mu
        if _known(value):
            found = ChainStep(step, cultivated=float(value), source=FROM_PROJECT)
            if step == "planned":  # the plan's own split: the plots' declared areas
                plan = computed["planned"]
                found.agricultural, found.kinds, found.grade = plan.agricultural, dict(plan.kinds), plan.grade
            chain[step] = found
        else:  # the county deduction without a source is filled below, from planned and submitted
            chain[step] = computed.get(step, ChainStep(step))
    if not chain["county_deduction"].source:
        chain["county_deduction"] = _difference("county_deduction", chain["planned"], chain["submitted"])
    return [chain[step] for step in STEPS]


def chain_ratio(chain: list[ChainStep]) -> float:
    """(planned - county deduction) / planned, on 耕地 (农用地 where 耕地 is not known); NaN if unknown."""
    planned, deduction = chain[0].total, chain[1].total
    if not (_known(planned) and _known(deduction)) or planned <= 0:
        return NAN
    return (planned - deduction) / planned


def chain_notes(pid: str, chain: list[ChainStep], layer: str, accepted_cultivated: float = NAN) -> list[InputError]:
    """Recorded steps that do not add up: submitted = planned - county deduction, confirmed = submitted -
    city deduction - province deduction (耕地 totals, 0.01 亩 tolerance; computed steps are not judged); and a
    recorded 确认新增 耕地 above the new 耕地 this run accepted (``accepted_cultivated``)."""
    by = {s.step: s for s in chain}
    notes = []
    confirmed = by["confirmed"]
    if (confirmed.source in (FROM_TABLE, FROM_PROJECT) and _known(confirmed.cultivated)
            and _known(accepted_cultivated) and confirmed.cultivated > accepted_cultivated + TOLERANCE_MU):
        notes.append(InputError(Message(
            "项目 {p} 记录的确认新增耕地 {c} 亩 多于本次核查合格的新增耕地 {a} 亩：入账前请核对",
            "project {p}: the recorded confirmed 耕地 {c} 亩 is more than the {a} 亩 of new 耕地 this check "
            "accepted: verify before posting").format(p=pid, c=f"{confirmed.cultivated:.2f}",
                                                      a=f"{accepted_cultivated:.2f}"), layer=layer))
    relations = (("submitted", "planned", ("county_deduction",)),
                 ("confirmed", "submitted", ("city_deduction", "province_deduction")))
    for result, start, minus in relations:
        steps = [by[result], by[start]] + [by[m] for m in minus]
        if any(s.source not in (FROM_TABLE, FROM_PROJECT) or not _known(s.total) for s in steps):
            continue
        expected = by[start].total - sum(by[m].total for m in minus)
        if abs(by[result].total - expected) > TOLERANCE_MU:
            notes.append(InputError(Message(
                "项目 {p} 面积链不闭合：{r} {v} 亩，应为 {e} 亩（{s} 减 {m}）",
                "project {p}: the area chain does not add up: {ren} {v} 亩, expected {e} 亩").format(
                p=pid, r=STEP_LABELS[result].zh, ren=STEP_LABELS[result].en, v=f"{by[result].total:.2f}",
                e=f"{expected:.2f}", s=STEP_LABELS[start].zh, m="、".join(STEP_LABELS[m].zh for m in minus)),
                layer=layer))
    return notes
