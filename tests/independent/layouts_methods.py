"""The other three methods (hasil kerja, objek kerja, peralatan kerja) and workbooks of several forms."""
from __future__ import annotations

from decimal import Decimal

from .common import unit_path
from .docs import C, Document, Para, Sheet, Table
from .model import Position
from .numbers import fixed, plain


def output_method(p: Position, objek: bool, period: str = "per hari") -> tuple[Document, None]:
    """Hasil kerja / objek kerja: K = workload / standard output (or objects served) per person.

    Sources: KEP/75/M.PAN/7/2004 as summarised in text-id.123dok.com/document/6qmo8d34y-pendekatan-hasil-
    kerja-... ("wujud hasil kerja dan satuannya, jumlah beban kerja ..., standar kemampuan rata-rata"),
    the Depdiknas deck www.slideshare.net/TeguhDwiyanto1/perhitunganbebankerjappt (SKR, beban kerja)
    and the published examples of domain.md (500 surat / 100, 80 pasien / 25).
    """
    h = p.header
    what = "Objek Kerja" if objek else "Hasil Kerja"
    blocks: list = [Para("ANALISIS BEBAN KERJA", bold=True, center=True),
                    Para(f"PENDEKATAN {what.upper()}", bold=True, center=True), Para(""),
                    Para(f"Nama Jabatan : {h.nama}"), Para(f"Unit Kerja : {unit_path(h.units)}"), Para("")]
    beban = f"Jumlah Objek ({period})" if objek else f"Beban Kerja ({period})"
    standar = f"Standar Kemampuan Melayani ({period})" if objek else f"Standar Kemampuan Rata-rata ({period})"
    rows = [[C(x) for x in ["No", what, "Satuan", beban, standar, "Kebutuhan Pegawai"]],
            [C(f"({i})") for i in range(1, 6)] + [C("(6) = (4) : (5)")]]
    for i, r in enumerate(p.rows, 1):
        rows.append([C(str(i), num=i), C(r.uraian), C(r.satuan), C(plain(r.beban), num=r.beban),
                     C(plain(r.standar), num=r.standar), C(f"{r.need:.2f}", num=r.need.quantize(Decimal('0.01')))])
    rows.append([C("Jumlah kebutuhan pegawai (dibulatkan)", cs=5), C(str(p.k), num=p.k)])
    blocks.append(Table(rows, header_rows=2, widths=[4, 40, 10, 14, 18, 12]))
    return Document(blocks), None


def peralatan_units(positions: list[Position]) -> tuple[Document, None]:
    """Several positions of a unit computed by the equipment they run, one row each.

    Source: www.scribd.com/document/368226321/abk-kepala-puskesmas ("FORM ANALISIS BEBAN KERJA (ABK)
    ... DGN PENDEKATAN PERALATAN/OBYEK/TARGET KERJA", 1. UNIT ORGANISASI / 2. UNIT KERJA; NO | NAMA
    JABATAN | JUMLAH PEMANGKU JAB | ALAT/OBYEK/TARGET KERJA | JUMLAH ALAT YG AKTIF | RASIO | JML KEB PEG |
    KETERANGAN with number row 1-9; ratios written "1/1", "1/5"; "Pimpinan SKPD" signature below).
    """
    units = positions[0].header.units
    blocks: list = [Para("FORM ANALISIS BEBAN KERJA (ABK) JABATAN PELAKSANA DENGAN PENDEKATAN "
                         "PERALATAN/OBYEK/TARGET KERJA", bold=True, center=True), Para(""),
                    Para(f"1. UNIT ORGANISASI : {units[-1].upper()}"), Para(f"2. UNIT KERJA : {units[0].upper()}"),
                    Para("")]
    rows = [[C(x) for x in ["NO", "NAMA JABATAN", "JUMLAH PEMANGKU JAB", "ALAT/OBYEK/TARGET KERJA",
                            "JUMLAH ALAT YG AKTIF", "RASIO", "JML KEB PEG", "KETERANGAN"]],
            [C(str(i)) for i in (1, 2, 3, 4, 5, 7, 8, 9)]]
    for i, p in enumerate(positions, 1):
        e = p.rows[0]
        per = int(1 / e.rasio) if e.rasio < 1 else 1
        ratio = f"1/{per}" if e.rasio < 1 else f"{int(e.rasio)}/1"
        rows.append([C(f"{i}."), C(p.header.nama), C(str(p.header.bezetting or 0)), C(e.alat),
                     C(plain(e.jumlah), num=e.jumlah), C(ratio), C(str(p.k), num=p.k),
                     C("Beroperasi setiap hari kerja")])
    blocks.append(Table(rows, header_rows=2, widths=[4, 24, 10, 18, 10, 8, 9, 17]))
    blocks += [Para(""), Para("Pimpinan SKPD"), Para(""), Para("Drs. BAMBANG SUTRISNO"),
               Para("NIP. 19680101 199003 1 009")]
    return Document(blocks, orientation="landscape"), None


def peralatan_single(p: Position) -> tuple[Document, None]:
    """One position, its equipment with the staff ratio per unit and the shifts (1).

    Source: the same puskesmas form (www.scribd.com/document/368226321) written for one position, with
    the "shift" column the method names (domain.md: units x ratio x shifts).
    """
    h = p.header
    blocks: list = [Para("ANALISIS BEBAN KERJA - PENDEKATAN PERALATAN KERJA", bold=True, center=True),
                    Para(f"NAMA JABATAN : {h.nama}"), Para(f"UNIT KERJA : {unit_path(h.units)}"), Para("")]
    rows = [[C(x) for x in ["NO", "JENIS PERALATAN", "JUMLAH PERALATAN (UNIT)", "RASIO PEGAWAI PER ALAT", "SHIFT",
                            "KEBUTUHAN PEGAWAI"]]]
    for i, e in enumerate(p.rows, 1):
        rows.append([C(str(i)), C(e.alat), C(plain(e.jumlah)), C(fixed(e.rasio, locale="id")), C("1"),
                     C(plain(e.need))])
    rows.append([C("JUMLAH", cs=5), C(plain(p.k_raw))])
    blocks.append(Table(rows, widths=[5, 35, 15, 15, 10, 20]))
    return Document(blocks), None


def workbook(sheets: list[tuple[str, Document]], instructions: list[str] | None = None,
             numbers_as_text: bool = False) -> Document:
    """Several forms in one workbook: an optional instruction sheet, then one sheet per form."""
    blocks: list = []
    if instructions:
        blocks += [Sheet("Petunjuk Pengisian"), *[Para(line) for line in instructions]]
    for name, doc in sheets:
        blocks += [Sheet(name), *doc.blocks]
    return Document(blocks, numbers_as_text=numbers_as_text)


def stacked(docs: list[Document], gap: int = 3) -> Document:
    """Several positions on one sheet, one under the other."""
    blocks: list = []
    for i, doc in enumerate(docs):
        if i:
            blocks += [Para("") for _ in range(gap)]
        blocks += doc.blocks
    return Document(blocks)


MULTI_SHEET_PETUNJUK = [
    "PETUNJUK PENGISIAN",
    "Setiap jabatan diisi pada satu sheet tersendiri.",
    "Nama Jabatan : diisi dengan nama jabatan sesuai peta jabatan.",
    "Unit Kerja : diisi dengan unit kerja terendah sampai perangkat daerah, dipisahkan garis miring.",
    "Kolom Uraian Tugas : diisi dengan tugas yang dilaksanakan.",
    "Kolom Satuan Hasil : diisi dengan satuan hasil kerja (Dokumen, Laporan, Berkas, ...).",
    "Kolom Waktu Penyelesaian (menit) : diisi dengan waktu rata-rata penyelesaian satu satuan hasil.",
    "Kolom Waktu Kerja Efektif : 72.000 menit per tahun, 6.000 per bulan, 1.500 per minggu, 300 per hari.",
    "Kolom Beban Kerja : diisi dengan jumlah satuan hasil pada periode waktu kerja efektifnya.",
    "Kolom Pegawai yang Dibutuhkan = Waktu Penyelesaian x Beban Kerja : Waktu Kerja Efektif.",
]
