"""The PDF reader: blocks in reading order, ruled and borderless tables, pages, and refusals."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractors import Limits, extract, pdf_reader
from extractors.blocks import Grid, Paragraph
from extractors.submission import ENCRYPTED, NO_TEXT_LAYER, TOO_LARGE, UNREADABLE, ExtractionError
from tests.forms import Layout, worked_example, write_form
from tests.forms.bad_files import (FORM_HEADER, FORM_TABLE, Encryption, _text, form_pdf, many_pages_pdf, pdf_bytes,
                                   ruled_table_content)


def _write(tmp_path, data: bytes, name: str = "abk.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_header_lines_become_paragraphs_and_the_ruled_table_a_grid_in_reading_order(tmp_path):
    blocks, pages = pdf_reader.read(_write(tmp_path, form_pdf()), Limits())
    assert pages == 1
    assert [type(b) for b in blocks] == [Paragraph, Paragraph, Paragraph, Grid]
    assert blocks[0].text == "Nama Jabatan : Pengolah Data Formasi"
    assert blocks[3].rows == FORM_TABLE
    assert {b.location for b in blocks} == {"halaman 1"}


def test_text_below_a_table_comes_after_it(tmp_path):
    content = ruled_table_content(FORM_HEADER[:1], FORM_TABLE) + _text(40, 60, "Kepala Dinas, tanda tangan")
    blocks, _ = pdf_reader.read(_write(tmp_path, pdf_bytes([content])), Limits())
    assert isinstance(blocks[-1], Paragraph) and blocks[-1].text == "Kepala Dinas, tanda tangan"
    assert isinstance(blocks[-2], Grid)


def test_a_table_continued_at_the_top_of_the_next_page_is_marked(tmp_path):
    first = ruled_table_content(FORM_HEADER, FORM_TABLE[:3])
    second = ruled_table_content([], FORM_TABLE[3:], top=575)
    blocks, pages = pdf_reader.read(_write(tmp_path, pdf_bytes([first, second])), Limits())
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert pages == 2 and [g.continued for g in grids] == [False, True]
    assert grids[1].location == "halaman 2" and grids[1].rows == FORM_TABLE[3:]


def test_a_new_form_on_the_next_page_is_not_a_continuation(tmp_path):
    page = ruled_table_content(FORM_HEADER, FORM_TABLE)
    blocks, _ = pdf_reader.read(_write(tmp_path, pdf_bytes([page, page])), Limits())
    assert [b.continued for b in blocks if isinstance(b, Grid)] == [False, False]
    assert len(extract(_write(tmp_path, pdf_bytes([page, page]), "dua.pdf")).forms) == 2


def test_a_borderless_table_is_found_from_the_alignment_of_its_words(tmp_path):
    content = ruled_table_content(FORM_HEADER, FORM_TABLE, ruled=False)
    blocks, _ = pdf_reader.read(_write(tmp_path, pdf_bytes([content])), Limits())
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert len(grids) == 1 and grids[0].rows == FORM_TABLE
    assert [b.text for b in blocks if isinstance(b, Paragraph)][0] == "Nama Jabatan : Pengolah Data Formasi"


def test_a_page_of_prose_stays_prose(tmp_path):
    lines = b"".join(_text(40, 560 - 14 * i, f"Paragraf surat pengantar baris {i} tanpa tabel.") for i in range(8))
    blocks, _ = pdf_reader.read(_write(tmp_path, pdf_bytes([lines])), Limits())
    assert all(isinstance(b, Paragraph) for b in blocks) and len(blocks) == 8


def test_merged_header_cells_are_none(tmp_path):
    path = write_form([worked_example()], tmp_path / "dua baris.pdf", "pdf", Layout(header_rows=2))
    blocks, _ = pdf_reader.read(path, Limits())
    table = next(b for b in blocks if isinstance(b, Grid) and any("Uraian" in (c or "") for c in b.rows[0]))
    assert None in table.rows[0] or None in table.rows[1]


def test_the_worked_example_pdf_extracts_exactly(tmp_path):
    truth = worked_example()
    path = write_form([truth], tmp_path / "contoh.pdf", "pdf")
    form = extract(path).forms[0]
    assert form.header.nama_jabatan == truth.header.nama_jabatan
    assert form.header.unit_kerja == truth.header.unit_kerja
    assert [(r.uraian, r.norma_waktu_menit, r.volume, r.wke_menit) for r in form.rows] == \
        [(r.uraian, r.norma_waktu_menit, r.volume, r.wke_menit) for r in truth.rows]
    assert form.printed_total == Decimal("1.288")


def test_a_user_password_is_encrypted_and_an_owner_password_alone_opens(tmp_path):
    with pytest.raises(ExtractionError) as caught:
        pdf_reader.read(_write(tmp_path, form_pdf(Encryption(user_password="rahasia"))), Limits())
    assert caught.value.reason == ENCRYPTED
    blocks, _ = pdf_reader.read(_write(tmp_path, form_pdf(Encryption()), "cetak.pdf"), Limits())
    assert [b for b in blocks if isinstance(b, Grid)][0].rows == FORM_TABLE


def test_pages_of_pictures_only_have_no_text_layer(tmp_path):
    picture = b"q 100 0 0 100 40 40 cm 0 g 0 0 1 1 re f Q\n"
    with pytest.raises(ExtractionError) as caught:
        pdf_reader.read(_write(tmp_path, pdf_bytes([picture, picture])), Limits())
    assert caught.value.reason == NO_TEXT_LAYER


def test_the_page_limit_is_checked_from_the_catalog_before_reading_pages(tmp_path):
    path = many_pages_pdf(tmp_path, pages=3)
    assert pdf_reader.read(path, Limits(max_pages=3))[1] == 3
    with pytest.raises(ExtractionError) as caught:
        pdf_reader.read(path, Limits(max_pages=2))
    assert caught.value.reason == TOO_LARGE and "3 halaman" in caught.value.message
    liar = _write(tmp_path, pdf_bytes([b""], declared_pages=10**6), "sejuta.pdf")
    with pytest.raises(ExtractionError) as caught:
        pdf_reader.read(liar, Limits())
    assert caught.value.reason == TOO_LARGE


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_a_pdf_cut_anywhere_is_unreadable(tmp_path, keep):
    data = form_pdf()
    with pytest.raises(ExtractionError) as caught:
        pdf_reader.read(_write(tmp_path, data[: int(len(data) * keep)]), Limits())
    assert caught.value.reason == UNREADABLE


def test_a_borderless_uraian_wrapped_onto_a_second_line_stays_one_row(tmp_path):
    table = FORM_TABLE[:2] + [["", "sampai tahap 17", "", "", "", "", ""]] + FORM_TABLE[2:] + \
        [["", "Jumlah", "", "", "", "", "0,542"]]
    content = ruled_table_content(FORM_HEADER, table, ruled=False)
    grid = next(b for b in pdf_reader.read(_write(tmp_path, pdf_bytes([content])), Limits())[0]
                if isinstance(b, Grid))
    assert grid.rows[1][1] == "Memeriksa data usulan formasi sampai tahap 17"
    assert grid.rows[1][3:] == ["15", "72.000", "600", "0,125"]
    assert grid.rows[-1] == ["", "Jumlah", "", "", "", "", "0,542"]
    assert len(grid.rows) == len(FORM_TABLE) + 1


def _pdf_with_two_copies(tmp_path, offset_px: str):
    from weasyprint import HTML

    html = ('<html><body style="font-family: Liberation Sans"><div style="position:relative;height:20px">'
            '<span style="position:absolute;left:10px;top:0">Pengolah Data</span>'
            f'<span style="position:absolute;{offset_px}">Pengolah Data</span></div></body></html>')
    path = tmp_path / "bold.pdf"
    HTML(string=html).write_pdf(str(path))
    return path


def test_bold_faked_by_printing_twice_is_seen_and_a_repeat_elsewhere_is_not(tmp_path):
    import pdfplumber

    from extractors.pdf_reader import _has_doubled_chars

    with pdfplumber.open(str(_pdf_with_two_copies(tmp_path, "left:10.4px;top:0.2px"))) as pdf:
        page = pdf.pages[0]
        assert _has_doubled_chars(page.chars)
        assert page.dedupe_chars().extract_text() == "Pengolah Data"
    with pdfplumber.open(str(_pdf_with_two_copies(tmp_path, "left:300px;top:0"))) as pdf:
        assert not _has_doubled_chars(pdf.pages[0].chars)


def _html_pdf(tmp_path, body: str, page: str = "110mm 160mm") -> object:
    from weasyprint import HTML

    path = tmp_path / "sempit.pdf"
    HTML(string=f"<style>@page {{ size: {page}; margin: 12mm }} body {{ font: 9pt sans-serif }}</style>{body}") \
        .write_pdf(str(path))
    return path


def test_header_values_and_labels_wrapped_by_a_narrow_page_are_joined(tmp_path):
    unit = "Sub Bidang Formasi / Bidang Pengadaan dan Pemberhentian / Badan Kepegawaian dan Pengembangan Sumber Daya " \
           "Manusia Kabupaten Contoh"
    body = (f"<p>Nama Jabatan : Analis Data</p><p>Unit Kerja : {unit}</p>"
            "<table style='width:80mm'><tr><td style='width:28mm; vertical-align: top'>Jumlah Pegawai Saat Ini</td>"
            "<td style='vertical-align: top'>3 orang</td></tr></table><p>Lanjutan formulir</p>")
    blocks, _ = pdf_reader.read(_html_pdf(tmp_path, body), Limits())
    texts = [b.text if isinstance(b, Paragraph) else " | ".join(c or "" for c in b.rows[0]) for b in blocks]
    assert f"Unit Kerja : {unit}" in texts, texts
    assert "Jumlah Pegawai Saat Ini | 3 orang" in texts, texts


BORDERLESS_ROWS = [("Menyusun laporan kinerja instansi pemerintah secara berkala sesuai ketentuan yang berlaku",
                    "Laporan", 120, 12), ("Mengolah data kepegawaian", "Data", 30, 500),
                   ("Melaksanakan verifikasi berkas usulan kenaikan pangkat dan mutasi pegawai di lingkungan dinas",
                    "Berkas", 45, 300)]


def _borderless_pdf(tmp_path, valign: str, bold_head: bool) -> object:
    weight = "bold" if bold_head else "normal"
    head = "".join(f"<th style='font-weight:{weight}; vertical-align: bottom'>{title}</th>" for title in
                   ("No", "Uraian Tugas", "Satuan Hasil", "Waktu Penyelesaian (menit)", "Volume", "WKE (menit)",
                    "Kebutuhan Pegawai"))
    body = "".join(
        "<tr>" + "".join(f"<td style='vertical-align:{valign}; padding: 2pt'>{cell}</td>" for cell in
                         (n, uraian, satuan, norma, volume, "75.000",
                          f"{norma * volume / 75000:.4f}".replace(".", ",")))
        + "</tr>" for n, (uraian, satuan, norma, volume) in enumerate(BORDERLESS_ROWS, start=1))
    widths = "".join(f"<col style='width:{w}mm'>" for w in (12, 95, 28, 32, 22, 24, 28))
    html = (f"<p>Nama Jabatan : Analis Data</p><p>Unit Kerja : Seksi Data / Dinas X</p><table style='"
            f"table-layout: fixed; border-collapse: collapse'>{widths}<tr>{head}</tr>{body}</table>")
    return _html_pdf(tmp_path, html, page="297mm 210mm")


@pytest.mark.parametrize("valign", ["top", "middle", "bottom"])
@pytest.mark.parametrize("bold_head", [True, False])
def test_a_borderless_table_with_wrapped_uraian_in_any_vertical_alignment(tmp_path, valign, bold_head):
    form = extract(_borderless_pdf(tmp_path, valign, bold_head)).forms[0]
    assert [(r.no, r.uraian, r.satuan, r.norma_waktu_menit, r.volume) for r in form.rows] == [
        (n, uraian, satuan, norma, volume) for n, (uraian, satuan, norma, volume) in enumerate(BORDERLESS_ROWS, 1)]
