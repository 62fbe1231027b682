"""Standard field names per kind of layer, and their per-layer remapping."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .messages import InputError, Message

STANDARD_FIELDS: dict[str, dict[str, str]] = {
    # 三调 land-class patches (DLTB)
    "baseline": {
        "id": "BSM", "patch_no": "TBBH", "class_code": "DLBM", "class_name": "DLMC", "owner_type": "QSXZ",
        "owner_code": "QSDWDM", "owner_name": "QSDWMC", "seat_code": "ZLDWDM", "seat_name": "ZLDWMC",
        "area": "TBMJ", "deduct_code": "KCDLBM", "deduct_ratio": "KCXS", "deduct_area": "KCMJ",
        "net_area": "TBDLMJ", "cultivated_type": "GDLX", "slope_grade": "GDPDJB", "town_code": "XZQDM",
        "quality_grade": "ZLDB",  # 耕地质量等别 1-15 where the baseline carries it (optional)
    },
    # ministry change patches as issued
    "patches": {
        "id": "JCBH", "admin_code": "XZQDM", "county": "XMC", "patch_type": "TBLX", "before_date": "QSX",
        "after_date": "HSX", "before_class": "QLX", "after_class": "HLX", "area": "JCMJ",
        "lon": "LZB", "lat": "BZB", "category": "JCLB", "method": "FXFS", "batch": "PC",
    },
    # the county's verification answer per patch
    "verification": {
        "id": "JCBH", "proof_type": "JZLX", "violation_type": "WFLX", "violation_area": "WFMJ",
        "result": "PDJG", "cultivated_area": "JCGDMJ", "farmland_area": "ZYJJBNTMJ",
        "approved_cultivated": "YDSXZGDMJ", "unapproved_cultivated": "WBSXZGDMJ", "approval_no": "PZWH",
        "explanation": "PDYJSM", "legal_subtype": "HFLX", "rectification": "ZGZT", "excluded": "SFPC",
        "measure": "ZGCS",
    },
    "towns": {"name": "XZQMC", "code": "XZQDM"},
    # approval date, 临时用地 term end, 是/否 a 临时用地 for infrastructure (a 4-year term)
    "approvals": {"approval_no": "PZWH", "subtype": "PZLX", "date": "PZRQ", "term_end": "DQRQ",
                  "infrastructure": "JCSS"},
    "projects": {"id": "XMBH", "name": "XMMC", "town": "XZQMC", "declared_area": "XZGDMJ",
                 # reclamation: the area chain (亩), paired 建新/安置 area, extra target classes, year, quota kind
                 "chain_planned": "GHXZMJ", "chain_county_deduction": "XJKJMJ", "chain_submitted": "SBYSMJ",
                 "chain_city_deduction": "SJKJMJ", "chain_province_deduction": "STHJMJ",
                 "chain_confirmed": "QRXZMJ", "paired_area": "JXAZMJ", "extra_classes": "YXDL", "year": "YSND",
                 "quota_kind": "ZBLX"},
    "plots": {"id": "DKBH", "project_id": "XMBH", "declared_area": "SBMJ", "target_class": "MBDL",
              # reclamation field survey: soil depth/plough layer cm, gravel %, pH, organic matter %, 有/无
              "soil_depth": "YXTCHD", "plough_layer": "GZCHD", "gravel": "LSHL", "ph": "TRPH",
              "organic_matter": "YJZHL", "drainage": "PGSS", "road_access": "TJDL",
              "quality_grade": "ZLDB"},  # 耕地质量等别 1-15
    # reclamation: the area chain as the acceptance system records it, one row per project and step (亩)
    "area_chain": {"project_id": "XMBH", "step": "HJ", "agricultural": "NYDMJ", "cultivated": "GDMJ",
                   "0101": "STMJ", "0102": "SJDMJ", "0103": "HDMJ", "grade": "ZLDB"},
    "zones": {"zone_type": "GKFQ", "name": "MC"},
    "activities": {"id": "HDBH", "activity_type": "HDLX", "radius": "BJ", "width": "KD"},
    "tracks": {"vessel": "CBBH", "time": "SJ"},
}

# the words a message uses for a logical field (never the identifier itself)
FIELD_WORDS: dict[str, tuple[str, str]] = {
    "0101": ("水田面积", "paddy area"), "0102": ("水浇地面积", "irrigated land area"),
    "0103": ("旱地面积", "dry land area"), "activity_type": ("活动类型", "activity type"),
    "admin_code": ("行政区代码", "administrative code"), "after_class": ("后时相地类", "class at the later image"),
    "after_date": ("后时相", "later image date"), "agricultural": ("农用地面积", "agricultural land area"),
    "approval_no": ("批准文号", "approval number"), "approved_cultivated": ("有地手续占耕地面积",
                                                                          "cultivated area with approvals"),
    "area": ("面积", "area"), "batch": ("批次", "batch"), "before_class": ("前时相地类", "class at the earlier image"),
    "before_date": ("前时相", "earlier image date"), "category": ("监测类别", "category"),
    "chain_city_deduction": ("市级扣减面积", "city deduction"), "chain_confirmed": ("确认新增面积", "confirmed area"),
    "chain_county_deduction": ("县级扣减面积", "county deduction"), "chain_planned": ("规划新增面积", "planned area"),
    "chain_province_deduction": ("省厅核减面积", "province deduction"),
    "chain_submitted": ("上报验收面积", "area submitted for acceptance"), "class_code": ("地类编码", "land-class code"),
    "class_name": ("地类名称", "land-class name"), "code": ("代码", "code"), "county": ("县名", "county"),
    "cultivated": ("耕地面积", "cultivated area"), "cultivated_area": ("耕地面积", "cultivated area"),
    "cultivated_type": ("耕地类型", "cultivated land type"), "date": ("日期", "date"),
    "declared_area": ("申报面积", "declared area"), "deduct_area": ("扣除面积", "deducted area"),
    "deduct_code": ("扣除地类编码", "deduction class code"), "deduct_ratio": ("扣除系数", "deduction ratio"),
    "drainage": ("排灌设施", "drainage"), "excluded": ("排除标记", "exclusion flag"),
    "explanation": ("判定依据说明", "explanation"), "extra_classes": ("其他目标地类", "further target classes"),
    "farmland_area": ("占永久基本农田面积", "permanent basic farmland area"), "grade": ("质量等别", "quality grade"),
    "gravel": ("砾石含量", "gravel content"), "id": ("编号", "id"),
    "infrastructure": ("是否基础设施", "infrastructure"),
    "lat": ("纬度", "latitude"), "legal_subtype": ("合法类型", "legal sub-type"), "lon": ("经度", "longitude"),
    "measure": ("整改措施", "rectification measure"), "method": ("发现方式", "method"), "name": ("名称", "name"),
    "net_area": ("图斑地类面积", "net area"), "organic_matter": ("有机质含量", "organic matter"),
    "owner_code": ("权属单位代码", "owner code"), "owner_name": ("权属单位名称", "owner name"),
    "owner_type": ("权属性质", "ownership type"), "paired_area": ("建新/安置面积", "paired new-construction area"),
    "patch_no": ("图斑编号", "patch number"), "patch_type": ("图斑类型", "patch type"), "ph": ("土壤 pH", "soil pH"),
    "plough_layer": ("耕作层厚度", "plough layer depth"), "project_id": ("项目编号", "project id"),
    "proof_type": ("举证类型", "proof type"), "quality_grade": ("耕地质量等别", "cultivated land quality grade"),
    "quota_kind": ("指标类型", "quota kind"), "radius": ("半径", "radius"),
    "rectification": ("整改状态", "rectification"),
    "result": ("判定结果", "result"), "road_access": ("田间道路", "road access"),
    "seat_code": ("坐落单位代码", "seat code"),
    "seat_name": ("坐落单位名称", "seat name"), "slope_grade": ("坡度级别", "slope grade"),
    "soil_depth": ("有效土层厚度", "soil depth"), "step": ("环节", "step"), "subtype": ("批准类型", "approval type"),
    "target_class": ("目标地类", "target class"), "term_end": ("到期日期", "term end"), "time": ("时间", "time"),
    "town": ("镇街道", "town"), "town_code": ("镇街道代码", "town code"),
    "unapproved_cultivated": ("无地手续占耕地面积", "cultivated area without approvals"),
    "vessel": ("船舶编号", "vessel id"), "violation_area": ("违法面积", "illegal area"),
    "violation_type": ("违法类型", "violation type"), "width": ("宽度", "width"), "year": ("年度", "year"),
    "zone_type": ("分区类型", "zone type"),
}


def field_words(key: str) -> tuple[str, str]:
    """(Chinese, English) words for a logical field name."""
    return FIELD_WORDS.get(key, (key, key.replace("_", " ")))


class FieldMap:
    """Logical name -> field name of one layer: the standard names, with per-layer overrides."""

    def __init__(self, kind: str, layer_name: str = "", overrides: Mapping[str, str] | None = None):
        if kind not in STANDARD_FIELDS:
            raise KeyError(kind)
        self.kind = kind
        self.layer_name = layer_name or kind
        self._names = dict(STANDARD_FIELDS[kind])
        for key, value in (overrides or {}).items():
            if key not in self._names:
                raise KeyError(f"{kind}: no logical field {key!r}")
            if value:
                self._names[key] = value

    def __getitem__(self, key: str) -> str:
        return self._names[key]

    def resolve(self, available: Iterable[str], required: Iterable[str], optional: Iterable[str] = ()) -> dict:
        """Actual field names for ``required`` and found ``optional`` logical names (case-insensitive).

        Raises InputError naming the layer and the first missing field.
        """
        by_upper = {name.upper(): name for name in available}
        out: dict[str, str] = {}
        for key in required:
            wanted = self._names[key]
            if wanted.upper() not in by_upper:
                zh, en = field_words(key)
                raise InputError(Message(f"缺少字段（{zh}）", f"missing field ({en})"),
                                 layer=self.layer_name, field=wanted)
            out[key] = by_upper[wanted.upper()]
        for key in optional:
            wanted = self._names[key]
            if wanted.upper() in by_upper:
                out[key] = by_upper[wanted.upper()]
        return out
