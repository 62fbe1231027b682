"""Demo step of the 用地预审 pre-check: the demo ledger's project polygons (the bureau's projects 长城汽车,
S302/S202 ... with ILLUSTRATIVE shapes) checked against every demo layer, the ledger and the other tools'
results, and the one-page sheets printed."""

ORDER = 50


def steps(ctx, scale="1", seed="2021"):
    from demo import Step  # scripts/ is on sys.path when demo.py runs

    out = ctx.output / "precheck"
    out.mkdir(parents=True, exist_ok=True)
    layer = f"{ctx.gpkg}|layername="
    ledger = ctx.output / "ledger" / "demo_ledger.gpkg"
    result, pieces = out / "precheck.gpkg", out / "precheck_pieces.gpkg"
    return [
        Step("landsupervision:projectprecheck", {
            "PROJECTS": f"{ledger}|layername=ledger_projects", "PROJECT_ID_FIELD": "project_id",
            "BASELINE": layer + "demo_baseline_dltb", "FARMLAND": layer + "demo_farmland",
            "REDLINE": layer + "demo_reclamation_redline", "DEV_BOUNDARY": layer + "demo_dev_boundary",
            "PARK_ZONES": layer + "demo_park_zones", "LEDGER": ledger,
            "PATCHES": ctx.output / "patrol" / "patrol_patches.gpkg",
            "PLOTS": ctx.output / "reclamation" / "checked_plots.gpkg", "OUTPUT": result, "OUTPUT_PIECES": pieces},
            lambda r: f"{r.get('PROJECTS_WITH_FINDINGS')} of the ledger's projects with findings -> {result} "
                      "(ILLUSTRATIVE: project shapes and the synthetic layers are not the bureau's)",
            "projectprecheck"),
        Step("landsupervision:precheckreport", {"PRECHECK": result, "PIECES": pieces,
                                                "OUTPUT": out / "precheck_sheets.pdf"},
             lambda r: f"{r.get('PAGES')} pages -> {out / 'precheck_sheets.pdf'}", "precheckreport"),
    ]
