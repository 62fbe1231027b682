"""Grain capacity (粮食产能) per 亩 of net 耕地: one table for the reclamation credit and the ledger check.

``resources/grain_capacity.csv`` has columns ``code`` (0101/0102/0103), ``grade`` (耕地质量等别 1-15, blank for
the class's default), ``kg_per_mu`` and ``source``. A plot or patch with a grade takes the row of its class and
grade where there is one, else its class's default row. The shipped rates are illustrative bureau defaults:
fill in the province's 等别-产能 table (rows with a grade) before reporting 粮食产能 upward.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import numpy as np

from ..constants import RESOURCES
from .landclass import CULTIVATED_CODES, LandClassTable
from .messages import InputError, Message

GRAIN_TABLE = RESOURCES / "grain_capacity.csv"


@dataclass
class GrainTable(Mapping):
    """kg per 亩 by 耕地 code (the class default), and by (code, grade) where the table has it."""

    by_kind: dict[str, Decimal]
    by_grade: dict[tuple[str, int], Decimal] = field(default_factory=dict)
    path: str = ""

    def __getitem__(self, kind: str) -> Decimal:
        return self.by_kind[kind]

    def __iter__(self):
        return iter(self.by_kind)

    def __len__(self) -> int:
        return len(self.by_kind)

    def rate(self, kind: str | None, grade: float | None = None) -> Decimal:
        """The rate of a 耕地 code and grade (grade NaN/None or not in the table: the code's default; 0 for
        anything not 耕地)."""
        kind = LandClassTable.base_code(kind or "")
        if grade is not None and not (isinstance(grade, float) and math.isnan(grade)):
            hit = self.by_grade.get((kind, int(round(float(grade)))))
            if hit is not None:
                return hit
        return self.by_kind.get(kind, Decimal(0))

    def rates(self, kinds, grades=None) -> np.ndarray:
        """Float rates for aligned sequences of codes and grades (grades None: the class defaults)."""
        grades = [None] * len(kinds) if grades is None else list(grades)
        return np.array([float(self.rate(k, g)) for k, g in zip(kinds, grades)], dtype=float)


def _bad(path, line: int, column: str, zh: str, en: str) -> InputError:
    return InputError(Message(f"粮食产能表第 {line} 行：{zh}", f"grain capacity table row {line}: {en}"), str(path),
                      line, column)


def read_grain_table(path: str | Path = GRAIN_TABLE) -> GrainTable:
    """The table at ``path`` (columns code, kg_per_mu, optional grade); every 耕地 code needs a default row."""
    by_kind: dict[str, Decimal] = {}
    by_grade: dict[tuple[str, int], Decimal] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"code", "kg_per_mu"} <= {n.strip() for n in reader.fieldnames}:
            raise InputError(Message("粮食产能表需要 code 和 kg_per_mu 两列", "the grain capacity table needs columns "
                                     "code and kg_per_mu"), str(path), None, "code")
        for line, row in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            code = LandClassTable.base_code(row["code"])
            if code not in CULTIVATED_CODES:
                raise _bad(path, line, "code", f"地类须为 0101/0102/0103：{code}",
                           f"code must be 0101/0102/0103: {code}")
            try:
                rate = Decimal(row["kg_per_mu"])
            except InvalidOperation:
                rate = Decimal(-1)
            if not rate.is_finite() or rate < 0:
                raise _bad(path, line, "kg_per_mu", f"产能须为非负数：{row['kg_per_mu']}",
                           f"rate must be a non-negative number: {row['kg_per_mu']}")
            grade_text = row.get("grade", "")
            if not grade_text:
                by_kind[code] = rate
                continue
            try:
                grade = int(grade_text)
            except ValueError:
                grade = 0
            if not 1 <= grade <= 15:
                raise _bad(path, line, "grade", f"质量等别须为 1-15：{grade_text}", f"grade must be 1-15: {grade_text}")
            by_grade[(code, grade)] = rate
    missing = [c for c in CULTIVATED_CODES if c not in by_kind]
    if missing:
        raise InputError(Message("粮食产能表缺少默认行（grade 留空）：{m}",
                                 "the grain capacity table has no default row (blank grade) for {m}").format(
            m=", ".join(missing)), str(path), None, "grade")
    return GrainTable(by_kind, by_grade, str(path))
