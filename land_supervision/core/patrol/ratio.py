"""耕占比: 违法占用耕地面积 / 新增建设用地占用耕地总面积 x 100%, per town and for the county."""

from __future__ import annotations

from dataclasses import dataclass

from ..units import m2_to_mu


@dataclass(frozen=True)
class ShareFigures:
    illegal_m2: float
    illegal_after_m2: float
    new_construction_m2: float
    second_illegal_m2: float = 0.0  # the ministry's second look: weak or unsupported 合法 answers rejected
    second_new_construction_m2: float = 0.0

    @property
    def ratio_second(self) -> float | None:
        return cultivated_share(self.second_illegal_m2, self.second_new_construction_m2)

    @property
    def ratio(self) -> float | None:
        return cultivated_share(self.illegal_m2, self.new_construction_m2)

    @property
    def ratio_after(self) -> float | None:
        return cultivated_share(self.illegal_after_m2, self.new_construction_m2)


def cultivated_share(illegal_m2: float, new_construction_m2: float) -> float | None:
    """耕占比 in percent; None when no new construction occupied 耕地 (the ratio is undefined)."""
    if new_construction_m2 <= 0:
        return None
    return 100.0 * illegal_m2 / new_construction_m2


def over_line(ratio: float | None, threshold_percent: float) -> bool:
    """The accountability line: the ratio reaches the threshold (15% by default)."""
    return ratio is not None and ratio >= threshold_percent


def interview_due(ratio: float | None, illegal_m2: float, threshold_percent: float, threshold_mu: float) -> bool:
    """Both lines reached: the ratio and the illegal 耕地 area in 亩 (100亩 by default)."""
    return over_line(ratio, threshold_percent) and m2_to_mu(illegal_m2) >= threshold_mu
