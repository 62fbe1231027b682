"""GBK .dbf detection: .cpg, the header's language byte 0x4D (code page 936), or a guess from the text."""

import struct

from land_supervision.inputs.dbf_encoding import declared_encoding, detect_encoding, write_cpg


def write_dbf(path, values, ldid=0, encoding="gbk"):
    """A minimal dBase III file with one character field MC (hand-built header)."""
    width = 20
    header = struct.pack("<BBBBIHH20x", 3, 126, 1, 1, len(values), 32 + 32 + 1, 1 + width)
    header = bytearray(header)
    header[29] = ldid
    field = b"MC".ljust(11, b"\0") + b"C" + b"\0" * 4 + bytes([width, 0]) + b"\0" * 14
    records = b"".join(b" " + v.encode(encoding).ljust(width, b" ") for v in values)
    path.write_bytes(bytes(header) + field + b"\r" + records + b"\x1a")
    return path


def test_language_byte_4d_is_gbk(tmp_path):
    dbf = write_dbf(tmp_path / "a.dbf", ["当湖街道"], ldid=0x4D)
    assert declared_encoding(dbf) == ("CP936", "language byte 0x4D")


def test_cpg_wins(tmp_path):
    dbf = write_dbf(tmp_path / "b.dbf", ["当湖街道"], ldid=0x4D)
    write_cpg(dbf, "UTF-8")
    assert declared_encoding(tmp_path / "b.shp")[0] == "UTF-8"


def test_guess_gbk_without_cpg_or_byte(tmp_path):
    dbf = write_dbf(tmp_path / "c.dbf", ["当湖街道", "乍浦镇图斑"])
    encoding, how = detect_encoding(dbf)
    assert encoding == "CP936" and "guessed" in how


def test_utf8_and_ascii(tmp_path):
    assert detect_encoding(write_dbf(tmp_path / "d.dbf", ["当湖"], encoding="utf-8"))[0] == "UTF-8"
    assert detect_encoding(write_dbf(tmp_path / "e.dbf", ["ABC"]))[0] is None
