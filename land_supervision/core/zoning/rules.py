"""The activity x zone rule matrix (活动类型 x 管控分区 -> 禁止 / 限制 / 允许), read from a CSV file.

File layout: a header row whose first column names the activity types (e.g. ``活动类型``), an optional
``EN`` column with English names, an optional ``依据`` (or ``SOURCE``) column naming each row's legal basis,
and one column per zone type (the zone layer's GKFQ values). Each cell
holds a verdict word, optionally followed by its condition text after a colon: ``限制：须经专题论证``.
The file is UTF-8 (with or without BOM); GBK (Excel on Chinese Windows) is accepted too.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...constants import RESOURCES as PLUGIN_RESOURCES
from ..messages import InputError, Message

RESOURCES = PLUGIN_RESOURCES / "zoning"
DEFAULT_RULES = RESOURCES / "rules.csv"

PROHIBITED = "禁止"
CONDITIONAL = "限制"
ALLOWED = "允许"
NOT_CONCERNED = "不涉及"
UNKNOWN_TYPE = "未知类型"
VERDICTS = (PROHIBITED, CONDITIONAL, ALLOWED)
VERDICT_EN = {PROHIBITED: "prohibited", CONDITIONAL: "conditional", ALLOWED: "allowed",
              NOT_CONCERNED: "not concerned", UNKNOWN_TYPE: "unknown activity type"}
# Higher is stricter: the verdict of an activity is the strictest over the zones it touches.
SEVERITY = {ALLOWED: 1, CONDITIONAL: 2, PROHIBITED: 3}
_SPLIT = re.compile(r"\s*[:：]\s*")
BASIS_HEADERS = ("依据", "SOURCE", "BASIS")
_ENGLISH_WORDS = {"prohibited": PROHIBITED, "conditional": CONDITIONAL, "allowed": ALLOWED}


@dataclass(frozen=True)
class Rule:
    activity: str
    zone: str
    verdict: str
    conditions: str
    line: int

    def text(self) -> str:
        """``风电 × 合理利用区：限制（须经专题论证）``."""
        tail = f"（{self.conditions}）" if self.conditions else ""
        return f"{self.activity} × {self.zone}：{self.verdict}{tail}"


@dataclass
class RuleMatrix:
    zones: list[str]
    activities: list[str]
    rules: dict[tuple[str, str], Rule]
    english: dict[str, str] = field(default_factory=dict)
    source: str = ""
    basis: dict[str, str] = field(default_factory=dict)  # activity -> its 依据 (legal basis), if the file has one

    def rule(self, activity: str, zone: str) -> Rule | None:
        return self.rules.get((activity, zone))

    def has_activity(self, activity: str) -> bool:
        return activity in self.english

    def check_zones(self, zone_types) -> None:
        """Refuse a matrix that lacks a column for one of the zone layer's zone types."""
        missing = [z for z in dict.fromkeys(zone_types) if z not in self.zones]
        if missing:
            raise InputError(
                Message("规则表缺少管控分区列：{zones}（第 1 行表头）",
                        "the rule table has no column for zone(s): {zones} (header, line 1)").format(
                    zones="、".join(missing)),
                layer=self.source or "rules")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(Message("规则表不是 UTF-8 或 GBK 编码", "the rule table is neither UTF-8 nor GBK text"))


def _error(source: str, line: int, zh: str, en: str, **values) -> InputError:
    message = Message(f"第 {line} 行：{zh}", f"line {line}: {en}").format(**values)
    return InputError(message, layer=source)


def parse_cell(text: str) -> tuple[str, str]:
    """``'限制：须论证'`` -> (``'限制'``, ``'须论证'``); English words are accepted too."""
    parts = _SPLIT.split(text.strip(), maxsplit=1)
    word = parts[0].strip()
    word = _ENGLISH_WORDS.get(word.lower(), word)
    return word, parts[1].strip() if len(parts) > 1 else ""


def parse_rules(text: str, source: str = "rules") -> RuleMatrix:
    """Parse the CSV text of a rule matrix; InputError with the line number on any defect."""
    rows = list(csv.reader(io.StringIO(text)))
    numbered = [(i + 1, [c.strip() for c in row]) for i, row in enumerate(rows) if any(c.strip() for c in row)]
    if not numbered:
        raise InputError(Message("规则表为空", "the rule table is empty"), layer=source)
    header_line, header = numbered[0]
    en_col = next((i for i, h in enumerate(header) if h.upper() == "EN"), None)
    basis_col = next((i for i, h in enumerate(header) if h.upper() in BASIS_HEADERS), None)
    zone_cols = [i for i in range(1, len(header)) if i not in (en_col, basis_col)]
    if not zone_cols:
        raise _error(source, header_line, "表头没有管控分区列", "the header names no zone column")
    zones = [header[i] for i in zone_cols]
    for i in zone_cols:
        if not header[i]:
            raise _error(source, header_line, "第 {col} 列表头为空", "column {col} has no zone name", col=i + 1)
    if len(set(zones)) != len(zones):
        raise _error(source, header_line, "管控分区列重复", "a zone column appears twice")
    activities: list[str] = []
    english: dict[str, str] = {}
    basis: dict[str, str] = {}
    rules: dict[tuple[str, str], Rule] = {}
    for line, row in numbered[1:]:
        row = row + [""] * (len(header) - len(row))
        activity = row[0]
        if not activity:
            raise _error(source, line, "缺少活动类型", "no activity type in the first column")
        if activity in english:
            raise _error(source, line, "活动类型“{a}”重复", "activity type '{a}' appears twice", a=activity)
        english[activity] = row[en_col] if en_col is not None else ""
        if basis_col is not None and row[basis_col]:
            basis[activity] = row[basis_col]
        activities.append(activity)
        for i in zone_cols:
            zone = header[i]
            if not row[i]:
                raise _error(source, line, "“{a}”在“{z}”缺少结论", "no verdict for '{a}' in zone '{z}'",
                             a=activity, z=zone)
            verdict, conditions = parse_cell(row[i])
            if verdict not in VERDICTS:
                raise _error(source, line, "未知结论“{w}”（应为 禁止/限制/允许）",
                             "unknown verdict word '{w}' (expected 禁止/限制/允许)", w=verdict)
            rules[(activity, zone)] = Rule(activity, zone, verdict, conditions, line)
    if not activities:
        raise _error(source, header_line, "规则表没有活动类型行", "the rule table has no activity rows")
    return RuleMatrix(zones, activities, rules, english, source, basis)


def load_rules(path: str | Path | None = None) -> RuleMatrix:
    """The rule matrix of ``path`` (the default matrix of resources/zoning/rules.csv if None)."""
    path = Path(path) if path else DEFAULT_RULES
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Message("无法读取规则表：{e}", "cannot read the rule table: {e}").format(
            e=exc.strerror or str(exc)), layer=str(path)) from exc
    return parse_rules(_decode(data), source=path.name)


def strictest(verdicts) -> str:
    """The strictest verdict of an iterable (NOT_CONCERNED when empty)."""
    best, level = NOT_CONCERNED, 0
    for verdict in verdicts:
        if SEVERITY.get(verdict, 0) > level:
            best, level = verdict, SEVERITY[verdict]
    return best
