"""Intrusion episodes on hand-built tracks: unsorted rows, a gap, a month boundary, bad timestamps."""

import numpy as np
import pytest

from land_supervision.core.messages import InputError
from land_supervision.core.zoning import find_intrusions, parse_times
from land_supervision.core.zoning.intrusions import iso
from tests.core.test_zoning_cases import X0, Y0, box


def _tracks():
    rows = []  # (vessel, x, y, time)
    a0 = np.datetime64("2025-03-31T23:58:00")
    for i, x in enumerate(range(-500, 1501, 200)):  # A crosses: fixes 3..7 (x=100..900) inside
        rows.append(("A", x, 500, a0 + np.timedelta64(60 * i, "s")))
    b0 = np.datetime64("2025-03-10T08:00:00")
    for i in range(6):  # B inside 08:00-08:05, then no fix for an hour
        rows.append(("B", 500, 500, b0 + np.timedelta64(60 * i, "s")))
    for i in range(3):  # inside again 09:05-09:07, then out
        rows.append(("B", 500, 500, b0 + np.timedelta64(3900 + 60 * i, "s")))
    rows.append(("B", 1500, 500, b0 + np.timedelta64(4080, "s")))
    for i in range(4):  # C never inside
        rows.append(("C", -800, -800 + 100 * i, b0 + np.timedelta64(600 * i, "s")))
    order = np.random.default_rng(1).permutation(len(rows))
    rows = [rows[i] for i in order]
    vessels = [r[0] for r in rows]
    x = np.array([X0 + r[1] for r in rows], dtype=float)
    y = np.array([Y0 + r[2] for r in rows], dtype=float)
    times = [str(r[3]) for r in rows]
    return vessels, x, y, times


def test_episodes_from_unsorted_rows_with_a_gap():
    vessels, x, y, times = _tracks()
    result = find_intrusions(x, y, times, vessels, box(0, 0, 1000, 1000), max_gap_s=1800)
    got = sorted(zip(result.vessel, iso(result.entry_s), iso(result.exit_s), result.points, result.duration_s,
                     result.open_start, result.open_end))
    assert got == [
        ("A", "2025-04-01T00:01:00", "2025-04-01T00:05:00", 5, 240, False, False),
        ("B", "2025-03-10T08:00:00", "2025-03-10T08:05:00", 6, 300, True, True),
        ("B", "2025-03-10T09:05:00", "2025-03-10T09:07:00", 3, 120, True, False),
    ]
    assert len(result.geoms) == 3 and sorted(len(g.geoms) for g in result.geoms) == [3, 5, 6]


def test_monthly_summary():
    vessels, x, y, times = _tracks()
    result = find_intrusions(x, y, times, vessels, box(0, 0, 1000, 1000))
    march, april = result.monthly
    # B sits still for 5 and 2.5 minutes (too short to be loitering: 待核实); A crosses at 6.48 kn (穿越)
    assert march == {"month": "2025-03", "fixes": 16, "vessels": 3, "fixes_inside": 9, "episodes": 2,
                     "intruding_vessels": 1, "hours_inside": pytest.approx(420 / 3600), "longest_min": 5.0,
                     "intrusions": 2, "transit": 0, "loiter": 0, "unclear": 2, "official": 0, "season": 0}
    assert april == {"month": "2025-04", "fixes": 9, "vessels": 1, "fixes_inside": 5, "episodes": 1,
                     "intruding_vessels": 1, "hours_inside": pytest.approx(240 / 3600), "longest_min": 4.0,
                     "intrusions": 0, "transit": 1, "loiter": 0, "unclear": 0, "official": 0, "season": 0}


def test_a_long_gap_threshold_joins_the_episodes():
    vessels, x, y, times = _tracks()
    result = find_intrusions(x, y, times, vessels, box(0, 0, 1000, 1000), max_gap_s=7200)
    b = sorted((e, n) for v, e, n in zip(result.vessel, iso(result.entry_s), result.points) if v == "B")
    assert b == [("2025-03-10T08:00:00", 9)]


def test_bad_timestamps_are_named_and_skipped():
    vessels, x, y, times = _tracks()
    vessels += ["B", "B", "B"]
    x = np.append(x, [X0 + 500] * 3)
    y = np.append(y, [Y0 + 500] * 3)
    times += ["2025-02-30T10:00:00", "yesterday", None]
    ids = np.arange(101, 101 + len(times))
    result = find_intrusions(x, y, times, vessels, box(0, 0, 1000, 1000), ids=ids, layer="tracks_x")
    assert result.bad_rows.tolist() == ids[-3:].tolist()
    text = str(result.warnings[0])
    assert all(str(i) in text for i in ids[-3:]) and "SJ" in text and "tracks_x" in text
    assert len(result) == 3  # the good rows give the same episodes


def test_all_bad_or_empty_is_refused():
    with pytest.raises(InputError, match="no usable"):
        find_intrusions([X0], [Y0], ["never"], ["A"], box(0, 0, 1000, 1000))
    with pytest.raises(InputError, match="empty"):
        find_intrusions([], [], [], [], box(0, 0, 1000, 1000))


def test_time_parsing_offsets_to_beijing_time():
    seconds, bad = parse_times(["2025-03-10T00:00:00Z", "2025-03-10 08:00:00", "2025-03-10T09:00:00+09:00"])
    assert not bad.any()
    assert iso(seconds).tolist() == ["2025-03-10T08:00:00"] * 3
    seconds, bad = parse_times(["2025-03-10T08:00:00", None])
    assert bad.tolist() == [False, True]


def test_entry_and_exit_interpolated_at_the_zone_edge():
    vessels, x, y, times = _tracks()
    result = find_intrusions(x, y, times, vessels, box(0, 0, 1000, 1000), max_gap_s=1800)
    got = sorted(zip(result.vessel, iso(result.entry_est_s), iso(result.exit_est_s)))
    # A crosses x=0 half-way between its fixes at x=-100 (00:00:00) and x=100 (00:01:00), and x=1000 half-way
    # between x=900 (00:05:00) and x=1100 (00:06:00); B's open ends keep the observed fixes; B leaves half-way
    # between x=500 (09:07:00) and x=1500 (09:08:00)
    assert got == [
        ("A", "2025-04-01T00:00:30", "2025-04-01T00:05:30"),
        ("B", "2025-03-10T08:00:00", "2025-03-10T08:05:00"),
        ("B", "2025-03-10T09:05:00", "2025-03-10T09:07:30"),
    ]
