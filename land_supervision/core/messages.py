"""Bilingual messages and the input error every shell shows the same way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """A text in Chinese and English; ``str()`` gives both."""

    zh: str
    en: str

    def text(self, language: str = "zh") -> str:
        return self.zh if language.lower().startswith("zh") else self.en

    def format(self, **values) -> Message:
        return Message(self.zh.format(**values), self.en.format(**values))

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"


class InputError(ValueError):
    """Bad input, with the layer, feature and field it concerns (any of them may be None)."""

    def __init__(self, message: Message, layer: str | None = None, feature=None, field: str | None = None):
        self.message = message
        self.layer = layer
        self.feature = feature
        self.field = field
        super().__init__(self.describe())

    def where(self) -> str:
        parts = []
        if self.layer is not None:
            parts.append(f"图层/layer '{self.layer}'")
        if self.feature is not None:
            parts.append(f"要素/feature {self.feature}")
        if self.field is not None:
            parts.append(f"字段/field '{self.field}'")
        return ", ".join(parts)

    def describe(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else str(self.message)
