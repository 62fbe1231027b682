"""One reading of what a planner types: amounts, whole numbers, dates and free text.

- Amounts become an exact :class:`~decimal.Decimal`: ``12.5``; ``12,5`` (a decimal comma); ``1,234.5`` and
  ``1.234,5`` (thousands grouped by threes, the other mark the decimal one); ``1,234,567``. Refused, with the
  reason: ``1,234`` (1234 or 1.234?), ``1_000``, ``1e308``, ``inf``, ``nan``, ``abc``, more than
  ``max_digits`` digits before the decimal point (a 20-digit amount) and more decimals than ``places``.
  Full-width digits and marks (``１２，５``) are read as their ASCII forms.
- Dates become ISO ``YYYY-MM-DD``: ``2024-03-01``, ``2024-3-1``, ``2024/3/1``, ``2024.3.1``, ``2024年3月1日``,
  ``20240301``, and a date with a time (``2024-03-01 00:00:00``, as a spreadsheet cell gives it); the date must
  exist (no 2024-02-30) and lie in 1900-2100.
- Whole numbers (years, entry numbers): ``2024`` or ``2024.0`` (a spreadsheet's number); not ``2024.5``,
  ``inf``, ``1e400``.
- Text is kept as given, newlines included; ``None`` is ''.

Every refusal raises :class:`ValueRefused` with a bilingual message naming the value; callers add the row,
column or field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

from .messages import Message

MAX_DIGITS = 12  # digits before the decimal point: 10^12 亩 or kg is far beyond any quota


class ValueRefused(ValueError):  # noqa: N818 - reads as what happened to the value
    """A value that is not accepted; ``message`` is bilingual."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+")
_COMMA_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?")
_DOT_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+,\d+")


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def parse_amount(value, places: int = 4, max_digits: int = MAX_DIGITS) -> Decimal:
    """An exact amount from typed text (or an int / Decimal); see the module's rules."""
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueRefused(Message("数量须为精确数(文本或 Decimal),不能是浮点数: {v}",
                                   "an amount must be exact (text or Decimal), not a float: {v}").format(v=value))
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
        text = str(value)
    else:
        text = _normal(str(value if value is not None else ""))
        number = Decimal(_amount_text(text))
    if not number.is_finite():
        raise ValueRefused(Message("不是有限数: {v}", "not a finite number: {v}").format(v=text))
    digits = len(str(abs(int(number)))) if abs(number) >= 1 else 0
    if digits > max_digits:
        raise ValueRefused(Message("数值过大(小数点前超过 {n} 位): {v}",
                                   "too large (more than {n} digits before the decimal point): {v}")
                           .format(n=max_digits, v=text))
    quantum = Decimal(1).scaleb(-places)
    if number.quantize(quantum) != number:
        raise ValueRefused(Message("最多 {n} 位小数: {v}", "at most {n} decimals: {v}").format(n=places, v=text))
    return number


def _amount_text(text: str) -> str:
    """``text`` rewritten with a decimal point and no grouping, or ValueRefused."""
    if not text:
        raise ValueRefused(Message("是空的", "is empty"))
    if _PLAIN.fullmatch(text):
        return text
    if _COMMA_THOUSANDS.fullmatch(text):
        if text.count(",") == 1 and "." not in text:  # 1,234: thousands or a decimal comma?
            raise ValueRefused(Message("'{v}' 有歧义:请写 {a} 或 {b}", "'{v}' is ambiguous: write {a} or {b}")
                               .format(v=text, a=text.replace(",", ""), b=text.replace(",", ".")))
        return text.replace(",", "")
    if _COMMA_DECIMAL.fullmatch(text):
        return text.replace(",", ".")
    if _DOT_THOUSANDS.fullmatch(text):
        return text.replace(".", "").replace(",", ".")
    if re.fullmatch(r"[+-]?[\d.,]*\d[eE][+-]?\d+", text):
        raise ValueRefused(Message("不接受科学计数法: {v}", "scientific notation is not accepted: {v}").format(v=text))
    raise ValueRefused(Message("不是数字: '{v}'(应写作 12.5 或 12,5)", "not a number: '{v}' (write 12.5 or 12,5)")
                       .format(v=text))


def parse_int(value, lowest: int | None = None, highest: int | None = None) -> int:
    """A whole number: ``2024``, or ``2024.0`` as a spreadsheet gives it; within [lowest, highest]."""
    if isinstance(value, bool):
        raise ValueRefused(Message("不是整数: {v}", "not a whole number: {v}").format(v=value))
    if isinstance(value, int):
        number = value
        text = str(value)
    else:
        text = _normal(str(value if value is not None else ""))
        match = re.fullmatch(r"([+-]?\d{1,15})(\.0*)?", text)
        if match is None:
            raise ValueRefused(Message("不是整数: '{v}'", "not a whole number: '{v}'").format(v=text))
        number = int(match.group(1))
    if (lowest is not None and number < lowest) or (highest is not None and number > highest):
        raise ValueRefused(Message("须在 {lo} 至 {hi} 之间: {v}", "must be within {lo}-{hi}: {v}")
                           .format(lo=lowest if lowest is not None else "", hi=highest if highest is not None else "",
                                   v=text))
    return number


_DATE_PARTS = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?:\s*日)?")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TIME = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?")


def parse_date(value) -> str:
    """An ISO date ``YYYY-MM-DD`` from typed text (or a date / datetime); see the module's rules."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        year, month, day = value.year, value.month, value.day
        text = value.isoformat()
    else:
        text = _normal(str(value if value is not None else ""))
        match = None
        for pattern in (_DATE_PARTS, _DATE_COMPACT):
            found = pattern.match(text)
            if found is not None and _TIME.fullmatch(text[found.end():]):
                match = found
                break
        if match is None:
            raise ValueRefused(Message("不是日期: '{v}'(应写作 2024-03-01、2024/3/1 或 20240301)",
                                       "not a date: '{v}' (write 2024-03-01, 2024/3/1 or 20240301)").format(v=text))
        year, month, day = (int(g) for g in match.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise ValueRefused(Message("日期不存在: '{v}'", "no such date: '{v}'").format(v=text)) from None
    if not 1900 <= date.year <= 2100:
        raise ValueRefused(Message("日期须在 1900-2100 年之间: '{v}'", "a date must lie in 1900-2100: '{v}'")
                           .format(v=text))
    return date.isoformat()


def parse_text(value) -> str:
    """Free text exactly as given (newlines kept); ``None`` is ''."""
    return "" if value is None else str(value)


def is_blank(value) -> bool:
    """Nothing typed: None or only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())

