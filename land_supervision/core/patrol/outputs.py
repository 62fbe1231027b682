"""The three output tables of the reconciliation: patches with evidence, discrepancies, towns."""

from __future__ import annotations

import numpy as np

from ...constants import ISSUES_FIELD, PATROL_OVER_FIELD, PATROL_RATIO_FIELD, PATROL_VERDICT_FIELD
from ..tables import FeatureTable
from ..units import m2_to_mu
from .ratio import ShareFigures, interview_due, over_line
from .rules import ILLEGAL, LEGAL, OTHER, RECTIFIED

COUNTY_ROW_NAME = "合计"
OUTSIDE_ROW_NAME = "镇街道外"


def _r2(values) -> np.ndarray:
    return np.round(np.asarray(values, dtype=float), 2)


def patch_table(patches, keys, geoms, crs, rules, patch_area, covered_area, coverage_pct, by_subtype, ev,
                main_town, town_count, towns, verdicts, verification, row, patch_codes, invalid,
                patch_messages, extra: list | None = None) -> FeatureTable:
    """The reconciled patches; ``extra``: further (field, kind, values) columns, added at the end."""
    n = len(keys)
    names = np.asarray(list(towns.names) + [""], dtype=object)
    town_codes = np.asarray(list(towns.codes) + [""], dtype=object)
    unit = rules.reported_unit_m2
    cult_col = verification.get("cultivated_area")
    reported_cult = [None if row[i] < 0 else _float_or_none(cult_col[row[i]], unit) for i in range(n)]
    net_total = ev["net"].sum(axis=1) if n else np.zeros(0)
    fields = [("JCBH", "str"), ("XZQDM", "str"), ("SZXZDM", "str"), ("SZXZMC", "str"), ("KXZS", "int"),
              ("JCMJ", "float"), ("TBMJ", "float"), ("TBMJ_MU", "float")]
    columns = {
        "JCBH": keys, "XZQDM": _col(patches.admin_code, n), "SZXZDM": town_codes[main_town].tolist(),
        "SZXZMC": names[main_town].tolist(), "KXZS": town_count, "JCMJ": _floats(patches.issued_area, n),
        "TBMJ": _r2(patch_area), "TBMJ_MU": _r2(m2_to_mu(patch_area)),
    }
    for j, sub in enumerate(rules.subtypes):
        fields.append((sub.field, "float"))
        columns[sub.field] = _r2(by_subtype[:, j]) if n else np.zeros(0)
    fields += [("PZFGMJ", "float"), ("FGBL", "float"), ("SDMJ", "float"), ("SJDMJ", "float"), ("HDMJ", "float"),
               ("GDMJ", "float"), ("GDMJ_YS", "float"), ("GDMJ_MU", "float"), ("WPGDMJ", "float"),
               ("JBNTMJ", "float"), ("XZJSMJ", "float"), ("JYJG", "str"), ("JYHFLX", "str"), ("SBJG", "str"),
               ("SBHFLX", "str"), ("SBGDMJ", "float"), ("SFYZ", "int"), (PATROL_VERDICT_FIELD, "str"), ("ZGZT", "str"),
               ("SFPC", "int"), ("BJXZ", "int"), (ISSUES_FIELD, "str"), ("WTSM", "str"), ("WTS", "int"),
               ("JHXF", "int"), ("QSX", "str"), ("HSX", "str")]
    columns.update({
        "PZFGMJ": _r2(covered_area), "FGBL": _r2(coverage_pct),
        "SDMJ": _r2(ev["net"][:, 0]), "SJDMJ": _r2(ev["net"][:, 1]), "HDMJ": _r2(ev["net"][:, 2]),
        "GDMJ": _r2(net_total), "GDMJ_YS": _r2(ev["raw"].sum(axis=1)), "GDMJ_MU": _r2(m2_to_mu(net_total)),
        "WPGDMJ": _r2(ev["net_uncovered"].sum(axis=1)), "JBNTMJ": _r2(ev["farmland"]),
        "XZJSMJ": _r2(np.maximum(patch_area - ev["construction"], 0.0)),
        "JYJG": verdicts.suggested, "JYHFLX": [s.zh if s else None for s in verdicts.suggested_subtype],
        "SBJG": verdicts.reported, "SBHFLX": [s.zh if s else None for s in verdicts.reported_subtype],
        "SBGDMJ": [None if v is None else round(v, 2) for v in reported_cult],
        "SFYZ": verdicts.agreement, PATROL_VERDICT_FIELD: verdicts.final, "ZGZT": verdicts.rectification,
        "SFPC": verdicts.excluded.astype(np.int64), "BJXZ": verdicts.not_new.astype(np.int64),
        ISSUES_FIELD: [";".join(c) for c in patch_codes],
        "WTSM": patch_messages,
        "WTS": [len(c) for c in patch_codes], "JHXF": [int(r is not None) for r in invalid],
        "QSX": _col(patches.before, n), "HSX": _col(patches.after, n),
    })
    for name, kind, values in extra or []:
        fields.append((name, kind))
        columns[name] = values
    return FeatureTable("patrol_patches", fields, columns, np.asarray(geoms, dtype=object), "Polygon", crs,
                        "卫片图斑核查结果 reconciled patches with spatial evidence")


def _col(values, n) -> list:
    if values is None:
        return [None] * n
    return [None if v is None else str(v) for v in values]


def _floats(values, n) -> list:
    if values is None:
        return [None] * n
    return [_float_or_none(v, 1.0) for v in values]


def _float_or_none(value, unit: float):
    try:
        out = float(value) * unit
    except (TypeError, ValueError):
        return None
    return None if out != out else out


def discrepancy_table(found) -> FeatureTable:
    fields = [("XH", "int"), (ISSUES_FIELD, "str"), ("JCBH", "str"), ("LY", "str"), ("HH", "int"), ("SM_ZH", "str"),
              ("SM_EN", "str")]
    columns = {"XH": list(range(1, len(found) + 1)), ISSUES_FIELD: [d.code for d in found],
               "JCBH": [d.jcbh for d in found],
               "LY": [d.source for d in found], "HH": [d.index + 1 for d in found],
               "SM_ZH": [d.message.zh for d in found], "SM_EN": [d.message.en for d in found]}
    return FeatureTable("patrol_discrepancies", fields, columns, None, "None",
                        description="卫片图斑核查问题清单 discrepancies (HH: 1-based row in its source)")


TOWN_FIELDS = [("XZQDM", "str"), ("XZQMC", "str"), ("TBS", "int"), ("HFS", "int"), ("WFS", "int"), ("QTS", "int"),
               ("WTBS", "int"), ("HFMJ_MU", "float"), ("WFMJ_MU", "float"), ("QTMJ_MU", "float"),
               ("WFGD_MU", "float"), ("WFGDZG_MU", "float"), ("XZGD_MU", "float"), (PATROL_RATIO_FIELD, "float"),
               ("GZB_ZGH", "float"), ("GZB_FH", "float"), ("ZGS", "int"), ("XCS", "int"), ("PCS", "int"),
               ("FHS", "int"), ("XSYS", "int"), (PATROL_OVER_FIELD, "int"), ("YT", "int")]


def _figures(values: dict) -> ShareFigures:
    return ShareFigures(*(float(values[k]) for k in ("WFGD_M2", "WFGDZG_M2", "XZGD_M2", "WFGDFH_M2", "XZGDFH_M2")))


def piece_masks(pieces, verdicts, second=None) -> dict:
    """Per piece: which 耕占比 sums it enters (illegal, after rectification, new construction; the same on the
    ministry's second look); ``second`` as in town_table."""
    n_patches = len(verdicts.final)
    final = np.asarray(verdicts.final, dtype=object)
    pf = final[pieces.patch] if len(pieces.patch) else np.zeros(0, dtype=object)
    illegal = (pf == ILLEGAL) & ~verdicts.excluded[pieces.patch] & (
        verdicts.whole_patch_illegal[pieces.patch] | ~pieces.covered)
    second = second or {}
    rejected = second.get("rejected", np.zeros(n_patches, bool))
    whole2 = second.get("whole", np.zeros(n_patches, bool))
    pr = rejected[pieces.patch] & ~verdicts.excluded[pieces.patch]
    return {
        "final": pf, "illegal": illegal,
        "after": illegal & ~verdicts.removed[pieces.patch],  # only rectifications that end the occupation leave it
        "new": np.isin(pf, [LEGAL, ILLEGAL]) & ~verdicts.not_new[pieces.patch],
        "illegal2": illegal | (pr & (~pieces.covered | whole2[pieces.patch])),
        "new2": np.isin(pf, [LEGAL, ILLEGAL]) & ~(verdicts.not_new & ~rejected)[pieces.patch],
    }


def town_table(towns, pieces, ev, main_town, verdicts, rules, second=None, year=None) -> tuple[FeatureTable,
                                                                                                 ShareFigures]:
    """One row per town (plus '镇街道外' if some patch lies outside every town) and the county row 合计.

    ``second``: per patch arrays ``rejected`` (a 合法 answer the ministry's second look rejects), ``whole`` (all
    of it counts then) and ``referral`` (criminal-referral threshold reached). ``year``: per piece ``net`` 耕地
    and ``area`` with the parts repeated from an earlier batch taken out (the year's figures count them once)."""
    n_towns = len(towns.names)
    final = np.asarray(verdicts.final, dtype=object)
    year = year or {}
    net = year.get("net", ev.cultivated_net.sum(axis=1) if len(ev.area) else np.zeros(0))
    piece_area = year.get("area", ev.area)
    masks = piece_masks(pieces, verdicts, second)
    pf, illegal, after, new_cons = masks["final"], masks["illegal"], masks["after"], masks["new"]
    illegal2, new_cons2 = masks["illegal2"], masks["new2"]
    rect = np.asarray([r == RECTIFIED for r in verdicts.rectification], dtype=bool)
    second = second or {}
    rejected = second.get("rejected", np.zeros(len(final), bool))
    referral = second.get("referral", np.zeros(len(final), bool))
    slot = np.where(pieces.town >= 0, pieces.town, n_towns)  # slot n_towns: outside every town
    patch_slot = np.where(main_town >= 0, main_town, n_towns)
    size = n_towns + 1

    def by_piece(weights, mask):
        return np.bincount(slot[mask], weights=weights[mask], minlength=size)[:size]

    def by_patch(mask):
        return np.bincount(patch_slot[mask], minlength=size)[:size]

    reported_none = np.asarray([v is None for v in verdicts.reported], dtype=bool)
    cols = {
        "TBS": by_patch(np.ones(len(final), bool)), "HFS": by_patch(final == LEGAL), "WFS": by_patch(final == ILLEGAL),
        "QTS": by_patch(final == OTHER), "WTBS": by_patch(reported_none),
        "HFMJ_MU": m2_to_mu(by_piece(piece_area, pf == LEGAL)),
        "WFMJ_MU": m2_to_mu(by_piece(piece_area, pf == ILLEGAL)),
        "QTMJ_MU": m2_to_mu(by_piece(piece_area, pf == OTHER)),
        "WFGD_M2": by_piece(net, illegal), "WFGDZG_M2": by_piece(net, after), "XZGD_M2": by_piece(net, new_cons),
        "WFGDFH_M2": by_piece(net, illegal2), "XZGDFH_M2": by_piece(net, new_cons2),
        "FHS": by_patch(rejected), "XSYS": by_patch(referral),
        "ZGS": by_patch(rect & (final == ILLEGAL)), "XCS": by_patch(verdicts.removed & (final == ILLEGAL)),
        "PCS": by_patch(verdicts.excluded),
    }
    rows = list(range(n_towns)) + ([n_towns] if cols["TBS"][n_towns] or cols["XZGD_M2"][n_towns] else [])
    names = list(towns.names) + [OUTSIDE_ROW_NAME]
    codes = [str(c) for c in towns.codes] + [""]
    geoms = list(towns.geometry) + [None]
    county = _figures({k: v.sum() for k, v in cols.items()})
    out = {name: [] for name, _ in TOWN_FIELDS}
    out_geoms = []
    for r in rows + ["county"]:
        if r == "county":
            figures = county
            values = {k: v.sum() for k, v in cols.items()}
            out["XZQDM"].append("")
            out["XZQMC"].append(COUNTY_ROW_NAME)
            out_geoms.append(None)  # no geometry: a map of the towns is not covered by the county
        else:
            values = {k: v[r] for k, v in cols.items()}
            figures = _figures(values)
            out["XZQDM"].append(codes[r])
            out["XZQMC"].append(names[r])
            out_geoms.append(geoms[r])
        for key in ("TBS", "HFS", "WFS", "QTS", "WTBS", "ZGS", "XCS", "PCS", "FHS", "XSYS"):
            out[key].append(int(values[key]))
        for key in ("HFMJ_MU", "WFMJ_MU", "QTMJ_MU"):
            out[key].append(round(float(values[key]), 2))
        out["WFGD_MU"].append(round(float(m2_to_mu(figures.illegal_m2)), 2))
        out["WFGDZG_MU"].append(round(float(m2_to_mu(figures.illegal_after_m2)), 2))
        out["XZGD_MU"].append(round(float(m2_to_mu(figures.new_construction_m2)), 2))
        out[PATROL_RATIO_FIELD].append(None if figures.ratio is None else round(figures.ratio, 2))
        out["GZB_ZGH"].append(None if figures.ratio_after is None else round(figures.ratio_after, 2))
        out["GZB_FH"].append(None if figures.ratio_second is None else round(figures.ratio_second, 2))
        out[PATROL_OVER_FIELD].append(int(over_line(figures.ratio, rules.ratio_threshold_percent)))
        out["YT"].append(int(interview_due(figures.ratio, figures.illegal_m2, rules.ratio_threshold_percent,
                                           rules.interview_threshold_mu)))
    table = FeatureTable("patrol_towns", TOWN_FIELDS, out, np.asarray(out_geoms, dtype=object), "Polygon",
                         description="卫片图斑核查分镇街道汇总与耕占比 per-town summary and 耕占比 (areas in 亩)")
    return table, county


BATCH_FIELDS = [("PC", "str"), ("XZQDM", "str"), ("XZQMC", "str"), ("TBS", "int"), ("CFS", "int"),
                ("WFGD_MU", "float"), ("WFGDZG_MU", "float"), ("XZGD_MU", "float"), (PATROL_RATIO_FIELD, "float")]


def batch_table(towns, pieces, main_town, verdicts, labels: list[str], net_year, repeated, second=None
                ) -> FeatureTable:
    """Each batch's contribution to the year's figures, per town and for the county (合计): patches (CFS of
    them repeating an earlier batch), illegal 耕地 before/after rectification and 耕地 of new construction, in 亩
    (parts already in an earlier batch left out), and the batch's own 耕占比."""
    masks = piece_masks(pieces, verdicts, second)
    n_towns = len(towns.names)
    slot = np.where(pieces.town >= 0, pieces.town, n_towns)
    patch_slot = np.where(main_town >= 0, main_town, n_towns)
    lab = np.asarray(labels, dtype=object)
    names = list(towns.names) + [OUTSIDE_ROW_NAME]
    codes = [str(c) for c in towns.codes] + [""]
    out = {name: [] for name, _ in BATCH_FIELDS}
    for batch in sorted(set(labels)):
        in_batch = lab[pieces.patch] == batch if len(pieces.patch) else np.zeros(0, bool)
        patches_in = lab == batch
        sums = {key: np.bincount(slot[masks[key] & in_batch], weights=net_year[masks[key] & in_batch],
                                 minlength=n_towns + 1) for key in ("illegal", "after", "new")}
        counts = np.bincount(patch_slot[patches_in], minlength=n_towns + 1)
        again = np.bincount(patch_slot[patches_in & repeated], minlength=n_towns + 1)
        rows = [r for r in range(n_towns + 1) if counts[r] or sums["new"][r]]
        for r in rows + ["county"]:
            pick = (lambda a: a.sum()) if r == "county" else (lambda a, r=r: a[r])
            new = float(pick(sums["new"]))
            out["PC"].append(batch)
            out["XZQDM"].append("" if r == "county" else codes[r])
            out["XZQMC"].append(COUNTY_ROW_NAME if r == "county" else names[r])
            out["TBS"].append(int(pick(counts)))
            out["CFS"].append(int(pick(again)))
            out["WFGD_MU"].append(round(float(m2_to_mu(pick(sums["illegal"]))), 2))
            out["WFGDZG_MU"].append(round(float(m2_to_mu(pick(sums["after"]))), 2))
            out["XZGD_MU"].append(round(float(m2_to_mu(new)), 2))
            out[PATROL_RATIO_FIELD].append(round(100.0 * float(pick(sums["illegal"])) / new, 2) if new > 0 else None)
    return FeatureTable("patrol_batches", BATCH_FIELDS, out, None, "None",
                        description="卫片图斑各批次对年度耕占比的贡献 each batch's contribution to the year (亩)")
