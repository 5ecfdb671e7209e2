"""Every generated form reads back exactly: a corpus over Word, PDF and Excel and the layout variants.

The corpus (seed 87, 36 files) covers every layout option the generator has: the four approaches, two
forms in one file (a page or sheet each, and one after another), long tables over pages, header styles,
labels, jam/menit/inline times, period columns, two-row headers, number rows, split tables, formulas.
Each file is one test, so a failure names the file; its message lists the form, row, field, the value
printed and the value read. ``benchmarks/extraction_accuracy.py`` runs the same comparison at scale.
"""
from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

import pdfplumber
import pytest

from benchmarks.extraction_accuracy import compare_file, need
from extractors import extract
from extractors.submission import ExtractionError
from tests.forms import CorpusItem, Layout, as_printed, random_form, write_corpus, write_form
from tests.forms.writers import docx_to_pdf

SEED, FILES = 87, 36


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), FILES, seed=SEED, libreoffice_share=0.0)


def test_the_corpus_covers_the_layouts(corpus):
    layouts = [item.layout for item in corpus]
    forms = [form for item in corpus for form in item.forms]
    assert {item.fmt for item in corpus} == {"docx", "pdf", "xlsx"}
    assert {f.approach for f in forms} == {"tugas_per_tugas", "hasil_kerja", "objek_kerja", "peralatan_kerja"}
    assert any(len(item.forms) == 2 for item in corpus)
    assert {lay.time_unit for lay in layouts} == {"menit", "jam", "inline"}
    assert {lay.header_rows for lay in layouts} == {1, 2}
    assert {lay.periode for lay in layouts} == {"none", "instead", "both"}
    assert any(lay.split_table for lay in layouts) and any(lay.xlsx_formulas for lay in layouts)
    assert max(len(f.rows) for f in forms) >= 20


@pytest.mark.parametrize("index", range(FILES))
def test_each_file_reads_back_exactly(corpus, index):
    item = corpus[index]
    try:
        submission = extract(item.path)
    except ExtractionError as exc:
        pytest.fail(f"{item.path.name} ({item.layout}) rejected: {exc.reason}: {exc.message}")
    result = compare_file(item, submission.forms)
    problems = "\n".join(m.line() for m in result.mismatches[:20])
    assert not result.mismatches, f"{item.path.name}, {item.layout}:\n{problems}"
    assert result.rows_exact == result.rows == sum(len(f.rows) for f in item.forms)
    assert result.k_exact == result.header_exact == len(item.forms)


def test_k_of_the_ground_truth_is_computed(corpus):
    """The K comparison means something: every ground-truth form has a need to compare."""
    for item in corpus:
        for form in item.forms:
            k_raw, k = need(form, item.path.name)
            assert k_raw > 0 and k >= 1, item.path.name


def _long_unit_form():
    form = random_form(random.Random(4), n_rows=40)
    form.header.unit_kerja = ["Sub Bagian Perencanaan, Evaluasi dan Pelaporan", "Sekretariat",
                              "Dinas Pemberdayaan Masyarakat dan Desa, Pemberdayaan Perempuan, Perlindungan Anak "
                              "dan Keluarga Berencana"]
    return form


LO_LAYOUT = Layout(header_style="table3", path_sep=", ", extra_column=True, header_rows=2, time_unit="inline",
                   keterangan=True, pdf_engine="libreoffice", repeat_header=False)
# Made by LibreOffice from write_form(); checked in so the test needs no office suite.
# Regenerate with: .venv/bin/python -m tests.test_extract_corpus
LO_FIXTURE = Path(__file__).parent / "fixtures" / "libreoffice_long_unit.pdf"


def write_libreoffice_fixture(target: Path = LO_FIXTURE) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = write_form([as_printed(_long_unit_form(), LO_LAYOUT)], Path(tmp) / "lo.docx", "docx", LO_LAYOUT)
        docx_to_pdf([(source, target)])
    return target


def test_a_libreoffice_pdf_with_what_word_processors_do_reads_back_exactly():
    """A Word form printed to PDF by LibreOffice, as units make them: a unit path too long for its line
    goes on under its value, unit names hold commas ("Dinas ..., Pemberdayaan Perempuan, ...") in a path
    written with commas, a header word is broken in a narrow column ("Penyelesaia" / "n"), and rows break
    across pages with no header repeated (the rest of a row opens the next page)."""
    layout = LO_LAYOUT
    truth = as_printed(_long_unit_form(), layout)
    path = LO_FIXTURE
    with pdfplumber.open(str(path)) as pdf:                 # what the file holds, read plainly
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
        cells = [c or "" for page in pdf.pages for t in page.extract_tables() for r in t for c in r]
    seen = {"wrapped unit path": not any(line.startswith("Unit Kerja") and line.endswith("Berencana")
                                         for line in lines),
            "broken header word": any(re.search(r"[a-z]\n[a-z]", c) and "Penyelesaia" in c for c in cells),
            "multi-page": len(pdf.pages) >= 2}
    assert all(seen.values()), seen                     # the fixture shows every case it claims to
    item = CorpusItem(path, [truth], layout, "pdf")
    result = compare_file(item, extract(path).forms)
    assert not result.mismatches, "\n".join(m.line() for m in result.mismatches[:20])
    assert extract(path).forms[0].header.unit_kerja == truth.header.unit_kerja


if __name__ == "__main__":
    print(write_libreoffice_fixture())
