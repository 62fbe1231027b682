#!/usr/bin/env python3
"""`make package`: land_supervision.zip for the QGIS plugin manager / plugins.qgis.org.

Takes the plugin folder's files tracked by git (so no caches or local files), adds the compiled
translations, and checks the result: structure, metadata, and a Bandit scan of the code (plugins.qgis.org
runs Bandit on every upload).

metadata.txt in the repository names no author, e-mail address or web address: nobody has supplied true
ones. The ZIP made from it installs locally (QGIS's plugin manager needs only name, description, version and
qgisMinimumVersion). An upload ZIP takes them at packaging time and is refused without them:

    python3 scripts/package.py --upload --author NAME --email ADDRESS --repository URL [--tracker URL]
        [--homepage URL]        (or the environment: UPLOAD=1 PLUGIN_AUTHOR= PLUGIN_EMAIL= PLUGIN_REPOSITORY=
                                 PLUGIN_TRACKER= PLUGIN_HOMEPAGE=; make passes command-line variables on)

tracker defaults to <repository>/issues and homepage to the repository. In upload mode each URL must answer
(plugins.qgis.org checks them live).
"""

# Bandit: subprocess runs git and bandit from argument lists (never a shell); B404/B603/B607 accepted
from __future__ import annotations

import argparse
import configparser
import json
import os
import re
import subprocess  # nosec B404
import sys
import tempfile
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "land_supervision"
MAX_BYTES = 25 * 1024 * 1024
LOCAL_METADATA = ("name", "description", "version", "qgisMinimumVersion")
UPLOAD_FIELDS = ("author", "email", "tracker", "repository", "homepage")
UPLOAD_METADATA = LOCAL_METADATA + ("about",) + UPLOAD_FIELDS
URL_FIELDS = ("tracker", "repository", "homepage")
FORBIDDEN = re.compile(r"(^|/)(__pycache__|\.git|__MACOSX)(/|$)|\.pyc$|(^|/)\.[^/]+")
EMAIL = re.compile(r"^[^@\s/]+@[^@\s/]+\.[^@\s/]+$")


def plugin_files() -> list[Path]:
    """The plugin's tracked files and the built translations (outside a git checkout: its files on disk)."""
    try:
        tracked = subprocess.run(["git", "ls-files", "-z", PLUGIN], cwd=ROOT, capture_output=True,  # nosec B603 B607
                                 check=True)
        files = [ROOT / name for name in tracked.stdout.decode().split("\0") if name]
    except (OSError, subprocess.CalledProcessError):  # no git, or a copy of the tree (the test matrix's chroots)
        files = [f for f in sorted((ROOT / PLUGIN).rglob("*"))
                 if not FORBIDDEN.search(f.relative_to(ROOT).as_posix()) and f.suffix not in (".qm", ".ts")]
    files += sorted((ROOT / PLUGIN / "i18n").glob("*.qm"))
    return [f for f in files if f.is_file()]


def with_upload_fields(metadata: str, fields: dict) -> str:
    """metadata.txt with the upload fields set (each key replaced or added in [general])."""
    lines = [line for line in metadata.splitlines() if line.split("=", 1)[0].strip() not in fields]
    return "\n".join(lines).rstrip("\n") + "\n" + "".join(f"{key}={value}\n" for key, value in fields.items())


def upload_fields(args) -> tuple[dict, list[str]]:
    """The upload fields from the options or the environment, and what is wrong with them."""
    repository = args.repository or os.environ.get("PLUGIN_REPOSITORY", "")
    fields = {
        "author": args.author or os.environ.get("PLUGIN_AUTHOR", ""),
        "email": args.email or os.environ.get("PLUGIN_EMAIL", ""),
        "repository": repository,
        "tracker": args.tracker or os.environ.get("PLUGIN_TRACKER", "") or (repository.rstrip("/") + "/issues"
                                                                            if repository else ""),
        "homepage": args.homepage or os.environ.get("PLUGIN_HOMEPAGE", "") or repository,
    }
    missing = [f"--{key} (or PLUGIN_{key.upper()}) is required for an upload ZIP" for key in ("author", "email",
                                                                                             "repository")
               if not fields[key]]
    return fields, missing


def unreachable(urls: list[str], timeout: float = 20.0) -> list[str]:
    """The URLs that do not answer with a success or redirect status."""
    bad = []
    for url in urls:
        if not url.startswith(("https://", "http://")):
            bad.append(f"{url}: not http(s)")
            continue
        try:
            request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "land-supervision-package"})
            with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec B310
                if response.status >= 400:
                    bad.append(f"{url}: HTTP {response.status}")
        except Exception as exc:  # noqa: BLE001 - any failure means the validator would refuse it too
            bad.append(f"{url}: {exc}")
    return bad


def bandit_problems(archive: zipfile.ZipFile) -> list[str]:
    """Bandit's findings (every severity, as plugins.qgis.org reports them) on the ZIP's Python files."""
    with tempfile.TemporaryDirectory() as folder:
        members = [n for n in archive.namelist() if n.endswith(".py")]
        archive.extractall(folder, members)
        command = [sys.executable, "-m", "bandit", "-q", "-r", "-f", "json", str(Path(folder) / PLUGIN)]
        result = subprocess.run(command, capture_output=True, text=True)  # nosec B603
        if "No module named bandit" in result.stderr:
            return ["bandit is not installed (pip install -r requirements-dev.txt)"]
        try:
            report = json.loads(result.stdout)
        except ValueError:
            return [f"bandit failed: {result.stderr.strip()[-500:]}"]
        problems = [f"bandit {r['test_id']} {Path(r['filename']).relative_to(folder).as_posix()}:{r['line_number']}: "
                    f"{r['issue_text']}" for r in report.get("results", [])]
        problems += [f"bandit could not scan {e['filename']}: {e['reason']}" for e in report.get("errors", [])]
    return problems


def check_zip(path: Path, upload: bool = False, scan: bool = True) -> list[str]:
    """Problems the plugins.qgis.org validator (``upload``) or a local install would report; empty if fine."""
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
            problems += metadata_problems(archive.read(f"{PLUGIN}/metadata.txt").decode("utf-8"), upload)
        if scan:
            problems += bandit_problems(archive)
    return problems


def metadata_problems(text: str, upload: bool) -> list[str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(text)
    general = parser["general"] if parser.has_section("general") else {}
    problems = [f"metadata.txt: missing {key}" for key in (UPLOAD_METADATA if upload else LOCAL_METADATA)
                if not general.get(key)]
    for key in URL_FIELDS:
        if general.get(key) and not re.match(r"^https?://[^/\s]+\.[^/\s]+", general[key]):
            problems.append(f"metadata.txt: {key} is not a URL with scheme and host")
    if "/" in general.get("author", ""):
        problems.append("metadata.txt: author contains '/'")
    if general.get("email") and not EMAIL.match(general["email"]):
        problems.append("metadata.txt: email is not an address")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default=f"{PLUGIN}.zip")
    parser.add_argument("--upload", action="store_true", default=os.environ.get("UPLOAD", "") not in ("", "0"),
                        help="make the plugins.qgis.org ZIP: author, email and repository required")
    for key in UPLOAD_FIELDS:
        parser.add_argument(f"--{key}", default="")
    parser.add_argument("--no-url-check", action="store_true", help="upload mode: do not check the URLs answer")
    args = parser.parse_args()
    fields, problems = upload_fields(args) if args.upload else ({}, [])
    if problems:
        for problem in problems:
            print(f"package: {problem}", file=sys.stderr)
        print("package: refused: an upload ZIP needs true author, email and repository", file=sys.stderr)
        return 2
    if args.upload and not args.no_url_check:
        bad = unreachable(sorted({fields[k] for k in URL_FIELDS}))
        if bad:
            print("package: refused: " + "; ".join(bad), file=sys.stderr)
            return 2
    output = (ROOT / args.output).resolve()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in plugin_files():
            name = path.relative_to(ROOT).as_posix()
            if fields and name == f"{PLUGIN}/metadata.txt":
                archive.writestr(name, with_upload_fields(path.read_text(encoding="utf-8"), fields))
            else:
                archive.write(path, name)
    problems = check_zip(output, upload=args.upload)
    for problem in problems:
        print(f"package: {problem}", file=sys.stderr)
    kind = "upload ZIP for plugins.qgis.org" if args.upload else \
        "local install ZIP: no author, e-mail or links, not for upload"
    print(f"{output} ({output.stat().st_size / 1024:.0f} KiB, {kind}){' - NOT VALID' if problems else ''}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
