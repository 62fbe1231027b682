"""Make the Chinese text of a Qt-written PDF extract as the characters printed.

Why: Qt's PDF engine writes each embedded font's ToUnicode map by walking the font's cmap from U+0000 up and
keeping, per glyph, the first code point that maps to it. Noto Sans CJK (like most CJK fonts) maps the Kangxi
radicals (U+2F00-U+2FD5) and some CJK radicals supplement (U+2E80-U+2EF3) to the very glyphs of the unified
ideographs, and they come first: 片 extracts as ⽚ (U+2F5A), 山 as ⼭, 面 as ⾯. No CJK font on a user's machine
can be relied upon to lack those cmap entries, so the map is corrected after export: every radical in a
ToUnicode map becomes its unified ideograph (the report prints no radicals of its own). Only Qt's own output
(one classic xref table, uncompressed ToUnicode streams) is rewritten; anything else is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals
IDEOGRAPHS = [(0x4E00, 0xA000), (0x3400, 0x4DC0), (0xF900, 0xFB00)]

_OBJECT = re.compile(rb"(\d+) 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n")
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def unified(code: int, font_map: dict[int, int] | None = None) -> int:
    """The unified ideograph a radical stands for (the code itself when it is no radical or has none)."""
    if code not in RADICALS:
        return code
    if font_map and code in font_map:
        return font_map[code]
    folded = unicodedata.normalize("NFKC", chr(code))
    return ord(folded) if len(folded) == 1 and folded != chr(code) else code


@lru_cache(maxsize=4)
def font_radical_map(family: str) -> dict[int, int]:
    """Radical -> unified ideograph sharing its glyph in ``family`` (Qt's raw font; empty without Qt GUI)."""
    try:
        from qgis.PyQt.QtGui import QFont, QRawFont
    except ImportError:
        return {}
    raw = QRawFont.fromFont(QFont(family))
    if not raw.isValid():
        return {}
    ideographs = "".join(chr(c) for start, end in IDEOGRAPHS for c in range(start, end))
    by_glyph: dict[int, int] = {}
    for char, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs)):
        if glyph and glyph not in by_glyph:
            by_glyph[glyph] = ord(char)
    radicals = "".join(chr(c) for c in RADICALS)
    return {ord(char): by_glyph[glyph] for char, glyph in zip(radicals, raw.glyphIndexesForString(radicals))
            if glyph and glyph in by_glyph}


def fix_cmap(cmap: bytes, font_map: dict[int, int] | None = None) -> bytes:
    """A ToUnicode CMap with every radical destination replaced by its unified ideograph."""
    out = []
    section = None
    for line in cmap.split(b"\n"):
        stripped = line.strip()
        if stripped.endswith(b"beginbfrange"):
            section = "range"
        elif stripped.endswith(b"beginbfchar"):
            section = "char"
        elif stripped in (b"endbfrange", b"endbfchar"):
            section = None
        elif section == "range":
            line = _fix_range(line, font_map)
        elif section == "char":
            codes = _HEX.findall(line)
            if len(codes) == 2:
                line = b"<%s> %s" % (codes[0], _dest(codes[1], font_map))
        out.append(line)
    return b"\n".join(out)


def _dest(hex_code: bytes, font_map) -> bytes:
    if len(hex_code) != 4:  # a pair of surrogates or several characters: no radical
        return b"<%s>" % hex_code
    return b"<%04X>" % unified(int(hex_code, 16), font_map)


def _fix_range(line: bytes, font_map) -> bytes:
    head = _HEX.findall(line[: line.find(b"[")] if b"[" in line else line)
    if b"[" in line:  # <first> <last> [<u> <u> ...]
        start, end = head[0], head[1]
        body = line[line.find(b"[") + 1: line.rfind(b"]")]
        return b"<%s> <%s> [%s ]" % (start, end, b" ".join(_dest(c, font_map) for c in _HEX.findall(body)))
    if len(head) != 3 or len(head[2]) != 4:
        return line
    first, last, base = int(head[0], 16), int(head[1], 16), int(head[2], 16)
    codes = [base + i for i in range(last - first + 1)]
    if not any(c in RADICALS for c in codes):
        return line
    return b"<%s> <%s> [%s ]" % (head[0], head[1], b" ".join(b"<%04X>" % unified(c, font_map) for c in codes))


def make_text_searchable(path: str, cjk_family: str = "Noto Sans CJK SC") -> int:
    """Rewrite the ToUnicode maps of the PDF at ``path`` in place; returns how many maps changed (0: untouched,
    also when the file is not laid out as Qt and QGIS write it: classic xref tables, an update for the Info)."""
    data = Path(path).read_bytes()
    targets = {int(n) for n in re.findall(rb"/ToUnicode (\d+) 0 R", data)}
    sections = _xref_sections(data)
    if not targets or not sections:
        return 0
    font_map = font_radical_map(cjk_family)
    first_xref = min(s[0] for s in sections)
    edits = []  # (start, end, replacement) over the original bytes
    for match in _OBJECT.finditer(data, 0, first_xref):
        number, length = int(match.group(1)), int(match.group(2))
        body_start = match.end()
        body = data[body_start: body_start + length]
        if number not in targets or b"begincmap" not in body:
            continue
        if not data[body_start + length: body_start + length + 12].lstrip().startswith(b"endstream"):
            return 0  # not laid out as expected: leave the file alone
        fixed = fix_cmap(body, font_map)
        if fixed != body:
            header = match.group(0).replace(b"/Length %d" % length, b"/Length %d" % len(fixed))
            edits.append((match.start(), body_start + length, header + fixed))
    if not edits:
        return 0
    Path(path).write_bytes(_apply(data, edits, sections))
    return len(edits)


def _xref_sections(data: bytes) -> list[tuple[int, list[int], list[tuple[int, int]]]] | None:
    """Per xref table from the last one back along /Prev: (offset, positions of its in-use entries, spans of
    the numbers that are offsets: its trailer's /Prev and the startxref after it). None if not classic."""
    last = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if last is None:
        return None
    sections, offset, seen = [], int(last.group(1)), set()
    while offset is not None:
        if offset in seen or data[offset: offset + 4] != b"xref":
            return None
        seen.add(offset)
        pos, entries = offset + 4, []
        while True:
            sub = re.compile(rb"\s*(\d+) (\d+)\r?\n").match(data, pos)
            if sub is None:
                break
            pos = sub.end()
            for i in range(int(sub.group(2))):
                row = data[pos + 20 * i: pos + 20 * i + 20]
                if len(row) != 20 or row[17:18] not in (b"n", b"f"):
                    return None
                if row[17:18] == b"n":
                    entries.append(pos + 20 * i)
            pos += 20 * int(sub.group(2))
        trailer = re.compile(rb"\s*trailer\s*<<(.*?)>>\s*startxref\s+(\d+)", re.S).match(data, pos)
        if trailer is None or b"/XRefStm" in trailer.group(1):
            return None
        numbers = [trailer.span(2)]
        prev = re.search(rb"/Prev (\d+)", trailer.group(1))
        if prev is not None:
            start = trailer.start(1) + prev.start(1)
            numbers.append((start, start + len(prev.group(1))))
        sections.append((offset, entries, numbers))
        offset = int(prev.group(1)) if prev is not None else None
    return sections


def _apply(data: bytes, edits, sections) -> bytes:
    """``edits`` applied, every xref entry, /Prev and startxref moved with the bytes they point at."""
    numbers = [span for _offset, _entries, spans in sections for span in spans]
    entries = [pos for _offset, entries, _spans in sections for pos in entries]
    all_edits = list(edits)
    for _ in range(4):  # a number one digit longer shifts what follows it: settle
        def shift(offset: int, done=tuple(all_edits)) -> int:
            return offset + sum(len(new) - (end - start) for start, end, new in done if end <= offset)

        moved = list(edits)
        moved += [(pos, pos + 10, b"%010d" % shift(int(data[pos: pos + 10]))) for pos in entries]
        moved += [(a, b, b"%d" % shift(int(data[a:b]))) for a, b in numbers]
        if moved == all_edits:
            break
        all_edits = moved
    pieces, cursor = [], 0
    for start, end, new in sorted(all_edits):
        pieces += [data[cursor:start], new]
        cursor = end
    pieces.append(data[cursor:])
    return b"".join(pieces)
