#!/usr/bin/env python3
"""Refresh docs/images/ from demo-output/ (after `make demo` and `make gui-check`): screenshots and PDF pages."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QGuiApplication, QImage

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
PAGES = [("reclamation", "reclamation/reclamation_report.pdf", 3), ("ledger", "ledger/statement.pdf", 1),
         ("zoning", "zoning/zoning_map.pdf", 1), ("patrol", "patrol/patrol_atlas.pdf", 1),
         ("patrol_patch", "patrol/patrol_atlas.pdf", 2), ("precheck", "precheck/precheck_sheets.pdf", 1)]
SHOTS = ["01_reclamation", "02_ledger", "03_zoning", "04_patrol", "05_precheck"]
LOCALES = {"zh-Hans": "zh", "en_US": "en"}  # gui-check's locale folder -> the image's suffix


def save_scaled(source: Path, target: Path, width: int) -> None:
    image = QImage(str(source))
    if image.isNull():
        raise SystemExit(f"cannot read {source}")
    image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation).save(str(target), "PNG")


def main() -> int:
    app = QGuiApplication(sys.argv[:1] + ["-platform", "offscreen"])  # noqa: F841 - needed for QImage scaling
    OUT.mkdir(parents=True, exist_ok=True)
    demo = ROOT / "demo-output"
    for locale, suffix in LOCALES.items():  # every dock in the QGIS window, in Chinese and in English
        for shot in SHOTS:
            save_scaled(demo / "screenshots" / locale / f"{shot}_window.png",
                        OUT / f"{shot.split('_', 1)[1]}_dock_{suffix}.png", 960)
    with tempfile.TemporaryDirectory() as tmp:
        for name, pdf, page in PAGES:
            prefix = Path(tmp) / name
            subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", str(page), "-l", str(page), "-singlefile",
                            str(demo / pdf), str(prefix)], check=True)
            save_scaled(prefix.with_suffix(".png"), OUT / f"{name}_pdf.png", 760)
    print(f"images written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
