"""Extraction accuracy and speed on a generated corpus whose contents are known.

    .venv/bin/python -m benchmarks.extraction_accuracy --forms 150 --seed 1

Writes ``--forms`` files with ``tests.forms.write_corpus`` (Word, PDF and Excel in turn, random layouts,
about one file in eight holding two forms, ``--libreoffice-share`` of the PDFs made from Word through
LibreOffice), extracts each with ``extractors.extract`` and compares with the ground truth as printed:

- rows exact: every field of a row equal (uraian with whitespace normalised, satuan, no, periode, the
  times in minutes, volume, WKE, beban, standar, alat, rasio, shift, printed need); a missing or extra
  row counts as not exact, so do the rows of a rejected file;
- header exact: nama_jabatan, unit_kerja (the whole path), kelas_jabatan and bezetting;
- K exact: k_raw and K of ``calculators.assess.position`` under the default Rules equal for the
  extracted form and the ground truth;
- rejected files, and extraction time per form and per page (PDF pages from pdfplumber; Word and
  Excel have no pages of their own, so theirs are estimated as 1 + rows // 25 per form).

With ``--transforms`` (the default) each metamorphic transformation of ``tests/forms/transforms.py`` is
also applied to ``--transform-forms`` forms per format it applies to (task-by-task forms, every third one
of another approach where the transformation allows), and a second table gives per transformation and
format: files, files without any mismatch, rows exact, K exact and rejected files (JSON key ``transforms``).

With ``--independent`` (the default) the independently written corpus of ``tests/independent`` (layouts of
public forms and applications, expectations by its own arithmetic) is read too, and a third table gives
per layout: files, files read as expected, and milliseconds per file (JSON key ``independent``).

A readable table and up to ``--show`` mismatches go to stderr; the figures go to stdout as one JSON object
on its last line, to compare runs over time.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROW_FIELDS = ("no", "uraian", "satuan", "periode", "norma_waktu_menit", "volume", "wke_menit", "beban",
              "standar_kemampuan", "jumlah_alat", "rasio_pegawai_per_alat", "shift", "pegawai_tercetak")
HEADER_FIELDS = ("nama_jabatan", "unit_kerja", "kelas_jabatan", "bezetting")
ROWS_PER_PAGE = 25          # the estimate of pages for Word and Excel files


@dataclass
class Mismatch:
    file: str
    form: int | None         # 0-based place in the file; None for the file as a whole
    row: int | None          # 1-based row; None for a form-level field
    field: str
    expected: object
    got: object

    def line(self) -> str:
        where = self.file + ("" if self.form is None else f" form {self.form}") + \
            ("" if self.row is None else f" row {self.row}")
        return f"{where}: {self.field}: expected {self.expected!r}, got {self.got!r}"


@dataclass
class FileResult:
    file: str
    fmt: str
    forms: int = 0
    rows: int = 0
    rows_exact: int = 0
    header_exact: int = 0
    k_exact: int = 0
    rejected: str | None = None         # the reason, when the extractor refused the file
    seconds: float = 0.0
    pages: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)


def _text(value) -> str:
    return " ".join(str(value).split())


def _same(name: str, expected, got) -> bool:
    if name == "uraian":
        return _text(expected or "") == _text(got or "")
    if isinstance(expected, Decimal) and isinstance(got, Decimal):
        return expected == got                       # 0.250 == 0.25
    return expected == got


def _shown(value):
    return str(value) if isinstance(value, Decimal) else value


def compare_rows(file: str, form: int, truth_rows, got_rows) -> tuple[int, int, list[Mismatch]]:
    """(rows counted, rows exact, mismatches) of one form; missing and extra rows are not exact."""
    mismatches, exact = [], 0
    for n in range(max(len(truth_rows), len(got_rows))):
        if n >= len(got_rows):
            mismatches.append(Mismatch(file, form, n + 1, "row", truth_rows[n].uraian, "(missing)"))
            continue
        if n >= len(truth_rows):
            mismatches.append(Mismatch(file, form, n + 1, "row", "(none)", got_rows[n].uraian))
            continue
        bad = [Mismatch(file, form, n + 1, name, _shown(getattr(truth_rows[n], name)),
                        _shown(getattr(got_rows[n], name)))
               for name in ROW_FIELDS if not _same(name, getattr(truth_rows[n], name), getattr(got_rows[n], name))]
        exact += not bad
        mismatches += bad
    return max(len(truth_rows), len(got_rows)), exact, mismatches


def need(form, file: str):
    """(k_raw, K) as the pipeline computes them; an exception's name when the calculation fails."""
    from calculators.assess import position
    from calculators.settings import Rules

    try:
        result = position(form, Rules(), file_name=file)
    except Exception as exc:  # a form the calculator cannot take is a mismatch to show, not a crash
        return f"error {type(exc).__name__}", None
    return result.k_raw, result.k


def compare_file(item, forms) -> FileResult:
    """Compare the forms extracted from ``item.path`` (None when rejected) with ``item.forms``."""
    name = item.path.name
    result = FileResult(name, item.fmt, forms=len(item.forms))
    got_forms = forms or []
    if forms is not None and len(got_forms) != len(item.forms):
        result.mismatches.append(Mismatch(name, None, None, "forms", len(item.forms), len(got_forms)))
    for index, truth in enumerate(item.forms):
        got = got_forms[index] if index < len(got_forms) else None
        if got is None:
            result.rows += len(truth.rows)
            continue
        if got.approach != truth.approach:
            result.mismatches.append(Mismatch(name, index, None, "approach", truth.approach, got.approach))
        counted, exact, mismatches = compare_rows(name, index, truth.rows, got.rows)
        result.rows += counted
        result.rows_exact += exact
        result.mismatches += mismatches
        header = [Mismatch(name, index, None, f"header.{key}", getattr(truth.header, key), getattr(got.header, key))
                  for key in HEADER_FIELDS if getattr(truth.header, key) != getattr(got.header, key)]
        result.header_exact += not header
        result.mismatches += header
        expected, actual = need(truth, name), need(got, name)
        if expected == actual and got.approach == truth.approach:
            result.k_exact += 1
        else:
            for label, a, b in (("k_raw", expected[0], actual[0]), ("K", expected[1], actual[1])):
                if a != b:
                    result.mismatches.append(Mismatch(name, index, None, label, _shown(a), _shown(b)))
    return result


def pdf_pages(path: Path) -> int:
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            return len(pdf.pages)
    except Exception:
        return 0


def run_item(item, compare=compare_file, repeat: int = 1) -> FileResult:
    """Extract and compare one file; its time is the fastest of ``repeat`` extractions (the least disturbed
    by whatever else the machine does)."""
    from extractors import extract
    from extractors.submission import ExtractionError

    seconds = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            forms, reason = extract(item.path).forms, None
        except ExtractionError as exc:
            forms, reason = None, f"{exc.reason}: {exc.message}"
        seconds = min(seconds, time.perf_counter() - start)
    result = compare(item, forms)
    result.seconds, result.rejected = seconds, reason
    if reason:
        result.mismatches.insert(0, Mismatch(item.path.name, None, None, "rejected", "accepted", reason))
    result.pages = pdf_pages(item.path) if item.fmt == "pdf" else \
        sum(1 + len(f.rows) // ROWS_PER_PAGE for f in item.forms)
    return result


def summarise(results: list[FileResult]) -> dict:
    def pct(part, whole):
        return round(100 * part / whole, 2) if whole else None

    forms = sum(r.forms for r in results)
    rows = sum(r.rows for r in results)
    seconds = sum(r.seconds for r in results)
    pages = sum(r.pages for r in results)
    return {"files": len(results), "forms": forms, "rows": rows,
            "rows_exact_pct": pct(sum(r.rows_exact for r in results), rows),
            "header_exact_pct": pct(sum(r.header_exact for r in results), forms),
            "k_exact_pct": pct(sum(r.k_exact for r in results), forms),
            "rejected": sum(1 for r in results if r.rejected),
            "pages": pages,
            "ms_per_form": round(1000 * seconds / forms, 1) if forms else None,
            "ms_per_page": round(1000 * seconds / pages, 1) if pages else None}


def table(figures: dict[str, dict]) -> str:
    columns = [("format", 7), ("files", 6), ("forms", 6), ("rows", 6), ("rows exact", 11), ("header exact", 13),
               ("K exact", 9), ("rejected", 9), ("pages", 6), ("ms/form", 8), ("ms/page", 8)]
    keys = ["files", "forms", "rows", "rows_exact_pct", "header_exact_pct", "k_exact_pct", "rejected", "pages",
            "ms_per_form", "ms_per_page"]
    out = ["".join(title.rjust(width) if i else title.ljust(width) for i, (title, width) in enumerate(columns))]
    out.append("-" * sum(w for _, w in columns))
    for name, fig in figures.items():
        cells = [name.ljust(columns[0][1])]
        for (_, width), key in zip(columns[1:], keys):
            value = fig[key]
            text = "-" if value is None else f"{value:.2f}%" if key.endswith("_pct") else \
                f"{value:.1f}" if isinstance(value, float) else str(value)
            cells.append(text.rjust(width))
        out.append("".join(cells))
    return "\n".join(out)


TRANSFORM_KEYS = ("files", "files_exact", "rows_exact_pct", "k_exact_pct", "rejected")
OTHER_APPROACHES = ("hasil_kerja", "objek_kerja", "peralatan_kerja")


def run_transforms(folder: Path, formats: tuple[str, ...], per_format: int, seed: int):
    """({transformation: {format: figures}}, results): each transformation alone on ``per_format`` forms."""
    from tests.forms.transforms import TRANSFORMS, compare_case, example, write_case

    figures, everything = {}, []
    folder.mkdir(parents=True, exist_ok=True)
    for name, transform in TRANSFORMS.items():
        for fmt in (f for f in formats if f in transform.formats):
            results = []
            for n in range(per_format):
                others = [a for a in OTHER_APPROACHES if a in transform.approaches]
                approach = others[n // 3 % len(others)] if n % 3 == 2 and others else "tugas_per_tugas"
                case = example([name], fmt, approach, seed=seed + n)
                item = write_case(case, folder / f"{name}_{n}.{fmt}")
                results.append(run_item(item, lambda item, forms, case=case: compare_case(case, item.path, forms)))
            # A file can be wrong with every row and K right (a form too many): "files exact" counts it.
            summary = {**summarise(results), "files_exact": sum(not r.mismatches for r in results)}
            figures.setdefault(name, {})[fmt] = {key: summary[key] for key in TRANSFORM_KEYS}
            everything += results
    return figures, everything


def transform_table(figures: dict[str, dict[str, dict]]) -> str:
    columns = [("transformation", 25), ("format", 7), ("files", 6), ("files exact", 12), ("rows exact", 11),
               ("K exact", 9), ("rejected", 9)]
    out = ["".join(title.ljust(width) if i < 2 else title.rjust(width) for i, (title, width) in enumerate(columns))]
    out.append("-" * sum(w for _, w in columns))
    for name, by_format in figures.items():
        for fmt, fig in by_format.items():
            cells = [name.ljust(columns[0][1]), fmt.ljust(columns[1][1])]
            for (_, width), key in zip(columns[2:], TRANSFORM_KEYS):
                value = fig[key]
                cells.append(("-" if value is None else f"{value:.2f}%" if key.endswith("_pct") else str(value))
                             .rjust(width))
            out.append("".join(cells))
    return "\n".join(out)


def run_independent(folder: Path) -> tuple[dict[str, dict], list[str]]:
    """({layout: {files, as_expected, ms_per_file}}, problems) of the independent corpus."""
    from tests.independent import write_independent_corpus
    from tests.independent.check import problems

    figures: dict[str, dict] = {}
    found = []
    for case in write_independent_corpus(folder):
        start = time.perf_counter()
        wrong = problems(case)
        seconds = time.perf_counter() - start
        fig = figures.setdefault(case.layout, {"files": 0, "as_expected": 0, "seconds": 0.0})
        fig["files"] += 1
        fig["as_expected"] += not wrong
        fig["seconds"] += seconds
        found += wrong
    all_files = {"files": sum(f["files"] for f in figures.values()),
                 "as_expected": sum(f["as_expected"] for f in figures.values()),
                 "seconds": sum(f["seconds"] for f in figures.values())}
    figures["all"] = all_files
    return {layout: {"files": f["files"], "as_expected": f["as_expected"],
                     "ms_per_file": round(1000 * f["seconds"] / f["files"], 1)} for layout, f in figures.items()}, found


def independent_table(figures: dict[str, dict]) -> str:
    out = [f"{'layout':<20}{'files':>6}{'as expected':>13}{'ms/file':>9}", "-" * 48]
    out += [f"{layout:<20}{f['files']:>6}{f['as_expected']:>13}{f['ms_per_file']:>9.1f}"
            for layout, f in figures.items()]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=150, help="files to generate (about 1 in 8 holds two forms)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", default="docx,pdf,xlsx")
    parser.add_argument("--libreoffice-share", type=float, default=0.3,
                        help="share of the PDFs made from Word through LibreOffice")
    parser.add_argument("--show", type=int, default=10, help="mismatches to list")
    parser.add_argument("--repeat", type=int, default=1, help="time each file's extraction this many times, keep the "
                                                              "fastest")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it (default: a temporary folder)")
    parser.add_argument("--transforms", action=argparse.BooleanOptionalAction, default=True,
                        help="also report each metamorphic transformation (tests/forms/transforms.py) per format")
    parser.add_argument("--transform-forms", type=int, default=3, help="forms per transformation and format")
    parser.add_argument("--independent", action=argparse.BooleanOptionalAction, default=True,
                        help="also read the independently written corpus of tests/independent")
    args = parser.parse_args(argv)

    from tests.forms import write_corpus

    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        start = time.perf_counter()
        items = write_corpus(folder, args.forms, seed=args.seed, formats=formats,
                             libreoffice_share=args.libreoffice_share)
        generated = time.perf_counter() - start
        results = [run_item(item, repeat=args.repeat) for item in items]
        transforms, transformed = run_transforms(folder / "transforms", formats, args.transform_forms, args.seed) \
            if args.transforms else ({}, [])
        independent, unexpected = run_independent(folder / "independent") if args.independent else ({}, [])

    figures = {fmt: summarise([r for r in results if r.fmt == fmt]) for fmt in formats}
    figures["all"] = summarise(results)
    say(f"Extraction accuracy: {len(items)} files (seed {args.seed}, LibreOffice share of PDFs "
        f"{args.libreoffice_share}), generated in {generated:.1f} s")
    say(table(figures))
    say(f"Pages: PDF pages counted with pdfplumber; Word and Excel estimated as 1 + rows // {ROWS_PER_PAGE} "
        "per form.")
    mismatches = [m for r in results for m in r.mismatches]
    rejected = [r for r in results if r.rejected]
    if rejected:
        say("\nRejected files:")
        for r in rejected:
            say(f"  {r.file}: {r.rejected}")
    by_field = Counter(m.field for m in mismatches)
    say(f"\nMismatches: {len(mismatches)}" + (f" (first {args.show})" if len(mismatches) > args.show else "")
        + (" by field: " + ", ".join(f"{k} {v}" for k, v in by_field.most_common()) if by_field else ""))
    for m in mismatches[:args.show]:
        say("  " + m.line())
    if args.transforms:
        say(f"\nMetamorphic transformations: {len(transformed)} files, each transformation alone on "
            f"{args.transform_forms} forms per format (seeds {args.seed}..{args.seed + args.transform_forms - 1})")
        say(transform_table(transforms))
        firsts = {}
        for r in transformed:
            if r.mismatches:
                firsts.setdefault(r.file.rsplit("_", 1)[0] + "." + r.fmt, r.mismatches[0].line())
        if firsts:
            say("First mismatch per transformation and format:")
            for line in firsts.values():
                say("  " + line)
    if args.independent:
        say(f"\nIndependent corpus (tests/independent): {independent['all']['files']} files, "
            f"{independent['all']['as_expected']} read as expected")
        say(independent_table(independent))
        for line in unexpected[:args.show]:
            say("  " + line)
    summary = {"seed": args.seed, "files": len(items), "libreoffice_share": args.libreoffice_share,
               "generate_s": round(generated, 1), "page_estimate": f"docx/xlsx: 1 + rows // {ROWS_PER_PAGE} per form",
               "formats": figures, "mismatches": len(mismatches), "mismatches_by_field": dict(by_field.most_common()),
               "first_mismatches": [{"file": m.file, "form": m.form, "row": m.row, "field": m.field,
                                     "expected": _json(m.expected), "got": _json(m.got)}
                                    for m in mismatches[:args.show]]}
    if args.transforms:
        summary["transforms"] = transforms
    if args.independent:
        summary["independent"] = independent
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def say(*parts) -> None:
    """The readable report goes to stderr, so that stdout holds the JSON figures alone."""
    print(*parts, file=sys.stderr, flush=True)


def _json(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
