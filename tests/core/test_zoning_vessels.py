"""Episode classes on hand-built tracks: transit, loitering, official, the 伏季休渔 season, the rule table."""

import copy
import json

import numpy as np
import pytest

from land_supervision.core.messages import InputError
from land_supervision.core.zoning import find_intrusions, season_fishing
from land_supervision.core.zoning.vessels import DEFAULT_VESSEL_RULES, load_vessel_rules, parse_vessel_rules
from tests.core.test_zoning_cases import X0, Y0, box

ZONE = box(0, 0, 1000, 1000)
KN = 3600.0 / 1852.0  # m/s -> knots


def transit(vessel, kind, start):
    """Every 60 s along y=500 from x=-300 to 1100 (200 m a minute = 12 km/h = 6.4795 kn): inside x=100..900;
    the edges are crossed half-way between fixes, so the estimated dwell is 5.0 minutes."""
    t0 = np.datetime64(start)
    return [(vessel, kind, -300 + 200 * i, 500, t0 + np.timedelta64(60 * i, "s")) for i in range(8)]


def loiter(vessel, kind, start, y=500):
    """x=-100 at 0 s, then x=100, 150 ... 500 every 300 s (50 m each: 0.324 kn), then x=1100 at 3000 s.
    Legs: 200 + 8 x 50 + 600 = 1200 m in 3000 s: mean 1.44 km/h = 0.7775 kn, lowest 0.324 kn.
    Entry half-way through the first leg (150 s); exit 500/600 of the last leg (2700 + 250 = 2950 s):
    dwell 2800 s = 46.667 minutes."""
    t0 = np.datetime64(start)
    xs = [-100] + [100 + 50 * i for i in range(9)] + [1100]
    return [(vessel, kind, x, y, t0 + np.timedelta64(300 * i, "s")) for i, x in enumerate(xs)]


def run(rows, rules=None, types=True, finder=find_intrusions, zone=ZONE):
    rows = [rows[i] for i in np.random.default_rng(3).permutation(len(rows))]
    if finder is season_fishing:
        return season_fishing([X0 + r[2] for r in rows], [Y0 + r[3] for r in rows], [str(r[4]) for r in rows],
                              [r[0] for r in rows], zone, [r[1] for r in rows], rules)
    return finder([X0 + r[2] for r in rows], [Y0 + r[3] for r in rows], [str(r[4]) for r in rows],
                           [r[0] for r in rows], ZONE, vessel_types=[r[1] for r in rows] if types else None,
                           rules=rules)


def by_vessel(result):
    return {v: i for i, v in enumerate(result.vessel)}


def test_transit_loiter_official_and_the_season():
    rows = (transit("T", "货船", "2025-03-10T08:00:00") + loiter("L", "渔船", "2025-03-11T08:00:00")
            + loiter("S", "渔船", "2025-06-01T08:00:00") + loiter("C", "货船", "2025-06-02T08:00:00")
            + transit("F", "渔船", "2025-06-03T08:00:00") + loiter("G", "执法船", "2025-06-04T08:00:00"))
    result = run(rows)
    at = by_vessel(result)
    t, lo = at["T"], at["L"]
    assert result.min_kn[t] == pytest.approx(200 / 60 * KN) and result.mean_kn[t] == pytest.approx(6.4795, abs=1e-4)
    assert result.dwell_min[t] == pytest.approx(5.0)
    assert result.min_kn[lo] == pytest.approx(50 / 300 * KN) and result.mean_kn[lo] == pytest.approx(0.7775, abs=1e-4)
    assert result.dwell_min[lo] == pytest.approx(2800 / 60)
    got = {v: (result.klass[i], bool(result.counts[i]), bool(result.season[i])) for v, i in at.items()}
    assert got == {
        "T": ("穿越", False, False),  # fast, 5 minutes: passing through
        "L": ("停留作业", True, False),  # slow, 47 minutes, March: an intrusion, not the season
        "S": ("停留作业", True, True),  # the same in June by a fishing vessel: also 伏季休渔
        "C": ("停留作业", True, False),  # a cargo ship loitering: an intrusion, but no fishing
        "F": ("穿越", False, False),  # a fishing vessel passing through in June
        "G": ("公务执法", False, False),  # official: never an intrusion
    }
    june = {m["month"]: m for m in result.monthly}["2025-06"]
    assert (june["episodes"], june["intrusions"], june["transit"], june["loiter"], june["official"],
            june["season"]) == (4, 2, 1, 2, 1, 1)


def test_fishing_in_the_season_in_the_use_zone():
    """At y=1500 (use zone only) the loiterer's 11 fixes are all inside: legs 1200 m in 3000 s (0.7775 kn),
    dwell from the first to the last fix, 50 minutes: operating. Only the June fishing vessel is kept."""
    use = box(-2000, -2000, 3000, 3000).difference(ZONE)
    rows = (loiter("S", "渔船", "2025-06-01T08:00:00", y=1500) + loiter("L", "渔船", "2025-03-11T08:00:00", y=1500)
            + loiter("C", "货船", "2025-06-02T08:00:00", y=1500) + transit("F", "渔船", "2025-06-03T08:00:00"))
    found = run(rows, finder=season_fishing, zone=use)
    assert found.vessel.tolist() == ["S"] and found.klass.tolist() == ["停留作业"]
    assert found.dwell_min[0] == pytest.approx(50.0) and found.mean_kn[0] == pytest.approx(0.7775, abs=1e-4)
    assert found.season.tolist() == [True] and found.counts.tolist() == [False]  # not a strict-zone intrusion


def test_without_a_type_field_there_is_no_season_flag_and_no_official():
    rows = loiter("S", "渔船", "2025-06-01T08:00:00") + loiter("G", "执法船", "2025-06-04T08:00:00")
    result = run(rows, types=False)
    assert result.klass.tolist() == ["停留作业", "停留作业"] and not result.season.any()
    assert result.vessel_type.tolist() == ["", ""]


def test_vessel_type_groups():
    rules = load_vessel_rules()
    assert [rules.group(t) for t in ("渔船", " 执法船 ", "货船", None, 30, 55.0, "Fishing")] == [
        "fishing", "official", "", "", "fishing", "official", "fishing"]  # AIS codes 30 and 55 (ITU-R M.1371)


def test_thresholds_come_from_the_table():
    data = json.loads(DEFAULT_VESSEL_RULES.read_text(encoding="utf-8"))
    data["thresholds"]["transit_min_speed_kn"]["value"] = 7.0  # 6.48 kn is no longer a transit
    data["thresholds"]["loiter_min_dwell_min"]["value"] = 50.0  # 46.7 minutes is no longer loitering
    data["classes"]["待核实"]["intrusion"] = False
    result = run(transit("T", "货船", "2025-03-10T08:00:00") + loiter("L", "渔船", "2025-03-11T08:00:00"),
                 rules=parse_vessel_rules(data))
    assert result.klass.tolist() == ["待核实", "待核实"] and not result.counts.any()


def test_season_calendar_edges_and_a_year_of_its_own():
    rules = load_vessel_rules()
    times = np.array(["2025-05-01T11:59:59", "2025-05-01T12:00:00", "2025-09-16T11:59:59", "2025-09-16T12:00:00",
                      "2024-12-31T23:00:00"], dtype="datetime64[s]").astype(np.int64)
    assert rules.in_season(times).tolist() == [False, True, True, False, False]
    data = json.loads(DEFAULT_VESSEL_RULES.read_text(encoding="utf-8"))
    data["fishing_season"]["periods"].append({"year": "2026", "start": "04-20T12:00", "end": "09-01T12:00"})
    own = parse_vessel_rules(data)
    times = np.array(["2026-04-25T00:00:00", "2026-09-10T00:00:00", "2025-06-01T00:00:00", "2025-04-25T00:00:00"],
                     dtype="datetime64[s]").astype(np.int64)
    assert own.in_season(times).tolist() == [True, False, True, False]  # 2026 by its own dates, 2025 by "*"


def test_bad_tables_are_refused_by_name():
    data = json.loads(DEFAULT_VESSEL_RULES.read_text(encoding="utf-8"))
    official = copy.deepcopy(data)
    official["classes"]["公务执法"]["intrusion"] = True
    with pytest.raises(InputError, match="official vessels cannot count"):
        parse_vessel_rules(official)
    missing = copy.deepcopy(data)
    missing["thresholds"]["slow_max_speed_kn"]["value"] = "slow"
    with pytest.raises(InputError, match="slow_max_speed_kn"):
        parse_vessel_rules(missing)
    backwards = copy.deepcopy(data)
    backwards["fishing_season"]["periods"] = [{"year": "*", "start": "09-16T12:00", "end": "05-01T12:00"}]
    with pytest.raises(InputError, match="item 1"):
        parse_vessel_rules(backwards)


def test_every_shipped_value_names_its_source():
    data = json.loads(DEFAULT_VESSEL_RULES.read_text(encoding="utf-8"))
    assert all(entry["source"] for entry in data["thresholds"].values())
    assert all(entry["source"] for entry in data["classes"].values())
    assert "农业农村部" in data["fishing_season"]["source"]
