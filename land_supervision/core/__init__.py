"""Pure domain code: no qgis or Qt imports (shapely 2, pyproj, numpy and the stdlib only)."""

from . import proj_data  # noqa: F401  (lets Debian's pyproj find proj.db from a venv)
