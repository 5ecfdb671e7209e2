"""Numbers in Indonesian notation (75.000 and 0,125), as every document and message writes them."""
from __future__ import annotations

from decimal import Decimal


def num(value: Decimal | int | None, places: int | None = None) -> str:
    """Indonesian notation: 75.000 and 0,125 (unrounded unless ``places`` is given)."""
    if value is None:
        return "-"
    value = Decimal(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return indonesian(format(value.normalize() if places is None else value, "f"))


def num_short(value: Decimal) -> str:
    """A figure with two decimals only when it has a fraction: 72.000 and 319,15."""
    return num(value) if Decimal(value) == Decimal(value).to_integral_value() else num(value, 2)


def indonesian(text: str) -> str:
    """A plain decimal string ("-75000.125") in Indonesian notation ("-75.000,125")."""
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")
