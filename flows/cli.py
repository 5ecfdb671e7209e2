"""The `abk` command (docs/cli-contract.md): extract, process, serve, status, banding."""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from flows import runtime

EXIT_ACCEPTED, EXIT_USAGE, EXIT_REJECTED = 0, 2, 3
INBOX, OUTBOX = "inbox", "outbox"          # relative to the current folder, when nothing else names them


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    from flows.config import DEFAULT_CONFIG, ConfigError, load_config

    try:
        if args.command == "serve":                 # one or several instansi, each its own configuration
            from flows.served_instansi import config_files

            config = [load_config(path) for path in config_files(args.config, DEFAULT_CONFIG)]
        else:
            # One form's extraction needs no list of positions or HR export: not read for it.
            config = load_config(args.config, tables=args.command != "extract")
    except ConfigError as exc:
        print(f"Konfigurasi tidak sah: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return args.run(args, config)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="abk", description="Analisis Beban Kerja: forms in, formasi documents out.")
    commands = parser.add_subparsers(dest="command")

    extract = commands.add_parser("extract", help="read one form and show what the pipeline would accept")
    extract.add_argument("file")
    extract.add_argument("--json", action="store_true", help="print exactly one JSON object")
    extract.set_defaults(run=_extract)

    process = commands.add_parser("process", help="one full pass through Prefect over the inbox")
    process.add_argument("--inbox", help=f"default: [folders] inbox of the configuration, else {INBOX}")
    process.add_argument("--outbox", help=f"default: [folders] outbox of the configuration, else {OUTBOX}")
    process.add_argument("--tanggal", help="date of the documents, YYYY-MM-DD (default: today in the instansi's timezone)")
    process.set_defaults(run=_process)

    serve = commands.add_parser("serve", help="long-lived process: nightly schedule, inbox watcher, manual runs")
    serve.add_argument("--inbox", help=f"for each configuration without [folders] inbox (default {INBOX})")
    serve.add_argument("--outbox", help=f"for each configuration without [folders] outbox (default {OUTBOX})")
    serve.add_argument("--port", type=int, default=4200, help="port of the Prefect server and UI it starts (default 4200)")
    serve.add_argument("--worker", metavar="POOL", help="register the deployments on this Prefect process work pool "
                                                       "(created if absent) for `prefect worker start --pool POOL` "
                                                       "processes to run, instead of running passes in this process")
    serve.set_defaults(run=_serve)

    status = commands.add_parser("status", help="per perangkat daerah: submitted, accepted, rejected, missing")
    status.add_argument("--inbox", help=f"default: [folders] inbox of the configuration, else {INBOX}")
    status.add_argument("--expected", help="summary.json of a previous pass, or a CSV (unit_kerja, nama_jabatan); "
                                                "default: [letter] daftar_jabatan of the configuration")
    status.add_argument("--json", action="store_true")
    status.set_defaults(run=_status)

    banding = commands.add_parser("banding", help="what changed per position between two passes (e.g. last year's)")
    banding.add_argument("lama", help="the earlier pass: its folder, or an outbox (its latest pass)")
    banding.add_argument("baru", help="the later pass: its folder, or an outbox (its latest pass)")
    banding.add_argument("--json", action="store_true")
    banding.set_defaults(run=_banding)

    for sub in (extract, process, status, banding):
        sub.add_argument("--config", help="instansi configuration file (default: instansi.toml of the project)")
    serve.add_argument("--config", action="append",
                       help="instansi configuration file, or a folder of *.toml files; repeat it to serve several "
                            "instansi at once (default: instansi.toml of the project)")
    return parser


def _folder(given: str | None, configured: Path | None, default: str) -> Path:
    """A folder given on the command line, else the configuration's [folders] one, else the default."""
    return Path(given) if given else configured or Path(default)


def _extract(args, config) -> int:
    import calculators
    from extractors import extract_isolated
    from extractors.submission import ExtractionError
    from flows.contract import assessment_json
    from flows.inbox import readable

    path, shown = Path(args.file), readable(args.file)
    if not path.is_file():
        print(f"{shown}: berkas tidak ditemukan", file=sys.stderr)
        return EXIT_USAGE
    try:
        submission = replace(extract_isolated(path, config.limits), file_name=shown)
        assessment = calculators.assess(submission, config.rules)
    except ExtractionError as exc:
        assessment = calculators.rejected(shown, exc.reason, exc.message)
    if args.json:
        print(json.dumps(assessment_json(shown, assessment), ensure_ascii=False))
    else:
        _print_readable(shown, assessment)
    return EXIT_ACCEPTED if assessment.accepted else EXIT_REJECTED


def _print_readable(file: str, assessment) -> None:
    import calculators

    status = "DITERIMA" if assessment.accepted else f"DITOLAK ({assessment.reason})"
    print(f"{file}: {status}\n{assessment.message}")
    for position in assessment.positions:
        header = position.form.header
        print(f"\n{header.nama_jabatan} — {header.unit_kerja_path}")
        for line in calculators.explain(position):
            print(f"  {line}")
    if assessment.findings:
        print("\nTemuan:")
        for finding in assessment.findings:
            print(f"  [{finding.severity}] {finding.message}")


def _process(args, config) -> int:
    runtime.prepare()
    if not os.environ.get("PREFECT_API_URL"):           # Prefect will start a temporary server for this pass
        from flows import reaper
        reaper.watch(os.getpid())
    from datetime import date

    try:
        tanggal = date.fromisoformat(args.tanggal) if args.tanggal else None
    except ValueError:
        print(f"--tanggal {args.tanggal!r} bukan tanggal yang sah; tulis TTTT-BB-HH, misalnya 2027-01-15",
              file=sys.stderr)
        return EXIT_USAGE
    from flows import terminal_progress
    from flows.pass_flow import abk_pass

    terminal_progress.attach()
    state = abk_pass(inbox=str(_folder(args.inbox, config.inbox, INBOX)),
                     outbox=str(_folder(args.outbox, config.outbox, OUTBOX)), config=str(config.path),
                     tanggal=tanggal, return_state=True)
    if not state.is_completed():
        print(f"Pass gagal: {state.message}", file=sys.stderr)
        return 1
    summary = state.result()
    totals = summary["totals"]
    print(f"Selesai: {len(summary['accepted'])} berkas dalam konsolidasi, {len(summary['rejected'])} ditolak "
          f"pada pass ini. B = {totals['b']}, K = {totals['k']}, usulan = {totals['usulan']}.")
    for rejected in summary["rejected"]:
        print(f"  ditolak: {rejected['file']} [{rejected['reason']}] {rejected['message']}")
    if summary["accepted"]:
        print(f"Dokumen: {summary['folder']}")
    else:
        print(f"Belum ada formulir yang diterima: surat dan peta jabatan tidak diterbitkan. Ringkasan: {summary['folder']}")
    return 0


def _status(args, config) -> int:
    from flows.register import Register
    from flows.position_list import read_position_list
    from flows.status import print_report, status_report

    listed = config.organisation.listed                                  # [letter] daftar_jabatan
    expected = set(listed.entries) if listed is not None else None
    if args.expected:
        try:
            expected = set(read_position_list(Path(args.expected)))
        except (OSError, KeyError, ValueError) as exc:
            print(f"{args.expected}: daftar jabatan yang diharapkan tidak dapat dibaca ({exc})", file=sys.stderr)
            return EXIT_USAGE
    inbox = _folder(args.inbox, config.inbox, INBOX)
    report = status_report(Register.for_inbox(inbox, config.register_url), expected)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_report(report)
    return 0


def _banding(args, config) -> int:
    from flows.year_over_year import NotAPass, compare, positions_of, print_changes

    try:
        changes = compare(positions_of(Path(args.lama)), positions_of(Path(args.baru)))
    except (NotAPass, OSError, ValueError, KeyError) as exc:
        print(f"abk banding: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(changes, ensure_ascii=False))
    else:
        print_changes(changes)
    return 0


def _serve(args, configs) -> int:
    from flows.config import ConfigError
    from flows.served_instansi import served_instansi

    try:
        served = served_instansi(configs, Path(args.inbox or INBOX), Path(args.outbox or OUTBOX))
    except ConfigError as exc:
        print(f"Konfigurasi tidak sah: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for one in served:
        for flag, given, own in (("--inbox", args.inbox, one.config.inbox),
                                 ("--outbox", args.outbox, one.config.outbox)):
            if given and own:                    # [folders] wins: adding a configuration moves no other
                print(f"{one.config.path}: [folders] menentukan {own}; {flag} {given} tidak berlaku untuk instansi ini",
                      file=sys.stderr)
    runtime.prepare()
    from flows.serve import ServerTaken, serve
    from flows.work_pool import PoolOfAnotherType

    try:
        return serve(served, port=args.port, pool=args.worker)
    except (ServerTaken, PoolOfAnotherType) as exc:
        print(f"abk serve: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
