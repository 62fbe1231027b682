#!/usr/bin/env python3
"""`make i18n`: collect every translatable string of the plugin, build the zh_CN .ts, compile the .qm.

Translatable strings are string literals in ``tr("...")`` / ``self.tr("...")`` / ``tr_noop("...")`` calls and
in ``QCoreApplication.translate("LandSupervision", "...")``, plus the class attributes DISPLAY_NAME, HELP and
TITLE (algorithm names, help texts, dock titles). Translations live in land_supervision/i18n/src/*.tsv
(English source, TAB, Chinese). ``--check`` lists strings without a translation and exits 1 if any.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "land_supervision"
I18N = PLUGIN / "i18n"
CONTEXT = "LandSupervision"
CLASS_ATTRIBUTES = {"DISPLAY_NAME", "HELP", "TITLE"}
TR_NAMES = {"tr", "tr_noop"}


def _literal(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract_strings(folder: Path = PLUGIN) -> dict[str, str]:
    """Translatable source string -> first 'file:line' where it appears."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            text = None
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name in TR_NAMES and node.args:
                    text = _literal(node.args[0])
                elif name == "translate" and len(node.args) >= 2 and _literal(node.args[0]) == CONTEXT:
                    text = _literal(node.args[1])
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.Assign) and len(item.targets) == 1:
                        target = item.targets[0]
                        if isinstance(target, ast.Name) and target.id in CLASS_ATTRIBUTES:
                            value = _literal(item.value)
                            if value:
                                found.setdefault(value, f"{where}:{item.lineno}")
            if text:
                found.setdefault(text, f"{where}:{node.lineno}")
    return found


def load_translations(folder: Path = I18N / "src") -> dict[str, str]:
    """English -> Chinese from every .tsv; one source string translated two ways is an error naming both."""
    out: dict[str, str] = {}
    where: dict[str, str] = {}
    conflicts = []
    for path in sorted(folder.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line:
                raise SystemExit(f"{path}:{number}: no TAB between source and translation")
            source, target = line.split("\t", 1)
            source, target = _unescape(source), _unescape(target.strip())
            if source in out:
                if out[source] != target:
                    conflicts.append(f"{path.name}:{number}: {source!r} translated as {target!r}, but "
                                     f"{where[source]} has {out[source]!r}")
                continue
            out[source], where[source] = target, f"{path.name}:{number}"
    if conflicts:
        raise SystemExit("i18n: conflicting translations (keep one):\n" + "\n".join(conflicts))
    return out


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def write_ts(strings: dict[str, str], translations: dict[str, str], path: Path) -> int:
    """Write the .ts; returns the number of unfinished entries."""
    unfinished = 0
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", '<TS version="2.1" language="zh_CN">',
             "<context>", f"    <name>{CONTEXT}</name>"]
    for source, where in sorted(strings.items(), key=lambda kv: kv[1]):
        file, _, line = where.rpartition(":")
        lines.append("    <message>")
        lines.append(f'        <location filename="../../{file}" line="{line}"/>')
        lines.append(f"        <source>{escape(source)}</source>")
        target = translations.get(source)
        if target:
            lines.append(f"        <translation>{escape(target)}</translation>")
        else:
            unfinished += 1
            lines.append('        <translation type="unfinished"></translation>')
        lines.append("    </message>")
    lines += ["</context>", "</TS>", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return unfinished


def lrelease() -> str:
    for candidate in ("lrelease", "/usr/lib/qt5/bin/lrelease", "lrelease-qt5"):
        found = shutil.which(candidate) or (candidate if Path(candidate).exists() else None)
        if found:
            return found
    raise SystemExit("lrelease not found: apt-get install qttools5-dev-tools")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report missing translations")
    args = parser.parse_args()
    strings = extract_strings()
    translations = load_translations()
    missing = [(where, s) for s, where in strings.items() if not translations.get(s)]
    if args.check:
        for where, source in sorted(missing):
            print(f"{where}: no Chinese translation for {source!r}")
        return 1 if missing else 0
    ts = I18N / "land_supervision_zh_CN.ts"
    unfinished = write_ts(strings, translations, ts)
    subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    print(f"i18n: {len(strings)} strings, {len(strings) - unfinished} translated, {unfinished} unfinished -> "
          f"{ts.with_suffix('.qm').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
