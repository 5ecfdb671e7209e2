"""A believable pass for the document tests: two perangkat daerah with structural, JF and pelaksana
positions (25+), one Dinas large enough that its peta must be split over pages, and names carrying
& < > and a leading "=" to prove form text stays data. Built from forms through the calculators, so
the numbers in the documents are the calculators' own."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from calculators import consolidate, position, rejected
from calculators.results import Assessment
from calculators.settings import Rules
from extractors.submission import Form, Header, Row
from report_templates.instansi import Instansi, Signatory

TANGGAL = date(2026, 11, 22)
RULES = Rules()
NASTY_JABATAN = "Pengelola Data & Informasi <script>alert(1)</script>"
FORMULA_JABATAN = "=HYPERLINK(\"http://x\",\"klik\")"

SEKRETARIAT = "Sekretariat Dinas Pendidikan"
DINAS_PENDIDIKAN = "Dinas Pendidikan dan Kebudayaan"
BKPSDM = "Badan Kepegawaian dan Pengembangan SDM"


def instansi(**changes) -> Instansi:
    base = Instansi(
        nama="Pemerintah Kabupaten Contoh",
        kop=("PEMERINTAH KABUPATEN CONTOH", "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"),
        alamat="Jalan Jenderal Sudirman Nomor 1, Contoh 91911, Telepon (0411) 000000",
        kota="Contoh",
        ppk=Signatory("Andi Contoh, S.H., M.Si.", "Bupati Contoh"),
        nomor_surat="800.1.2/123/BKPSDM",
        tembusan=("Gubernur Sulawesi Selatan", "Sekretaris Daerah Kabupaten Contoh"),
    )
    return replace(base, **changes)


def _form(name: str, units: list[str], b: int, tasks: list[tuple[int, int]], kelas: int, jenis: str | None = None,
          pendidikan: str | None = None) -> Form:
    """A tugas-per-tugas form: (norma minutes, volume a year) per row, WKE per tahun of the regime."""
    rows = [Row(i, f"Menyusun laporan {i} untuk {name}", no=i, satuan="Laporan", periode="tahun",
                norma_waktu_menit=D(norma), volume=D(volume), wke_menit=D(75000))
            for i, (norma, volume) in enumerate(tasks, start=1)]
    header = Header(nama_jabatan=name, unit_kerja=units, kelas_jabatan=kelas, bezetting=b, jenis_jabatan=jenis,
                    pendidikan=pendidikan)
    return Form("tugas_per_tugas", header, rows)


def _unit_positions(units: list[str], head: str, kelas_head: int, seed: int) -> list[Form]:
    """A head, two JF and three pelaksana in one unit, with needs that differ from unit to unit."""
    return [
        _form(head, units, 1, [(60, 200)], kelas_head, "struktural", "S1"),
        _form("Analis Kebijakan Ahli Muda", units, 1 + seed % 2, [(240, 300 + 40 * seed), (120, 150)], 9,
              "fungsional", "S1/D-IV"),
        _form("Pranata Komputer Terampil", units, 2, [(90, 500 + 60 * seed)], 7, "fungsional", "D-III"),
        _form("Pengadministrasi Perkantoran", units, 3, [(30, 1800 + 200 * seed), (15, 600)], 5, "pelaksana",
              "SMA/sederajat"),
        _form("Pengelola Layanan Operasional", units, 1, [(45, 900 + 100 * seed)], 6, "pelaksana", "D-III"),
    ]


def forms() -> list[tuple[str, Form]]:
    """(source file, form) for every position."""
    out: list[tuple[str, Form]] = []
    top = [DINAS_PENDIDIKAN]
    out.append(("kepala_dinas.docx", _form("Kepala Dinas Pendidikan dan Kebudayaan", top, 1, [(60, 300)], 14,
                                           "struktural", "S2")))
    subunits = [(SEKRETARIAT, "Sekretaris"), ("Bidang Pembinaan Sekolah Dasar", "Kepala Bidang"),
                ("Bidang Pembinaan Sekolah Menengah Pertama", "Kepala Bidang"),
                ("Bidang Pendidikan Anak Usia Dini dan Pendidikan Nonformal", "Kepala Bidang"),
                ("Bidang Kebudayaan", "Kepala Bidang"), ("Bidang Ketenagaan", "Kepala Bidang"),
                ("Unit Pelaksana Teknis Dinas Pendidikan Wilayah Utara", "Kepala UPTD")]
    for seed, (unit, head) in enumerate(subunits):
        name = "Sekretaris Dinas" if head == "Sekretaris" else f"{head} {unit.split(' ', 1)[1]}"
        for form in _unit_positions([unit, DINAS_PENDIDIKAN], name, 12 if head == "Sekretaris" else 11, seed):
            out.append((f"dinas_{seed}.xlsx", form))
    out.append(("sub_umum.pdf", _form("Kepala Sub Bagian Umum dan Kepegawaian",
                                      ["Sub Bagian Umum dan Kepegawaian", SEKRETARIAT, DINAS_PENDIDIKAN], 1,
                                      [(60, 100)], 9, "struktural", "S1")))
    out.append(("sub_umum.pdf", _form("Pengelola Kepegawaian",
                                      ["Sub Bagian Umum dan Kepegawaian", SEKRETARIAT, DINAS_PENDIDIKAN], 2,
                                      [(60, 2400)], 6, "pelaksana", "S1")))
    bk = [BKPSDM]
    out.append(("bkpsdm.docx", _form("Kepala Badan Kepegawaian dan Pengembangan SDM", bk, 1, [(60, 100)], 14,
                                     "struktural", "S2")))
    out.append(("bkpsdm.docx", _form("Analis SDM Aparatur Ahli Pertama", bk, 2, [(300, 400), (90, 700)], 8,
                                     "fungsional", "S1")))
    out.append(("bkpsdm.docx", _form(NASTY_JABATAN, ["Bidang Data & Informasi <Kepegawaian>", BKPSDM], 1,
                                     [(120, 900)], 7, "pelaksana", "S1 Teknik Informatika")))
    out.append(("bkpsdm.docx", _form(FORMULA_JABATAN, ["Bidang Data & Informasi <Kepegawaian>", BKPSDM], 0,
                                     [(60, 1300)], 6, "pelaksana", "-D-III")))
    return out


def positions():
    # The second form came in as a scan whose reading its arithmetic confirmed: the documents say so.
    return [replace(position(form, RULES, file_name=source), ocr=i == 1) for i, (source, form) in enumerate(forms())]


def rekap():
    return consolidate(positions(), RULES, instansi().nama)


def assessments() -> list[Assessment]:
    by_file: dict[str, list] = {}
    for p in positions():
        by_file.setdefault(p.file_name, []).append(p)
    out = [Assessment(name, True, None, f"Diterima: {len(ps)} formulir.", [f for p in ps for f in p.findings], ps)
           for name, ps in by_file.items()]
    out.append(rejected("../../etc/scan <rusak>.pdf", "no_text_layer",
                        "PDF hasil pindai tanpa lapisan teks; kirim versi .docx atau .xlsx."))
    return out
