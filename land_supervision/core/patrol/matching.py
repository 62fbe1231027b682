"""Match the verification table to the issued patches by JCBH; the key discrepancies."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..messages import Message
from . import codes


@dataclass(frozen=True)
class Discrepancy:
    code: str
    jcbh: str
    message: Message
    source: str  # 'patches' or 'verification'
    index: int  # row index in that source


def clean_key(value) -> str:
    return "" if value is None else str(value).strip()


def duplicates(keys: list[str], source: str) -> list[Discrepancy]:
    """One DUPLICATE_JCBH per row whose JCBH occurs more than once (every duplicate, the first included)."""
    counts = Counter(k for k in keys if k)
    seen: Counter = Counter()
    where = {"patches": ("图斑层", "the patch layer"), "verification": ("核查表", "the verification table")}[source]
    out = []
    for i, key in enumerate(keys):
        if key and counts[key] > 1:
            seen[key] += 1
            out.append(Discrepancy(codes.DUPLICATE_JCBH, key, codes.message(
                codes.DUPLICATE_JCBH, jcbh=key, count=counts[key], nth=seen[key], where=where[0],
                where_en=where[1]), source, i))
    return out


def match(patch_keys: list[str], verification_keys: list[str]) -> tuple[np.ndarray, list[Discrepancy]]:
    """Verification row of each patch (-1 if none; the first row when JCBH repeats) and the discrepancies
    DUPLICATE_JCBH, NOT_REPORTED and NOT_ISSUED."""
    found = duplicates(patch_keys, "patches") + duplicates(verification_keys, "verification")
    first_row: dict[str, int] = {}
    for i, key in enumerate(verification_keys):
        if key:
            first_row.setdefault(key, i)
    row = np.array([first_row.get(k, -1) if k else -1 for k in patch_keys], dtype=np.int64)
    for i in np.flatnonzero(row < 0):
        found.append(Discrepancy(codes.NOT_REPORTED, patch_keys[i], codes.message(codes.NOT_REPORTED),
                                 "patches", int(i)))
    issued = set(k for k in patch_keys if k)
    for i, key in enumerate(verification_keys):
        if key not in issued:
            found.append(Discrepancy(codes.NOT_ISSUED, key, codes.message(codes.NOT_ISSUED), "verification", i))
    return row, found


_SEPARATORS = re.compile(r"[;,，；、\s]+")


def approval_numbers(text) -> list[str]:
    """The 批准文号 listed in one PZWH value (separated by ; , 、 or spaces)."""
    return [part for part in _SEPARATORS.split(clean_key(text)) if part]


def normalise_number(text: str) -> str:
    """批准文号 compared without spaces and with 〔〕[]（）() brackets treated alike."""
    table = str.maketrans({"〔": "[", "〕": "]", "［": "[", "］": "]", "（": "(", "）": ")", "【": "[", "】": "]"})
    return re.sub(r"\s+", "", text.translate(table))
