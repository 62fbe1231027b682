#!/usr/bin/env python3
"""`make package`: land_supervision.zip for the QGIS plugin manager / plugins.qgis.org.

Takes the plugin folder's files tracked by git (so no caches or local files), adds the compiled
translations, and checks the result against the public repository's upload rules.
"""

from __future__ import annotations

import argparse
import configparser
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "land_supervision"
MAX_BYTES = 25 * 1024 * 1024
REQUIRED_METADATA = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about",
                     "tracker", "repository", "homepage")
FORBIDDEN = re.compile(r"(^|/)(__pycache__|\.git|__MACOSX)(/|$)|\.pyc$|(^|/)\.[^/]+")


def plugin_files() -> list[Path]:
    """The plugin's tracked files and the built translations (outside a git checkout: its files on disk)."""
    try:
        tracked = subprocess.run(["git", "ls-files", "-z", PLUGIN], cwd=ROOT, capture_output=True, check=True)
        files = [ROOT / name for name in tracked.stdout.decode().split("\0") if name]
    except (OSError, subprocess.CalledProcessError):  # no git, or a copy of the tree (the test matrix's chroots)
        files = [f for f in sorted((ROOT / PLUGIN).rglob("*"))
                 if not FORBIDDEN.search(f.relative_to(ROOT).as_posix()) and f.suffix not in (".qm", ".ts")]
    files += sorted((ROOT / PLUGIN / "i18n").glob("*.qm"))
    return [f for f in files if f.is_file()]


def check_zip(path: Path) -> list[str]:
    """Problems the plugins.qgis.org validator would report (empty when the ZIP is fine)."""
    problems = []
    if path.stat().st_size > MAX_BYTES:
        problems.append(f"ZIP larger than 25 MB: {path.stat().st_size}")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        tops = {name.split("/")[0] for name in names}
        if tops != {PLUGIN} or not re.match(r"^[a-z_][a-z0-9_]*$", PLUGIN):
            problems.append(f"one top folder named like a module expected, found {sorted(tops)}")
        for name in names:
            if name.startswith("/") or ".." in name.split("/") or FORBIDDEN.search(name):
                problems.append(f"forbidden entry {name}")
        for required in ("__init__.py", "metadata.txt", "LICENSE"):
            if f"{PLUGIN}/{required}" not in names:
                problems.append(f"missing {required}")
        if f"{PLUGIN}/metadata.txt" in names:
            parser = configparser.ConfigParser()
            parser.optionxform = str
            parser.read_string(archive.read(f"{PLUGIN}/metadata.txt").decode("utf-8"))
            general = parser["general"] if parser.has_section("general") else {}
            for key in REQUIRED_METADATA:
                if not general.get(key):
                    problems.append(f"metadata.txt: missing {key}")
            for key in ("tracker", "repository", "homepage"):
                if general.get(key) and not re.match(r"^https?://[^/\s]+\.[^/\s]+", general[key]):
                    problems.append(f"metadata.txt: {key} is not a URL with scheme and host")
            if "/" in general.get("author", ""):
                problems.append("metadata.txt: author contains '/'")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", default=f"{PLUGIN}.zip")
    args = parser.parse_args()
    output = (ROOT / args.output).resolve()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in plugin_files():
            archive.write(path, path.relative_to(ROOT).as_posix())
    problems = check_zip(output)
    for problem in problems:
        print(f"package: {problem}", file=sys.stderr)
    print(f"{output} ({output.stat().st_size / 1024:.0f} KiB){' - NOT VALID' if problems else ''}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
