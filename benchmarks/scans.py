"""Scanned forms read by OCR: how many are accepted, how exact, and how fast, per scanning condition.

    .venv/bin/python -m benchmarks.scans --forms 20 --seed 1

Writes ``--forms`` task-by-task forms (random content, ``tests.forms.random_form``) as PDFs, scans each under
every condition of ``tests.scans.CONDITIONS`` (300 dpi clean and with light noise, 150 dpi, skewed 2.5°,
fed sideways, a red stamp over the table, blurred) and extracts the scan with ``extractors.extract``. Per
condition:

- accepted: share of forms the extractor accepted (the others are ``needs_review`` or another reason);
- rows exact: among the accepted forms, rows equal to the ground truth in every field (uraian and satuan
  text included, as ``benchmarks.extraction_accuracy`` compares them);
- wrongly accepted: accepted forms with any row differing from the truth, in any field, and in the
  figures that make K (time, volume, WKE, printed need) -- the latter must be 0;
- seconds per page: extraction time (OCR included) per scanned page, on one core.

A readable table goes to stderr; the figures go to stdout as one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.extraction_accuracy import compare_rows

FIGURES = ("norma_waktu_menit", "volume", "wke_menit", "beban", "standar_kemampuan", "jumlah_alat",
           "rasio_pegawai_per_alat", "shift", "pegawai_tercetak")


def run(forms: int, seed: int, conditions: list[str], show: int) -> dict:
    import calculators
    from calculators.settings import Rules
    from extractors import extract
    from extractors.submission import ExtractionError
    from tests.forms import Layout, as_printed, random_form, write_form
    from tests.scans import CONDITIONS, scan

    rng = random.Random(seed)
    table = {}
    with tempfile.TemporaryDirectory(prefix="abk-scans-") as folder:
        folder = Path(folder)
        truths = []
        for i in range(forms):
            form = as_printed(random_form(rng), Layout())
            truths.append((form, write_form([form], folder / f"form_{i:03d}.pdf", "pdf", Layout())))
        for name in conditions:
            condition = CONDITIONS[name]
            counts = {"forms": 0, "accepted": 0, "rows": 0, "rows_exact": 0, "wrong": 0, "wrong_figures": 0,
                      "seconds": 0.0, "pages": 0, "reasons": {}}
            for i, (truth, pdf) in enumerate(truths):
                path = scan(pdf, folder / f"scan_{i:03d}", condition, seed=seed * 1000 + i)
                start = time.perf_counter()
                try:
                    submission = extract(path)
                    assessment = calculators.assess(submission, Rules())
                    reason, message = assessment.reason, assessment.message
                except ExtractionError as exc:
                    submission, reason, message = None, exc.reason, exc.message
                counts["seconds"] += time.perf_counter() - start
                counts["pages"] += 1 if submission is None else (submission.pages or 1)
                counts["forms"] += 1
                path.unlink()
                if reason is not None:             # rejected: by the reader, or not confirmed by the arithmetic
                    counts["reasons"][reason] = counts["reasons"].get(reason, 0) + 1
                    if show:
                        print(f"  [{name}] {path.name}: {reason}: {message[:300]}", file=sys.stderr)
                    continue
                counts["accepted"] += 1
                got = submission.forms[0].rows if submission.forms else []
                rows, exact, mismatches = compare_rows(path.name, 0, truth.rows, got)
                counts["rows"] += rows
                counts["rows_exact"] += exact
                counts["wrong"] += bool(mismatches) or len(submission.forms) != 1
                counts["wrong_figures"] += any(m.field in FIGURES + ("row",) for m in mismatches)
                if show and mismatches:
                    for m in mismatches[:show]:
                        print(f"  [{name}] {m.line()}", file=sys.stderr)
            table[name] = counts
    return table


def report(table: dict) -> str:
    lines = ["| condition | forms | accepted | rows exact (accepted) | wrongly accepted (any field) | "
             "wrongly accepted (figures) | s/page | rejected as |",
             "|---|---|---|---|---|---|---|---|"]
    for name, c in table.items():
        accepted = f"{100 * c['accepted'] / c['forms']:.0f} %" if c["forms"] else "-"
        exact = f"{100 * c['rows_exact'] / c['rows']:.1f} %" if c["rows"] else "-"
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(c["reasons"].items())) or "-"
        lines.append(f"| {name} | {c['forms']} | {accepted} | {exact} | {c['wrong']} | {c['wrong_figures']} | "
                     f"{c['seconds'] / max(1, c['pages']):.1f} | {reasons} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    from tests.scans import CONDITIONS

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--forms", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--condition", action="append", choices=list(CONDITIONS),
                        help="only this condition (repeatable); default: all")
    parser.add_argument("--show", type=int, default=0, help="mismatches shown per form")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    table = run(args.forms, args.seed, args.condition or list(CONDITIONS), args.show)
    print(report(table), file=sys.stderr)
    print(json.dumps(table))


if __name__ == "__main__":
    main()
