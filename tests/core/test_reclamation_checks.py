"""Hand-built acceptance cases: one per reason code, answers worked out from the drawn boxes.

Coordinates in EPSG:4549 around (600000, 3400000). Baseline: construction (0702) on x 0..500, 耕地 (0101)
on x 500..1000, y 0..1000; project P1 is the box 0..1000. Plots are 30 m x 30 m (900 m2 planar, 1.35 亩)
unless said. Every quality value is good unless the case is about it.
"""

import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer

from land_supervision.core.reclamation.acceptance import Baseline, run_acceptance
from land_supervision.core.reclamation.codes import ACCEPTED, FAIL, NOT_CHECKED, PASS, PENDING, REJECTED
from land_supervision.core.reclamation.inputs import Plots, Projects
from land_supervision.core.reclamation.rules import load_rules

X0, Y0 = 600000.0, 3400000.0
GOOD = {"soil_depth": 80, "plough_layer": 25, "gravel": 2, "ph": 6.5, "organic_matter": 2.0, "drainage": "有",
        "road_access": "是"}


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def sq(x, y, size=30):
    return box(x, y, x + size, y + size)


# (id, project, declared 亩, target, geometry, quality overrides)
CASES = [
    ("OK1", "P1", 1.35, "0101", sq(10, 10), {}),
    ("R01", "P1", 1.35, "0101", sq(600, 10), {}),
    ("R02", "P1", 1.35, "0101", sq(-10, 100), {}),
    ("R03a", "P1", 1.35, "0101", sq(100, 100), {}),
    ("R03b", "P1", 1.35, "0101", sq(120, 100), {}),
    ("R04", "P1", 1.50, "0101", sq(200, 10), {}),
    ("R05", "P1", 1.35, "0301", sq(250, 10), {}),
    ("R06", "P1", 1.35, "0101", sq(10, 900), {}),
    ("R07", "P1", 1.35, "0101", sq(310, 900), {}),
    ("R08", "P1", 1.35, "0101", sq(10, 610), {}),
    ("R09", "P1", 0.15, "0101", sq(300, 10, 10), {}),
    ("R10", "P1", 1.35, "0101", shapely.Polygon([(X0 + 350, Y0 + 210), (X0 + 380, Y0 + 240), (X0 + 380, Y0 + 210),
                                                 (X0 + 350, Y0 + 240)]), {}),
    ("R11", "P9", 1.35, "0101", sq(10, 300), {}),
    ("D1", "P1", 1.35, "0101", sq(400, 10), {}),
    ("D1", "P1", 1.35, "0101", sq(400, 100), {}),
    ("R13", "P1", 1.35, "0101", sq(10, 400), {"soil_depth": 50}),
    ("R14", "P1", 1.35, "0101", sq(50, 400), {"plough_layer": 15}),
    ("R15", "P1", 1.35, "0101", sq(90, 400), {"gravel": 8}),
    ("R16", "P1", 1.35, "0101", sq(130, 400), {"ph": 9.0}),
    ("R17", "P1", 1.35, "0101", sq(170, 400), {"organic_matter": 1.0}),
    ("R18", "P1", 1.35, "0101", sq(210, 400), {"drainage": "无"}),
    ("R19", "P1", 1.35, "0101", sq(250, 400), {"road_access": "否"}),
    ("NC_SOIL", "P1", 1.35, "0102", sq(290, 400), {"soil_depth": None}),
    ("NC_PROJ", "", 1.35, "0101", sq(330, 400), {}),
    ("NC_AREA", "P1", None, "0103", sq(370, 400), {}),
    ("SHARE67", "P1", 1.35, "0101", sq(480, 200), {}),
    ("SHARE90", "P1", 1.35, "0101", sq(473, 300), {}),
    ("EXTRA", "P2", 1.35, "0201", box(2010, 10, 2040, 40), {}),
]


def build(cases=CASES, rules=None, with_constraints=True):
    quality = {key: [{**GOOD, **c[5]}[key] for c in cases] for key in GOOD}
    plots = Plots.build([c[0] for c in cases], [c[1] for c in cases], [c[2] for c in cases],
                        [c[3] for c in cases], [c[4] for c in cases], quality)
    projects = Projects.build(["P1", "P2"], ["项目一", "项目二"], ["当湖街道", "新埭镇"], [30.0, 2.0],
                              [box(0, 0, 1000, 1000), box(2000, 0, 2100, 100)], extra_classes=["", "0201"])
    baseline = Baseline([box(0, 0, 500, 1000), box(500, 0, 1000, 1000), box(2000, 0, 2100, 100)],
                        ["0702", "0101", "0601"])
    kwargs = {}
    if with_constraints:
        kwargs = dict(dev_boundary=np.array([box(0, 800, 200, 1000)]), eco_redline=np.array([box(300, 800, 450, 1000)]),
                      prior_plots=np.array([box(0, 600, 40, 640)]), prior_ids=["OLD1"])
    return run_acceptance(plots, projects, baseline, rules or load_rules(), **kwargs)


@pytest.fixture(scope="module")
def result():
    return build()


def row(result, plot_id, nth=0):
    return [i for i, v in enumerate(result.plots.ids) if v == plot_id][nth]


def test_clean_plot_is_accepted(result):
    i = row(result, "OK1")
    assert result.verdicts[i] == ACCEPTED
    assert result.reasons(i) == []
    assert all(result.states[c][i] == PASS for c in result.states)


@pytest.mark.parametrize("plot_id,code", [
    ("R01", "R01_NOT_CONSTRUCTION"), ("R02", "R02_OUTSIDE_PROJECT"), ("R03a", "R03_OVERLAP"),
    ("R03b", "R03_OVERLAP"), ("R04", "R04_AREA_MISMATCH"), ("R05", "R05_TARGET_CLASS"),
    ("R06", "R06_IN_DEV_BOUNDARY"), ("R07", "R07_IN_ECO_REDLINE"), ("R08", "R08_PRIOR_OVERLAP"),
    ("R09", "R09_TOO_SMALL"), ("R10", "R10_INVALID_GEOMETRY"), ("R11", "R11_NO_PROJECT"),
    ("D1", "R12_DUPLICATE_ID"), ("R13", "R13_SOIL_DEPTH"), ("R14", "R14_PLOUGH_LAYER"), ("R15", "R15_GRAVEL"),
    ("R16", "R16_PH"), ("R17", "R17_ORGANIC_MATTER"), ("R18", "R18_DRAINAGE"), ("R19", "R19_ROAD_ACCESS"),
    ("SHARE67", "R01_NOT_CONSTRUCTION"),
])
def test_each_reason_code(result, plot_id, code):
    i = row(result, plot_id)
    assert result.verdicts[i] == REJECTED
    assert code in result.reasons(i)
    assert code[:3] in result.reason_text(i, "zh") and code[:3] in result.reason_text(i, "en")


def test_single_failures_have_only_their_code(result):
    for plot_id in ("R04", "R05", "R06", "R07", "R08", "R13", "R14", "R15", "R16", "R17", "R18", "R19", "R11"):
        i = row(result, plot_id)
        expected = {"R11": "R11_NO_PROJECT"}.get(plot_id)
        codes = result.reasons(i)
        assert len(codes) == 1, (plot_id, codes)
        if expected:
            assert codes == [expected]


def test_details(result):
    # R02: 10 m x 30 m outside the project
    assert result.details["R02_OUTSIDE_PROJECT"][row(result, "R02")] == "300.0 m2"
    # the two overlapping plots name each other
    assert result.details["R03_OVERLAP"][row(result, "R03a")] == "R03b"
    assert result.details["R03_OVERLAP"][row(result, "R03b")] == "R03a"
    assert "OLD1" in result.details["R08_PRIOR_OVERLAP"][row(result, "R08")]
    # second duplicate fails too
    assert "R12_DUPLICATE_ID" in result.reasons(row(result, "D1", 1))


def test_construction_share_values(result):
    assert result.share[row(result, "R01")] == pytest.approx(0.0)
    assert result.share[row(result, "SHARE67")] == pytest.approx(20 / 30)
    i = row(result, "SHARE90")
    assert result.share[i] == pytest.approx(0.9)  # 27 of 30 m on construction land: exactly the threshold
    assert result.states["R01_NOT_CONSTRUCTION"][i] == PASS
    # R02 sticks 10 m out of the baseline: share 20/30 with a third uncovered -> cannot decide
    j = row(result, "R02")
    assert result.coverage[j] == pytest.approx(2 / 3)
    assert result.states["R01_NOT_CONSTRUCTION"][j] == NOT_CHECKED


def test_missing_data_is_not_checked_never_pass(result):
    i = row(result, "NC_SOIL")
    assert result.states["R13_SOIL_DEPTH"][i] == NOT_CHECKED
    assert result.verdicts[i] == PENDING
    j = row(result, "NC_PROJ")
    assert result.states["R11_NO_PROJECT"][j] == NOT_CHECKED
    assert result.states["R02_OUTSIDE_PROJECT"][j] == NOT_CHECKED
    assert result.verdicts[j] == PENDING
    k = row(result, "NC_AREA")
    assert result.states["R04_AREA_MISMATCH"][k] == NOT_CHECKED
    assert result.verdicts[k] == PENDING
    # each is named in the warnings with layer, feature and field
    text = "\n".join(w.describe() for w in result.warnings)
    assert "NC_PROJ" in text and "'XMBH'" in text
    assert "NC_AREA" in text and "'SBMJ'" in text


def test_project_declared_extra_class(result):
    i = row(result, "EXTRA")
    assert result.states["R05_TARGET_CLASS"][i] == PASS
    assert result.verdicts[i] == ACCEPTED


def test_no_constraint_layers_means_not_checked():
    res = build(with_constraints=False)
    i = row(res, "OK1")
    for code in ("R06_IN_DEV_BOUNDARY", "R07_IN_ECO_REDLINE", "R08_PRIOR_OVERLAP"):
        assert res.states[code][i] == NOT_CHECKED
    assert res.verdicts[i] == PENDING


def test_measured_area_is_ellipsoidal(result):
    """Independent oracle: pyproj Geod on the corners taken to CGCS2000 lon/lat."""
    i = row(result, "OK1")
    to_ll = Transformer.from_crs("EPSG:4549", "EPSG:4490", always_xy=True)
    xs, ys = shapely.get_coordinates(result.plots.geometry[i]).T
    lon, lat = to_ll.transform(xs, ys)
    area, _ = Geod(ellps="GRS80").polygon_area_perimeter(lon, lat)
    assert result.measured_m2[i] == pytest.approx(abs(area), rel=1e-7)
    # 100 km east of the central meridian the planar square is about 0.025% larger
    assert 0.9996 < result.measured_m2[i] / 900.0 < 0.99985


def test_area_tolerance_uses_larger_of_ratio_and_mu():
    # 300 m x 300 m = 90000 m2 = 135 亩: 1% = 1.35 亩 > 0.1 亩; declared 136.3 (diff ~1.3) passes, 136.5 fails
    cases = [("A", "P1", 136.3, "0101", box(100, 300, 400, 600), {}),
             ("B", "P2", 136.5, "0101", box(2000, 0, 2300, 300), {})]
    res = build(cases)
    assert res.states["R04_AREA_MISMATCH"].tolist() == [PASS, FAIL]


def test_verdicts_are_one_of_three(result):
    assert set(result.verdicts) == {ACCEPTED, REJECTED, PENDING}


def test_invalid_baseline_patch_is_repaired_not_fatal():
    # a self-intersecting (bowtie) construction patch under half of a plot: the overlay is done on its repair
    bowtie = shapely.Polygon([(X0, Y0), (X0 + 100, Y0 + 100), (X0 + 100, Y0), (X0, Y0 + 100)])
    assert not bowtie.is_valid
    plots = Plots.build(["A"], ["P1"], [1.35], ["0101"], [sq(40, 10)], {k: [v] for k, v in GOOD.items()})
    projects = Projects.build(["P1"], ["x"], [""], [1.35], [box(0, 0, 1000, 1000)])
    res = run_acceptance(plots, projects, Baseline([bowtie, box(0, 0, 1000, 1000).difference(box(0, 0, 100, 100))],
                                                   ["0702", "0101"]), load_rules())
    # GEOS refuses the bowtie ("Self-intersection at 50 50"); its repair is two triangles, of which the right one
    # (100,0)-(50,50)-(100,100) holds x >= 100 - y of the plot: the integral of (y - 30) dy over y 30..40 = 50 m2
    assert res.share[0] == pytest.approx(50 / 900)
    assert res.coverage[0] == pytest.approx(50 / 900)  # the rest of the plot lies in the repaired hole
    assert res.verdicts == [PENDING]  # could still be construction land where the baseline has a hole


def test_duplicate_project_id_is_named():
    plots = Plots.build(["A"], ["P1"], [1.35], ["0101"], [sq(10, 10)], {k: [v] for k, v in GOOD.items()})
    projects = Projects.build(["P1", "P1"], ["x", "y"], ["", ""], [1.35, 2.0],
                              [box(0, 0, 1000, 1000), box(2000, 0, 3000, 1000)])
    res = run_acceptance(plots, projects, Baseline([box(0, 0, 1000, 1000)], ["0702"]), load_rules())
    text = "\n".join(w.describe() for w in res.warnings)
    assert "P1" in text and "2" in text and "'XMBH'" in text  # the second project (feature 2) is named
    assert res.project_index.tolist() == [0]  # its plots belong to the first


def test_cancel_during_the_overlay():
    from land_supervision.core.reclamation.checks_geometry import CanceledError

    with pytest.raises(CanceledError):
        build_kwargs = {"is_canceled": lambda: True}
        quality = {key: [{**GOOD, **c[5]}[key] for c in CASES] for key in GOOD}
        plots = Plots.build([c[0] for c in CASES], [c[1] for c in CASES], [c[2] for c in CASES],
                            [c[3] for c in CASES], [c[4] for c in CASES], quality)
        projects = Projects.build(["P1"], ["x"], [""], [30.0], [box(0, 0, 1000, 1000)])
        run_acceptance(plots, projects, Baseline([box(0, 0, 500, 1000)], ["0702"]), load_rules(), **build_kwargs)
