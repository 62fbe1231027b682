"""Ecological zoning of the 王盘山 marine natural park: rule matrix, conformance, accounting, intrusions."""

from .accounting import DEFAULT_APPROVED_HA, account_zones, approved_from_field, parse_approved
from .conformance import Conformance, check_conformance, check_footprint
from .footprints import make_footprints
from .intrusions import find_intrusions, parse_times, season_fishing
from .rules import (
    ALLOWED,
    CONDITIONAL,
    DEFAULT_RULES,
    NOT_CONCERNED,
    PROHIBITED,
    UNKNOWN_TYPE,
    RuleMatrix,
    load_rules,
    parse_rules,
)
from .zones import STRICT_ZONE, USE_ZONE, ZoneSet, build_zones

__all__ = [
    "ALLOWED", "CONDITIONAL", "DEFAULT_APPROVED_HA", "DEFAULT_RULES", "NOT_CONCERNED", "PROHIBITED", "STRICT_ZONE",
    "UNKNOWN_TYPE", "USE_ZONE", "Conformance", "RuleMatrix", "ZoneSet", "account_zones", "approved_from_field",
    "build_zones", "check_conformance", "check_footprint", "find_intrusions", "load_rules", "make_footprints",
    "parse_approved", "parse_rules", "parse_times", "season_fishing",
]
