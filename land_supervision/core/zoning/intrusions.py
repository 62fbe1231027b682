"""Vessel intrusions into the strict zone: episodes from track points, and a monthly patrol summary.

Points are tested with ``shapely.intersects_xy`` against the prepared strict zone, sorted by vessel and time
(input order does not matter), and cut into runs: a run ends when the vessel changes, when it crosses the
zone edge, or at a gap longer than ``max_gap_s`` between two fixes (where the vessel was is unknown, so an
episode is not stretched across it). Episodes are the runs inside the zone; entry and exit are the first and
last fixes inside. Times are local (Beijing, UTC+8); inputs with a UTC offset are converted.

Each episode is then classified (``vessels.VesselRules``): its legs are those between consecutive fixes from the
last fix outside before the entry to the first fix outside after the exit (where those are bracketed, not across
a gap); speed in knots from the planar distance in the working CRS (Gauss-Kruger, scale error about 0.014% at the
park); dwell the estimated time inside (edge crossings interpolated).
"""

from __future__ import annotations

import warnings as _warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import numpy as np
import shapely

from ..messages import InputError, Message
from .vessels import (
    LOITER,
    M_PER_NMI,
    OFFICIAL,
    TRANSIT,
    UNCLEAR,
    VesselRules,
    leg_speeds_kn,
    load_vessel_rules,
)

LOCAL_TZ = timezone(timedelta(hours=8))
DEFAULT_MAX_GAP_S = 30 * 60
NAT = np.iinfo(np.int64).min


def parse_times(values) -> tuple[np.ndarray, np.ndarray]:
    """ISO 8601 texts (or datetimes) -> (int64 seconds of local time, bad mask). Vectorised when possible."""
    values = list(values)
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("error")  # numpy warns (and guesses) on UTC offsets: parse those one by one
            parsed = np.array(values, dtype="datetime64[s]")
        seconds = parsed.astype(np.int64)
        bad = np.isnat(parsed)
        return np.where(bad, 0, seconds), bad
    except (ValueError, TypeError, Warning):
        pass
    seconds = np.zeros(n, dtype=np.int64)
    bad = np.zeros(n, dtype=bool)
    epoch = datetime(1970, 1, 1)
    for i, value in enumerate(values):
        try:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(_iso_text(value))
        except (TypeError, ValueError):
            bad[i] = True
            continue
        if moment.tzinfo is not None:
            moment = moment.astimezone(LOCAL_TZ).replace(tzinfo=None)
        seconds[i] = int((moment - epoch).total_seconds())
    return seconds, bad


def _iso_text(value) -> str:
    """ISO 8601 text as every Python from 3.9 parses it (before 3.11 fromisoformat refuses a 'Z' suffix)."""
    text = str(value).strip()
    return text[:-1] + "+00:00" if text[-1:] in ("Z", "z") else text


def iso(seconds) -> np.ndarray:
    """int64 seconds -> 'YYYY-MM-DDTHH:MM:SS' texts."""
    return np.datetime_as_string(np.asarray(seconds, dtype=np.int64).astype("datetime64[s]"), unit="s")


@dataclass
class Intrusions:
    vessel: np.ndarray
    entry_s: np.ndarray
    exit_s: np.ndarray
    points: np.ndarray
    open_start: np.ndarray  # no fix just before the entry (track start or a gap): entry may be earlier
    open_end: np.ndarray  # no fix just after the exit (track end or a gap): exit may be later
    geoms: np.ndarray  # MultiPoint of the fixes inside, per episode
    monthly: list[dict]
    bad_rows: np.ndarray  # feature ids with unreadable timestamps (skipped)
    warnings: list[Message] = field(default_factory=list)
    entry_est_s: np.ndarray | None = None  # the crossing of the edge, interpolated from the fixes either side
    exit_est_s: np.ndarray | None = None
    vessel_type: np.ndarray | None = None  # the type field's text at the entry ('' when not given)
    min_kn: np.ndarray | None = None  # lowest leg speed (knots), NaN without a leg
    mean_kn: np.ndarray | None = None  # distance over time of the legs (knots), NaN without a leg
    klass: np.ndarray | None = None  # 穿越 / 停留作业 / 待核实 / 公务执法
    counts: np.ndarray | None = None  # the class counts as an intrusion (rule table)
    season: np.ndarray | None = None  # fishing vessel operating (停留作业) inside during a 伏季休渔 period
    rules: VesselRules | None = None

    @property
    def dwell_min(self) -> np.ndarray:
        """Estimated time inside (minutes): from the interpolated entry to the interpolated exit."""
        return (self.exit_est_s - self.entry_est_s) / 60.0

    def subset(self, keep) -> Intrusions:
        """The episodes where ``keep`` holds (no monthly summary)."""
        keep = np.asarray(keep, dtype=bool)
        names = ("vessel", "entry_s", "exit_s", "points", "open_start", "open_end", "geoms")
        extra = ("entry_est_s", "exit_est_s", "vessel_type", "min_kn", "mean_kn", "klass", "counts", "season")
        out = Intrusions(*(getattr(self, n)[keep] for n in names), [], self.bad_rows, list(self.warnings))
        for name in extra:
            value = getattr(self, name)
            setattr(out, name, None if value is None else value[keep])
        out.rules = self.rules
        return out

    @property
    def duration_s(self) -> np.ndarray:
        return self.exit_s - self.entry_s

    def __len__(self) -> int:
        return len(self.vessel)


@dataclass
class _Runs:
    """The usable fixes sorted by vessel and time (``order``) and cut into runs inside or outside the zone."""

    order: np.ndarray  # sorted position -> usable fix
    vessel: np.ndarray  # vessel index of each sorted fix
    t: np.ndarray  # seconds of each sorted fix
    inside: np.ndarray  # each sorted fix inside the zone
    joined: np.ndarray  # the fix continues the previous one's track (same vessel, no gap)
    run: np.ndarray  # run index of each sorted fix
    episode_runs: np.ndarray  # the runs inside the zone
    start: np.ndarray  # first sorted fix of each episode
    end: np.ndarray  # last sorted fix of each episode
    open_start: np.ndarray  # no fix just before the entry
    open_end: np.ndarray  # no fix just after the exit


def find_intrusions(x, y, times, vessels, strict_zone, max_gap_s: float = DEFAULT_MAX_GAP_S, ids=None,
                    layer: str = "tracks", time_field: str = "SJ", vessel_field: str = "CBBH", vessel_types=None,
                    rules: VesselRules | None = None) -> Intrusions:
    """Intrusion episodes of track points (x, y in the zone's CRS) into ``strict_zone``, classified by ``rules``
    (default: the shipped table) from speed, dwell and the optional ``vessel_types`` (one text per fix)."""
    rules = rules or load_vessel_rules()
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(x)
    ids = np.arange(1, n + 1) if ids is None else np.asarray(ids)
    if n == 0:
        raise InputError(Message("航迹点图层为空", "the track layer is empty"), layer=layer)
    if strict_zone is None or shapely.is_empty(strict_zone):
        raise InputError(Message("没有严格管控区", "there is no strict-control zone"), layer="zones")
    seconds = times if isinstance(times, np.ndarray) and times.dtype == np.int64 else None
    bad = np.zeros(n, dtype=bool)
    if seconds is None:
        seconds, bad = parse_times(times)
    vessel_text = np.array(["" if v is None else str(v).strip() for v in vessels], dtype=object)
    no_xy = ~(np.isfinite(x) & np.isfinite(y))
    warnings = _skipped_rows(ids, bad, vessel_text == "", no_xy, layer, time_field, vessel_field)
    use = ~(bad | (vessel_text == "") | no_xy)
    if not use.any():
        raise InputError(Message("没有可用的航迹点（时间、船舶编号或坐标无效）",
                                 "no usable track points (times, vessel ids or positions are bad)"), layer=layer)
    types = np.full(n, "", dtype=object) if vessel_types is None else np.array(
        ["" if v is None else str(v).strip() for v in vessel_types], dtype=object)
    x, y, seconds, vessel_text, types = x[use], y[use], seconds[use], vessel_text[use], types[use]
    shapely.prepare(strict_zone)
    inside = shapely.intersects_xy(strict_zone, x, y)
    names, v_idx = np.unique(vessel_text.astype(str), return_inverse=True)
    runs = _cut_runs(v_idx, seconds, inside, max_gap_s)
    x_s, y_s = x[runs.order], y[runs.order]
    entry_est, exit_est = _edge_times(x_s, y_s, runs, shapely.boundary(strict_zone))
    start, end = runs.start, runs.end
    result = Intrusions(names[runs.vessel[start]].astype(object), runs.t[start], runs.t[end], end - start + 1,
                        runs.open_start, runs.open_end, _episode_points(x_s, y_s, runs), [], ids[~use], warnings,
                        np.round(entry_est).astype(np.int64), np.round(exit_est).astype(np.int64))
    _classify(result, rules, x_s, y_s, runs.t, start, end, runs.joined, types[runs.order], runs.inside, runs.run,
              runs.episode_runs)
    result.monthly = monthly_summary(result, seconds, v_idx, inside)
    return result


def _skipped_rows(ids, bad, no_vessel, no_xy, layer: str, time_field: str, vessel_field: str) -> list[Message]:
    """One note per reason a fix is skipped (unreadable time, no vessel id, no position), naming the rows."""
    warnings: list[Message] = []
    if bad.any():
        warnings.append(Message("图层 {layer} 字段 {f} 时间无法识别的行已跳过（{k} 行）：{rows}",
                                "layer {layer}, field {f}: rows with unreadable times skipped ({k}): {rows}").format(
            layer=layer, f=time_field, k=int(bad.sum()), rows=_ids(ids[bad])))
    if no_vessel.any():
        warnings.append(Message("图层 {layer} 字段 {f} 船舶编号为空的行已跳过：{rows}",
                                "layer {layer}, field {f}: rows without a vessel id skipped: {rows}").format(
            layer=layer, f=vessel_field, rows=_ids(ids[no_vessel])))
    if no_xy.any():
        warnings.append(Message("图层 {layer} 没有坐标的行已跳过：{rows}",
                                "layer {layer}: rows without a position skipped: {rows}").format(
            layer=layer, rows=_ids(ids[no_xy])))
    return warnings


def _cut_runs(v_idx, seconds, inside, max_gap_s: float) -> _Runs:
    """Sort the fixes by vessel and time and cut them into runs: a run ends when the vessel changes, when it
    crosses the zone edge, or at a gap longer than ``max_gap_s``. Episodes are the runs inside."""
    order = np.lexsort((seconds, v_idx))
    v_s, t_s, in_s = v_idx[order], seconds[order], inside[order]
    m = len(order)
    same_vessel = np.zeros(m, dtype=bool)
    same_vessel[1:] = v_s[1:] == v_s[:-1]
    gap = np.zeros(m, dtype=bool)
    gap[1:] = same_vessel[1:] & ((t_s[1:] - t_s[:-1]) > max_gap_s)
    new_run = ~same_vessel | gap
    new_run[1:] |= in_s[1:] != in_s[:-1]
    run = np.cumsum(new_run) - 1
    first = np.flatnonzero(new_run)
    last = np.append(first[1:] - 1, m - 1)
    episode_runs = np.flatnonzero(in_s[first])
    start, end = first[episode_runs], last[episode_runs]
    # open ends: the fix before the entry (after the exit) is of another vessel or beyond a gap
    open_start = ~same_vessel[start] | gap[start]
    after = end + 1
    open_end = np.ones(len(end), dtype=bool)
    has_next = after < m
    open_end[has_next] = ~same_vessel[after[has_next]] | gap[after[has_next]]
    return _Runs(order, v_s, t_s, in_s, same_vessel & ~gap, run, episode_runs, start, end, open_start, open_end)


def _episode_points(x_s, y_s, runs: _Runs) -> np.ndarray:
    """A MultiPoint of the fixes inside, per episode."""
    inside_sorted = np.flatnonzero(runs.inside)
    coords = np.column_stack([x_s[inside_sorted], y_s[inside_sorted]])
    episode_of_fix = np.searchsorted(runs.episode_runs, runs.run[inside_sorted])
    geoms = shapely.multipoints(coords, indices=episode_of_fix) if len(coords) else np.empty(0, dtype=object)
    return np.asarray(geoms, dtype=object)


def _edge_times(x_s, y_s, runs: _Runs, boundary) -> tuple[np.ndarray, np.ndarray]:
    """Estimated entry and exit times (float seconds): the edge crossing interpolated between the fixes either
    side where the episode is bracketed, else the first and last fix inside."""
    t_s, start, end = runs.t, runs.start, runs.end
    entry_est = t_s[start].astype(float)
    exit_est = t_s[end].astype(float)
    closed = ~runs.open_start  # the fix before the entry is outside: interpolate the crossing
    if closed.any():
        before, at = start[closed] - 1, start[closed]
        share = _crossing_share(x_s, y_s, before, at, boundary)
        entry_est[closed] = t_s[before] + share * (t_s[at] - t_s[before])
    closed = ~runs.open_end
    if closed.any():
        at, nxt = end[closed], end[closed] + 1
        share = _crossing_share(x_s, y_s, at, nxt, boundary)
        exit_est[closed] = t_s[at] + share * (t_s[nxt] - t_s[at])
    return entry_est, exit_est


def _classify(result: Intrusions, rules: VesselRules, x_s, y_s, t_s, start, end, joined, types_s, in_s, run,
              episode_runs) -> None:
    """Speeds, class, intrusion flag and 伏季休渔 flag of each episode (arrays sorted by vessel and time)."""
    legs = leg_speeds_kn(x_s, y_s, t_s)  # leg k: fix k -> k+1
    leg_ok = joined[1:] & np.isfinite(legs) if len(legs) else np.zeros(0, dtype=bool)
    lo = start - (~result.open_start).astype(int)  # first leg: from the fix before the entry when bracketed
    hi = end + (~result.open_end).astype(int)  # one past the last leg
    k = len(start)
    min_kn, mean_kn = np.full(k, np.nan), np.full(k, np.nan)
    metres = np.hypot(np.diff(x_s), np.diff(y_s))
    seconds = np.diff(t_s).astype(float)
    for i in range(k):
        ok = leg_ok[lo[i]:hi[i]]
        if ok.any():
            min_kn[i] = float(legs[lo[i]:hi[i]][ok].min())
            mean_kn[i] = float(metres[lo[i]:hi[i]][ok].sum() / seconds[lo[i]:hi[i]][ok].sum() * 3600.0 / M_PER_NMI)
    result.vessel_type = types_s[start]
    groups = np.array([rules.group(t) for t in result.vessel_type], dtype=object)
    result.min_kn, result.mean_kn = min_kn, mean_kn
    result.klass = rules.classify(groups, min_kn, mean_kn, result.dwell_min)
    result.counts = rules.counts(result.klass)
    season_fix = rules.in_season(t_s) & in_s
    any_in_season = np.zeros(k, dtype=bool)
    if season_fix.any():
        any_in_season[np.searchsorted(episode_runs, run[season_fix])] = True
    result.season = (groups == "fishing") & (result.klass == LOITER) & any_in_season
    result.rules = rules


def _crossing_share(x, y, a, b, boundary) -> np.ndarray:
    """Share (0..1) of the way from fix a to fix b where the straight track first meets the zone boundary."""
    segments = shapely.linestrings(np.stack([np.column_stack([x[a], y[a]]), np.column_stack([x[b], y[b]])], axis=1))
    share = np.ones(len(a))
    crossings = shapely.intersection(segments, boundary)
    parts, owner = shapely.get_parts(crossings, return_index=True)
    if len(parts):  # every vertex of every crossing part (points, or a stretch along the edge)
        coords, coord_owner = shapely.get_coordinates(parts, return_index=True)
        segment = owner[coord_owner]
        located = shapely.line_locate_point(segments[segment], shapely.points(coords), normalized=True)
        np.minimum.at(share, segment, located)
    return share


def monthly_summary(result: Intrusions, seconds, vessel_idx, inside) -> list[dict]:
    """Per month: fixes and vessels observed, fixes inside, episodes, intruding vessels, hours inside."""
    month_of_fix = np.asarray(seconds, dtype=np.int64).astype("datetime64[s]").astype("datetime64[M]")
    month_of_episode = result.entry_s.astype("datetime64[s]").astype("datetime64[M]")
    rows = []
    for month in np.unique(month_of_fix):
        fixes = month_of_fix == month
        episodes = month_of_episode == month
        durations = result.duration_s[episodes]
        rows.append({
            "month": str(month),
            "fixes": int(fixes.sum()),
            "vessels": int(len(np.unique(vessel_idx[fixes]))),
            "fixes_inside": int((fixes & inside).sum()),
            "episodes": int(episodes.sum()),
            "intruding_vessels": int(len(np.unique(result.vessel[episodes]))) if episodes.any() else 0,
            "hours_inside": float(durations.sum()) / 3600.0,
            "longest_min": float(durations.max()) / 60.0 if len(durations) else 0.0,
        })
        if result.klass is not None:
            classes = result.klass[episodes]
            rows[-1].update({"intrusions": int(result.counts[episodes].sum()),
                             "transit": int((classes == TRANSIT).sum()), "loiter": int((classes == LOITER).sum()),
                             "unclear": int((classes == UNCLEAR).sum()), "official": int((classes == OFFICIAL).sum()),
                             "season": int(result.season[episodes].sum())})
    return rows


def _ids(values, limit: int = 20) -> str:
    values = [str(v) for v in values]
    return ", ".join(values[:limit]) + (f" (+{len(values) - limit})" if len(values) > limit else "")


def season_fishing(x, y, times, vessels, zone, vessel_types, rules: VesselRules | None = None,
                   max_gap_s: float = DEFAULT_MAX_GAP_S, ids=None, layer: str = "tracks") -> Intrusions:
    """Episodes of fishing vessels operating in ``zone`` (another zone of the park) during 伏季休渔: the same
    episodes and classes as in the strict zone, kept where the season flag holds; never counted as intrusions."""
    found = find_intrusions(x, y, times, vessels, zone, max_gap_s, ids=ids, layer=layer, vessel_types=vessel_types,
                            rules=rules)
    found = found.subset(found.season)
    found.counts = np.zeros(len(found), dtype=bool)
    return found
