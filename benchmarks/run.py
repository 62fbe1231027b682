#!/usr/bin/env python3
"""`make bench`: run every benchmarks/bench_*.py in its own process (so peak memory is its own).

Each benchmark prints its own figures (times, ratios to QGIS native algorithms, peak memory) and exits
non-zero only when it could not run. Targets are reported, never asserted in tests.
Usage: benchmarks/run.py [name-filter ...]
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    filters = sys.argv[1:]
    failed = []
    for path in sorted(HERE.glob("bench_*.py")):
        if filters and not any(f in path.stem for f in filters):
            continue
        print(f"=== {path.stem}", flush=True)
        started = time.time()
        proc = subprocess.run([sys.executable, str(path)], cwd=HERE.parent)
        print(f"=== {path.stem}: exit {proc.returncode}, {time.time() - started:.1f} s wall\n", flush=True)
        if proc.returncode != 0:
            failed.append(path.stem)
    if failed:
        print("benchmarks that could not run: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
