"""The rule table: every default of the acceptance checks, loaded from resources/ or a user's file.

A user's file (JSON like the default, or CSV with columns ``rule,value``) overrides some defaults; an
unknown rule or a value of the wrong kind is refused with an InputError naming the file and the rule.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from ...constants import RESOURCES
from ..messages import InputError, Message

DEFAULT_RULES_PATH = RESOURCES / "reclamation" / "rules.json"

_RATIOS = ("area_tolerance_ratio", "min_construction_share", "min_baseline_coverage", "min_chain_ratio",
           "sample_ratio")
_NON_NEGATIVE = ("area_tolerance_mu", "min_plot_area_mu", "overlap_tolerance_m2", "outside_project_tolerance_m2",
                 "min_soil_depth_cm", "min_plough_layer_cm", "max_gravel_percent", "min_organic_matter_percent",
                 "sample_min_per_project")


@dataclass
class RuleTable:
    """Rule values by key, with the source note of each."""

    values: dict
    sources: dict = field(default_factory=dict)
    path: str = ""

    def __getitem__(self, key: str):
        return self.values[key]

    def tolerance_m2(self, declared_m2: float) -> float:
        """Allowed |measured - declared|: the larger of the ratio and the absolute 亩 tolerance."""
        from ..units import mu_to_m2

        return max(self["area_tolerance_ratio"] * declared_m2, mu_to_m2(self["area_tolerance_mu"]))


def _bad(path: str, key: str, zh: str, en: str) -> InputError:
    return InputError(Message(zh, en), layer=path, field=key)


def _raw_defaults() -> dict:
    data = json.loads(DEFAULT_RULES_PATH.read_text(encoding="utf-8"))
    return data["rules"]


def _read_user_file(path: Path) -> dict:
    text_path = str(path)
    if not path.is_file():
        raise InputError(Message("找不到规则表文件", "rule table file not found"), layer=text_path)
    try:
        if path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
            if rows and ("rule" not in rows[0] or "value" not in rows[0]):
                raise InputError(Message("CSV 规则表需要 rule 和 value 两列", "a CSV rule table needs columns rule and "
                                         "value"), layer=text_path)
            return {row["rule"].strip(): _parse_csv_value(row["value"]) for row in rows if row.get("rule")}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(Message("规则表无法读取：{e}", "cannot read the rule table: {e}").format(e=exc),
                         layer=text_path) from exc
    rules = data.get("rules", data) if isinstance(data, dict) else None
    if not isinstance(rules, dict):
        raise InputError(Message("规则表格式错误", "the rule table is not a JSON object of rules"), layer=text_path)
    return {key: (value["value"] if isinstance(value, dict) and "value" in value else value)
            for key, value in rules.items() if not key.startswith("_")}


def _parse_csv_value(text: str):
    text = (text or "").strip()
    if text.startswith(("[", "{")) or text.lower() in ("true", "false"):
        return json.loads(text.lower() if text.lower() in ("true", "false") else text)
    try:
        return float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        return text


def load_rules(path: str | Path | None = None) -> RuleTable:
    """The default rule table, with the values of ``path`` (JSON or CSV) laid over it and validated."""
    raw = _raw_defaults()
    values = {key: spec["value"] for key, spec in raw.items()}
    sources = {key: spec.get("source", "") for key, spec in raw.items()}
    where = str(DEFAULT_RULES_PATH)
    if path:
        where = str(path)
        for key, value in _read_user_file(Path(path)).items():
            if key == "grain_yield_kg_per_mu":
                raise _bad(where, key, "粮食产能已移至 resources/grain_capacity.csv（复垦与台账共用一张表）",
                           "grain capacity moved to resources/grain_capacity.csv (one table for reclamation "
                           "and the ledger)")
            if key not in values:
                raise _bad(where, key, "未知规则", "unknown rule")
            values[key] = value
            sources[key] = f"user rule table {where}"
    validate(values, where)
    return RuleTable(values, sources, where)


def validate(values: dict, where: str) -> None:
    """Refuse values of the wrong kind or range (InputError naming the rule)."""
    for key, value in values.items():
        if key in _RATIOS or key in _NON_NEGATIVE or key in ("min_ph", "max_ph"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InputError(Message("规则值必须是数字：{v}", "rule value must be a number: {v}").format(
                    v=repr(value)), layer=where, field=key)
            if value < 0 or (key in _RATIOS and value > 1):
                raise InputError(Message("规则值超出范围：{v}", "rule value out of range: {v}").format(v=value),
                                 layer=where, field=key)
        elif key in ("require_drainage", "require_road_access"):
            if not isinstance(value, bool):
                raise InputError(Message("规则值必须是 true 或 false：{v}", "rule value must be true or false: {v}")
                                 .format(v=repr(value)), layer=where, field=key)
        elif key == "declared_area_unit":
            if value not in ("mu", "m2", "ha"):
                raise InputError(Message("面积单位须为 mu、m2 或 ha：{v}", "area unit must be mu, m2 or ha: {v}")
                                 .format(v=repr(value)), layer=where, field=key)
        elif key == "allowed_target_classes":
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise InputError(Message("须为地类编码列表", "must be a list of DLBM codes"), layer=where, field=key)
    if values["min_ph"] > values["max_ph"]:
        raise InputError(Message("pH 下限大于上限", "pH minimum above maximum"), layer=where, field="min_ph")
    if int(values["sample_min_per_project"]) != values["sample_min_per_project"]:
        raise InputError(Message("须为整数", "must be a whole number"), layer=where, field="sample_min_per_project")
