"""Numbers, times and ratios as people type them in Indonesian forms.

Indonesian notation uses "." for thousands and "," for decimals ("1.250" = 1250, "0,125"); Babel's
CLDR data for locale ``id`` parses that, so we do not hand-write the locale rules. Forms made with an
English-locale Excel still show "0.125": a lone dot followed by anything but exactly three digits
can only be a decimal point, and so can the dot of "0.125" (nobody writes zero thousands).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

_UNIT = re.compile(r"^(?P<num>[-+]?[\d.,]+)\s*(?P<unit>jam|j|menit|mnt|m)?\.?$", re.IGNORECASE)
_ENGLISH_DECIMAL = re.compile(r"^[-+]?(\d+\.(\d{1,2}|\d{4,})|0\.\d+)$")
_RATIO = re.compile(r"^\s*([\d.,]+)\s*[:/]\s*([\d.,]+)\s*$")
_NOISE = re.compile(r"[\s\u00a0]+")


def parse_number(text: str | None) -> Decimal | None:
    """A plain number, or None when the text is not one (the caller keeps the text for the message)."""
    if text is None:
        return None
    cleaned = _NOISE.sub("", str(text))
    if not cleaned or not re.search(r"\d", cleaned):
        return None
    if _ENGLISH_DECIMAL.match(cleaned):
        return Decimal(cleaned)
    try:
        return parse_decimal(cleaned, locale="id", strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        try:
            # A value like "1.250,5" that strict mode rejects for grouping reasons is still a number.
            return parse_decimal(cleaned, locale="id")
        except (NumberFormatError, InvalidOperation, ValueError):
            return None


def parse_minutes(text: str | None, column_unit: str = "menit") -> Decimal | None:
    """A time in minutes: "120", "120 menit", "2 jam", "0,5 jam"; bare numbers take the column's unit."""
    if text is None:
        return None
    match = _UNIT.match(_NOISE.sub(" ", str(text)).strip())
    if not match:
        return None
    value = parse_number(match["num"])
    if value is None:
        return None
    unit = (match["unit"] or column_unit).lower()
    return value * 60 if unit in ("jam", "j") else value


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
