"""core/values.py: what a planner types, read one way; the rest refused with the reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817

import pytest

from land_supervision.core.values import ValueRefused, parse_amount, parse_date, parse_int, parse_text


@pytest.mark.parametrize("text, want", [
    ("12.5", D("12.5")), ("12,5", D("12.5")), (" 12,50 ", D("12.5")), ("0,125", D("0.125")), ("100", D(100)),
    ("1,234.5", D("1234.5")), ("1.234,5", D("1234.5")), ("1,234,567", D(1234567)), ("12,345,678.25", D("12345678.25")),
    ("１２，５", D("12.5")), (".5", D("0.5")), ("-3", D(-3)), ("999999999999.9999", D("999999999999.9999")),
    ("12.50000", D("12.5")),
])
def test_amounts_accepted(text, want):
    assert parse_amount(text) == want


@pytest.mark.parametrize("text, reason", [
    ("1,234", "ambiguous: write 1234 or 1.234"), ("12,500", "ambiguous"),
    ("1_000", "not a number: '1_000'"), ("1e308", "scientific notation"), ("1E5", "scientific notation"),
    ("12345678901234567890", "more than 12 digits"), ("1000000000000", "more than 12 digits"),
    ("inf", "not a number"), ("-Infinity", "not a number"), ("nan", "not a number"), ("abc", "not a number"),
    ("", "is empty"), ("12.34567", "at most 4 decimals"), ("1 000", "not a number"), ("1.2.3", "not a number"),
    ("1,2,3", "not a number"),
])
def test_amounts_refused(text, reason):
    with pytest.raises(ValueRefused, match=reason):
        parse_amount(text)


def test_amount_from_numbers_and_places():
    assert parse_amount(D("3.25")) == D("3.25") and parse_amount(7) == D(7)
    with pytest.raises(ValueRefused, match="not a float"):
        parse_amount(12.5)
    with pytest.raises(ValueRefused, match="at most 2 decimals"):
        parse_amount("1.005", places=2)
    with pytest.raises(ValueRefused, match="digits"):
        parse_amount(10 ** 20)


@pytest.mark.parametrize("text", ["2024-03-01", "2024-3-1", "2024/3/1", "2024/03/01", "2024.3.1", "20240301",
                                  "2024年3月1日", " 2024-03-01 ", "2024-03-01 00:00:00", "2024-03-01T00:00",
                                  "２０２４－０３－０１"])
def test_dates_accepted(text):
    assert parse_date(text) == "2024-03-01"


def test_date_objects():
    assert parse_date(dt.datetime(2024, 3, 1, 12, 30)) == "2024-03-01" and parse_date(dt.date(2020, 1, 2)) == \
        "2020-01-02"


@pytest.mark.parametrize("text, reason", [
    ("2024-02-30", "no such date"), ("20241301", "no such date"), ("240301", "not a date"), ("2024-03", "not a date"),
    ("01/03/2024", "not a date"), ("abc", "not a date"), ("", "not a date"), ("1899-12-31", "1900-2100"),
    ("2024-03-01 later", "not a date"), ("202403011", "not a date"),
])
def test_dates_refused(text, reason):
    with pytest.raises(ValueRefused, match=reason):
        parse_date(text)


def test_whole_numbers():
    assert parse_int("2024") == 2024 and parse_int("2024.0") == 2024 and parse_int(" 17 ") == 17
    assert parse_int(5, 1, 10) == 5
    for bad in ("2024.5", "inf", "1e400", "abc", "", "nan", "12345678901234567"):
        with pytest.raises(ValueRefused, match="not a whole number"):
            parse_int(bad)
    with pytest.raises(ValueRefused, match="within 1990-2100"):
        parse_int("1989", 1990, 2100)


def test_text_kept_as_given():
    assert parse_text("第一行\n第二行 ") == "第一行\n第二行 " and parse_text(None) == ""
