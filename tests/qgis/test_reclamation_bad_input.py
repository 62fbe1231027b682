"""Bad input to reclamationacceptance: named in the log (layer, feature, field); nothing dropped."""

import processing
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingFeedback, QgsVectorLayer

from tests.qgis.test_reclamation_algorithms import features, params


class Recorder(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines = []

    def pushWarning(self, warning):  # noqa: N802 - Qt API
        self.lines.append(warning)
        super().pushWarning(warning)

    def pushInfo(self, info):  # noqa: N802 - Qt API
        self.lines.append(info)
        super().pushInfo(info)


def _plots_with_extra(gpkg):
    """A memory copy of the demo plots plus: no declared area, no geometry, outside every project."""
    src = QgsVectorLayer(f"{gpkg}|layername=demo_reclamation_plots", "p", "ogr")
    layer = QgsVectorLayer("Polygon?crs=EPSG:4549", "my_plots", "memory")
    layer.dataProvider().addAttributes(src.fields().toList()[1:])  # without the fid
    layer.updateFields()
    rows = []
    for f in src.getFeatures():
        new = QgsFeature(layer.fields())
        new.setAttributes(f.attributes()[1:])
        new.setGeometry(f.geometry())
        rows.append(new)
    template = rows[0]
    extra = []
    for plot_id, sbmj, geometry in (("NO-AREA", None, template.geometry()),
                                    ("NO-GEOM", 3.0, QgsGeometry()),
                                    ("FAR-AWAY", 3.0, QgsGeometry.fromWkt(
                                        "POLYGON((700000 3390000,700050 3390000,700050 3390050,700000 3390050,"
                                        "700000 3390000))"))):
        new = QgsFeature(layer.fields())
        new.setAttributes(template.attributes())
        new["DKBH"], new["SBMJ"] = plot_id, sbmj
        new.setGeometry(geometry)
        extra.append(new)
    layer.dataProvider().addFeatures(rows + extra)
    return layer, len(rows) + len(extra)


def test_bad_plots_are_named_and_kept(demo_gpkg, provider):
    layer, count = _plots_with_extra(demo_gpkg)
    feedback = Recorder()
    result = processing.run("landsupervision:reclamationacceptance", params(demo_gpkg, PLOTS=layer),
                            feedback=feedback)
    rows = {r["DKBH"]: r for r in features(result["OUTPUT_PLOTS"])}
    assert len(features(result["OUTPUT_PLOTS"])) == count  # nothing dropped
    log = "\n".join(feedback.lines)
    # missing declared area: not checked, named with layer, feature and field
    assert rows["NO-AREA"]["C04"] == "未核查"
    assert "my_plots" in log and "NO-AREA" in log and "'SBMJ'" in log
    # no geometry: rejected with R10, kept in the output
    assert "R10_INVALID_GEOMETRY" in rows["NO-GEOM"]["YYDM"] and rows["NO-GEOM"]["YSJL"] == "不合格"
    # outside every project (its project id is a real project): R02 names it
    assert "R02_OUTSIDE_PROJECT" in rows["FAR-AWAY"]["YYDM"]
    assert "FAR-AWAY" in log
    # the demo's plot without a project id, and the invalid bowtie, are named too
    assert "WXM-001" in log and "'XMBH'" in log
    assert "invalid geometry" in log
    # overlapping plots name each other: the demo's pair, and NO-AREA drawn on top of the first plot
    overlap = {r["DKBH"]: r for r in rows.values() if "R03_OVERLAP" in (r["YYDM"] or "")}
    assert len(overlap) == 4
    first = next(iter(rows))
    assert "NO-AREA" in overlap[first]["YYSM"] and first in overlap["NO-AREA"]["YYSM"]


def test_baseline_crs_is_said_in_the_log(demo_gpkg, provider):
    from tests.qgis.test_reclamation_algorithms import _reprojected_copy

    baseline = _reprojected_copy(demo_gpkg, "demo_baseline_dltb", "EPSG:4490")
    feedback = Recorder()
    processing.run("landsupervision:reclamationacceptance", params(demo_gpkg, BASELINE=baseline), feedback=feedback)
    assert any("EPSG:4490" in line and "EPSG:4549" in line for line in feedback.lines)
