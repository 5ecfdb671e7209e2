"""Hostile and broken files: the verdict each gets, how long it takes and how much memory it costs.

    .venv/bin/python -m benchmarks.hostile_files

Every file of ``tests/forms/bad_files.BAD_FILES`` (truncated, corrupt, encrypted, scanned, zip and
deflate bombs, an entity bomb, 2,000-page and oversized PDFs, 30,000 task rows in 175 KB, legacy and
OpenDocument formats, ...) is read in a process of its own under the limits of a pass worker (the
address-space cap and the time limit of ``extractors.Limits``); the table gives the reason code, the
seconds and the peak resident memory of that process (from wait4). One JSON object on the last line
of stdout, the table on stderr.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def read_one(path: str) -> None:
    """In the child: the worker's memory cap, then the extraction; prints the reason (or "accepted")."""
    from extractors import Limits, extract
    from extractors.submission import ExtractionError

    limits = Limits()
    cap = limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        extract(path, limits)
        print("accepted")
    except ExtractionError as exc:
        print(exc.reason)
    except MemoryError:
        print("too_large")


def measure(path: Path, timeout_s: int) -> dict:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "benchmarks.hostile_files", "--one", str(path)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        out, _ = process.communicate(timeout=timeout_s)
        verdict = out.strip().splitlines()[-1] if out.strip() else f"exit {process.returncode}"
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        verdict = "too_large (time limit)"
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"verdict": verdict, "seconds": round(seconds, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1)}


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        read_one(sys.argv[2])
        return 0
    from extractors import Limits
    from tests.forms.bad_files import BAD_FILES

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, bad in BAD_FILES.items():
            folder = Path(tmp) / name
            folder.mkdir()
            path = bad.build(folder)
            # Each file in a fresh process: RUSAGE_CHILDREN's peak only grows, so it is read per run
            # from a measuring child of its own.
            result = _isolated(path, Limits().timeout_s)
            result.update(file=path.name, size_kb=round(os.path.getsize(path) / 1024, 1),
                          expected=bad.reason or "accepted")
            results[name] = result
    print(f"{'file':<34}{'size KB':>10}  {'verdict':<24}{'expected':<22}{'seconds':>8}{'peak MB':>9}", file=sys.stderr)
    for result in results.values():
        print(f"{result['file'][:33]:<34}{result['size_kb']:>10}  {result['verdict']:<24}{result['expected']:<22}"
              f"{result['seconds']:>8}{result['peak_mb']:>9}", file=sys.stderr)
    print(json.dumps(results, ensure_ascii=False))
    return 0


def _isolated(path: Path, timeout_s: int) -> dict:
    """``measure`` run from a child of its own, so that the peak memory is this file's alone."""
    code = (f"import json; from benchmarks.hostile_files import measure; from pathlib import Path; "
            f"print(json.dumps(measure(Path({str(path)!r}), {timeout_s})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.exit(main())
