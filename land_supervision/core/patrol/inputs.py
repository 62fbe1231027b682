"""The inputs of a reconciliation, as arrays (the shells read layers into these)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class PatchInput:
    """Patches as issued: JCBH and XZQDM per patch, JCMJ (reported unit), QSX/HSX, geometry, feature ids, and the
    batch of each patch when one layer holds several batches of a year."""

    jcbh: list
    geometry: np.ndarray
    admin_code: list | None = None
    issued_area: list | None = None
    before: list | None = None
    after: list | None = None
    fids: list | None = None
    batches: list | None = None

    def __len__(self) -> int:
        return len(self.jcbh)


@dataclass
class VerificationInput:
    """The county's answers: one list per logical field of fieldmap kind 'verification' (missing = None)."""

    columns: dict[str, list]
    fids: list | None = None

    def __len__(self) -> int:
        return len(self.columns["id"])

    def get(self, key: str) -> list:
        values = self.columns.get(key)
        return values if values is not None else [None] * len(self)


@dataclass
class ApprovalInput:
    """Approvals of every layer: geometry, 批准文号 and sub-type key per polygon, the layer each came from; the
    approval date PZRQ, for 临时用地 the term end and whether it serves infrastructure (None where not read)."""

    geometry: np.ndarray
    numbers: list
    subtypes: list  # sub-type key per polygon ('' when unknown)
    layers: list = field(default_factory=list)
    dates: list | None = None
    term_ends: list | None = None
    infrastructure: list | None = None


@dataclass
class BaselineInput:
    geometry: np.ndarray
    dlbm: list
    kcxs: list


@dataclass
class TownInput:
    geometry: np.ndarray
    names: list
    codes: list
