"""Qt translation: ``tr()`` for every user-visible string, and loading the .qm of the QGIS locale."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "LandSupervision"
I18N_DIR = Path(__file__).resolve().parent / "i18n"


def tr(text: str) -> str:
    """Translate ``text`` (English source) in the plugin's single translation context."""
    return QCoreApplication.translate(CONTEXT, text)


def tr_noop(text: str) -> str:
    """Mark a string for translation where it is defined; translate it with tr() where it is shown."""
    return text


def qgis_locale() -> str:
    """The QGIS user locale, e.g. 'zh_CN' (falls back to the system locale)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        value = settings.value("locale/userLocale", "", type=str)
        if value:
            return value
    return QLocale.system().name()


def install_translator(locale: str | None = None) -> QTranslator | None:
    """Load land_supervision_<locale>.qm (full locale first, then the language) into the app."""
    locale = locale or qgis_locale()
    for name in (locale, locale.split("_")[0]):
        path = I18N_DIR / f"land_supervision_{name}.qm"
        if path.exists():
            translator = QTranslator()
            if translator.load(str(path)):
                QCoreApplication.installTranslator(translator)
                return translator
    return None
