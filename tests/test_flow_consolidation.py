"""Consolidation of the accepted files, without Prefect: what a pass computes once it has filed its verdicts."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from extractors import ExtractorPool
from flows import pipeline
from flows.config import load_config
from flows.ledger import record_of
from tests.forms import worked_example, write_form

DAY = date(2026, 11, 22)


class NoReading:
    """A pool that must not be used: everything the consolidation needs is already at hand."""

    def map(self, paths):
        raise AssertionError(f"re-read {list(paths)}")


def _form(nama: str, bezetting: int, unit=("Sub Bidang Formasi", "Bidang Pengadaan", "Badan Kepegawaian Daerah")):
    form = worked_example()
    return replace(form, header=replace(form.header, nama_jabatan=nama, bezetting=bezetting, unit_kerja=list(unit)))


def _pass(inbox, config, pool):
    verdicts = pipeline.judge(inbox, pipeline.take_arrivals(inbox), config, pool)
    pipeline.file_verdicts(inbox, verdicts, lambda assessment: "laporan", config)
    return verdicts


@pytest.fixture
def config():
    return load_config(None)


def _laporan(consolidation) -> list:
    return [path for _, path in consolidation.laporan]


def _totals(consolidation) -> list[tuple]:
    return [(r.unit_kerja, r.nama_jabatan, r.b, r.k) for r in consolidation.rekap.rows]


def test_a_pass_consolidates_what_it_just_judged_without_reading_or_computing_it_again(tmp_path, config, monkeypatch):
    import calculators

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form([_form("Pengolah Data", 1)], inbox / "a.docx", "docx")
    write_form([_form("Analis Kepegawaian", 2)], inbox / "b.xlsx", "xlsx")
    with ExtractorPool(config.limits, workers=1) as pool:
        verdicts = _pass(inbox, config, pool)
    monkeypatch.setattr(calculators, "assess", lambda *_: pytest.fail("computed again"))

    fresh = pipeline.consolidate(inbox, config, NoReading(), DAY)

    assert list(fresh.ledger) == [record_of(f"diterima/{v.stored_as.name}", v.assessment) for v in verdicts]
    assert [len(p.rows) for p in fresh.positions] == [len(v.assessment.positions[0].rows) for v in verdicts]
    monkeypatch.undo()
    assert [p.name for p in fresh.files] == sorted(p.name for p in (inbox / "diterima").iterdir() if p.is_file())
    for cached in (inbox / "diterima" / ".cache").iterdir():
        cached.unlink()
    with ExtractorPool(config.limits, workers=1) as pool:
        reread = pipeline.consolidate(inbox, config, pool, DAY)      # nothing kept beside the files any more
    assert _totals(reread) == _totals(fresh)
    assert reread.rekap.total.k == fresh.rekap.total.k == 2
    assert len(list((inbox / "diterima" / ".cache").glob("*.pickle"))) == 2, "the extractions are kept again"
    assert len(list((inbox / "diterima" / ".cache").glob("*.assessment"))) == 2, "and the assessments"


def test_a_later_pass_computes_only_what_is_new_unless_the_rules_changed(tmp_path, config, monkeypatch):
    import calculators
    from calculators.settings import PERKA_BKN_2011

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form([_form("Pengolah Data", 1)], inbox / "a.docx", "docx")
    with ExtractorPool(config.limits, workers=1) as pool:
        _pass(inbox, config, pool)
        pipeline.consolidate(inbox, config, NoReading(), DAY)
    computed = []
    real = calculators.assess
    monkeypatch.setattr(calculators, "assess", lambda submission, *rest: computed.append(submission) or
                        real(submission, *rest))
    again = pipeline.consolidate(inbox, config, NoReading(), DAY)
    assert computed == [] and again.rekap.total.k == 1
    other = replace(config, rules=replace(config.rules, regime=PERKA_BKN_2011), fingerprint=config.fingerprint + "x")
    changed = pipeline.consolidate(inbox, other, NoReading(), DAY)
    assert len(computed) == 1 and changed.positions[0].regime == "perka_bkn_19_2011"
    assert len(list((inbox / "diterima" / ".cache").glob("*.assessment"))) == 1, "the old rules' one is gone"


def test_a_later_pass_takes_earlier_files_from_the_cache_and_the_newer_form_replaces_the_older(tmp_path, config):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form([_form("Pengolah Data", 1)], inbox / "lama.docx", "docx")
    with ExtractorPool(config.limits, workers=1) as pool:
        _pass(inbox, config, pool)
        write_form([_form("Pengolah Data", 3)], inbox / "baru.pdf", "pdf")
        _pass(inbox, config, pool)

    consolidation = pipeline.consolidate(inbox, config, NoReading(), DAY)

    assert [r["file"] for r in consolidation.ledger] == ["lama.docx", "baru.pdf"]
    assert [name for name, _ in consolidation.laporan] == ["lama.docx", "baru.pdf"]
    assert [(r.nama_jabatan, r.b) for r in consolidation.rekap.rows] == [("Pengolah Data", 3)]
    [superseded] = consolidation.superseded
    assert (superseded["file"], superseded["replaced_by"]) == ("lama.docx", "baru.pdf")


def test_each_accepted_file_gets_its_laporan_rendered_once_per_configuration(tmp_path, config):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form([_form("Pengolah Data", 1)], inbox / "a.docx", "docx")
    with ExtractorPool(config.limits, workers=1) as pool:
        _pass(inbox, config, pool)
        first = _laporan(pipeline.consolidate(inbox, config, NoReading(), DAY))
        kept = {p.name: p.stat() for p in first}

        write_form([_form("Analis Kepegawaian", 2)], inbox / "b.xlsx", "xlsx")
        _pass(inbox, config, pool)
        later = date(2026, 12, 1)
        second = _laporan(pipeline.consolidate(inbox, config, NoReading(), later))

    assert len(second) == 2 and second[0] == first[0]
    assert (second[0].stat().st_ino, second[0].stat().st_mtime_ns) == \
        (kept[first[0].name].st_ino, kept[first[0].name].st_mtime_ns), "an unchanged file is not rendered again"
    assert "a.docx" in second[0].read_text(encoding="utf-8") and "b.xlsx" in second[1].read_text(encoding="utf-8")
    assert "22 November 2026" in second[0].read_text(encoding="utf-8")      # examined on the first pass
    assert "1 Desember 2026" in second[1].read_text(encoding="utf-8")

    changed = replace(config, fingerprint="f" * 64)                          # e.g. another rounding rule
    third = _laporan(pipeline.consolidate(inbox, changed, NoReading(), later))
    assert {p.name for p in third} == {p.name for p in third[0].parent.glob("*.html")}, "old ones dropped"
    assert not set(p.name for p in third) & set(p.name for p in second)


def test_a_listed_position_whose_form_was_rejected_is_said_to_wait_for_a_correction(tmp_path, config):
    from calculators.coverage import PositionList
    from calculators.organisation import Organisation
    from flows.register import Register

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bad = _form("Analis Kepegawaian", 1)
    bad.rows[0].norma_waktu_menit *= 10000                         # longer than a whole working year: an error
    write_form([_form("Pengolah Data", 1)], inbox / "a.docx", "docx")
    write_form([bad], inbox / "b.docx", "docx")
    unit = "Sub Bidang Formasi / Bidang Pengadaan / Badan Kepegawaian Daerah"
    listed = replace(config, organisation=Organisation(listed=PositionList(frozenset(
        {(unit, "Pengolah Data"), (unit, "Analis Kepegawaian"), (unit, "Pranata Komputer")}))))
    with ExtractorPool(listed.limits, workers=1) as pool:
        verdicts = _pass(inbox, listed, pool)
        consolidation = pipeline.consolidate(inbox, listed, NoReading(), DAY)
    assert [v.status for v in verdicts] == ["diterima", "ditolak"]
    register = Register.for_inbox(inbox)
    register.record(pipeline.register_entries(inbox, verdicts, consolidation, register.known()), "uji")
    coverage = pipeline.coverage(inbox, consolidation, listed)
    assert [m[2] for m in coverage.missing] == ["Analis Kepegawaian", "Pranata Komputer"]
    from report_templates.context import common

    said = {m["jabatan"]: m["keterangan"] for m in common(consolidation.rekap, listed.instansi, listed.rules, DAY,
                                                            coverage=coverage)["belum_tercakup"]}
    assert said == {"Analis Kepegawaian": "formulir ditolak, menunggu perbaikan",
                    "Pranata Komputer": "formulir belum diterima"}
    rejected = [r for r in register.status_rows() if r["status"] == "ditolak"]
    assert [(r["nama_jabatan"], r["k"]) for r in rejected] == [("Analis Kepegawaian", None)]   # no K from a bad form
    from flows.status import status_report

    report = status_report(register, set(listed.organisation.listed.entries))["perangkat_daerah"]
    assert report["Badan Kepegawaian Daerah"]["menunggu_perbaikan"] == [f"Analis Kepegawaian — {unit}"]
    assert report["Badan Kepegawaian Daerah"]["belum_masuk"] == [f"Pranata Komputer — {unit}"]
