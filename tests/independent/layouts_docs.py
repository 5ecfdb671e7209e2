"""Layouts of ABK forms published as documents (regulation annexes, training decks, filled forms).

Each function returns the Document and the total it prints (None when it prints none).
"""
from __future__ import annotations

from decimal import Decimal

from .common import half_up, kv, need4, unit_path
from .docs import C, Document, Para, Sheet, Table
from .model import Position
from .numbers import fixed, plain, time_words

SIGNERS = [("Mengetahui,\nKepala Sub Bagian Umum dan Kepegawaian", "Drs. HARTONO WIBISONO, M.Si",
            "NIP. 19700812 199503 1 004"),
           ("Tanjung Lestari, 6 Januari 2025\nPemangku Jabatan", "RINA KARTIKASARI, S.E.",
            "NIP. 19900214 201503 2 002")]


def permenpan_jam(p: Position, excel: str | None = None, bad: dict[int, dict[str, str]] | None = None,
                  template_rows: int = 0, keterangan: bool = False, bezetting: int = 2) -> tuple[Document, Decimal]:
    """PermenPAN-RB 1/2020 style ABK table in hours, WKE 1.250 jam, with the closing rows of practice.

    Sources: the ABK columns of the PANDAWA export (github.com/orproject04/uianjab,
    src/lib/anjab-pdf-template.ts: NO | URAIAN TUGAS | HASIL KERJA | JUMLAH HASIL | WAKTU PENYELESAIAN
    (JAM) | WAKTU EFEKTIF | KEBUTUHAN PEGAWAI) filled in real hours as in the published form
    id.scribd.com/document/672183165/ABK-Pengolah-Data (WAKTU ... (Jam), WKE 1,250 jam, need = jam x
    volume / 1250), the two-row "WAKTU" header and "(1) (2) ..." number row of regulation annexes.
    excel: None (Word/PDF, Indonesian numbers), "text" (every cell text, Indonesian numbers), "numbers"
    (numeric cells, English locale, a KETERANGAN column). template_rows: empty rows of an Excel
    template with only the prefilled WKE and a need of 0.
    """
    h = p.header
    bad = bad or {}
    loc = "en" if excel == "numbers" else "id"
    blocks: list = [Para("FORMULIR ANALISIS BEBAN KERJA", bold=True, center=True), Para(""),
                    Para(f"1. NAMA JABATAN : {h.nama}"), Para(f"2. UNIT KERJA : {unit_path(h.units, top_down=True)}"),
                    Para("3. IKHTISAR JABATAN :"), Para(h.ikhtisar), Para("")]
    ket = [C("KETERANGAN", rs=2)] if keterangan else []
    ncols = 8 if keterangan else 7
    rows = [[C("NO", rs=2), C("URAIAN TUGAS", rs=2), C("HASIL KERJA", rs=2), C("JUMLAH HASIL", rs=2),
             C("WAKTU", cs=2), C("KEBUTUHAN PEGAWAI", rs=2), *ket],
            [C("PENYELESAIAN (JAM)"), C("EFEKTIF (JAM)")],
            [C(f"({i})") for i in range(1, ncols + 1)],
            [C("A. TUGAS POKOK", cs=ncols, bold=True)]]
    total = Decimal(0)
    for i, t in enumerate(p.rows, 1):
        total += t.need
        hours = t.norma / 60
        cells = {"volume": fixed(t.volume, locale=loc)}
        cells.update(bad.get(i, {}))
        extra = [C("Dokumen fisik dan elektronik" if i % 2 else "")] if keterangan else []
        rows.append([C(str(i), num=i), C(t.uraian), C(t.satuan),
                     C(cells["volume"], num=None if "volume" in bad.get(i, {}) else t.volume),
                     C(fixed(hours, locale=loc), num=hours), C(fixed(1250, locale=loc), num=1250),
                     C(fixed(t.need, 4, locale=loc), num=t.need.quantize(Decimal("0.0001"))), *extra])
    for _ in range(template_rows):
        rows.append([C(""), C(""), C(""), C(""), C(""), C(fixed(1250, locale=loc), num=1250), C("0", num=0)]
                    + ([C("")] if keterangan else []))
    printed = total.quantize(Decimal("0.0001"))
    tail = [C("")] if keterangan else []
    rows.append([C("Jumlah Pegawai yang Dibutuhkan", cs=6), C(fixed(printed, 4, locale=loc), num=printed), *tail])
    rows.append([C("Pembulatan", cs=6), C(str(half_up(total)), num=half_up(total)), *tail])
    ej = (total / bezetting).quantize(Decimal("0.01"))
    rows.append([C("Efisiensi Jabatan (EJ)", cs=6), C(fixed(ej, 2, locale=loc), num=ej), *tail])
    rows.append([C("Jumlah Pegawai Saat Ini", cs=6), C(str(bezetting), num=bezetting), *tail])
    rows.append([C("Catatan: waktu penyelesaian dan waktu efektif dalam jam; waktu efektif 1.250 jam setahun "
                   "(PermenPAN-RB Nomor 1 Tahun 2020).", cs=ncols)])
    for part in range(3):
        left = SIGNERS[0][0] if part == 0 else SIGNERS[0][part]
        right = SIGNERS[1][0] if part == 0 else SIGNERS[1][part]
        rows.append([C(""), C("\n\n" + left if part == 1 else left), C("", cs=2),
                     C("\n\n" + right if part == 1 else right, cs=3 + len(tail))])
    blocks.append(Table(rows, header_rows=3, widths=[4, 40, 14, 8, 11, 9, 10] + ([12] if keterangan else [])))
    doc = Document(blocks, numbers_as_text=excel == "text", orientation="landscape")
    if excel:
        doc.blocks = [Sheet("Petunjuk Pengisian"), *petunjuk(["URAIAN TUGAS", "HASIL KERJA", "JUMLAH HASIL",
                                                              "WAKTU PENYELESAIAN (JAM)", "WAKTU EFEKTIF (JAM)",
                                                              "KEBUTUHAN PEGAWAI"]),
                      Sheet("Form ABK"), *blocks]
    return doc, printed


def petunjuk(columns: list[str]) -> list:
    """An instruction sheet as Excel templates carry before the form."""
    out = [Para("PETUNJUK PENGISIAN FORMULIR ABK", bold=True), Para("1. Nama Jabatan : diisi dengan nama jabatan "
                                                                      "sesuai peta jabatan;"),
           Para("2. Unit Kerja : diisi dengan nama unit kerja dari yang terendah sampai perangkat daerah;"),
           Para("3. Ikhtisar Jabatan : diisi dengan ringkasan tugas jabatan;")]
    for i, col in enumerate(columns, 4):
        out.append(Para(f"{i}. Kolom {col} : diisi sesuai keadaan nyata dalam satu tahun;"))
    out.append(Para("Waktu efektif 1.250 jam per tahun. Baris contoh: Menyusun laporan | Laporan | 12 | 2 | 1.250"))
    return out


def split_minutes(norma: Decimal, n: int) -> list[Decimal]:
    """Sub-step times (multiples of 15 minutes) that add up to the task's time."""
    quarters = int(norma) // 15
    n = min(n, quarters)
    base, rest = divmod(quarters, n)
    return [Decimal(15 * (base + (1 if i < rest else 0))) for i in range(n)]


def en_jam_substeps(p: Position) -> tuple[Document, Decimal]:
    """English-locale hours with each task's sub-steps on rows of their own.

    Source: id.scribd.com/document/672183165/ABK-Pengolah-Data ("ANALISIS BEBAN KERJA", Nama Jabatan /
    Unit Kerja / Ikhtisar Jabatan lines, NO | URAIAN TUGAS | SATUAN HASIL | WAKTU PENYELESAIAN (Jam) |
    WAKTU KERJA EFEKTIF (Jam) | BEBAN KERJA | PEGAWAI YANG DIBUTUHKAN, number row 1-7, values 2.5,
    1,250, 50, 0.100, then rows "1) Mempelajari ... 0.5" holding the sub-steps and their times).
    """
    h = p.header
    blocks: list = [Para("ANALISIS BEBAN KERJA", bold=True, center=True), Para(""),
                    kv([("Nama Jabatan", h.nama), ("Unit Kerja", unit_path(h.units)),
                        ("Ikhtisar Jabatan", h.ikhtisar)])]
    rows = [[C(x) for x in ["NO", "URAIAN TUGAS", "SATUAN HASIL", "WAKTU PENYELESAIAN (Jam)",
                            "WAKTU KERJA EFEKTIF (Jam)", "BEBAN KERJA", "PEGAWAI YANG DIBUTUHKAN"]],
            [C(str(i)) for i in range(1, 8)]]
    total = Decimal(0)
    for i, t in enumerate(p.rows, 1):
        total += t.need
        rows.append([C(str(i)), C(t.uraian), C(t.satuan), C(plain(t.norma / 60)), C("1,250"),
                     C(fixed(t.volume, locale="en")), C(fixed(t.need, 3, locale="en"))])
        for j, (step, minutes) in enumerate(zip(t.tahapan, split_minutes(t.norma, len(t.tahapan))), 1):
            rows.append([C(""), C(f"{j}) {step}"), C(""), C(plain(minutes / 60)), C(""), C(""), C("")])
    printed = total.quantize(Decimal("0.001"))
    rows.append([C("JUMLAH", cs=6), C(fixed(printed, 3, locale="en"))])
    rows.append([C("KEBUTUHAN PEGAWAI (PEMBULATAN)", cs=6), C(str(max(1, half_up(total))))])
    blocks.append(Table(rows, header_rows=2, widths=[4, 44, 11, 11, 11, 9, 11]))
    return Document(blocks), printed


def perka_deck(p: Position, locale: str = "en", title: bool = True,
               bad: dict[int, dict[str, str]] | None = None) -> tuple[Document, Decimal]:
    """The Perka BKN 19/2011 table of the 2015 training deck, each row with the WKE of its period.

    Sources: the deck's worked example as recorded in the domain reference (domain.md) (Pengolah Data Formasi:
    No | Uraian Tugas | Satuan Hasil | Waktu Penyelesaian (menit) | Waktu Kerja Efektif | Beban Kerja |
    Pegawai yang Dibutuhkan | Keterangan, WKE 72,000 a year and 300 a day on the rows) and
    github.com/singgihadis/anjab mysql/anjab.sql (rows with waktu efektif 72000, 6000, 1500).
    """
    h = p.header
    blocks: list = []
    if title:
        blocks.append(Para("PERHITUNGAN KEBUTUHAN PEGAWAI BERDASARKAN BEBAN KERJA", bold=True, center=True))
    blocks += [Para(f"Nama Jabatan : {h.nama}"), Para(f"Unit Kerja : {unit_path(h.units)}"), Para("")]
    rows = [[C(x) for x in ["No", "Uraian Tugas", "Satuan Hasil", "Waktu Penyelesaian (menit)",
                            "Waktu Kerja Efektif", "Beban Kerja", "Pegawai yang Dibutuhkan", "Keterangan"]]]
    total = Decimal(0)
    for i, t in enumerate(p.rows, 1):
        total += t.need
        volume = C(fixed(t.volume, locale=locale), num=t.volume)
        if "volume" in (bad or {}).get(i, {}):
            volume = C(bad[i]["volume"])
        rows.append([C(str(i), num=i), C(t.uraian), C(t.satuan), C(fixed(t.norma, locale=locale), num=t.norma),
                     C(fixed(t.wke, locale=locale), num=t.wke), volume,
                     C(fixed(t.need, 3, locale=locale), num=t.need.quantize(Decimal("0.001"))),
                     C(f"per {t.periode}")])
    printed = total.quantize(Decimal("0.001"))
    rows.append([C("Jumlah", cs=6), C(fixed(printed, 3, locale=locale), num=printed), C("")])
    blocks.append(Table(rows, widths=[4, 40, 10, 11, 10, 9, 10, 10]))
    blocks.append(Para(f"Jumlah pegawai yang dibutuhkan = {max(1, half_up(total))} orang"))
    return Document(blocks), printed


FORM_A_PETUNJUK = [
    "PETUNJUK PENGISIAN :", "Setiap Jabatan dibuatkan Form A",
    "1. Nama Jabatan : diisi dengan nama jabatan dari responden;",
    "2. Unit Organisasi : diisi dengan nama unit eselon III dan IV. Unit eselon III sebagai basis analisis "
    "beban kerja;",
    "3. Satuan Kerja : diisi dengan nama unit eselon II induk dari unit organisasi yang disebutkan pada angka 2;",
    "4. No (kolom 1) : diisi dengan angka untuk memberi nomor urut atas uraian yang tercantum pada kolom (2);",
    "5. Rincian Tugas/Kegiatan (kolom 2) : diisi dengan tugas-tugas yang harus dikerjakan oleh pemegang jabatan;",
    "6. Satuan (kolom 3) : diisi dengan kata yang menggambarkan suatu besaran dari output;",
    "7. Jumlah Volume Kerja (kolom 4) : diisi dengan angka saja yang menggambarkan banyaknya volume kerja setahun;",
    "8. Norma Waktu (kolom 5) : diisi dengan waktu yang diperlukan untuk menyelesaikan tugas secara rata-rata;",
    "9. Peralatan (kolom 6) : diisi dengan jenis peralatan spesifik yang digunakan;",
    "10. Keterangan (kolom 7) : diisi dengan penjelasan yang perlu.",
]


def form_a(p: Position, excel: bool = False, words: bool = False) -> tuple[Document, None]:
    """Form A "Pengumpulan Data Beban Kerja" with its Petunjuk Pengisian.

    Source: vdokumen.com/form-semua-abk-dan-petunjuk.html (Lampiran III, Form Isian ABK: 1. NAMA
    JABATAN / 2. UNIT ORGANISASI (eselon III and IV) / 3. SATUAN KERJA (eselon II); NO | RINCIAN
    TUGAS/KEGIATAN | SATUAN | JUMLAH VOLUME KERJA | NORMA WAKTU | PERALATAN | KET with (1)-(7);
    "Responden, ... NIP."; PETUNJUK PENGISIAN below). No WKE and no need are printed.
    words: the times typed with words ("1 jam 30 menit", "2,5 jam", "90 menit").
    """
    h = p.header
    styles = ["jam_menit", "menit", "jam", "JAM", "jam_en"]
    form: list = [Para("Lampiran III : Form Isian Analisis Beban Kerja (ABK)"), Para("FORM A", bold=True, center=True),
                  Para("PENGUMPULAN DATA BEBAN KERJA", bold=True, center=True),
                  kv([("1. NAMA JABATAN", h.nama), ("2. UNIT ORGANISASI", unit_path(h.units[:-1])),
                      ("3. SATUAN KERJA", h.units[-1])]), Para("")]
    norma_head = "NORMA WAKTU" if words else "NORMA WAKTU (MENIT)"
    rows = [[C(x) for x in ["NO", "RINCIAN TUGAS/KEGIATAN", "SATUAN", "JUMLAH VOLUME KERJA", norma_head,
                            "PERALATAN", "KET"]],
            [C(f"({i})") for i in range(1, 8)]]
    for i, t in enumerate(p.rows, 1):
        norma = time_words(t.norma, styles[i % len(styles)]) if words else plain(t.norma)
        rows.append([C(f"{i}."), C(t.uraian), C(t.satuan), C(plain(t.volume), num=t.volume),
                     C(norma, num=None if words else t.norma), C("Komputer" if i % 2 else "ATK"),
                     C("per tahun")])
    form.append(Table(rows, header_rows=2, widths=[4, 46, 10, 10, 12, 10, 8]))
    form += [Para("Tanjung Lestari, 6 Januari 2025"), Para("Responden,"), Para(""), Para("RINA KARTIKASARI, S.E."),
             Para("NIP. 19900214 201503 2 002")]
    notes = [Para(line) for line in FORM_A_PETUNJUK]
    if excel:
        return Document([Sheet("Petunjuk"), *notes, Sheet("Form A"), *form]), None
    return Document(form + [Para("")] + notes), None


def minmax_rata(p: Position, groups: list[tuple[str, int]]) -> tuple[Document, Decimal]:
    """Minimum, maximum and average times; the average is the norma.

    Source: id.scribd.com/document/416104558/Abk-Jfu-Mtsn ("FORMULIR ANALISIS BEBAN KERJA"; NO |
    URAIAN JABATAN | volume Kegiatan 1 tahun | Satuan Hasil | Waktu Pelaksanaan (menit) Minimal /
    Maksimal / Rata-2 | Jml Waktu Diperlukan (jam) | Tenaga; number row 1-9 and formula row
    "(5+6)/2 (3x7)/60 (8/1.322)"; numbered parent tasks carrying the subtotal of their sub-items).
    Here the WKE is the 1.250 hours of PermenPAN-RB 1/2020. groups: (parent task, number of sub-items).
    """
    h = p.header
    blocks: list = [Para("FORMULIR ANALISIS BEBAN KERJA", bold=True, center=True),
                    Para(f"NAMA JABATAN : {h.nama}"), Para(f"UNIT KERJA : {unit_path(h.units)}"),
                    Para("WAKTU KERJA EFEKTIF : 1.250 jam/tahun"), Para("")]
    rows = [[C("NO", rs=2), C("URAIAN TUGAS", rs=2), C("VOLUME KEGIATAN 1 TAHUN", rs=2), C("SATUAN HASIL", rs=2),
             C("WAKTU PELAKSANAAN (MENIT)", cs=3), C("JML WAKTU DIPERLUKAN (JAM)", rs=2), C("TENAGA", rs=2)],
            [C("Minimal"), C("Maksimal"), C("Rata-rata")],
            [C(str(i)) for i in range(1, 10)],
            [C("", cs=6), C("(5+6)/2"), C("(3x7)/60"), C("(8/1.250)")]]
    tasks = list(p.rows)
    total_jam, total = Decimal(0), Decimal(0)
    for g, (parent, n) in enumerate(groups, 1):
        items, tasks = tasks[:n], tasks[n:]
        sub_jam = sum((t.norma * t.volume / 60 for t in items), Decimal(0))
        rows.append([C(str(g)), C(parent, bold=True), C(""), C(""), C(""), C(""), C(""), C(f"{sub_jam:.2f}"), C("")])
        for j, t in enumerate(items, 1):
            spread = Decimal(15) if t.norma > 30 else max(Decimal(1), Decimal(int(t.norma) // 3))
            jam = t.norma * t.volume / 60
            total_jam += jam
            total += t.need
            rows.append([C(f"{g}.{j}"), C(t.uraian), C(plain(t.volume), num=t.volume), C(t.satuan.lower()),
                         C(plain(t.norma - spread), num=t.norma - spread),
                         C(plain(t.norma + spread), num=t.norma + spread),
                         C(plain(t.norma), num=t.norma), C(f"{jam:.2f}", num=jam.quantize(Decimal('0.01'))),
                         C(f"{t.need:.4f}", num=t.need.quantize(Decimal("0.0001")))])
    assert not tasks
    printed = total.quantize(Decimal("0.0001"))
    rows.append([C("JUMLAH", cs=7, bold=True), C(f"{total_jam:.2f}", num=total_jam.quantize(Decimal('0.01'))),
                 C(f"{printed:.4f}", num=printed)])
    blocks.append(Table(rows, header_rows=4, widths=[5, 40, 9, 9, 8, 8, 8, 10, 9]))
    blocks.append(Para(f"KEBUTUHAN PEGAWAI : {max(1, half_up(total))} orang"))
    return Document(blocks, orientation="landscape"), printed


def synonyms(p: Position, variant: str, show_unit: bool = True) -> tuple[Document, Decimal]:
    """Other column names and orders seen in forms people fill in.

    Sources: public Flask ABK forms (find_string "Norma Waktu", file ids 37838672753 and 69384118299:
    Uraian Tugas, Satuan, "Volume Kerja", "Norma Waktu (menit)", Peralatan, Keterangan), the column
    matching of github.com/orproject04/uianjab scripts/ekstrakabk.py, and Form A of
    vdokumen.com/form-semua-abk-dan-petunjuk.html (volume before norma).
    variant "A": two-column header table, NO | URAIAN TUGAS | NORMA WAKTU (MENIT) | SATUAN OUTPUT |
    VOLUME KERJA | WKE (MENIT) | JUMLAH BEBAN KERJA | KEBUTUHAN PEGAWAI | DASAR HUKUM, upper-case values.
    variant "B": "Label: value" cells, No | Uraian Tugas | Output | Volume | Waktu (menit) | WKE | Pegawai,
    a blank row inside the table and a "Catatan:" row.
    """
    h = p.header
    total = sum((t.need for t in p.rows), Decimal(0))
    printed = total.quantize(Decimal("0.0001"))
    if variant == "A":
        head = [("NAMA JABATAN", h.nama)] + ([("UNIT KERJA", unit_path(h.units, top_down=True))] if show_unit else []) \
            + [("IKHTISAR JABATAN", h.ikhtisar)]
        blocks: list = [Para("ANALISIS BEBAN KERJA JABATAN", bold=True, center=True),
                        Table([[C(a), C(b)] for a, b in head], header_rows=0, widths=[25, 75]), Para("")]
        rows = [[C(x) for x in ["NO", "URAIAN TUGAS", "NORMA WAKTU (MENIT)", "SATUAN OUTPUT", "VOLUME KERJA",
                                "WKE (MENIT)", "JUMLAH BEBAN KERJA", "KEBUTUHAN PEGAWAI", "DASAR HUKUM"]]]
        for i, t in enumerate(p.rows, 1):
            rows.append([C(str(i), num=i), C(t.uraian), C(plain(t.norma), num=t.norma), C(t.satuan.upper()),
                         C(plain(t.volume), num=t.volume), C(plain(t.wke), num=t.wke),
                         C(plain(t.norma * t.volume), num=t.norma * t.volume),
                         C(need4(t.need), num=t.need.quantize(Decimal("0.0001"))),
                         C("Perbup Nomor 45 Tahun 2021" if i % 2 else "PermenPAN-RB 1/2020")])
        workload = sum((t.norma * t.volume for t in p.rows), Decimal(0))
        rows.append([C("JUMLAH", cs=6), C(plain(workload), num=workload), C(f"{printed:.4f}", num=printed), C("")])
        blocks.append(Table(rows, widths=[4, 36, 9, 9, 8, 8, 9, 9, 12]))
        return Document(blocks, orientation="landscape"), printed
    blocks = [Para("FORMULIR ABK")] + ([Para(f"Unit Kerja: {unit_path(h.units)}")] if show_unit else []) \
        + [Para(f"Nama Jabatan: {h.nama}"), Para("")]
    rows = [[C(x) for x in ["No", "Uraian Tugas", "Output", "Volume", "Waktu (menit)", "WKE", "Pegawai"]]]
    for i, t in enumerate(p.rows, 1):
        if i == 3:
            rows.append([C("") for _ in range(7)])
        rows.append([C(str(i), num=i), C(t.uraian), C(t.satuan), C(plain(t.volume), num=t.volume),
                     C(plain(t.norma), num=t.norma), C(plain(t.wke), num=t.wke),
                     C(need4(t.need), num=t.need.quantize(Decimal("0.0001")))])
    rows.append([C("Jumlah", cs=6), C(f"{printed:.4f}", num=printed)])
    rows.append([C("Catatan: volume adalah jumlah hasil dalam satu tahun; waktu dalam menit.", cs=7)])
    blocks.append(Table(rows, widths=[4, 50, 12, 8, 10, 8, 8]))
    return Document(blocks), printed
