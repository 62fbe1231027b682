#!/usr/bin/env python3
"""`make gui-check`: the real QGIS desktop under Xvfb, the plugin enabled, the demo project open.

Opens each dock panel, saves a screenshot of the window and of the dock to demo-output/screenshots/<locale>/,
and fails if a dock did not appear, the docks are not tabs of one another, a dock does not fit its 420 px
width (a sideways scroll bar) or QGIS logged a Python error. Runs once per locale: zh-Hans (简体中文 as QGIS's
Options name it) and en_US by default. Uses a throw-away QGIS profile with the locale set, so the user's own
profile is untouched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_display() -> int:
    for number in range(77, 120):
        if not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise SystemExit("gui-check: no free X display number")


def write_profile(base: Path, locale: str) -> None:
    ini = base / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(
        "[PythonPlugins]\nland_supervision=true\n\n"
        f"[locale]\noverrideFlag=true\nuserLocale={locale}\nglobalLocale={locale}\n\n"
        "[qgis]\ncheckVersion=false\nshowTips=false\nshowTips322=false\n"
        "[app]\nprojects\\newProjectDefault=false\n",
        encoding="utf-8",
    )


def run_locale(project: Path, shots: Path, locale: str, timeout: float) -> list[str]:
    """One QGIS session in ``locale``: screenshots into ``shots``; returns the problems found."""
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    profile = Path(tempfile.mkdtemp(prefix="ls-gui-profile-"))
    write_profile(profile, locale)
    report = shots / "gui_check.json"
    display = free_display()
    xvfb = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    env = dict(os.environ, DISPLAY=f":{display}", QGIS_PLUGINPATH=str(ROOT), LS_GUI_SHOTS=str(shots),
               LS_GUI_REPORT=str(report), LANG="zh_CN.UTF-8" if locale.startswith("zh") else "C.UTF-8")
    env.pop("QT_QPA_PLATFORM", None)
    site = sysconfig.get_paths()["purelib"]
    env["PYTHONPATH"] = os.pathsep.join(p for p in (site, env.get("PYTHONPATH", "")) if p)
    for key in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(key, None)
    cmd = ["qgis", "--nologo", "--noversioncheck", "--nocustomization",
           "--profiles-path", str(profile), "--code", str(ROOT / "scripts" / "gui_check_inside.py"), str(project)]
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        log = proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as exc:
        log = f"QGIS did not finish in {timeout} s\n{exc.stdout or ''}{exc.stderr or ''}"
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(profile, ignore_errors=True)
    (shots / "qgis.log").write_text(log if isinstance(log, str) else str(log), encoding="utf-8")
    if not report.exists():
        print(log[-4000:] if isinstance(log, str) else log)
        return [f"{locale}: QGIS wrote no report (see {shots}/qgis.log)"]
    result = json.loads(report.read_text(encoding="utf-8"))
    print(f"gui-check [{locale}] plugin language {result.get('language')!r}")
    for key, info in result["docks"].items():
        print(f"  {key:<12} visible={info['visible']} {info.get('width')}x{info.get('height')} "
              f"fits={info.get('fits')} tabs={info.get('tabs')}  {info.get('title', '')}  -> {info.get('screenshot')}")
    problems = [f"dock {k} did not appear" for k, v in result["docks"].items() if not v["visible"]]
    problems += [f"dock {k} does not fit {v.get('width')} px (scrolls sideways)"
                 for k, v in result["docks"].items() if v["visible"] and not v.get("fits")]
    problems += [f"dock {k} is not a tab of the other docks" for k, v in result["docks"].items()
                 if v["visible"] and v.get("tabs", 0) < len(result["docks"]) - 1]
    run = result.get("patrol_run")
    print(f"  patrol run: {run}")
    if not isinstance(run, dict) or not run.get("rows"):
        problems.append(f"the patrol dock's run gave no table: {run}")
    elif any("_" in text and text.upper() == text for text in run.get("discrepancies", []) if text):
        problems.append(f"the patrol table shows codes, not words: {run['discrepancies']}")
    expected = "zh" if locale.lower().startswith("zh") else "en"
    if result.get("language") != expected:
        problems.append(f"the plugin speaks {result.get('language')!r}, not {expected!r}")
    problems += [f"Python error: {e[:300]}" for e in result["python_errors"]]
    if not result["docks"]:
        problems.append("the plugin did not load (no docks)")
    print(f"gui-check [{locale}]: {len(result['docks'])} docks, {len(result['python_errors'])} Python errors, "
          f"screenshots in {shots}")
    return [f"{locale}: {p}" for p in problems]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", default=str(ROOT / "demo-output"))
    parser.add_argument("--locale", default="zh-Hans,en_US", help="QGIS locales, comma-separated")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    output = Path(args.output).resolve()
    project = output / "demo.qgz"
    if not project.exists():
        raise SystemExit(f"gui-check: {project} is missing (run make demo)")
    shutil.rmtree(output / "screenshots", ignore_errors=True)
    problems = []
    for locale in [p.strip() for p in args.locale.split(",") if p.strip()]:
        problems += run_locale(project, output / "screenshots" / locale, locale, args.timeout)
    for problem in problems:
        print("gui-check: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
