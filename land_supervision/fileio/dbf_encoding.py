"""Moved to ``land_supervision.inputs.dbf_encoding`` (kept for old imports)."""

from __future__ import annotations

from ..inputs.dbf_encoding import (  # noqa: F401
    LDID_CODEPAGES,
    dbf_path,
    declared_encoding,
    detect_encoding,
    sniff_text,
    write_cpg,
)
