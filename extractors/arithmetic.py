"""The form's own arithmetic decides what its labels leave open or get wrong.

A column may say "(JAM)" while every value in it is minutes (the PANDAWA exports do), and a bare WKE of
1.250 means hours where 75.000 means minutes. When the form prints the need of each row, or its total,
the reading of the time column that reproduces those printed figures is the one the form was computed
with. When nothing printed can decide, the label stands.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from extractors.numbers import in_minutes

# Effective minutes per period that forms print (docs/domain.md, "Effective working time"): the 1,250-hour
# regime of PermenPAN-RB 1/2020 (75,000 a year over 235 days, 47 weeks, 12 months) and the 72,000-minute
# regime of Perka BKN 19/2011 (300 a day, 1,500 a week, 6,000 a month). tests/test_extract_arithmetic.py
# pins these to the regimes of calculators.settings.
STANDARD_WKE_MINUTES = (
    Decimal(75000), Decimal(75000) / 235, Decimal(75000) / 47, Decimal(75000) / 12,
    Decimal(72000), Decimal(300), Decimal(1500), Decimal(6000),
)
ANNUAL_WKE_MINUTES = (Decimal(75000), Decimal(72000))
_YEAR_OF_HOURS = (Decimal(1000), Decimal(2100))  # effective hours a year any regime sets
_HOURS_SLACK = Decimal("0.01")     # a WKE in hours is printed with at most two decimals (104,17 jam)
_MINUTES_SLACK = Decimal("0.005")  # a WKE in minutes may be printed rounded (319 for 319,15)


def standard_wke(minutes: Decimal, slack: Decimal) -> Decimal | None:
    """The standard figure ``minutes`` stands for, within ``slack`` (relative)."""
    for figure in STANDARD_WKE_MINUTES:
        if abs(minutes - figure) <= figure * slack:
            return figure
    return None


def wke_reading(value: Decimal, unit: str | None, column_unit: str, labelled: bool = True) -> tuple[Decimal, str]:
    """(minutes, unit read) of a printed WKE. A unit written in the cell is taken as written; a bare
    number is in the unit that makes it a standard figure (75.000 minutes; 1.250 or 104,17 hours); else a
    column that names no unit holding a year's hours (1.322) is in hours; else the column's unit."""
    if unit is not None:
        return _exact_hours(value) if unit == "jam" else in_minutes(value, unit), unit
    if standard_wke(value, _MINUTES_SLACK) is not None:
        return value, "menit"
    if standard_wke(value * 60, _HOURS_SLACK / max(value, Decimal(1))) is not None:
        return _exact_hours(value), "jam"
    if not labelled and _YEAR_OF_HOURS[0] <= value <= _YEAR_OF_HOURS[1]:
        return in_minutes(value, "jam"), "jam"
    return _exact_hours(value) if column_unit == "jam" else in_minutes(value, column_unit), column_unit


def _exact_hours(hours: Decimal) -> Decimal:
    """A standard WKE written in hours is that standard exactly: 104,17 jam a month is 6.250 minutes, not
    6.250,2 (hours are printed with two decimals, so a standard that is no whole number of minutes comes
    out a fraction off). Hours that make whole minutes are taken as they are (26,6 jam is the 1.596
    minutes a form would print), and any other figure is hours × 60."""
    minutes = in_minutes(hours, "jam")
    if minutes == minutes.to_integral_value():
        return minutes
    return standard_wke(minutes, _HOURS_SLACK / max(hours, Decimal(1))) or minutes


@dataclass
class TimedRow:
    """What the unit decision needs of a task row: a bare time (None when the cell names its unit
    or is empty), the volume, the WKE printed on the row in minutes, and the printed need."""

    bare_time: Decimal | None
    fixed_minutes: Decimal | None          # a time whose cell names its unit ("2 jam"), in minutes
    volume: Decimal | None
    wke_menit: Decimal | None
    pegawai: Decimal | None


@dataclass(frozen=True)
class Score:
    rows_matched: int = 0      # rows whose printed need the reading reproduces
    rows_checked: int = 0      # rows with a printed need and a bare time
    total: bool | None = None  # whether it reproduces the printed total; None: nothing to check

    @property
    def matched(self) -> int:
        return self.rows_matched + bool(self.total)

    @property
    def checked(self) -> int:
        return self.rows_checked + (self.total is not None)


@dataclass(frozen=True)
class UnitDecision:
    unit: str                  # "menit" or "jam": how bare times in the column are read
    score: Score               # what the chosen reading reproduces of the printed figures
    against_label: bool        # the reading contradicts the column's label


def decide_time_unit(rows: list[TimedRow], label_unit: str, printed_total: Decimal | None) -> UnitDecision:
    """Read bare times in minutes or in hours, whichever reproduces more of the printed needs (each row's,
    and the total); the label wins a tie and whenever the other reading reproduces less than half."""
    other = "jam" if label_unit == "menit" else "menit"
    label, alternative = _score(rows, label_unit, printed_total), _score(rows, other, printed_total)
    if alternative.matched > label.matched and 2 * alternative.matched >= alternative.checked:
        return UnitDecision(other, alternative, True)
    return UnitDecision(label_unit, label, False)


def minutes(row: TimedRow, unit: str) -> Decimal | None:
    if row.fixed_minutes is not None:
        return row.fixed_minutes
    if row.bare_time is None:
        return None
    return in_minutes(row.bare_time, unit)


def _score(rows: list[TimedRow], unit: str, printed_total: Decimal | None) -> Score:
    matched = checked = 0
    workloads = []             # minutes x volume of every row, for the total
    for row in rows:
        time = minutes(row, unit)
        if time is None or row.volume is None:
            workloads.append(None)
            continue
        workloads.append((time * row.volume, row.wke_menit))
        if row.bare_time is None or row.pegawai is None or row.pegawai <= 0:
            continue           # a row whose time names its unit decides nothing about the column
        checked += 1
        wkes = (row.wke_menit,) if row.wke_menit else STANDARD_WKE_MINUTES
        matched += any(_agrees(time * row.volume / wke, row.pegawai) for wke in wkes)
    total = None
    if printed_total is not None and printed_total > 0 and workloads and None not in workloads \
            and any(row.bare_time is not None for row in rows):
        if all(wke for _, wke in workloads):
            total = _agrees(sum(load / wke for load, wke in workloads), printed_total)
        else:
            load = sum(load for load, _ in workloads)
            total = any(_agrees(load / wke, printed_total) for wke in ANNUAL_WKE_MINUTES)
    return Score(matched, checked, total)


def _agrees(computed: Decimal, printed: Decimal) -> bool:
    """Equal as far as the printed figure shows: within one unit of its last printed decimal (forms
    round or cut), or within half a percent for figures printed with many decimals."""
    exponent = printed.as_tuple().exponent
    step = Decimal(1).scaleb(exponent) if isinstance(exponent, int) else Decimal(0)
    return abs(computed - printed) <= max(step, abs(printed) * Decimal("0.005"))
