"""Demo step of the 用地预审 pre-check: the seeds' projects S302/S202 省道, 长城汽车 and 日本电产 (90亩), with
ILLUSTRATIVE shapes (demo_precheck_projects), checked against every demo layer, the demo ledger and the other
tools' results; the one-page sheets printed; 日本电产's plan quota posted to the demo ledger as an allocation
from the pre-check result (precheckpost, through the ledger's rules)."""

ORDER = 50


def _coverage(path) -> str:
    """Per project what the balances give and what is short, from the coverage table (sqlite, no QGIS)."""
    import sqlite3

    with sqlite3.connect(str(path)) as db:
        table = db.execute("SELECT table_name FROM gpkg_contents LIMIT 1").fetchone()[0]
        rows = db.execute(f'SELECT XMBH, YQDM, DW, YAP, KB, QK FROM "{table}"').fetchall()  # noqa: S608 - own table
    parts: dict = {}
    for project, req, unit, allocated, drawn, short in rows:
        words = [f"allocated {allocated:,.2f}" if allocated else "", f"from balance {drawn:,.2f}" if drawn else "",
                 f"short {short:,.2f}" if short else ""]
        if any(words):
            parts.setdefault(project, []).append(f"{req} " + ", ".join(w for w in words if w) + f" {unit}")
    return "; ".join(f"{p}: " + ", ".join(v) for p, v in parts.items())


def steps(ctx, scale="1", seed="2021"):
    from demo import Step  # scripts/ is on sys.path when demo.py runs

    out = ctx.output / "precheck"
    out.mkdir(parents=True, exist_ok=True)
    layer = f"{ctx.gpkg}|layername="
    ledger = ctx.output / "ledger" / "demo_ledger.gpkg"
    result, pieces, coverage = out / "precheck.gpkg", out / "precheck_pieces.gpkg", out / "precheck_coverage.gpkg"
    return [
        Step("landsupervision:projectprecheck", {
            "PROJECTS": layer + "demo_precheck_projects", "PROJECT_ID_FIELD": "XMBH",
            "BASELINE": layer + "demo_baseline_dltb", "FARMLAND": layer + "demo_farmland",
            "REDLINE": layer + "demo_reclamation_redline", "DEV_BOUNDARY": layer + "demo_dev_boundary",
            "PARK_ZONES": layer + "demo_park_zones", "LEDGER": ledger,
            "PATCHES": ctx.output / "patrol" / "patrol_patches.gpkg",
            "PLOTS": ctx.output / "reclamation" / "checked_plots.gpkg", "OUTPUT": result, "OUTPUT_PIECES": pieces,
            "OUTPUT_COVERAGE": coverage},
            lambda r: f"{r.get('PROJECTS_WITH_FINDINGS')} of 3 projects (S302/S202, 长城汽车, 日本电产 90亩) with "
                      f"findings -> {result}; coverage: {_coverage(coverage)} (ILLUSTRATIVE: project shapes and "
                      "the synthetic layers are not the bureau's; the articles state no 水田规模 or 粮食产能 "
                      "quota, hence the shortfalls)",
            "projectprecheck"),
        Step("landsupervision:precheckreport", {"PRECHECK": result, "PIECES": pieces,
                                                "OUTPUT": out / "precheck_sheets.pdf"},
             lambda r: f"{r.get('PAGES')} pages -> {out / 'precheck_sheets.pdf'}", "precheckreport"),
        Step("landsupervision:precheckpost", {
            "PRECHECK": result, "LEDGER": ledger, "PROJECT_IDS": "RBDC", "QUOTAS": 0, "BATCH_NO": "2022-日本电产-1",
            "YEAR": 2022, "DATE": "2022-09-30", "TOWN": "钟埭街道",
            "EVIDENCE": "日本电产新能源驱动电机旗舰工厂用地报批",
            "NOTE": "ILLUSTRATIVE: date, batch number, town and project polygon; posted from the demo's "
                    "pre-check. Seeds: 90亩 secured, work started October 2022"},
            lambda r: f"日本电产 plan quota posted as entry {r.get('ENTRY_NOS')} -> {ledger} (ILLUSTRATIVE)",
            "precheckpost"),
    ]
