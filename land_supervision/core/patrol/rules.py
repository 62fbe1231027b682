"""The patrol rule table (resources/patrol/rules.json): thresholds, legal sub-types, result vocabularies."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from ...constants import RESOURCES
from ..units import M2_PER_MU

RULES_FILE = RESOURCES / "patrol" / "rules.json"

LEGAL, ILLEGAL, OTHER = "合法", "违法", "其他"
SUSPECTED_ILLEGAL = "疑似违法"
RECTIFIED, RECTIFYING, NOT_RECTIFIED = "已整改", "整改中", "未整改"


@dataclass(frozen=True)
class Subtype:
    """A legal sub-type: key, output field of its covered area, names, words that identify it."""

    key: str
    field: str
    zh: str
    en: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class PatrolRules:
    coverage_legal_percent: float = 95.0
    area_tolerance_m2: float = 66.67
    area_tolerance_percent: float = 1.0
    reported_area_unit: str = "mu"  # unit of JCMJ/JCGDMJ/ZYJJBNTMJ/WFMJ in the inputs: 'mu' or 'm2'
    ratio_threshold_percent: float = 15.0
    interview_threshold_mu: float = 100.0
    # legal patches of these sub-type keys are no 新增建设用地 (土地管理法 art. 57; 自然资规〔2019〕4号)
    denominator_excluded_subtypes: tuple[str, ...] = ("temporary", "facility")
    # an unapproved patch wholly on baseline construction land is suggested 其他 (no 农用地 converted)
    existing_construction_other: bool = True
    # 临时用地 terms (土地管理法实施条例 art. 20): sub-types with a term, years, years for infrastructure
    term_subtypes: tuple[str, ...] = ("temporary",)
    temporary_term_years: float = 2
    temporary_term_years_infrastructure: float = 4
    # sub-types that may not lie on 永久基本农田 (自然资规〔2021〕2号, 〔2019〕4号): a finding to verify
    farmland_barred_subtypes: tuple[str, ...] = ("temporary", "facility")
    # 整改措施 words: those that end the occupation (拆除复耕, 恢复原状, 没收) and those that do not
    measures: dict = field(default_factory=lambda: {"removes": ["拆除", "复耕", "恢复原状", "没收"],
                                                    "keeps": ["补办"]})
    farmland_net_of_ridges: bool = True  # 永久基本农田 compared net of 田坎, like 耕地
    criminal_farmland_mu: float = 5.0  # 法释〔2000〕14号 art. 3
    criminal_cultivated_mu: float = 10.0
    subtypes: tuple[Subtype, ...] = ()
    results: dict = field(default_factory=dict)
    rectification: dict = field(default_factory=dict)

    def with_values(self, **values) -> PatrolRules:
        """A copy with some thresholds replaced (None values are ignored)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})

    @property
    def reported_unit_m2(self) -> float:
        """Square metres per unit of the reported areas."""
        return M2_PER_MU if self.reported_area_unit == "mu" else 1.0

    def subtype_of(self, text) -> Subtype | None:
        """The legal sub-type named by ``text`` (its Chinese name, key or a keyword), else None."""
        value = str(text or "").strip().lower()
        if not value:
            return None
        for sub in self.subtypes:
            if value in (sub.zh.lower(), sub.key, sub.en.lower()):
                return sub
        for sub in self.subtypes:
            if any(word.lower() in value for word in sub.keywords):
                return sub
        return None

    def result_of(self, text) -> str | None:
        """合法 / 违法 / 其他 for a reported result text, None if empty or unknown."""
        return _lookup(self.results, text, {"legal": LEGAL, "illegal": ILLEGAL, "other": OTHER})

    def rectification_of(self, text) -> str | None:
        return _lookup(self.rectification, text,
                       {"done": RECTIFIED, "ongoing": RECTIFYING, "none": NOT_RECTIFIED})

    def measure_removes(self, text) -> bool | None:
        """Whether a 整改措施 ends the occupation: True (拆除复耕, 恢复原状, 没收 ...), False (补办手续 ...),
        None when empty or not known."""
        value = str(text or "").strip().lower()
        if not value:
            return None
        if any(w.lower() in value for w in self.measures.get("removes", [])):
            return True
        if any(w.lower() in value for w in self.measures.get("keeps", [])):
            return False
        return None

    def tolerance_m2(self, computed_m2: float) -> float:
        """Allowed difference between a reported and a computed area."""
        return max(self.area_tolerance_m2, abs(computed_m2) * self.area_tolerance_percent / 100.0)


def _keys(data: dict, name: str) -> tuple[str, ...]:
    """A list of sub-type keys of the rule table, the default where absent."""
    return tuple(str(k) for k in data.get(name, getattr(PatrolRules, name)))


def _lookup(table: dict, text, names: dict) -> str | None:
    value = str(text or "").strip().lower()
    if not value:
        return None
    for key, words in table.items():
        if value in (w.lower() for w in words):
            return names[key]
    return None


def load_rules(path: str | Path = RULES_FILE) -> PatrolRules:
    """Read the rule table; raise ValueError naming the file on a malformed table."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        subtypes = tuple(Subtype(s["key"], s["field"], s["zh"], s["en"], tuple(s["keywords"]))
                         for s in data["subtypes"])
        rules = PatrolRules(
            coverage_legal_percent=float(data["coverage_legal_percent"]),
            area_tolerance_m2=float(data["area_tolerance_m2"]),
            area_tolerance_percent=float(data["area_tolerance_percent"]),
            reported_area_unit=str(data.get("reported_area_unit", "mu")),
            ratio_threshold_percent=float(data["ratio_threshold_percent"]),
            interview_threshold_mu=float(data["interview_threshold_mu"]),
            denominator_excluded_subtypes=_keys(data, "denominator_excluded_subtypes"),
            existing_construction_other=bool(data.get("existing_construction_other", True)),
            term_subtypes=_keys(data, "term_subtypes"),
            temporary_term_years=float(data.get("temporary_term_years", PatrolRules.temporary_term_years)),
            temporary_term_years_infrastructure=float(data.get(
                "temporary_term_years_infrastructure", PatrolRules.temporary_term_years_infrastructure)),
            farmland_barred_subtypes=_keys(data, "farmland_barred_subtypes"),
            measures={k: [str(w) for w in v] for k, v in data.get(
                "rectification_measures", PatrolRules().measures).items()},
            farmland_net_of_ridges=bool(data.get("farmland_net_of_ridges", True)),
            criminal_farmland_mu=float(data.get("criminal_farmland_mu", 5.0)),
            criminal_cultivated_mu=float(data.get("criminal_cultivated_mu", 10.0)),
            subtypes=subtypes, results=dict(data["results"]), rectification=dict(data["rectification"]))
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: 规则表无效 / invalid rule table: {exc}") from exc
    if rules.reported_area_unit not in ("mu", "m2"):
        raise ValueError(f"{path}: reported_area_unit must be 'mu' or 'm2'")
    for name in ("denominator_excluded_subtypes", "term_subtypes", "farmland_barred_subtypes"):
        unknown = set(getattr(rules, name)) - {s.key for s in rules.subtypes}
        if unknown:
            raise ValueError(f"{path}: {name} names unknown sub-types {sorted(unknown)}")
    return rules
