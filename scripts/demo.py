#!/usr/bin/env python3
"""`make demo`: create the demo GeoPackage and run every algorithm through qgis_process on it.

Each tool adds its runs as a module in scripts/demo_steps/ defining ``ORDER`` (int) and
``steps(ctx) -> list[Step]``. Results go under demo-output/; a short summary is printed at the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QGIS_PROCESS = "/usr/bin/qgis_process.bin"


@dataclass
class Step:
    """One qgis_process run: algorithm id, parameters, and a one-line summary of its JSON results."""

    algorithm: str
    parameters: dict
    summary: callable = None  # (results dict) -> str
    label: str = ""


@dataclass
class DemoContext:
    output: Path
    gpkg: Path
    results: dict = field(default_factory=dict)  # algorithm id -> results


def qgis_env() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_PLUGINPATH=str(ROOT))
    site = sysconfig.get_paths()["purelib"]
    env["PYTHONPATH"] = os.pathsep.join(p for p in (site, env.get("PYTHONPATH", "")) if p)
    for key in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(key, None)
    return env


def run_step(step: Step) -> dict:
    args = [QGIS_PROCESS, "run", step.algorithm, "--json", "--"]
    for key, value in step.parameters.items():  # a list value (multiple layers) repeats the parameter
        args += [f"{key}={v}" for v in value] if isinstance(value, (list, tuple)) else [f"{key}={value}"]
    proc = subprocess.run(args, capture_output=True, text=True, env=qgis_env())
    if proc.returncode != 0 or "{" not in proc.stdout:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit(f"demo: {step.algorithm} failed (exit {proc.returncode})")
    return json.loads(proc.stdout[proc.stdout.index("{"):]).get("results", {})


def load_step_modules():
    modules = []
    for path in sorted((ROOT / "scripts" / "demo_steps").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"demo_steps.{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return sorted(modules, key=lambda m: getattr(m, "ORDER", 100))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", default="demo-output")
    parser.add_argument("--scale", default="1")
    parser.add_argument("--seed", default="2021")
    args = parser.parse_args()
    output = (ROOT / args.output).resolve()
    output.mkdir(parents=True, exist_ok=True)
    ctx = DemoContext(output=output, gpkg=output / "demo.gpkg")
    summary = []
    for module in load_step_modules():
        for step in module.steps(ctx, scale=args.scale, seed=args.seed):
            started = time.time()
            results = run_step(step)
            ctx.results[step.label or step.algorithm] = results
            line = step.summary(results) if step.summary else ""
            summary.append(f"{step.label or step.algorithm:<42} {time.time() - started:6.1f} s  {line}")
            print(summary[-1], flush=True)
    project = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_demo_project.py"), "--output",
                              str(output)], capture_output=True, text=True)
    if project.returncode != 0:
        sys.stderr.write(project.stderr[-3000:])
        raise SystemExit("demo: writing demo.qgz failed")
    summary.append(project.stdout.strip().splitlines()[-1])
    print("\nDemo summary / 演示结果 (" + str(output) + "):")
    for line in summary:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
