"""The one place where a need is rounded (docs/domain.md, "Rounding"): once, on the position's total."""
from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

_MODES = {"half_up": ROUND_HALF_UP, "ceil": ROUND_CEILING, "floor": ROUND_FLOOR}

# How each mode is said to the reader: the one wording used by the trace, the laporan and the letter.
DESCRIBED = {"half_up": "dibulatkan sekali pada jumlah, ke atas mulai 0,5",
             "ceil": "dibulatkan sekali pada jumlah, ke atas", "floor": "dibulatkan sekali pada jumlah, ke bawah",
             "none": "tanpa pembulatan (bagian pecahan diabaikan)"}


def round_need(k_raw: Decimal, mode: str) -> int:
    """K from k_raw: rounded once by ``mode``; a position with any workload needs at least one person.

    ``none`` keeps whole people too (a letter proposes people, not fractions): it truncates like
    ``floor`` but is reported as "tanpa pembulatan" so the documents show k_raw beside it.
    """
    if k_raw <= 0:
        return 0
    if mode == "none":
        k = int(k_raw.to_integral_value(rounding=ROUND_FLOOR))
    else:
        k = int(k_raw.to_integral_value(rounding=_MODES[mode]))
    return max(k, 1)


def below_full_workload(k_raw: Decimal) -> bool:
    return Decimal(0) < k_raw < Decimal(1)
