"""Metamorphic transformations: changes in how a generated form is printed that must not change what is
read from it (the same rows, the same K). Each one is something seen in forms written by other people.

A ``Case`` holds the ground truth (``forms``, fixed once printed), the printed models the writers render
and the layout they honour. A ``Transform`` may first ``prepare`` the ground truth and base layout it
needs (a WKE of 75,000 on every row, a second form), then ``apply`` changes what is printed or how the
file is made. ``build`` applies several in the order of ``TRANSFORMS`` (the order in which they compose),
``write_case`` writes the file and ``compare_case`` compares an extraction with the ground truth.
"""
from __future__ import annotations

import copy
import random
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Callable, Iterable

from benchmarks.extraction_accuracy import FileResult, compare_file
from extractors.submission import Form
from tests.forms import _WRITERS, CorpusItem
from tests.forms.content import pegawai, random_form
from tests.forms.layout import Appendix, Cell, Layout, as_printed, fmt, printed
from tests.forms.printed_edits import UNIT_NOTE, Case, blank_row, col, data_rows, flatten_head, insert_row, \
    is_number_row, plain, retitle, rounded, sources, titles, with_unit

D = Decimal
FORMATS = frozenset({"docx", "pdf", "xlsx"})
APPROACHES = frozenset({"tugas_per_tugas", "hasil_kerja", "objek_kerja", "peralatan_kerja"})
TASKS = frozenset({"tugas_per_tugas"})


@dataclass(frozen=True)
class Transform:
    name: str
    formats: frozenset[str]
    apply: Callable[[Case, random.Random], None]
    approaches: frozenset[str] = APPROACHES
    # (forms, layout, rng) -> (forms, layout): the ground truth and base layout the transformation needs.
    prepare: Callable[[list[Form], Layout, random.Random], tuple[list[Form], Layout]] | None = None
    case_insensitive: bool = False
    excludes: frozenset[str] = frozenset()
    example_layout: dict = field(default_factory=dict)   # Layout fields of a base form that shows it best
    example_rows: int = 6                                 # rows of that form (more: several pages)


# --- preparations of the ground truth -----------------------------------------------------------

def _second_form(multi: str):
    """Two forms in the file (a second one of the same approach), arranged ``multi`` before the change."""
    def prepare(forms, layout, rng):
        if len(forms) < 2:
            forms = forms + [random_form(rng, forms[0].approach, n_rows=max(4, len(forms[0].rows)))]
        return forms, replace(layout, multi=multi)
    return prepare


# The annual factor of a period, by the WKE that stands for it (domain.md, both regimes).
ANNUAL = {300: 240, 1500: 48, 6000: 12, 72000: 1, 319: 235, 1596: 47, 6250: 12, 75000: 1}


def _annual_75000(forms, layout, rng):
    """Every row per year on 75,000 minutes, as PANDAWA prints them; volumes scaled to a year."""
    for form in forms:
        for row in form.rows:
            row.volume *= ANNUAL.get(int(row.wke_menit), 1)
            row.wke_menit, row.periode = D(75000), None
            row.pegawai_tercetak = pegawai(row.norma_waktu_menit, row.volume, row.wke_menit)
        form.printed_total = sum(r.pegawai_tercetak for r in form.rows)
        if form.printed_k is not None:
            form.printed_k = rounded(form.printed_total)
    return forms, replace(layout, time_unit="menit", periode="none")


def _with_wke_column(forms, layout, rng):
    return forms, replace(layout, periode="both") if layout.periode == "instead" else layout


def _with_bezetting(forms, layout, rng):
    """The closing rows print B; the header then prints the same B."""
    for form in forms:
        if form.header.bezetting is None:
            form.header.bezetting = rng.randint(1, 3)
    return forms, layout


# --- the transformations ------------------------------------------------------------------------

def blank_rows(case: Case, rng: random.Random) -> None:
    """Fully blank rows inside the body: after the first row, somewhere in the middle, at the end, and
    sometimes right under the header."""
    for m, model in enumerate(case.models):
        n = len(model.body)
        places = {1, rng.randint(1, max(1, n - 1)), n} | ({0} if rng.random() < 0.5 else set())
        for at in sorted(places, reverse=True):
            insert_row(case, m, at, blank_row(model))


def template_rows(case: Case, rng: random.Random) -> None:
    """Rows of the template left unfilled: empty but for the prefilled WKE and a need of 0 or "-"."""
    need = rng.choice([Cell("0", D(0)), Cell("0,000", D(0)), Cell("-")])
    for m, model in enumerate(case.models):
        wke, peg = col(model, "wke"), col(model, "pegawai")
        cells = [c[wke] for c, _ in data_rows(case, m)]
        common = Counter(c.text for c in cells).most_common(1)[0][0]
        prefilled = next(c for c in cells if c.text == common)
        for _ in range(rng.randint(2, 4)):
            row = blank_row(model)
            row[wke], row[peg] = copy.copy(prefilled), copy.copy(need)
            insert_row(case, m, len(model.body), row)


def closing_rows(case: Case, rng: random.Random) -> None:
    """After the Jumlah row: the printed total again, the rounded K, EJ, the present B, a note and the
    signature lines, all typed into the table's own columns (the signature below the table goes)."""
    for model, form in zip(case.models, case.forms):
        label, value, sign = col(model, "uraian"), col(model, "pegawai"), max(2, len(model.columns) - 3)
        tasks = form.approach == "tugas_per_tugas"
        total = form.printed_total if form.printed_total is not None else \
            sum((r.pegawai_tercetak for r in form.rows if r.pegawai_tercetak is not None), D(0))
        b = form.header.bezetting
        ej = (total / b).quantize(D("0.01"), ROUND_HALF_UP) if b else None

        def row(text: str, cell: Cell | None = None, column: int = value) -> list[Cell]:
            cells = blank_row(model)
            cells[label] = Cell(text)
            if cell is not None:
                cells[column] = cell
            return cells

        shown = total.quantize(D("0.001")) if tasks else total
        model.total_rows += [
            row("Jumlah Pegawai yang Dibutuhkan", Cell(fmt(total, 3 if tasks else None), shown)),
            row("Pembulatan", Cell(fmt(rounded(total)), rounded(total))),
            row("Efisiensi Jabatan (EJ)", Cell(fmt(ej), ej) if ej is not None else Cell("-")),
            row("Jumlah Pegawai Saat Ini", Cell(fmt(b), D(b))),
            blank_row(model),
            row("Catatan: waktu kerja efektif 1.250 jam (75.000 menit) setahun sesuai PermenPAN-RB Nomor 1 "
                "Tahun 2020."),
            blank_row(model)]
        units = form.header.unit_kerja or ["Unit Kerja"]
        left = ["Yang membuat,", form.header.nama_jabatan or "", "", "", "NAMA PEMEGANG JABATAN",
                "NIP. 19880512 201101 1 003"]
        right = ["Mengetahui,", f"Kepala {units[-1]}", "", "", "NAMA PEJABAT", "NIP. 19700101 199503 1 001"]
        model.total_rows += [row(mine, Cell(chief), sign) for mine, chief in zip(left, right)]
        model.signature = []


def uppercase_values(case: Case, rng: random.Random) -> None:
    """Every text cell of the table in capitals: "DOKUMEN", "MENYUSUN ...", "2 JAM", "TAHUNAN"."""
    for model in case.models:
        for cells in model.body + model.total_rows:
            for i, cell in enumerate(cells):
                if cell.value is None and cell.formula is None:
                    cells[i] = Cell(cell.text.upper())


def numbers_as_text(case: Case, rng: random.Random) -> None:
    """Numbers stored as text cells ("1080", "0,1728"; in some files "75.000"), no formulas."""
    grouped = rng.random() < 0.3
    for model in case.models:
        for cells in model.body + model.total_rows:
            for i, cell in enumerate(cells):
                if cell.value is not None:
                    cells[i] = Cell(cell.text if grouped else plain(cell.text))


def _in_words(minutes: Decimal, rng: random.Random) -> str:
    """ "1 jam", "15 jam", "1 jam 30 menit", "2,5 jam", "90 menit", "5 jam 19 menit"."""
    hours, rest = divmod(minutes, 60)
    if minutes < 60 or minutes % 1:
        exact = (minutes / 60).quantize(D("0.01")) * 60 == minutes
        return f"{fmt(minutes / 60)} jam" if exact and minutes < 60 and rng.random() < 0.3 else \
            f"{fmt(minutes)} menit"
    if rest == 0:
        return f"{fmt(hours)} jam"
    if rest == 30:
        return rng.choice([f"{fmt(hours)} jam 30 menit", f"{fmt(minutes / 60)} jam", f"{fmt(minutes)} menit"])
    return rng.choice([f"{fmt(hours)} jam {fmt(rest)} menit", f"{fmt(minutes)} menit"])


def times_in_words(case: Case, rng: random.Random) -> None:
    """Time cells written with their unit in words; the header then names no unit."""
    for m, model in enumerate(case.models):
        for key, name in (("norma", "norma_waktu_menit"), ("wke", "wke_menit")):
            c = col(model, key)
            if c is None:
                continue
            retitle(model, c, lambda t: with_unit(t, None))
            for cells, row in data_rows(case, m):
                if getattr(row, name) is not None:
                    cells[c] = Cell(_in_words(getattr(row, name), rng))


def jam_label_minute_values(case: Case, rng: random.Random) -> None:
    """As PANDAWA exports: the time header says "(JAM)" while the values are minutes, WKE "75000" on every
    row (its header without a unit), so only the form's own arithmetic and 75,000 say minutes."""
    for model in case.models:
        norma, wke = col(model, "norma"), col(model, "wke")
        retitle(model, norma, lambda t: with_unit(t, "JAM"))
        retitle(model, wke, lambda t: with_unit(t, None))
        for cells in model.body:
            if cells[norma].value is not None:
                cells[norma] = Cell(plain(cells[norma].text), cells[norma].value)
            if cells[wke].value is not None:
                cells[wke] = Cell("75000", D(75000))


SYNONYMS = {"satuan": ["Satuan Hasil", "Hasil Kerja", "Output", "Satuan Output"],
            "norma": ["Norma Waktu", "Waktu Penyelesaian"],
            "volume": ["Jumlah Hasil", "Volume Kerja", "Beban Kerja", "Target"],
            "wke": ["Waktu Efektif", "WKE"],
            "pegawai": ["Kebutuhan Pegawai", "Jumlah Pegawai yang Dibutuhkan"]}


BASE_TITLES = {"Satuan Hasil", "Waktu Penyelesaian", "Beban Kerja", "Waktu Kerja Efektif", "Pegawai yang Dibutuhkan"}


def column_synonyms(case: Case, rng: random.Random) -> None:
    """Column titles as other forms name them (the unit note kept), in some files all in capitals; never
    the generator's own title, so that every renamed column is renamed."""
    upper = rng.random() < 0.5
    picks = {key: rng.choice([n for n in names if n not in BASE_TITLES]) for key, names in SYNONYMS.items()}
    for model, form in zip(case.models, case.forms):
        flatten_head(model)
        for c, key in enumerate(model.columns):
            title = model.head[0][c]
            if key in picks:
                name = picks[key]
                if name == "Hasil Kerja" and form.approach != "tugas_per_tugas":
                    name = "Satuan Output"      # beside "Uraian Hasil Kerja" it would name the task column
                note = UNIT_NOTE.search(title)
                title = name + (note.group(0) if note else "")
            model.head[0][c] = title.upper() if upper else title


def reorder_columns(case: Case, rng: random.Random) -> None:
    """The columns after No and Uraian in another order (the number row keeps counting 1, 2, 3, ...)."""
    orders: dict[tuple[str, ...], list[str]] = {}
    for model in case.models:
        flatten_head(model)
        fixed = [k for k in model.columns if k in ("no", "uraian")]
        rest = [k for k in model.columns if k not in fixed]
        if tuple(rest) not in orders:
            order = rest[:]
            while order == rest:
                rng.shuffle(order)
            orders[tuple(rest)] = order
        perm = [model.columns.index(k) for k in fixed + orders[tuple(rest)]]
        model.columns = [model.columns[i] for i in perm]
        model.head = [cells if is_number_row(cells) else [cells[i] for i in perm] for cells in model.head]
        model.body = [[cells[i] for i in perm] for cells in model.body]
        model.total_rows = [[cells[i] for i in perm] for cells in model.total_rows]


def tahapan_steps(case: Case, rng: random.Random) -> None:
    """Each uraian cell: the task sentence, then "Tahapan :" and numbered sub-steps (as PANDAWA)."""
    steps = ["Menerima dan mempelajari bahan", "Memeriksa kelengkapan data", "Menyusun konsep",
             "Memperbaiki konsep sesuai arahan atasan", "Menyampaikan hasil kepada atasan", "Mengarsipkan dokumen"]
    for m, model in enumerate(case.models):
        u = col(model, "uraian")
        for cells, _ in data_rows(case, m):
            chosen = rng.sample(steps, rng.randint(2, 4))
            cells[u] = Cell(cells[u].text + "\nTahapan :\n" + "\n".join(f"{i}. {s}" for i, s in
                                                                         enumerate(chosen, start=1)))


def label_value_one_cell(case: Case, rng: random.Random) -> None:
    """Header label and value in one cell, the labels in capitals and padded: "NAMA JABATAN   : Analis ..."."""
    case.layout = replace(case.layout, header_style="paragraphs")
    for model in case.models:
        width = max(len(label) for label, _ in model.header)
        model.header = [(label.upper().ljust(width), value) for label, value in model.header]


HOW_TO_FILL = {"no": "diisi dengan nomor urut", "uraian": "diisi dengan uraian tugas jabatan",
               "satuan": "diisi dengan satuan hasil kerja, misalnya Dokumen, Laporan, Berkas",
               "dasar": "diisi dengan dasar hukum tugas", "periode": "diisi Harian, Mingguan, Bulanan atau Tahunan",
               "norma": "diisi dengan waktu untuk menyelesaikan satu satuan hasil",
               "wke": "diisi 75.000 menit (1.250 jam) untuk satu tahun",
               "volume": "diisi dengan jumlah hasil kerja dalam satu tahun",
               "pegawai": "dihitung: Beban Kerja x Waktu Penyelesaian : Waktu Kerja Efektif",
               "ket": "diisi bila perlu", "beban": "diisi dengan beban kerja satu tahun",
               "standar": "diisi dengan standar kemampuan rata-rata satu pegawai dalam satu tahun",
               "jumlah": "diisi dengan jumlah peralatan",
               "rasio": "diisi dengan rasio pegawai dan alat, misalnya 1 : 5",
               "shift": "diisi dengan jumlah shift dalam sehari"}


def instruction_sheet(case: Case, rng: random.Random) -> None:
    """A "Petunjuk Pengisian" sheet before the form that names the header fields and the columns."""
    model = case.models[0]
    lines = [("PETUNJUK PENGISIAN FORMULIR ANALISIS BEBAN KERJA",), (), ("A. Identitas Jabatan",),
             ("Nama Jabatan : diisi dengan nama jabatan",),
             ("Unit Kerja : diisi dengan unit kerja dari yang terendah sampai yang tertinggi",),
             ("Ikhtisar Jabatan : diisi dengan ringkasan tugas jabatan",),
             ("Jumlah Pemangku : diisi dengan jumlah pegawai yang saat ini menduduki jabatan",), (),
             ("B. Tabel Perhitungan",), ("Kolom", "Cara Pengisian")]
    lines += [(title, HOW_TO_FILL.get(key, "")) for key, title in zip(model.columns, titles(model))]
    lines += [(), ("Kebutuhan pegawai dijumlahkan, lalu dibulatkan: 0,5 ke atas menjadi 1.",)]
    case.layout = replace(case.layout, instructions=tuple(lines))


CONDITIONS = [("Tempat kerja", "Di dalam ruangan"), ("Suhu", "Sejuk"), ("Udara", "Segar"),
              ("Keadaan ruangan", "Cukup"), ("Letak", "Datar"), ("Penerangan", "Terang"), ("Suara", "Tenang"),
              ("Keadaan tempat kerja", "Bersih"), ("Getaran", "Tidak ada")]
CONDITION_COLUMNS = ["TINGKAT", "FREKUENSI", "SUMBER", "DAMPAK", "PENGENDALIAN", "PENANGGUNG JAWAB", "CATATAN"]
CONDITION_VALUES = ["Rendah", "Setiap hari", "Ruang kerja", "Tidak ada", "Tidak perlu", "Atasan langsung", "-"]


def _with_header_again(head: list[str], rows: list[list[str]]) -> list[list[str]]:
    """The header once more in the middle, as a table continued on the next page of an export shows it."""
    half = max(1, len(rows) // 2)
    return rows[:half] + [list(head)] + rows[half:]


def trailing_anjab_tables(case: Case, rng: random.Random) -> None:
    """After the form, Anjab tables with a NO column: Hasil Kerja, Korelasi Jabatan and one exactly as wide
    as the task table, each with its own header repeated."""
    for model, form in zip(case.models, case.forms):
        hasil = [[str(i), " ".join(r.uraian.split()[1:]).capitalize() or r.uraian, r.satuan]
                 if r.satuan else [str(i), f"Laporan {r.uraian.lower()}", "Laporan"]
                 for i, r in enumerate(form.rows, start=1)]
        units = form.header.unit_kerja or ["Sekretariat"]
        korelasi = [["1", f"Kepala {units[0]}", units[-1], "Menerima arahan dan melaporkan hasil kerja"],
                    ["2", "Pengadministrasi Perkantoran", units[0], "Koordinasi pelaksanaan tugas"],
                    ["3", "Analis SDM Aparatur Ahli Pertama", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
                     "Konsultasi kepegawaian"]]
        width = len(model.columns)
        wide_head = ["NO", "ASPEK", "FAKTOR"] + CONDITION_COLUMNS[:width - 4] + ["KETERANGAN"]
        wide = [[str(i), aspect, factor] + CONDITION_VALUES[:width - 4] + ["-"]
                for i, (aspect, factor) in enumerate(CONDITIONS, start=1)]
        tables = [("7. HASIL KERJA", ["NO", "HASIL KERJA", "SATUAN HASIL"], hasil),
                  ("12. KONDISI LINGKUNGAN KERJA", wide_head, wide),
                  ("15. KORELASI JABATAN", ["NO", "Jabatan", "Unit Kerja/Instansi", "Dalam Hal"], korelasi)]
        model.appendix = [Appendix(title, head, _with_header_again(head, rows)) for title, head, rows in tables]


def split_table(case: Case, rng: random.Random) -> None:
    """The task table in two parts, each under its header, with a paragraph between."""
    assert all(len(m.body) >= 4 for m in case.models), "a table of fewer than 4 rows is not split"
    case.layout = replace(case.layout, split_table=True)


def two_forms_one_sheet(case: Case, rng: random.Random) -> None:
    case.layout = replace(case.layout, multi="same")


def sheet_per_form(case: Case, rng: random.Random) -> None:
    case.layout = replace(case.layout, multi="pages")


def mixed_orientation(case: Case, rng: random.Random) -> None:
    """Title and header on a portrait page, the table on landscape pages, the signature portrait again."""
    case.layout = replace(case.layout, mixed_orientation=True)


def rotated_pages(case: Case, rng: random.Random) -> None:
    """Pages stored with /Rotate 90 or 270, their content turned so that a viewer shows them upright."""
    case.layout = replace(case.layout, rotate=rng.choice([(90, 270, 0), (270, 90, 0)]))


def _registry(*transforms: Transform) -> dict[str, Transform]:
    return {t.name: t for t in transforms}


XLSX, PAGED = frozenset({"xlsx"}), frozenset({"docx", "pdf"})
PDF = frozenset({"pdf"})
# The order is the order of application: cell texts first, then rows, formats of values, titles, columns,
# and last what concerns the file (a row added after times are in words is added in words).
TRANSFORMS: dict[str, Transform] = _registry(
    Transform("two_forms_one_sheet", XLSX, two_forms_one_sheet, prepare=_second_form("pages"),
              excludes=frozenset({"sheet_per_form"})),
    Transform("sheet_per_form", XLSX, sheet_per_form, prepare=_second_form("same"),
              excludes=frozenset({"two_forms_one_sheet"})),
    Transform("tahapan_steps", FORMATS, tahapan_steps, approaches=TASKS),
    Transform("jam_label_minute_values", FORMATS, jam_label_minute_values, approaches=TASKS,
              prepare=_annual_75000, excludes=frozenset({"times_in_words"})),
    Transform("times_in_words", FORMATS, times_in_words, approaches=TASKS,
              excludes=frozenset({"jam_label_minute_values"})),
    Transform("blank_rows", FORMATS, blank_rows),
    Transform("template_rows", FORMATS, template_rows, approaches=TASKS, prepare=_with_wke_column),
    Transform("closing_rows", FORMATS, closing_rows, prepare=_with_bezetting),
    Transform("numbers_as_text", XLSX, numbers_as_text),
    Transform("column_synonyms", FORMATS, column_synonyms),
    Transform("uppercase_values", FORMATS, uppercase_values, case_insensitive=True,
              example_layout={"time_unit": "inline"}),
    Transform("reorder_columns", FORMATS, reorder_columns),
    Transform("label_value_one_cell", XLSX, label_value_one_cell),
    Transform("instruction_sheet", XLSX, instruction_sheet),
    Transform("trailing_anjab_tables", FORMATS, trailing_anjab_tables),
    Transform("split_table", PAGED, split_table),
    Transform("mixed_orientation", PDF, mixed_orientation),
    Transform("rotated_pages", PDF, rotated_pages, example_rows=40),
)


def applicable(fmt: str, approach: str) -> list[str]:
    return [t.name for t in TRANSFORMS.values() if fmt in t.formats and approach in t.approaches]


def compatible(names: Iterable[str]) -> bool:
    names = set(names)
    return not any(TRANSFORMS[n].excludes & names for n in names)


# --- building, writing, comparing ---------------------------------------------------------------

def build(forms: list[Form], layout: Layout, fmt: str, names: Iterable[str], seed: int = 0,
          transformed: bool = True) -> Case:
    """The forms printed in ``layout`` with the transformations ``names`` applied (in registry order).

    ``transformed=False`` gives the untransformed twin: the same prepared ground truth and base layout,
    printed without the changes, the other side of the metamorphic relation."""
    names = set(names)
    chosen = [t for t in TRANSFORMS.values() if t.name in names]
    if len(chosen) != len(names) or not compatible(names):
        raise ValueError(f"unknown or incompatible transformations: {sorted(names)}")
    rng = random.Random(f"transforms {seed}")     # not the forms' own seed: a second form must differ
    forms = copy.deepcopy(forms)
    for t in chosen:
        if fmt not in t.formats or any(f.approach not in t.approaches for f in forms):
            raise ValueError(f"{t.name} does not apply to {fmt} / {forms[0].approach}")
        if t.prepare:
            forms, layout = t.prepare(forms, layout, rng)
    forms = [as_printed(f, layout) for f in forms]
    models = [printed(f, layout) for f in forms]
    case = Case(forms, layout, fmt, models, [sources(m, f) for m, f in zip(models, forms)],
                tuple(t.name for t in chosen), any(t.case_insensitive for t in chosen))
    for t in chosen if transformed else []:
        t.apply(case, rng)
    return case


def example(names: Iterable[str], fmt: str, approach: str = "tugas_per_tugas", seed: int = 0,
            layout: Layout | None = None, transformed: bool = True) -> Case:
    """A fixed random form (``seed``) printed with ``names``; the base layout is the default one with
    what each transformation's example asks for, unless ``layout`` is given."""
    names = list(names)
    rows = max([TRANSFORMS[n].example_rows for n in names] or [6])
    if layout is None:
        layout = Layout(**{k: v for n in names for k, v in TRANSFORMS[n].example_layout.items()})
    form = random_form(random.Random(seed), approach, n_rows=rows)
    return build([form], layout, fmt, names, seed, transformed)


def write_case(case: Case, path: Path) -> CorpusItem:
    path = Path(path)
    _WRITERS[case.fmt](case.models, path, case.layout)
    return CorpusItem(path, case.forms, case.layout, case.fmt)


def _folded(forms: list[Form]) -> list[Form]:
    forms = copy.deepcopy(forms)
    for row in (r for f in forms for r in f.rows):
        row.uraian = row.uraian.casefold() if row.uraian else row.uraian
        row.satuan = row.satuan.casefold() if row.satuan else row.satuan
    return forms


def compare_case(case: Case, path: Path, forms: list[Form] | None) -> FileResult:
    """``compare_file`` of the extraction (None: rejected) with the ground truth; uraian and satuan without
    regard to case when a transformation changed only their case."""
    truth = case.forms
    if case.case_insensitive:
        truth, forms = _folded(truth), None if forms is None else _folded(forms)
    return compare_file(CorpusItem(Path(path), truth, case.layout, case.fmt), forms)
