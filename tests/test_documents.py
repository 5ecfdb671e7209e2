"""The documents of a pass, rendered once and read back: the letter (PDF and .docx), the peta jabatan
(PDF and .xlsx), the rekap workbook and the laporan pages. Every assertion is on what a reader of the
file would see, so a template that drops a row, mis-sums a column, loses the landscape lampiran or lets
form text run as markup or as a formula fails here even when the calculators are right."""
from __future__ import annotations

import re
import zipfile
from collections import Counter
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from markupsafe import escape

import report_templates.render as render_module
from report_templates import environment, peta
from report_templates.render import render_documents
from tests import documents_fixtures as fx

A4 = (595.28, 841.89)
A3_LANDSCAPE = (1190.55, 841.89)
PT = 1.0                         # tolerance on page sizes, in points
SMALLEST_FONT_PT = 7.0           # the smallest size the peta template asks for; smaller means shrunk to fit

SUMMARY_LABELS = {"b": "Jumlah pegawai saat ini (B)", "k": "Kebutuhan pegawai hasil ABK (K)",
                  "kekurangan": "Kekurangan pegawai", "kelebihan": "Kelebihan pegawai",
                  "usulan": "Jumlah usulan kebutuhan"}
REKAP_SUM_COLUMNS = {"b": "B", "k": "K", "kekurangan": "Kekurangan", "kelebihan": "Kelebihan", "usulan": "Usulan"}
LAMPIRAN_HEADER = "No Perangkat Daerah Unit Kerja Jabatan"


# --- rendering -------------------------------------------------------------------------------------

@dataclass
class Rendered:
    outdir: Path
    rekap: object = field(repr=False)
    # The HTML each template produced during the render, by template name: what WeasyPrint was given,
    # so escaping is checked on the PDFs' real source rather than on a re-render that might differ.
    sources: dict[str, list[str]] = field(default_factory=dict, repr=False)


def _render(outdir: Path, **instansi_changes) -> Rendered:
    rendered = Rendered(outdir, fx.rekap())

    def recording(name: str, **context) -> str:
        html = environment.render(name, **context)
        rendered.sources.setdefault(name, []).append(html)
        return html

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render_module, "render", recording)
        render_documents(outdir, rendered.rekap, fx.assessments(), fx.instansi(**instansi_changes), fx.RULES,
                         fx.TANGGAL)
    return rendered


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Rendered:
    # One level below a private folder, so a laporan name escaping with "../../" would land in that
    # folder where the traversal test can see it, not somewhere shared.
    return _render(tmp_path_factory.mktemp("documents") / "out")


@pytest.fixture(scope="module")
def docs_again(tmp_path_factory) -> Rendered:
    return _render(tmp_path_factory.mktemp("documents-again") / "out")


@pytest.fixture(scope="module")
def docs_a4(tmp_path_factory) -> Rendered:
    return _render(tmp_path_factory.mktemp("documents-a4") / "out", kertas_peta="A4")


# --- reading back ----------------------------------------------------------------------------------

def squeeze(text: str) -> str:
    """Text without whitespace: PDF lines wrap wherever the box ends."""
    return re.sub(r"\s+", "", text)


def number(text: str) -> int:
    """An Indonesian integer as printed: 1.250, +19, -1."""
    return int(text.replace(".", ""))


def totals_of(totals) -> dict[str, int]:
    return {key: getattr(totals, key) for key in SUMMARY_LABELS}


@dataclass
class PdfPage:
    width: float
    height: float
    text: str           # layout order, one line per visual line
    flow: str           # content-stream order: one box after another, whatever sits beside it
    chars: list[dict]


def read_pdf(path: Path) -> list[PdfPage]:
    with pdfplumber.open(path) as pdf:
        return [PdfPage(p.width, p.height, p.extract_text(), p.extract_text(use_text_flow=True), p.chars)
                for p in pdf.pages]


def assert_size(page: PdfPage, size: tuple[float, float]) -> None:
    assert (page.width, page.height) == (pytest.approx(size[0], abs=PT), pytest.approx(size[1], abs=PT))


def assert_inside(page: PdfPage) -> None:
    """Nothing is drawn past the paper's edge (a tree too wide for the sheet would be cut off)."""
    assert all(c["x0"] >= 0 and c["top"] >= 0 and c["x1"] <= page.width and c["bottom"] <= page.height
               for c in page.chars)


def letter_pages(pages: list[PdfPage]) -> tuple[list[PdfPage], list[PdfPage]]:
    """(letter, lampiran): the lampiran starts at its heading."""
    start = next(i for i, p in enumerate(pages) if "REKAPITULASI USUL KEBUTUHAN ASN" in p.text)
    return pages[:start], pages[start:]


def pdf_summary(text: str) -> dict[str, int]:
    out = {}
    for key, label in SUMMARY_LABELS.items():
        match = re.search(re.escape(label) + r"\s+([\d.]+)", text)
        assert match, f"{label!r} missing from the letter"
        out[key] = number(match.group(1))
    return out


def docx_summary(document) -> dict[str, int]:
    cells = {row.cells[0].text.strip(): row.cells[1].text.strip() for row in document.tables[0].rows}
    return {key: number(cells[label]) for key, label in SUMMARY_LABELS.items()}


def lampiran_table(document):
    return next(t for t in document.tables if t.rows[0].cells[0].text == "No" and len(t.columns) > 2)


@dataclass
class Sheet:
    header: list[str]
    rows: list[dict]        # the data rows, by header name
    jumlah: dict            # the "Jumlah" row, by header name
    cells: list             # every cell, for type checks


def read_sheet(ws) -> Sheet:
    values = list(ws.iter_rows(values_only=True))
    header = list(values[0])
    assert values[-1][0] == "Jumlah", f"sheet {ws.title!r} does not end with its Jumlah row"
    rows = [dict(zip(header, v)) for v in values[1:-1]]
    return Sheet(header, rows, dict(zip(header, values[-1])), [c for row in ws.iter_rows() for c in row])


def workbook_cells(path: Path) -> list:
    book = openpyxl.load_workbook(path)
    return [c for ws in book for row in ws.iter_rows() for c in row]


def sheet_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")}


# --- the letter, PDF -------------------------------------------------------------------------------

def test_surat_pdf_letter_is_a4_portrait_and_lampiran_a4_landscape(docs):
    letter, lampiran = letter_pages(read_pdf(docs.outdir / "surat_usul_kebutuhan.pdf"))
    assert letter and lampiran
    for page in letter:
        assert_size(page, A4)
    for page in lampiran:
        assert_size(page, (A4[1], A4[0]))


def test_surat_pdf_says_date_subject_ppk_and_totals(docs):
    pages = read_pdf(docs.outdir / "surat_usul_kebutuhan.pdf")
    letter, _ = letter_pages(pages)
    first, text = pages[0].text, "\n".join(p.text for p in letter)
    assert f"{fx.instansi().kota}, 22 November 2026" in first
    assert f"Usul Kebutuhan ASN Tahun Anggaran {fx.TANGGAL.year + 1}" in first
    assert fx.instansi().ppk.nama in text
    assert pdf_summary(first) == totals_of(docs.rekap.total)


def test_surat_pdf_signature_block_is_not_split_over_pages(docs):
    # A page holding only the PPK's name, cut off from the jabatan it signs as, is not a valid letter.
    letter, _ = letter_pages(read_pdf(docs.outdir / "surat_usul_kebutuhan.pdf"))
    ppk = fx.instansi().ppk
    with_name = [p for p in letter if ppk.nama in p.text]
    assert len(with_name) == 1
    assert f"{ppk.jabatan}," in with_name[0].text


def test_surat_pdf_lampiran_repeats_header_and_lists_every_row(docs):
    _, lampiran = letter_pages(read_pdf(docs.outdir / "surat_usul_kebutuhan.pdf"))
    # With a single page the repeated header would be untested.
    assert len(lampiran) >= 2
    for n, page in enumerate(lampiran, start=1):
        assert LAMPIRAN_HEADER in page.text, f"lampiran page {n} has no table header"
    flow = squeeze("".join(p.flow for p in lampiran))
    for row in docs.rekap.rows:
        assert squeeze(row.nama_jabatan) in flow
    total = docs.rekap.total
    jumlah = re.search(r"^Jumlah ([\d.]+) ([\d.]+) ([+-]?[\d.]+) ([\d.]+)$", lampiran[-1].text, re.M)
    assert jumlah, "the lampiran's Jumlah row is missing"
    assert [number(g) for g in jumlah.groups()] == [total.b, total.k, total.selisih, total.usulan]


# --- the letter, .docx -----------------------------------------------------------------------------

def test_surat_docx_summary_has_the_totals(docs):
    document = docx.Document(docs.outdir / "surat_usul_kebutuhan.docx")
    assert docx_summary(document) == totals_of(docs.rekap.total)


def test_surat_docx_lampiran_has_one_row_per_position_and_sums_to_the_totals(docs):
    table = lampiran_table(docx.Document(docs.outdir / "surat_usul_kebutuhan.docx"))
    header = [c.text for c in table.rows[0].cells]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert len(rows) == len(docs.rekap.rows) + 2
    data, jumlah = rows[1:-1], dict(zip(header, rows[-1]))
    b, k, jabatan = header.index("B"), header.index("K"), header.index("Jabatan")
    assert [r[jabatan] for r in data] == [r.nama_jabatan for r in docs.rekap.rows]
    total = docs.rekap.total
    assert sum(number(r[b]) for r in data) == total.b
    assert sum(number(r[k]) for r in data) == total.k
    assert rows[-1][0] == "Jumlah"
    assert (number(jumlah["B"]), number(jumlah["K"]), number(jumlah["Usulan"])) == (total.b, total.k, total.usulan)


def test_surat_docx_lampiran_header_repeats_and_sits_in_a_landscape_section(docs):
    document = docx.Document(docs.outdir / "surat_usul_kebutuhan.docx")
    table = lampiran_table(document)
    flagged = [i for i, row in enumerate(table.rows) if row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
    # Only the header: a data row marked too would be repeated on every page as well.
    assert flagged == [0]
    first, last = document.sections[0], document.sections[-1]
    assert first.orientation == WD_ORIENT.PORTRAIT and first.page_width < first.page_height
    assert last.orientation == WD_ORIENT.LANDSCAPE and last.page_width > last.page_height
    # The table must come after the section break, i.e. belong to the landscape section.
    body = list(document.element.body)
    breaks = [i for i, el in enumerate(body) if el.tag == qn("w:p") and el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    assert breaks and body.index(table._tbl) > breaks[-1]


def test_surat_docx_keeps_markup_like_text_literally(docs):
    table = lampiran_table(docx.Document(docs.outdir / "surat_usul_kebutuhan.docx"))
    texts = {c.text for row in table.rows for c in row.cells}
    assert fx.NASTY_JABATAN in texts
    assert "Bidang Data & Informasi <Kepegawaian>" in texts
    assert fx.FORMULA_JABATAN in texts


# --- the letter against the rekap workbook ---------------------------------------------------------

def test_letter_totals_equal_the_rekap_workbook(docs):
    total = read_sheet(openpyxl.load_workbook(docs.outdir / "rekap.xlsx")["Total"])
    summed = {key: sum(r[column] for r in total.rows) for key, column in REKAP_SUM_COLUMNS.items()}
    assert summed == {key: total.jumlah[column] for key, column in REKAP_SUM_COLUMNS.items()}
    pages = read_pdf(docs.outdir / "surat_usul_kebutuhan.pdf")
    assert pdf_summary(pages[0].text) == summed
    assert docx_summary(docx.Document(docs.outdir / "surat_usul_kebutuhan.docx")) == summed


# --- rekap.xlsx ------------------------------------------------------------------------------------

def test_rekap_workbook_has_total_and_one_sheet_per_perangkat_daerah(docs):
    book = openpyxl.load_workbook(docs.outdir / "rekap.xlsx")
    per_pd = docs.rekap.per_perangkat_daerah
    overview = ["Total", "Grafik", "Per Unit Kerja", "Redistribusi", "Template Bezetting"]   # chart: test_rekap_chart
    assert book.sheetnames[:5] == overview
    assert len(book.sheetnames) == len(per_pd) + 5
    seen = set()
    for ws in book:
        if ws.title in overview:
            continue
        sheet = read_sheet(ws)
        pds = {r["Perangkat Daerah"] for r in sheet.rows}
        assert len(pds) == 1, f"sheet {ws.title!r} mixes perangkat daerah {pds}"
        pd = pds.pop()
        # Excel allows 31 characters, so the title may be cut, never changed.
        assert pd.startswith(ws.title)
        expected = [r for r in docs.rekap.rows if r.perangkat_daerah == pd]
        assert [r["Jabatan"] for r in sheet.rows] == [r.nama_jabatan for r in expected]
        assert {key: sheet.jumlah[column] for key, column in REKAP_SUM_COLUMNS.items()} == totals_of(per_pd[pd])
        seen.add(pd)
    assert seen == set(per_pd)


def test_rekap_total_sheet_traces_every_position_to_its_file(docs):
    sheet = read_sheet(openpyxl.load_workbook(docs.outdir / "rekap.xlsx")["Total"])
    assert len(sheet.rows) == len(docs.rekap.rows)
    for got, row in zip(sheet.rows, docs.rekap.rows):
        assert (got["Perangkat Daerah"], got["Unit Kerja"], got["Jabatan"]) == \
               (row.perangkat_daerah, row.unit_kerja, row.nama_jabatan)
        assert got["Berkas Sumber"] == row.file_name
        assert got["Dibaca dari"] == ("pindaian (OCR)" if row.position.ocr else "berkas")
        assert got["k_raw"] == pytest.approx(float(row.position.k_raw), abs=5e-5)
        assert (got["B"], got["K"]) == (row.b, row.k)
    assert sum(got["Dibaca dari"] == "pindaian (OCR)" for got in sheet.rows) == 1


def test_form_text_stays_text_in_every_workbook(docs):
    for name in ("rekap.xlsx", "peta_jabatan.xlsx"):
        path = docs.outdir / name
        cells = workbook_cells(path)
        formula_cells = [c for c in cells if c.value == fx.FORMULA_JABATAN]
        assert formula_cells, f"{name} lost the position named {fx.FORMULA_JABATAN!r}"
        assert all(c.data_type == "s" for c in formula_cells)
        assert [c.coordinate for c in cells if c.data_type == "f"] == [], f"{name} holds formulas"
        # openpyxl could read a stored formula back as text; the file itself must carry none.
        assert not any("<f>" in xml or "<f " in xml for xml in sheet_xml(path).values())
    sheet = read_sheet(openpyxl.load_workbook(docs.outdir / "rekap.xlsx")["Total"])
    row = next(r for r in sheet.rows if r["Jabatan"] == fx.FORMULA_JABATAN)
    assert row["Pendidikan"] == "-D-III"
    pendidikan = [c for c in workbook_cells(docs.outdir / "rekap.xlsx") if c.value == "-D-III"]
    assert pendidikan and all(c.data_type == "s" for c in pendidikan)


# --- peta jabatan, PDF -----------------------------------------------------------------------------

def test_peta_pdf_is_a3_landscape_by_default(docs):
    pages = read_pdf(docs.outdir / "peta_jabatan.pdf")
    for page in pages:
        assert_size(page, A3_LANDSCAPE)
        assert_inside(page)


def test_peta_pdf_follows_the_configured_paper(docs, docs_a4):
    pages = read_pdf(docs_a4.outdir / "peta_jabatan.pdf")
    for page in pages:
        assert_size(page, (A4[1], A4[0]))
        assert_inside(page)
    # Fewer units fit side by side on A4, so the big Dinas takes more sheets than on A3.
    per_page = peta.UNITS_PER_PAGE["A4"]
    assert per_page < peta.UNITS_PER_PAGE["A3"]
    assert len(pages) > len(read_pdf(docs.outdir / "peta_jabatan.pdf"))


def _dinas_subunits(rekap) -> set[str]:
    return {r.position.form.header.unit_kerja[-2] for r in rekap.rows
            if r.perangkat_daerah == fx.DINAS_PENDIDIKAN and len(r.position.form.header.unit_kerja) > 1}


def test_peta_pdf_splits_the_big_dinas_instead_of_shrinking_it(docs):
    pages = read_pdf(docs.outdir / "peta_jabatan.pdf")
    title = f"PETA JABATAN {fx.DINAS_PENDIDIKAN.upper()}"
    dinas = [p for p in pages if title in p.text]
    assert len(dinas) == 2
    assert "bagian 1 dari 2" in dinas[0].text and "bagian 2 dari 2" in dinas[1].text
    for page in pages:
        assert min(c["size"] for c in page.chars) >= SMALLEST_FONT_PT - 0.01
    # Every sub-unit is drawn on exactly one of the sheets: split, neither dropped nor repeated.
    subunits = _dinas_subunits(docs.rekap)
    assert len(subunits) == 7
    for unit in subunits:
        assert sum(squeeze(unit) in squeeze(p.flow) for p in dinas) == 1, unit


def test_peta_pdf_draws_every_position_box_with_its_numbers(docs):
    flow = squeeze("".join(p.flow for p in read_pdf(docs.outdir / "peta_jabatan.pdf")))
    boxes = Counter(squeeze(f"{r.nama_jabatan} Kelas {r.kelas_jabatan} B {r.b} K {r.k}") for r in docs.rekap.rows)
    # The head of a split Dinas is drawn on each of its sheets, hence at least, not exactly.
    missing = {box: n for box, n in boxes.items() if flow.count(box) < n}
    assert missing == {}


def test_peta_pdf_every_sheet_is_signed_and_sums_its_perangkat_daerah(docs):
    pages = read_pdf(docs.outdir / "peta_jabatan.pdf")
    per_pd = {pd.upper(): (pd, t) for pd, t in docs.rekap.per_perangkat_daerah.items()}
    ppk, seen = fx.instansi().ppk, set()
    for n, page in enumerate(pages, start=1):
        heading = re.search(r"^PETA JABATAN (.+)$", page.text, re.M)
        assert heading, f"sheet {n} has no heading"
        pd, totals = per_pd[heading.group(1)]
        flow = page.flow
        assert f"Ditetapkan di {fx.instansi().kota}" in flow
        assert "pada tanggal 22 November 2026" in flow
        assert f"{ppk.jabatan}," in flow and ppk.nama in flow
        b = re.search(r"Jumlah pegawai saat ini \(B\)\s+([\d.]+)", flow)
        k = re.search(r"Kebutuhan pegawai \(K\)\s+([\d.]+)", flow)
        assert b and k, f"sheet {n} has no B/K summary"
        assert (number(b.group(1)), number(k.group(1))) == (totals.b, totals.k), pd
        assert f"Halaman {n} dari {len(pages)}" in page.text
        seen.add(pd)
    assert seen == set(docs.rekap.per_perangkat_daerah)


# --- peta jabatan, .xlsx ---------------------------------------------------------------------------

def test_peta_workbook_has_one_row_per_position_and_the_totals(docs):
    book = openpyxl.load_workbook(docs.outdir / "peta_jabatan.xlsx")
    sheet = read_sheet(book.worksheets[0])
    rows, total = docs.rekap.rows, docs.rekap.total
    assert len(sheet.rows) == len(rows)
    assert [r["Jabatan"] for r in sheet.rows] == [r.nama_jabatan for r in rows]
    assert sum(r["B"] for r in sheet.rows) == total.b
    assert sum(r["K"] for r in sheet.rows) == total.k
    assert (sheet.jumlah["B"], sheet.jumlah["K"]) == (total.b, total.k)


# --- laporan ---------------------------------------------------------------------------------------

def _laporan(docs) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted((docs.outdir / "laporan").iterdir())}


def test_one_laporan_per_assessment(docs):
    pages = _laporan(docs)
    assessments = fx.assessments()
    assert len(pages) == len(assessments)
    for a in assessments:
        # The name is shown as Jinja escapes it; matching on it ties each file to one assessment.
        owners = [p for p, html in pages.items() if f"Berkas: <b>{escape(a.file_name)}</b>" in html]
        assert len(owners) == 1, a.file_name


def test_rejected_laporan_stays_inside_the_folder_and_escapes_its_name(docs):
    laporan = docs.outdir / "laporan"
    private = docs.outdir.parent
    everything = [p for p in private.rglob("*") if p.is_file()]
    assert all(p.resolve().is_relative_to(docs.outdir.resolve()) for p in everything), everything
    assert not any(p.name == "etc" for p in private.rglob("*"))
    rejected = [p for p, html in _laporan(docs).items() if "DITOLAK" in html]
    assert len(rejected) == 1
    path = rejected[0]
    assert path.parent == laporan
    html = path.read_text(encoding="utf-8")
    assert "&lt;rusak&gt;" in html
    assert "<rusak>" not in html


def test_markup_in_form_text_is_escaped_in_every_html(docs):
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert len(docs.sources["surat.html.j2"]) == 1 and len(docs.sources["peta.html.j2"]) == 1
    sources = {"surat (PDF source)": docs.sources["surat.html.j2"][0],
               "peta (PDF source)": docs.sources["peta.html.j2"][0],
               **{f"laporan {p.name}": html for p, html in _laporan(docs).items()}}
    for name, html in sources.items():
        # None of the templates has a script of its own, so any <script is form text let through.
        assert "<script" not in html.lower(), name
    assert escaped in sources["surat (PDF source)"]
    assert escaped in sources["peta (PDF source)"]
    assert "Bidang Data &amp; Informasi &lt;Kepegawaian&gt;" in sources["peta (PDF source)"]
    assert any(escaped in html for name, html in sources.items() if name.startswith("laporan"))
    # And the reader still sees the text itself, not nothing.
    for pdf in ("surat_usul_kebutuhan.pdf", "peta_jabatan.pdf"):
        assert squeeze(fx.NASTY_JABATAN) in squeeze("".join(p.flow for p in read_pdf(docs.outdir / pdf))), pdf


# --- determinism -----------------------------------------------------------------------------------

def test_the_same_pass_gives_the_same_bytes(docs, docs_again):
    files = sorted(p.relative_to(docs.outdir) for p in docs.outdir.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(docs_again.outdir) for p in docs_again.outdir.rglob("*") if p.is_file())
    suffixes = {p.suffix for p in files}
    assert {".docx", ".xlsx", ".pdf", ".html"} <= suffixes
    differing = [str(p) for p in files if (docs.outdir / p).read_bytes() != (docs_again.outdir / p).read_bytes()]
    assert differing == []


def test_rekap_sheet_names_are_names_excel_opens():
    from report_templates.workbooks import _sheet_name

    used = {"Total"}
    names = [_sheet_name(n, used) for n in ["History", "'Dinas Sosial'", "TOTAL", "Dinas [B]: x/y?", "x" * 40,
                                             "history", "'"]]
    assert all(n and len(n) <= 31 and not n.startswith("'") and not n.endswith("'")
               and not set(n) & set("[]:*?/\\") and n.casefold() != "history" for n in names), names
    assert len({n.casefold() for n in names} | {"total"}) == len(names) + 1


def test_both_letters_state_the_same_basis_of_calculation_the_rekap_holds(docs):
    from report_templates.context import basis_sentence

    from report_templates.context import coverage_sentence, shortage_sentence

    pages = read_pdf(docs.outdir / "surat_usul_kebutuhan.pdf")
    letter, lampiran = letter_pages(pages)
    pdf = squeeze(" ".join(p.text for p in letter))
    document = docx.Document(docs.outdir / "surat_usul_kebutuhan.docx")
    word = squeeze(" ".join(p.text for p in document.paragraphs))
    for sentence in (basis_sentence(docs.rekap, fx.RULES), shortage_sentence(fx.RULES),
                     coverage_sentence(docs.rekap, len(fx.assessments()))):
        assert squeeze(sentence) in pdf and squeeze(sentence) in word, sentence
    # Every page numbered; the lampiran signed like the letter.
    assert [p.text.strip().splitlines()[-1] for p in letter] == [str(i) for i in range(1, len(letter) + 1)]
    assert all("Halaman" in p.text for p in lampiran)
    assert fx.instansi().ppk.nama in lampiran[-1].text
    assert all("PAGE" in section.footer._element.xml for section in document.sections)
    signed = [p.text for p in document.paragraphs] + [p.text for t in document.tables for c in t._cells
                                                    for p in c.paragraphs]
    assert signed.count(fx.instansi().ppk.nama) == 2
    sheet = read_sheet(openpyxl.load_workbook(docs.outdir / "rekap.xlsx")["Total"])
    assert {r["Dasar WKE"] for r in sheet.rows} == {r.position.wke_basis for r in docs.rekap.rows}


def test_the_legal_basis_has_its_promulgated_titles_and_configuration_replaces_it(docs):
    from report_templates.context import common

    pdf = squeeze(" ".join(p.text for p in letter_pages(read_pdf(docs.outdir / "surat_usul_kebutuhan.pdf"))[0]))
    assert squeeze("Nomor 9 Tahun 2022 tentang Tata Cara Pelaksanaan Penyusunan Kebutuhan Aparatur Sipil Negara") in pdf
    assert squeeze("Nomor 49 Tahun 2018 tentang Manajemen Pegawai Pemerintah dengan Perjanjian Kerja") in pdf
    assert squeeze("Peraturan Menteri PANRB Nomor 1 Tahun 2020;") not in pdf   # the regime's rule cited once
    own = fx.instansi(dasar_hukum=("Peraturan Daerah Kabupaten Contoh Nomor 1 Tahun 2025",))
    legal = common(docs.rekap, own, fx.RULES, fx.TANGGAL)["legal_basis"]
    assert legal[0] == "Peraturan Daerah Kabupaten Contoh Nomor 1 Tahun 2025"


def test_the_laporan_speaks_the_unit_s_words_and_says_where_to_send_the_correction():
    import calculators
    from calculators.settings import PERKA_BKN_2011, Rules
    from report_templates.render import render_laporan
    from tests.calc_builders import WORKED, submission, task_form

    bad = task_form(WORKED)
    bad.rows[2].volume = None                                   # an empty volume: rejected
    own = fx.instansi(laporan_kontak="Subbidang Formasi BKPSDM", laporan_batas_waktu="31 Januari 2027")
    texts = []
    for form, rules in ((task_form(WORKED), Rules()), (bad, Rules(regime=PERKA_BKN_2011))):
        assessment = calculators.assess(submission(form), rules)
        texts.append(re.sub(r"<[^>]+>", " ", render_laporan(assessment, own, rules, fx.TANGGAL)))
    for text in texts:
        for internal in ("k_raw", "wke_menit", "norma_waktu_menit", "pegawai_tercetak", "permenpan_rb_1_2020",
                         "perka_bkn_19_2011", "karantina", "folder inbox"):
            assert internal not in text, internal
        assert squeeze("ke Subbidang Formasi BKPSDM paling lambat 31 Januari 2027") in squeeze(text)
    accepted, rejected = texts
    # A rejected form: every row, the bad one marked where it stands, and no K from the rows that were read.
    assert "DITOLAK" in rejected and squeeze("3 Tugas 3 Dokumen tidak dapat dihitung") in squeeze(rejected)
    assert "kebutuhan pegawai (K) =" not in rejected and "belum dihitung" in rejected
    assert squeeze("8 Tugas 8") in squeeze(rejected)
    assert squeeze("efisiensi jabatan (EJ) = 1,29, kategori A (sangat baik)") in squeeze(accepted)
    assert "Waktu Kerja Efektif" in accepted and "Volume/Beban Kerja" in rejected    # the Kolom column


def test_the_lampiran_places_each_position_in_the_organisation():
    import calculators
    from calculators.consolidation import consolidate
    from calculators.settings import Rules
    from report_templates.context import common
    from tests.calc_builders import submission, task_form

    rules = Rules()
    forms = [task_form([(60, 10, 75000)], name="Pengolah Data", unit=("Sub Bidang Formasi", "Bidang Pengadaan", "BKPSDM")),
             task_form([(60, 10, 75000)], name="Kepala BKPSDM", unit=("BKPSDM",)),
             task_form([(60, 10, 75000)], name="Kepala Bidang Pengadaan", unit=("Bidang Pengadaan", "BKPSDM"))]
    rekap = consolidate([calculators.assess(submission(f), rules).positions[0] for f in forms], rules, "Kab")
    rows = common(rekap, fx.instansi(), rules, fx.TANGGAL)["rows"]
    assert [(r["jabatan"], r["unit"]) for r in rows] == [
        ("Kepala BKPSDM", "BKPSDM"), ("Kepala Bidang Pengadaan", "Bidang Pengadaan"),
        ("Pengolah Data", "Bidang Pengadaan / Sub Bidang Formasi")]       # top down, heads before their units


@pytest.mark.slow   # 8-10 s
def test_the_kop_follows_the_signer_a_head_of_region_writes_under_the_kop_naskah_dinas_jabatan(tmp_path):
    import struct
    import zlib

    from report_templates.instansi import Signatory

    emblem = tmp_path / "lambang.png"                       # a 1x1 PNG stands for the emblem
    raw = zlib.compress(b"\x00\xff\x00\x00")
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    emblem.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
                       + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
    cases = {"bupati": fx.instansi(ppk=Signatory("Andi", "Bupati Contoh"), lambang=str(emblem)),
             "kepala": fx.instansi(ppk=Signatory("Budi", "Kepala Badan Kepegawaian dan Pengembangan SDM", "1970"))}
    for name, instansi in cases.items():
        out = tmp_path / name
        out.mkdir()
        render_documents(out, fx.rekap(), fx.assessments(), instansi, fx.RULES, fx.TANGGAL, parallel=False)
        first = read_pdf(out / "surat_usul_kebutuhan.pdf")[0].text.splitlines()
        with zipfile.ZipFile(out / "surat_usul_kebutuhan.docx") as word:
            media = [n for n in word.namelist() if n.startswith("word/media/")]
        with pdfplumber.open(out / "surat_usul_kebutuhan.pdf") as pdf:
            images = pdf.pages[0].images
        if name == "bupati":
            assert first[0] == "BUPATI CONTOH" and instansi.alamat not in "\n".join(first[:3])
            assert media and images                                 # the emblem in both letters
        else:
            assert first[0] == instansi.kop[0] and any(instansi.alamat in line for line in first[:5])
            assert not media and not images


def _docx_letter_words(document) -> list[str]:
    """The words of the Word letter in reading order (paragraphs and table cells), up to its lampiran."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    words = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            texts = [Paragraph(element, document).text]
        elif element.tag.endswith("}tbl"):
            texts = [c.text for row in Table(element, document).rows for c in row.cells]
        else:
            continue
        if any(t.startswith("Lampiran Surat") for t in texts):
            break
        words += " ".join(texts).split()
    return words


def test_the_word_and_the_pdf_letter_say_the_same_words(docs):
    """One wording source: every word of the letter, in order, is the same in both files (the PDF's page
    numbers and list markers aside; Word numbers its lists in the text)."""
    letter, _ = letter_pages(read_pdf(docs.outdir / "surat_usul_kebutuhan.pdf"))
    pdf = []
    for page in letter:
        lines = page.text.splitlines()
        pdf += " ".join(lines[:-1] if lines[-1].strip().isdigit() else lines).split()
    word = _docx_letter_words(docx.Document(docs.outdir / "surat_usul_kebutuhan.docx"))
    strip_markers = lambda words: [w for w in words if not re.fullmatch(r"\d+\.", w)]
    assert strip_markers(word) == strip_markers(pdf)


def test_the_date_stands_on_the_nomor_line_in_both_letters(docs):
    """Tata naskah dinas: place and date at the right, on the line of the letter's number."""
    letter, _ = letter_pages(read_pdf(docs.outdir / "surat_usul_kebutuhan.pdf"))
    dated = f"{fx.instansi().kota}, "
    [line] = [line for line in letter[0].text.splitlines() if line.startswith("Nomor")]
    assert dated in line and not line.rstrip().endswith(".")
    document = docx.Document(docs.outdir / "surat_usul_kebutuhan.docx")
    [paragraph] = [p for p in document.paragraphs if p.text.startswith("Nomor")]
    assert dated in paragraph.text.split("\t")[-1]


def test_the_lampiran_says_how_k_was_computed_in_plain_words(docs):
    from report_templates.context import method_note

    _, lampiran = letter_pages(read_pdf(docs.outdir / "surat_usul_kebutuhan.pdf"))
    document = docx.Document(docs.outdir / "surat_usul_kebutuhan.docx")
    note = squeeze(method_note(fx.RULES))
    assert note in squeeze(" ".join(p.text for p in lampiran))
    assert note in squeeze(" ".join(p.text for p in document.paragraphs))
    letter_text = " ".join(p.text for p in document.paragraphs if not p.text.startswith("Cara penghitungan"))
    assert "dibulatkan sekali" not in letter_text and "k_raw" not in letter_text


def test_a_missing_position_is_drawn_struktural_when_the_sotk_says_so_whatever_its_name():
    from calculators.coverage import Missing
    from report_templates.peta import missing_box

    plain = Missing("Dinas A", "Bidang Teknis / Dinas A", "Penanggung Jawab Teknis")
    assert not missing_box(plain)["struktural"]
    assert missing_box(plain._replace(jenis="Administrator"))["struktural"]
    assert not missing_box(Missing("Dinas A", "Dinas A", "Kepala Dinas A", jenis="Pelaksana"))["struktural"]


@pytest.mark.slow   # 4-6 s
def test_the_letter_names_what_it_does_not_cover_yet(tmp_path):
    from datetime import date

    from calculators.coverage import Listed, PositionList, missing_positions
    from calculators.people import PNS, Employee, by_position
    from report_templates import Coverage

    rekap = fx.rekap()
    covered = rekap.rows[0]
    expected = {(covered.unit_kerja.upper(), f"  {covered.nama_jabatan} "),      # typed by hand: still covered
                ("Seksi Umum / Kecamatan Utara", "Pengadministrasi Perkantoran"), ("Kecamatan Utara", "Camat")}
    details = {("Kecamatan Utara", "Camat"): Listed(kelas=12, jenis="struktural")}
    people = by_position([Employee("Kecamatan Utara", "Camat", PNS, date(1980, 1, 1))], 2027)
    missing = missing_positions(rekap, PositionList(frozenset(expected), details), people)
    assert missing == [("Kecamatan Utara", "Kecamatan Utara", "Camat", 12, 1, "struktural", ""),
                       ("Kecamatan Utara", "Seksi Umum / Kecamatan Utara", "Pengadministrasi Perkantoran", None, 0, "", "")]
    render_documents(tmp_path, rekap, fx.assessments(), fx.instansi(), fx.RULES, fx.TANGGAL, parallel=False,
                     coverage=Coverage(rejected_files=3, missing=tuple(missing), listed=True))
    letter, lampiran = letter_pages(read_pdf(tmp_path / "surat_usul_kebutuhan.pdf"))
    word = " ".join(_docx_letter_words(docx.Document(tmp_path / "surat_usul_kebutuhan.docx")))
    for text in (" ".join(p.text for p in letter), word):
        assert "Sebanyak3berkasditolakpadapemeriksaan" in squeeze(text)
        assert "Sebanyak2jabatandalamdaftarjabataninstansibelumtercakup" in squeeze(text)
    listed = squeeze(" ".join(p.text for p in lampiran)).split("JABATANDALAMDAFTARJABATANINSTANSIYANGBELUMTERCAKUP")[1]
    assert listed.index("Camat") < listed.index("PengadministrasiPerkantoran")
    tables = docx.Document(tmp_path / "surat_usul_kebutuhan.docx").tables
    [table] = [t for t in tables if t.rows[0].cells[-1].text == "Keterangan"]
    assert [r.cells[3].text for r in table.rows[1:]] == ["Camat", "Pengadministrasi Perkantoran"]
    assert [r.cells[2].text for r in table.rows[1:]] == ["Kecamatan Utara", "Seksi Umum"]
    assert [(r.cells[4].text, r.cells[5].text, r.cells[6].text) for r in table.rows[1:]] == [
        ("12", "1", "formulir belum diterima"), ("", "0", "formulir belum diterima; jabatan kosong")]
    # The peta draws them where they belong, marked, outside its sums; a perangkat daerah with no accepted
    # form yet gets its sheet too.
    peta = read_pdf(tmp_path / "peta_jabatan.pdf")
    kecamatan = [p.text for p in peta if "PETA JABATAN KECAMATAN UTARA" in p.text]
    assert kecamatan and "Camat" in kecamatan[0] and kecamatan[0].count("belum ada formulir") == 2
    assert "Kelas 12 B 1 belum ada formulir" in kecamatan[0]
    assert "Jumlah pegawai saat ini (B) 0" in kecamatan[0]


def test_a_complete_list_is_said_to_be_complete_and_no_list_says_what_is_left_out():
    from report_templates import Coverage
    from report_templates.context import coverage_sentence

    rekap = fx.rekap()
    assert "Seluruh jabatan dalam daftar jabatan instansi telah tercakup" in coverage_sentence(
        rekap, 3, Coverage(listed=True))
    unlisted = coverage_sentence(rekap, 3)
    assert "ditolak atau belum masuk belum termasuk" in unlisted and "berkas ditolak" not in unlisted


def test_rekap_shows_each_unit_with_its_efisiensi_unit(docs):
    from decimal import Decimal

    sheet = read_sheet(openpyxl.load_workbook(docs.outdir / "rekap.xlsx")["Per Unit Kerja"])
    rekap = docs.rekap
    assert [r["Unit Kerja"] for r in sheet.rows] == list(dict.fromkeys(r.unit_kerja for r in rekap.rows))
    for row in sheet.rows:
        held = [r for r in rekap.rows if r.unit_kerja == row["Unit Kerja"]]
        assert (row["Jabatan"], row["B"], row["K"]) == (len(held), sum(r.b for r in held), sum(r.k for r in held))
        staffed = sum(r.b for r in held)
        if staffed:        # EU = the unit's whole workload over the people it has (domain.md)
            workload = sum(r.position.k_raw for r in held)
            assert row["EU"] == float((workload / staffed).quantize(Decimal("0.01")))
            assert row["Kategori EU"][0] in "ABCDE"
        else:
            assert row["EU"] == "n/a"
    assert (sheet.jumlah["B"], sheet.jumlah["K"], sheet.jumlah["Usulan"]) == (
        rekap.total.b, rekap.total.k, rekap.total.usulan)


def test_both_letters_carry_the_five_year_projection_with_every_year(tmp_path):
    from dataclasses import replace as changed

    positions = fx.positions()
    first = positions[0]
    positions[0] = changed(first, form=changed(first.form, header=changed(
        first.form.header, pensiun={2027: 2, 2029: 1}, pppk_berakhir={2028: 1})))
    from calculators.consolidation import consolidate

    rekap = consolidate(positions, fx.RULES, "Kab")
    assert list(rekap.lima_tahun) == [2027, 2028, 2029, 2030, 2031]
    render_documents(tmp_path, rekap, fx.assessments(), fx.instansi(), fx.RULES, fx.TANGGAL, parallel=False)
    _, lampiran = letter_pages(read_pdf(tmp_path / "surat_usul_kebutuhan.pdf"))
    pdf = squeeze(" ".join(p.text for p in lampiran))
    [table] = [t for t in docx.Document(tmp_path / "surat_usul_kebutuhan.docx").tables
               if t.rows[0].cells[0].text == "Tahun"]
    assert [r.cells[0].text for r in table.rows[1:]] == ["2027", "2028", "2029", "2030", "2031"]
    for row in table.rows[1:]:
        assert squeeze(" ".join(c.text for c in row.cells)) in pdf
    assert table.rows[1].cells[2].text == "2" and table.rows[2].cells[3].text == "1"
    assert [c.text for c in table.rows[0].cells][-2:] == ["Usulan PNS", "Usulan PPPK"]
    # The rekap and the peta's summary carry it too.
    sheet = openpyxl.load_workbook(tmp_path / "rekap.xlsx")["Proyeksi 5 Tahun"]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
        [y, v["kekurangan"], v["pensiun"], v["pppk_berakhir"], v["jumlah"], v["pns"], v["pppk"]]
        for y, v in rekap.lima_tahun.items()]
    peta = read_pdf(tmp_path / "peta_jabatan.pdf")[0].text
    assert all(f"{y}: {v['jumlah']}" in peta for y, v in rekap.lima_tahun.items())
    per_position = openpyxl.load_workbook(tmp_path / "rekap.xlsx")["Proyeksi per Jabatan"]
    values = list(per_position.iter_rows(values_only=True))
    rows = [dict(zip(values[0], v)) for v in values[1:]]
    assert sum(r["Jumlah 5 Tahun"] for r in rows) == sum(v["jumlah"] for v in rekap.lima_tahun.values())
    assert sum(r["Pensiun 2027"] for r in rows) == 2 and sum(r["PPPK Berakhir 2028"] for r in rows) == 1


def test_rekap_has_one_row_per_position_to_copy_into_the_formasi_application(docs):
    values = list(openpyxl.load_workbook(docs.outdir / "rekap.xlsx")["Template Bezetting"].iter_rows(values_only=True))
    rows = [dict(zip(values[0], v)) for v in values[1:]]       # no Jumlah row: each row is one to copy
    assert [(r["Jabatan"], r["Kebutuhan (ABK)"], r["ASN Saat Ini"], r["Usulan Formasi"]) for r in rows] == [
        (r.nama_jabatan, r.k, r.b, r.usulan) for r in docs.rekap.rows]


def test_the_proposal_is_split_into_pns_and_pppk_as_the_instansi_says(tmp_path):
    from dataclasses import replace as changed

    from calculators.consolidation import consolidate

    rules = changed(fx.RULES, pppk_jabatan=("analis  KEBIJAKAN",))        # case and spacing aside
    rekap = consolidate(fx.positions(), rules, "Kab")
    driving = [r for r in rekap.rows if "analis kebijakan" in r.nama_jabatan.casefold()]
    assert driving and rekap.total.usulan_pppk == sum(r.usulan for r in driving) > 0
    assert rekap.total.usulan_pns == rekap.total.usulan - rekap.total.usulan_pppk
    render_documents(tmp_path, rekap, fx.assessments(), fx.instansi(), rules, fx.TANGGAL, parallel=False)
    said = f"terdiri atas {rekap.total.usulan_pns} PNS dan {rekap.total.usulan_pppk} PPPK"
    letter, _ = letter_pages(read_pdf(tmp_path / "surat_usul_kebutuhan.pdf"))
    assert squeeze(said) in squeeze(" ".join(p.text for p in letter))
    assert said in " ".join(p.text for p in docx.Document(tmp_path / "surat_usul_kebutuhan.docx").paragraphs)
    values = list(openpyxl.load_workbook(tmp_path / "rekap.xlsx")["Template Bezetting"].iter_rows(values_only=True))
    rows = [dict(zip(values[0], v)) for v in values[1:]]
    assert sum(r["Usulan PPPK"] for r in rows) == rekap.total.usulan_pppk
    assert all(r["Usulan PNS"] + r["Usulan PPPK"] == r["Usulan Formasi"] for r in rows)


def test_the_laporan_of_a_scan_that_needs_review_shows_each_printed_need_beside_the_computed_one(tmp_path):
    import calculators
    from calculators.settings import Rules
    from extractors.submission import Submission
    from report_templates.render import render_laporan
    from tests.forms import worked_example

    form = worked_example()
    form.rows[0].volume = Decimal(608)                        # a 0 read as an 8: row 1 no longer adds up
    form.rows[4].pegawai_tercetak = None                      # a need the OCR could not read
    assessment = calculators.assess(Submission("pindaian.jpg", "image", [form], ocr=True), Rules())
    html = render_laporan(assessment, fx.instansi(), Rules(), fx.TANGGAL)
    text = squeeze(re.sub(r"<[^>]+>", " ", html))

    assert squeeze("DITOLAK (hasil pindai perlu diperiksa)") in text
    assert squeeze("dibaca dari gambar hasil pindai (OCR)") in text
    assert squeeze("0,1267 0,125") in text                   # computed from the reading, then as printed
    assert squeeze("0,0417 tidak terbaca") in text and squeeze("Jumlah tercetak 1,288") in text
    assert squeeze("kebutuhan pegawai (K) =") not in text

    # The reading travels inside the laporan as an Excel form, which reads back as what was read.
    import base64
    import time

    from extractors import extract
    [link] = re.findall(r'href="data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,([^"]+)"',
                        html)
    workbook = tmp_path / "pindaian.jpg.bacaan.xlsx"
    workbook.write_bytes(base64.b64decode(link))
    again = extract(workbook).forms[0]
    assert [(r.volume, r.pegawai_tercetak) for r in again.rows] == [(r.volume, r.pegawai_tercetak) for r in form.rows]
    time.sleep(1.1)                                      # a clock that ticks must not change the bytes
    assert render_laporan(assessment, fx.instansi(), Rules(), fx.TANGGAL) == html        # the same bytes every time
