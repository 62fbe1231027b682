"""Qt translation: ``tr()`` for every user-visible string, and the plugin's language from QGIS's locale.

The plugin follows the language QGIS shows. QGIS's Options name 简体中文 ``zh-Hans`` (and 繁體中文 ``zh-Hant``);
the system locale gives ``zh_CN``, ``zh_TW`` and the like. Every Chinese locale gets the (Simplified) Chinese
translation: the plugin has no Traditional one, and its users read Simplified Chinese - the terms of the 三调
and of the ledger are Simplified Chinese in the data anyway - more easily than English. Anything else is English.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .constants import PLUGIN_DIR

CONTEXT = "LandSupervision"
I18N_DIR = PLUGIN_DIR / "i18n"
CHINESE_TRANSLATION = "zh_CN"  # the one translation shipped: land_supervision_zh_CN.qm


def tr(text: str) -> str:
    """Translate ``text`` (English source) in the plugin's single translation context."""
    return QCoreApplication.translate(CONTEXT, text)


def tr_noop(text: str) -> str:
    """Mark a string for translation where it is defined; translate it with tr() where it is shown."""
    return text


def in_language(zh: str, en: str) -> str:
    """The text, in the plugin's language, of a term core keeps in both languages (the ledger's transaction
    types and quota kinds, for instance): Chinese when the Chinese translation is loaded, else English, as tr()."""
    try:
        from .core.messages import current_language
    except ImportError:  # core's dependencies missing (the dependency notice): English like the interface
        return en
    return zh if current_language() == "zh" else en


def qgis_locale() -> str:
    """The locale QGIS shows, e.g. 'zh-Hans' or 'zh_CN' (the system locale unless overridden in Options)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        value = settings.value("locale/userLocale", "", type=str)
        if value:
            return value
    return QLocale.system().name()


def plugin_language(locale: str | None) -> str:
    """'zh' for any Chinese locale (zh, zh_CN, zh-Hans, zh_Hans_CN, zh-Hant, zh_TW, zh_HK...), else 'en'."""
    parts = (locale or "").strip().replace("-", "_").lower().split("_")
    return "zh" if parts[0] == "zh" else "en"


def translation_file(locale: str | None) -> Path | None:
    """The .qm to load for ``locale`` (None: English, the source language)."""
    if plugin_language(locale) != "zh":
        return None
    path = I18N_DIR / f"land_supervision_{CHINESE_TRANSLATION}.qm"
    return path if path.exists() else None


def install_translator(locale: str | None = None) -> QTranslator | None:
    """Choose the plugin's language once from QGIS's locale: messages and the Qt translation follow it."""
    locale = locale or qgis_locale()
    path = translation_file(locale)
    translator = QTranslator() if path is not None else None
    loaded = translator is not None and translator.load(str(path))
    _set_message_language("zh" if loaded else "en")  # no translation: messages stay English like the interface
    if not loaded:
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def _set_message_language(language: str) -> None:
    """The language of core's Message texts (core imports pyproj: absent when the dependency notice runs)."""
    try:
        from .core import messages
    except ImportError:
        return
    messages.set_language(language)
