"""Make Debian's pyproj find its PROJ database when run from a virtual environment."""

from __future__ import annotations

import os
import warnings


def ensure_proj_data() -> None:
    """Point pyproj at /usr/share/proj when its own search (based on sys.prefix) fails."""
    if os.environ.get("PROJ_DATA") or os.environ.get("PROJ_LIB"):
        return
    if os.path.exists("/usr/share/proj/proj.db"):
        os.environ["PROJ_DATA"] = "/usr/share/proj"
        os.environ["PROJ_LIB"] = "/usr/share/proj"


ensure_proj_data()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pyproj  # noqa: E402,F401  (imported here so the warning above is never shown)
