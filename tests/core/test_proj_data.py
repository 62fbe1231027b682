"""core.proj_data points pyproj (only pyproj) at Debian's PROJ data when it cannot find it, and never changes
PROJ_DATA / PROJ_LIB. Each case runs in a fresh interpreter: the environment and pyproj's state are per process."""

from __future__ import annotations

import json
import os
import subprocess  # nosec B404 - runs this test's own interpreter
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, os
import land_supervision.core
from land_supervision.core import proj_data
from pyproj import CRS, datadir
print(json.dumps({"PROJ_DATA": os.environ.get("PROJ_DATA"), "PROJ_LIB": os.environ.get("PROJ_LIB"),
                  "datadir": datadir.get_data_dir(), "crs": CRS("EPSG:4549").name,
                  "again": proj_data.ensure_proj_data()}))
"""


def _probe(**proj_env: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PROJ_DATA", "PROJ_LIB")}
    env.update(proj_env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=str(ROOT), capture_output=True,  # nosec B603
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


needs_debian_proj = pytest.mark.skipif(not Path("/usr/share/proj/proj.db").is_file(),
                                       reason="no /usr/share/proj/proj.db on this machine")


@needs_debian_proj
def test_nothing_set_the_environment_stays_unset():
    seen = _probe()
    assert seen["PROJ_DATA"] is None and seen["PROJ_LIB"] is None
    assert seen["crs"] == "CGCS2000 / 3-degree Gauss-Kruger CM 120E"
    assert seen["again"] is None  # once found, nothing more is changed


@needs_debian_proj
def test_a_folder_the_user_set_is_kept(tmp_path):
    users = tmp_path / "users_proj"  # a valid PROJ data folder of the user's own (links to Debian's files)
    users.mkdir()
    for item in Path("/usr/share/proj").iterdir():
        (users / item.name).symlink_to(item)
    seen = _probe(PROJ_DATA=str(users))
    assert seen["PROJ_DATA"] == str(users) and seen["PROJ_LIB"] is None
    import pyproj

    if not (Path(pyproj.__file__).parent / "proj_dir").is_dir():  # (a wheel's own data comes first in pyproj)
        assert Path(seen["datadir"]) == users  # pyproj uses the user's folder, not /usr/share/proj
    assert seen["crs"] == "CGCS2000 / 3-degree Gauss-Kruger CM 120E"


def test_no_candidate_with_a_database_changes_nothing(tmp_path):
    from land_supervision.core import proj_data

    # in this process pyproj already finds its database: the candidates are not even looked at
    assert proj_data.pyproj_finds_database()
    assert proj_data.ensure_proj_data((str(tmp_path),)) is None
