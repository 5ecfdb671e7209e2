"""The checks before parsing, and every bad file with its reason code (../shared/cli-contract.md)."""
from __future__ import annotations

import pytest

from extractors import Limits, extract, guard
from extractors.submission import TOO_LARGE, UNREADABLE, UNSUPPORTED_FORMAT, ExtractionError
from tests.forms.bad_files import BAD_FILES, deflate_bomb_docx, form_pdf, legacy_doc, png_as_docx


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_gets_its_reason_and_a_one_line_message(tmp_path, name):
    bad = BAD_FILES[name]
    path = bad.build(tmp_path)
    if bad.reason is None:
        submission = extract(path)
        assert submission.forms and submission.forms[0].rows
        return
    with pytest.raises(ExtractionError) as caught:
        extract(path)
    assert caught.value.reason == bad.reason
    message = caught.value.message
    assert message and "\n" not in message and path.name not in message and "Traceback" not in message


def test_the_print_restricted_pdf_is_read_as_the_form_it_is(tmp_path):
    submission = extract(BAD_FILES["print_restricted_pdf"].build(tmp_path))
    form = submission.forms[0]
    assert submission.format == "pdf" and submission.pages == 1
    assert form.header.nama_jabatan == "Pengolah Data Formasi"
    assert [r.uraian for r in form.rows][0] == "Memeriksa data usulan formasi"
    assert [r.norma_waktu_menit for r in form.rows] == [15, 30, 6000]


def test_the_real_format_wins_over_a_missing_or_foreign_extension(tmp_path):
    good = tmp_path / "formulir"                      # no extension at all
    good.write_bytes(form_pdf())
    assert guard.check(good, Limits()) == "pdf"
    renamed = tmp_path / "formulir.odt"
    renamed.write_bytes(form_pdf())
    assert guard.check(renamed, Limits()) == "pdf"


def test_a_file_whose_bytes_are_another_supported_format_is_refused_by_name(tmp_path):
    path = tmp_path / "abk.docx"
    path.write_bytes(form_pdf())
    with pytest.raises(ExtractionError) as caught:
        guard.check(path, Limits())
    assert caught.value.reason == UNREADABLE and "PDF" in caught.value.message


def test_a_pdf_header_after_leading_junk_is_still_a_pdf(tmp_path):
    path = tmp_path / "dengan awalan.pdf"
    path.write_bytes(b"\r\n\xef\xbb\xbf" + form_pdf())
    assert guard.check(path, Limits()) == "pdf"


def test_a_legacy_excel_file_is_unsupported_whatever_its_name(tmp_path):
    path = tmp_path / "abk.xlsx"
    path.write_bytes(legacy_doc(tmp_path).read_bytes())
    with pytest.raises(ExtractionError) as caught:
        guard.check(path, Limits())
    assert caught.value.reason == UNSUPPORTED_FORMAT and ".xlsx" in caught.value.message


def test_a_picture_is_a_format_of_its_own_read_by_ocr(tmp_path):
    path = png_as_docx(tmp_path).rename(tmp_path / "foto.png")
    assert guard.check(path, Limits()) == "png"
    with pytest.raises(ExtractionError) as caught:            # 8 x 8 pixels: no page at any resolution
        extract(path)
    assert caught.value.reason == UNREADABLE and "terlalu kecil" in caught.value.message


def test_limits_are_configurable(tmp_path):
    path = tmp_path / "abk.pdf"
    path.write_bytes(form_pdf())
    with pytest.raises(ExtractionError) as caught:
        guard.check(path, Limits(max_bytes=path.stat().st_size - 1))
    assert caught.value.reason == TOO_LARGE
    assert guard.check(path, Limits(max_bytes=path.stat().st_size)) == "pdf"

    bomb = deflate_bomb_docx(tmp_path, megabytes=2)
    with pytest.raises(ExtractionError) as caught:
        guard.check(bomb, Limits(max_uncompressed_bytes=2**20))
    assert caught.value.reason == TOO_LARGE and "batas 1 MB" in caught.value.message


def test_a_zip_that_is_cut_short_is_unreadable(tmp_path):
    whole = deflate_bomb_docx(tmp_path, megabytes=1).read_bytes()
    path = tmp_path / "terpotong.docx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ExtractionError) as caught:
        guard.check(path, Limits())
    assert caught.value.reason == UNREADABLE


def test_a_folder_or_a_missing_file_is_a_verdict_not_a_traceback(tmp_path):
    for path in (tmp_path, tmp_path / "tidak ada.pdf"):
        with pytest.raises(ExtractionError) as caught:
            extract(path)
        assert caught.value.reason == UNREADABLE


@pytest.mark.parametrize("name", ["spasi dan  dua spasi.pdf", "ünïcödé – formulir ABK.pdf", "kutip ' dan \".pdf",
                                  "$(rm -rf ~) `id`.pdf", "..pdf", "-n.pdf", "a" * 196 + ".pdf"])
def test_file_names_are_data(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(form_pdf())
    submission = extract(path)
    assert submission.file_name == str(path) and len(submission.forms[0].rows) == 3


def test_megabytes_round_up_so_a_size_over_the_limit_never_prints_equal():
    assert guard._mb(10 * 2**20) == "10"
    assert guard._mb(10 * 2**20 + 1) == "10,1"
    assert guard._mb(3 * 2**19) == "1,5"
