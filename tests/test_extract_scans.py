"""Scanned forms: read by OCR, accepted only where the form's own arithmetic confirms every figure.

The scans are made from generated forms (tests/scans.py); OCR needs Debian's tesseract-ocr with its
Indonesian and OSD data (the Makefile's APT_PACKAGES).
"""
from __future__ import annotations

import random
import shutil
import struct
import zlib
from dataclasses import replace
from decimal import Decimal

import pytest

import calculators
from benchmarks.extraction_accuracy import compare_rows
from calculators.results import Code
from calculators.settings import Rules
from extractors import Limits, extract
from extractors.guard import check
from extractors.submission import NEEDS_REVIEW, NO_TEXT_LAYER, TOO_LARGE, UNREADABLE, ExtractionError
from tests.forms import Layout, as_printed, random_form, worked_example, write_form
from tests.forms.bad_files import BAD_FILES
from tests.scans import CONDITIONS, alter_cell, scan

D = Decimal
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    """A generated form as printed, and its typed PDF."""
    folder = tmp_path_factory.mktemp("scans")
    form = as_printed(random_form(random.Random(6)), Layout())
    return form, write_form([form], folder / "abk.pdf", "pdf", Layout())


def _exact(truth, submission) -> None:
    assert submission.ocr and len(submission.forms) == 1
    got = submission.forms[0]
    rows, exact, mismatches = compare_rows("scan", 0, truth.rows, got.rows)
    assert exact == rows == len(truth.rows), [m.line() for m in mismatches]
    assert got.printed_total == truth.printed_total
    assert got.header.nama_jabatan == truth.header.nama_jabatan
    assert got.header.unit_kerja == truth.header.unit_kerja


@needs_tesseract
@pytest.mark.slow
def test_a_clean_300_dpi_scan_is_read_with_every_row_exact_and_marked_ocr(typed, tmp_path):
    truth, pdf = typed
    submission = extract(scan(pdf, tmp_path / "pindai", CONDITIONS["300 dpi bersih"]))
    assert submission.format == "pdf"
    _exact(truth, submission)


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("condition", ["miring 2,5°", "diputar 90°"])
def test_a_scan_fed_askew_or_sideways_is_stood_upright_and_read_exactly(typed, tmp_path, condition):
    truth, pdf = typed
    _exact(truth, extract(scan(pdf, tmp_path / "pindai", CONDITIONS[condition])))


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_a_picture_of_the_form_is_read_too(typed, tmp_path, suffix):
    truth, pdf = typed
    path = scan(pdf, tmp_path / "foto", replace(CONDITIONS["300 dpi bersih"], suffix=suffix))
    submission = extract(path)
    assert submission.format == {".png": "png", ".jpg": "jpeg"}[suffix]
    _exact(truth, submission)


@needs_tesseract
@pytest.mark.slow
def test_a_printed_need_changed_on_the_paper_is_never_accepted(tmp_path):
    pdf = write_form([worked_example()], tmp_path / "abk.pdf", "pdf", Layout())
    altered = alter_cell(pdf, tmp_path / "diubah.pdf", "0,125", "0,175")
    assessment = calculators.assess(extract(altered), Rules())
    assert assessment.reason == NEEDS_REVIEW
    unconfirmed = [f for f in assessment.findings if f.code == Code.READING_UNCONFIRMED]
    assert (1, "pegawai_tercetak") in [(f.row, f.column) for f in unconfirmed]
    assert not assessment.accepted and len(unconfirmed) == 1   # the total still adds the needs the numbers give


def test_a_typed_pdf_is_not_marked_ocr(typed):
    assert not extract(typed[1]).ocr


def test_a_page_of_noise_is_still_a_pdf_without_text(tmp_path):
    with pytest.raises(ExtractionError) as caught:
        extract(BAD_FILES["scanned_pdf"].build(tmp_path))
    assert caught.value.reason == NO_TEXT_LAYER


def test_pictures_are_known_by_their_bytes(tmp_path, typed):
    png = tmp_path / "a.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert check(png, Limits()) == "png"
    jpg = tmp_path / "b.jpeg"
    jpg.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 64)
    assert check(jpg, Limits()) == "jpeg"
    claimed = tmp_path / "c.png"
    claimed.write_bytes(typed[1].read_bytes())
    with pytest.raises(ExtractionError) as caught:
        check(claimed, Limits())
    assert caught.value.reason == UNREADABLE


def test_a_picture_declaring_a_huge_size_is_refused_before_it_is_decoded(tmp_path):
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    for side in (9000, 40000):                     # over our 60 Mpx, and over Pillow's own bomb limit
        path = tmp_path / f"besar{side}.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
                         + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
        with pytest.raises(ExtractionError) as caught:
            extract(path)
        assert caught.value.reason == TOO_LARGE


@needs_tesseract
@pytest.mark.slow
def test_in_a_pass_a_confirmed_scan_counts_marked_and_a_disputed_one_waits_with_its_reading(tmp_path):
    """Through the pass's own steps: the scan that adds up is consolidated and said to be read by OCR in the
    rekap's trace and the register's findings; the one that does not is quarantined as needs_review, its
    laporan holding the reading as an Excel form."""
    import base64
    import re
    from datetime import date

    import openpyxl

    import report_templates
    from extractors import ExtractorPool
    from flows import pipeline
    from flows.config import load_config

    config = load_config(None)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    pdf = write_form([worked_example()], tmp_path / "abk.pdf", "pdf", Layout())
    scan(pdf, inbox / "pindaian", CONDITIONS["300 dpi bersih"])
    alter_cell(pdf, inbox / "pindaian salah.pdf", "0,125", "0,175")
    day = date(2026, 12, 2)

    def laporan(assessment):
        return report_templates.render_laporan(assessment, config.instansi, config.rules, day)

    with ExtractorPool(config.limits, workers=1) as pool:
        verdicts = pipeline.judge(inbox, pipeline.take_arrivals(inbox), config, pool)
        pipeline.file_verdicts(inbox, verdicts, laporan, config)
        consolidation = pipeline.consolidate(inbox, config, pool, day)
    try:
        by_name = {v.arrival.name: v for v in verdicts}
        assert by_name["pindaian.pdf"].status == "diterima"
        assert by_name["pindaian salah.pdf"].assessment.reason == NEEDS_REVIEW
        [record] = list(consolidation.ledger)
        assert any(f["code"] == "read_by_ocr" for f in record["findings"])        # what the register records
        assert [p.ocr for p in consolidation.positions] == [True]
        report_templates.render_documents(tmp_path / "out", consolidation.rekap, None, config.instansi,
                                          config.rules, day, parallel=False, laporan=consolidation.laporan)
        total = openpyxl.load_workbook(tmp_path / "out" / "rekap.xlsx")["Total"]
        header = [c.value for c in total[1]]
        assert "pindaian (OCR)" in [row[header.index("Dibaca dari")] for row in total.iter_rows(values_only=True)]
    finally:
        consolidation.close()
    [accepted_laporan] = [path for _, path in consolidation.laporan]
    assert "dibaca dari gambar hasil pindai (OCR)" in accepted_laporan.read_text(encoding="utf-8")
    assert "<img" not in accepted_laporan.read_text(encoding="utf-8")       # pictures only where a person must look
    [quarantined] = (inbox / "karantina").glob("*.laporan.html")
    html = quarantined.read_text(encoding="utf-8")
    [data] = re.findall(r'spreadsheetml.sheet;base64,([^"]+)"', html)
    assert len(re.findall(r'<img src="data:image/png;base64,', html)) == len(worked_example().rows)
    reading = tmp_path / "bacaan.xlsx"
    reading.write_bytes(base64.b64decode(data))
    assert extract(reading).forms[0].rows[0].pegawai_tercetak == D("0.175")   # as read, to be corrected

    # The unit corrects the marked cell against its paper and sends the workbook in: it counts.
    book = openpyxl.load_workbook(reading)
    [marked] = [c for row in book.active.iter_rows() for c in row if c.comment is not None]
    assert marked.value == 0.175
    marked.value = 0.125
    book.save(reading)
    corrected = calculators.assess(extract(reading), Rules())
    typed = calculators.assess(extract(pdf), Rules())
    assert corrected.accepted and not corrected.positions[0].ocr
    assert (corrected.positions[0].k_raw, corrected.positions[0].k) == (typed.positions[0].k_raw, typed.positions[0].k)


@needs_tesseract
@pytest.mark.slow
def test_abk_extract_says_a_photographed_form_was_read_by_ocr_and_gives_the_typed_form_s_k(tmp_path, capsys):
    import json

    from flows.cli import main

    pdf = write_form([worked_example()], tmp_path / "abk.pdf", "pdf", Layout())
    photo = scan(pdf, tmp_path / "foto", CONDITIONS["foto ponsel"])
    assert main(["extract", str(photo), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    [form] = result["forms"]
    assert result["status"] == "accepted" and form["ocr"] is True
    assert (form["k_raw"], form["k"]) == (1.2875, 1)
    assert "read_by_ocr" in [f["code"] for f in result["findings"]]


@needs_tesseract
@pytest.mark.slow
def test_each_row_of_a_scan_carries_the_picture_of_its_own_line_and_the_review_shows_them(tmp_path):
    """The picture given to a row is that row of the paper: read again, it holds the row's own No or words."""
    import base64
    import io
    import re
    from datetime import date

    from PIL import Image

    from extractors import scan_ocr
    from report_templates.render import render_laporan
    from tests import documents_fixtures as fx

    pdf = write_form([worked_example()], tmp_path / "abk.pdf", "pdf", Layout())
    submission = extract(alter_cell(pdf, tmp_path / "salah.pdf", "0,125", "0,175"))
    rows = submission.forms[0].rows
    assert all(row.image for row in rows)
    for row in rows:
        picture = Image.open(io.BytesIO(row.image))
        assert picture.width <= 900 and picture.height < picture.width / 4      # one line of the table
        # Read again with its ruling lines, tesseract garbles some of it: the row's No or first words remain.
        larger = picture.resize((picture.width * 2, picture.height * 2))
        seen = {re.sub(r"\W", "", box.text).casefold() for box in scan_ocr.words([larger], "6", 300)}
        assert {str(row.number), *row.uraian.casefold().split()[:2]} & seen, (row.number, seen)
    assert len({row.image for row in rows}) == len(rows)

    assessment = calculators.assess(submission, Rules())
    html = render_laporan(assessment, fx.instansi(), Rules(), date(2026, 12, 2))
    shown = re.findall(r'<img src="data:image/png;base64,([^"]+)"', html)
    assert [base64.b64decode(data) for data in shown] == [row.image for row in rows]


@needs_tesseract
def test_tesseract_runs_with_a_cpu_bound_the_kernel_enforces_even_for_an_orphan(monkeypatch):
    """Started by a reading worker that may be killed for overrunning its file's time: the limit is tesseract's
    own, not only its parent's wait."""
    import resource
    import subprocess

    from extractors import scan_ocr

    seen = {}
    real = subprocess.run

    def run(command, **options):
        probe = real(["sh", "-c", "ulimit -t"], capture_output=True, preexec_fn=options["preexec_fn"])
        seen["cpu"] = probe.stdout.decode().strip()
        return real(command, **options)

    monkeypatch.setattr(subprocess, "run", run)
    scan_ocr._run(["--version"])
    assert seen["cpu"] == str(scan_ocr.TIMEOUT_S)
    assert resource.getrlimit(resource.RLIMIT_CPU)[0] != scan_ocr.TIMEOUT_S      # this process is not bounded
