"""Parts of the zoning dock: the draw-to-check map tool, the zone checker, the rule matrix table."""
