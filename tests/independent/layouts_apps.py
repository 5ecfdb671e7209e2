"""Layouts printed by public Anjab-ABK applications.

Each function returns the Document and the total it prints (None when it prints none).
"""
from __future__ import annotations

from decimal import Decimal

from .common import (anjab_tail_tables, ceil, half_up, kv, need4, tahapan_html, tahapan_text, total4, unit_levels,
                     unit_path)
from .docs import C, Break, Document, Para, Table
from .model import Position
from .numbers import fixed, plain, time_words

WORD_STYLES = ["jam_menit", "jam", "menit", "JAM", "jam_en"]


def pandawa(p: Position, word: bool = False, nama: str | None = None,
            empty: str | None = None) -> tuple[Document, Decimal]:
    """PANDAWA combined Anjab-ABK export.

    Source: github.com/orproject04/uianjab, src/lib/anjab-pdf-template.ts (the PDF: sections 1-17,
    portrait pages with the TUGAS POKOK section on a landscape named page, "WAKTU PENYELESAIAN (JAM)"
    printed over minutes, WAKTU EFEKTIF 75000, closing rows "Jumlah Pegawai Yang Dibutuhkan"
    (toFixed(4)) and "Pembulatan" (Math.ceil)); src/lib/anjab-docx-generator.ts for the Word export
    (levels without a unit printed "-", id-ID number formatting, Tahapan with a) details).
    empty: what a level without a unit shows (real exports print "---", "-" or nothing).
    """
    h = p.header
    empty = ("-" if word else "---") if empty is None else empty
    loc = "id" if word else "en"
    blocks: list = [Para("INFORMASI JABATAN", center=True), Para("")]
    blocks.append(kv([("1. NAMA JABATAN", h.nama if nama is None else nama), ("2. KODE JABATAN", h.kode),
                      ("3. UNIT KERJA", "")] + [("     " + a, b) for a, b in unit_levels(h, empty)]
                     + [("4. IKHTISAR JABATAN", "")]))
    blocks.append(Para(h.ikhtisar))
    blocks.append(kv([("5. KUALIFIKASI JABATAN", ""), ("     a. Pendidikan Formal", "S-1 (Strata-Satu)/ D-4"),
                      ("     b. Pendidikan dan Pelatihan", ""), ("         Diklat Teknis", "Manajemen ASN"),
                      ("     c. Pengalaman Kerja", "Bidang tugas yang relevan")]))
    blocks.append(Break("landscape"))
    blocks.append(Para("6. TUGAS POKOK :"))
    head = ["NO", "URAIAN TUGAS", "HASIL KERJA", "JUMLAH HASIL", "WAKTU PENYELESAIAN (JAM)", "WAKTU EFEKTIF",
            "KEBUTUHAN PEGAWAI"]
    rows = [[C(x) for x in head]]
    total = Decimal(0)
    for i, t in enumerate(p.rows, 1):
        total += t.need
        steps = t.tahapan
        text = tahapan_text(t.uraian, steps)
        if word and steps:   # the Word template nests details under each step
            text = t.uraian + "\nTahapan :\n" + "\n".join(f"{j}.\t{s}\na)\t{s} sesuai jadwal"
                                                           for j, s in enumerate(steps, 1))
        hasil = f"a. Draf {t.satuan}\nb. {t.satuan} final" if i % 2 else t.satuan
        rows.append([C(f"{i}."), C(text, html_=tahapan_html(t.uraian, steps)), C(hasil),
                     C(fixed(t.volume, locale=loc) if word else plain(t.volume)),
                     C(fixed(t.norma, locale=loc) if word else plain(t.norma)),
                     C(fixed(t.wke, locale=loc) if word else plain(t.wke)), C(need4(t.need, loc))])
    total_text, printed = total4(total)
    if word:
        total_text = fixed(printed.normalize(), locale="id")
        printed = printed.normalize()
    rows.append([C("Jumlah Pegawai Yang Dibutuhkan", cs=6), C(total_text)])
    rows.append([C("Pembulatan", cs=6), C(str(ceil(total)))])
    blocks.append(Table(rows, widths=[3, 45, 15, 8, 11, 8, 10]))
    blocks.append(Break("portrait"))
    blocks += anjab_tail_tables(p)
    blocks.append(Para("17. KELAS JABATAN :"))
    blocks.append(Para(f"      {h.kelas or 7}"))
    return Document(blocks, font_pt=8.5), printed


def uianjab_input(p: Position, two_col: bool = False, groups: bool = False, words: bool = False,
                  bad: dict[int, dict[str, str]] | None = None) -> tuple[Document, Decimal]:
    """The Word form PANDAWA imports.

    Source: github.com/orproject04/uianjab, scripts/ekstrakabk.py: header rows "Nama Jabatan | : | X"
    (or two cells, or one "label : value" cell), a table whose first row names "Uraian Tugas",
    "Satuan Hasil", "Waktu Penyelesaian", "Waktu Kerja ...", "Beban Kerja", "Pegawai ...", task cells
    holding "Tahapan:" and sub-steps, and closing rows "Jumlah Pegawai ..." and "Pembulatan".
    words: times typed with words ("1 jam 30 menit", "2,5 jam") under a header without a unit.
    bad: {task number: {field: printed text}} for deliberately wrong rows.
    """
    h = p.header
    bad = bad or {}
    head_rows = [("Nama Jabatan", h.nama), ("Unit Kerja", unit_path(h.units)), ("Ikhtisar Jabatan", h.ikhtisar)]
    if two_col:
        header = Table([[C(a.upper()), C(b)] for a, b in head_rows], header_rows=0, widths=[25, 75])
    else:
        header = Table([[C(a), C(":"), C(b)] for a, b in head_rows], header_rows=0, widths=[22, 3, 75])
    blocks: list = [Para("ANALISIS BEBAN KERJA", bold=True, center=True), header, Para("")]
    head = ["No", "Uraian Tugas", "Satuan Hasil", "Waktu Penyelesaian" if words else "Waktu Penyelesaian (menit)",
            "Waktu Kerja Efektif",
            "Beban Kerja", "Pegawai yang Dibutuhkan"]
    rows = [[C(x) for x in head]]
    total = Decimal(0)
    split = len(p.rows) - 2
    for i, t in enumerate(p.rows, 1):
        if groups and i == 1:
            rows.append([C("A. TUGAS POKOK", cs=7, bold=True)])
        if groups and i == split + 1:
            rows.append([C("", cs=7)])
            rows.append([C("B. TUGAS TAMBAHAN", cs=7, bold=True)])
        total += t.need
        cells = {"uraian": tahapan_text(t.uraian, t.tahapan, "Tahapan:"), "satuan": t.satuan,
                 "norma": time_words(t.norma, WORD_STYLES[i % len(WORD_STYLES)]) if words else plain(t.norma),
                 "wke": plain(t.wke), "volume": plain(t.volume), "need": need4(t.need)}
        cells.update(bad.get(i, {}))
        rows.append([C(str(i)), *[C(cells[k]) for k in ("uraian", "satuan", "norma", "wke", "volume", "need")]])
    total_text, printed = total4(total)
    rows.append([C("Jumlah Pegawai yang Dibutuhkan", cs=6), C(total_text)])
    rows.append([C("Pembulatan", cs=6), C(str(half_up(total)))])
    blocks.append(Table(rows, widths=[4, 40, 11, 12, 11, 10, 12]))
    return Document(blocks), printed


def react_beban(p: Position, hours: bool) -> tuple[Document, None]:
    """Informasi Jabatan print view of an ABK page written in React.

    Source: public code found with find_string "Norma Waktu" (file id 63290856305, ABKAnjabPage, the
    PREVIEW MODE): "1. NAMA JABATAN:" lines, unit block a. JPT Utama ... d. Bagian / Unit in upper
    case, TUGAS POKOK table No | Uraian Tugas | Hasil Kerja | Jumlah Hasil | Waktu (Jam) | Beban (Jam)
    (Menit for a pelaksana), then "Total Beban Kerja Jabatan" and "Kebutuhan Pegawai ASN Ideal".
    No WKE is printed; the yearly regime applies.
    """
    h = p.header
    unit = "Jam" if hours else "Menit"
    levels = dict.fromkeys(["a. JPT Utama", "b. JPT Madya", "c. JPT Pratama", "d. Bagian / Unit"], "-")
    for label, value in zip(["d. Bagian / Unit", "c. JPT Pratama", "b. JPT Madya"], h.units):
        levels[label] = value.upper()
    blocks: list = [Para("INFORMASI JABATAN", bold=True, center=True), Para(""),
                    Para(f"1. NAMA JABATAN: {h.nama.upper()}", bold=True), Para(f"2. KODE JABATAN: {h.kode}"),
                    Para("3. UNIT KERJA:", bold=True), kv(list(levels.items())),
                    Para("4. IKHTISAR JABATAN:", bold=True), Para(h.ikhtisar),
                    Para("5. KUALIFIKASI JABATAN:", bold=True),
                    kv([("a. Pendidikan Formal", "S-1 ILMU ADMINISTRASI"), ("b. Diklat", "Diklat teknis"),
                        ("c. Pengalaman Kerja", "Minimal 2 tahun")]),
                    Para("6. TUGAS POKOK:", bold=True)]
    rows = [[C(x) for x in ["No", "Uraian Tugas", "Hasil Kerja", "Jumlah Hasil", f"Waktu ({unit})",
                            f"Beban ({unit})"]]]
    total = Decimal(0)
    for i, t in enumerate(p.rows, 1):
        waktu = t.norma / 60 if hours else t.norma
        beban = waktu * t.volume
        total += beban
        rows.append([C(str(i)), C(t.uraian), C(t.satuan.upper()), C(plain(t.volume)), C(plain(waktu)),
                     C(f"{beban:.2f}")])
    rows.append([C(f"TOTAL BEBAN KERJA JABATAN ({unit.upper()})", cs=5), C(f"{total:.2f}")])
    rows.append([C("KEBUTUHAN PEGAWAI ASN IDEAL", cs=5), C(str(max(1, half_up(p.k_raw))))])
    blocks.append(Table(rows, widths=[4, 46, 16, 10, 10, 14]))
    blocks += [Para("7. BAHAN KERJA:", bold=True), Para("Disposisi pimpinan, peraturan perundang-undangan"),
               Para("8. PERANGKAT KERJA:", bold=True), Para("Komputer, printer, jaringan internet"),
               Para(f"KELAS JABATAN: {h.kelas or 7}", bold=True)]
    return Document(blocks), None


def vue_periode(p: Position, bad: dict[int, dict[str, str]] | None = None) -> tuple[Document, Decimal]:
    """An ABK page written in Vue: one row per task with its own period.

    Source: public code found with find_string "Norma Waktu" (file id 68762451214, "Tambah Analisis
    Jabatan & Beban Kerja"): # | Uraian tugas | Hasil kerja | Volume | Periode | Norma waktu (menit) |
    Beban/th (menit) | Pegawai, then "Total beban kerja" and "Kebutuhan pegawai (dibulatkan)"; the
    header lines (instansi, unit kerja, jabatan, kelas, tahun, WKE) above it, each label and value in
    one cell as an Excel export writes them.
    """
    h = p.header
    bad = bad or {}
    blocks: list = [Para("ANALISIS JABATAN DAN BEBAN KERJA", bold=True), Para(f"INSTANSI : {h.instansi}"),
                    Para(f"UNIT KERJA : {unit_path(h.units)}"), Para(f"JABATAN : {h.nama}"),
                    Para(f"KELAS JABATAN : {h.kelas or 7}"), Para("TAHUN ABK : 2025"),
                    Para("Uraian tugas · WKE 75.000 menit/tahun"), Para("")]
    rows = [[C(x) for x in ["#", "Uraian tugas", "Hasil kerja", "Volume", "Periode", "Norma waktu (menit)",
                            "Beban/th (menit)", "Pegawai"]]]
    total = Decimal(0)
    for i, t in enumerate(p.rows, 1):
        total += t.workload
        cells = {"uraian": t.uraian, "volume": plain(t.volume)}
        cells.update(bad.get(i, {}))
        vol_num = t.volume if "volume" not in bad.get(i, {}) else None
        rows.append([C(str(i), num=i), C(cells["uraian"]), C(t.satuan), C(cells["volume"], num=vol_num),
                     C(t.periode.capitalize()), C(plain(t.norma), num=t.norma),
                     C(fixed(t.workload, locale="id"), num=t.workload),
                     C(f"{t.workload / 75000:.2f}", num=(t.workload / 75000).quantize(Decimal('0.01')))])
    pegawai = (total / 75000).quantize(Decimal("0.01"))
    rows.append([C("Total beban kerja", cs=6), C(fixed(total, locale="id"), num=total), C(f"{pegawai:.2f}",
                                                                                         num=pegawai)])
    rows.append([C("Kebutuhan pegawai (dibulatkan)", cs=7), C(str(half_up(total / 75000)), num=half_up(total / 75000))])
    blocks.append(Table(rows, widths=[4, 44, 14, 9, 9, 11, 13, 9]))
    return Document(blocks), pegawai


def singgih(p: Position) -> tuple[Document, Decimal]:
    """A CodeIgniter Anjab application's ABK page, without a NO column.

    Source: github.com/singgihadis/anjab, application/views/anjab_abk.php (Uraian Tugas | Hasil Kerja |
    Jumlah Hasil | Waktu Penyelesaian | Satuan Waktu | Waktu Efektif | Kebutuhan Pegawai, then a second
    table "Pegawai Yang Dibutuhkan" and "Pegawai Yang Dibutuhkan (Pembulatan)"), with mysql/anjab.sql
    rows printing a per-period WAKTU EFEKTIF of 72000, 6000 and 1500 and kebutuhan = jumlah x waktu / WKE.
    """
    h = p.header
    blocks: list = [Para(f"OPD : {h.units[-1]}"), Para(f"Unit Kerja : {unit_path(h.units[:-1])}"),
                    Para(f"Analisis Beban Kerja : {h.nama}", bold=True), Para("")]
    rows = [[C(x) for x in ["Uraian Tugas", "Hasil Kerja", "Jumlah Hasil", "Waktu Penyelesaian", "Satuan Waktu",
                            "Waktu Efektif", "Kebutuhan Pegawai"]]]
    total = Decimal(0)
    for t in p.rows:
        total += t.need
        rows.append([C(t.uraian), C(t.satuan), C(plain(t.volume), num=t.volume), C(plain(t.norma), num=t.norma),
                     C(t.periode.capitalize()), C(plain(t.wke), num=t.wke),
                     C(need4(t.need), num=t.need.quantize(Decimal("0.0001")))])
    blocks.append(Table(rows, widths=[40, 16, 9, 10, 10, 9, 10]))
    total_text, printed = total4(total)
    blocks.append(Table([[C("Pegawai Yang Dibutuhkan", bold=True), C(total_text, num=printed, bold=True)],
                         [C("Pegawai Yang Dibutuhkan (Pembulatan)", bold=True),
                          C(str(half_up(total)), num=half_up(total), bold=True)]], header_rows=0, grid=False,
                        widths=[90, 10]))
    return Document(blocks), printed
