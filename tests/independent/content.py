"""Form contents: a fictional kabupaten's units and positions, and a pool of task sentences.

Wording follows the style of real Anjab-ABK documents (PermenPAN-RB 41/2018 pelaksana names, task
sentences "... sesuai prosedur ... sebagai bahan ...", Tahapan as numbered sub-steps).
"""
from __future__ import annotations

import random
from decimal import Decimal

from .model import FACTORS, Header, Task

D = Decimal

# Unit chains, own unit first.
U_UMUM_TANI = ("Sub Bagian Umum dan Kepegawaian", "Sekretariat", "Dinas Pertanian dan Ketahanan Pangan")
U_KEU_TANI = ("Sub Bagian Keuangan", "Sekretariat", "Dinas Pertanian dan Ketahanan Pangan")
U_PRODUKSI = ("Seksi Produksi Tanaman Pangan", "Bidang Tanaman Pangan", "Dinas Pertanian dan Ketahanan Pangan")
U_DUKCAPIL = ("Seksi Identitas Penduduk", "Bidang Pelayanan Pendaftaran Penduduk",
              "Dinas Kependudukan dan Pencatatan Sipil")
U_MUTASI = ("Sub Bidang Mutasi", "Bidang Mutasi dan Promosi",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia")
U_ORGANISASI = ("Sub Bagian Kelembagaan dan Analisis Jabatan", "Bagian Organisasi", "Sekretariat Daerah")
U_KECAMATAN = ("Sub Bagian Umum dan Kepegawaian", "Sekretariat Kecamatan", "Kecamatan Sukamaju")
U_PERENCANAAN = ("Sub Bagian Perencanaan dan Evaluasi", "Sekretariat", "Dinas Pendidikan dan Kebudayaan")
U_ARSIP = ("Bidang Pengelolaan Arsip", "Dinas Perpustakaan dan Kearsipan")
U_PUSKESMAS = ("UPT Puskesmas Sukamaju", "Dinas Kesehatan")
U_TERMINAL = ("UPT Terminal Tipe B Sukamaju", "Dinas Perhubungan")
U_PTSP = ("Bidang Pelayanan Perizinan", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu")

IKHTISAR = {
    "Pengadministrasi Umum": "Melakukan kegiatan penerimaan, pencatatan, pengelompokan dan pendistribusian "
                             "administrasi umum sesuai prosedur dan ketentuan yang berlaku sebagai bahan "
                             "pelaksanaan tugas unit kerja.",
    "default": "Melaksanakan tugas sesuai bidang kerja berdasarkan prosedur dan ketentuan yang berlaku agar "
               "pelaksanaan tugas unit kerja berjalan lancar.",
}


def header(nama: str, units: tuple[str, ...], jenis: str = "pelaksana", **kw) -> Header:
    return Header(nama=nama, units=units, ikhtisar=IKHTISAR.get(nama, IKHTISAR["default"]), jenis=jenis, **kw)


# (uraian, satuan, typical minutes, tahapan)
POOL: list[tuple[str, str, int, tuple[str, ...]]] = [
    ("Menerima dan mencatat surat masuk sesuai prosedur sebagai bahan pendistribusian", "Surat", 15,
     ("Menerima surat masuk", "Mencatat surat dalam buku agenda", "Meneruskan surat kepada atasan")),
    ("Mengagendakan dan mendistribusikan surat keluar sesuai tujuan", "Surat", 10,
     ("Memberi nomor surat", "Mencatat dalam buku agenda surat keluar", "Mengirim surat")),
    ("Menyiapkan bahan penyusunan rencana kerja unit berdasarkan program kerja tahun sebelumnya", "Dokumen", 1080,
     ("Mengumpulkan laporan program kerja tahun sebelumnya", "Menyusun draf rencana kerja",
      "Menyampaikan draf rencana kerja kepada atasan")),
    ("Mengumpulkan dan mengklasifikasikan bahan dan data terkait bidang kerja", "Dokumen", 360,
     ("Merencanakan kegiatan pengumpulan bahan dan data", "Melakukan pengumpulan bahan dan data",
      "Menyampaikan hasil pengumpulan kepada atasan")),
    ("Mengolah data kepegawaian sebagai bahan penyusunan laporan", "Data", 30, ()),
    ("Memverifikasi kelengkapan berkas usulan kenaikan pangkat", "Berkas", 45,
     ("Memeriksa kelengkapan berkas", "Mencatat kekurangan berkas", "Menyampaikan hasil verifikasi")),
    ("Menyusun daftar hadir dan rekapitulasi kehadiran pegawai", "Laporan", 240, ()),
    ("Menginput data ke dalam aplikasi sistem informasi kepegawaian", "Data", 20, ()),
    ("Menyiapkan rapat dan menyusun notulensi rapat sesuai disposisi atasan", "Notulen", 330,
     ("Menyiapkan undangan dan ruang rapat", "Mencatat jalannya rapat", "Menyusun notulensi rapat")),
    ("Membuat laporan pelaksanaan tugas sebagai bahan evaluasi", "Laporan", 150,
     ("Mengidentifikasi pelaksanaan tugas", "Membuat konsep laporan", "Mengkonsultasikan konsep kepada atasan",
      "Memfinalisasi laporan")),
    ("Memeriksa dan meneliti surat pertanggungjawaban belanja", "SPJ", 60, ()),
    ("Menyusun laporan realisasi anggaran bulanan", "Laporan", 480, ()),
    ("Mencatat transaksi penerimaan dan pengeluaran kas ke dalam buku kas umum", "Transaksi", 10, ()),
    ("Menyiapkan dokumen surat perintah membayar", "Dokumen", 90, ()),
    ("Melakukan rekonsiliasi data keuangan dengan bendahara", "Kegiatan", 300, ()),
    ("Memelihara dan merawat arsip dinamis aktif unit kerja", "Berkas", 12, ()),
    ("Menata dan menyimpan arsip sesuai klasifikasi", "Berkas", 8, ()),
    ("Melayani permintaan peminjaman arsip", "Permintaan", 20, ()),
    ("Menyusun daftar arsip inaktif yang akan dipindahkan", "Daftar", 600, ()),
    ("Melayani perekaman data KTP elektronik pemohon", "Pemohon", 15, ()),
    ("Memeriksa kelengkapan persyaratan permohonan dokumen kependudukan", "Berkas", 10, ()),
    ("Mencetak dan menyerahkan KTP elektronik kepada pemohon", "Keping", 5, ()),
    ("Menyusun konsep jawaban pengaduan masyarakat", "Konsep", 120, ()),
    ("Memantau pelaksanaan kegiatan lapangan dan menyusun laporan hasil pemantauan", "Laporan", 900, ()),
    ("Mengumpulkan data luas tanam dan luas panen dari kecamatan", "Data", 45, ()),
    ("Menyusun rekapitulasi data produksi tanaman pangan", "Laporan", 720, ()),
    ("Melakukan penyuluhan kepada kelompok tani", "Kegiatan", 240, ()),
    ("Menyusun bahan analisis jabatan perangkat daerah", "Dokumen", 1500, ()),
    ("Menghitung kebutuhan pegawai berdasarkan analisis beban kerja unit", "Dokumen", 1200, ()),
    ("Menyusun peta jabatan perangkat daerah", "Dokumen", 1800, ()),
    ("Memeriksa usulan mutasi pegawai antar perangkat daerah", "Usulan", 90, ()),
    ("Menyiapkan konsep surat keputusan mutasi", "Konsep", 120, ()),
    ("Melayani konsultasi pegawai terkait layanan kepegawaian", "Orang", 30, ()),
    ("Menginventarisasi barang milik daerah pada unit kerja", "Barang", 15, ()),
    ("Menyusun kartu inventaris ruangan", "Kartu", 60, ()),
    ("Memelihara kebersihan dan kelengkapan ruang kerja pimpinan", "Kegiatan", 30, ()),
    ("Memeriksa kelengkapan dokumen permohonan izin usaha", "Berkas", 30, ()),
    ("Memproses penerbitan izin melalui sistem perizinan berusaha", "Izin", 45, ()),
    ("Menyusun konsep rencana strategis unit kerja", "Dokumen", 2400, ()),
    ("Mengompilasi bahan laporan kinerja instansi pemerintah", "Laporan", 1440, ()),
    ("Mengelola jaringan dan perangkat komputer kantor", "Perangkat", 60, ()),
    ("Memasang dan memperbarui aplikasi pada komputer pegawai", "Unit", 45, ()),
    ("Menyusun bahan publikasi kegiatan pada laman resmi", "Berita", 90, ()),
    ("Mendokumentasikan kegiatan pimpinan", "Kegiatan", 120, ()),
]

VOLUMES = [1, 2, 4, 6, 12, 24, 36, 48, 60, 96, 120, 150, 240, 300, 480, 600, 960, 1200, 1500, 2400]


def pick_tasks(seed: int, n: int, max_norma: int | None = None, quarter_hours: bool = False,
               volume_cap: int | None = None, tahapan_only: bool = False) -> list[Task]:
    """n distinct tasks with volumes, deterministically. quarter_hours: norma a multiple of 15 minutes."""
    rng = random.Random(seed)
    pool = [t for t in POOL if (max_norma is None or t[2] <= max_norma) and (t[3] or not tahapan_only)]
    chosen = rng.sample(pool, n)
    tasks = []
    for uraian, satuan, minutes, tahapan in chosen:
        norma = minutes if not quarter_hours else max(15, 15 * round(minutes / 15))
        volumes = [v for v in VOLUMES if volume_cap is None or v <= volume_cap]
        volume = rng.choice(volumes[len(volumes) // 3:])
        # keep a single row below a person-year of work
        while D(norma) * volume > 60000 and volume > 1:
            volume = volumes[max(0, volumes.index(volume) - 1)] if volume in volumes else 1
        tasks.append(Task(uraian, satuan, D(norma), D(volume), tahapan=tahapan))
    return tasks


def with_wke(tasks: list[Task], wke_table: dict[str, Decimal] | None = None) -> list[Task]:
    """The same tasks with the WKE their layout prints on every row (default: 75,000 a year)."""
    from dataclasses import replace

    out = []
    for t in tasks:
        wke = wke_table[t.periode] if wke_table else Decimal(75000) / FACTORS[t.periode]
        out.append(replace(t, wke=wke))
    return out
