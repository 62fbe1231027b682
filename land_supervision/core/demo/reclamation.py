"""Demo layers of the reclamation tool: projects, plots (with deliberate failures of every reason code),
earlier accepted plots and a small illustrative ecological red line.

Plots sit mostly on rural construction cells of the baseline outside the urban development boundary. The
column ``DEMO_YQ`` (demo only) names the reason code each deliberately bad plot must get.
"""

from __future__ import annotations

import numpy as np
import shapely

from ..geodesy import ellipsoidal_area
from ..landclass import is_construction_code
from ..tables import FeatureTable
from ..units import m2_to_mu
from .context import DemoContext

# (town, count) of the demo projects: 10 projects in 6 towns
PROJECT_TOWNS = [("新埭镇", 2), ("广陈镇", 2), ("新仓镇", 2), ("林埭镇", 2), ("曹桥街道", 1), ("独山港镇", 1)]
GOOD = {"YXTCHD": 80.0, "GZCHD": 25.0, "LSHL": 2.0, "TRPH": 6.8, "YJZHL": 2.1, "PGSS": "有", "TJDL": "有"}
QUALITY_FIELDS = [("YXTCHD", "float"), ("GZCHD", "float"), ("LSHL", "float"), ("TRPH", "float"),
                  ("YJZHL", "float"), ("PGSS", "str"), ("TJDL", "str")]
PLOT_FIELDS = [("DKBH", "str"), ("XMBH", "str"), ("SBMJ", "float"), ("MBDL", "str")] + QUALITY_FIELDS + [
    ("ZLDB", "int"), ("DEMO_YQ", "str")]
CHAIN_FIELDS = [("XMBH", "str"), ("HJ", "str"), ("NYDMJ", "float"), ("GDMJ", "float"), ("STMJ", "float"),
                ("SJDMJ", "float"), ("HDMJ", "float"), ("ZLDB", "float")]
CHAIN_STEPS = ("规划新增", "县级自验扣减", "上报验收", "市级实地扣减", "省厅核减", "确认新增")
KIND_FIELDS = {"0101": "STMJ", "0102": "SJDMJ", "0103": "HDMJ"}
PROJECT_FIELDS = [("XMBH", "str"), ("XMMC", "str"), ("XZQMC", "str"), ("XZGDMJ", "float"), ("YSND", "int"),
                  ("ZBLX", "str"), ("YXDL", "str"), ("JXAZMJ", "float"), ("GHXZMJ", "float"), ("XJKJMJ", "float"),
                  ("SBYSMJ", "float"), ("SJKJMJ", "float"), ("STHJMJ", "float"), ("QRXZMJ", "float")]
# the deliberate failures: (project number, code)
FAILURES = [(0, "R01"), (0, "R02"), (1, "R03"), (1, "R04"), (2, "R05"), (9, "R06"), (3, "R07"), (3, "R08"),
            (4, "R09"), (4, "R10"), (5, "R11"), (5, "R12"), (6, "R13"), (6, "R14"), (7, "R15"), (7, "R16"),
            (8, "R17"), (8, "R18"), (2, "R19")]


def _square(x, y, size):
    half = size / 2.0
    return shapely.box(x - half, y - half, x + half, y + half)


class _Builder:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rng = ctx.rng("reclamation")
        self.grade_rng = ctx.rng("reclamation_grades")  # its own stream: the plots stay where they were
        base = ctx["demo_baseline_dltb"]
        self.cells = base.geometry
        self.codes = np.asarray(base.columns["DLBM"], dtype=object)
        self.town_codes = np.asarray(base.columns["XZQDM"], dtype=object)
        self.inner = shapely.point_on_surface(self.cells)
        self.xy = shapely.get_coordinates(self.inner)
        self.dev = shapely.union_all(ctx["demo_dev_boundary"].geometry)
        self.in_dev = shapely.contains_xy(self.dev, self.xy[:, 0], self.xy[:, 1])
        self.construction = np.array([is_construction_code(c) for c in self.codes])
        self.used = np.zeros(len(self.cells), dtype=bool)
        towns = ctx["demo_towns"]
        self.town_code_of = dict(zip(towns.columns["XZQMC"], towns.columns["XZQDM"]))
        self.plots: list[dict] = []
        self.prior: list = []

    def nearest_cells(self, mask, x, y, k):
        idx = np.flatnonzero(mask & ~self.used)
        order = np.argsort(np.hypot(self.xy[idx, 0] - x, self.xy[idx, 1] - y))
        return idx[order[:k]]

    def plot_in(self, cell: int, size: float):
        """A square plot inside baseline cell ``cell`` (shrunk until it fits; small cells at large SCALE)."""
        x, y = self.xy[cell]
        for factor in (1.0, 0.75, 0.5, 0.35, 0.25, 0.15, 0.1):
            geom = _square(x, y, size * factor)
            if shapely.within(geom, self.cells[cell]):
                self.used[cell] = True
                return geom
        return None

    def add(self, project: str, geom, target="0101", declared=None, quality=None, expect="", plot_id=None):
        mu = float(m2_to_mu(ellipsoidal_area([geom], self.ctx.crs)[0])) if geom is not None and geom.is_valid else 0
        if declared is None:
            declared = round(mu * (1.0 + self.rng.uniform(-0.003, 0.003)), 2)
        row = {"DKBH": plot_id or f"{project}-{len(self.plots) + 1:03d}", "XMBH": project, "SBMJ": declared,
               "MBDL": target, "geom": geom, "DEMO_YQ": expect, **GOOD, **(quality or {}),
               "ZLDB": int(self.grade_rng.integers(3, 8)) if str(target).startswith("010") else None}
        self.plots.append(row)
        return row


def add_layers(ctx: DemoContext) -> None:
    """Add demo_reclamation_projects, demo_reclamation_plots, demo_prior_plots, demo_reclamation_redline."""
    b = _Builder(ctx)
    projects = []
    number = 0
    for town, count in PROJECT_TOWNS:
        code = b.town_code_of[town]
        for _ in range(count):
            projects.append(_project(b, number, town, code))
            number += 1
    redline = _failures(b, projects)
    _prior(b)
    # project boundaries: hull of the project's ordinary plots, 25 m around
    proj_geoms = []
    for p in projects:
        members = [r["geom"] for r in b.plots if r["XMBH"] == p["XMBH"] and r["DEMO_YQ"] not in ("R02", "R11")
                   and r["geom"] is not None]
        proj_geoms.append(shapely.convex_hull(shapely.union_all(shapely.make_valid(np.array(members)))).buffer(25.0))
    for p in projects:  # declared new 耕地 = declared areas of its plots
        p["XZGDMJ"] = round(sum(r["SBMJ"] for r in b.plots if r["XMBH"] == p["XMBH"] and r["SBMJ"] is not None), 2)
    chain_rows = _chain(projects, b.plots)
    ctx.add(FeatureTable(
        "demo_reclamation_projects", PROJECT_FIELDS, {name: [p.get(name) for p in projects] for name, _ in
                                                      PROJECT_FIELDS},
        np.array(proj_geoms, dtype=object), "Polygon", ctx.crs, "复垦项目区 reclamation projects (area chain in 亩)"))
    ctx.add(FeatureTable(
        "demo_reclamation_plots", PLOT_FIELDS, {name: [r.get(name) for r in b.plots] for name, _ in PLOT_FIELDS},
        np.array([r["geom"] for r in b.plots], dtype=object), "Polygon", ctx.crs,
        "复垦地块 reclamation plots with field-survey values; DEMO_YQ names the failure each bad plot must show"))
    ctx.add(FeatureTable(
        "demo_reclamation_chain", CHAIN_FIELDS, {name: [r.get(name) for r in chain_rows] for name, _ in CHAIN_FIELDS},
        None, "None", description="复垦项目面积链台账 recorded area chains (亩; 农用地, 耕地 by kind, 质量等别), "
                                  "one row per project and step"))
    ctx.add(FeatureTable(
        "demo_prior_plots", [("DKBH", "str"), ("YSND", "int")],
        {"DKBH": [f"FK2019-{i + 1:03d}" for i in range(len(b.prior))], "YSND": [2019] * len(b.prior)},
        np.array(b.prior, dtype=object), "Polygon", ctx.crs, "以往已验收复垦地块 plots accepted before"))
    ctx.add(FeatureTable(
        "demo_reclamation_redline", [("MC", "str")], {"MC": ["示意生态保护红线"]}, np.array([redline], dtype=object),
        "Polygon", ctx.crs, "生态保护红线 (illustrative, around one demo plot)"))


def _project(b: _Builder, number: int, town: str, code: str) -> dict:
    rng = b.rng
    pid = f"FK2022-{number + 1:02d}"
    rural = b.construction & ~b.in_dev & (b.town_codes == code) & ~b.used
    if number == 9:  # a project at the edge of the urban development boundary (R06)
        near = b.construction & b.in_dev & (b.town_codes == code) & ~b.used
        edge = shapely.distance(shapely.boundary(b.dev), b.inner)
        candidates = np.flatnonzero(near & (edge < 200))
    else:
        candidates = np.flatnonzero(rural)
    centre = candidates[rng.integers(len(candidates))]
    x, y = b.xy[centre]
    cells = b.nearest_cells(rural, x, y, 7)
    for cell in cells:
        geom = b.plot_in(cell, rng.uniform(55.0, 80.0))
        if geom is not None:
            target = rng.choice(["0101", "0101", "0101", "0101", "0102", "0103"])
            quality = {}
            if rng.random() < 0.12:  # a field value not recorded yet -> not checked -> 待核实
                quality[rng.choice(list(GOOD))] = None
            b.add(pid, geom, str(target), quality=quality)
    kind = "增减挂钩+补充耕地" if number % 2 == 0 else "占补平衡"  # a linkage batch credits both (seeds: 2022)
    return {"XMBH": pid, "XMMC": f"{town}{number + 1}号建设用地复垦项目", "XZQMC": town, "YSND": 2022, "ZBLX": kind,
            "YXDL": "0201" if number == 2 else "", "centre": (x, y), "cell": int(centre)}


def _failures(b: _Builder, projects: list[dict]):
    """One plot per reason code (plus a not-checked case); returns the illustrative red line."""
    redline = None
    for number, code in FAILURES:
        p = projects[number]
        pid = p["XMBH"]
        x, y = p["centre"]
        ordinary = [r for r in b.plots if r["XMBH"] == pid and not r["DEMO_YQ"]]
        if code == "R06":
            geom = b.plot_in(p["cell"], 60.0)
            b.add(pid, geom, expect=code)
            continue
        if code == "R01":  # on a 耕地 cell next to the project
            farm = np.isin(b.codes, ["0101", "0102", "0103"])
            cell = b.nearest_cells(farm, x, y, 1)[0]
            b.add(pid, b.plot_in(cell, 60.0), expect=code)
            continue
        if code in ("R03", "R08", "R02"):
            base = ordinary[0]["geom"]
            minx, miny, maxx, maxy = base.bounds
            if code == "R03":
                shift = (maxx - minx) * 0.5
                b.add(pid, shapely.transform(base, lambda c, s=shift: c + [s, 0.0]), expect=code)
                ordinary[0]["DEMO_YQ"] = code  # the plot it overlaps fails too
            elif code == "R08":
                b.prior.append(shapely.transform(base, lambda c: c + [10.0, 10.0]))
                ordinary[0]["DEMO_YQ"] = code
            else:  # R02: a plot 200 m outside the project's hull, on a construction cell
                far = b.nearest_cells(b.construction & ~b.in_dev, x + 700.0, y + 700.0, 1)[0]
                b.add(pid, b.plot_in(far, 60.0), expect=code)
            continue
        failed_redline = _failure_near(b, pid, code, x, y, ordinary)
        if failed_redline is not None:
            redline = failed_redline
    return redline


def _failure_near(b: _Builder, pid: str, code: str, x: float, y: float, ordinary: list[dict]):
    """The failing plot of ``code`` on a construction cell near the project; the red line for R07, else None."""
    cell = b.nearest_cells(b.construction & ~b.in_dev, x, y, 1)[0]
    geom = b.plot_in(cell, 60.0)
    if code == "R04":
        row = b.add(pid, geom, expect=code)
        row["SBMJ"] = round(row["SBMJ"] * 1.12, 2)
    elif code == "R05":
        b.add(pid, geom, target="0204", expect=code)
    elif code == "R07":
        b.add(pid, geom, expect=code)
        return geom.buffer(40.0)  # the illustrative red line
    elif code == "R09":
        b.add(pid, _square(*b.xy[cell], 16.0), expect=code)
    elif code == "R10":
        cx, cy = b.xy[cell]
        bowtie = shapely.Polygon([(cx - 30, cy - 30), (cx + 30, cy + 30), (cx + 30, cy - 30), (cx - 30, cy + 30)])
        b.add(pid, bowtie, declared=2.7, expect=code)
    elif code == "R11":
        b.add("FK2022-99", geom, expect=code)
        cell2 = b.nearest_cells(b.construction & ~b.in_dev, x, y, 1)[0]
        # no project id at all: to be traced (待核实)
        b.add("", b.plot_in(cell2, 60.0), expect="R11?", plot_id="WXM-001")
    elif code == "R12":
        b.add(pid, geom, expect=code, plot_id=ordinary[1]["DKBH"])
        ordinary[1]["DEMO_YQ"] = code
    else:
        bad = {"R13": {"YXTCHD": 45.0}, "R14": {"GZCHD": 15.0}, "R15": {"LSHL": 9.0}, "R16": {"TRPH": 4.6},
               "R17": {"YJZHL": 0.9}, "R18": {"PGSS": "无"}, "R19": {"TJDL": "无"}}[code]
        b.add(pid, geom, quality=bad, expect=code)
    return None


def _prior(b: _Builder) -> None:
    """Earlier accepted plots elsewhere (on cells no current plot uses)."""
    cells = np.flatnonzero(b.construction & ~b.in_dev & ~b.used)
    for cell in b.rng.choice(cells, size=min(12, len(cells)), replace=False):
        geom = b.plot_in(int(cell), 60.0)
        if geom is not None:
            b.prior.append(geom)


def _chain(projects: list[dict], plots: list[dict]) -> list[dict]:
    """Recorded area chains (亩): in the area-chain table for every fourth project (split by kind and graded),
    as single 耕地 figures on the project layer for the next ones, none for the odd ones (the run computes
    those); project 4 is below the 90% line; paired 建新 area for the linkage projects."""
    rows = []
    for number, p in enumerate(projects):
        planned = p["XZGDMJ"]
        if p["ZBLX"].startswith("增减挂钩"):
            p["JXAZMJ"] = round(planned * 0.35, 2)
        if number % 2 == 1:
            continue
        county = round(planned * (0.16 if number == 4 else 0.03), 2)
        submitted = round(planned - county, 2)
        city = round(submitted * 0.01, 2)
        if number % 4 == 2:
            p.update({"GHXZMJ": planned, "XJKJMJ": county, "SBYSMJ": submitted, "SJKJMJ": city, "STHJMJ": 0.0,
                      "QRXZMJ": round(submitted - city, 2)})
            continue
        members = [r for r in plots if r["XMBH"] == p["XMBH"] and r["SBMJ"] is not None]
        rows.extend(_chain_rows(p["XMBH"], members, county / planned if planned else 0.0, 0.01))
    return rows


def _chain_rows(pid: str, members: list[dict], county_share: float, city_share: float) -> list[dict]:
    """Six rows that add up: planned by kind from the declared areas, deductions as shares of each kind."""
    planned = {k: round(sum(r["SBMJ"] for r in members if r["MBDL"] == k), 2) for k in KIND_FIELDS}
    other = round(sum(r["SBMJ"] for r in members if r["MBDL"] not in KIND_FIELDS), 2)
    county = {k: round(v * county_share, 2) for k, v in planned.items()}
    submitted = {k: round(planned[k] - county[k], 2) for k in KIND_FIELDS}
    city = {k: round(v * city_share, 2) for k, v in submitted.items()}
    province = dict.fromkeys(KIND_FIELDS, 0.0)
    confirmed = {k: round(submitted[k] - city[k], 2) for k in KIND_FIELDS}
    graded = [r for r in members if r.get("ZLDB")]
    weight = sum(r["SBMJ"] for r in graded)
    grade = round(sum(r["SBMJ"] * r["ZLDB"] for r in graded) / weight, 2) if weight else None
    rows = []
    for step, kinds, extra, step_grade in zip(
            CHAIN_STEPS, (planned, county, submitted, city, province, confirmed),
            (other, 0.0, other, 0.0, 0.0, other), (grade, None, grade, None, None, grade)):
        total = round(sum(kinds.values()), 2)
        rows.append({"XMBH": pid, "HJ": step, "NYDMJ": round(total + extra, 2), "GDMJ": total,
                     "ZLDB": step_grade, **{KIND_FIELDS[k]: v for k, v in kinds.items()}})
    return rows
