"""landsupervision:patchatlas - the atlas PDF of the reconciled patches (cover page + one page per patch)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProject,
)

from ...constants import PATROL_RATIO_FIELD, PATROL_VERDICT_FIELD
from ...core.patrol import load_rules
from ...inputs.checks import check_crs, label_of
from ...qgis_compat import ProcessingAlgorithmFlag, ProcessingNumberParameterType, ProcessingSourceType
from ..base import LandSupervisionAlgorithm, pdf_output
from ..outputs import OutputSet

DEFAULT_TITLE = "平湖市卫片执法图斑核查报告"


class PatchAtlas(LandSupervisionAlgorithm):
    ALG_ID = "patchatlas"
    DISPLAY_NAME = "Satellite-patrol atlas (PDF)"
    GROUP_ID = "patrol"
    HELP = (
        "Prints the reconciliation as one PDF for the report to the ministry: a cover page with the county summary, "
        "the town map coloured by 耕占比 and the town table, then one page per patch (discrepancies first) with a map "
        "zoomed to the patch over the baseline and the approvals, its evidence and verdict. The patch pages come from "
        "the print-layout atlas template resources/patrol/patrol_atlas.qpt.\n"
        "Reconciled patches, \"Town summary\" and \"Batch contributions\" (optional, one line per batch on the "
        "cover): the outputs of the patch reconciliation of those names.\n"
        "Baseline survey and \"Approval layers\" (optional): shown under the patches. Cultivated-share line: the line "
        "quoted on the cover (15% by default). Title: the cover title.\n"
        "Atlas PDF: the file to write."
    )

    def initAlgorithm(self, config=None):
        polygon = [ProcessingSourceType.VectorPolygon]
        self.addParameter(QgsProcessingParameterVectorLayer("PATCHES", self.tr("Reconciled patches"), polygon))
        self.addParameter(QgsProcessingParameterVectorLayer("TOWNS", self.tr("Town summary"), polygon))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "BASELINE", self.tr("Baseline survey (三调)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "APPROVALS", self.tr("Approval layers"), ProcessingSourceType.VectorPolygon, optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "BATCHES", self.tr("Batch contributions (optional)"), [ProcessingSourceType.Vector], optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "RATIO_THRESHOLD", self.tr("Cultivated-share line (%)"), ProcessingNumberParameterType.Double,
            defaultValue=load_rules().ratio_threshold_percent, minValue=0, maxValue=100))
        self.addParameter(QgsProcessingParameterString("TITLE", self.tr("Title"), DEFAULT_TITLE, optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", self.tr("Atlas PDF"), self.tr("PDF files (*.pdf)")))
        self.addOutput(QgsProcessingOutputNumber("PAGE_COUNT", self.tr("Number of pages")))

    def flags(self):
        # print layouts are built and rendered on the main thread
        return super().flags() | ProcessingAlgorithmFlag.CanCancel | ProcessingAlgorithmFlag.NoThreading

    def processAlgorithm(self, parameters, context, feedback):
        from ...reports.layout_kit import write_pdf
        from ...reports.patrol_atlas import cover_layout, patch_layout
        from ...reports.patrol_styles import apply_style

        path = pdf_output(self, parameters, "OUTPUT", context)
        patches = self._layer(parameters, "PATCHES", context, ["JCBH", PATROL_VERDICT_FIELD, "WTS", "TBMJ"])
        towns = self._layer(parameters, "TOWNS", context, ["XZQMC", PATROL_RATIO_FIELD, "GZB_ZGH", "TBS"])
        project = QgsProject()
        town_rows = list(towns.getFeatures())
        summary = self._summary(patches, town_rows, self.parameterAsDouble(parameters, "RATIO_THRESHOLD", context))
        batches = self.parameterAsVectorLayer(parameters, "BATCHES", context)
        summary["batches"] = _batch_lines(batches) if batches is not None else []
        feedback.setProgress(1)  # each step a short one: on the main thread, events are processed between
        patches, towns = patches.clone(), towns.clone()
        apply_style(patches, "patches")
        apply_style(towns, "towns")
        towns.setSubsetString("\"XZQMC\" <> '合计'")
        towns.setName(self.tr("Cultivated share by town"))
        patches.setName(self.tr("Patches by verdict"))
        layers = [patches]
        for approval in self.parameterAsLayerList(parameters, "APPROVALS", context):
            feedback.setProgress(1 + len(layers) / 2)
            check_crs(approval, label_of(approval))
            clone = approval.clone()
            apply_style(clone, "approvals")
            layers.append(clone)
        baseline = self.parameterAsVectorLayer(parameters, "BASELINE", context)
        if baseline is not None:
            check_crs(baseline, label_of(baseline))
            baseline = baseline.clone()
            apply_style(baseline, "baseline")
            layers.append(baseline)
        for layer in layers + [towns]:
            project.addMapLayer(layer, False)
        title = self.parameterAsString(parameters, "TITLE", context) or DEFAULT_TITLE
        feedback.setProgress(5)
        feedback.pushInfo(self.tr("Printing the cover and {count} patch pages").format(count=patches.featureCount()))
        cover = cover_layout(project, towns, town_rows, summary, title)
        feedback.setProgress(8)
        atlas = patch_layout(project, patches, layers)
        feedback.setProgress(9)
        with OutputSet(self, parameters, context, feedback) as outputs:  # an existing file stays until the end
            try:
                pages = write_pdf(outputs.file("OUTPUT", path), [cover, atlas], feedback, span=(10.0, 100.0))
            except RuntimeError as exc:
                raise QgsProcessingException(str(exc)) from exc
            outputs.commit()  # (raises Canceled when the printing stopped early)
        feedback.pushInfo(self.tr("{pages} pages written to {path}").format(pages=pages, path=path))
        return {"OUTPUT": path, "PAGE_COUNT": pages}

    def _layer(self, parameters, name, context, fields):
        layer = self.parameterAsVectorLayer(parameters, name, context)
        if layer is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        check_crs(layer, label_of(layer))  # refused without CRS, or with coordinates that do not fit it
        names = layer.fields().names()
        for field in fields:
            if field not in names:
                raise QgsProcessingException(self.tr(
                    "Layer '{layer}' has no field '{field}': give the outputs of the reconciliation").format(
                    layer=layer.name(), field=field))
        return layer

    @staticmethod
    def _summary(patches, towns: list, line) -> dict:
        county = next((f for f in towns if f["XZQMC"] == "合计"), None)
        if county is None:
            raise QgsProcessingException("town summary without the county row 合计 / 分镇汇总缺少合计行")
        names = patches.fields().names()

        def field(feature, name):
            value = feature[name] if name in names else None
            return None if value is None or str(value) == "NULL" else value

        values = [(f[PATROL_VERDICT_FIELD], f["SBJG"], f["WTS"] or 0, f["ZGZT"], field(f, "FHBF"), field(f, "XSYS"),
                   field(f, "ZGXC")) for f in patches.getFeatures()]

        def number(value):
            return None if value is None or str(value) == "NULL" else float(value)

        return {
            "n": len(values), "legal": sum(v[0] == "合法" for v in values),
            "illegal": sum(v[0] == "违法" for v in values), "other": sum(v[0] == "其他" for v in values),
            "unreported": sum(v[1] in (None, "") or str(v[1]) == "NULL" for v in values),
            "rectified": sum(v[0] == "违法" and v[3] == "已整改" for v in values),
            "issues": sum(int(v[2]) for v in values), "ratio": number(county[PATROL_RATIO_FIELD]),
            "ratio_after": number(county["GZB_ZGH"]), "line": line,
            "illegal_mu": float(county["WFGD_MU"] or 0), "new_mu": float(county["XZGD_MU"] or 0),
            "ratio_second": number(county["GZB_FH"]) if "GZB_FH" in county.fields().names() else None,
            "rejected": sum(v[4] == 1 for v in values), "referrals": sum(v[5] == 1 for v in values),
            "not_removed": sum(v[0] == "违法" and v[3] == "已整改" and v[6] == 0 for v in values),
        }


def _batch_lines(layer) -> list[str]:
    """'2021Q1 图斑 n 个 ... 耕占比 x%' per batch from the county rows (合计) of the batch table."""
    names = layer.fields().names()
    if not {"PC", "XZQMC", "TBS", "WFGD_MU", "XZGD_MU", PATROL_RATIO_FIELD} <= set(names):
        raise QgsProcessingException(f"Layer '{layer.name()}' is not the OUTPUT_BATCHES of the reconciliation / "
                                     "不是批次贡献表")
    out = []
    for f in sorted(layer.getFeatures(), key=lambda f: str(f["PC"])):
        if f["XZQMC"] != "合计":
            continue
        ratio = f[PATROL_RATIO_FIELD]
        ratio = "-" if ratio is None or str(ratio) == "NULL" else f"{float(ratio):.2f}%"
        repeated = f["CFS"] if "CFS" in names else 0
        out.append(f"{f['PC']}：图斑 {f['TBS']} 个（重复下发 {repeated}），违法占耕 {float(f['WFGD_MU']):.2f} 亩，"
                   f"新增占耕 {float(f['XZGD_MU']):.2f} 亩，批次耕占比 {ratio}")
    return out
