"""Constants shared by core, algorithms, reports and docks: the working CRS, the resources folder,
output field codes written by one module and read by others, and the zoning verdict colours.

Pure (stdlib only), so ``core`` imports it too.
"""

from __future__ import annotations

from pathlib import Path

WORKING_CRS = "EPSG:4549"  # CGCS2000 / 3-degree Gauss-Kruger CM 120E: every computation and output

PLUGIN_DIR = Path(__file__).resolve().parent
RESOURCES = PLUGIN_DIR / "resources"  # rule tables, styles, templates, icons
ICONS = RESOURCES / "icons"

# Output field codes written by one module and read by another (the dock, a report, another tool).
ZONING_VERDICT_FIELD = "JL"  # zoning conformance: 禁止 / 限制 / 允许 / 不涉及 / 未知类型
PATROL_VERDICT_FIELD = "ZZJG"  # patrol: 合法 / 违法 / 其他
PATROL_OVER_FIELD = "CXX"  # patrol patch over a threshold (1/0)
PATROL_RATIO_FIELD = "GZB"  # patrol town: share of cultivated land taken (%)
RECLAMATION_VERDICT_FIELD = "YSJL"  # reclamation acceptance verdict
RECLAMATION_BELOW90_FIELD = "BZ90"  # reclamation plot under 90 % of the planned area (是/否)
RECLAMATION_PROJECT_VERDICT_FIELD = "XMJL"  # reclamation project verdict (合格 / 不合格 / 待定)
ISSUES_FIELD = "WTDM"  # patrol patches and discrepancies, pre-check projects: finding codes (';'-separated)
PRECHECK_QUOTA_SHORT_FIELD = "JHZB_QK"  # pre-check project: plan quota short (亩)

# Zoning verdict colours, one table for the map, its table, the dock's answer and its rule matrix.
# fill (R,G,B,A) and outline (R,G,B) of the map; light (#rrggbb): table rows and rule-matrix cells.
# 允许 is blue (the map's colour, kept so the demo figures stay as they are; the dock showed it green).
ZONING_VERDICT_COLOURS = {
    "禁止": {"fill": "255,0,0,90", "outline": "160,0,0", "light": "#f8d0d0"},
    "限制": {"fill": "255,153,0,90", "outline": "180,95,6", "light": "#fde5c4"},
    "允许": {"fill": "61,133,198,90", "outline": "11,83,148", "light": "#d6e6f5"},
    "不涉及": {"fill": "153,153,153,70", "outline": "90,90,90", "light": None},
    "未知类型": {"fill": "153,0,255,70", "outline": "103,78,167", "light": "#e6d6f5"},
}


def rgb_hex(rgb: str) -> str:
    """'160,0,0' -> '#a00000'."""
    return "#" + "".join(f"{int(part):02x}" for part in rgb.split(",")[:3])


def zoning_verdict_html(verdict: str) -> str:
    """The strong colour (#rrggbb) of a zoning verdict for text, black if unknown."""
    colours = ZONING_VERDICT_COLOURS.get(verdict)
    return rgb_hex(colours["outline"]) if colours else "#000000"


def zoning_verdict_light(verdict: str) -> str | None:
    """The light colour (#rrggbb) of a zoning verdict for table cells, None if it has none."""
    colours = ZONING_VERDICT_COLOURS.get(verdict)
    return colours["light"] if colours else None
