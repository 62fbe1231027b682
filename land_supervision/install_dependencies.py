#!/usr/bin/env python3
"""Install what Land Supervision needs into the QGIS profile's private folder ``<profile>/python/dependencies``.

Headless use, with the Python QGIS itself runs (Debian/Ubuntu: /usr/bin/python3; Windows: the OSGeo4W Shell):

    python3 <plugin folder>/install_dependencies.py [--profile NAME] [--target DIR] [--check]

The plugin puts that folder first on ``sys.path`` at start (the QPIP plugin's convention) and, when something
is missing, runs this same script from a QgsTask. Only what is missing is installed, each package without its
dependencies (``--no-deps``): pip's ``--target`` ignores what is already installed, so resolving dependencies
would copy numpy and pyproj into the folder and shadow the numpy GDAL was built against and QGIS's own PROJ.
On Linux shapely is compiled against the system GEOS that QGIS has loaded (a PyPI wheel's GEOS clashes with
it and crashes QGIS). Standard library only, Python 3.7 syntax: an old QGIS must still be able to read it.
"""

# Bandit: subprocess runs pip and this script, always from argument lists (never a shell); B404/B603 accepted
from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import queue
import re
import shutil
import subprocess  # nosec B404
import sys
import sysconfig
import tempfile
import threading
from pathlib import Path

LINUX = sys.platform.startswith("linux")
WINDOWS = sys.platform == "win32"
RESULT = "RESULT "  # the last line of the script's output: RESULT {"missing": [...]} as JSON


class Problem:
    """One thing QGIS's Python lacks: what, what was found, pip requirements that fix it, or a hint."""

    def __init__(self, name: str, found: str = "", pip: tuple = (), hint: str = ""):
        self.name = name
        self.found = found
        self.pip = tuple(pip)
        self.hint = hint

    def describe(self) -> str:
        return f"{self.name} ({self.found})" if self.found else self.name

    def __repr__(self) -> str:
        return f"Problem({self.describe()!r}, pip={self.pip!r})"


def _importable(module: str) -> bool:
    try:
        importlib.import_module(module)
    except Exception:  # noqa: BLE001 - any failure to import means "not usable"
        return False
    return True


def _where(module) -> str:
    return str(Path(getattr(module, "__file__", "") or "?").parent)


def _check_numpy() -> Problem | None:
    try:
        import numpy  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        return Problem("numpy", str(exc), pip=("numpy",))
    return None


def _check_shapely() -> Problem | None:
    try:
        import shapely
    except Exception as exc:  # noqa: BLE001 - ImportError, or OSError from a GEOS library
        return Problem("shapely>=2", "" if isinstance(exc, ModuleNotFoundError) else str(exc), pip=("shapely>=2",))
    version = getattr(shapely, "__version__", "?")
    if not hasattr(shapely, "get_coordinates"):  # by API: Debian's shapely 2.2 reports version "0+unknown"
        return Problem("shapely>=2", f"found {version} in {_where(shapely)}", pip=("shapely>=2",))
    return None


def _check_pyproj() -> Problem | None:
    try:
        import pyproj  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        found = "" if isinstance(exc, ModuleNotFoundError) else str(exc)
        if LINUX:  # a PyPI pyproj bundles a second PROJ next to QGIS's: take the distribution's build
            return Problem("pyproj", found, hint="python3-pyproj")
        return Problem("pyproj", found, pip=("pyproj",) + (() if _importable("certifi") else ("certifi",)))
    return None


def _check_openpyxl() -> Problem | None:
    try:
        import openpyxl  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        found = "" if isinstance(exc, ModuleNotFoundError) else str(exc)
        return Problem("openpyxl", found, pip=("openpyxl",) + (() if _importable("et_xmlfile") else ("et-xmlfile",)))
    return None


def _check_gdal_array(target: Path | None) -> Problem | None:
    try:
        from osgeo import ogr  # noqa: F401
    except Exception:  # noqa: BLE001
        return Problem("GDAL Python (osgeo)", hint="python3-gdal")
    try:
        from osgeo import gdal_array  # noqa: F401
    except Exception as exc:  # noqa: BLE001 - typically a numpy other than the one GDAL was built for
        try:
            import numpy
            numpy_is = f"numpy {numpy.__version__} in {_where(numpy)}"
            ours = target is not None and str(Path(numpy.__file__).resolve()).startswith(str(target.resolve()))
        except Exception:  # noqa: BLE001
            numpy_is, ours = "no numpy", False
        problem = Problem("GDAL gdal_array + numpy", f"{numpy_is}: {exc}")
        problem.hint = "remove-numpy" if ours else f"remove the numpy that shadows QGIS's ({numpy_is})"
        return problem
    return None


def check(target: Path | None = None) -> list[Problem]:
    """What QGIS's Python lacks for the plugin, in this process (``target`` already on sys.path)."""
    problems = [_check_numpy()]
    if problems[0] is None:
        problems += [_check_shapely(), _check_gdal_array(target)]
    problems += [_check_pyproj(), _check_openpyxl()]
    return [p for p in problems if p is not None]


# ---------------------------------------------------------------------------------------------- folders
def profiles_root() -> Path:
    """Where QGIS keeps its user profiles (QGIS_CUSTOM_CONFIG_PATH first, as QGIS does)."""
    custom = os.environ.get("QGIS_CUSTOM_CONFIG_PATH")
    if custom:
        return Path(custom) / "profiles"
    if WINDOWS:
        return Path(os.environ.get("APPDATA", Path.home())) / "QGIS" / "QGIS3" / "profiles"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "QGIS" / "QGIS3" / "profiles"
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "QGIS" / "QGIS3" / "profiles"


def dependencies_dir(profile_dir) -> Path:
    """The profile's private package folder (QPIP's convention)."""
    return Path(profile_dir) / "python" / "dependencies"


def add_to_sys_path(folder: Path) -> bool:
    """Put ``folder`` first on sys.path if it exists (packages there win over older system ones)."""
    folder = Path(folder)
    if not folder.is_dir():
        return False
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
        importlib.invalidate_caches()
    return True


# ---------------------------------------------------------------------------------------------- pip
def _identity() -> str:
    """This interpreter's version and installation prefix, as _identity_of prints them."""
    return f"{sys.version_info[0]}.{sys.version_info[1]} {os.path.realpath(sys.base_prefix)}"


def _identity_of(python: str) -> str:
    code = "import os, sys; print('{}.{} {}'.format(sys.version_info[0], sys.version_info[1], " \
           "os.path.realpath(sys.base_prefix)))"
    try:
        out = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60,  # nosec B603
                             **_no_window())
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip()


def _no_window() -> dict:
    return {"creationflags": 0x08000000} if WINDOWS else {}  # CREATE_NO_WINDOW: no console pops up


def qgis_python() -> str | None:
    """This process's Python as a program: inside QGIS sys.executable is QGIS itself, and under qgis_process it
    may be whichever python3 comes first on PATH (seen: a pyenv shim), so the interpreters next to the
    installation come first, and only one with this version and installation prefix is taken."""
    version = "{}.{}".format(*sys.version_info[:2])
    candidates = []
    for base in dict.fromkeys((sys.base_exec_prefix, sys.exec_prefix)):
        if WINDOWS:
            candidates += [str(Path(base) / "python.exe"), str(Path(base) / "python3.exe")]
        else:
            candidates += [str(Path(base) / "bin" / f"python{version}"), str(Path(base) / "bin" / "python3")]
    exe = sys.executable or ""
    if Path(exe).name.lower().startswith("python"):
        candidates.append(exe)
    here = _identity()
    for candidate in dict.fromkeys(candidates):
        if Path(candidate).is_file() and _identity_of(candidate) == here:
            return candidate
    return None


def has_pip(python: str) -> bool:
    try:
        result = subprocess.run([python, "-m", "pip", "--version"],  # nosec B603
                                capture_output=True, timeout=120, **_no_window())
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def build_prerequisites(specs) -> list[str]:
    """Debian/Ubuntu packages missing to compile shapely against the system GEOS (Linux only)."""
    if not LINUX or not any(s.startswith("shapely") for s in specs):
        return []
    missing = []
    if not shutil.which("geos-config"):
        missing.append("libgeos-dev")
    if not (shutil.which("cc") or shutil.which("gcc")):
        missing.append("gcc")
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        missing.append("python3-dev")
    if not shutil.which("pkg-config"):  # shapely >= 2.2 builds with meson, which finds GEOS through pkg-config
        missing.append("pkg-config")
    return missing


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def present_distributions(target: Path) -> dict:
    """Normalised name -> version of the distributions QGIS's Python has outside ``target``."""
    from importlib import metadata

    target = str(Path(target).resolve())
    path = [p for p in sys.path if p and not str(Path(p).resolve()).startswith(target)]
    return {_normalise(d.metadata["Name"] or ""): d.version for d in metadata.distributions(path=path)}


def constraints(target: Path) -> str:
    """pip constraints keeping numpy at the version QGIS has (GDAL's gdal_array is built against it)."""
    numpy = present_distributions(target).get("numpy")
    return f"numpy=={numpy}\n" if numpy else ""


def _pip_base(python: str, target: Path, specs, constraints_file: str | None) -> list[str]:
    command = [python, "-m", "pip", "install", "--target", str(target), "--upgrade",
               "--disable-pip-version-check", "--no-warn-script-location", "--progress-bar", "off"]
    if constraints_file:
        command += ["--constraint", constraints_file]
    if LINUX and any(s.startswith("shapely") for s in specs):
        command += ["--no-binary", "shapely"]
    return command


def resolve(python: str, target: Path, specs, constraints_file: str, on_line=print, env: dict | None = None
            ) -> list[str]:
    """Pinned requirements to install: what was asked for plus the dependencies QGIS's Python lacks.

    pip resolves against the constraints (``--dry-run --report``, pip >= 22.2), so a shapely that needs a
    newer numpy than QGIS's is never chosen. With an older pip the requested specs are returned unresolved.
    """
    report = Path(constraints_file).parent / "pip_report.json"
    command = _pip_base(python, target, specs, constraints_file) + ["--dry-run", "--quiet", "--report",
                                                                     str(report)] + list(specs)
    code = stream(command, on_line=on_line, env=env)
    try:
        items = json.loads(report.read_text(encoding="utf-8"))["install"] if code == 0 else None
    except (OSError, ValueError, KeyError):
        items = None
    finally:
        if report.exists():
            report.unlink()
    if items is None:
        on_line("install_dependencies: pip could not resolve versions (pip older than 22.2?): installing "
                + " ".join(specs) + " as they are")
        return list(specs)
    present = present_distributions(target)
    return [f"{item['metadata']['name']}=={item['metadata']['version']}" for item in items
            if item.get("requested") or _normalise(item["metadata"]["name"]) not in present]


def pip_command(python: str, target: Path, specs, constraints_file: str | None = None) -> list[str]:
    """Install exactly ``specs`` into ``target``: nothing else (--no-deps), shapely from source on Linux."""
    return _pip_base(python, target, specs, constraints_file) + ["--no-deps"] + list(specs)


def stream(command: list[str], on_line=print, canceled=lambda: False, env: dict | None = None) -> int | None:
    """Run ``command``, hand each output line to ``on_line``; None if ``canceled()`` stopped it."""
    # its own process group (session): cancelling stops pip too, not only this script that runs it
    group = {"creationflags": 0x08000000 | 0x00000200} if WINDOWS else {"start_new_session": True}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,  # nosec B603
                               encoding="utf-8", errors="replace", env=env, **group)
    lines: queue.Queue = queue.Queue()

    def read():
        for line in process.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    while True:
        if canceled():
            _stop(process)
            return None
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        if line is None:
            return process.wait()
        on_line(line)


def _stop(process: subprocess.Popen) -> None:
    """End ``process`` and everything it started (pip and its build steps)."""
    if WINDOWS:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True)  # nosec B603 B607
    else:
        import signal

        try:
            os.killpg(process.pid, signal.SIGTERM)
        except OSError:
            process.terminate()
    process.wait()


def install_command(python: str, target: Path) -> list[str]:
    """How the plugin runs this script for ``target`` (unbuffered: its output is the task's progress)."""
    return [python, "-u", str(Path(__file__).resolve()), "--target", str(target)]


def fix_hints(problems, python: str | None) -> list[str]:
    """Things to install by hand before (or instead of) the automatic install; empty if it can run."""
    hints = [p.hint for p in problems if p.hint and p.hint != "remove-numpy"]
    specs = [s for p in problems for s in p.pip]
    if specs:
        if python is None:
            hints.append("a Python interpreter of QGIS's version (not found next to QGIS)")
        elif not has_pip(python):
            hints.append("python3-pip" if LINUX else "pip for QGIS's Python (python -m ensurepip)")
        hints += build_prerequisites(specs)
    return hints


# ---------------------------------------------------------------------------------------------- main
def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="default", help="QGIS profile name (default: default)")
    parser.add_argument("--target", help="install into this folder instead of the profile's")
    parser.add_argument("--check", action="store_true", help="only report what is missing (exit 1 if anything)")
    args = parser.parse_args(argv)
    target = Path(args.target) if args.target else dependencies_dir(profiles_root() / args.profile)
    if importlib.util.find_spec("qgis") is None and not args.target:
        print(f"install_dependencies: this Python ({sys.executable}) cannot import qgis; run the script with "
              "the Python QGIS uses (Debian/Ubuntu: /usr/bin/python3; Windows: python in the OSGeo4W Shell)",
              file=sys.stderr)
        return 2
    add_to_sys_path(target)
    problems = check(target)
    if args.check or not problems:
        for problem in problems:
            print(f"missing: {problem.describe()}")
        print(RESULT + json.dumps({"missing": [p.describe() for p in problems], "target": str(target)}))
        return 1 if problems else 0
    print("missing: " + "; ".join(p.describe() for p in problems))
    if any(p.hint == "remove-numpy" for p in problems):
        for stale in list(target.glob("numpy")) + list(target.glob("numpy-*.dist-info")):
            print(f"removing {stale}: it shadows the numpy GDAL was built for")
            shutil.rmtree(stale, ignore_errors=True)
    python = sys.executable
    hints = fix_hints(problems, python)
    if hints:
        apt = " ".join(h for h in hints if " " not in h)
        print("install_dependencies: install these first" + (f" (Debian/Ubuntu: apt install {apt})" if LINUX and apt
                                                              else "") + ": " + "; ".join(hints), file=sys.stderr)
    specs = [s for p in problems for s in p.pip]
    if specs and not hints:
        if not args.target and not target.parent.parent.is_dir():
            print(f"note: QGIS profile folder {target.parent.parent} did not exist (QGIS creates it on its first "
                  "start; check --profile if QGIS already has profiles)")
        target.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        with tempfile.TemporaryDirectory() as folder:
            pins = Path(folder) / "constraints.txt"
            pins.write_text(constraints(target), encoding="utf-8")
            print("constraints: " + (pins.read_text(encoding="utf-8").strip() or "none"))
            wanted = resolve(python, target, specs, str(pins), env=env)
            command = pip_command(python, target, wanted, str(pins))
            print("running: " + " ".join(command))
            returncode = stream(command, env=env)
        if returncode != 0:
            print(f"install_dependencies: pip failed (exit {returncode})", file=sys.stderr)
    # check again in a fresh interpreter: this one has the old modules imported
    verify = subprocess.run([python, str(Path(__file__).resolve()), "--check", "--target", str(target)],  # nosec B603
                            capture_output=True, text=True, **_no_window())
    print(verify.stdout.rstrip())
    return verify.returncode


if __name__ == "__main__":
    sys.exit(main())
