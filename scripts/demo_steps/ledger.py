"""Demo step of the quota ledger: the bureau's real transactions loaded into demo-output/ledger/demo_ledger.gpkg,
balances printed, verified, statement PDF and XLSX written, projects checked (占补平衡) on the demo baseline."""

import csv
from collections import defaultdict
from pathlib import Path

ORDER = 20
ROOT = Path(__file__).resolve().parents[2]
TRANSACTIONS = ROOT / "land_supervision" / "resources" / "ledger" / "bureau_transactions.csv"


def _balances(path: Path) -> str:
    order = ["plan", "spatial", "compensation", "linkage_surplus"]
    components = ["area", "cultivated_area", "paddy_area", "grain_capacity"]
    totals = defaultdict(float)
    owed = defaultdict(float)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: (order.index(r["kind"]) if r["kind"] in order else 9,
                                                             components.index(r["component"])
                                                             if r["component"] in components else 9))
        for row in rows:
            key = f"{row['kind_zh']}·{row['component_zh']}"
            totals[key] += float(row["balance"])
            owed[key] += float(row["owed"])
    return "; ".join(f"{k} {v:.2f}" + (f" (预支未还 owed {owed[k]:.2f})" if owed[k] else "")
                     for k, v in totals.items())


def steps(ctx, scale="1", seed="2021"):
    from demo import Step  # scripts/ is on sys.path when demo.py runs

    out = ctx.output / "ledger"
    out.mkdir(parents=True, exist_ok=True)
    ledger = out / "demo_ledger.gpkg"
    for suffix in ("", "-wal", "-shm", "-journal"):  # a fresh ledger each run: it is append-only
        Path(str(ledger) + suffix).unlink(missing_ok=True)
    balances = out / "balances.csv"
    return [
        Step("landsupervision:ledgerimport", {"LEDGER": ledger, "INPUT": TRANSACTIONS},
             lambda r: f"{r.get('ENTRIES')} bureau transactions -> {ledger} (figures and years from the bureau's "
                       "articles; dates, batch numbers, polygons and prices ILLUSTRATIVE, said in each note)",
             "ledgerimport"),
        Step("landsupervision:ledgerbalances", {"LEDGER": ledger, "OUTPUT": balances, "LOTS": out / "lots.csv"},
             lambda r: _balances(balances) + f"; remaining per lot -> {out / 'lots.csv'}", "ledgerbalances"),
        Step("landsupervision:ledgerdeadlines", {"LEDGER": ledger, "AS_OF": "2022-12-31",
                                                 "OUTPUT": out / "deadlines.csv"},
             lambda r: f"as of 2022-12-31: {r.get('OVERDUE')} overdue, {r.get('DUE')} due -> {out / 'deadlines.csv'} "
                       "(due dates from the deadline rules: the articles give none)", "ledgerdeadlines"),
        Step("landsupervision:ledgerverify", {"LEDGER": ledger},
             lambda r: f"OK={r.get('OK')} lines={r.get('LINES')}", "ledgerverify"),
        Step("landsupervision:ledgerstatement", {"LEDGER": ledger, "DATE_FROM": "2018-01-01",
                                                 "DATE_TO": "2022-12-31", "OUTPUT_PDF": out / "statement.pdf",
                                                 "OUTPUT_XLSX": out / "statement.xlsx"},
             lambda r: f"-> {r.get('OUTPUT_PDF')}, {r.get('OUTPUT_XLSX')}", "ledgerstatement"),
        Step("landsupervision:ledgercheckallocation", {"LEDGER": ledger,
                                                       "BASELINE": f"{ctx.gpkg}|layername=demo_baseline_dltb",
                                                       "OUTPUT": out / "quota_check.gpkg"},
             lambda r: f"{r.get('SHORT_PROJECTS')} projects short of quota -> {out / 'quota_check.gpkg'} "
                       "(ILLUSTRATIVE: project polygons over the synthetic baseline; the articles state no 水田规模 "
                       "or 粮食产能 for the compensation quota)",
             "ledgercheckallocation"),
    ]
