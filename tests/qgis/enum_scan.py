"""Find Qt and QGIS enum accesses that would break on Qt6 / QGIS 4, by AST walk plus introspection (no tests here).

Every ``Name.attr`` and ``Name.attr.attr`` chain whose first name was imported from ``qgis.*`` or ``PyQt5.*``
is resolved against the running PyQt5/QGIS. A chain that ends on an enum member is a finding when

- ``unscoped``: the member was read from a class, not from its enum (``Qt.AlignLeft``): PyQt6 has only
  ``Qt.AlignmentFlag.AlignLeft``, and PyQt5 5.15 accepts that form too;
- ``qgis-enum``: it is a QGIS enum (its type lives in ``qgis.*``) read outside ``land_supervision/qgis_compat.py``:
  QGIS 3.26 - 3.38 moved many of them into ``Qgis`` (``QgsWkbTypes.Polygon`` -> ``Qgis.WkbType.Polygon``), and
  QGIS 4 drops the old names, so the plugin takes them from the compat module, which picks per version;
- ``qvariant-type``: ``QVariant.String`` and its kin, gone in PyQt6 (fields take ``QMetaType.Type`` from 3.38).

Also ``exec_`` calls (``exec`` exists in PyQt5 5.15 too), imports straight from ``PyQt5`` / ``PyQt6`` (QGIS's
``qgis.PyQt`` picks the binding) and ``QAction`` & co. from QtWidgets (QtGui in Qt6). Run as a script to list findings:
``python -m tests.qgis.enum_scan [paths]``.
"""

from __future__ import annotations

import ast
import enum
import importlib
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("land_supervision", "scripts", "tests", "benchmarks")
COMPAT = ROOT / "land_supervision" / "qgis_compat.py"
# Qt5 QtWidgets classes that Qt6 moved to QtGui: imported from qgis_compat, which picks the module.
MOVED_TO_QTGUI = {"QAction", "QActionGroup", "QShortcut", "QUndoCommand", "QUndoGroup", "QUndoStack",
                  "QFileSystemModel"}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str
    kind: str
    hint: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.text} -> {self.hint}"


def _is_enum_type(obj) -> bool:
    if isinstance(obj, enum.EnumMeta):
        return True
    return type(obj).__name__ == "enumtype" and type(obj).__module__ in ("sip", "PyQt5.sip")


def _is_enum_member(obj) -> bool:
    return not isinstance(obj, type) and (isinstance(obj, enum.Enum) or _is_enum_type(type(obj)))


def _imported_names(tree: ast.Module) -> dict[str, object]:
    """{local name: object} for names imported from qgis.* / PyQt5.* modules anywhere in the file."""
    names: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] not in ("qgis", "PyQt5"):
                continue
            try:
                module = importlib.import_module(node.module)
            except ImportError:
                continue
            for alias in node.names:
                if hasattr(module, alias.name):
                    names[alias.asname or alias.name] = getattr(module, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ("qgis", "PyQt5") and alias.asname:
                    try:
                        names[alias.asname] = importlib.import_module(alias.name)
                    except ImportError:
                        pass
    return names


def _chain(node: ast.Attribute) -> list[str] | None:
    """['Qt', 'AlignmentFlag', 'AlignLeft'] for Qt.AlignmentFlag.AlignLeft; None if not a plain dotted name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


def _member_hint(owner, attr: str, member) -> str:
    enum_type = type(member)
    if getattr(owner, enum_type.__name__, None) is enum_type:
        return f"{owner.__name__}.{enum_type.__name__}.{attr}"
    return f"{enum_type.__qualname__}.{attr}"


def _class_objects(tree: ast.Module, path: str, names: dict) -> dict[int, object]:
    """{id(ClassDef): class object} for the file's classes, so that ``self.X`` / ``cls.X`` can be resolved.

    Plugin modules are imported and the class taken from them; elsewhere the first base imported from
    qgis / PyQt5 stands in for the class.
    """
    module = None
    if path.startswith("land_supervision/"):
        try:
            module = importlib.import_module(path[:-3].replace("/", ".").removesuffix(".__init__"))
        except ImportError:
            module = None
    classes = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(module, node.name, None) if module is not None else None
        if cls is None:
            bases = [names[b.id] for b in node.bases if isinstance(b, ast.Name) and b.id in names]
            cls = bases[0] if bases else None
        if isinstance(cls, type):
            classes[id(node)] = cls
    return classes


def _self_bindings(tree: ast.Module, classes: dict[int, object]) -> dict[int, object]:
    """{id(Name node of self/cls): class object} for every ``self`` / ``cls`` inside a resolvable class."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and id(node) in classes:
            for inner in ast.walk(node):
                if isinstance(inner, ast.Name) and inner.id in ("self", "cls"):
                    bound[id(inner)] = classes[id(node)]
    return bound


def _in_qgis_namespace(owner) -> bool:
    """Whether ``owner`` is an enum that lives in ``Qgis`` itself (the new, stable QGIS spelling)."""
    from qgis.core import Qgis

    return _is_enum_type(owner) and getattr(Qgis, owner.__name__, None) is owner


def _statement_findings(node, path: str, compat: bool) -> list[Finding]:
    """PyQt imports, Qt5-only QtWidgets classes and exec_() in one node."""
    findings = []
    if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("PyQt"):
        findings.append(Finding(path, node.lineno, f"from {node.module} import", "pyqt-import", "qgis.PyQt"))
    if isinstance(node, ast.ImportFrom) and node.module in ("qgis.PyQt.QtWidgets", "PyQt5.QtWidgets") \
            and not compat:
        for alias in node.names:
            if alias.name in MOVED_TO_QTGUI:
                findings.append(Finding(path, node.lineno, alias.name, "moved-class", "qgis_compat (QtGui in Qt6)"))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "exec_":
        findings.append(Finding(path, node.lineno, ast.unparse(node.func), "exec_", "exec()"))
    return findings


def _enum_of(node, parts: list[str], selves: dict, names: dict):
    """(owner, member) if the attribute chain ``parts`` ends in an enum member, else None."""
    root = node
    while isinstance(root, ast.Attribute):
        root = root.value
    if id(root) in selves:
        obj = selves[id(root)]
    elif parts[0] in names:
        obj = names[parts[0]]
    else:
        return None
    owner = None
    for attr in parts[1:]:
        if _is_enum_member(obj):
            break
        owner = obj
        try:
            obj = getattr(obj, attr)
        except AttributeError:
            obj = None
            break
    if owner is None or not _is_enum_member(obj):
        return None
    return owner, obj


def _enum_findings(path: str, line: int, parts: list[str], owner, obj, compat: bool) -> list[Finding]:
    """QVariant.Type, unscoped and QGIS-namespace spellings of one enum member."""
    text = ".".join(parts)
    if getattr(type(obj), "__qualname__", "") == "QVariant.Type":
        return [] if compat else [Finding(path, line, text, "qvariant-type", "qgis_compat.FieldType")]
    findings = []
    if not _is_enum_type(owner):
        findings.append(Finding(path, line, text, "unscoped", _member_hint(owner, parts[-1], obj)))
    if (not compat and (getattr(type(obj), "__module__", "") or "").startswith("qgis")
            and not (parts[0] == "Qgis" and len(parts) == 3 and _in_qgis_namespace(owner))):
        findings.append(Finding(path, line, text, "qgis-enum", "a name from qgis_compat"))
    return findings


def scan_source(source: str, path: str, compat: bool = False) -> list[Finding]:
    """Findings in one file's source (``compat``: the compat module, where QGIS enums are allowed)."""
    tree = ast.parse(source, filename=path)
    names = _imported_names(tree)
    selves = _self_bindings(tree, _class_objects(tree, path, names))
    outer = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    findings = []
    for node in ast.walk(tree):
        findings.extend(_statement_findings(node, path, compat))
        if not isinstance(node, ast.Attribute) or id(node) in outer:
            continue  # only the whole chain, once
        parts = _chain(node)
        found = _enum_of(node, parts, selves, names) if parts else None
        if found is not None:
            findings.extend(_enum_findings(path, node.lineno, parts, *found, compat))
    return findings


def python_files(roots=SCANNED) -> list[Path]:
    """The project's Python files under ``roots`` (relative to the repository root)."""
    files = []
    for root in roots:
        base = ROOT / root
        files.extend([base] if base.is_file() else sorted(base.rglob("*.py")))
    return [f for f in files if ".venv" not in f.parts and "__pycache__" not in f.parts]


def scan(roots=SCANNED) -> list[Finding]:
    """Findings in every Python file under ``roots``."""
    findings = []
    for file in python_files(roots):
        rel = str(file.relative_to(ROOT))
        findings.extend(scan_source(file.read_text(encoding="utf-8"), rel, compat=file == COMPAT))
    return findings


if __name__ == "__main__":
    from qgis.core import QgsApplication  # noqa: F401  (loads the bindings the way the plugin sees them)

    found = scan(tuple(sys.argv[1:]) or SCANNED)
    print("\n".join(str(f) for f in found))
    print(f"{len(found)} findings", file=sys.stderr)
    sys.exit(1 if found else 0)
