"""The land-class table (GB/T 21010-2017 as used by 三调): names and groups of DLBM codes.

The table is data (resources/land_classes.csv); codes with the suffix K (可调整地类) count as their base
class. Groups: cultivated (耕地, a part of 农用地), agricultural (other 农用地), construction (建设用地),
unused (未利用地), as the three-class table of GB/T 21010-2017 (附录 A) puts them: 0404 其他草地 is 未利用地,
0401/0402/0403 are 农用地.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..constants import RESOURCES

LAND_CLASS_TABLE = RESOURCES / "land_classes.csv"

CULTIVATED = "cultivated"
AGRICULTURAL = "agricultural"
CONSTRUCTION = "construction"
UNUSED = "unused"
GROUP_NAMES = {
    CULTIVATED: ("耕地", "Cultivated land"),
    AGRICULTURAL: ("其他农用地", "Other agricultural land"),
    CONSTRUCTION: ("建设用地", "Construction land"),
    UNUSED: ("未利用地", "Unused land"),
}
PADDY, IRRIGATED, DRY = "0101", "0102", "0103"
CULTIVATED_CODES = (PADDY, IRRIGATED, DRY)
CONSTRUCTION_PATTERN = re.compile(r"^(05|06|07|08|09|100[1-5]|100[7-9]|1109|1201)")


@dataclass(frozen=True)
class LandClass:
    code: str
    name_zh: str
    name_en: str
    group: str

    @property
    def is_cultivated(self) -> bool:
        return self.group == CULTIVATED

    @property
    def is_agricultural(self) -> bool:
        """农用地, 耕地 included."""
        return self.group in (CULTIVATED, AGRICULTURAL)

    @property
    def is_construction(self) -> bool:
        return self.group == CONSTRUCTION


class LandClassTable:
    """Look-up of DLBM codes; unknown codes raise KeyError in ``get`` and give None in ``find``."""

    def __init__(self, classes: list[LandClass]):
        self._by_code = {c.code: c for c in classes}

    @classmethod
    def from_csv(cls, path: str | Path = LAND_CLASS_TABLE) -> LandClassTable:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        classes = []
        for line, row in enumerate(rows, start=2):
            if row["group"] not in GROUP_NAMES:
                raise ValueError(f"{path}:{line}: unknown group / 未知分组 {row['group']!r}")
            classes.append(LandClass(row["code"].strip(), row["name_zh"], row["name_en"], row["group"]))
        return cls(classes)

    @staticmethod
    def base_code(code: str) -> str:
        """Strip the 可调整地类 suffix K (0201K -> 0201)."""
        code = (code or "").strip().upper()
        return code[:-1] if code.endswith("K") else code

    def find(self, code: str) -> LandClass | None:
        code = self.base_code(code)
        hit = self._by_code.get(code)
        if hit is None and len(code) > 4:  # 1104A-style local sub-codes
            hit = self._by_code.get(code[:4])
        if hit is None and code[:2] == "09":
            hit = self._by_code.get("09")
        return hit

    def get(self, code: str) -> LandClass:
        hit = self.find(code)
        if hit is None:
            raise KeyError(code)
        return hit

    def groups(self, codes) -> np.ndarray:
        """Group name per code (numpy array of str; '' for unknown codes)."""
        lookup = {}
        out = []
        for code in codes:
            if code not in lookup:
                hit = self.find(code)
                lookup[code] = hit.group if hit else ""
            out.append(lookup[code])
        return np.asarray(out, dtype=object)

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self):
        return iter(self._by_code.values())


@lru_cache(maxsize=1)
def default_table() -> LandClassTable:
    return LandClassTable.from_csv()


def is_construction_code(code: str) -> bool:
    """Construction land by the 三调 code pattern of the brief (K suffix ignored)."""
    return bool(CONSTRUCTION_PATTERN.match(LandClassTable.base_code(code)))


def cultivated_kind(code: str) -> str | None:
    """'0101', '0102' or '0103' for 耕地 codes, else None."""
    base = LandClassTable.base_code(code)
    return base if base in CULTIVATED_CODES else None
