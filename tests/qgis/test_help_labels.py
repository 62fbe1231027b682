"""Each algorithm's help names its parameters and outputs by the labels the dialog shows, in the help's own
language, never by their codes (LEDGER, INPUT, OUTPUT_PLOTS...), which a user of the dialog never sees."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from qgis.PyQt.QtCore import QCoreApplication

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def compiled():
    subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py")], check=True, capture_output=True)


def _codes_in_help(algorithm) -> list[str]:
    """The parameter and output names that appear as a word (not inside a longer name) in the help."""
    text = algorithm.shortHelpString()
    names = {p.name() for p in algorithm.parameterDefinitions()} | {o.name() for o in algorithm.outputDefinitions()}
    return sorted(n for n in names if re.search(rf"(?<![A-Za-z0-9_]){re.escape(n)}(?![A-Za-z0-9_])", text))


def _bare_label(label: str) -> str:
    """A label without its parenthesised remark: 'Ledger (optional)' -> 'Ledger', '指标台账（可选）' -> '指标台账'."""
    return re.split(r"\s*[(（]", label, maxsplit=1)[0].strip()


def _check(provider) -> list[str]:
    problems = []
    algorithms = [a.create() for a in provider.algorithms()]  # labels made now, in the current language
    assert len(algorithms) >= 15
    for algorithm in algorithms:
        codes = _codes_in_help(algorithm)
        if codes:
            problems.append(f"{algorithm.id()}: {', '.join(codes)}")
        ledger = algorithm.parameterDefinition("LEDGER")
        if ledger is not None and _bare_label(ledger.description()) not in algorithm.shortHelpString():
            problems.append(f"{algorithm.id()}: the ledger's label {ledger.description()!r} is not in the help")
    return problems


def test_english_help_cites_labels_not_codes(compiled, provider):
    assert _check(provider) == []


def test_chinese_help_cites_labels_not_codes(compiled, provider):
    from land_supervision.translation import install_translator

    translator = install_translator("zh_CN")
    assert translator is not None
    try:
        assert provider.algorithm("ledgerpost").shortHelpString().startswith("向用地指标台账记入一笔交易")
        assert _check(provider) == []
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_check_finds_a_code():
    """The word match catches a code at a line start and between Chinese characters, not inside a longer name."""

    class Param:
        def __init__(self, name):
            self._name = name

        def name(self):
            return self._name

    class Algorithm:
        def __init__(self, text):
            self.text = text

        def shortHelpString(self):
            return self.text

        def parameterDefinitions(self):
            return [Param("LEDGER"), Param("OUTPUT")]

        def outputDefinitions(self):
            return [Param("OUTPUT")]

    assert _codes_in_help(Algorithm("LEDGER：台账")) == ["LEDGER"]
    assert _codes_in_help(Algorithm("见 OUTPUT 图层")) == ["OUTPUT"]
    assert _codes_in_help(Algorithm("OUTPUT_PLOTS and LEDGER_X, the ledger")) == []
