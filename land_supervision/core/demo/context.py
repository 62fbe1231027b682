"""Shared state of one demo-data run: the seed, the scale and the base geography every tool uses."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from ...constants import WORKING_CRS
from ..tables import FeatureTable

SYNTHETIC_NOTE = "合成演示数据，非真实数据 / SYNTHETIC demo data, not real survey data"


@dataclass
class DemoContext:
    seed: int
    scale: float
    crs: str = WORKING_CRS
    tables: dict[str, FeatureTable] = field(default_factory=dict)

    def rng(self, purpose: str) -> np.random.Generator:
        """An independent generator per purpose, so one tool's demo layers never shift another's."""
        key = hashlib.sha256(f"{self.seed}:{purpose}".encode()).digest()
        return np.random.default_rng(int.from_bytes(key[:8], "little"))

    def add(self, table: FeatureTable) -> FeatureTable:
        if table.name in self.tables:
            raise ValueError(f"duplicate demo layer {table.name}")
        table.description = f"{SYNTHETIC_NOTE}. {table.description}".strip()
        table.metadata.setdefault("synthetic", "true")
        table.metadata.setdefault("seed", str(self.seed))
        table.metadata.setdefault("scale", str(self.scale))
        self.tables[table.name] = table
        return table

    def __getitem__(self, name: str) -> FeatureTable:
        return self.tables[name]
