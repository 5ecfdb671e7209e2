"""What the organisation's tables add to a pass: a list of positions (SOTK) and an HR export.

    .venv/bin/python -m benchmarks.organisation [--forms 1000] [--jabatan 5000] [--pegawai 50000] [--seed 0]

Generates the form corpus (tests/forms), runs `abk process` on it once without the tables, then on a fresh
copy of the same inbox with an SOTK of --jabatan positions (every position the forms name, the rest
fictional units of their own) and an HR export of --pegawai people spread over them (PNS and PPPK, birth
dates and contract ends that fall inside the five years). Prints wall time and peak memory (RSS of the
pass and its children) for both, and the reading of the two tables alone. The last line of stdout is one
JSON object.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import time
import tomllib
from pathlib import Path

from benchmarks.pipeline import ABK, ROOT, TANGGAL, _check_outcome, _environment, _say, _start_server, _timed, measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--jabatan", type=int, default=5000)
    parser.add_argument("--pegawai", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    measure(run, args, "abk-bench-org-")


def run(work: Path, args) -> dict:
    from tests.forms import write_corpus

    corpus = write_corpus(work / "corpus", args.forms, seed=args.seed)
    _say(f"corpus: {len(corpus)} files")
    env = _environment(work)
    server = _start_server(env)
    try:
        plain = _config(work / "plain.toml", {})
        bare_s, bare_mb, _ = _pass(work, "bare", plain, env)
        positions = _positions(work / "outbox-bare")
        rng = random.Random(args.seed)
        listed = _sotk(work / "sotk.csv", positions, args.jabatan)
        _people(work / "pegawai.csv", listed, args.pegawai, rng)
        tables = _config(work / "tables.toml", {"letter": ("daftar_jabatan", work / "sotk.csv"),
                                                "pegawai": ("berkas", work / "pegawai.csv")})
        with_s, with_mb, _ = _pass(work, "tables", tables, env)
    finally:
        server.terminate()
        server.wait(timeout=60)
    read_s = _read_tables(work)
    summary = json.loads((work / "outbox-tables" / "latest" / "summary.json").read_text())
    figures = {"forms": len(corpus), "jabatan": len(listed), "pegawai": args.pegawai,
               "positions_with_form": len(positions),
               "pass_without_tables_s": round(bare_s, 1), "pass_with_tables_s": round(with_s, 1),
               "added_s": round(with_s - bare_s, 1), "reading_tables_s": round(read_s, 2),
               "peak_rss_without_mb": round(bare_mb), "peak_rss_with_mb": round(with_mb),
               "added_mb": round(with_mb - bare_mb),
               "people_export": {k: v for k, v in summary.get("people_export", {}).items() if k != "problems"}}
    _say(json.dumps(figures, indent=1))
    return figures


def _pass(work: Path, name: str, config: Path, env: dict) -> tuple[float, float, float]:
    inbox, outbox = work / f"inbox-{name}", work / f"outbox-{name}"
    shutil.copytree(work / "corpus", inbox)
    seconds, peak, pss = _timed([*ABK, "process", "--inbox", str(inbox), "--outbox", str(outbox),
                                 "--tanggal", TANGGAL, "--config", str(config)], env)
    _check_outcome(outbox, len(list((work / "corpus").iterdir())))
    _say(f"pass {name}: {seconds:.1f} s, peak {peak:.0f} MB")
    return seconds, peak, pss


def _config(path: Path, tables: dict[str, tuple[str, Path]]) -> Path:
    """The shipped configuration without its tables, or with the given ones in their place."""
    lines, section = [], None
    for line in (ROOT / "instansi.toml").read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            section = line.split("]")[0].strip("[")
        key = line.split("=")[0].strip()
        if (section, key) in {("letter", "daftar_jabatan"), ("pegawai", "berkas")}:
            continue
        lines.append(line)
        if line.startswith("[") and section in tables:
            name, value = tables[section]
            lines.append(f'{name} = "{value}"')
    text = "\n".join(lines) + "\n"
    tomllib.loads(text)                     # fails here, not in the pass, if the edit broke the file
    path.write_text(text, encoding="utf-8")
    return path


def _positions(outbox: Path) -> list[tuple[str, str]]:
    summary = json.loads((outbox / "latest" / "summary.json").read_text())
    return sorted({(p["unit_kerja"], p["nama_jabatan"]) for a in summary["accepted"] for p in a["positions"]})


def _sotk(path: Path, positions: list[tuple[str, str]], size: int) -> list[tuple[str, str]]:
    listed = list(positions)
    n = 0
    while len(listed) < size:
        perangkat, unit = f"Dinas Contoh {n // 200 + 1}", f"Seksi Contoh {n // 10 % 20 + 1}"
        listed.append((f"{unit} / {perangkat}", f"Jabatan Contoh {n % 10 + 1}"))
        n += 1
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Unit Kerja", "Nama Jabatan", "Kelas Jabatan", "Jenis Jabatan"])
        for unit, jabatan in listed:
            writer.writerow([unit, jabatan, 7, "pelaksana"])
    return listed


def _people(path: Path, listed: list[tuple[str, str]], size: int, rng: random.Random) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["NIP", "Nama", "Jabatan", "Unit Kerja", "Perangkat Daerah", "Jenis Pegawai",
                         "Tanggal Lahir", "Akhir Perjanjian Kerja"])
        for i in range(size):
            unit, jabatan = listed[i % len(listed)]
            units = unit.split(" / ")
            born = f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(1966, 2000)}"
            pppk = rng.random() < 0.2
            ends = f"31-12-{rng.randint(2027, 2033)}" if pppk else ""
            nip = f"{born[6:]}{born[3:5]}{born[:2]}20200{1 + pppk}1{i:05d}"[:18]
            writer.writerow([nip, f"Pegawai {i}", jabatan, units[0], units[-1], "PPPK" if pppk else "PNS", born, ends])


def _read_tables(work: Path) -> float:
    from flows.people_export import read_people
    from flows.position_list import read_position_list

    started = time.perf_counter()
    read_position_list(work / "sotk.csv")
    read_people(work / "pegawai.csv")
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
