"""Let pyproj find its PROJ database when it cannot on its own (Debian's pyproj run from a virtual environment
searches under the venv's sys.prefix).

Only pyproj is pointed at the folder (``pyproj.datadir.set_data_dir``) and only when its own search and a CRS
lookup fail: the environment (PROJ_DATA, PROJ_LIB), which QGIS, GDAL and the user share, is never changed.
"""

from __future__ import annotations

import os
import warnings

from ..constants import WORKING_CRS

CANDIDATES = ("/usr/share/proj",)  # Debian's PROJ data


def pyproj_finds_database() -> bool:
    """True if pyproj has a PROJ data folder and can look up the working CRS in it."""
    from pyproj import CRS, datadir
    from pyproj.exceptions import CRSError, DataDirError

    try:
        datadir.get_data_dir()
        CRS(WORKING_CRS)
    except (DataDirError, CRSError):
        return False
    return True


def ensure_proj_data(candidates: tuple[str, ...] = CANDIDATES) -> str | None:
    """The folder pyproj was pointed at, or None if it needed none (or no candidate holds a proj.db)."""
    if pyproj_finds_database():
        return None
    from pyproj import datadir

    for folder in candidates:
        if os.path.isfile(os.path.join(folder, "proj.db")):
            datadir.set_data_dir(folder)
            if pyproj_finds_database():
                return folder
    return None


with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # pyproj warns on import when it has no data folder yet: set just below
    import pyproj  # noqa: F401
ensure_proj_data()
