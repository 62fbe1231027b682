"""Demo step of the patrol tool: reconcile the demo patches, then print the atlas PDF."""

ORDER = 40

APPROVAL_LAYERS = ["nzy", "gd", "lsyd", "ssnyd", "xxyd"]


def steps(ctx, scale="1", seed="2021"):
    from demo import Step  # scripts/ is on sys.path when demo.py runs

    out = ctx.output / "patrol"
    out.mkdir(parents=True, exist_ok=True)
    layer = f"{ctx.gpkg}|layername="
    params = {
        "PATCHES": layer + "demo_patches", "VERIFICATION": layer + "demo_verification",
        "BASELINE": layer + "demo_baseline_dltb", "TOWNS": layer + "demo_towns", "FARMLAND": layer + "demo_farmland",
        "APPROVALS": [layer + f"demo_approvals_{s}" for s in APPROVAL_LAYERS],
        "OUTPUT": out / "patrol_patches.gpkg", "OUTPUT_DISCREPANCIES": out / "patrol_discrepancies.gpkg",
        "OUTPUT_TOWNS": out / "patrol_towns.gpkg", "OUTPUT_BATCHES": out / "patrol_batches.gpkg",
    }

    def summary(results):
        ratio = results.get("COUNTY_RATIO")
        after = results.get("COUNTY_RATIO_AFTER")
        second = results.get("COUNTY_RATIO_SECOND")
        return (f"{results.get('PATCH_COUNT')} patches, {results.get('DISCREPANCY_COUNT')} discrepancies, "
                f"county 耕占比 {ratio:.2f}% -> {after:.2f}% after rectification, {second:.2f}% on the ministry's "
                f"second look, {results.get('REFERRAL_COUNT')} over the referral line -> {out}")

    atlas = {"PATCHES": out / "patrol_patches.gpkg", "TOWNS": out / "patrol_towns.gpkg",
             "BASELINE": layer + "demo_baseline_dltb", "APPROVALS": params["APPROVALS"],
             "BATCHES": out / "patrol_batches.gpkg",
             "OUTPUT": out / "patrol_atlas.pdf"}

    def atlas_summary(results):
        return f"{results.get('PAGE_COUNT')} pages -> {results.get('OUTPUT')}"

    return [Step("landsupervision:patchreconciliation", params, summary, "patchreconciliation"),
            Step("landsupervision:patchatlas", atlas, atlas_summary, "patchatlas")]
