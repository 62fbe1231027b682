"""Numbers stored as text: converted where the text is unambiguous, refused otherwise. Pure.

``"16.11"``, ``"16,11"`` (a decimal comma), ``"0,05"``, ``"1,234.5"`` and ``"1.234,5"`` are read; ``"1,234"``
(a thousands separator or a decimal comma?) is read as the other values of its column write theirs (a column
with ``"16,11"`` uses decimal commas, one with ``"1,234.5"`` thousands separators) and refused when none says;
``"abc"`` is refused with layer, feature and field.
"""

from __future__ import annotations

import math
import re

import numpy as np

from ..core.messages import InputError, Message

_PLAIN = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$")  # 1,234.5
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")  # 1.234,5
_MULTI_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}$")  # 1,234,567
_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2},\d{3}$")  # 1,234: thousands or decimal comma

NOT_A_NUMBER = Message("“{value}”不是数字", "'{value}' is not a number")
AMBIGUOUS = Message("“{value}”有歧义（千位分隔符还是小数逗号？）：请改为 {dot} 或 {plain}",
                    "'{value}' is ambiguous (a thousands separator or a decimal comma?): write {dot} or {plain}")


def text_number(text: str, comma: str = "") -> float | None:
    """A number from its text (None for blank); ValueError with a bilingual reason if not unambiguous.
    ``comma``: how to read '1,234' when the column says it ('decimal' or 'thousands')."""
    value = str(text).strip().replace("\u3000", "").replace(" ", "")
    if value == "":
        return None
    if _PLAIN.match(value):
        return float(value)
    if _AMBIGUOUS.match(value):
        if comma == "decimal":
            return float(value.replace(",", "."))
        if comma == "thousands":
            return float(value.replace(",", ""))
        raise ValueError(AMBIGUOUS.format(value=text, dot=value.replace(",", "."), plain=value.replace(",", "")))
    if _DECIMAL_COMMA.match(value):
        return float(value.replace(",", "."))
    if _DOT_THOUSANDS.match(value) or _MULTI_THOUSANDS.match(value):
        return float(value.replace(",", ""))
    if _COMMA_THOUSANDS.match(value):
        return float(value.replace(".", "").replace(",", "."))
    raise ValueError(NOT_A_NUMBER.format(value=text))


def numeric_column(values, layer: str, field: str, ids=None) -> list:
    """A column of numbers (None for blank) from values that may be numbers or text.

    Numbers stay as they are; text is parsed by ``text_number``; a value that cannot be read raises
    InputError naming layer, feature and field. A column of plain numbers costs one numpy conversion.
    """
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        return values.tolist()
    values = values.tolist() if isinstance(values, np.ndarray) else list(values)
    texts = [i for i, v in enumerate(values) if isinstance(v, str)]
    if not texts:
        return values
    try:  # the common case: every text is a plain number (numpy parses them in C)
        parsed = np.asarray([values[i] for i in texts], dtype="U").astype(float).tolist()
    except ValueError:
        parsed = None
    out = list(values)
    if parsed is not None and all(math.isfinite(p) for p in parsed):  # 'nan' or 'inf' spelled out: no number
        for i, number in zip(texts, parsed):
            out[i] = number
        return out
    comma = _comma_of([str(values[i]).strip() for i in texts])
    for i in texts:
        try:
            out[i] = text_number(values[i], comma)
        except ValueError as exc:
            message = exc.args[0] if exc.args and isinstance(exc.args[0], Message) else NOT_A_NUMBER.format(
                value=values[i])
            raise InputError(message, layer=layer, feature=_feature(ids, i), field=field) from None
    return out


def _comma_of(texts: list[str]) -> str:
    """'decimal' if some value of the column has an unmistakable decimal comma ('16,11', '0,05'), 'thousands' if
    some has an unmistakable thousands separator ('1,234.5', '1,234,567'), '' if none or both."""
    decimal = any(_DECIMAL_COMMA.match(t) and not _AMBIGUOUS.match(t) for t in texts)
    thousands = any(_DOT_THOUSANDS.match(t) or _MULTI_THOUSANDS.match(t) for t in texts)
    return "decimal" if decimal and not thousands else "thousands" if thousands and not decimal else ""


def _feature(ids, i: int):
    if ids is None:
        return i
    value = ids[i]
    return int(value) if isinstance(value, (int, np.integer)) else value
