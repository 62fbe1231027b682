"""Demo layers of the patrol tool: a year's change patches in three quarterly batches, approvals per legal
sub-type, the county's verification table with one deliberate discrepancy of every kind.

Layers: demo_patches (JCBH PC XZQDM XMC TBLX QSX HSX QLX HLX JCMJ in 亩; PC the quarterly batch),
demo_verification (no geometry), demo_approvals_nzy / _gd / _lsyd / _ssnyd / _xxyd (PZWH PZLX XMMC PZRQ; _lsyd
also DQRQ JCSS), one layer per legal sub-type.
"""

from __future__ import annotations

import numpy as np
import shapely
import shapely.affinity

from ..geodesy import ellipsoidal_area
from ..patrol import ApprovalInput, BaselineInput, PatchInput, TownInput, VerificationInput, reconcile_patches
from ..tables import FeatureTable
from ..units import M2_PER_MU
from .base import COUNTY_CODE, COUNTY_NAME
from .context import DemoContext

APPROVAL_LAYERS = [  # (sub-type key, layer suffix, PZLX text, number pattern)
    ("conversion", "nzy", "农转用/征收批复", "浙政土〔2021〕{n}号"),
    ("supply", "gd", "供地", "平土供〔2021〕{n}号"),
    ("temporary", "lsyd", "临时用地", "平临用〔2021〕{n}号"),
    ("facility", "ssnyd", "设施农用地", "平设农〔2021〕{n}号"),
    ("advance", "xxyd", "先行用地", "浙先行〔2021〕{n}号"),
]
N_PATCHES = 40
# roles of the first patches (then legal conversions, illegal or other, see _roles; then the LAST ones)
SPECIAL = ["weak", "area_off", "unreported", "duplicate", "duplicate", "number_missing", "two_towns", "hole", "bowtie",
           "conversion", "supply", "temporary", "facility", "advance"]
# 未批先建 (conversion approved after the 后时相), 临时用地 past its term, 临时用地 on 永久基本农田, a patch on
# construction land already, 已整改 by 补办手续 only, a wrong WFMJ on a patch half over an earlier batch's patch
LAST = ["late", "expired", "temp_farmland", "existing", "paper_fix", "wfmj_off"]
HSX = "2021-09"
BATCHES = ["2021Q1", "2021Q2", "2021Q3"]  # the year's quarterly batches, in patch order
APPROVAL_DATE = "2021-05-20"
ROLE_DATES = {"late": "2021-10-15", "expired": "2019-03-01"}  # PZRQ of the approval of these roles


def add_layers(ctx: DemoContext) -> None:
    rng = ctx.rng("patrol")
    baseline, towns, farmland = ctx["demo_baseline_dltb"], ctx["demo_towns"], ctx["demo_farmland"]
    roles = _roles(rng)
    geoms = _patch_shapes(rng, baseline, towns, roles, farmland)
    town_idx = _town_index(geoms, towns.geometry)
    approvals = _approvals(rng, geoms, roles)
    n = len(geoms)
    batches = [BATCHES[min(i * len(BATCHES) // n, len(BATCHES) - 1)] for i in range(n)]
    jcbh = [f"{i + 1:04d}" for i in range(n)]
    jcbh[SPECIAL.index("duplicate") + 1] = jcbh[SPECIAL.index("duplicate")]  # a JCBH issued twice
    jcbh = _renumber(jcbh, batches)
    area_mu = np.round(ellipsoidal_area(shapely.make_valid(geoms), ctx.crs) / M2_PER_MU, 2)
    ctx.add(FeatureTable(
        "demo_patches",
        [("JCBH", "str"), ("PC", "str"), ("XZQDM", "str"), ("XMC", "str"), ("TBLX", "str"), ("QSX", "str"),
         ("HSX", "str"), ("QLX", "str"), ("HLX", "str"), ("JCMJ", "float")],
        {"JCBH": jcbh, "PC": batches, "XZQDM": [COUNTY_CODE] * n, "XMC": [COUNTY_NAME] * n,
         "TBLX": ["新增建设用地"] * n,
         "QSX": ["2021-03"] * n, "HSX": [HSX] * n, "QLX": ["耕地"] * n,
         "HLX": ["建设用地" if r != "facility" else "设施农用地" for r in roles], "JCMJ": area_mu},
        geoms, "Polygon", ctx.crs, "卫片执法监测图斑 satellite-patrol change patches (JCMJ in 亩)"))
    for key, suffix, text, _ in APPROVAL_LAYERS:
        sel = [i for i, a in enumerate(approvals) if a[1] == key]
        fields = [("PZWH", "str"), ("PZLX", "str"), ("XMMC", "str"), ("PZRQ", "str")]
        columns = {"PZWH": [approvals[i][2] for i in sel], "PZLX": [text] * len(sel),
                   "XMMC": [f"演示项目{i + 1:03d}" for i in sel], "PZRQ": [approvals[i][3] for i in sel]}
        if key == "temporary":  # a term of 2 years (no infrastructure)
            fields += [("DQRQ", "str"), ("JCSS", "str")]
            columns["DQRQ"] = [f"{int(approvals[i][3][:4]) + 2}{approvals[i][3][4:]}" for i in sel]
            columns["JCSS"] = ["否"] * len(sel)
        ctx.add(FeatureTable(
            f"demo_approvals_{suffix}", fields, columns,
            np.array([approvals[i][0] for i in sel], dtype=object), "Polygon", ctx.crs, f"批准范围 approvals: {text}"))
    evidence = _evidence(geoms, jcbh, batches, approvals, baseline, towns, farmland, ctx.crs)
    ctx.add(_verification(rng, jcbh, roles, approvals, evidence, town_idx))


def _renumber(jcbh: list[str], batches: list[str]) -> list[str]:
    """Consecutive numbers again after the duplicate (the JCBH after it is not skipped), batch in the key."""
    out, last = [], None
    number = 0
    for key, batch in zip(jcbh, batches):
        if key != last:
            number += 1
        out.append(f"{COUNTY_CODE}{batch}{number:04d}" if key != last else out[-1])
        last = key
    return out


def _roles(rng) -> list[str]:
    rest = N_PATCHES - len(SPECIAL) - len(LAST)
    extra = rng.choice(["conversion"] * 5 + ["supply"] * 3 + ["temporary", "illegal", "illegal_rectified", "other"],
                       rest)
    return SPECIAL + [str(r) for r in extra] + LAST


def _town_index(geoms, towns) -> np.ndarray:
    centres = shapely.point_on_surface(shapely.make_valid(geoms))
    hit = shapely.STRtree(towns).query(centres, predicate="within")
    out = np.zeros(len(geoms), dtype=int)
    out[hit[0]] = hit[1]
    return out


def _inside(polygons: np.ndarray, used: list) -> shapely.Polygon:
    """A square as large as fits (60 m down to 10 m) inside the largest of ``polygons`` not used yet."""
    for k in np.argsort(-shapely.area(polygons)):
        if k in used:
            continue
        used.append(k)
        x, y = shapely.get_coordinates(shapely.point_on_surface(polygons[k]))[0]
        for half in (30, 20, 10, 5):
            square = shapely.box(x - half, y - half, x + half, y + half)
            if shapely.contains(polygons[k], square):
                return square
    raise ValueError("no polygon holds a demo patch")


def _patch_shapes(rng, baseline: FeatureTable, towns: FeatureTable, roles, farmland: FeatureTable) -> np.ndarray:
    """Rectangles of 0.3-2 ha on 耕地 near the towns, apart from each other; the special shapes as named."""
    cultivated = np.isin(baseline.columns["DLBM"], ["0101", "0102", "0103"])
    centres = shapely.get_coordinates(shapely.centroid(baseline.geometry[cultivated]))
    housing = baseline.geometry[np.isin(baseline.columns["DLBM"], ["0702", "0701"])]
    order = rng.permutation(len(centres))
    geoms, taken, used = [], [], []
    for role in roles:
        if role == "existing":  # on construction land already
            geom = _inside(housing, used)
        elif role == "temp_farmland":
            geom = _inside(farmland.geometry, [])
        elif role == "wfmj_off":  # issued again: half over the 'area_off' patch of the first batch
            earlier = geoms[roles.index("area_off")]
            x0, _, x1, _ = earlier.bounds
            geom = shapely.affinity.translate(earlier, xoff=(x1 - x0) / 2)
        elif role == "two_towns":
            shared = shapely.intersection(towns.geometry[0].boundary, towns.geometry[1].boundary)
            x, y = shapely.get_coordinates(shapely.line_interpolate_point(shared, 0.5, normalized=True))[0]
            geom = shapely.box(x - 90, y - 50, x + 90, y + 50)
        else:
            while True:
                x, y = centres[order[len(taken)]]
                taken.append((x, y))
                if all(np.hypot(x - a, y - b) > 400 for a, b in taken[:-1]):
                    break
            w, h = rng.uniform(60, 160, 2)
            geom = shapely.box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            if role == "hole":
                hole = shapely.box(x - w / 5, y - h / 5, x + w / 5, y + h / 5)
                geom = shapely.Polygon(geom.exterior, [hole.exterior])
            elif role == "bowtie":
                geom = shapely.Polygon([(x - w / 2, y - h / 2), (x + w / 2, y + h / 2), (x + w / 2, y - h / 2),
                                        (x - w / 2, y + h / 2)])
        geoms.append(geom)
    return np.array(geoms, dtype=object)


def _approvals(rng, geoms, roles) -> list[tuple]:
    """(geometry, sub-type key, 批准文号) per approval: covering the legal patches, 70% of the weak one."""
    out = []
    counters = {key: 0 for key, *_ in APPROVAL_LAYERS}
    patterns = {key: pattern for key, _, _, pattern in APPROVAL_LAYERS}
    for geom, role in zip(geoms, roles):
        key = {"weak": "conversion", "two_towns": "conversion", "late": "conversion", "expired": "temporary",
               "temp_farmland": "temporary"}.get(role, role)
        if key not in counters:
            continue
        x0, y0, x1, y1 = geom.bounds
        if role == "weak":
            shape = shapely.box(x0 - 5, y0 - 5, x0 + 0.7 * (x1 - x0), y1 + 5)
        else:
            shape = shapely.buffer(geom, float(rng.uniform(3, 15)), join_style="mitre")
        counters[key] += 1
        out.append((shape, key, patterns[key].format(n=counters[key] + 100), ROLE_DATES.get(role, APPROVAL_DATE)))
    for key in counters:  # approvals elsewhere in the county (no patch on them)
        counters[key] += 1
        x, y = geoms[0].centroid.x + rng.uniform(-3000, 3000), geoms[0].centroid.y + rng.uniform(-3000, 3000)
        out.append((shapely.box(x, y, x + 120, y + 90), key, patterns[key].format(n=counters[key] + 100),
                    APPROVAL_DATE))
    return out


def _evidence(geoms, jcbh, batches, approvals, baseline, towns, farmland, crs):
    """The true figures of each patch (the county's answers are built from them, then some are spoiled)."""
    result = reconcile_patches(
        PatchInput(jcbh, geoms, after=[HSX] * len(jcbh), batches=batches), VerificationInput({"id": []}),
        ApprovalInput(np.array([a[0] for a in approvals], dtype=object), [a[2] for a in approvals],
                      [a[1] for a in approvals], dates=[a[3] for a in approvals]),
        BaselineInput(baseline.geometry, list(baseline.columns["DLBM"]), list(baseline.columns["KCXS"])),
        TownInput(towns.geometry, list(towns.columns["XZQMC"]), list(towns.columns["XZQDM"])), farmland.geometry,
        crs=crs)
    names = result.patches.field_names
    return [dict(zip(names, row)) for row in result.patches.rows()]


def _verification(rng, jcbh, roles, approvals, evidence, town_idx) -> FeatureTable:
    numbers = {}
    for _geom, key, number, _date in approvals:
        numbers.setdefault(key, []).append(number)
    subtype_text = {key: text for key, _, text, _ in APPROVAL_LAYERS}
    rows = []
    used = {key: 0 for key in numbers}
    for i, role in enumerate(roles):
        if role == "unreported" or (role == "duplicate" and roles[i - 1] == "duplicate"):
            continue  # not reported; the second patch issued under the same JCBH has one answer
        ev = evidence[i]
        row = {"JCBH": jcbh[i], "JZLX": "", "PDJG": "", "HFLX": "", "WFLX": "", "WFMJ": 0.0,
               "JCGDMJ": round(ev["GDMJ"] / M2_PER_MU, 2), "ZYJJBNTMJ": round(ev["JBNTJMJ"] / M2_PER_MU, 2),
               "YDSXZGDMJ": 0.0, "WBSXZGDMJ": 0.0, "PZWH": "", "PDYJSM": "", "ZGZT": "", "ZGCS": "", "SFPC": "否"}
        key = {"weak": "conversion", "two_towns": "conversion", "number_missing": "supply", "late": "conversion",
               "expired": "temporary", "temp_farmland": "temporary"}.get(role, role)
        if key in numbers:
            row.update(JZLX="合法", PDJG="合法", HFLX=subtype_text[key], PDYJSM="批准范围内建设",
                       YDSXZGDMJ=row["JCGDMJ"])
            if role == "number_missing":
                row["PZWH"] = "平土供〔2020〕999号"
            else:
                row["PZWH"] = numbers[key][used[key]]
                used[key] += 1
        elif role in ("illegal", "illegal_rectified", "hole", "bowtie", "duplicate", "area_off", "paper_fix",
                      "wfmj_off"):
            done = role in ("illegal_rectified", "bowtie", "paper_fix")
            row.update(JZLX="违法", PDJG="违法", WFLX="违法占地", WFMJ=round(ev["TBMJ"] / M2_PER_MU, 2),
                       WBSXZGDMJ=row["JCGDMJ"], PDYJSM="未批先建",
                       ZGZT="已整改" if done else ("未整改" if role in LAST else str(rng.choice(["整改中", "未整改"]))),
                       ZGCS="补办手续" if role == "paper_fix" else "拆除复耕" if done else "")
            if role == "hole":
                row["SFPC"] = "是"  # a provincial key project: left out of 耕占比
            if role == "wfmj_off":
                row["WFMJ"] = round(row["WFMJ"] * 1.5, 2)
        elif role == "existing":
            row.update(JZLX="其他", PDJG="其他", PDYJSM="原有建设用地上翻建")
        else:
            row.update(JZLX="其他", PDJG="其他", PDYJSM="伪变化")
        if role == "area_off":
            row["JCGDMJ"] = round(row["JCGDMJ"] * 0.6, 2)
        rows.append(row)
        if role == "duplicate" and roles[i - 1] != "duplicate":
            rows.append(dict(row))  # reported twice
    rows.append(dict(rows[0], JCBH=f"{COUNTY_CODE}{BATCHES[-1]}9999"))  # an answer for a patch never issued
    fields = [("JCBH", "str"), ("JZLX", "str"), ("PDJG", "str"), ("HFLX", "str"), ("WFLX", "str"), ("WFMJ", "float"),
              ("JCGDMJ", "float"), ("ZYJJBNTMJ", "float"), ("YDSXZGDMJ", "float"), ("WBSXZGDMJ", "float"),
              ("PZWH", "str"), ("PDYJSM", "str"), ("ZGZT", "str"), ("ZGCS", "str"), ("SFPC", "str")]
    return FeatureTable("demo_verification", fields, {name: [r[name] for r in rows] for name, _ in fields},
                        None, "None", description="县级核查举证表 the county's verification table (areas in 亩)")
