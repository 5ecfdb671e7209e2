"""How people print numbers and times on ABK forms (Indonesian and English locale, words)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def plain(value: Decimal | int) -> str:
    """Shortest plain form with a decimal point, no exponent: 1080, 0.1728, 2.5."""
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _group(int_part: str, sep: str) -> str:
    out = []
    while len(int_part) > 3:
        out.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    out.insert(0, int_part)
    return sep.join(out)


def fixed(value: Decimal | int, places: int | None = None, locale: str = "en", group: bool = True) -> str:
    """A number as a locale prints it. locale "id": 1.250 and 0,125; "en": 1,250 and 0.125.

    places=None prints the shortest exact form; otherwise rounds half up to that many places (kept).
    """
    d = Decimal(value)
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = format(d, "f")
    else:
        text = plain(d)
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    int_part, _, frac = text.partition(".")
    thousands, decimal_mark = (".", ",") if locale == "id" else (",", ".")
    int_part = _group(int_part, thousands) if group else int_part
    return sign + int_part + (decimal_mark + frac if frac else "")


def as_hours(minutes: Decimal) -> Decimal:
    hours = Decimal(minutes) / 60
    assert hours == hours.quantize(Decimal("0.0001")), f"{minutes} minutes is not a clean number of hours"
    return hours


def time_words(minutes: Decimal, style: str) -> str:
    """A time written with words, as people type it into a cell.

    styles: "jam" (2,5 jam), "jam_en" (2.5 jam), "menit" (90 menit), "jam_menit" (1 jam 30 menit),
    "JAM" (upper case, 2,5 JAM).
    """
    m = Decimal(minutes)
    if style == "menit":
        return f"{plain(m)} menit"
    if style == "jam_menit":
        hours, rest = divmod(int(m), 60)
        assert m == int(m)
        if hours and rest:
            return f"{hours} jam {rest} menit"
        return f"{hours} jam" if hours else f"{rest} menit"
    hours = as_hours(m)
    if style == "jam_en":
        return f"{plain(hours)} jam"
    text = f"{fixed(hours, locale='id', group=False)} jam"
    return text.upper() if style == "JAM" else text
