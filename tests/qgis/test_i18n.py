"""Every user-visible string has a Chinese translation, and the compiled .qm is what QGIS loads."""

import subprocess
import sys

import pytest
from qgis.PyQt.QtCore import QCoreApplication

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def compiled():
    subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py")], check=True, capture_output=True)
    return ROOT / "land_supervision" / "i18n" / "land_supervision_zh_CN.qm"


def test_every_string_has_a_chinese_translation():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, "strings without a translation:\n" + result.stdout


def test_ts_has_no_unfinished_entries(compiled):
    ts = compiled.with_suffix(".ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    assert "<source>Quota ledger</source>" in ts


def test_translator_follows_locale(compiled):
    from land_supervision.translation import install_translator, tr

    translator = install_translator("zh_CN")
    assert translator is not None
    try:
        assert tr("Quota ledger") == "用地指标台账"
        assert tr("Cannot write {path}: {reason}").format(path="x", reason="y") == "无法写入 x：y"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert tr("Quota ledger") == "Quota ledger"


def test_language_only_locale_falls_back(compiled, tmp_path):
    from land_supervision.translation import install_translator

    assert install_translator("en_US") is None  # English is the source language: nothing to load
    translator = install_translator("zh_TW")  # no zh_TW file: no zh file either, so nothing
    assert translator is None


def test_algorithm_names_translate(compiled, provider):
    from land_supervision.translation import install_translator

    translator = install_translator("zh_CN")
    try:
        algorithm = provider.algorithm("createdemodata")
        assert algorithm.displayName() == "生成演示数据"
        assert "EPSG:4549" in algorithm.shortHelpString() and "合成" in algorithm.shortHelpString()
    finally:
        QCoreApplication.removeTranslator(translator)


def test_every_algorithm_has_help_in_both_languages(compiled, provider):
    from land_supervision.translation import install_translator

    english = {a.id(): (a.displayName(), a.shortHelpString()) for a in provider.algorithms()}
    assert len(english) >= 15
    for alg_id, (_name, help_text) in english.items():
        assert len(help_text) > 80, f"{alg_id}: help too short"
    translator = install_translator("zh_CN")
    try:
        for algorithm in provider.algorithms():
            name, help_text = english[algorithm.id()]
            assert algorithm.displayName() != name, f"{algorithm.id()}: name not translated"
            assert algorithm.shortHelpString() != help_text, f"{algorithm.id()}: help not translated"
            for parameter in algorithm.parameterDefinitions():
                assert parameter.description(), f"{algorithm.id()}.{parameter.name()}: no label"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_conflicting_translations_fail_naming_both(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from i18n import load_translations

    (tmp_path / "a.tsv").write_text("Town summary\t分镇街道汇总\nSame\t相同\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("Same\t相同\nTown summary\t镇街道汇总\n", encoding="utf-8")
    with pytest.raises(SystemExit) as err:
        load_translations(tmp_path)
    text = str(err.value)
    assert "b.tsv:2" in text and "a.tsv:1" in text and "镇街道汇总" in text and "Same" not in text
