"""The inputs of an acceptance run as arrays (built by the shells from layers, or by tests by hand)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

QUALITY_KEYS = ("soil_depth", "plough_layer", "gravel", "ph", "organic_matter", "drainage", "road_access")
CHAIN_KEYS = ("planned", "county_deduction", "submitted", "city_deduction", "province_deduction", "confirmed")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _numbers(values, n: int) -> np.ndarray:
    """Floats with NaN for missing or non-numeric values."""
    if values is None:
        return np.full(n, np.nan)
    out = np.full(n, np.nan)
    for i, v in enumerate(values):
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        try:
            out[i] = float(v)
        except (TypeError, ValueError):
            continue
    return out


@dataclass
class Plots:
    """Reclamation plots (地块): ids, project ids, declared area (in the rule table's unit), target class."""

    ids: list[str]
    project_ids: list[str]
    declared_area: np.ndarray
    target_class: list[str]
    geometry: np.ndarray
    quality: dict[str, list] = field(default_factory=dict)  # QUALITY_KEYS -> raw values (None if missing)
    feature_ids: list = field(default_factory=list)  # QGIS feature ids (for messages); default 1..n
    layer_name: str = "plots"
    fields: dict[str, str] = field(default_factory=dict)  # logical -> actual field name (for messages)
    grades: np.ndarray | None = None  # 耕地质量等别 1-15 (NaN if not recorded)

    @classmethod
    def build(cls, ids, project_ids, declared_area, target_class, geometry, quality=None, feature_ids=None,
              layer_name="plots", fields=None, grades=None) -> Plots:
        n = len(geometry)
        return cls([_text(v) for v in ids], [_text(v) for v in project_ids], _numbers(declared_area, n),
                   [_text(v) for v in (target_class if target_class is not None else [None] * n)],
                   np.asarray(geometry, dtype=object), dict(quality or {}),
                   list(feature_ids) if feature_ids is not None else list(range(1, n + 1)), layer_name,
                   dict(fields or {}), _numbers(grades, n))

    def __len__(self) -> int:
        return len(self.geometry)

    def field(self, key: str) -> str:
        from ..fieldmap import STANDARD_FIELDS

        return self.fields.get(key, STANDARD_FIELDS["plots"].get(key, key))


@dataclass
class Projects:
    """Reclamation projects (项目区) with their boundary, declared new 耕地, area chain and paired use."""

    ids: list[str]
    names: list[str]
    towns: list[str]
    declared_area: np.ndarray  # 亩 of new 耕地 declared
    geometry: np.ndarray
    chain: dict[str, np.ndarray] = field(default_factory=dict)  # CHAIN_KEYS -> 亩 (NaN if not recorded)
    paired_area: np.ndarray | None = None  # 亩 used by the paired 建新/安置 plots
    extra_classes: list[list[str]] = field(default_factory=list)  # agricultural classes the project declares
    years: list[int | None] = field(default_factory=list)
    layer_name: str = "projects"
    quota_kinds: list[str] = field(default_factory=list)  # linkage_surplus/compensation/both/'' (decide)

    @classmethod
    def build(cls, ids, names, towns, declared_area, geometry, chain=None, paired_area=None, extra_classes=None,
              years=None, layer_name="projects", quota_kinds=None) -> Projects:
        n = len(geometry)
        classes = [[c.strip() for c in _text(v).replace(",", ";").split(";") if c.strip()]
                   for v in (extra_classes if extra_classes is not None else [None] * n)]
        year_list = []
        for v in (years if years is not None else [None] * n):
            try:
                year_list.append(int(float(v)) if v not in (None, "") else None)
            except (TypeError, ValueError):
                year_list.append(None)
        return cls([_text(v) for v in ids], [_text(v) for v in (names if names is not None else [""] * n)],
                   [_text(v) for v in (towns if towns is not None else [""] * n)], _numbers(declared_area, n),
                   np.asarray(geometry, dtype=object),
                   {key: _numbers((chain or {}).get(key), n) for key in CHAIN_KEYS},
                   _numbers(paired_area, n), classes, year_list, layer_name,
                   [normalise_quota_kind(v) for v in (quota_kinds if quota_kinds is not None else [None] * n)])

    def __len__(self) -> int:
        return len(self.geometry)


@dataclass
class Towns:
    """The town layer every per-town summary is keyed by (name + 9-digit code)."""

    names: list[str]
    codes: list[str]
    geometry: np.ndarray

    def __len__(self) -> int:
        return len(self.geometry)


def normalise_quota_kind(value) -> str:
    """增减挂钩/linkage... -> 'linkage_surplus', 补充耕地/占补.../compensation -> 'compensation', both named (or
    两者/both) -> 'both' (one batch credits 节余指标 and 补充耕地), '' if blank, else '?' + the text."""
    text = _text(value).lower()
    if not text:
        return ""
    linkage = "挂钩" in text or "linkage" in text or "节余" in text
    compensation = "补充" in text or "占补" in text or "compensation" in text
    if (linkage and compensation) or text in ("both", "两者", "两项"):
        return "both"
    if linkage:
        return "linkage_surplus"
    if compensation:
        return "compensation"
    return "?" + text
