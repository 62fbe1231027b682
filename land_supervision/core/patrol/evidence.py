"""Spatial evidence per patch piece: area, 耕地 by kind (raw and net of 田坎), construction, 永久基本农田."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from ..landclass import CULTIVATED_CODES, LandClassTable, is_construction_code
from .inputs import BaselineInput
from .overlay import overlay_areas


@dataclass
class PieceEvidence:
    area: np.ndarray
    cultivated_raw: np.ndarray  # (n, 3): 水田, 水浇地, 旱地 before the 田坎 deduction
    cultivated_net: np.ndarray  # (n, 3): net of 田坎 (x (1 - KCXS))
    construction: np.ndarray  # area on baseline construction land
    farmland: np.ndarray  # area on 永久基本农田
    farmland_net: np.ndarray  # the same net of 田坎 (x (1 - KCXS) of the baseline beneath)


# Baseline codes the evidence needs (耕地 and construction land, as landclass.CONSTRUCTION_PATTERN); other
# polygons change no figure and need no intersection.
RELEVANT_PREFIXES = ("05", "06", "07", "08", "09")
RELEVANT_CODES = CULTIVATED_CODES + ("1001", "1002", "1003", "1004", "1005", "1007", "1008", "1009", "1109", "1201")


def classify_baseline(dlbm: list) -> tuple[np.ndarray, np.ndarray]:
    """Per baseline polygon: 耕地 kind index (0 水田, 1 水浇地, 2 旱地, -1 none) and construction flag (each
    distinct code classified once)."""
    distinct: dict = {}
    index = np.fromiter((distinct.setdefault(code, len(distinct)) for code in dlbm), dtype=np.int64,
                        count=len(dlbm))
    base = [LandClassTable.base_code(str(code or "")) for code in distinct]
    kind = np.array([CULTIVATED_CODES.index(b) if b in CULTIVATED_CODES else -1 for b in base], dtype=np.int64)
    construction = np.array([is_construction_code(b) for b in base], dtype=bool)
    return kind[index], construction[index]


def kcxs_values(kcxs: list) -> np.ndarray:
    """KCXS as floats in [0, 1) (empty -> 0; percentages over 1 are read as percent)."""
    try:
        values = np.asarray(kcxs, dtype=float)  # None -> NaN
    except (TypeError, ValueError):  # text that is not a number: value by value
        values = np.array([_to_float(v) for v in kcxs], dtype=float)
    values = np.where(np.isnan(values), 0.0, values)
    values = np.where(values >= 1.0, values / 100.0, values)
    return np.clip(values, 0.0, 0.99)


def _to_float(value) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if out != out else out


def piece_evidence(pieces: np.ndarray, baseline: BaselineInput, farmland: np.ndarray | None, area,
                   threads: int = 2) -> PieceEvidence:
    n = len(pieces)
    kind, construction = classify_baseline(baseline.dlbm)
    kcxs = kcxs_values(baseline.kcxs)
    relevant = np.flatnonzero((kind >= 0) | construction)
    kind, construction, kcxs = kind[relevant], construction[relevant], kcxs[relevant]
    base = overlay_areas(pieces, relevant_geoms(baseline, relevant), area, threads)
    raw = np.zeros((n, 3))
    net = np.zeros((n, 3))
    k = kind[base.other]
    cult = k >= 0
    np.add.at(raw, (base.piece[cult], k[cult]), base.area[cult])
    np.add.at(net, (base.piece[cult], k[cult]), base.area[cult] * (1.0 - kcxs[base.other[cult]]))
    cons = np.bincount(base.piece[construction[base.other]], weights=base.area[construction[base.other]],
                       minlength=n)
    farm = np.zeros(n)
    farm_net = np.zeros(n)
    if farmland is not None and len(farmland):
        over = overlay_areas(pieces, farmland, area, threads)
        farm = np.bincount(over.piece, weights=over.area, minlength=n)
        farm_net = farm - _ridges_under(pieces, farmland, over, relevant_geoms(baseline, relevant), kcxs, area,
                                        threads, n)
    piece_area = area(pieces) if n else np.zeros(0)
    return PieceEvidence(piece_area, raw, net, cons[:n], farm[:n], farm_net[:n])


def relevant_geoms(baseline: BaselineInput, relevant: np.ndarray) -> np.ndarray:
    return np.asarray(baseline.geometry, dtype=object)[relevant]


def _ridges_under(pieces, farmland, over, base_geoms, kcxs, area, threads: int, n: int) -> np.ndarray:
    """Per piece: the 田坎 area (overlap x KCXS) of the baseline under its 永久基本农田."""
    from .overlay import polygonal

    ridged = np.flatnonzero(kcxs > 0)
    if len(over.piece) == 0 or len(ridged) == 0:
        return np.zeros(n)
    parts = polygonal(shapely.intersection(pieces[over.piece], farmland[over.other]))
    under = overlay_areas(parts, base_geoms[ridged], area, threads)
    return np.bincount(over.piece[under.piece], weights=under.area * kcxs[ridged][under.other], minlength=n)


def repair_patches(geoms: np.ndarray) -> tuple[np.ndarray, list]:
    """Valid polygonal geometries and, per patch, the reason it was invalid (None where it was valid)."""
    from .overlay import polygonal

    geoms = np.asarray(geoms, dtype=object)
    reasons: list = [None] * len(geoms)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    invalid = ~missing & ~shapely.is_valid(geoms)
    out = geoms.copy()
    for i in np.flatnonzero(missing):
        reasons[i] = "empty geometry / 空几何"
        out[i] = shapely.Polygon()
    if invalid.any():
        why = shapely.is_valid_reason(geoms[invalid])
        out[invalid] = polygonal(shapely.make_valid(geoms[invalid]))
        for i, text in zip(np.flatnonzero(invalid), why):
            reasons[i] = str(text)
    return out, reasons
