"""Real processes: two racing for the last 10亩 (exactly one wins), and one SIGKILLed mid-post (nothing
half-written, verify() passes), on both stores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from decimal import Decimal as D  # noqa: N817
from pathlib import Path

import pytest

from land_supervision.core.ledger import Entry, open_ledger
from tests.core.test_ledger_pg_server import make_uri

ROOT = Path(__file__).resolve().parents[2]

RACER = """
import sys, time
from decimal import Decimal
from land_supervision.core.ledger import Entry, LedgerError, open_ledger
uri, name, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
led = open_ledger(uri, create=False)
while time.time() < start:
    pass
try:
    led.post(Entry("allocation", {("plan", "area"): Decimal("10")}, year=2024, project_id=name, batch_no="2024-9"))
    print("WON")
except LedgerError as exc:
    print("LOST", exc)
"""

KILLED = """
import sys
from decimal import Decimal
from land_supervision.core.ledger import Entry, open_ledger
led = open_ledger(sys.argv[1], create=False)
batch = [Entry("grant", {("compensation", "cultivated_area"): Decimal("1"), ("compensation", "paddy_area"):
         Decimal("0.5"), ("compensation", "grain_capacity"): Decimal("400")}, year=2024) for _ in range(4000)]
print("POSTING", flush=True)
for _ in range(1000):
    led.post_many(batch)
    print("BATCH", flush=True)
"""

# a pre-check's posting: allocate what project P is still short of (its need 10亩, less what it has already)
SHORTFALL = """
import sys, time
from decimal import Decimal
from land_supervision.core.ledger import Entry, LedgerError, open_ledger
from land_supervision.core.ledger.allocation_check import allocated_by_project
uri, start = sys.argv[1], float(sys.argv[2])
led = open_ledger(uri, create=False)

def plan():
    have = -allocated_by_project(led).get("P", {}).get(("plan", "area"), Decimal("0"))
    while time.time() < start:  # both worked out their amounts before either posts
        pass
    short = Decimal("10") - abs(have)
    return ([Entry("allocation", {("plan", "area"): short}, year=2024, project_id="P", batch_no="2024-9")]
            if short > 0 else []), None

print("POSTED" if led.post_planned(plan)[1] else "NOTHING")
"""


@pytest.fixture(params=["gpkg", "postgres"])
def uri(request, tmp_path):
    return make_uri(request.param, tmp_path)


def _env():
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))


def test_two_processes_race_for_the_last_10_mu(uri):
    with open_ledger(uri) as led:
        led.post(Entry("grant", {("plan", "area"): D("10")}, year=2024))
    for round_no in range(2):
        if round_no:
            with open_ledger(uri) as led:
                led.post(Entry("grant", {("plan", "area"): D("10")}, year=2024))
        start = time.time() + 1.0  # both processes are connected and spinning by then
        procs = [subprocess.Popen([sys.executable, "-c", RACER, uri, f"R{round_no}-{n}", str(start)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
                 for n in (1, 2)]
        outputs = [p.communicate(timeout=60) for p in procs]
        results = [out.strip().split()[0] if out.strip() else err[-500:] for out, err in outputs]
        assert sorted(results) == ["LOST", "WON"], outputs
        assert "balance too low" in "".join(out for out, _ in outputs)
        with open_ledger(uri) as led:
            assert led.balance("plan") == D("0")
            allocations = led.entries("txn_type = 'allocation'")
            assert len(allocations) == round_no + 1
            assert led.verify().ok


def test_killed_mid_post_leaves_a_valid_ledger(uri):
    with open_ledger(uri) as led:
        led.post(Entry("grant", {("plan", "area"): D("5")}, year=2024))
    proc = subprocess.Popen([sys.executable, "-c", KILLED, uri], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=_env(), cwd=ROOT)
    assert proc.stdout.readline().strip() == "POSTING"
    time.sleep(0.4)  # a batch of 4000 entries takes longer than this: the kill lands inside post_many
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    reported = out.count("BATCH")  # printed after each commit: a kill between the two leaves one unreported
    with open_ledger(uri, create=False) as led:
        result = led.verify()
        assert result.ok, str(result)
        lines = led.entries()
        assert lines[0]["kind"] == "plan"  # the commit before the crash is kept
        # whole batches only: 1 grant line + 3 lines per entry x 4000 entries per committed batch
        posted = len(lines) - 1
        assert posted % (3 * 4000) == 0, posted
        batches_done = posted // (3 * 4000)
        print("batches committed before the kill:", batches_done, "reported:", reported)
        assert batches_done in (reported, reported + 1)
        assert led.balance("compensation", "cultivated_area") == D(4000 * batches_done)
        assert led.balance("compensation", "grain_capacity") == D(400 * 4000 * batches_done)


def test_busy_ledger_gives_a_clear_error(tmp_path):
    """A writer that cannot get the lock in time gets a LedgerError saying the ledger is busy, nothing else."""
    import sqlite3

    from land_supervision.core.ledger import Ledger, LedgerError
    from land_supervision.core.ledger.gpkg_store import GpkgStore

    path = str(tmp_path / "busy.gpkg")
    with open_ledger(path) as led:
        led.post(Entry("grant", {("plan", "area"): D("5")}, year=2024))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another user is in the middle of a post
    try:
        impatient = Ledger(GpkgStore.open(path, timeout=0.2))
        with pytest.raises(LedgerError, match="busy") as info:
            impatient.post(Entry("grant", {("plan", "area"): D("1")}, year=2024))
        assert info.value.code == "busy"
        assert impatient.balance("plan") == D("5")  # reading is not blocked
        impatient.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _allocated(led, project: str):
    from land_supervision.core.ledger.allocation_check import allocated_by_project

    return abs(allocated_by_project(led).get(project, {}).get(("plan", "area"), D("0")))


def test_stale_figures_post_nothing(uri):
    """post_many(expect=) refuses under the write lock when another posting came in since the receipt."""
    from land_supervision.core.ledger.errors import LedgerChanged

    with open_ledger(uri) as led, open_ledger(uri, create=False) as other:
        led.post(Entry("grant", {("plan", "area"): D("50")}, year=2024))
        seen = led.receipt()
        other.post(Entry("allocation", {("plan", "area"): D("10")}, year=2024, project_id="P", batch_no="B1"))
        entry = Entry("allocation", {("plan", "area"): D("10")}, year=2024, project_id="P", batch_no="B1")
        with pytest.raises(LedgerChanged):
            led.post_many([entry], expect=seen)
        assert _allocated(led, "P") == D("10") and led.balance("plan") == D("40") and led.verify().ok
        assert led.post_many([entry], expect=led.receipt())  # fresh figures post


def test_post_planned_works_the_amounts_out_again(uri):
    """A posting that lands while the shortfall is worked out: the plan runs again and sees it, P ends with
    exactly its need."""
    with open_ledger(uri) as led, open_ledger(uri, create=False) as other:
        led.post(Entry("grant", {("plan", "area"): D("50")}, year=2024))
        calls = []

        def plan():
            calls.append(1)
            short = D("10") - _allocated(led, "P")
            if len(calls) == 1:  # another user posts P's allocation meanwhile
                other.post(Entry("allocation", {("plan", "area"): D("10")}, year=2024, project_id="P",
                                 batch_no="B1"))
            entries = [Entry("allocation", {("plan", "area"): short}, year=2024, project_id="P",
                             batch_no="B1")] if short > 0 else []
            return entries, "P"

        extra, posted = led.post_planned(plan)
        assert len(calls) == 2 and posted == [] and extra == "P"
        assert _allocated(led, "P") == D("10") and led.balance("plan") == D("40") and led.verify().ok


def test_two_processes_post_the_same_shortfall_once(uri):
    """Two processes work out project P's shortfall at the same moment and post it: P is allocated once."""
    with open_ledger(uri) as led:
        led.post(Entry("grant", {("plan", "area"): D("50")}, year=2024))
    start = time.time() + 1.0
    procs = [subprocess.Popen([sys.executable, "-c", SHORTFALL, uri, str(start)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT) for _ in (1, 2)]
    outputs = [p.communicate(timeout=60) for p in procs]
    results = sorted(out.strip() or err[-500:] for out, err in outputs)
    assert results == ["NOTHING", "POSTED"], outputs
    with open_ledger(uri, create=False) as led:
        assert _allocated(led, "P") == D("10") and led.balance("plan") == D("40") and led.verify().ok
