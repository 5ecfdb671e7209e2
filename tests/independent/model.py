"""What a form holds and what a careful reader expects from it, computed by our own arithmetic.

The rules are those of the domain reference, domain.md (PermenPAN-RB 1/2020 default): a row's workload is
norma (minutes) x volume x the annual factor of its period, and K_raw is the sum over WKE_year
(75,000 minutes); when a row prints its own WKE, its need is norma x volume / that WKE. K is
K_raw rounded once, half up; 0 < K_raw < 1 gives 1; a structural position gets 1.
Only Decimal is used, never float nor round().
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

WKE_YEAR = Decimal(75000)
FACTORS = {"hari": Decimal(235), "minggu": Decimal(47), "bulan": Decimal(12), "tahun": Decimal(1)}
PERKA_WKE = {"hari": Decimal(300), "minggu": Decimal(1500), "bulan": Decimal(6000), "tahun": Decimal(72000)}
STRUCTURAL_PREFIXES = ("kepala ", "sekretaris ", "camat", "lurah")


@dataclass(frozen=True)
class Header:
    nama: str
    units: tuple[str, ...]          # own unit first, up to the top
    ikhtisar: str = ""
    instansi: str = "Pemerintah Kabupaten Tanjung Lestari"
    kode: str = "---"
    kelas: int | None = None
    bezetting: int | None = None
    jenis: str = "pelaksana"        # pelaksana | fungsional | struktural

    @property
    def structural(self) -> bool:
        return self.nama.casefold().startswith(STRUCTURAL_PREFIXES)


@dataclass(frozen=True)
class Task:
    """One task row of the tugas-per-tugas method."""

    uraian: str
    satuan: str
    norma: Decimal                  # minutes per item
    volume: Decimal                 # items per period
    periode: str = "tahun"
    wke: Decimal | None = None      # WKE printed on the row, in minutes (None: the row prints none)
    tahapan: tuple[str, ...] = ()

    @property
    def workload(self) -> Decimal:
        return self.norma * self.volume * FACTORS[self.periode]

    @property
    def need(self) -> Decimal:
        if self.wke is not None:
            return self.norma * self.volume / self.wke
        return self.workload / WKE_YEAR


@dataclass(frozen=True)
class Output:
    """A row of the hasil kerja or objek kerja method: workload / standard per person (same period)."""

    uraian: str
    satuan: str
    beban: Decimal
    standar: Decimal

    @property
    def need(self) -> Decimal:
        return self.beban / self.standar


@dataclass(frozen=True)
class Equipment:
    """A row of the peralatan kerja method: units x staff per unit (one shift)."""

    alat: str
    jumlah: Decimal
    rasio: Decimal                  # staff per unit (1 per 5 buses = 0.2)

    @property
    def need(self) -> Decimal:
        return self.jumlah * self.rasio


@dataclass(frozen=True)
class Position:
    header: Header
    rows: tuple
    approach: str = "tugas_per_tugas"

    @property
    def k_raw(self) -> Decimal:
        return sum((row.need for row in self.rows), Decimal(0))

    @property
    def k(self) -> int:
        if self.header.structural:
            return 1
        raw = self.k_raw
        if Decimal(0) < raw < Decimal(1):
            return 1
        return int(raw.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# ---- expectations ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExpectedRow:
    uraian: str | None
    norma_menit: Decimal | None = None
    volume: Decimal | None = None
    wke_menit: Decimal | None = None       # checked only when the row prints a WKE
    beban: Decimal | None = None
    standar_kemampuan: Decimal | None = None
    jumlah_alat: Decimal | None = None
    rasio_pegawai_per_alat: Decimal | None = None


@dataclass(frozen=True)
class ExpectedForm:
    nama_jabatan: str
    unit_kerja: list[str]
    approach: str
    rows: list[ExpectedRow]
    k_raw: Decimal
    k: int
    printed_total: Decimal | None = None   # checked only when the form prints a total


@dataclass
class Case:
    path: Path
    format: str                      # docx | xlsx | pdf
    layout: str                      # short tag, see README.md
    features: list[str]
    forms: list[ExpectedForm] = field(default_factory=list)    # accepted: one per position
    reason: str | None = None                                  # rejected: the reason code
    reject_row: int | None = None                              # rejected: the row the message names

    @property
    def accepted(self) -> bool:
        return self.reason is None


def expect(position: Position, printed_total: Decimal | None = None) -> ExpectedForm:
    """The expectation for a position (a task's wke is set only when the layout prints it)."""
    rows = []
    for row in position.rows:
        if isinstance(row, Task):
            rows.append(ExpectedRow(row.uraian, norma_menit=row.norma, volume=row.volume,
                                    wke_menit=row.wke))
        elif isinstance(row, Output):
            rows.append(ExpectedRow(None, beban=row.beban, standar_kemampuan=row.standar))
        else:
            rows.append(ExpectedRow(None, jumlah_alat=row.jumlah, rasio_pegawai_per_alat=row.rasio))
    return ExpectedForm(position.header.nama, list(position.header.units), position.approach, rows,
                        position.k_raw, position.k, printed_total)
