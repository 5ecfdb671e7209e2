"""The inbox folder: arrivals, claims, recovery after a crash, filing by verdict."""
from __future__ import annotations

from datetime import date

from flows import inbox


def _drop(folder, name, data=b"isi"):
    path = folder / name
    path.write_bytes(data)
    return path


def test_waiting_skips_temporary_and_lock_files_and_the_inboxs_own_but_not_hidden_files(tmp_path):
    for name in ["a.docx", "~$a.docx", ".hidden.pdf", "b.pdf.part", "c.tmp", "d.xlsx", ".~lock.a.docx#",
                 ".abk.lock", ".abk.terbit.lock", ".register.sqlite", ".register.sqlite-journal", ".gitkeep"]:
        _drop(tmp_path, name)
    (tmp_path / "diterima").mkdir()
    assert [p.name for p in inbox.waiting(tmp_path)] == [".hidden.pdf", "a.docx", "d.xlsx"]


def test_claim_moves_files_and_recover_puts_them_back(tmp_path):
    _drop(tmp_path, "a.docx", b"1")
    _drop(tmp_path, "b.pdf", b"2")
    arrivals = inbox.claim(tmp_path, inbox.waiting(tmp_path))
    assert [a.name for a in arrivals] == ["a.docx", "b.pdf"]
    assert inbox.waiting(tmp_path) == []
    assert all(a.path.parent.name == inbox.CLAIMED for a in arrivals)
    # A pass that died while holding them: the next pass finds them waiting again, none lost.
    inbox.recover(tmp_path)
    assert [p.name for p in inbox.waiting(tmp_path)] == ["a.docx", "b.pdf"]


def test_a_file_taken_by_another_pass_is_skipped(tmp_path):
    path = _drop(tmp_path, "a.docx")
    stale = [path]
    inbox.claim(tmp_path, stale)
    assert inbox.claim(tmp_path, stale) == []


def test_rejected_file_is_kept_with_its_reason(tmp_path):
    _drop(tmp_path, "rusak.pdf", b"%PDF-rusak")
    [arrival] = inbox.claim(tmp_path, inbox.waiting(tmp_path))
    target = inbox.file_rejected(tmp_path, arrival, "Berkas rusak.pdf ditolak", "<p>laporan</p>")
    assert target.read_bytes() == b"%PDF-rusak"
    assert target.parent.name == "karantina"
    assert "ditolak" in target.with_name(target.name + ".alasan.txt").read_text()
    assert target.with_name(target.name + ".laporan.html").exists()


def test_a_repeated_file_is_kept_aside_with_a_note_not_deleted(tmp_path):
    _drop(tmp_path, "a.docx", b"sama")
    [first] = inbox.claim(tmp_path, inbox.waiting(tmp_path))
    kept = inbox.file_accepted(tmp_path, first)
    _drop(tmp_path, "a (1).docx", b"sama")
    [second] = inbox.claim(tmp_path, inbox.waiting(tmp_path))
    assert inbox.accepted_hashes(tmp_path)[second.sha256[:16]] == kept
    aside = inbox.file_duplicate(tmp_path, second, kept)
    assert aside.read_bytes() == b"sama" and aside.parent.name == "duplikat"
    assert kept.name in aside.with_name(aside.name + ".catatan.txt").read_text()
    assert inbox.accepted_files(tmp_path) == [kept]
    assert inbox.original_name(kept) == "a.docx"


def test_accepted_files_keep_their_order(tmp_path):
    for name in ["z.docx", "a.docx"]:
        _drop(tmp_path, name, name.encode())
        [arrival] = inbox.claim(tmp_path, inbox.waiting(tmp_path))
        inbox.file_accepted(tmp_path, arrival)
    assert [inbox.original_name(p) for p in inbox.accepted_files(tmp_path)] == ["z.docx", "a.docx"]


def test_hostile_file_names_are_made_safe(tmp_path):
    from report_templates.file_names import portable_name

    names = ["../../etc/passwd", "laporan $(rm -rf ~).docx", 'kutip "ganda" \'tunggal\'.pdf',
             "ünïcødé jabatan.xlsx", "x" * 400 + ".docx", "\x00nul\n.pdf", "..", ".docx"]
    seen = set()
    for name in names:
        safe = portable_name(name)
        assert "/" not in safe and "\x00" not in safe and "\n" not in safe
        assert not safe.startswith(".")
        assert len(safe.encode()) <= 180
        (tmp_path / safe).write_bytes(b"ok")          # creatable as one file in the folder
        seen.add(safe)
    assert portable_name("x" * 400 + ".docx").endswith(".docx")
    assert portable_name('a<b>:c|d?e*"f.docx ') == "a_b__c_d_e__f.docx"      # opens on a Windows share
    assert portable_name("ünïcødé jabatan.xlsx") == "ünïcødé jabatan.xlsx"


def test_a_name_that_is_not_utf8_is_judged_filed_and_recorded(tmp_path):
    import os

    from extractors import ExtractorPool
    from flows.config import load_config
    from flows.pipeline import consolidate, file_verdicts, judge, register_entries, take_arrivals
    from flows.register import Register

    os.makedirs(tmp_path / "inbox")
    raw = os.fsdecode(b"laporan \xff\n.docx")                      # cp1252 byte and a newline, from a share
    (tmp_path / "inbox" / raw).write_bytes(b"bukan dokumen Word")
    config = load_config(None)
    arrivals = take_arrivals(tmp_path / "inbox")
    assert [a.name for a in arrivals] == ["laporan ÿ .docx"]
    with ExtractorPool(config.limits, workers=1) as pool:
        verdicts = judge(tmp_path / "inbox", arrivals, config, pool)
        file_verdicts(tmp_path / "inbox", verdicts, lambda assessment: None, config)
        consolidation = consolidate(tmp_path / "inbox", config, pool, date(2026, 11, 22))
        entries = register_entries(tmp_path / "inbox", verdicts, consolidation, set())
    [quarantined] = inbox.quarantined_files(tmp_path / "inbox")
    assert quarantined.read_bytes() == b"bukan dokumen Word" and quarantined.name.endswith("laporan ÿ .docx")
    register = Register(f"sqlite:///{tmp_path / 'register.sqlite'}")
    register.record(entries, "uji")
    assert [row["file_name"] for row in register.status_rows()] == ["laporan ÿ .docx"]


def test_quarantine_names_are_never_reused_whatever_files_are_called_or_removed(tmp_path):
    def reject(name, data):
        _drop(tmp_path, name, data)
        [arrival] = inbox.claim(tmp_path, inbox.waiting(tmp_path))
        return inbox.file_rejected(tmp_path, arrival, f"alasan {name}", "<p>laporan</p>")

    sender_note = reject("x.alasan.txt", b"isi pengirim")             # a sender's file named like our note
    first = reject("x", b"pertama")
    second = reject("lama.docx", b"kedua")
    second.unlink()                                                   # an operator tidies the folder
    third = reject("x", b"ketiga")
    assert sender_note.read_bytes() == b"isi pengirim" and first.read_bytes() == b"pertama"
    assert third.read_bytes() == b"ketiga"
    assert len({sender_note.name, first.name, second.name, third.name}) == 4
    assert inbox.number_of(third) > inbox.number_of(second)
    assert first.with_name(first.name + ".alasan.txt").read_text() == "alasan x"


def test_filing_again_after_an_io_error_files_nothing_twice(tmp_path, monkeypatch):
    from calculators.results import Assessment
    from flows import pipeline
    from flows.config import load_config

    _drop(tmp_path, "a.docx", b"isi a")
    _drop(tmp_path, "b.docx", b"isi b")
    arrivals = inbox.claim(tmp_path, inbox.waiting(tmp_path))
    verdicts = [pipeline.Verdict(a, None, Assessment(a.name, True, None, "Diterima", [], [])) for a in arrivals]
    from flows.accepted_store import AcceptedStore

    real, calls = AcceptedStore.keep_submission, []

    def disk_full_once(store, path, submission):
        calls.append(path)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real(store, path, submission)
    monkeypatch.setattr(AcceptedStore, "keep_submission", disk_full_once)
    try:
        pipeline.file_verdicts(tmp_path, verdicts, lambda assessment: None, load_config(None))
    except OSError:
        pass                                                          # Prefect retries the step
    pipeline.file_verdicts(tmp_path, verdicts, lambda assessment: None, load_config(None))
    assert [inbox.original_name(p) for p in inbox.accepted_files(tmp_path)] == ["a.docx", "b.docx"]
    assert not (tmp_path / "duplikat").exists()
    assert [v.status for v in verdicts] == ["diterima", "diterima"]


def test_a_link_is_quarantined_without_being_read_through(tmp_path):
    from extractors import ExtractorPool
    from flows.config import load_config
    from flows.pipeline import file_verdicts, judge, take_arrivals

    secret = tmp_path / "rahasia.docx"
    secret.write_bytes(b"bukan urusan inbox")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "abk.docx").symlink_to(secret)
    config = load_config(None)
    arrivals = take_arrivals(folder)
    with ExtractorPool(config.limits, workers=1) as pool:
        verdicts = judge(folder, arrivals, config, pool)
        file_verdicts(folder, verdicts, lambda assessment: None, config)
    [quarantined] = inbox.quarantined_files(folder)
    assert quarantined.is_symlink() and secret.read_bytes() == b"bukan urusan inbox"
    assert verdicts[0].assessment.reason == "unsupported_format"
    assert "tautan" in quarantined.with_name(quarantined.name + ".alasan.txt").read_text()


def test_a_name_of_254_bytes_is_put_back_after_a_crash_even_when_taken(tmp_path):
    name = "x" * 249 + ".docx"
    _drop(tmp_path, name, b"pertama")
    inbox.claim(tmp_path, inbox.waiting(tmp_path))
    _drop(tmp_path, name, b"kedua")                                   # the same name dropped again meanwhile
    inbox.recover(tmp_path)
    names = sorted(p.name for p in inbox.waiting(tmp_path))
    assert len(names) == 2 and all(n.endswith(".docx") and len(n.encode()) <= 255 for n in names)


def test_a_file_over_the_size_limit_is_known_by_its_head_not_hashed_whole(tmp_path):
    import hashlib

    path = tmp_path / "besar.pdf"
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.7 kepala")
        handle.truncate(50 * 2**20)                                   # sparse: 50 MB that cost nothing
    [arrival] = inbox.claim(tmp_path, inbox.waiting(tmp_path), max_bytes=10 * 2**20)
    with open(arrival.path, "rb") as handle:
        head = handle.read(2**20)
    assert arrival.sha256 == hashlib.sha256(b"size:%d:" % (50 * 2**20) + head).hexdigest()
