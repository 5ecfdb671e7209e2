"""Who sends the documents: the instansi's identity, letterhead and signatory (from its config file)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Signatory:
    nama: str
    jabatan: str                 # e.g. "Bupati Contoh" or "Sekretaris Daerah"
    nip: str | None = None       # a PPK who is an elected official has no NIP


@dataclass(frozen=True)
class Instansi:
    nama: str                                    # "Pemerintah Kabupaten Contoh"
    kop: tuple[str, ...]                         # letterhead lines, top to bottom
    alamat: str                                  # address line under the kop
    kota: str                                    # place written before the date
    ppk: Signatory
    nomor_surat: str = "800/____/BKPSDM"
    sifat: str = "Penting"
    tahun_anggaran: int | None = None            # None: the year after the pass date
    # "tembusan" puts the Kepala BKN in the tembusan; "alamat" makes it a co-addressee.
    kepala_bkn: str = "tembusan"
    tembusan: tuple[str, ...] = field(default_factory=tuple)
    dasar_hukum: tuple[str, ...] = field(default_factory=tuple)   # empty: context.LEGAL_BASIS
    laporan_kontak: str = ""                     # where a unit sends its corrected form ("Subbidang Formasi BKPSDM, ...")
    laporan_batas_waktu: str = ""                # until when ("31 Januari 2027")
    kertas_peta: str = "A3"                      # A3 | A4 | F4, always landscape
    timezone: str = "Asia/Makassar"
