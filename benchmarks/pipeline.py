"""The pipeline against the libraries' own floor.

    .venv/bin/python -m benchmarks.pipeline [--forms 1000] [--repeat 3] [--drops 20] [--seed 0] [--no-floor]

Generates a mixed corpus (docx, pdf, xlsx; 5-45 rows; some forms over several pages), then measures:

- floor_s: the same work as a pass, with no Prefect, no register, no worker pool: each file parsed by the
  library calls our readers make (python-docx, pdfplumber, openpyxl), the known forms computed, and every
  document rendered once (WeasyPrint, docxtpl, openpyxl) — one process, one core;
- pipeline_s: the same files through `abk process` against a local Prefect server, end to end;
- idle_s: `abk process` again with nothing new;
- one_new_s: `abk process` after one more form arrives (everything consolidated and published again);
- pickup_p95_s: file landing in the inbox watched by `abk serve` to its verdict, over single drops;
- peak_rss_mb: the largest total resident memory of `abk process` and all its child processes;
- peak_pss_mb: the same with each shared page counted once (the workers are forked from one server,
  so their RSS counts the parsers' pages several times): what the pass really takes from the machine.

--no-floor leaves out the floor (and so the ratio): at 10,000 forms it is most of an hour, and the
figure wanted there is memory.

Times are medians over --repeat runs. A readable report goes to stderr; the last line of stdout is one
JSON object with every figure, to compare runs over time.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ABK = [sys.executable, "-m", "flows.cli"]
TANGGAL = "2026-11-22"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--drops", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-floor", dest="floor", action="store_false")
    parser.add_argument("--distinct", type=int, default=None,
                        help="generate this many forms and fill up to --forms with byte-different copies of them "
                             "(memory at 50,000 without generating 50,000 forms; each copy is judged as a new "
                             "version of its position)")
    args = parser.parse_args()

    measure(run, args, "abk-bench-")


def measure(run, args, prefix: str) -> None:
    """``run(work, args)`` in a temporary folder removed afterwards; its figures as one JSON line on stdout."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        figures = run(work, args)
    finally:
        if os.environ.get("ABK_BENCH_KEEP"):         # to look at the inbox and outbox of a run that failed
            _say(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, sort_keys=True))


def run(work: Path, args) -> dict:
    from tests.forms import write_corpus

    if args.floor and (args.distinct or args.forms) < args.forms:
        raise SystemExit("--distinct needs --no-floor: the floor computes the generated forms only")
    started = time.perf_counter()
    corpus = write_corpus(work / "corpus", min(args.forms, args.distinct or args.forms), seed=args.seed)
    files = len(corpus) + len(_copies(corpus, args.forms - len(corpus)))
    _say(f"corpus: {files} files in {time.perf_counter() - started:.0f} s")

    floor_s, per_format = None, {}
    if args.floor:
        floor_runs = [floor(corpus, work / f"floor{i}") for i in range(args.repeat)]
        floor_s = statistics.median(r["total_s"] for r in floor_runs)
        per_format = _median_formats([r["formats"] for r in floor_runs])
        _say(f"floor: {floor_s:.1f} s (documents {statistics.median(r['documents_s'] for r in floor_runs):.1f} s)")

    env = _environment(work)
    server = _start_server(env)
    try:
        pipeline, idle, one_new, peaks, pss = [], [], [], [], []
        for i in range(args.repeat):
            inbox, outbox = work / f"inbox{i}", work / f"outbox{i}"
            shutil.copytree(work / "corpus", inbox)
            seconds, peak, peak_pss = _timed([*ABK, "process", "--inbox", str(inbox), "--outbox", str(outbox),
                                              "--tanggal", TANGGAL], env)
            pipeline.append(seconds)
            peaks.append(peak)
            pss.append(peak_pss)
            idle.append(_timed([*ABK, "process", "--inbox", str(inbox), "--outbox", str(outbox),
                                "--tanggal", TANGGAL], env)[0])
            _check_outcome(outbox, files)
            _one_new_form(inbox, i)
            one_new.append(_timed([*ABK, "process", "--inbox", str(inbox), "--outbox", str(outbox),
                                   "--tanggal", TANGGAL], env)[0])
            _say(f"pipeline run {i + 1}: {seconds:.1f} s, idle {idle[-1]:.1f} s, one new file {one_new[-1]:.1f} s, "
                 f"peak {peak:.0f} MB (PSS {peak_pss:.0f} MB)")
        pickups = pickup(work, env, args.drops) if args.drops else []
    finally:
        server.terminate()
        server.wait(timeout=60)

    pipeline_s = statistics.median(pipeline)
    figures = {
        "forms": files,
        "floor_s": round(floor_s, 2) if floor_s else None,
        "pipeline_s": round(pipeline_s, 2),
        "ratio": round(pipeline_s / floor_s, 3) if floor_s else None,
        "forms_per_s": round(files / pipeline_s, 1),
        "idle_s": round(statistics.median(idle), 2),
        "one_new_s": round(statistics.median(one_new), 2),
        "pickup_p95_s": round(_p95(pickups), 2) if pickups else None,
        "pickup_median_s": round(statistics.median(pickups), 2) if pickups else None,
        "peak_rss_mb": round(max(peaks)),
        "peak_pss_mb": round(max(pss)),
        "floor_per_format": per_format,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
        "date": date.today().isoformat(),
    }
    _report(figures)
    return figures


def _copies(corpus, count: int) -> list[Path]:
    """``count`` files that read as forms of the corpus but differ in their bytes (a zip's archive comment, a
    PDF comment after its end), so the inbox takes each for a new submission, not a duplicate."""
    import zipfile

    made = []
    for i in range(count):
        item = corpus[i % len(corpus)]
        target = item.path.with_name(f"copy_{i:06d}_{item.path.name}")
        shutil.copyfile(item.path, target)
        if item.fmt == "pdf":
            with open(target, "ab") as handle:
                handle.write(f"%copy {i}\n".encode())
        else:
            with zipfile.ZipFile(target, "a") as archive:
                archive.comment = f"copy {i}".encode()
        made.append(target)
    return made


def floor(corpus, out: Path) -> dict:
    """The honest floor: library parse of every file, the known forms computed, every document once."""
    from calculators import consolidate, position
    from calculators.results import Assessment
    from calculators.settings import Rules
    from flows.config import load_config
    from report_templates.render import render_documents

    formats: dict[str, dict] = {}
    started = time.perf_counter()
    for item in corpus:
        t = time.perf_counter()
        pages = PARSERS[item.fmt](item.path)
        entry = formats.setdefault(item.fmt, {"forms": 0, "pages": 0, "seconds": 0.0})
        entry["forms"] += len(item.forms)
        entry["pages"] += pages
        entry["seconds"] += time.perf_counter() - t
    rules = Rules()
    positions = [position(form, rules, file_name=item.path.name) for item in corpus for form in item.forms]
    rekap = consolidate(positions, rules, "Pemerintah Kabupaten Contoh")
    # The laporan per file needs an assessment per file.
    assessments = [Assessment(item.path.name, True, None, "", [], [p for p in positions
                                                                    if p.file_name == item.path.name])
                   for item in corpus]
    t = time.perf_counter()
    render_documents(out, rekap, assessments, load_config(None).instansi, rules, date.fromisoformat(TANGGAL),
                     parallel=False)
    documents_s = time.perf_counter() - t
    return {"total_s": time.perf_counter() - started, "documents_s": documents_s, "formats": formats}


def _parse_docx(path: Path) -> int:
    from docx import Document

    document = Document(str(path))
    for block in document.paragraphs:
        block.text
    for table in document.tables:
        for row in table.rows:
            [cell.text for cell in row.cells]
    return 1 + sum(len(t.rows) for t in document.tables) // 30      # Word has no pages until laid out


def _parse_pdf(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            for table in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
                table.extract()
            page.extract_text_lines(return_chars=False)
            page.close()
        return len(pdf.pages)


def _parse_xlsx(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(str(path), data_only=True)
    rows = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            rows += 1
    return len(book.worksheets)


PARSERS = {"docx": _parse_docx, "pdf": _parse_pdf, "xlsx": _parse_xlsx}


def pickup(work: Path, env: dict, drops: int) -> list[float]:
    """Single drops into the inbox `abk serve` watches; seconds from landing to verdict."""
    from dataclasses import replace

    from tests.forms import worked_example, write_form

    inbox, outbox = work / "watched", work / "watched-out"
    inbox.mkdir()
    log = work / "serve.log"
    with open(log, "w") as handle:
        serve = subprocess.Popen([*ABK, "serve", "--inbox", str(inbox), "--outbox", str(outbox)], env=env,
                                 stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    seconds = []
    try:
        _wait_for(lambda: "Melayani" in log.read_text(errors="replace"), 120)   # deployments registered
        time.sleep(3)                                                 # the runner's first poll
        for i in range(drops):
            form = worked_example()
            form = replace(form, header=replace(form.header, nama_jabatan=f"Pengolah Data {i}"))
            staged = write_form([form], work / f"staged{i}.docx", "docx")
            landed = time.monotonic()
            os.replace(staged, inbox / f"kiriman {i}.docx")            # a complete file lands at once
            _wait_for(lambda: _has_verdict(inbox, f"kiriman {i}.docx"), 120)
            seconds.append(time.monotonic() - landed)
            _say(f"drop {i + 1}: verdict after {seconds[-1]:.1f} s")
    finally:
        os.killpg(serve.pid, 15)
        serve.wait(timeout=60)
    return seconds


def _one_new_form(inbox: Path, run: int) -> None:
    from dataclasses import replace

    from tests.forms import worked_example, write_form

    form = worked_example()
    write_form([replace(form, header=replace(form.header, nama_jabatan=f"Pengolah Data Baru {run}"))],
               inbox / f"kiriman susulan {run}.docx", "docx")


def _has_verdict(inbox: Path, name: str) -> bool:
    return any(p.name.endswith(name) for folder in ("diterima", "karantina")
               if (inbox / folder).is_dir() for p in (inbox / folder).iterdir())


def _environment(work: Path) -> dict:
    env = dict(os.environ)
    port = _free_port()
    env.update({"PREFECT_HOME": str(work / "prefect"), "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "PYTHONPATH": str(ROOT), "BENCH_PORT": str(port)})
    return env


def _start_server(env: dict) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", env["BENCH_PORT"]], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(env["PREFECT_API_URL"] + "/health", timeout=2):
                return True
        except OSError:
            return False

    _wait_for(healthy, 180)
    return server


def _timed(command: list[str], env: dict) -> tuple[float, float, float]:
    """Wall time of a command and the peaks of the summed RSS and PSS of its process tree, in MB."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0, 0.0]

    def sample() -> None:
        n = 0
        while process.poll() is None:
            pids = _tree(process.pid)
            peak[0] = max(peak[0], sum(_rss_mb(pid) for pid in pids))
            if n % 5 == 0:                                      # smaps_rollup walks the page tables: costlier
                peak[1] = max(peak[1], sum(_pss_mb(pid) for pid in pids))
            n += 1
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode not in (0, 3):
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{err.decode()[-3000:]}")
    return seconds, peak[0], peak[1]


def _tree(root: int) -> list[int]:
    """The process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return 0.0                                              # ended between listing and reading


def _pss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _check_outcome(outbox: Path, files: int) -> None:
    summary = json.loads((outbox / "latest" / "summary.json").read_text())
    seen = len(summary["accepted"]) + len(summary["rejected"]) + len(summary.get("duplicates", []))
    if seen != files:
        raise RuntimeError(f"the pass accounted for {seen} of {files} files")


def _median_formats(runs: list[dict]) -> dict:
    out = {}
    for fmt in runs[0]:
        seconds = statistics.median(r[fmt]["seconds"] for r in runs)
        forms, pages = runs[0][fmt]["forms"], runs[0][fmt]["pages"]
        out[fmt] = {"forms": forms, "pages": pages, "ms_per_form": round(1000 * seconds / forms, 1),
                    "ms_per_page": round(1000 * seconds / pages, 1)}
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]      # nearest rank


def _wait_for(condition, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout_s} s")
        time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _report(figures: dict) -> None:
    _say("")
    for key in ("forms", "floor_s", "pipeline_s", "ratio", "forms_per_s", "idle_s", "one_new_s", "pickup_p95_s",
                "peak_rss_mb", "peak_pss_mb"):
        _say(f"{key:>14}: {figures[key]}")
    for fmt, entry in figures["floor_per_format"].items():
        _say(f"{'floor ' + fmt:>14}: {entry['ms_per_form']} ms/form, {entry['ms_per_page']} ms/page "
             f"({entry['forms']} forms, {entry['pages']} pages)")


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
