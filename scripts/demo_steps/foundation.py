"""Demo step of the foundation: the demo GeoPackage every other step uses."""

ORDER = 0


def steps(ctx, scale="1", seed="2021"):
    from demo import Step  # scripts/ is on sys.path when demo.py runs

    def summary(results):
        return f"{results.get('LAYER_COUNT')} layers, hash {str(results.get('CONTENT_HASH'))[:12]} -> {ctx.gpkg}"

    return [Step("landsupervision:createdemodata", {"OUTPUT": ctx.gpkg, "SCALE": scale, "SEED": seed},
                 summary, "createdemodata")]
