"""What the calculators hand to the documents: findings, per-position results with their trace,
and the consolidated rekap. The documents only present these; they never compute."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from extractors.submission import Form, ReadingCode, Reason, Row


class Severity(StrEnum):
    ERROR = "error"               # the file cannot be used: it is quarantined
    WARNING = "warning"           # the file is used; the unit should correct its next version


ERROR, WARNING = Severity.ERROR, Severity.WARNING


class Code(StrEnum):
    """What a finding is about (docs/cli-contract.md lists the public ones). English, like the reasons."""
    # errors
    NO_FORM = "no_form"
    REQUIRED_FIELD_EMPTY = "required_field_empty"
    NO_TASK_ROWS = "no_task_rows"
    ALL_VOLUMES_ZERO = "all_volumes_zero"
    URAIAN_EMPTY = "uraian_empty"
    UNUSABLE_VALUE = "unusable_value"
    NORMA_EXCEEDS_YEAR = "norma_exceeds_year"
    READING_UNCONFIRMED = "reading_unconfirmed"   # a scan's reading that its own arithmetic does not confirm
    # warnings
    DUPLICATE_TASK = "duplicate_task"
    SATUAN_EMPTY = "satuan_empty"
    ZERO_VOLUME = "zero_volume"
    NORMA_EXCEEDS_PERIOD_WKE = "norma_exceeds_period_wke"
    ROW_EXCEEDS_PERSON_YEAR = "row_exceeds_person_year"
    PRINTED_VALUE_MISMATCH = "printed_value_mismatch"
    BELOW_FULL_WORKLOAD = "below_full_workload"
    WKE_DIFFERS_FROM_REGIME = "wke_differs_from_regime"
    TIME_UNIT_DOUBTFUL = "time_unit_doubtful"
    POSITION_NOT_LISTED = "position_not_listed"   # not in the instansi's list of positions
    B_DIFFERS_FROM_PEOPLE = "b_differs_from_people"   # the form's B against the HR export's count
    POSITION_NOT_IN_PEOPLE = "position_not_in_people"   # nobody holds it in the HR export
    READ_BY_OCR = "read_by_ocr"   # read from a scan or photo: said wherever the form's figures go


@dataclass(frozen=True)
class Finding:
    code: Code | ReadingCode      # a choice the extractor made is said to the sender as a finding too
    severity: Severity
    message: str                  # Bahasa Indonesia; names the form, row, column and value seen
    row: int | None = None
    column: str | None = None
    form: int = 0

    def as_json(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "row": self.row, "column": self.column, "form": self.form}


@dataclass
class RowResult:
    row: Row
    periode: str                  # the period the row was computed with
    wke_menit: Decimal            # effective minutes of that period used for the row
    wke_source: str               # "tercetak" (printed on the row) or the regime's name
    pegawai: Decimal              # unrounded need of this row
    # hasil/objek kerja counted in different periods: how many of each a year holds (workload, standard)
    per_year: tuple[Decimal, Decimal] | None = None
    wke_tercetak: Decimal | None = None   # the WKE the form printed on the row, used or not
    wke_regime: str | None = None         # the regime whose period WKE that printed value matches
    pegawai_sendiri: Decimal | None = None  # the row's need on the form's own WKE (its printed arithmetic)

    @property
    def own_need(self) -> Decimal:
        return self.pegawai if self.pegawai_sendiri is None else self.pegawai_sendiri


@dataclass
class PositionResult:
    """K of one position (one form), with everything needed to defend it line by line."""

    form: Form
    rows: list[RowResult]
    k_raw: Decimal
    k: int
    rounding: str                 # the rounding mode applied
    regime: str                   # the regime's name
    wke_tahun: Decimal            # annual effective minutes of the regime
    efisiensi: Decimal | None     # EJ, None when B is 0 or unknown
    band: str | None              # "A".."E" or None
    structural: bool = False      # K fixed per box by the structural rule
    findings: list[Finding] = field(default_factory=list)
    file_name: str | None = None    # the sender's file the form came from
    wke_basis: str = ""           # the WKE the position was computed with, in words (letter, rekap, laporan)
    on_regime: bool = True        # computed with the instansi's regime (else with the form's own WKE)
    ocr: bool = False             # read from an image of the form, confirmed by its own arithmetic

    @property
    def bezetting(self) -> int:
        return self.form.header.bezetting or 0


@dataclass
class Assessment:
    """What the calculators found in one submitted file."""

    file_name: str                # the sender's file name
    accepted: bool
    reason: Reason | None         # why it was rejected (docs/cli-contract.md), None when accepted
    message: str                  # one line in Bahasa Indonesia for the sender
    findings: list[Finding]
    positions: list[PositionResult]

    def without_rows(self) -> "Assessment":
        """The same verdict, K and headers without the task rows: what a pass keeps of every file it has read
        (summary, register, the letter's count) once the file's laporan is written; the rows are most of a
        file's memory."""
        return replace(self, positions=[replace(p, rows=[], form=replace(p.form, rows=[])) for p in self.positions])


@dataclass
class RekapRow:
    perangkat_daerah: str
    unit_kerja: str               # full path, own unit first
    nama_jabatan: str
    jenis_jabatan: str | None
    kelas_jabatan: int | None
    pendidikan: str | None
    b: int
    k: int
    selisih: int                  # under the configured sign convention
    kekurangan: int               # max(K - B, 0)
    kelebihan: int                # max(B - K, 0)
    usulan: int                   # what is proposed: the shortage
    usulan_pppk: int              # of which as PPPK ([usulan] pppk), the rest as PNS
    efisiensi: Decimal | None
    file_name: str
    position: PositionResult
    pppk: bool = False            # the instansi proposes this jabatan as PPPK: so is every future need of it


@dataclass
class Totals:
    b: int = 0
    k: int = 0
    selisih: int = 0
    kekurangan: int = 0
    kelebihan: int = 0
    usulan: int = 0
    usulan_pppk: int = 0

    @property
    def usulan_pns(self) -> int:
        return self.usulan - self.usulan_pppk


@dataclass
class Rekap:
    rows: list[RekapRow]                         # sorted by perangkat daerah, unit, jabatan
    per_perangkat_daerah: dict[str, Totals]
    per_unit: dict[str, Totals]                  # keyed by unit path
    total: Totals
    efisiensi_unit: dict[str, Decimal | None]    # EU per unit path
    # year -> {"kekurangan", "pensiun", "pppk_berakhir", "jumlah", "pns", "pppk"} (jumlah = pns + pppk);
    # empty when no form gives the data
    lima_tahun: dict[int, dict[str, int]] = field(default_factory=dict)
