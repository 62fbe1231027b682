"""Dates of the patrol inputs (QSX/HSX, PZRQ, the term end of 临时用地) read from text as counties write them."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_PARTS = re.compile(r"^(\d{4})(?:[-/.年]?(\d{1,2})(?:[-/.月]?(\d{1,2})日?)?月?)?(?:[T ].*)?$")


def parse_date(value, end: bool = False) -> dt.date | None:
    """The date written in ``value``: 2021-09-15, 2021/9/15, 20210915, 2021年9月15日, 2021-09 or 2021 (a month or
    a year read as its first day, or its last with ``end``), date objects as they are. None if empty; ValueError
    if not a date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text or text.upper() == "NULL":
        return None
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})?", text)
    match = compact or _PARTS.match(text)
    if match is None:
        raise ValueError(f"not a date: {text!r}")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is None:
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    if day is None:
        return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    return dt.date(year, month, day)


def dates_of(values, end: bool = False) -> tuple[list, list[int]]:
    """Dates of a column (None where empty or not a date) and the rows whose text is not a date."""
    out, bad = [], []
    for i, value in enumerate(values or []):
        try:
            out.append(parse_date(value, end))
        except ValueError:
            out.append(None)
            bad.append(i)
    return out, bad


def add_years(date: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February -> 28 February)."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def ordinals(dates: list, missing: int) -> list[int]:
    """Day numbers of dates (``missing`` for None), for array comparisons."""
    return [missing if d is None else d.toordinal() for d in dates]
