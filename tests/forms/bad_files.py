"""Files the extractors must refuse (or, for a print-restricted PDF, must still open), each with the
reason code that ../shared/cli-contract.md gives for it.

The PDFs here are written byte by byte (a tiny writer with RC4 encryption) rather than with a PDF
library: no library in the project writes encrypted PDFs, and exact control over the bytes is the point
of a bad file. ``BAD_FILES`` lists every builder; each writes one file into a folder and returns its path.
"""
from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from extractors import Limits
from extractors.submission import (ENCRYPTED, NO_TEXT_LAYER, NOT_AN_ABK_FORM, TOO_LARGE, UNREADABLE,
                                   UNSUPPORTED_FORMAT)

# --- a minimal PDF writer -------------------------------------------------------------------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = hashlib.md5(b"abk-bad-files").digest()
_A4_LANDSCAPE = (842, 595)


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


@dataclass(frozen=True)
class Encryption:
    """Standard security handler, revision 2 (40-bit RC4): what old Acrobat "Security" settings wrote."""

    user_password: str = ""
    owner_password: str = "pemilik"
    permissions: int = -8          # every right except printing (bit 3 cleared)

    def entries(self) -> tuple[bytes, bytes]:
        """The /Encrypt dictionary and the document key."""
        owner = (self.owner_password.encode("latin-1") + _PAD)[:32]
        user = (self.user_password.encode("latin-1") + _PAD)[:32]
        o_value = _rc4(hashlib.md5(owner).digest()[:5], user)
        key = hashlib.md5(user + o_value + struct.pack("<i", self.permissions) + _FILE_ID).digest()[:5]
        u_value = _rc4(key, _PAD)
        encrypt = (b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <"
                   + u_value.hex().encode() + b"> /P " + str(self.permissions).encode() + b" >>")
        return encrypt, key


def pdf_bytes(contents: list[bytes], *, encryption: Encryption | None = None, image: bytes | None = None,
              declared_pages: int | None = None) -> bytes:
    """A PDF with one page per content stream (Helvetica as /F1, ``image`` as /Im1 when given)."""
    objects: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
                                 3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
    streams: dict[int, tuple[bytes, bytes]] = {}
    next_id = 4
    xobject = b""
    if image is not None:
        streams[next_id] = (image, b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                                   b"/BitsPerComponent 8 /Filter /FlateDecode")
        xobject = b" /XObject << /Im1 %d 0 R >>" % next_id
        next_id += 1
    kids = []
    for content in contents:
        page, stream = next_id, next_id + 1
        next_id += 2
        kids.append(b"%d 0 R" % page)
        objects[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                         b"/Resources << /Font << /F1 3 0 R >>%s >> >>" % (*_A4_LANDSCAPE, stream, xobject))
        streams[stream] = (zlib.compress(content), b"/Filter /FlateDecode")
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), declared_pages or len(kids))
    encrypt, key = encryption.entries() if encryption else (None, None)
    for number, (data, extra) in streams.items():
        if key:
            data = _rc4(hashlib.md5(key + struct.pack("<i", number)[:3] + b"\0\0").digest()[:10], data)
        objects[number] = b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)
    if encrypt:
        objects[next_id] = encrypt
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n")
    trailer = b"/Size %d /Root 1 0 R /ID [<%s> <%s>]" % (size, _FILE_ID.hex().encode(), _FILE_ID.hex().encode())
    if encrypt:
        trailer += b" /Encrypt %d 0 R" % next_id
    out.write(b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref))
    return out.getvalue()


def _text(x: float, y: float, text: str, size: int = 8) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"BT /F1 %d Tf %.1f %.1f Td (%s) Tj ET\n" % (size, x, y, escaped.encode("cp1252"))


# The worked example's first rows, enough for a form the understanding must find.
FORM_HEADER = [("Nama Jabatan", "Pengolah Data Formasi"),
               ("Unit Kerja", "Sub Bidang Formasi / Bidang Pengadaan / Badan Kepegawaian Daerah"),
               ("Ikhtisar Jabatan", "Mengolah data usulan formasi.")]
FORM_TABLE = [["No", "Uraian Tugas", "Satuan Hasil", "Waktu Penyelesaian (menit)", "Waktu Kerja Efektif (menit)",
               "Beban Kerja", "Pegawai yang Dibutuhkan"],
              ["1", "Memeriksa data usulan formasi", "Laporan", "15", "72.000", "600", "0,125"],
              ["2", "Menginventarisasi data usulan formasi", "Data", "30", "72.000", "600", "0,250"],
              ["3", "Membuat konsep laporan statistik", "Laporan", "6.000", "72.000", "2", "0,167"]]
_WIDTHS = [25, 200, 60, 115, 115, 60, 110]


def ruled_table_content(header: list[tuple[str, str]], table: list[list[str]], top: float = 560,
                        ruled: bool = True) -> bytes:
    """A page with "Label : value" lines and a table below them, as a word processor prints it
    (``ruled=False``: the same table without its lines, as a borderless table prints)."""
    out = bytearray()
    y = top
    for label, value in header:
        out += _text(40, y, f"{label} : {value}", 9)
        y -= 14
    y -= 10
    row_height = 18
    left, right = 40, 40 + sum(_WIDTHS)
    bottom = y - row_height * len(table)
    out += b"0.6 w\n"
    for r in range(len(table) + 1 if ruled else 0):
        out += b"%d %.1f m %d %.1f l S\n" % (left, y - r * row_height, right, y - r * row_height)
    x = left
    for width in [0] + _WIDTHS if ruled else []:
        x += width
        out += b"%d %.1f m %d %.1f l S\n" % (x, y, x, bottom)
    for r, cells in enumerate(table):
        x = left
        for width, text in zip(_WIDTHS, cells):
            out += _text(x + 3, y - r * row_height - 12, text, 7)
            x += width
    return bytes(out)


def form_pdf(encryption: Encryption | None = None) -> bytes:
    return pdf_bytes([ruled_table_content(FORM_HEADER, FORM_TABLE)], encryption=encryption)


def _noise_image() -> bytes:
    """A 64×64 grey picture: what a scanner leaves, pixels and no text."""
    return zlib.compress(bytes((x * 7 + y * 13) % 256 for y in range(64) for x in range(64)))


# --- the bad files --------------------------------------------------------------------------------

def empty(folder: Path) -> Path:
    return _write(folder / "kosong.docx", b"")


def truncated_pdf(folder: Path) -> Path:
    data = form_pdf()
    return _write(folder / "terpotong.pdf", data[: len(data) * 2 // 3])


def corrupt_pdf(folder: Path) -> Path:
    """A PDF header followed by noise: no object, no xref, nothing to read."""
    noise = bytes((i * 37 + 11) % 251 for i in range(4000))
    return _write(folder / "rusak.pdf", b"%PDF-1.7\n" + noise + b"\n%%EOF\n")


def text_as_pdf(folder: Path) -> Path:
    return _write(folder / "bukan pdf.pdf", "Ini catatan biasa, bukan PDF.\nNama Jabatan : Analis\n".encode())


def png_as_docx(folder: Path) -> Path:
    raw = b"".join(b"\0" + bytes([200] * 8) for _ in range(8))
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return _write(folder / "foto formulir.docx", png)


def encrypted_pdf(folder: Path) -> Path:
    """Needs a password to open at all."""
    return _write(folder / "bersandi.pdf", form_pdf(Encryption(user_password="rahasia")))


def print_restricted_pdf(folder: Path) -> Path:
    """Only an owner password that forbids printing: opens with an empty password, and is a good form."""
    return _write(folder / "tidak boleh dicetak.pdf", form_pdf(Encryption(user_password="")))


def scanned_pdf(folder: Path) -> Path:
    content = b"q 760 0 0 520 40 40 cm /Im1 Do Q\n"
    return _write(folder / "hasil pindai.pdf", pdf_bytes([content, content], image=_noise_image()))


def docx_without_task_table(folder: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("Nama Jabatan : Pengolah Data")
    document.add_paragraph("Surat ini menyampaikan daftar hadir rapat koordinasi.")
    table = document.add_table(rows=3, cols=3)
    for r, cells in enumerate([["No", "Nama", "Tanda Tangan"], ["1", "Budi", ""], ["2", "Sari", ""]]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    path = folder / "daftar hadir.docx"
    document.save(str(path))
    return path


def legacy_doc(folder: Path) -> Path:
    """The OLE2 compound-file signature of Word 97-2003, padded to a header sector."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHH", 0x3E, 3, 0xFFFE)
    return _write(folder / "abk lama.doc", header.ljust(1536, b"\0"))


def legacy_doc_named_docx(folder: Path) -> Path:
    return _write(folder / "abk lama berganti nama.docx", legacy_doc(folder).read_bytes())


def zip_bomb_docx(folder: Path) -> Path:
    """A docx whose central directory declares a 4 GB document.xml (the bytes are tiny)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    entry = data.rfind(b"PK\x01\x02", 0, data.find(b"PK\x05\x06"))  # last central entry: document.xml
    data[entry + 24:entry + 28] = struct.pack("<I", 0xFFFFFFF0)     # its uncompressed size
    return _write(folder / "bom zip.docx", bytes(data))


def deflate_bomb_docx(folder: Path, megabytes: int = 8) -> Path:
    """Honest sizes, absurd ratio: megabytes of zeros compressed to a few kilobytes."""
    path = folder / "bom rasio.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(megabytes):
                member.write(b"\0" * 2**20)
    return path


def oversized_pdf(folder: Path, limit: int = 10 * 2**20) -> Path:
    return _write(folder / "terlalu besar.pdf", form_pdf().ljust(limit + 1, b"\n"))


def many_pages_pdf(folder: Path, pages: int | None = None) -> Path:
    pages = pages or Limits().max_pages + 1
    return _write(folder / "banyak halaman.pdf",
                  pdf_bytes([_text(40, 560, f"Lampiran halaman {n}") for n in range(1, pages + 1)]))


def plain_text(folder: Path) -> Path:
    return _write(folder / "catatan.txt", b"Nama Jabatan : Analis\n")


def odt(folder: Path) -> Path:
    path = folder / "abk.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def many_task_rows_docx(folder: Path, rows: int = 30000) -> Path:
    """A small Word file (about 250 KB) of 30,000 task rows: a check that is quadratic in the rows made
    one such file stall every pass; now the rows are refused by limits.max_rows."""
    def cell(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"
    head = "".join(cell(t) for t in ("No", "Uraian Tugas", "Satuan", "Waktu Penyelesaian", "Volume", "WKE"))
    body = "".join(f"<w:tr>{cell(str(n))}{cell(f'Tugas {n}')}{cell('Dokumen')}{cell('60')}{cell('1')}"
                   f"{cell('75000')}</w:tr>" for n in range(1, rows + 1))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.'
                'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Nama Jabatan : Analis'
                '</w:t></w:r></w:p><w:p><w:r><w:t>Unit Kerja : Dinas X</w:t></w:r></w:p>'
                f"<w:tbl><w:tr>{head}</w:tr>{body}</w:tbl></w:body></w:document>")
    return _docx(folder / "tiga puluh ribu baris.docx", document)


def entity_bomb_docx(folder: Path) -> Path:
    """Billion laughs in document.xml: ten levels of entities that would expand to gigabytes."""
    levels = "".join(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "ha">{levels}]>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                "<w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>")
    return _docx(folder / "bom entitas.docx", document)


def _docx(path: Path, document: str) -> Path:
    """A minimal Word package around ``document`` (document.xml)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                         'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
                         'application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("_rels/.rels",
                         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                         'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
                         '"word/document.xml"/></Relationships>')
        archive.writestr("word/document.xml", document)
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@dataclass(frozen=True)
class BadFile:
    build: Callable[[Path], Path]
    reason: str | None          # None: the file must be accepted


BAD_FILES = {
    "empty": BadFile(empty, UNREADABLE),
    "truncated_pdf": BadFile(truncated_pdf, UNREADABLE),
    "corrupt_pdf": BadFile(corrupt_pdf, UNREADABLE),
    "text_as_pdf": BadFile(text_as_pdf, UNREADABLE),
    "png_as_docx": BadFile(png_as_docx, UNREADABLE),
    "encrypted_pdf": BadFile(encrypted_pdf, ENCRYPTED),
    "print_restricted_pdf": BadFile(print_restricted_pdf, None),
    "scanned_pdf": BadFile(scanned_pdf, NO_TEXT_LAYER),
    "docx_without_task_table": BadFile(docx_without_task_table, NOT_AN_ABK_FORM),
    "legacy_doc": BadFile(legacy_doc, UNSUPPORTED_FORMAT),
    "legacy_doc_named_docx": BadFile(legacy_doc_named_docx, UNSUPPORTED_FORMAT),
    "zip_bomb_docx": BadFile(zip_bomb_docx, TOO_LARGE),
    "deflate_bomb_docx": BadFile(deflate_bomb_docx, TOO_LARGE),
    "oversized_pdf": BadFile(oversized_pdf, TOO_LARGE),
    "many_pages_pdf": BadFile(many_pages_pdf, TOO_LARGE),
    "plain_text": BadFile(plain_text, UNSUPPORTED_FORMAT),
    "odt": BadFile(odt, UNSUPPORTED_FORMAT),
    "many_task_rows_docx": BadFile(many_task_rows_docx, TOO_LARGE),
    "entity_bomb_docx": BadFile(entity_bomb_docx, UNREADABLE),
}
