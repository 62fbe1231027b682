"""reconcile_patches: spatial evidence, verdicts, discrepancies and 耕占比 of one batch of patches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ...constants import WORKING_CRS
from ..messages import Message
from ..tables import FeatureTable
from ..units import m2_to_mu
from . import codes, findings
from .approvals import approval_dates, late_pairs, patch_dates
from .batches import batch_labels, find_repeats, repeated_parts
from .evidence import piece_evidence, repair_patches
from .inputs import ApprovalInput, BaselineInput, PatchInput, TownInput, VerificationInput
from .matching import Discrepancy, approval_numbers, clean_key, match, normalise_number
from .outputs import batch_table, discrepancy_table, patch_table, town_table
from .overlay import ellipsoidal, planar
from .pieces import approval_coverage, approval_pairs, split_pieces
from .rules import ILLEGAL, LEGAL, OTHER, RECTIFIED, SUSPECTED_ILLEGAL, PatrolRules, load_rules


@dataclass
class PatchVerdicts:
    """Per patch: the reported answer (normalised) and the verdicts."""

    reported: list  # 合法/违法/其他 or None
    reported_subtype: list  # Subtype or None
    suggested: list  # 合法 or 疑似违法
    suggested_subtype: list
    final: list  # reported, else 合法/违法 from the suggestion
    agreement: list  # 1, 0 or None
    rectification: list
    excluded: np.ndarray
    whole_patch_illegal: np.ndarray  # 违法批地: the whole patch counts, not only the uncovered part
    not_new: np.ndarray  # final 合法 of a sub-type that is no new construction land (临时用地, 设施农用地)
    subtype: list  # sub-type of a final 合法 patch: the reported one, else the suggested one (Subtype or None)
    measure: list  # 整改措施 ZGCS as reported
    removed: np.ndarray  # 已整改 by a measure that ends the occupation (拆除复耕, 恢复原状, 没收)


@dataclass
class ReconcileResult:
    patches: FeatureTable
    discrepancies: FeatureTable
    towns: FeatureTable
    summary: dict
    log: list[Message] = field(default_factory=list)
    batches: FeatureTable | None = None  # each batch's contribution (None when the patches have no batch field)


@dataclass
class ApprovalCover:
    """How the approvals cover the patches: only approvals dated before a patch's 后时相 cover it."""

    pairs: tuple[np.ndarray, np.ndarray]  # (patch, approval) index pairs that meet
    dates: object  # approval_dates: start (and term end) of each approval
    hsx_first: np.ndarray  # per patch, its earliest 后时相 date
    late: np.ndarray  # per pair: the approval is dated after the patch's 后时相 (未批先建)
    coverage: object  # approval_coverage of the pairs in time
    late_m2: np.ndarray  # per patch, the area only late approvals cover


def reconcile_patches(patches: PatchInput, verification: VerificationInput, approvals: ApprovalInput,
                      baseline: BaselineInput, towns: TownInput, farmland: np.ndarray | None = None,
                      rules: PatrolRules | None = None, crs: str = WORKING_CRS, area_method: str = "ellipsoidal",
                      threads: int = 2, progress: Callable[[float], None] | None = None) -> ReconcileResult:
    """Reconcile the issued patches with the county's answers and the spatial evidence.

    ``area_method`` 'ellipsoidal' (CGCS2000, the survey convention) or 'planar' (for comparisons only).
    """
    rules = rules or load_rules()
    area = ellipsoidal(crs) if area_method == "ellipsoidal" else planar
    step = progress or (lambda _p: None)
    log: list[Message] = []
    n = len(patches)
    geoms, invalid = repair_patches(np.asarray(patches.geometry, dtype=object))
    keys = [clean_key(k) for k in patches.jcbh]
    row, found = match(keys, [clean_key(k) for k in verification.get("id")])
    found += _invalid_geometry(keys, invalid)
    step(10)
    cover = _approval_cover(geoms, approvals, patches, keys, rules, area, log)
    step(25)
    town_geoms, _ = repair_patches(np.asarray(towns.geometry, dtype=object))
    pieces = split_pieces(geoms, cover.coverage, town_geoms)
    step(35)
    farm = None if farmland is None else repair_patches(np.asarray(farmland, dtype=object))[0]
    ev = piece_evidence(pieces.geometry, baseline, farm, area, threads)
    labels = batch_labels(patches.batches, n)
    repeats = find_repeats(geoms, labels, area, rules.tolerance_m2)
    year = _year_figures(pieces, ev, baseline, repeats, area, threads)
    repeated = np.zeros(n, bool)
    repeated[repeats.later] = True
    step(85)
    patch_area = area(geoms) if n else np.zeros(0)
    covered_area = area(cover.coverage.covered) if n else np.zeros(0)
    coverage_pct = np.divide(100.0 * covered_area, patch_area, out=np.zeros(n), where=patch_area > 0)
    ev_patch = _patch_evidence(pieces, ev, rules, n)
    main_town, town_count = _main_town(pieces.patch, pieces.town, ev.area, n)
    new_construction = np.maximum(patch_area - ev_patch["construction"], 0.0)
    by_subtype = cover.coverage.by_subtype
    verdicts = _verdicts(verification, row, coverage_pct, by_subtype, patch_area, new_construction, rules)
    found += _answer_checks(keys, verification, row, verdicts, coverage_pct, by_subtype, patch_area,
                            ev_patch, farm is not None, approvals, rules)
    judged = findings.Judged(keys, patches, approvals, cover.dates, cover.pairs, cover.late, cover.late_m2,
                             cover.hsx_first, patch_area, covered_area, ev_patch, farm is not None, verdicts,
                             verification, row, rules)
    found += findings.date_findings(judged) + findings.farmland_findings(judged) + findings.answer_findings(judged)
    criminal, illegal_farm, illegal_other, referral = findings.criminal_findings(judged)
    found += criminal + findings.repeat_findings(judged, repeats, labels)
    patch_codes = _codes_per_patch(found, n)
    rejected, rejected_whole = findings.second_look(judged, patch_codes)
    patches_out = patch_table(patches, keys, geoms, crs, rules, patch_area, covered_area, coverage_pct,
                              by_subtype, ev_patch, main_town, town_count, towns, verdicts, verification,
                              row, patch_codes, invalid, _messages_per_patch(found, n),
                              _more_patch_columns(cover.late_m2, ev_patch, verdicts, rejected, illegal_farm,
                                                  illegal_other, referral, labels, repeated))
    second = {"rejected": rejected, "whole": rejected_whole, "referral": referral}
    towns_out, county = town_table(towns, pieces, ev, main_town, verdicts, rules, second, year)
    batches_out = None
    if any(labels):
        batches_out = batch_table(towns, pieces, main_town, verdicts, labels, year["net"], repeated, second)
    towns_out.crs = crs
    found.sort(key=lambda d: (d.source != "patches", d.index, d.code))
    summary = _summary(county, verdicts, found, n, len(verification), rejected=int(rejected.sum()),
                       referrals=int(referral.sum()), repeated=int(repeated.sum()),
                       batches=sorted(set(labels) - {""}))
    log.append(_county_message(summary))
    step(100)
    return ReconcileResult(patches_out, discrepancy_table(found), towns_out, summary, log, batches_out)


def _invalid_geometry(keys: list[str], invalid: list) -> list[Discrepancy]:
    """INVALID_GEOMETRY of each patch whose geometry had to be repaired (``invalid``: the reason, else None)."""
    return [Discrepancy(codes.INVALID_GEOMETRY, keys[i], codes.message(codes.INVALID_GEOMETRY, reason=reason),
                        "patches", i) for i, reason in enumerate(invalid) if reason is not None]


def _approval_cover(geoms: np.ndarray, approvals: ApprovalInput, patches: PatchInput, keys: list[str],
                    rules: PatrolRules, area, log: list[Message]) -> ApprovalCover:
    """The approvals meeting each patch, their dates, and the cover of those dated in time (未批先建: approvals
    dated after the 后时相 do not cover; the area only they would cover is ``late_m2``)."""
    subtypes = rules.subtypes
    sub_index = {s.key: i for i, s in enumerate(subtypes)}
    app_geoms, _ = repair_patches(np.asarray(approvals.geometry, dtype=object))
    app_sub = np.array([sub_index.get(s or "", -1) for s in approvals.subtypes], dtype=np.int64)
    pairs = approval_pairs(geoms, app_geoms)
    app_dates = approval_dates(approvals, rules, log)
    hsx_first, hsx_last = patch_dates(patches, log, keys)
    late = late_pairs(pairs, app_dates.start, hsx_last)
    timely = (pairs[0][~late], pairs[1][~late])
    coverage = approval_coverage(geoms, app_geoms, app_sub, len(subtypes), area, timely)
    late_m2 = np.zeros(len(geoms))
    if late.any():
        full = approval_coverage(geoms, app_geoms, app_sub, len(subtypes), area, pairs)
        hit = np.unique(pairs[0][late])
        late_m2[hit] = np.maximum(area(full.covered[hit]) - area(coverage.covered[hit]), 0.0)
    return ApprovalCover(pairs, app_dates, hsx_first, late, coverage, late_m2)


def _year_figures(pieces, ev, baseline: BaselineInput, repeats, area, threads: int) -> dict[str, np.ndarray]:
    """Per piece, the net 耕地 and the area that count in the year's figures: parts an earlier batch already
    holds count once."""
    year = {"net": ev.cultivated_net.sum(axis=1), "area": ev.area.copy()}
    if len(repeats.later):
        parts, part_piece = repeated_parts(pieces.geometry, pieces.patch, repeats)
        again = piece_evidence(parts, baseline, None, area, threads)
        year["net"] = year["net"] - np.bincount(part_piece, weights=again.cultivated_net.sum(axis=1),
                                                minlength=len(pieces.patch))
        year["area"] = year["area"] - np.bincount(part_piece, weights=again.area, minlength=len(pieces.patch))
    return year


def _patch_evidence(pieces, ev, rules: PatrolRules, n: int) -> dict[str, np.ndarray]:
    """The pieces' evidence summed per patch: 耕地 gross and net (of it not covered by an approval), baseline
    construction land, 永久基本农田 gross, net, and not covered."""
    p = pieces.patch
    return {
        "raw": _sum_rows(p, ev.cultivated_raw, n), "net": _sum_rows(p, ev.cultivated_net, n),
        "net_uncovered": _sum_rows(p[~pieces.covered], ev.cultivated_net[~pieces.covered], n),
        "construction": np.bincount(p, weights=ev.construction, minlength=n),
        "farmland": np.bincount(p, weights=ev.farmland, minlength=n),
        "farmland_net": np.bincount(p, weights=ev.farmland_net, minlength=n),
        "farmland_uncovered": np.bincount(p[~pieces.covered], weights=(
            ev.farmland_net if rules.farmland_net_of_ridges else ev.farmland)[~pieces.covered], minlength=n),
    }


def _more_patch_columns(late_m2, ev_patch, verdicts: PatchVerdicts, rejected, illegal_farm, illegal_other, referral,
                        labels, repeated) -> list[tuple[str, str, object]]:
    """The patch table's columns after the standard ones: late approvals, 永久基本农田, rectification, the
    ministry's second look, illegal 耕地 by kind, referral, batch and repeat."""
    return [("HPFGMJ", "float", np.round(late_m2, 2)),
            ("JBNTJMJ", "float", np.round(ev_patch["farmland_net"], 2)),
            ("ZGCS", "str", verdicts.measure), ("ZGXC", "int", verdicts.removed.astype(np.int64)),
            ("FHBF", "int", rejected.astype(np.int64)),
            ("WFJBNT_MU", "float", np.round(m2_to_mu(illegal_farm), 2)),
            ("WFQTGD_MU", "float", np.round(m2_to_mu(illegal_other), 2)),
            ("XSYS", "int", referral.astype(np.int64)), ("PC", "str", labels),
            ("CFPC", "int", repeated.astype(np.int64))]


def _county_message(summary: dict) -> Message:
    """The run's county figures for the log: 耕占比 three ways, verdict counts, referrals and issues."""
    return Message(
        "县域耕占比：整改前 {before}，整改后 {after}，部级复核口径 {second}（{rejected} 个合法举证不予认可）；"
        "图斑 {n} 个：合法 {legal}，违法 {illegal}，其他 {other}，未填报 {unreported}；应移送 {referrals} 个；"
        "问题 {issues} 条",
        "county 耕占比: {before} before rectification, {after} after, {second} on the ministry's second look "
        "({rejected} 合法 answers rejected); {n} patches: {legal} legal, {illegal} illegal, {other} other, "
        "{unreported} not reported; {referrals} to refer; {issues} discrepancies").format(**{
            k: summary[k] for k in ("n", "legal", "illegal", "other", "unreported", "issues", "rejected",
                                    "referrals")},
            before=_pct(summary["ratio"]), after=_pct(summary["ratio_after"]), second=_pct(summary["ratio_second"]))


def _pct(value) -> str:
    return "-" if value is None else f"{value:.2f}%"


def _sum_rows(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros((n, values.shape[1]))
    np.add.at(out, index, values)
    return out


def _main_town(piece_patch, piece_town, piece_area, n):
    """Town index holding the largest share of each patch (-1 if none) and the number of towns touched."""
    main = np.full(n, -1, dtype=np.int64)
    count = np.zeros(n, dtype=np.int64)
    if len(piece_patch) == 0:
        return main, count
    keys = piece_patch * (np.int64(piece_town.max(initial=0)) + 2) + piece_town + 1
    uniq, inverse = np.unique(keys, return_inverse=True)
    town_area = np.bincount(inverse, weights=piece_area)
    width = np.int64(piece_town.max(initial=0)) + 2
    u_patch, u_town = uniq // width, uniq % width - 1
    order = np.lexsort((-town_area, u_patch))
    first = np.ones(len(order), bool)
    first[1:] = u_patch[order][1:] != u_patch[order][:-1]
    main[u_patch[order][first]] = u_town[order][first]
    np.add.at(count, u_patch[u_town >= 0], 1)
    return main, count


def _verdicts(verification: VerificationInput, row, coverage_pct, by_subtype, patch_area, new_construction,
              rules) -> PatchVerdicts:
    n = len(row)
    reported, reported_sub, suggested, suggested_sub, final, agree, rect, subtype, measure = (
        [None] * n for _ in range(9))
    removed = np.zeros(n, bool)
    measure_col = verification.get("measure")
    excluded = np.zeros(n, bool)
    whole = np.zeros(n, bool)
    not_new = np.zeros(n, bool)
    result_col, proof_col = verification.get("result"), verification.get("proof_type")
    sub_col, rect_col = verification.get("legal_subtype"), verification.get("rectification")
    excl_col, wflx_col = verification.get("excluded"), verification.get("violation_type")
    for i in range(n):
        legal = coverage_pct[i] >= rules.coverage_legal_percent and patch_area[i] > 0
        existing = (not legal and rules.existing_construction_other and patch_area[i] > 0
                    and new_construction[i] <= rules.tolerance_m2(patch_area[i]))
        suggested[i] = LEGAL if legal else OTHER if existing else SUSPECTED_ILLEGAL
        if legal and len(rules.subtypes):
            suggested_sub[i] = rules.subtypes[int(np.argmax(by_subtype[i]))]
        r = row[i]
        if r >= 0:
            reported[i] = rules.result_of(result_col[r]) or rules.result_of(proof_col[r])
            reported_sub[i] = rules.subtype_of(sub_col[r])
            rect[i] = rules.rectification_of(rect_col[r])
            excluded[i] = _truthy(excl_col[r])
            whole[i] = "违法批地" in clean_key(wflx_col[r])
            measure[i] = clean_key(measure_col[r]) or None
            removed[i] = rect[i] == RECTIFIED and rules.measure_removes(measure[i]) is True
        final[i] = reported[i] or (LEGAL if legal else OTHER if existing else ILLEGAL)
        sub = subtype[i] = (reported_sub[i] or suggested_sub[i]) if final[i] == LEGAL else None
        not_new[i] = final[i] == LEGAL and sub is not None and sub.key in rules.denominator_excluded_subtypes
        if reported[i] in (LEGAL, ILLEGAL) and not existing:  # on construction land: no opinion on legality
            agree[i] = int((reported[i] == LEGAL) == legal)
    return PatchVerdicts(reported, reported_sub, suggested, suggested_sub, final, agree, rect, excluded, whole,
                         not_new, subtype, measure, removed)


def _truthy(value) -> bool:
    return clean_key(value).lower() in ("1", "是", "y", "yes", "true", "t")


def _answer_checks(keys, verification, row, verdicts, coverage_pct, by_subtype, patch_area, ev, has_farmland,
                   approvals, rules) -> list[Discrepancy]:
    """WEAK_COVERAGE, CULTIVATED_AREA_OFF, FARMLAND_AREA_OFF and APPROVAL_NOT_FOUND of reported patches."""
    out: list[Discrepancy] = []
    known = {normalise_number(clean_key(x)) for x in approvals.numbers if clean_key(x)}
    unit = rules.reported_unit_m2
    cult_col, farm_col = verification.get("cultivated_area"), verification.get("farmland_area")
    pzwh_col = verification.get("approval_no")
    sub_index = {s.key: i for i, s in enumerate(rules.subtypes)}
    for i in np.flatnonzero(row >= 0):
        r = row[i]
        if verdicts.reported[i] == LEGAL:
            sub = verdicts.reported_subtype[i]
            pct = coverage_pct[i] if sub is None else (
                100.0 * by_subtype[i, sub_index[sub.key]] / patch_area[i] if patch_area[i] > 0 else 0.0)
            if pct < rules.coverage_legal_percent:
                out.append(Discrepancy(codes.WEAK_COVERAGE, keys[i], codes.message(
                    codes.WEAK_COVERAGE, subtype=sub.zh if sub else "-", coverage=pct,
                    required=rules.coverage_legal_percent), "patches", int(i)))
        computed = float(ev["net"][i].sum())
        reported_cult = _number(cult_col[r])
        if reported_cult is not None and abs(reported_cult * unit - computed) > rules.tolerance_m2(computed):
            out.append(Discrepancy(codes.CULTIVATED_AREA_OFF, keys[i], codes.message(
                codes.CULTIVATED_AREA_OFF, reported=reported_cult * unit, computed=computed,
                diff=abs(reported_cult * unit - computed), tolerance=rules.tolerance_m2(computed)),
                "patches", int(i)))
        reported_farm = _number(farm_col[r])
        farm = float(ev["farmland_net" if rules.farmland_net_of_ridges else "farmland"][i])
        if has_farmland and reported_farm is not None and abs(reported_farm * unit - farm) > rules.tolerance_m2(farm):
            out.append(Discrepancy(codes.FARMLAND_AREA_OFF, keys[i], codes.message(
                codes.FARMLAND_AREA_OFF, reported=reported_farm * unit, computed=farm, **_basis(rules),
                tolerance=rules.tolerance_m2(farm)), "patches", int(i)))
        for number in approval_numbers(pzwh_col[r]):
            if normalise_number(number) not in known:
                out.append(Discrepancy(codes.APPROVAL_NOT_FOUND, keys[i],
                                       codes.message(codes.APPROVAL_NOT_FOUND, number=number), "patches", int(i)))
    return out


def _basis(rules) -> dict:
    net = rules.farmland_net_of_ridges
    return {"basis_zh": "扣除田坎" if net else "未扣田坎", "basis_en": "net of 田坎" if net else "gross"}


def _number(value) -> float | None:
    if value is None or clean_key(value) == "":
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if out != out else out


def _codes_per_patch(found: list[Discrepancy], n: int) -> list[list[str]]:
    out: list[list[str]] = [[] for _ in range(n)]
    for d in found:
        if d.source == "patches" and d.code not in out[d.index]:
            out[d.index].append(d.code)
    return out


def _messages_per_patch(found: list[Discrepancy], n: int) -> list[str]:
    out: list[list[str]] = [[] for _ in range(n)]
    for d in found:
        if d.source == "patches":
            out[d.index].append(d.message.zh)
    return ["；".join(m) for m in out]


def _summary(county, verdicts: PatchVerdicts, found, n, n_rows, **extra) -> dict:
    return {**extra,
        "n": n, "verification_rows": n_rows,
        "legal": sum(1 for v in verdicts.final if v == LEGAL),
        "illegal": sum(1 for v in verdicts.final if v == ILLEGAL),
        "other": sum(1 for v in verdicts.final if v == OTHER),
        "unreported": sum(1 for v in verdicts.reported if v is None),
        "rectified": sum(1 for v, f in zip(verdicts.rectification, verdicts.final) if v == RECTIFIED and f == ILLEGAL),
        "issues": len(found),
        "ratio": county.ratio, "ratio_after": county.ratio_after, "ratio_second": county.ratio_second,
        "removed": int(np.sum(verdicts.removed & (np.asarray(verdicts.final, dtype=object) == ILLEGAL))),
        "illegal_cultivated_m2": county.illegal_m2, "illegal_cultivated_after_m2": county.illegal_after_m2,
        "new_construction_cultivated_m2": county.new_construction_m2,
        "codes": sorted({d.code for d in found}),
    }



