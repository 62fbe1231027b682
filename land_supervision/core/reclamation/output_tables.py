"""The acceptance outputs as FeatureTables: checked plots, project summary, town summary."""

from __future__ import annotations

import numpy as np

from ...constants import RECLAMATION_BELOW90_FIELD, RECLAMATION_PROJECT_VERDICT_FIELD, RECLAMATION_VERDICT_FIELD
from ..tables import FeatureTable
from ..units import m2_to_mu
from .acceptance import AcceptanceResult
from .area_chain import STEP_LABELS
from .codes import CODES, FAIL, NOT_CHECKED, PASS, STATE_LABELS, check_field
from .inputs import CHAIN_KEYS, Towns
from .summary import KIND_NAMES, ProjectSummary

PLOT_FIELDS = [
    ("DKBH", "str"), ("XMBH", "str"), ("XZQMC", "str"), ("XZQDM", "str"), ("MBDL", "str"), ("GDLB", "str"),
    ("SBMJ", "float"), ("CLMJ_M2", "float"), ("CLMJ_MU", "float"), ("JSYDBL", "float"), ("JQFGL", "float"),
    ("XZMJ_MU", "float"), (RECLAMATION_VERDICT_FIELD, "str"), ("YYDM", "str"),
    ("YYSM", "str"), ("YYSM_EN", "str"), ("WHCX", "str"),
] + [(check_field(code), "str") for code in CODES]
CHAIN_FIELDS = {"planned": "GHXZMJ", "county_deduction": "XJKJMJ", "submitted": "SBYSMJ",
                "city_deduction": "SJKJMJ", "province_deduction": "STHJMJ", "confirmed": "QRXZMJ"}
PROJECT_FIELDS = [
    ("XMBH", "str"), ("XMMC", "str"), ("XZQMC", "str"), ("XZQDM", "str"), ("YSND", "int"),
    (RECLAMATION_PROJECT_VERDICT_FIELD, "str"),
    ("DKS", "int"), ("HGS", "int"), ("BHGS", "int"), ("DHSS", "int"),
    ("SBGDMJ", "float"), ("HGMJ", "float"), ("DHSMJ", "float"), ("BHGMJ", "float"),
    ("SDMJ", "float"), ("SJDMJ", "float"), ("HDMJ", "float"), ("XZGDMJ", "float"),
] + [(f"JL_{name}", "float") for name in CHAIN_FIELDS.values()] + [
    ("JH_GHXZ", "float"), ("JH_XJKJ", "float"), ("JH_BL", "float"), ("JH_LY", "str"),
    (RECLAMATION_BELOW90_FIELD, "str"),
    ("QRMJ", "float"), ("JXAZMJ", "float"), ("JYZBMJ", "float"),
    ("RZSDMJ", "float"), ("RZSJDMJ", "float"), ("RZHDMJ", "float"), ("LSCN_KG", "float"), ("ZBLX", "str"),
]
CHAIN_TABLE_FIELDS = [("XMBH", "str"), ("XMMC", "str"), ("HJXH", "int"), ("HJ", "str"), ("HJ_EN", "str"),
                      ("NYDMJ", "float"), ("GDMJ", "float"), ("STMJ", "float"), ("SJDMJ", "float"),
                      ("HDMJ", "float"), ("ZLDB", "float"), ("LY", "str")]
TOWN_FIELDS = [("XZQMC", "str"), ("XZQDM", "str"), ("XMS", "int"), ("DKS", "int"), ("HGS", "int"),
               ("BHGS", "int"), ("DHSS", "int"), ("HGMJ", "float"), ("SDMJ", "float"), ("SJDMJ", "float"),
               ("HDMJ", "float"), ("JYZBMJ", "float")]


def _r(value: float, digits: int = 2) -> float:
    return float("nan") if value != value else round(float(value), digits)


def _codes_by_row(matrix: np.ndarray, state: int) -> dict[int, list[str]]:
    """Row -> the codes in that state (in CODES order), for the rows that have any."""
    rows, cols = np.nonzero(matrix == state)
    out: dict[int, list[str]] = {}
    for r, c in zip(rows.tolist(), cols.tolist()):
        out.setdefault(r, []).append(CODES[c])
    return out


def plot_table(result: AcceptanceResult, name: str = "reclamation_plots") -> FeatureTable:
    p = result.plots
    n = len(p)
    kinds = [result.cultivated_kind(i) for i in range(n)]
    columns = {
        "DKBH": p.ids, "XMBH": p.project_ids, "XZQMC": result.town_names, "XZQDM": result.town_codes,
        "MBDL": p.target_class, "GDLB": [KIND_NAMES.get(k, "") if k else "" for k in kinds],
        "SBMJ": [float(v) for v in p.declared_area],
        "CLMJ_M2": np.round(result.measured_m2, 2), "CLMJ_MU": np.round(m2_to_mu(result.measured_m2), 4),
        "JSYDBL": np.round(result.share, 4), "JQFGL": np.round(result.coverage, 4),
        "XZMJ_MU": np.round(m2_to_mu(result.new_m2), 4),  # new land: the baseline construction part, net of 田坎
        RECLAMATION_VERDICT_FIELD: result.verdicts,
    }
    matrix = result.state_matrix()
    codes, zh, en, pending = [""] * n, [""] * n, [""] * n, [""] * n
    for i, found in _codes_by_row(matrix, FAIL).items():  # only the failed plots need text
        codes[i] = ";".join(found)
        zh[i], en[i] = result.reason_text(i, "zh", found), result.reason_text(i, "en", found)
    for i, found in _codes_by_row(matrix, NOT_CHECKED).items():
        pending[i] = ";".join(found)
    columns.update({"YYDM": codes, "YYSM": zh, "YYSM_EN": en, "WHCX": pending})
    labels = np.array([STATE_LABELS[NOT_CHECKED], STATE_LABELS[FAIL], STATE_LABELS[PASS]], dtype=object)
    for k, code in enumerate(CODES):
        columns[check_field(code)] = labels[matrix[:, k].astype(int) + 1].tolist() if n else []
    geometry = np.array(result.plots.geometry, dtype=object)
    return FeatureTable(name, PLOT_FIELDS, columns, geometry, "Polygon", result.crs,
                        "复垦地块核查结果 checked reclamation plots")


def project_table(result: AcceptanceResult, summaries: list[ProjectSummary],
                  name: str = "reclamation_projects") -> FeatureTable:
    rows = summaries
    columns = {
        "XMBH": [s.project_id for s in rows], "XMMC": [s.name for s in rows], "XZQMC": [s.town for s in rows],
        "XZQDM": [s.town_code for s in rows], "YSND": [s.year for s in rows],
        RECLAMATION_PROJECT_VERDICT_FIELD: [s.verdict for s in rows],
        "DKS": [s.plots for s in rows], "HGS": [s.accepted for s in rows], "BHGS": [s.rejected for s in rows],
        "DHSS": [s.pending for s in rows], "SBGDMJ": [_r(s.declared_mu) for s in rows],
        "HGMJ": [_r(s.accepted_mu) for s in rows], "DHSMJ": [_r(s.pending_mu) for s in rows],
        "BHGMJ": [_r(s.rejected_mu) for s in rows],
        "SDMJ": [_r(s.new_cultivated_mu["0101"]) for s in rows],
        "SJDMJ": [_r(s.new_cultivated_mu["0102"]) for s in rows],
        "HDMJ": [_r(s.new_cultivated_mu["0103"]) for s in rows],
        "XZGDMJ": [_r(s.new_cultivated_total) for s in rows],
        "JH_GHXZ": [_r(s.planned_mu) for s in rows], "JH_XJKJ": [_r(s.county_deduction_mu) for s in rows],
        "JH_BL": [_r(s.chain_ratio, 4) for s in rows], "JH_LY": [s.chain_source for s in rows],
        RECLAMATION_BELOW90_FIELD: ["是" if s.chain_flag else "否" for s in rows],
        "QRMJ": [_r(s.confirmed_mu) for s in rows], "JXAZMJ": [_r(s.paired_mu) for s in rows],
        "JYZBMJ": [_r(s.linkage_surplus_mu) for s in rows],
        "RZSDMJ": [_r(s.credited_mu["0101"]) for s in rows], "RZSJDMJ": [_r(s.credited_mu["0102"]) for s in rows],
        "RZHDMJ": [_r(s.credited_mu["0103"]) for s in rows], "LSCN_KG": [_r(s.grain_capacity_kg, 1) for s in rows],
        "ZBLX": [s.quota_kind for s in rows],
    }
    for key in CHAIN_KEYS:
        columns[f"JL_{CHAIN_FIELDS[key]}"] = [_r(s.recorded_chain[key]) for s in rows]
    return FeatureTable(name, PROJECT_FIELDS, columns, np.array(result.projects.geometry, dtype=object), "Polygon",
                        result.crs, "复垦项目验收汇总 reclamation project summary")


def chain_table(summaries: list[ProjectSummary], name: str = "reclamation_area_chain") -> FeatureTable:
    """The area chain, one row per project and step, split into 农用地 and 耕地 by kind (no geometry)."""
    columns: dict[str, list] = {key: [] for key, _ in CHAIN_TABLE_FIELDS}
    for s in summaries:
        for number, step in enumerate(s.chain, start=1):
            label = STEP_LABELS[step.step]
            for key, value in (("XMBH", s.project_id), ("XMMC", s.name), ("HJXH", number), ("HJ", label.zh),
                               ("HJ_EN", label.en), ("NYDMJ", _r(step.agricultural)), ("GDMJ", _r(step.cultivated)),
                               ("STMJ", _r(step.kinds["0101"])), ("SJDMJ", _r(step.kinds["0102"])),
                               ("HDMJ", _r(step.kinds["0103"])), ("ZLDB", _r(step.grade)), ("LY", step.source)):
                columns[key].append(value)
    return FeatureTable(name, CHAIN_TABLE_FIELDS, columns, None, "None", "",
                        "复垦项目面积链 area chain by step (亩; 农用地, 耕地 水田/水浇地/旱地, 质量等别)")


def town_table(rows: list[dict], towns: Towns | None, crs: str, name: str = "reclamation_towns") -> FeatureTable:
    geoms = None
    if towns is not None:
        by_code = dict(zip(towns.codes, towns.geometry))
        geoms = np.array([by_code.get(r["code"]) for r in rows], dtype=object)
    columns = {
        "XZQMC": [r["name"] for r in rows], "XZQDM": [r["code"] for r in rows],
        "XMS": [r["projects"] for r in rows], "DKS": [r["plots"] for r in rows],
        "HGS": [r["accepted"] for r in rows], "BHGS": [r["rejected"] for r in rows],
        "DHSS": [r["pending"] for r in rows], "HGMJ": [_r(r["accepted_mu"]) for r in rows],
        "SDMJ": [_r(r["0101"]) for r in rows], "SJDMJ": [_r(r["0102"]) for r in rows],
        "HDMJ": [_r(r["0103"]) for r in rows], "JYZBMJ": [_r(r["linkage_surplus_mu"]) for r in rows],
    }
    if geoms is None:
        geoms = np.array([None] * len(rows), dtype=object)
    return FeatureTable(name, TOWN_FIELDS, columns, geoms, "Polygon", crs, "复垦验收镇街道汇总 town summary")
