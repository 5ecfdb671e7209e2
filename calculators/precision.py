"""One Decimal precision for all staffing arithmetic, whichever entry point a caller starts from."""
from __future__ import annotations

import functools
from decimal import localcontext

PRECISION = 34   # enough that 1/24 + ... sums exactly to the published 1.2875


def staffing_arithmetic(function):
    """Run ``function`` under PRECISION significant digits, restoring the caller's context afterwards."""
    @functools.wraps(function)
    def at_precision(*args, **kwargs):
        with localcontext() as ctx:
            ctx.prec = PRECISION
            return function(*args, **kwargs)
    return at_precision
