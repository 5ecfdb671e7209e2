"""Renders every document of a pass into a folder that the caller then publishes whole."""
from __future__ import annotations

import base64
import io
import multiprocessing
import os
import re
import shutil
import zipfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, time
from pathlib import Path

from calculators.consolidation import selisih
from calculators.explain import explain, formula
from calculators.rounding import DESCRIBED
from calculators.results import Assessment, Rekap, Severity
from calculators.settings import Rules
from calculators.notation import num
from calculators.wording import COLUMN_NAMES
from report_templates import context, peta, workbooks
from report_templates.file_names import portable_name, unique_name
from report_templates.environment import HERE, render
from report_templates.instansi import Instansi
from report_templates.reading_workbook import reading_workbook

REASONS = {"unreadable": "berkas tidak terbaca", "encrypted": "berkas berkata sandi",
           "no_text_layer": "PDF hasil pindai tanpa teks", "not_an_abk_form": "bukan formulir ABK",
           "missing_required_field": "isian wajib kosong", "invalid_value": "nilai tidak sah",
           "too_large": "berkas terlalu besar", "unsupported_format": "format tidak didukung",
           "needs_review": "hasil pindai perlu diperiksa"}


# Below this many positions a second process costs more (starting it, importing WeasyPrint) than it saves.
PARALLEL_FROM_ROWS = 150


def render_documents(outdir: Path, rekap: Rekap, assessments: Sequence[Assessment] | None, instansi: Instansi,
                     rules: Rules, tanggal: date, parallel: bool = True,
                     laporan: Sequence[tuple[str, Path]] | None = None,
                     coverage: context.Coverage = context.Coverage()) -> dict[str, Path]:
    """Every document of a pass. The two PDFs are most of the work (WeasyPrint lays out every page in
    Python); for a large pass they are laid out in two worker processes, one per core, while this one
    writes the Word and Excel files and the laporan. ``laporan``, when given, holds each accepted file's
    name and its already rendered laporan, linked into the folder: then ``assessments`` is not needed (a
    large pass does not hold them); else each assessment's laporan is rendered here."""
    outdir = Path(outdir)
    forms = len(laporan) if laporan is not None else len(assessments)
    ctx = context.common(rekap, instansi, rules, tanggal, forms=forms, coverage=coverage)
    created = datetime.combine(tanggal, time(0, 0))
    sheets = peta.pages(rekap, instansi.kertas_peta, coverage.missing)
    for sheet in sheets:
        top = sheet["top"]
        sheet["selisih"] = context.signed(selisih(top.b, top.k, rules.selisih))
    pdfs = {"surat_pdf": ("surat_usul_kebutuhan.pdf", render("surat.html.j2", **ctx), "Usul Kebutuhan ASN"),
            "peta_pdf": ("peta_jabatan.pdf", render("peta.html.j2", sheets=sheets,
                                                    paper=peta.PAPER[instansi.kertas_peta], **ctx), "Peta Jabatan")}
    written = {}
    pool = None
    if parallel and len(rekap.rows) >= PARALLEL_FROM_ROWS:
        pool = ProcessPoolExecutor(max_workers=len(pdfs), mp_context=multiprocessing.get_context("forkserver"))
    try:
        pending = {key: pool.submit(_pdf, html, instansi, title) for key, (_, html, title) in pdfs.items()} \
            if pool else {}
        written["surat_docx"] = _write(outdir / "surat_usul_kebutuhan.docx", _docx(ctx, created))
        written["peta_xlsx"] = _write(outdir / "peta_jabatan.xlsx",
                                      _office(lambda b: workbooks.peta_workbook(b, rekap, created), created))
        written["rekap_xlsx"] = _write(outdir / "rekap.xlsx",
                                       _office(lambda b: workbooks.rekap_workbook(b, rekap, rules, created), created))
        for key, (name, html, title) in pdfs.items():
            data = pending[key].result() if key in pending else _pdf(html, instansi, title)
            written[key] = _write(outdir / name, data)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    used: set[str] = set()
    (outdir / "laporan").mkdir(parents=True, exist_ok=True)

    def target(file_name: str) -> Path:
        return outdir / "laporan" / (unique_name(portable_name(file_name), used) + ".html")

    if laporan is not None:
        for file_name, kept in laporan:
            _link(kept, target(file_name))
    else:
        for assessment in assessments:
            _write(target(assessment.file_name), render_laporan(assessment, instansi, rules, tanggal).encode("utf-8"))
    written["laporan"] = outdir / "laporan"
    return written


def rejection_note(assessment: Assessment) -> str:
    """The plain-text note kept beside a quarantined file."""
    return render("alasan.txt", file=assessment.file_name, reason=assessment.reason, message=assessment.message,
                  errors=[f.message for f in assessment.findings if f.severity == Severity.ERROR]) + "\n"   # Jinja drops it


def render_laporan(assessment: Assessment, instansi: Instansi, rules: Rules, tanggal: date) -> str:
    positions = []
    bands = {band.grade: band.label for band in rules.bands}
    for p in assessment.positions:
        header = p.form.header
        computed = {id(r.row): r for r in p.rows}
        # A rejected form shows every row it holds, the ones that could not be computed marked where they
        # stand, and no K: a K from the rows that happened to be readable would mislead the unit.
        shown = p.form.rows if not assessment.accepted else [r.row for r in p.rows]
        rows = []
        errors: dict[object, list[str]] = {}
        for f in assessment.findings:
            if f.severity == Severity.ERROR and f.form == p.form.index and f.row is not None:
                errors.setdefault(f.row, []).append(f.message.rsplit(": ", 1)[-1])
        for row in shown:
            r = computed.get(id(row))
            problems = errors.get(row.number, [])
            rows.append({"no": row.number, "uraian": row.uraian,
                         "satuan": row.satuan or "", "periode": r.periode if r else (row.periode or ""),
                         "rumus": formula(r, p.form.approach) if r else "tidak dapat dihitung",
                         "pegawai": num(r.pegawai, 4) if r else "-", "masalah": "; ".join(problems),
                         "tercetak": num(row.pegawai_tercetak) if row.pegawai_tercetak is not None else "tidak terbaca",
                         # a scan under review: the row as the paper shows it, under what was read of it
                         "gambar": _png_uri(row.image) if row.image and not assessment.accepted else None})
        positions.append({
            "nama_jabatan": header.nama_jabatan or "(tanpa nama jabatan)", "unit_kerja": header.unit_kerja_path or "-",
            "approach": p.form.approach.replace("_", " "), "kelas": header.kelas_jabatan or "-",
            "b": header.bezetting if header.bezetting is not None else "-", "rows": rows, "ocr": p.ocr,
            "total_tercetak": num(p.form.printed_total) if p.form.printed_total is not None else "tidak terbaca",
            "k_raw": num(p.k_raw, 4), "k": p.k,
            "k_note": "jabatan struktural, 1 per jabatan" if p.structural else DESCRIBED[p.rounding],
            "ej": ("tidak dapat dihitung (B = 0 atau tidak diisi)" if p.efisiensi is None
                   else f"{num(p.efisiensi, 2)}, kategori {p.band} ({bands.get(p.band, '')})"),
            "trace": explain(p) if assessment.accepted else []})
    return render("laporan.html.j2", file=assessment.file_name, tanggal=context.tanggal_id(tanggal), instansi=instansi,
                  reading=_reading(assessment, tanggal),
                  accepted=assessment.accepted, reason=assessment.reason,
                  reason_text=REASONS.get(assessment.reason, assessment.reason or ""), message=assessment.message,
                  findings=[{**f.as_json(), "kolom": COLUMN_NAMES.get(f.column, "") if f.column else ""}
                            for f in assessment.findings],
                  positions=positions, kirim=_where_to_send(instansi))


def _png_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _reading(assessment: Assessment, tanggal: date) -> str | None:
    """A scan that needs review: its reading as an Excel form, inside the laporan (a data: link the unit
    downloads), to be corrected against the paper and sent in again. One file goes back to the unit."""
    if assessment.accepted or not any(p.ocr for p in assessment.positions):
        return None
    created = datetime.combine(tanggal, time(0, 0))
    data = _office(lambda target: reading_workbook([p.form for p in assessment.positions], assessment.findings,
                                                   assessment.file_name, created, lambda book: book.save(target)),
                   created)
    return "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64," + \
        base64.b64encode(data).decode("ascii")


def _where_to_send(instansi: Instansi) -> str:
    """" ke <kontak> paling lambat <batas waktu>", as the instansi configured them ([laporan])."""
    text = f" ke {instansi.laporan_kontak}" if instansi.laporan_kontak else ""
    return text + (f" paling lambat {instansi.laporan_batas_waktu}" if instansi.laporan_batas_waktu else "")


def _pdf(html: str, instansi: Instansi, title: str) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(HERE)).render()
    document.metadata.title = f"{title} — {instansi.nama}"
    document.metadata.authors = [instansi.nama]
    document.metadata.created = document.metadata.modified = None
    return document.write_pdf(uncompressed_pdf=False)


def _docx(ctx: dict, created: datetime) -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    template = DocxTemplate(str(HERE / "surat_usul_kebutuhan.docx"))
    instansi = ctx["instansi"]
    kop = ctx["kop"]
    lambang = InlineImage(template, kop["lambang"], height=Mm(22)) if kop["lambang"] else ""
    template.render({**ctx, "kop_1": kop["lines"][0], "kop_rest": kop["lines"][1:], "kop_alamat": kop["alamat"],
                     "lambang": lambang,
                     "nip_line": f"NIP {instansi.ppk.nip}" if instansi.ppk.nip else ""}, autoescape=True)
    properties = template.docx.core_properties
    properties.created = properties.modified = properties.last_printed = created
    properties.revision = 1
    return _office(template.save, created)


def _office(save, created: datetime) -> bytes:
    """Office files are zips whose entries carry the time of writing, and openpyxl stamps the saving time
    into docProps/core.xml; pinning both to the pass date makes the same inbox give identical bytes."""
    buffer = io.BytesIO()
    save(buffer)
    stamp = created.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + created.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                              data)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _write(path: Path, data: bytes) -> Path:
    # Plain writes: the caller publishes the whole folder by one rename (flows/outbox.py), so no
    # reader ever sees a document half written.
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _link(source: Path, target: Path) -> None:
    """A second name for a finished file (no bytes copied); a copy where links are not possible,
    e.g. when the inbox and the outbox are on different disks."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


