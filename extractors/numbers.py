"""Numbers, times and ratios as people type them in Indonesian forms.

Indonesian notation uses "." for thousands and "," for decimals ("1.250" = 1250, "0,125"); Babel's
CLDR data for locale ``id`` parses that, so we do not hand-write the locale rules. Forms made with an
English-locale Excel still show "0.125": a lone dot followed by anything but exactly three digits
can only be a decimal point, and so can the dot of "0.125" (nobody writes zero thousands).
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import NumberFormatError, parse_decimal

# "1 jam 30 menit", "2,5 JAM", "90 mnt", "1j 30m": number-unit pairs, nothing else.
_TIME_PART = re.compile(r"([-+]?\d[\d.,]*)\s*(jam|j|menit|mnt|m)?\.?(?![a-z])")
_UNITS = {"jam": "jam", "j": "jam", "menit": "menit", "mnt": "menit", "m": "menit"}
_FRACTION = re.compile(r"(?<![\d.,/])(\d{1,2})\s*/\s*([1-9]\d?)(?![\d.,/])")   # "1/2 jam"
_VULGAR = str.maketrans({"½": "0,5", "¼": "0,25", "¾": "0,75"})
_APPROX = re.compile(r"^(±|\+/-|\+-|~|kurang lebih|kira-kira)\s*")
_PLAIN = re.compile(r"^[-+]?\d+$")
_COMMA_ONLY = re.compile(r"^[-+]?\d+,\d+$")
_ENGLISH_DECIMAL = re.compile(r"^[-+]?(\d+\.(\d{1,2}|\d{4,})|0\.\d+)$")
_RATIO = re.compile(r"^\s*([\d.,]+)\s*[:/]\s*([\d.,]+)\s*$")
_NOISE = re.compile(r"[\s\u00a0]+")


# Understanding a table looks at each cell several times (is it a task? a closing row? which unit?); the
# readers are pure functions of the text, so their answers are kept.
_CACHE = 8192


@lru_cache(maxsize=_CACHE)
def parse_number(text: str | None) -> Decimal | None:
    """A plain number, or None when the text is not one (the caller keeps the text for the message)."""
    if text is None:
        return None
    cleaned = _NOISE.sub("", str(text))
    if not cleaned or not re.search(r"\d", cleaned):
        return None
    if _PLAIN.match(cleaned) or _ENGLISH_DECIMAL.match(cleaned):
        return Decimal(cleaned)
    if _COMMA_ONLY.match(cleaned):
        return Decimal(cleaned.replace(",", "."))
    try:
        return parse_decimal(cleaned, locale="id", strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        try:
            # A value like "1.250,5" that strict mode rejects for grouping reasons is still a number.
            return parse_decimal(cleaned, locale="id")
        except (NumberFormatError, InvalidOperation, ValueError):
            return None


_MINUTE_PLACES = Decimal("0.000001")


def in_minutes(value: Decimal, unit: str) -> Decimal:
    """A time in minutes. Hours become minutes to a millionth: a spreadsheet's 5/60 hours (stored as
    0.08333333333333333) is 5 minutes, as its reader sees it, not 4.99999999999999998."""
    if unit != "jam":
        return value
    minutes = (value * 60).quantize(_MINUTE_PLACES, ROUND_HALF_UP)
    return minutes.quantize(Decimal(1)) if minutes == minutes.to_integral_value() else minutes.normalize()


def parse_minutes(text: str | None, column_unit: str = "menit") -> Decimal | None:
    """A time in minutes: "120", "120 menit", "2 jam", "0,5 jam", "1 jam 30 menit"; bare numbers take
    the column's unit."""
    time = parse_time(text)
    if time is None:
        return None
    value, unit = time
    return in_minutes(value, unit or column_unit)


@lru_cache(maxsize=_CACHE)
def parse_time(text: str | None) -> tuple[Decimal, str | None] | None:
    """(value, unit) of a time cell: the unit written in the cell ("jam"/"menit", and then the value is
    in minutes whenever the cell mixes both), or None for a bare number, whose unit is the column's."""
    if text is None:
        return None
    cleaned = _NOISE.sub(" ", str(text)).strip().casefold()
    cleaned = _APPROX.sub("", cleaned)
    cleaned = _FRACTION.sub(lambda m: str(Decimal(m[1]) / Decimal(m[2])).replace(".", ","), cleaned)
    cleaned = cleaned.translate(_VULGAR)
    parts = _TIME_PART.findall(cleaned)
    if not parts or _TIME_PART.sub("", cleaned).strip(" .,;/+"):
        return None
    if len(parts) == 1 and not parts[0][1]:
        value = parse_number(parts[0][0])
        return None if value is None else (value, None)
    if any(not unit for _, unit in parts):
        return None                               # "1 30 menit": a bare number beside a unit means nothing sure
    units = [_UNITS[unit] for _, unit in parts]
    values = [parse_number(number) for number, _ in parts]
    if None in values or len(set(units)) != len(units):
        return None
    if units == ["jam"]:
        return values[0], "jam"
    return sum((in_minutes(v, u) for v, u in zip(values, units)), Decimal(0)), "menit"


def parse_ratio(text: str | None) -> Decimal | None:
    """Staff per unit of equipment: "1 : 5" (one person per five units) = 0.2; a plain number as is."""
    if text is None:
        return None
    match = _RATIO.match(str(text))
    if match:
        people, units = parse_number(match[1]), parse_number(match[2])
        if people is None or not units:
            return None
        return people / units
    return parse_number(text)


def parse_int(text: str | None) -> int | None:
    value = parse_number(text)
    if value is None or value != value.to_integral_value():
        match = re.search(r"\d+", str(text or ""))
        return int(match.group()) if match and value is None else None
    return int(value)


_QUANTITY = re.compile(r"^(?P<num>[-+]?\d[\d.,]*)\s*(?P<words>[^\d]*)$")
# The words forms use for the periods of docs/domain.md, and what each stands for.
PERIOD_WORDS = {"hari": "hari", "harian": "hari", "minggu": "minggu", "mingguan": "minggu", "bulan": "bulan",
                "bulanan": "bulan", "tahun": "tahun", "tahunan": "tahun", "thn": "tahun", "bln": "bulan",
                "mg": "minggu", "hr": "hari"}


@lru_cache(maxsize=_CACHE)
def parse_quantity(text: str | None) -> tuple[Decimal, str | None] | None:
    """A count as units write it: "12", "12 dokumen", "30 Data/Hari", "250 berkas per tahun",
    "12 (dua belas)": the number, and the period a trailing "/hari" or "per bulan" names."""
    plain = parse_number(text)
    if plain is not None:
        return plain, None
    if text is None:
        return None
    match = _QUANTITY.match(_NOISE.sub(" ", str(text)).strip())
    if not match:
        return None
    value = parse_number(match["num"])
    words = match["words"].casefold()
    if value is None or not re.fullmatch(r"[\w\s/().,'-]*", words) or not re.search(r"[a-z(]", words):
        return None
    period = re.search(r"(?:/|\bper\b|\bsetiap\b|\btiap\b)\s*(\w+)\s*\)?\s*$", words)
    return value, PERIOD_WORDS.get(period[1]) if period else None


_DOT_DECIMAL = re.compile(r"\d\.\d{1,2}(?!\d)|\d\.\d{4,}|(?<![\d.,])0\.\d|\d,\d{3}\.\d")
_COMMA_DECIMAL = re.compile(r"\d,\d{1,2}(?!\d)|\d,\d{4,}|(?<![\d.,])0,\d|\d\.\d{3},\d")
_AMBIGUOUS_DOT = re.compile(r"(?<![\d.,])(\d{1,3})\.(\d{3})(?![\d.,])")
_COMMA_GROUPS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def writes_dot_decimals(texts) -> bool:
    """Whether a table writes decimals with a point ("0.1728", "3.9808", as English-locale exports do)
    and never with a comma: then its "1.536" is one and a half, not fifteen hundred."""
    dots = commas = False
    for text in texts:
        dots = dots or bool(_DOT_DECIMAL.search(text))
        commas = commas or bool(_COMMA_DECIMAL.search(text))
    return dots and not commas


def as_dot_decimal(text: str) -> str:
    """A number of a dot-decimal table rewritten in Indonesian notation: "1.536" -> "1,536",
    "1,080.5" -> "1080,5"."""
    text = _COMMA_GROUPS.sub("", text)
    if text.count(".") > 1:
        return text                                   # "1.250.000" groups thousands in any notation
    if _AMBIGUOUS_DOT.search(text):
        return _AMBIGUOUS_DOT.sub(r"\1,\2", text)
    return re.sub(r"(?<=\d)\.(?=\d)", ",", text)
