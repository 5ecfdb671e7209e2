"""Builds surat_usul_kebutuhan.docx, the docxtpl template of the formasi letter.

Run `python -m report_templates.build_docx_template` after changing it here; an administrator may also
edit the .docx in Word directly, keeping the {{ }} and {%tr %} tags.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TARGET = Path(__file__).resolve().parent / "surat_usul_kebutuhan.docx"
COLUMNS = [("No", "r.no"), ("Perangkat Daerah", "r.perangkat_daerah"), ("Unit Kerja", "r.unit"),
           ("Jabatan", "r.jabatan"), ("Jenis/Jenjang", "r.jenis"), ("Kelas", "r.kelas"),
           ("Pendidikan", "r.pendidikan"), ("B", "r.b"), ("K", "r.k"), ("Selisih", "r.selisih"), ("Usulan", "r.usulan")]

WIDTHS_MM = [9, 40, 46, 56, 20, 11, 26, 11, 11, 14, 14]
MISSING_COLUMNS = [("No", "m.no"), ("Perangkat Daerah", "m.perangkat_daerah"), ("Unit Kerja", "m.unit"),
                   ("Jabatan", "m.jabatan"), ("Kelas", "m.kelas"), ("B", "m.b"), ("Keterangan", "m.keterangan")]
MISSING_WIDTHS_MM = [9, 55, 66, 66, 12, 10, 50]
FIVE_YEAR_COLUMNS = [("Tahun", "y.tahun"), ("Kekurangan", "y.kekurangan"), ("Pensiun (BUP)", "y.pensiun"),
                     ("PPPK berakhir", "y.pppk_berakhir"), ("Jumlah", "y.jumlah"),
                     ("Usulan PNS", "y.pns"), ("Usulan PPPK", "y.pppk")]
FIVE_YEAR_WIDTHS_MM = [26, 32, 32, 32, 32, 32, 32]
NUMERIC = {0, 5, 7, 8, 9, 10}


def build(target: Path = TARGET) -> Path:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Liberation Serif", Pt(11.5)
    normal.paragraph_format.space_after, normal.paragraph_format.space_before = Pt(3), Pt(0)
    normal.paragraph_format.line_spacing = 1.08
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    for text, size in (("{%p if lambang %}", None), ("{{ lambang }}", None), ("{%p endif %}", None),
                       ("{{ kop_1 }}", 14), ("{%p for line in kop_rest %}", None), ("{{ line }}", 13),
                       ("{%p endfor %}", None), ("{%p if kop_alamat %}", None), ("{{ kop_alamat }}", 9),
                       ("{%p endif %}", None)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        if size:
            run.font.size, run.bold = Pt(size), size > 10
        if text == "{{ kop_alamat }}":
            _rule(p)                 # the double line under a perangkat daerah's kop; a kop jabatan has none
    # Tata naskah dinas: place and date at the right, on the line of the Nomor, without a closing stop.
    for label, value in (("Nomor", "{{ instansi.nomor_surat }}\t{{ instansi.kota }}, {{ tanggal }}"),
                         ("Sifat", "{{ instansi.sifat }}"), ("Lampiran", "1 (satu) berkas"),
                         ("Hal", "Usul Kebutuhan ASN Tahun Anggaran {{ tahun_anggaran }}")):
        line = doc.add_paragraph(f"{label}\t: {value}")
        line.paragraph_format.tab_stops.add_tab_stop(Mm(25))
        line.paragraph_format.tab_stops.add_tab_stop(Mm(165), WD_TAB_ALIGNMENT.RIGHT)
        line.paragraph_format.space_after = Pt(0)
    doc.add_paragraph("Yth. Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
                      "{% if instansi.kepala_bkn == 'alamat' %} dan Kepala Badan Kepegawaian Negara{% endif %}")
    doc.add_paragraph("di Jakarta")
    doc.add_paragraph("Dengan memperhatikan:")
    doc.add_paragraph("{%p for item in legal_basis %}")
    item = doc.add_paragraph("{{ loop.index }}.\t{{ item }};")
    item.paragraph_format.left_indent, item.paragraph_format.first_line_indent = Mm(8), Mm(-8)
    item.paragraph_format.tab_stops.add_tab_stop(Mm(8))
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("dan berdasarkan hasil analisis jabatan dan analisis beban kerja di lingkungan "
                      "{{ instansi.nama }}, bersama ini kami sampaikan usul kebutuhan Aparatur Sipil Negara Tahun "
                      "Anggaran {{ tahun_anggaran }} dengan rekapitulasi sebagai berikut:")
    summary = doc.add_table(rows=5, cols=2)
    summary.style = "Table Grid"
    for i, (label, key) in enumerate((("Jumlah pegawai saat ini (B)", "b"), ("Kebutuhan pegawai hasil ABK (K)", "k"),
                                      ("Kekurangan pegawai", "kekurangan"), ("Kelebihan pegawai", "kelebihan"),
                                      ("Jumlah usulan kebutuhan", "usulan"))):
        summary.cell(i, 0).text = label
        summary.cell(i, 1).text = "{{ total.%s }}" % key
        summary.cell(i, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if key == "usulan":
            for cell in summary.rows[i].cells:
                cell.paragraphs[0].runs[0].bold = True
    _widths(summary, [Mm(90), Mm(22)])
    doc.add_paragraph("{%p if komposisi_usulan %}")
    doc.add_paragraph("{{ komposisi_usulan }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ cakupan }} {{ penjelasan_kekurangan }}")
    doc.add_paragraph("{{ dasar_perhitungan }}")
    doc.add_paragraph("Demikian kami sampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.")
    closing = doc.paragraphs[-1]
    closing.paragraph_format.keep_with_next = True
    closing.paragraph_format.space_after = Pt(12)
    _signature(doc, Mm(90))
    doc.add_paragraph("{%p if tembusan %}")
    doc.add_paragraph("Tembusan:")
    doc.add_paragraph("{%p for t in tembusan %}")
    doc.add_paragraph("{{ loop.index }}. {{ t }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")

    landscape = doc.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Mm(297), Mm(210)
    landscape.left_margin = landscape.right_margin = landscape.top_margin = landscape.bottom_margin = Mm(15)
    doc.add_paragraph("Lampiran Surat {{ instansi.ppk.jabatan }} Nomor {{ instansi.nomor_surat }} Tanggal {{ tanggal }}")
    table = _loop_table(doc, "REKAPITULASI USUL KEBUTUHAN ASN TAHUN ANGGARAN {{ tahun_anggaran }}", COLUMNS,
                        "r in rows", WIDTHS_MM, NUMERIC)
    total = table.add_row()
    total.cells[0].merge(total.cells[6])
    total.cells[0].text = "Jumlah"
    for i, key in ((7, "b"), (8, "k"), (9, "selisih"), (10, "usulan")):
        total.cells[i].text = "{{ total.%s }}" % key
    _small(total, NUMERIC)
    _widths(table, [Mm(w) for w in WIDTHS_MM])
    note = doc.add_paragraph("{{ cara_penghitungan }}")
    note.paragraph_format.space_before = Pt(4)
    note.runs[0].font.size = Pt(8.5)
    _missing_table(doc)
    doc.add_paragraph("{%p if lima_tahun %}")
    _loop_table(doc, "Proyeksi lima tahun", FIVE_YEAR_COLUMNS, "y in lima_tahun", FIVE_YEAR_WIDTHS_MM, {1, 2, 3, 4, 5, 6})
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("")
    _signature_block(doc, Mm(175), Mm(92))       # the lampiran is signed too
    for section in doc.sections:
        _page_number(section)
    doc.core_properties.title = "Usul Kebutuhan ASN"
    doc.save(str(target))
    return target


def _missing_table(doc) -> None:
    """Expected positions no accepted form covers yet, when the configuration gives the list."""
    doc.add_paragraph("{%p if belum_tercakup %}")
    _loop_table(doc, "JABATAN DALAM DAFTAR JABATAN INSTANSI YANG BELUM TERCAKUP", MISSING_COLUMNS,
                "m in belum_tercakup", MISSING_WIDTHS_MM, {4, 5})
    doc.add_paragraph("{%p endif %}")


def _loop_table(doc, title: str, columns, loop: str, widths_mm, numeric: set[int]):
    """A bold centred title and a table with a repeated header row and one row per item of ``loop``."""
    heading = doc.add_paragraph(title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.runs[0].bold = True
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = "Table Grid"
    for i, (label, _) in enumerate(columns):
        table.cell(0, i).text = label
        table.cell(0, i).paragraphs[0].runs[0].bold = True
    _repeat_header(table.rows[0])
    table.cell(1, 0).text = "{%%tr for %s %%}" % loop
    for i, (_, key) in enumerate(columns):
        table.cell(2, i).text = "{{ %s }}" % key
    table.cell(3, 0).text = "{%tr endfor %}"
    for row in table.rows:
        _small(row, numeric)
    _widths(table, [Mm(w) for w in widths_mm])
    return table


def _small(row, numeric: set[int]) -> None:
    """The lampiran's table text: 8.5 pt, no space after, numbers to the right."""
    for i, cell in enumerate(row.cells):
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(0)
            if i in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in paragraph.runs:
                run.font.size = Pt(8.5)


def _signature_block(doc, indent, width) -> None:
    """The signature in a borderless table row that may not break: LibreOffice splits a chain of
    keep-with-next paragraphs at the end of a document, Word and LibreOffice both keep such a row whole."""
    table = doc.add_table(rows=1, cols=2)
    _widths(table, [indent, width])
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cell = table.cell(0, 1)
    for i, text in enumerate(("{{ instansi.ppk.jabatan }},", "", "", "", "{{ instansi.ppk.nama }}", "{{ nip_line }}")):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = p.add_run(text)
        p.paragraph_format.space_after = Pt(0)
        if "ppk.nama" in text:
            run.bold = run.underline = True


def _signature(doc, indent) -> None:
    for text in ("{{ instansi.ppk.jabatan }},", "", "", "", "{{ instansi.ppk.nama }}", "{{ nip_line }}"):
        p = doc.add_paragraph(text)
        p.paragraph_format.left_indent = indent
        p.paragraph_format.keep_with_next = "nip_line" not in text   # the signature block never splits
        if "ppk.nama" in text:
            p.runs[0].bold = p.runs[0].underline = True


def _page_number(section) -> None:
    """A PAGE field centred in the footer: Word and LibreOffice number every page themselves."""
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    run.font.size = Pt(9)


def _widths(table, widths) -> None:
    """Word reads cell widths and LibreOffice the grid's, so both are set."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _repeat_header(row) -> None:
    """Mark the row as a header row Word repeats on every page (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _rule(paragraph) -> None:
    """The double line under the kop."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "double"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


if __name__ == "__main__":
    print(build())
