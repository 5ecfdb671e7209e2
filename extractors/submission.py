"""The normalised submission: what every extractor produces, whatever the file format.

Values are already normalised (Decimal numbers, minutes, Indonesian separators resolved) but
not yet judged: a value that could not be read is kept as ``None`` together with the text that
was seen, so the calculators can name the row, the column and the value in their findings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Approach(StrEnum):
    """The four calculation methods of PermenPAN-RB 1/2020 a form is written in (docs/domain.md)."""
    TUGAS_PER_TUGAS = "tugas_per_tugas"
    HASIL_KERJA = "hasil_kerja"
    OBJEK_KERJA = "objek_kerja"
    PERALATAN_KERJA = "peralatan_kerja"


APPROACHES = tuple(Approach)
PERIODS = ("hari", "minggu", "bulan", "tahun")


class Reason(StrEnum):
    """Why a file is rejected, one per file (docs/cli-contract.md); the JSON carries the value."""
    UNREADABLE = "unreadable"
    ENCRYPTED = "encrypted"
    NO_TEXT_LAYER = "no_text_layer"
    NOT_AN_ABK_FORM = "not_an_abk_form"
    MISSING_REQUIRED_FIELD = "missing_required_field"
    INVALID_VALUE = "invalid_value"
    TOO_LARGE = "too_large"
    UNSUPPORTED_FORMAT = "unsupported_format"
    NEEDS_REVIEW = "needs_review"        # read by OCR, and the form's own arithmetic does not confirm the reading


# The readers name reasons by these (the members themselves).
UNREADABLE, ENCRYPTED, NO_TEXT_LAYER, NOT_AN_ABK_FORM = (Reason.UNREADABLE, Reason.ENCRYPTED, Reason.NO_TEXT_LAYER,
                                                         Reason.NOT_AN_ABK_FORM)
MISSING_REQUIRED_FIELD, INVALID_VALUE, TOO_LARGE, UNSUPPORTED_FORMAT, NEEDS_REVIEW = (
    Reason.MISSING_REQUIRED_FIELD, Reason.INVALID_VALUE, Reason.TOO_LARGE, Reason.UNSUPPORTED_FORMAT,
    Reason.NEEDS_REVIEW)


class ExtractionError(Exception):
    """The file as a whole cannot be read as an ABK form.

    ``message`` is one line in Bahasa Indonesia for the sender; it should not repeat the file
    name (the caller prefixes it).
    """

    def __init__(self, reason: str, message: str):
        super().__init__(reason, message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return self.message


# Between the units of a path, own unit first: "Sub Bagian Umum / Sekretariat / Dinas Sosial".
UNIT_SEPARATOR = " / "


@dataclass
class Header:
    nama_jabatan: str | None = None
    # From the position's own unit up to the top, e.g. ["Sub Bagian Umum", "Sekretariat", "Dinas X"].
    unit_kerja: list[str] = field(default_factory=list)
    ikhtisar_jabatan: str | None = None
    instansi: str | None = None
    kode_jabatan: str | None = None
    kelas_jabatan: int | None = None
    bezetting: int | None = None
    tahun: int | None = None
    # "struktural", "fungsional" or "pelaksana" when the form says so (or the name implies it).
    jenis_jabatan: str | None = None
    jenjang: str | None = None
    pendidikan: str | None = None
    # The 5-year view, when the form gives it: year -> people leaving that year.
    pensiun: dict[int, int] = field(default_factory=dict)          # reaching BUP (retirement age)
    pppk_berakhir: dict[int, int] = field(default_factory=dict)    # PPPK contracts ending

    @property
    def unit_kerja_path(self) -> str:
        return UNIT_SEPARATOR.join(self.unit_kerja)


@dataclass
class Row:
    """One task row as read. ``line`` is the row's place in the form (1-based, data rows only)."""

    line: int
    uraian: str
    no: int | None = None
    satuan: str | None = None
    periode: str | None = None          # explicit period column, if any
    # tugas per tugas
    norma_waktu_menit: Decimal | None = None
    volume: Decimal | None = None
    wke_menit: Decimal | None = None    # the WKE printed on the row, in minutes
    # hasil kerja / objek kerja (the workload counts in ``periode``, the standard in ``periode_standar``)
    beban: Decimal | None = None
    standar_kemampuan: Decimal | None = None
    periode_standar: str | None = None
    # peralatan kerja
    jumlah_alat: Decimal | None = None
    rasio_pegawai_per_alat: Decimal | None = None
    shift: Decimal | None = None
    # what the form printed as this row's need, for the cross-check
    pegawai_tercetak: Decimal | None = None
    # the sub-steps ("Tahapan: 1. ... 2. ...") a task cell lists after the task sentence
    tahapan: str | None = None
    # column key -> the text seen, for every numeric column that could not be read as a number
    unreadable: dict[str, str] = field(default_factory=dict)
    # a scan's picture of the row (PNG), shown beside what was read when a person must review the reading
    image: bytes | None = field(default=None, repr=False)

    @property
    def number(self) -> int:
        """The row's number as the unit reads it: the form's own No, else its place in the table."""
        return self.no if self.no is not None else self.line


class ReadingCode(StrEnum):
    """A choice the extractor made that the sender should hear about."""
    TIME_UNIT_FROM_ARITHMETIC = "time_unit_from_arithmetic"   # the printed needs, not the label, fix the unit


@dataclass(frozen=True)
class Reading:
    """A choice the extractor made where the form was ambiguous or contradicted itself (a column
    labelled jam holding minutes), said to the sender so the next version can be corrected."""

    code: ReadingCode
    message: str                          # Bahasa Indonesia, without the form's name (the caller adds it)
    column: str | None = None


@dataclass
class Form:
    """One position's ABK form. A file may hold several."""

    approach: str
    header: Header
    rows: list[Row]
    index: int = 0                       # place of the form in its file, 0-based
    printed_total: Decimal | None = None  # the form's own "Jumlah" of pegawai
    printed_k: Decimal | None = None      # the form's own "dibulatkan" figure
    # where the form was found, for messages ("halaman 2", "lembar 'ABK'")
    location: str | None = None
    readings: list[Reading] = field(default_factory=list)


@dataclass
class Submission:
    file_name: str                        # the sender's file name (the path read, until the pass names it)
    format: str                           # "docx" | "pdf" | "xlsx" | "png" | "jpeg" (extractors.formats)
    forms: list[Form]
    pages: int | None = None
    # Read by OCR from a scan or a photo: the calculators use it only where every printed need and total
    # agree with the form's own arithmetic (calculators.confirmation).
    ocr: bool = False
