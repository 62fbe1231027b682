"""Vessel episode rules: class by speed, dwell and vessel type, and the 伏季休渔 calendar (resources JSON).

Classes (``resources/zoning/vessel_rules.json``; each threshold names its source or is an editable bureau default):
- 公务执法 official duty: the vessel type is an official one (公务船, 执法船 ...): never an intrusion;
- 穿越 transit: every leg at or above ``transit_min_speed_kn`` and dwell at most ``transit_max_dwell_min``;
- 停留作业 loitering or fishing: mean speed at or below ``slow_max_speed_kn`` and dwell at least
  ``loiter_min_dwell_min``;
- 待核实 to verify: anything else, or no leg to measure a speed on.
Which classes count as intrusions is in the table (公务执法 never does). A fishing vessel (by type) operating
(class 停留作业: slow and long enough) with a fix inside during a 伏季休渔 period is flagged on its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...constants import RESOURCES
from ..messages import InputError, Message

DEFAULT_VESSEL_RULES = RESOURCES / "zoning" / "vessel_rules.json"
TRANSIT = "穿越"
LOITER = "停留作业"
UNCLEAR = "待核实"
OFFICIAL = "公务执法"
CLASSES = (TRANSIT, LOITER, UNCLEAR, OFFICIAL)
THRESHOLDS = ("transit_min_speed_kn", "transit_max_dwell_min", "slow_max_speed_kn", "loiter_min_dwell_min")
M_PER_NMI = 1852.0  # international nautical mile; 1 kn = 1852 m/h


@dataclass
class SeasonPeriod:
    year: str  # "*" every year, or "2025"
    start: str  # "MM-DDTHH:MM", local time
    end: str


@dataclass
class VesselRules:
    thresholds: dict[str, float]
    intrusion: dict[str, bool]
    english: dict[str, str]
    fishing_types: frozenset
    official_types: frozenset
    periods: list[SeasonPeriod]
    source: str = ""

    def group(self, vessel_type) -> str:
        """'official', 'fishing' or '' (ordinary or not given) of a vessel type text."""
        text = "" if vessel_type is None else str(vessel_type).strip().lower()
        if text.endswith(".0") and text[:-2].isdigit():  # an AIS type code read as a number
            text = text[:-2]
        if text in self.official_types:
            return "official"
        if text in self.fishing_types:
            return "fishing"
        return ""

    def in_season(self, seconds) -> np.ndarray:
        """Whether each local time (int64 seconds) falls in a 伏季休渔 period (start inclusive, end exclusive);
        periods given for a year replace the every-year ("*") periods in that year."""
        seconds = np.asarray(seconds, dtype=np.int64)
        years = seconds.astype("datetime64[s]").astype("datetime64[Y]").astype(int) + 1970
        flag = np.zeros(len(seconds), dtype=bool)
        for year in np.unique(years):
            own = [p for p in self.periods if p.year == str(year)]  # a year of its own replaces the "*" periods
            for period in own or [p for p in self.periods if p.year == "*"]:
                start = np.datetime64(f"{year}-{period.start}", "s").astype(np.int64)
                end = np.datetime64(f"{year}-{period.end}", "s").astype(np.int64)
                flag |= (years == year) & (seconds >= start) & (seconds < end)
        return flag

    def classify(self, groups, min_kn, mean_kn, dwell_min) -> np.ndarray:
        """Class of each episode from its vessel group, lowest and mean leg speed (NaN: none) and dwell."""
        t = self.thresholds
        min_kn, mean_kn, dwell_min = (np.asarray(a, dtype=float) for a in (min_kn, mean_kn, dwell_min))
        out = np.full(len(dwell_min), UNCLEAR, dtype=object)
        transit = (min_kn >= t["transit_min_speed_kn"]) & (dwell_min <= t["transit_max_dwell_min"])
        loiter = (mean_kn <= t["slow_max_speed_kn"]) & (dwell_min >= t["loiter_min_dwell_min"])
        out[loiter] = LOITER
        out[transit] = TRANSIT
        out[np.asarray(groups, dtype=object) == "official"] = OFFICIAL
        return out

    def counts(self, classes) -> np.ndarray:
        return np.array([self.intrusion[c] for c in classes], dtype=bool)


def load_vessel_rules(path=None) -> VesselRules:
    """The rule table at ``path`` (default: the shipped one); refused with a clear message when malformed."""
    path = Path(path) if path else DEFAULT_VESSEL_RULES
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise InputError(Message("船舶规则表无法读取：{e}", "the vessel rule table cannot be read: {e}").format(e=exc),
                         layer=str(path)) from exc
    return parse_vessel_rules(data, str(path))


def _refuse(zh: str, en: str, source: str, **values) -> InputError:
    return InputError(Message(zh, en).format(**values), layer=source)


def parse_vessel_rules(data: dict, source: str = "vessel_rules") -> VesselRules:
    thresholds = {}
    for key in THRESHOLDS:
        entry = data.get("thresholds", {}).get(key)
        value = entry.get("value") if isinstance(entry, dict) else entry
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
            raise _refuse("船舶规则表 thresholds.{key} 缺失或不是非负数：{v}",
                          "vessel rule table: thresholds.{key} is missing or not a non-negative number: {v}",
                          source, key=key, v=value)
        thresholds[key] = float(value)
    classes = data.get("classes", {})
    intrusion, english = {}, {}
    for name in CLASSES:
        entry = classes.get(name)
        if not isinstance(entry, dict) or not isinstance(entry.get("intrusion"), bool):
            raise _refuse("船舶规则表 classes.{c} 缺失或 intrusion 不是 true/false",
                          "vessel rule table: classes.{c} is missing or its intrusion is not true/false",
                          source, c=name)
        intrusion[name] = entry["intrusion"]
        english[name] = str(entry.get("en", name))
    if intrusion[OFFICIAL]:
        raise _refuse("船舶规则表：公务执法船舶不能计为闯入（自然资发〔2022〕142号：管护巡护、保护执法）",
                      "vessel rule table: official vessels cannot count as intrusions (自然资发〔2022〕142号)", source)
    types = data.get("vessel_types", {})
    periods = []
    for i, row in enumerate(data.get("fishing_season", {}).get("periods", []), start=1):
        try:
            period = SeasonPeriod(str(row.get("year", "*")), str(row["start"]), str(row["end"]))
            year = 2024 if period.year == "*" else int(period.year)  # a leap year: 02-29 is a valid day
            if np.datetime64(f"{year}-{period.start}", "s") >= np.datetime64(f"{year}-{period.end}", "s"):
                raise ValueError("start not before end")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _refuse("船舶规则表 fishing_season.periods 第 {i} 项无效（year、start MM-DDTHH:MM、end）：{e}",
                          "vessel rule table: fishing_season.periods item {i} is invalid (year, start "
                          "MM-DDTHH:MM, end): {e}", source, i=i, e=exc) from exc
        periods.append(period)
    return VesselRules(thresholds, intrusion, english,
                       frozenset(str(t).strip().lower() for t in types.get("fishing", [])),
                       frozenset(str(t).strip().lower() for t in types.get("official", [])), periods, source)


def leg_speeds_kn(x, y, seconds) -> np.ndarray:
    """Speed (knots) of each leg between consecutive fixes; NaN where no time passed."""
    x, y, seconds = (np.asarray(a, dtype=float) for a in (x, y, seconds))
    dt = np.diff(seconds)
    metres = np.hypot(np.diff(x), np.diff(y))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(dt > 0, metres / np.where(dt > 0, dt, 1.0) * 3600.0 / M_PER_NMI, np.nan)
