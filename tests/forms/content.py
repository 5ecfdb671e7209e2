"""Ground-truth forms: domain.md's worked example and random forms with believable Indonesian content."""
from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from extractors.submission import Form, Header, Row
from tests.forms.layout import Layout

D = Decimal
Q3 = D("0.001")


def pegawai(norma: Decimal, volume: Decimal, wke: Decimal) -> Decimal:
    """A row's need as units print it: three decimals, rounded half up."""
    return (norma * volume / wke).quantize(Q3, ROUND_HALF_UP)


def task_rows(tasks) -> list[Row]:
    """Rows from (uraian, satuan, norma minutes, WKE minutes, volume) tuples, with the printed need."""
    return [Row(i, uraian, no=i, satuan=satuan, norma_waktu_menit=D(norma), volume=D(volume), wke_menit=D(wke),
                pegawai_tercetak=pegawai(D(norma), D(volume), D(wke)))
            for i, (uraian, satuan, norma, wke, volume) in enumerate(tasks, start=1)]


def task_form(header: Header, tasks, printed_k: bool = False) -> Form:
    rows = task_rows(tasks)
    total = sum((r.pegawai_tercetak for r in rows), D(0))
    k = max(D(1), total.quantize(D(1), ROUND_HALF_UP)) if printed_k else None
    return Form("tugas_per_tugas", header, rows, printed_total=total, printed_k=k)


def worked_example() -> Form:
    """domain.md's worked example (the 2015 deck): Pengolah Data Formasi under Perka BKN 19/2011."""
    tasks = [("Memeriksa data usulan formasi", "Laporan", 15, 72000, 600),
             ("Menginventarisasi data usulan formasi", "Data", 30, 72000, 600),
             ("Mengolah data usulan formasi", "Data", 30, 72000, 600),
             ("Memberikan informasi kepada Penganalisis", "Data", 30, 72000, 600),
             ("Membuat konsep pertimbangan Kepala BKN", "Draft", 3000, 72000, 1),
             ("Membuat konsep laporan statistik", "Laporan", 6000, 72000, 2),
             ("Memelihara database formasi", "Kegiatan", 60, 72000, 5),
             ("Tugas kedinasan lain", "Kegiatan", 20, 300, 3)]
    header = Header(nama_jabatan="Pengolah Data Formasi",
                    unit_kerja=["Sub Bidang Formasi", "Bidang Pengadaan dan Pemberhentian",
                                "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"],
                    ikhtisar_jabatan="Mengolah data usulan formasi sebagai bahan penyusunan kebutuhan pegawai.",
                    kelas_jabatan=7, bezetting=1)
    form = task_form(header, tasks)
    assert form.printed_total == D("1.288")
    return form


VERBS = ["Menyusun", "Memeriksa", "Mengolah", "Menginventarisasi", "Memverifikasi", "Menyiapkan", "Mengarsipkan",
         "Menginput", "Mendistribusikan", "Merekapitulasi", "Melaksanakan", "Mengevaluasi", "Mengoordinasikan",
         "Memantau", "Menganalisis"]
OBJECTS = [("surat masuk dan surat keluar", "Surat"), ("data kepegawaian", "Data"), ("laporan bulanan", "Laporan"),
           ("usulan kenaikan pangkat", "Berkas"), ("data ke aplikasi SIASN", "Data"), ("dokumen kepegawaian", "Dokumen"),
           ("bahan rapat koordinasi", "Bahan"), ("kelengkapan berkas usulan", "Berkas"), ("konsep surat dinas", "Konsep"),
           ("daftar hadir pegawai", "Rekap"), ("rencana kerja tahunan", "Dokumen"), ("laporan kinerja instansi", "Laporan"),
           ("usulan cuti pegawai", "Berkas"), ("kebutuhan alat tulis kantor", "Daftar"), ("perjalanan dinas", "SPPD"),
           ("data retribusi sampah", "Data"), ("pengaduan masyarakat", "Pengaduan"), ("izin lingkungan", "Izin")]
PERANGKAT = [("Dinas Lingkungan Hidup", [("Sekretariat", ["Sub Bagian Umum dan Kepegawaian", "Sub Bagian Keuangan"]),
                                         ("Bidang Pengelolaan Sampah", ["Seksi Pengurangan Sampah",
                                                                        "Seksi Penanganan Sampah"])]),
             ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
              [("Sekretariat", ["Sub Bagian Umum dan Kepegawaian"]),
               ("Bidang Pengadaan dan Pemberhentian", ["Sub Bidang Formasi", "Sub Bidang Pemberhentian"])]),
             ("Dinas Kependudukan dan Pencatatan Sipil", [("Bidang Pelayanan Pendaftaran Penduduk",
                                                           ["Seksi Identitas Penduduk", "Seksi Pindah Datang"])]),
             ("Kecamatan Contoh Utara", [("Sekretariat Kecamatan", ["Sub Bagian Umum dan Kepegawaian"]),
                                         ("Seksi Pemerintahan", [])]),
             ("Badan Perencanaan Pembangunan Daerah", [("Bidang Perencanaan Ekonomi", ["Sub Bidang Data"])])]
JABATAN = [("Pengadministrasi Perkantoran", 5, "pelaksana", "SLTA/D-III"),
           ("Pengolah Data dan Informasi", 6, "pelaksana", "D-III/S-1"),
           ("Penata Layanan Operasional", 7, "pelaksana", "S-1"),
           ("Analis SDM Aparatur Ahli Pertama", 8, "fungsional", "S-1/D-IV"),
           ("Pranata Komputer Ahli Pertama", 8, "fungsional", "S-1 Teknik Informatika"),
           ("Pengelola Layanan Kepegawaian", 7, "pelaksana", "S-1"),
           ("Arsiparis Terampil", 6, "fungsional", "D-III Kearsipan")]
EQUIPMENT = [("Pengemudi Truk Sampah", "Truk sampah"), ("Pengemudi Mobil Dinas", "Mobil dinas"),
             ("Operator Alat Berat", "Ekskavator"), ("Petugas Kebersihan", "Gerobak sampah"),
             ("Mekanik", "Kendaraan operasional")]
# WKE per period: the Perka BKN 19/2011 values are whole hours, the 2020 ones partly not.
WKE = {"2011": {"hari": 300, "minggu": 1500, "bulan": 6000, "tahun": 72000},
       "2020": {"hari": 319, "minggu": 1596, "bulan": 6250, "tahun": 75000}}
VOLUMES = {"hari": (1, 20), "minggu": (1, 10), "bulan": (1, 40), "tahun": (1, 600)}


def random_unit(rng: random.Random) -> list[str]:
    top, bureaus = rng.choice(PERANGKAT)
    middle, bottoms = rng.choice(bureaus)
    return ([rng.choice(bottoms)] if bottoms else []) + [middle, top]


def random_form(rng: random.Random, approach: str = "tugas_per_tugas", n_rows: int | None = None) -> Form:
    n = n_rows or rng.randint(5, 15)
    nama, kelas, jenis, pendidikan = rng.choice(JABATAN)
    header = Header(nama_jabatan=nama, unit_kerja=random_unit(rng), kelas_jabatan=kelas,
                    bezetting=rng.randint(0, 4), jenis_jabatan=jenis if rng.random() < 0.4 else None,
                    pendidikan=pendidikan if rng.random() < 0.6 else None,
                    ikhtisar_jabatan=f"Melaksanakan tugas {nama.lower()} sesuai ketentuan yang berlaku."
                    if rng.random() < 0.7 else None, tahun=2025 if rng.random() < 0.3 else None)
    if approach == "peralatan_kerja":
        jabatan, alat = rng.choice(EQUIPMENT)
        header.nama_jabatan = jabatan
        rows = []
        for i in range(1, min(n, 4) + 1):
            jumlah, rasio, shift = D(rng.randint(1, 30)), rng.choice([D(1), D(2), D("0.5"), D("0.2")]), \
                D(rng.choice([1, 1, 2]))
            rows.append(Row(i, f"{alat} {['roda 4', 'roda 6', 'tipe A', 'tipe B'][i - 1]}", no=i,
                            jumlah_alat=jumlah, rasio_pegawai_per_alat=rasio, shift=shift,
                            pegawai_tercetak=(jumlah * rasio * shift).normalize()))
        return Form(approach, header, rows, printed_total=sum((r.pegawai_tercetak for r in rows), D(0)).normalize())
    if approach in ("hasil_kerja", "objek_kerja"):
        rows = []
        for i, (obj, satuan) in enumerate(rng.sample(OBJECTS, min(n, len(OBJECTS))), start=1):
            beban, standar = D(rng.randint(10, 2000)), D(rng.choice([100, 250, 400, 500, 1000]))
            # Both counted a year, as the layout's titles say ("Beban Kerja (per tahun)").
            rows.append(Row(i, f"{rng.choice(VERBS)} {obj}", no=i, satuan=satuan, periode="tahun", beban=beban,
                            standar_kemampuan=standar, periode_standar="tahun",
                            pegawai_tercetak=(beban / standar).quantize(D("0.01"), ROUND_HALF_UP)))
        return Form(approach, header, rows, printed_total=sum((r.pegawai_tercetak for r in rows), D(0)))
    regime = rng.choice(["2011", "2020"])
    tasks = []
    for i in range(n):
        obj, satuan = OBJECTS[i % len(OBJECTS)] if i >= len(OBJECTS) else rng.choice(OBJECTS)
        period = rng.choice(["tahun", "tahun", "tahun", "bulan", "minggu", "hari"])
        uraian = f"{rng.choice(VERBS)} {obj}" + (f" tahap {i // len(OBJECTS) + 1}" if i >= len(OBJECTS) else "")
        tasks.append((uraian, satuan, rng.choice([5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 480]),
                      WKE[regime][period], rng.randint(*VOLUMES[period])))
    return task_form(header, tasks, printed_k=rng.random() < 0.3)


def random_layout(rng: random.Random, fmt: str) -> Layout:
    header_styles = ["table2", "table3", "paragraphs"] + (["cells_above"] if fmt == "xlsx" else [])
    return Layout(header_style=rng.choice(header_styles), labels=rng.choice(["title", "upper", "numbered", "variant"]),
                  unit_style=rng.choice(["path", "path", "levels"]), path_order=rng.choice(["own_first", "top_down"]),
                  path_sep=rng.choice([" / ", " - ", ", "]), kop=rng.random() < 0.5,
                  volume_before_wke=rng.random() < 0.3, periode=rng.choice(["none", "none", "none", "instead", "both"]),
                  extra_column=rng.random() < 0.2, keterangan=rng.random() < 0.7,
                  number_row=rng.choice(["none", "paren", "plain"]), header_rows=rng.choice([1, 2]),
                  time_unit=rng.choice(["menit", "menit", "jam", "inline"]), totals=rng.random() < 0.85,
                  group_row=rng.random() < 0.2, blank_rows=rng.random() < 0.2,
                  uraian_style=rng.choice(["plain", "plain", "breaks", "outline"]),
                  split_table=fmt != "pdf" and rng.random() < 0.15, repeat_header=rng.random() < 0.7,
                  multi=rng.choice(["pages", "same"]), xlsx_formulas=fmt == "xlsx" and rng.random() < 0.5)
