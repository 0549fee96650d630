"""Parsing of loose spreadsheet values: dates, rupiah amounts, yes/no, years, NIK, phones."""

from __future__ import annotations

import datetime as dt

import pytest

from pasarkerja.ingest.parsing import (
    Pay,
    parse_bool,
    parse_date,
    parse_nik,
    parse_pay,
    parse_phone,
    parse_rupiah,
    parse_sex,
    parse_years,
    split_list,
)

DEC31 = dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    "value",
    [
        "31/12/2025",
        "2025-12-31",
        "31-12-2025",
        "31.12.2025",
        "31 Desember 2025",
        "31 Des 2025",
        "31 December 2025",
        "Dec 31, 2025",
        "20251231",
        "2025-12-31T08:30:00",
        "Rabu, 31 Desember 2025",
        46022,
        46022.75,
        dt.datetime(2025, 12, 31, 0, 0),
        DEC31,
    ],
)
def test_dates_in_every_accepted_form(value: object) -> None:
    assert parse_date(value) == DEC31


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/13/2025", "month 13 does not exist"),
        ("12/31/2025", "month 31 does not exist"),
        ("30/02/2025", "day 30 does not exist"),
        ("31/12/25", "write the year with 4 digits"),
        ("31 Desembar 2025", "unknown month name 'desembar'"),
        ("besok", "cannot read 'besok' as a date"),
        (0, "not a valid Excel date serial"),
    ],
)
def test_bad_dates_say_what_is_wrong(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Rp 4.500.000", Pay(4_500_000, 4_500_000)),
        ("4,500,000", Pay(4_500_000, 4_500_000)),
        ("4.5 jt", Pay(4_500_000, 4_500_000)),
        ("4,5 juta", Pay(4_500_000, 4_500_000)),
        ("150rb", Pay(150_000, 150_000)),
        ("Rp4.500.000,00", Pay(4_500_000, 4_500_000)),
        ("IDR 4,500,000.00", Pay(4_500_000, 4_500_000)),
        ("4 500 000", Pay(4_500_000, 4_500_000)),
        ("4.500", Pay(4_500, 4_500)),
        (4500000, Pay(4_500_000, 4_500_000)),
        ("Rp 4.000.000 - 5.000.000", Pay(4_000_000, 5_000_000)),
        ("4-5 jt", Pay(4_000_000, 5_000_000)),
        ("3 s/d 4 juta per bulan", Pay(3_000_000, 4_000_000, "month")),
        ("Rp 150.000 / hari", Pay(150_000, 150_000, "day")),
        ("Gaji Dirahasiakan", Pay(None, None)),
        ("nego", Pay(None, None)),
        ("", Pay(None, None)),
    ],
)
def test_rupiah_amounts(value: object, expected: Pay) -> None:
    assert parse_pay(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("empat juta", "cannot read 'empat juta' as a rupiah amount"),
        ("4.50.000", "digit groups are not thousands"),
        ("1.5M", "'M' is ambiguous"),
        ("Rp 5.000.000 - 4.000.000", "lower end of the range is above the upper end"),
        ("4 jt 500", "cannot read"),
        (-5, "cannot be negative"),
    ],
)
def test_bad_amounts(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_pay(value)


def test_single_amount_refuses_a_range() -> None:
    with pytest.raises(ValueError, match="expected one amount, got a range"):
        parse_rupiah("4-5 jt")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ya", True),
        ("Tidak", False),
        ("yes", True),
        ("no", False),
        (1, True),
        (0, False),
        ("1", True),
        ("0", False),
        ("true", True),
    ],
)
def test_booleans_in_indonesian_and_english(value: object, expected: bool) -> None:
    assert parse_bool(value) is expected


def test_unknown_boolean() -> None:
    with pytest.raises(ValueError, match="use ya/tidak, yes/no or 1/0"):
        parse_bool("mungkin")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", 2.0),
        ("2 tahun", 2.0),
        ("1-3 tahun", 1.0),
        ("6 bulan", 0.5),
        ("fresh graduate", 0.0),
        ("min. 2 tahun", 2.0),
        ("2,5", 2.5),
    ],
)
def test_years_of_experience(value: str, expected: float) -> None:
    assert parse_years(value) == expected


def test_nik_structure() -> None:
    digits, parts = parse_nik("3273 0141 0295 0001")
    assert digits == "3273014102950001"
    assert (parts.province_code, parts.regency_code) == ("32", "3273")
    assert (parts.birth_day, parts.birth_month, parts.birth_yy, parts.female) == (1, 2, 95, True)
    assert parts.matches_birth_date(dt.date(1995, 2, 1))
    assert parse_nik(3204151508900003)[1].female is False


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("327301410295000", "exactly 16 digits \\(found 15\\)"),
        ("32730141029500012", "exactly 16 digits \\(found 17\\)"),
        ("32730141O2950001", "only digits"),
        ("3273017202950001", "not a day of that month"),  # 72 - 40 = 32
        ("3273014113950001", "not a month"),
        ("3273014102950000", "cannot be 0000"),
        ("3.27301E+15", "scientific notation"),
        (9.273014102950001e15, "lost digits"),
    ],
)
def test_bad_niks_never_echo_the_value(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        parse_nik(value)
    assert "3273" not in str(info.value)


def test_phone_sex_and_lists() -> None:
    assert parse_phone("0812-3456-7890") == "+6281234567890"
    assert parse_phone("+62 812 3456 7890") == "+6281234567890"
    assert parse_phone("81234567890") == "+6281234567890"
    with pytest.raises(ValueError, match="9 to 14 digits"):
        parse_phone("08123")
    assert [parse_sex(v) for v in ("P", "perempuan", "Laki-laki", "L", "male", "Wanita")] == [
        "F",
        "F",
        "M",
        "M",
        "M",
        "F",
    ]
    assert split_list("las; forklift | excel\nK3") == ["las", "forklift", "excel", "K3"]
    assert split_list(["las", " ", "excel"]) == ["las", "excel"]
