"""Messages in Chinese and English, shown in the one language chosen, and the input error every shell shows.

The plugin chooses the language once, from QGIS's locale (translation.install_translator calls set_language).
Until then (the pure core used from Python or in tests) a message reads "中文 / English".
"""

from __future__ import annotations

from dataclasses import dataclass

_LANGUAGE: str | None = None  # "zh", "en", or None: both


def set_language(language: str | None) -> None:
    """Show messages in ``language`` ("zh..." Chinese, anything else English); None shows both."""
    global _LANGUAGE
    _LANGUAGE = None if language is None else ("zh" if str(language).lower().startswith("zh") else "en")


def current_language() -> str | None:
    """"zh", "en", or None when no language was chosen (both are shown)."""
    return _LANGUAGE


def pick(zh: str, en: str) -> str:
    """The text of the current language (both, "zh / en", when none was chosen)."""
    if _LANGUAGE is None:
        return f"{zh} / {en}"
    return zh if _LANGUAGE == "zh" else en


@dataclass(frozen=True)
class Message:
    """A text in Chinese and English; ``str()`` gives the current language's."""

    zh: str
    en: str

    def text(self, language: str | None = None) -> str:
        """The text in ``language`` ("zh"/"en"); the current language when None."""
        if language is None:
            return str(self)
        return self.zh if language.lower().startswith("zh") else self.en

    def format(self, **values) -> Message:
        return Message(self.zh.format(**values), self.en.format(**values))

    def __str__(self) -> str:
        return pick(self.zh, self.en)


class InputError(ValueError):
    """Bad input, with the layer, feature and field it concerns (any of them may be None)."""

    def __init__(self, message: Message, layer: str | None = None, feature=None, field: str | None = None):
        self.message = message
        self.layer = layer
        self.feature = feature
        self.field = field
        super().__init__(self.describe())

    def where(self) -> str:
        if _LANGUAGE == "zh":
            parts = ([f"图层“{self.layer}”"] if self.layer is not None else []) + (
                [f"要素 {self.feature}"] if self.feature is not None else []) + (
                [f"字段“{self.field}”"] if self.field is not None else [])
            return "，".join(parts)
        en = _LANGUAGE == "en"
        parts = ([f"{'' if en else '图层/'}layer '{self.layer}'"] if self.layer is not None else []) + (
            [f"{'' if en else '要素/'}feature {self.feature}"] if self.feature is not None else []) + (
            [f"{'' if en else '字段/'}field '{self.field}'"] if self.field is not None else [])
        return ", ".join(parts)

    def describe(self) -> str:
        where = self.where()
        return f"{where}{'：' if _LANGUAGE == 'zh' else ': '}{self.message}" if where else str(self.message)

    def __str__(self) -> str:
        return self.describe()
