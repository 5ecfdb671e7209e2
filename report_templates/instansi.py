"""Who sends the documents: the instansi's identity, letterhead and signatory (from its config file)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# A letter signed by the head of the region (or a minister) carries the kop naskah dinas jabatan: the
# national emblem over the office's name, no address; any other signer writes under the perangkat daerah's kop.
_HEAD_OF_REGION = re.compile(r"^(bupati|wali ?kota|gubernur|menteri)\b", re.IGNORECASE)


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
    kop_jabatan: tuple[str, ...] = field(default_factory=tuple)   # empty: the signer's office, upper case
    lambang: str | None = None                   # image file of the emblem above the kop naskah dinas jabatan
    laporan_kontak: str = ""                     # where a unit sends its corrected form ("Subbidang Formasi BKPSDM, ...")
    laporan_batas_waktu: str = ""                # until when ("31 Januari 2027")
    kertas_peta: str = "A3"                      # A3 | A4 | F4, always landscape
    timezone: str = "Asia/Makassar"


def letterhead(instansi: Instansi) -> dict:
    """The kop of the letter as tata naskah dinas lays it out for its signer: lines, address, emblem."""
    if _HEAD_OF_REGION.match(instansi.ppk.jabatan.strip()):
        lines = instansi.kop_jabatan or (instansi.ppk.jabatan.upper(),)
        return {"jabatan": True, "lines": list(lines), "alamat": "", "lambang": instansi.lambang}
    return {"jabatan": False, "lines": list(instansi.kop), "alamat": instansi.alamat, "lambang": None}
