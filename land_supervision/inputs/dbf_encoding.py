"""Which text encoding a shapefile's .dbf uses: its .cpg, the header's language byte, or a guess from the text.

Ministry and survey shapefiles often carry GBK text without a .cpg. Pure stdlib.
"""

from __future__ import annotations

import struct
from pathlib import Path

# .dbf header byte 29 (language driver id) -> code page; 0x4D is code page 936 (GBK), the one met here.
LDID_CODEPAGES = {0x4D: "CP936", 0x01: "CP437", 0x57: "CP1252", 0x03: "CP1252", 0x4E: "CP949", 0x4F: "CP950",
                  0x7A: "CP936", 0x13: "CP932"}
_CPG_ALIASES = {"936": "CP936", "gbk": "CP936", "gb2312": "CP936", "cp936": "CP936", "utf-8": "UTF-8",
                "utf8": "UTF-8", "65001": "UTF-8"}


def dbf_path(path: str | Path) -> Path:
    """The .dbf beside a .shp (or the .dbf itself)."""
    path = Path(str(path).split("|", 1)[0])
    return path if path.suffix.lower() == ".dbf" else path.with_suffix(".dbf")


def declared_encoding(path: str | Path) -> tuple[str | None, str]:
    """(encoding, how it was found) from the .cpg or the header byte; (None, reason) if neither says."""
    dbf = dbf_path(path)
    for cpg in (dbf.with_suffix(".cpg"), dbf.with_suffix(".CPG")):
        if cpg.exists():
            text = cpg.read_text(encoding="ascii", errors="ignore").strip()
            return _CPG_ALIASES.get(text.lower(), text or None), ".cpg"
    if not dbf.exists():
        return None, "no .dbf"
    with open(dbf, "rb") as handle:
        header = handle.read(32)
    if len(header) >= 30 and header[29] in LDID_CODEPAGES:
        return LDID_CODEPAGES[header[29]], f"language byte 0x{header[29]:02X}"
    return None, "no .cpg and no language byte"


def sniff_text(path: str | Path, limit: int = 2_000_000) -> str | None:
    """Guess from the bytes of the character fields: 'UTF-8', 'CP936' (GBK) or None when all text is ASCII."""
    dbf = dbf_path(path)
    with open(dbf, "rb") as handle:
        data = handle.read(limit)
    if len(data) < 32:
        return None
    header_len, record_len = struct.unpack("<HH", data[8:12])
    body = data[header_len:]
    if all(b < 0x80 for b in body):
        return None
    try:
        body.decode("utf-8")
        return "UTF-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(body) - 4:  # cut in the middle of a character at the read limit
            return "UTF-8"
    try:
        body[: len(body) - len(body) % max(record_len, 1)].decode("gbk")
        return "CP936"
    except UnicodeDecodeError:
        return None


def detect_encoding(path: str | Path) -> tuple[str | None, str]:
    """The .dbf encoding and how it was found: declared (.cpg, header byte) first, then guessed from the text."""
    encoding, how = declared_encoding(path)
    if encoding:
        return encoding, how
    guess = sniff_text(path)
    return guess, (f"guessed from the text ({how})" if guess else how)


def write_cpg(path: str | Path, encoding: str = "UTF-8") -> Path:
    """Write the .cpg beside an exported shapefile (always do it: readers guess otherwise)."""
    cpg = dbf_path(path).with_suffix(".cpg")
    cpg.write_text(encoding, encoding="ascii")
    return cpg
