"""Area units of the land survey: m2, 亩 (mu) and 公顷 (hectare)."""

from __future__ import annotations

from dataclasses import dataclass

M2_PER_HA = 10_000.0
MU_PER_HA = 15.0
M2_PER_MU = M2_PER_HA / MU_PER_HA  # 666.666...


def m2_to_mu(m2):
    """Square metres to 亩 (works on floats and numpy arrays)."""
    return m2 / M2_PER_MU


def m2_to_ha(m2):
    """Square metres to 公顷."""
    return m2 / M2_PER_HA


def mu_to_m2(mu):
    """亩 to square metres."""
    return mu * M2_PER_MU


@dataclass(frozen=True)
class Area:
    """One area in the three units the bureau reports (亩 and 公顷 shown with two decimals)."""

    m2: float

    @property
    def mu(self) -> float:
        return self.m2 / M2_PER_MU

    @property
    def ha(self) -> float:
        return self.m2 / M2_PER_HA

    def __str__(self) -> str:
        return f"{self.m2:.2f} m2 = {self.mu:.2f} 亩 = {self.ha:.2f} 公顷"
