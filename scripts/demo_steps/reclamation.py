"""Demo step of the reclamation tool: acceptance check, field sample and the PDF report on the demo data."""

ORDER = 10


def steps(ctx, scale="1", seed="2021"):
    from demo import Step  # scripts/ is on sys.path when demo.py runs

    out = ctx.output / "reclamation"
    out.mkdir(parents=True, exist_ok=True)
    gpkg = ctx.gpkg

    def layer(name):
        return f"{gpkg}|layername={name}"

    plots, projects, towns = out / "checked_plots.gpkg", out / "projects.gpkg", out / "towns.gpkg"
    chain = out / "area_chain.gpkg"
    sample, report = out / "sample.gpkg", out / "reclamation_report.pdf"
    acceptance = {
        "PROJECTS": layer("demo_reclamation_projects"), "PLOTS": layer("demo_reclamation_plots"),
        "BASELINE": layer("demo_baseline_dltb"), "DEV_BOUNDARY": layer("demo_dev_boundary"),
        "ECO_REDLINE": layer("demo_reclamation_redline"), "PRIOR_PLOTS": layer("demo_prior_plots"),
        "TOWNS": layer("demo_towns"), "AREA_CHAIN": layer("demo_reclamation_chain"), "OUTPUT_PLOTS": plots,
        "OUTPUT_PROJECTS": projects, "OUTPUT_TOWNS": towns, "OUTPUT_CHAIN": chain,
    }

    def accepted(r):
        return (f"{r.get('ACCEPTED')} 合格, {r.get('REJECTED')} 不合格, {r.get('PENDING')} 待核实 -> {plots.name}, "
                f"{projects.name}, {towns.name}, {chain.name}")

    return [
        Step("landsupervision:reclamationacceptance", acceptance, accepted, "reclamationacceptance"),
        Step("landsupervision:reclamationsample", {"INPUT": plots, "SEED": seed, "RATIO": 0.2,
                                                   "MIN_PER_PROJECT": 1, "OUTPUT": sample},
             lambda r: f"{r.get('SAMPLE_COUNT')} plots drawn, seed {r.get('SEED_USED')} -> {sample.name}",
             "reclamationsample"),
        Step("landsupervision:reclamationreport", {"PLOTS": plots, "PROJECTS": projects, "SAMPLE": sample,
                                                   "CHAIN": chain, "OUTPUT": report},
             lambda r: f"{r.get('PAGES')} pages -> {report}", "reclamationreport"),
    ]
