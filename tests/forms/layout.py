"""How a generated form is laid out, and what it prints: one printed model that every writer renders.

The printed model is built from the ground-truth ``Form`` alone, so a writer cannot print a value that
the ground truth does not hold. ``as_printed`` turns a form into what a layout can print exactly
(times in jam with two decimals, a period column, no WKE column) so tests can compare against it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from calculators.settings import BUILTIN_REGIMES, PERIOD_ORDER
from calculators.notation import indonesian
from extractors.submission import Form

D = Decimal
LABELS = {
    "title": {"nama_jabatan": "Nama Jabatan", "unit_kerja": "Unit Kerja", "ikhtisar_jabatan": "Ikhtisar Jabatan",
              "instansi": "Instansi", "kode_jabatan": "Kode Jabatan", "kelas_jabatan": "Kelas Jabatan",
              "jenis_jabatan": "Jenis Jabatan", "jenjang": "Jenjang", "bezetting": "Jumlah Pemangku",
              "pendidikan": "Kualifikasi Pendidikan", "tahun": "Tahun"},
    "variant": {"nama_jabatan": "Jabatan", "unit_kerja": "Unit Organisasi", "ikhtisar_jabatan": "Ikhtisar",
                "instansi": "Nama Instansi", "kode_jabatan": "Kode", "kelas_jabatan": "Kelas",
                "jenis_jabatan": "Jenis", "jenjang": "Jenjang Jabatan", "bezetting": "Jumlah Pegawai Saat Ini",
                "pendidikan": "Pendidikan", "tahun": "Tahun Anggaran"},
}
HEADER_ORDER = ("instansi", "ikhtisar_jabatan", "kode_jabatan", "kelas_jabatan", "jenis_jabatan", "jenjang",
                "pendidikan", "bezetting", "tahun")
# Top-down, as forms print them; the ground truth lists the own unit first.
LEVEL_LABELS = {"title": ("JPT Pratama", "Administrator", "Pengawas"),
                "variant": ("Unit Kerja Eselon II", "Unit Kerja Eselon III", "Unit Kerja Eselon IV")}
PERIOD_WORDS = {"hari": "Harian", "minggu": "Mingguan", "bulan": "Bulanan", "tahun": "Tahunan"}
TASK_COLUMNS = ("no", "uraian", "satuan", "norma", "wke", "volume", "pegawai", "ket")
JAM_PLACES = 2


@dataclass(frozen=True)
class Layout:
    """Defaults are the standard form of domain.md ("The form")."""

    header_style: str = "table3"        # table2 | table3 | paragraphs | cells_above (xlsx; elsewhere as table2)
    labels: str = "title"               # title | upper | numbered | variant
    unit_style: str = "path"            # path | levels (JPT/Administrator/Pengawas lines)
    path_order: str = "own_first"       # own_first | top_down
    path_sep: str = " / "
    kop: bool = False                   # letterhead lines above the form
    columns: tuple[str, ...] | None = None  # explicit order of column keys; None = from the flags below
    volume_before_wke: bool = False
    periode: str = "none"               # none | instead (of the WKE column) | both
    extra_column: bool = False          # "Dasar Hukum"
    keterangan: bool = True
    number_row: str = "paren"           # none | paren "(1)" | plain "1"
    header_rows: int = 1                # 1 | 2 (merged "Waktu" over "Penyelesaian" and "Efektif")
    time_unit: str = "menit"            # menit | jam | inline ("2 jam", "120 menit" in the cells)
    totals: bool = True                 # Jumlah row (and "dibulatkan" when the form has printed_k)
    group_row: bool = False             # "A. Tugas Pokok" above the rows
    blank_rows: bool = False            # empty rows in the body, as left in templates
    uraian_style: str = "plain"         # plain | breaks (line breaks inside) | outline ("1. Mengolah ...")
    split_table: bool = False           # the task table in two parts with a paragraph between
    repeat_header: bool = True          # a long table repeats its header on each page (pdf/docx)
    multi: str = "pages"                # several forms: pages (page break / sheet per form) | same (one after another)
    pdf_engine: str = "weasyprint"      # weasyprint | libreoffice (the docx converted, as units do)
    xlsx_formulas: bool = False         # pegawai and Jumlah as formulas with their cached values
    # File-level variants (tests/forms/transforms.py sets them):
    instructions: tuple[tuple[str, ...], ...] = ()  # xlsx: rows of a "Petunjuk Pengisian" sheet before the forms
    mixed_orientation: bool = False     # pdf: title, header and signature on portrait pages, the table on landscape
    rotate: tuple[int, ...] = ()        # pdf: page i gets /Rotate rotate[i % len] (90 | 270 | 0), read upright


@dataclass
class Cell:
    text: str
    value: Decimal | None = None        # the number typed into a spreadsheet cell
    formula: str | None = None          # xlsx: a formula template, {r} = this row, {c:key} = column letter


@dataclass
class Appendix:
    """A table printed after the form that is no part of it (an Anjab table: Hasil Kerja, Korelasi Jabatan)."""

    title: str
    head: list[str]
    rows: list[list[str]]


@dataclass
class Printed:
    kop: list[str]
    header: list[tuple[str, str]]
    columns: list[str]                  # column keys in order
    head: list[list[str | None]]        # header rows (None = covered by a merge: left in row 0, above below)
    body: list[list[Cell]]
    total_rows: list[list[Cell]] = field(default_factory=list)
    title: str = "FORMULIR ANALISIS BEBAN KERJA"
    signature: list[str] | None = None  # lines under the table (docx/pdf); None: the writers' usual block
    appendix: list[Appendix] = field(default_factory=list)


def fmt(value: Decimal | int | None, places: int | None = None) -> str:
    """Indonesian notation as a unit types it: "1.250", "0,125"."""
    if value is None:
        return ""
    value = D(value)
    if places is not None:
        value = value.quantize(D(1).scaleb(-places), ROUND_HALF_UP)
    return indonesian(format(value if places is not None else _plain(value), "f"))


def _plain(value: Decimal) -> Decimal:
    value = value.normalize()
    return value.quantize(D(1)) if value == value.to_integral_value() else value


def jam_exact(minutes: Decimal) -> bool:
    return (minutes / 60).quantize(D("0.01")) * 60 == minutes


def _standard_meant(minutes: Decimal) -> Decimal:
    """A WKE written in hours with two decimals that is a regime's figure give or take the rounding, and no
    whole number of minutes (104,17 jam), stands for that figure (#13: 6.250 minutes, not 6.250,2)."""
    if minutes == minutes.to_integral_value():
        return minutes
    for regime in BUILTIN_REGIMES.values():
        for period in PERIOD_ORDER:
            figure = regime.period_wke(period)
            if abs(figure - minutes) <= D("0.6"):        # half of 0,01 jam is 0,3 minutes, either way
                return figure
    return minutes


def as_printed(form: Form, layout: Layout) -> Form:
    """The ground truth a layout can print exactly: what an extractor must read back from the file."""
    form = copy.deepcopy(form)
    if form.approach != "tugas_per_tugas":
        return form
    jam = layout.time_unit == "jam"
    for row in form.rows:
        changed = False
        for name in ("norma_waktu_menit", "wke_menit"):
            minutes = getattr(row, name)
            if jam and minutes is not None and not jam_exact(minutes):
                printed = (minutes / 60).quantize(D("0.01"), ROUND_HALF_UP) * 60
                if name == "wke_menit":
                    printed = _standard_meant(printed)
                if printed != minutes:
                    setattr(row, name, printed)
                    changed = True
        if layout.periode != "none" and row.periode is None and row.wke_menit is not None:
            row.periode = period_of(row.wke_menit)
        if layout.periode == "instead":
            row.wke_menit = None
        if changed and None not in (row.norma_waktu_menit, row.volume, row.wke_menit):
            row.pegawai_tercetak = (row.norma_waktu_menit * row.volume / row.wke_menit).quantize(D("0.001"),
                                                                                                ROUND_HALF_UP)
    if form.printed_total is not None:
        form.printed_total = sum((r.pegawai_tercetak for r in form.rows if r.pegawai_tercetak is not None), D(0))
    return form


def period_of(wke_minutes: Decimal) -> str:
    """The period a printed WKE stands for (domain.md: both regimes)."""
    for period, values in (("hari", (300, 319)), ("minggu", (1500, 1596)), ("bulan", (6000, 6250))):
        if any(abs(wke_minutes - v) < 2 for v in values):
            return period
    return "tahun"


def printed(form: Form, layout: Layout) -> Printed:
    if as_printed(form, layout) != form:
        raise ValueError("this layout cannot print the form exactly; pass as_printed(form, layout)")
    cols, head, body, totals = (_task_table if form.approach == "tugas_per_tugas" else _other_table)(form, layout)
    return Printed(_kop(form, layout), _header(form, layout), cols, head, body, totals)


def _kop(form: Form, layout: Layout) -> list[str]:
    if not layout.kop:
        return []
    top = form.header.unit_kerja[-1].upper() if form.header.unit_kerja else "SEKRETARIAT DAERAH"
    return ["PEMERINTAH KABUPATEN CONTOH", top, "Jalan Merdeka No. 1, Contoh 12345, Telepon (0271) 123456"]


def _label(key: str, layout: Layout, n: int) -> str:
    text = LABELS["variant" if layout.labels == "variant" else "title"][key]
    if layout.labels == "upper":
        return text.upper()
    if layout.labels == "numbered":
        return f"{n}. {text}"
    return text


def _header(form: Form, layout: Layout) -> list[tuple[str, str]]:
    h = form.header
    lines = [(_label("nama_jabatan", layout, 1), h.nama_jabatan or "")]
    if layout.unit_style == "levels":
        names = LEVEL_LABELS["variant" if layout.labels == "variant" else "title"]
        top_down = list(reversed(h.unit_kerja))
        for label, unit in zip(names, top_down):
            lines.append((label.upper() if layout.labels == "upper" else label, unit))
    else:
        units = h.unit_kerja if layout.path_order == "own_first" else list(reversed(h.unit_kerja))
        lines.append((_label("unit_kerja", layout, 2), layout.path_sep.join(units)))
    for key in HEADER_ORDER:
        value = getattr(h, key)
        if value is not None:
            text = value.capitalize() if key == "jenis_jabatan" else f"{value} orang" if key == "bezetting" \
                else str(value)
            lines.append((_label(key, layout, len(lines) + 1), text))
    return lines


def _time(minutes: Decimal | None, layout: Layout) -> Cell:
    if minutes is None:
        return Cell("")
    if layout.time_unit == "jam":
        return Cell(fmt(minutes / 60), minutes / 60)
    if layout.time_unit == "inline":
        if minutes % 30 == 0 and minutes >= 60:
            return Cell(f"{fmt(minutes / 60)} jam")
        return Cell(f"{fmt(minutes)} menit")
    return Cell(fmt(minutes), minutes)


def _num(row, name: str, places: int | None = None) -> Cell:
    value = getattr(row, name)
    if value is None:
        return Cell(row.unreadable.get(name, ""))
    return Cell(fmt(value, places), value.quantize(D(1).scaleb(-places)) if places is not None else value)


def _task_columns(layout: Layout) -> list[str]:
    if layout.columns:
        return list(layout.columns)
    cols = ["no", "uraian", "satuan", "norma"]
    timing = ["wke"] if layout.periode == "none" else ["periode"] if layout.periode == "instead" \
        else ["periode", "wke"]
    cols += ["volume"] + timing if layout.volume_before_wke else timing + ["volume"]
    if layout.extra_column:
        cols.insert(2, "dasar")
    cols.append("pegawai")
    if layout.keterangan:
        cols.append("ket")
    return cols


def _numbers(cols: list[str], layout: Layout) -> list[list[str | None]]:
    if layout.number_row in ("none", False, None):
        return []
    return [[str(i) if layout.number_row == "plain" else f"({i})" for i in range(1, len(cols) + 1)]]


def _uraian(row, layout: Layout) -> str:
    text = row.uraian
    if layout.uraian_style == "breaks":
        words = text.split(" ")
        text = "\n".join(" ".join(words[i:i + 3]) for i in range(0, len(words), 3))
    elif layout.uraian_style == "outline":
        text = f"{row.no or row.line}. {text}"
    return text


def _task_table(form: Form, layout: Layout):
    unit = "jam" if layout.time_unit == "jam" else "menit"
    cols = _task_columns(layout)
    unit_note = "" if layout.time_unit == "inline" else f" ({unit})"
    titles = {"no": "No", "uraian": "Uraian Tugas", "satuan": "Satuan Hasil", "dasar": "Dasar Hukum",
              "norma": f"Waktu Penyelesaian{unit_note}", "wke": f"Waktu Kerja Efektif ({unit})",
              "volume": "Beban Kerja", "periode": "Periode", "pegawai": "Pegawai yang Dibutuhkan",
              "ket": "Keterangan"}
    head = [[titles[c] for c in cols]]
    adjacent = "wke" in cols and "norma" in cols and cols.index("wke") == cols.index("norma") + 1
    if layout.header_rows == 2 and adjacent:
        top = ["Waktu" if c == "norma" else None if c == "wke" else titles[c] for c in cols]
        sub = [f"Penyelesaian{unit_note}" if c == "norma" else f"Efektif ({unit})" if c == "wke" else None
               for c in cols]
        head = [top, sub]
    head += _numbers(cols, layout)
    body = []
    if layout.group_row:
        body.append([Cell("A." if c == "no" else "Tugas Pokok" if c == "uraian" else "") for c in cols])
    for i, row in enumerate(form.rows):
        if layout.blank_rows and i == len(form.rows) // 2 and i:
            body.append([Cell("") for _ in cols])
        wke = row.wke_menit
        values = {"no": Cell(str(row.no) if row.no is not None else ""), "uraian": Cell(_uraian(row, layout)),
                  "satuan": Cell(row.satuan or ""), "dasar": Cell("PermenPAN-RB No. 1 Tahun 2020"),
                  "norma": _time(row.norma_waktu_menit, layout) if row.norma_waktu_menit is not None
                  else Cell(row.unreadable.get("norma_waktu_menit", "")),
                  "wke": Cell(fmt(wke / 60), wke / 60) if wke is not None and unit == "jam" else _num(row, "wke_menit"),
                  "volume": _num(row, "volume"), "periode": Cell(PERIOD_WORDS.get(row.periode, "")),
                  "pegawai": _num(row, "pegawai_tercetak", 3), "ket": Cell("")}
        if layout.xlsx_formulas and layout.time_unit != "inline" and {"norma", "volume", "wke"} <= set(cols) \
                and _computes(row):
            values["pegawai"].formula = "ROUND({c:norma}{r}*{c:volume}{r}/{c:wke}{r},3)"
        body.append([values[c] for c in cols])
    if layout.blank_rows:
        body.append([Cell("") for _ in cols])
    totals = []
    if layout.totals and form.printed_total is not None:
        total = Cell(fmt(form.printed_total, 3), form.printed_total.quantize(D("0.001")))
        formulas = [r[cols.index("pegawai")].formula for r in body if r[cols.index("pegawai")].value is not None]
        if formulas and all(formulas) and form.printed_total == sum(r.pegawai_tercetak for r in form.rows):
            total.formula = "SUM({c:pegawai}{first}:{c:pegawai}{last})"
        totals.append([Cell("Jumlah") if c == "uraian" else total if c == "pegawai" else Cell("") for c in cols])
    if layout.totals and form.printed_k is not None:
        totals.append([Cell("Kebutuhan Pegawai (dibulatkan)") if c == "uraian" else
                       Cell(fmt(form.printed_k), form.printed_k) if c == "pegawai" else Cell("") for c in cols])
    return cols, head, body, totals


def _computes(row) -> bool:
    """A formula may stand in for the printed value only when it yields exactly that value."""
    if None in (row.norma_waktu_menit, row.volume, row.wke_menit, row.pegawai_tercetak) or not row.wke_menit:
        return False
    return (row.norma_waktu_menit * row.volume / row.wke_menit).quantize(D("0.001"), ROUND_HALF_UP) \
        == row.pegawai_tercetak


def _other_table(form: Form, layout: Layout):
    if form.approach == "peralatan_kerja":
        cols = ["no", "uraian", "jumlah", "rasio", "shift", "pegawai"]
        titles = ["No", "Jenis Peralatan", "Jumlah Peralatan (unit)", "Rasio Pegawai : Alat", "Shift",
                  "Kebutuhan Pegawai"]
        body = [[Cell(str(r.no or "")), Cell(_uraian(r, layout)), _num(r, "jumlah_alat"),
                 Cell(_ratio(r.rasio_pegawai_per_alat) or r.unreadable.get("rasio_pegawai_per_alat", "")),
                 _num(r, "shift"), _num(r, "pegawai_tercetak")] for r in form.rows]
    else:
        word = "Objek" if form.approach == "objek_kerja" else "Hasil"
        cols = ["no", "uraian", "satuan", "beban", "standar", "pegawai"]
        titles = ["No", f"Uraian {word} Kerja", "Satuan", "Beban Kerja (per tahun)", "Standar Kemampuan (per tahun)",
                  "Kebutuhan Pegawai"]
        body = [[Cell(str(r.no or "")), Cell(_uraian(r, layout)), Cell(r.satuan or ""), _num(r, "beban"),
                 _num(r, "standar_kemampuan"), _num(r, "pegawai_tercetak", 2)] for r in form.rows]
    totals = []
    if layout.totals and form.printed_total is not None:
        totals.append([Cell("Jumlah") if c == "uraian" else Cell(fmt(form.printed_total), form.printed_total)
                       if c == "pegawai" else Cell("") for c in cols])
    return cols, [titles] + _numbers(cols, layout), body, totals


def _ratio(value: Decimal | None) -> str:
    if value is None:
        return ""
    if value >= 1:
        return f"{fmt(value)} : 1"
    return f"1 : {fmt(D(1) / value)}"
