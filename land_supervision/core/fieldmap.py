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
                raise InputError(
                    Message("缺少字段（{key}）", "missing field ({key})").format(key=key),
                    layer=self.layer_name, field=wanted,
                )
            out[key] = by_upper[wanted.upper()]
        for key in optional:
            wanted = self._names[key]
            if wanted.upper() in by_upper:
                out[key] = by_upper[wanted.upper()]
        return out
