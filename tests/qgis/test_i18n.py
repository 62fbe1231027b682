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


CHINESE_LOCALES = ["zh-Hans", "zh_CN", "zh", "zh_Hans_CN", "zh-Hant", "zh_TW", "zh_HK", "ZH-hans"]
ENGLISH_LOCALES = ["en_US", "en", "de_DE", "fr", "C", "", "zhx"]


@pytest.mark.parametrize("locale", CHINESE_LOCALES)
def test_every_chinese_locale_gets_the_chinese_translation(compiled, locale):
    """QGIS's Options give 简体中文 as zh-Hans and 繁體中文 as zh-Hant; systems give zh_CN, zh_TW...: all read
    the (only, Simplified) Chinese translation, and messages are Chinese only."""
    from land_supervision.core.messages import InputError, Message, current_language
    from land_supervision.translation import install_translator, plugin_language, tr

    assert plugin_language(locale) == "zh"
    translator = install_translator(locale)
    assert translator is not None
    try:
        assert tr("Quota ledger") == "用地指标台账"
        assert current_language() == "zh"
        error = InputError(Message("缺少字段", "missing field"), layer="地块", feature=3, field="DKBH")
        assert str(error) == "图层“地块”，要素 3，字段“DKBH”：缺少字段"
    finally:
        QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize("locale", ENGLISH_LOCALES)
def test_other_locales_are_english(compiled, locale):
    from land_supervision.core.messages import InputError, Message, current_language
    from land_supervision.translation import install_translator, plugin_language, tr

    assert plugin_language(locale) == "en"
    assert install_translator(locale) is None  # English is the source language: nothing to load
    assert tr("Quota ledger") == "Quota ledger"
    assert current_language() == "en"
    error = InputError(Message("缺少字段", "missing field"), layer="plots", feature=3, field="DKBH")
    assert str(error) == "layer 'plots', feature 3, field 'DKBH': missing field"


def test_qgis_locale_reads_the_options_override(compiled):
    from qgis.core import QgsSettings

    from land_supervision.translation import qgis_locale

    settings = QgsSettings()
    saved = (settings.value("locale/overrideFlag"), settings.value("locale/userLocale"))
    try:
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", "zh-Hans")
        assert qgis_locale() == "zh-Hans"
        settings.setValue("locale/overrideFlag", False)
        assert qgis_locale() != "zh-Hans"  # the system's locale when QGIS does not override it
    finally:
        for key, value in zip(("locale/overrideFlag", "locale/userLocale"), saved):
            if value is None:
                settings.remove(key)
            else:
                settings.setValue(key, value)


def test_ledger_refusal_speaks_the_chosen_language():
    from land_supervision.core.ledger.errors import RuleViolation
    from land_supervision.core.messages import Message, set_language

    error = RuleViolation(Message("余额不足", "balance too low"), "negative")
    assert str(error) == "余额不足 / balance too low"  # no language chosen (pure core)
    set_language("zh")
    assert str(error) == "余额不足"
    set_language("en")
    assert str(error) == "balance too low"


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
