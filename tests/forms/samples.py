"""The demo's sample inbox: forms of the fictional Pemerintah Kabupaten Contoh from three perangkat daerah,
in the mixed formats units send, with one file holding two forms and one bad file for the quarantine.

Run: python -m tests.forms.samples DIR
"""
from __future__ import annotations

import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from extractors.submission import Form, Header, Row
from tests.forms.content import task_form, worked_example
from tests.forms.layout import Layout, as_printed
from tests.forms.writers import docx_to_pdf

D = Decimal
BKPSDM = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
SEKRETARIAT_BKPSDM = ["Sekretariat", BKPSDM]
DLH = "Dinas Lingkungan Hidup"
KECAMATAN = "Kecamatan Contoh Utara"
Y = 75000                               # WKE a year, PermenPAN-RB 1/2020 practice


def _header(nama, units, kelas, bezetting, jenis, pendidikan, ikhtisar) -> Header:
    return Header(nama_jabatan=nama, unit_kerja=units, kelas_jabatan=kelas, bezetting=bezetting, jenis_jabatan=jenis,
                  pendidikan=pendidikan, ikhtisar_jabatan=ikhtisar, instansi="Pemerintah Kabupaten Contoh", tahun=2025)


def kepala_badan() -> Form:
    return task_form(_header("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", [BKPSDM], 14, 1,
                             "struktural", "S-2", "Memimpin penyelenggaraan urusan kepegawaian daerah."),
                     [("Merumuskan kebijakan teknis kepegawaian daerah", "Dokumen", 2400, Y, 6),
                      ("Mengoordinasikan pelaksanaan program dan kegiatan badan", "Rapat", 180, Y, 48),
                      ("Membina dan mengevaluasi kinerja pejabat di lingkungan badan", "Laporan", 480, Y, 12),
                      ("Menandatangani keputusan kepegawaian", "Keputusan", 15, Y, 1200)])


def sekretaris() -> Form:
    return task_form(_header("Sekretaris", SEKRETARIAT_BKPSDM, 12, 1, "struktural", "S-1",
                             "Mengoordinasikan urusan umum, kepegawaian, keuangan dan perencanaan badan."),
                     [("Mengoordinasikan penyusunan rencana kerja dan anggaran", "Dokumen", 1200, Y, 4),
                      ("Memverifikasi surat dan naskah dinas", "Naskah", 10, Y, 1800),
                      ("Mengevaluasi laporan keuangan bulanan", "Laporan", 240, Y, 12),
                      ("Memimpin rapat staf sekretariat", "Rapat", 120, Y, 48)])


def kasubbag_umum() -> Form:
    return task_form(_header("Kepala Sub Bagian Umum dan Kepegawaian", ["Sub Bagian Umum dan Kepegawaian"]
                             + SEKRETARIAT_BKPSDM, 9, 1, "struktural", "S-1",
                             "Memimpin pelaksanaan urusan umum dan kepegawaian sekretariat."),
                     [("Menyusun rencana kegiatan sub bagian", "Dokumen", 480, Y, 4),
                      ("Memeriksa konsep usulan kenaikan pangkat", "Berkas", 30, Y, 240),
                      ("Membagi tugas dan memberi petunjuk kepada staf", "Kegiatan", 30, Y, 240),
                      ("Menyusun laporan kepegawaian", "Laporan", 240, Y, 12)], printed_k=True)


def analis_sdm() -> Form:
    return task_form(_header("Analis SDM Aparatur Ahli Pertama", ["Sub Bidang Formasi",
                                                                  "Bidang Pengadaan dan Pemberhentian", BKPSDM],
                             8, 2, "fungsional", "S-1/D-IV", "Menganalisis kebutuhan dan pengembangan SDM aparatur."),
                     [("Menganalisis kebutuhan formasi jabatan", "Dokumen", 600, Y, 40),
                      ("Menyusun peta jabatan perangkat daerah", "Peta jabatan", 900, Y, 12),
                      ("Memverifikasi usulan analisis beban kerja", "Berkas", 120, Y, 500),
                      ("Menyusun rekomendasi penempatan pegawai", "Rekomendasi", 60, Y, 300),
                      ("Memutakhirkan data jabatan pada SIASN", "Data", 15, 6250, 40)])


def pengadministrasi(units: list[str], volume_text: str | None = None) -> Form:
    form = task_form(_header("Pengadministrasi Perkantoran", units, 5, 3, "pelaksana", "SLTA/D-III",
                             "Melakukan kegiatan administrasi perkantoran."),
                     [("Menerima, mencatat dan mendistribusikan surat masuk", "Surat", 10, 319, 30),
                      ("Mengetik konsep surat dinas", "Surat", 20, 1596, 60),
                      ("Mengarsipkan dokumen", "Berkas", 5, 6250, 200),
                      ("Menyiapkan bahan rapat", "Kegiatan", 60, Y, 48)])
    if volume_text:                     # the bad sample: a volume written in words
        row = form.rows[2]
        row.volume, row.pegawai_tercetak, row.unreadable = None, None, {"volume": volume_text}
        form.printed_total = sum((r.pegawai_tercetak for r in form.rows if r.pegawai_tercetak is not None), D(0))
    return form


def kepala_dinas() -> Form:
    return task_form(_header("Kepala Dinas Lingkungan Hidup", [DLH], 14, 1, "struktural", "S-2",
                             "Memimpin penyelenggaraan urusan lingkungan hidup daerah."),
                     [("Merumuskan kebijakan pengelolaan lingkungan hidup", "Dokumen", 2400, Y, 6),
                      ("Mengoordinasikan pengawasan izin lingkungan", "Laporan", 480, Y, 24),
                      ("Mengevaluasi kinerja bidang", "Laporan", 240, Y, 48)])


def kabid_sampah() -> Form:
    return task_form(_header("Kepala Bidang Pengelolaan Sampah", ["Bidang Pengelolaan Sampah", DLH], 12, 1,
                             "struktural", "S-1 Teknik Lingkungan", "Memimpin pengelolaan sampah daerah."),
                     [("Menyusun rencana pengelolaan sampah", "Dokumen", 1200, Y, 4),
                      ("Mengendalikan operasional pengangkutan sampah", "Laporan", 60, Y, 240),
                      ("Memantau tempat pemrosesan akhir", "Kunjungan", 240, Y, 48)], printed_k=True)


def armada_sampah() -> Form:
    header = _header("Pengemudi Truk Sampah", ["Seksi Penanganan Sampah", "Bidang Pengelolaan Sampah", DLH], 5, 20,
                     "pelaksana", "SLTA", "Mengemudikan kendaraan pengangkut sampah sesuai rute.")
    rows = [Row(1, "Truk sampah (dump truck)", no=1, jumlah_alat=D(12), rasio_pegawai_per_alat=D(1), shift=D(2),
                pegawai_tercetak=D(24)),
            Row(2, "Truk sampah (arm roll)", no=2, jumlah_alat=D(8), rasio_pegawai_per_alat=D(1), shift=D(1),
                pegawai_tercetak=D(8)),
            Row(3, "Kendaraan roda tiga", no=3, jumlah_alat=D(10), rasio_pegawai_per_alat=D("0.2"), shift=D(1),
                pegawai_tercetak=D(2))]
    return Form("peralatan_kerja", header, rows, printed_total=D(34))


def pengelola_kependudukan() -> Form:
    """The scanned sample: printed, signed and stamped at the kecamatan, sent as a scan."""
    return task_form(_header("Pengelola Data Kependudukan", ["Seksi Pemerintahan", KECAMATAN], 6, 1, "pelaksana",
                             "SLTA/D-III", "Mengelola data kependudukan wilayah kecamatan."),
                     [("Memverifikasi berkas permohonan dokumen kependudukan", "Berkas", 15, Y, 1800),
                      ("Menginput data perubahan penduduk", "Data", 10, Y, 2400),
                      ("Menyusun rekapitulasi data penduduk bulanan", "Laporan", 240, Y, 12),
                      ("Melayani konsultasi administrasi kependudukan", "Orang", 20, Y, 600)])


def pengawas_lingkungan() -> Form:
    header = _header("Pengawas Lingkungan Hidup Ahli Pertama", ["Seksi Pengurangan Sampah",
                                                                "Bidang Pengelolaan Sampah", DLH],
                     8, 2, "fungsional", "S-1 Teknik Lingkungan", "Mengawasi ketaatan usaha terhadap izin lingkungan.")
    rows = [Row(1, "Pemeriksaan dokumen izin lingkungan", no=1, satuan="Dokumen", periode="tahun", beban=D(240),
                standar_kemampuan=D(120), periode_standar="tahun", pegawai_tercetak=D("2.00")),
            Row(2, "Pengawasan lapangan usaha/kegiatan", no=2, satuan="Lokasi", periode="tahun", beban=D(90),
                standar_kemampuan=D(60), periode_standar="tahun", pegawai_tercetak=D("1.50"))]
    return Form("hasil_kerja", header, rows, printed_total=D("3.50"))


def sample_set() -> list[tuple[str, list[Form], str, Layout]]:
    """(file name, forms as printed, format, layout) of the sample inbox."""
    lo = Layout(pdf_engine="libreoffice")
    items = [
        ("ABK Pengolah Data Formasi - BKPSDM.docx", [worked_example()], "docx", Layout(kop=True, header_rows=2)),
        ("ABK Kepala Badan dan Sekretaris - BKPSDM.pdf", [kepala_badan(), sekretaris()], "pdf",
         Layout(labels="upper", kop=True)),
        ("ABK_Kasubbag_Umum_Kepegawaian_BKPSDM.xlsx", [kasubbag_umum()], "xlsx",
         Layout(header_style="cells_above", xlsx_formulas=True, keterangan=False)),
        ("ABK Analis SDM Aparatur Ahli Pertama (BKPSDM).pdf", [analis_sdm()], "pdf",
         replace(lo, time_unit="jam", unit_style="levels")),
        ("ABK Pengadministrasi Perkantoran Sekretariat BKPSDM.docx",
         [pengadministrasi(["Sub Bagian Umum dan Kepegawaian"] + SEKRETARIAT_BKPSDM)], "docx",
         Layout(periode="both", labels="numbered", path_order="top_down", path_sep=" - ")),
        ("ABK Kepala Dinas LH dan Kabid Pengelolaan Sampah.docx", [kepala_dinas(), kabid_sampah()], "docx",
         Layout(header_style="table2", labels="variant", volume_before_wke=True)),
        ("Perhitungan ABK Pengemudi Truk Sampah DLH 2025.xlsx", [armada_sampah()], "xlsx", Layout(kop=True)),
        ("ABK Pengawas Lingkungan Hidup - DLH.pdf", [pengawas_lingkungan()], "pdf", Layout(number_row="plain")),
        ("Pindaian ABK Pengelola Data Kependudukan - Kecamatan Contoh Utara.pdf", [pengelola_kependudukan()], "scan",
         Layout()),
        ("ABK Pengadministrasi Perkantoran - Kecamatan Contoh Utara.docx",
         [pengadministrasi(["Sub Bagian Umum dan Kepegawaian", "Sekretariat Kecamatan", KECAMATAN], "dua ratus")],
         "docx", Layout(time_unit="inline", kop=True)),
    ]
    return [(name, [as_printed(f, layout) for f in forms], fmt, layout) for name, forms, fmt, layout in items]


def write_samples(folder: Path, libreoffice: bool = True) -> list[Path]:
    """Write the sample inbox; without LibreOffice its PDFs are made with WeasyPrint instead."""
    from tests.forms import write_form

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths, conversions = [], []
    for name, forms, fmt, layout in sample_set():
        path = folder / name
        if fmt == "scan":
            write_scan(forms, path, layout)
        elif fmt == "pdf" and layout.pdf_engine == "libreoffice" and libreoffice:
            conversions.append((write_form(forms, path.with_suffix(".tmp.docx"), "docx", layout), path))
        else:
            write_form(forms, path, fmt, replace(layout, pdf_engine="weasyprint"))
        paths.append(path)
    docx_to_pdf(conversions)
    for source, _ in conversions:
        source.unlink()
    return paths


def write_scan(forms: list[Form], path: Path, layout: Layout) -> Path:
    """The forms printed, stamped over the table and scanned at 200 dpi with a little noise (an image-only PDF)."""
    import tempfile

    from tests.forms import write_form
    from tests.scans import Condition, scan

    with tempfile.TemporaryDirectory() as tmp:
        printed = write_form(forms, Path(tmp) / "cetak.pdf", "pdf", layout)
        made = scan(printed, Path(tmp) / "pindai", Condition("sampel", dpi=200, noise=6, stamp=True), seed=1)
        path.write_bytes(made.read_bytes())
    return path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.forms.samples DIR")
    for written in write_samples(Path(sys.argv[1])):
        print(written)
