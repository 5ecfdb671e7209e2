"""Efisiensi jabatan (EJ) and efisiensi unit (EU) with their bands (docs/domain.md, "Efficiency")."""
from __future__ import annotations

from decimal import Decimal

from calculators.settings import Band


def efisiensi(k_raw: Decimal, bezetting: int | None) -> Decimal | None:
    """Σ workload ÷ (B × WKE_year), i.e. k_raw ÷ B; None ("n/a") when nobody holds the position."""
    if not bezetting:
        return None
    return k_raw / Decimal(bezetting)


def band(value: Decimal | None, bands: tuple[Band, ...]) -> Band | None:
    if value is None:
        return None
    for candidate in sorted(bands, key=lambda b: b.lower, reverse=True):
        if value > candidate.lower or (candidate.lower_inclusive and value == candidate.lower):
            return candidate
    return None
