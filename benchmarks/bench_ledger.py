#!/usr/bin/env python3
"""Quota ledger benchmark: posting rate and balance query time with 100,000 entries, on both stores.

Targets (issue 8): 1,000 posts/s on GeoPackage (each post its own transaction: rules, hash, commit),
a balance query under 50 ms. The ledger is filled to N entries in batches (post_many), then single posts
are timed, then the balance queries: the totals (what posting and the dock read) and the grouped
balances by kind/component/year/source (the ledgerbalances table). verify() over the whole chain is timed
too. PostgreSQL runs in a private cluster started here (as in the tests).
Usage: bench_ledger.py [N entries, default 100000] [single posts to time, default 2000]
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from land_supervision.core.ledger import Entry, open_ledger  # noqa: E402

OUT = ROOT / "benchmarks" / "output"


def entry(i: int) -> Entry:
    kind = ("plan", "spatial", "linkage_surplus")[i % 3]
    if i % 10 == 9:
        return Entry("allocation", {(kind, "area"): Decimal("0.5")}, year=2015 + i % 10, project_id=f"P{i}",
                     batch_no=f"B{i % 97}", value_date=f"{2015 + i % 10}-06-30")
    return Entry("grant", {(kind, "area"): Decimal("1.25")}, year=2015 + i % 10, value_date=f"{2015 + i % 10}-03-01",
                 source="grant" if i % 7 else "revitalization")


def fill(ledger, n: int, batch: int = 5000) -> float:
    started = time.perf_counter()
    for start in range(0, n, batch):
        ledger.post_many([entry(i) for i in range(start, min(n, start + batch))])
    return time.perf_counter() - started


def best_of(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bench(name: str, uri: str, n: int, posts: int) -> None:
    ledger = open_ledger(uri)
    fill_s = fill(ledger, n)
    print(f"[{name}] filled {n:,} entries in {fill_s:.1f} s ({n / fill_s:,.0f} entries/s in batches of 5,000)")
    started = time.perf_counter()
    for i in range(posts):
        ledger.post(entry(n + i))
    rate = posts / (time.perf_counter() - started)
    print(f"[{name}] single posts (one transaction each, rules + hash + commit): {rate:,.0f} posts/s "
          f"over {posts:,} posts at {n:,} entries  (target 1,000/s on GeoPackage)")
    if hasattr(ledger.store, "set_durability"):
        ledger.store.set_durability(full=False)
        started = time.perf_counter()
        for i in range(posts):
            ledger.post(entry(n + posts + i))
        rate = posts / (time.perf_counter() - started)
        ledger.store.set_durability(full=True)
        print(f"[{name}] the same with synchronous=NORMAL (survives a process crash, not a power cut): "
              f"{rate:,.0f} posts/s")
    totals = best_of(ledger.balances)
    grouped = best_of(ledger.balances_by, repeat=3)
    period = best_of(lambda: ledger.store.period("2019-01-01", "2019-12-31"), repeat=3)
    print(f"[{name}] balance query: totals {totals * 1000:.2f} ms; by kind/component/year/source "
          f"{grouped * 1000:.1f} ms (both from the totals kept with each posting; target < 50 ms); "
          f"a statement's opening/in/out/closing summed over the whole journal {period * 1000:.0f} ms")
    started = time.perf_counter()
    result = ledger.verify()
    print(f"[{name}] verify() of {result.lines:,} lines: {time.perf_counter() - started:.1f} s, ok={result.ok}")
    ledger.close()


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    posts = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=OUT, prefix="ledger_"))
    try:
        bench("GeoPackage", str(folder / "bench.gpkg"), n, posts)
        try:
            from tests.core.test_ledger_pg_server import fresh_pg_uri

            uri = fresh_pg_uri()
        except Exception as exc:  # noqa: BLE001 - report and go on
            print(f"[PostgreSQL] could not start a server: {exc}")
            return 1
        bench("PostgreSQL", uri, n, posts)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
