"""summary.json of a pass, and its Markdown twin for the Prefect UI."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from calculators.results import Severity
from flows.config import Config
from flows.contract import number
from flows.outbox import Streamed


DOCUMENTS = [("surat_usul_kebutuhan.pdf", "surat usul kebutuhan (PDF)"),
             ("surat_usul_kebutuhan.docx", "surat usul kebutuhan (Word, untuk disunting)"),
             ("peta_jabatan.pdf", "peta jabatan (PDF)"), ("peta_jabatan.xlsx", "peta jabatan (Excel)"),
             ("rekap.xlsx", "rekap per jabatan dan perangkat daerah (Excel)")]
BAR_WIDTH = 30


class Accepted(Streamed):
    """summary["accepted"]: each accepted file read from the consolidation's ledger as it is written, never
    held whole (at 50,000 files the list was 100 MB of small objects)."""

    def __init__(self, ledger, new_files: set[str]):
        self.ledger, self.new_files = ledger, new_files

    def __len__(self) -> int:
        return len(self.ledger)

    def __iter__(self):
        for record in self.ledger:
            yield {"file": record["file"], "new": record["file"] in self.new_files, "message": record["message"],
                   "positions": [{key: p[key] for key in ("nama_jabatan", "unit_kerja", "b", "k_raw", "k")}
                                 for p in record["positions"]],
                   "warnings": [f for f in record["findings"] if f["severity"] == Severity.WARNING]}


def build_summary(name: str, tanggal: date, config: Config, verdicts, consolidation, content: str) -> dict:
    accepted = Accepted(consolidation.ledger, {v.assessment.file_name for v in verdicts if v.status == "diterima"})
    rejected = [{"file": v.assessment.file_name, "reason": v.assessment.reason, "message": v.assessment.message,
                 "findings": [f.as_json() for f in v.assessment.findings]}
                for v in verdicts if not v.assessment.accepted]
    duplicates = [{"file": v.assessment.file_name, "message": v.assessment.message} for v in verdicts
                  if v.status == "duplikat"]
    total = consolidation.rekap.total
    regime = config.rules.regime
    return {
        "pass": name,
        "content_fingerprint": content,
        "tanggal": tanggal.isoformat(),
        "instansi": config.instansi.nama,
        "accepted": accepted,
        "rejected": rejected,
        "duplicates": duplicates,
        "superseded": consolidation.superseded,
        "totals": {"b": number(total.b), "k": number(total.k), "selisih": number(total.selisih),
                   "kekurangan": number(total.kekurangan), "kelebihan": number(total.kelebihan),
                   "usulan": number(total.usulan), "usulan_pns": number(total.usulan_pns),
                   "usulan_pppk": number(total.usulan_pppk), "positions": len(consolidation.positions)},
        "per_perangkat_daerah": {perangkat: {"b": number(t.b), "k": number(t.k), "usulan": number(t.usulan)}
                                 for perangkat, t in consolidation.rekap.per_perangkat_daerah.items()},
        "regime": {"name": regime.name, "wke_tahun": number(regime.annual_minutes),
                   "rounding": config.rules.rounding, "selisih": config.rules.selisih},
        # [pegawai] berkas: whether B and the five-year table came from the HR export, and what of it was not used
        "people_export": {"used": config.organisation.people is not None, "problems": list(config.people_problems)},
    }


def summary_head(summary: dict) -> dict:
    """The summary without the per-file positions, warnings and superseded versions."""
    head = {key: value for key, value in summary.items() if key not in ("accepted", "superseded", "folder")}
    head["accepted"] = [{"file": a["file"], "new": a["new"]} for a in summary["accepted"]]
    return head


def flow_result(summary: dict, folder) -> dict:
    """What the flow returns: the summary's head (the rest is in summary.json). Prefect walks a flow's
    return value looking for futures; at 10,000 files the whole summary is over a million objects and took
    seconds to walk."""
    return {**summary_head(summary), "folder": str(folder)}


def summary_markdown(summary: dict) -> str:
    t = summary["totals"]
    lines = [
        f"# Pass ABK {summary['pass']}",
        f"Instansi: {summary['instansi']} — tanggal {summary['tanggal']} — rezim {summary['regime']['name']}",
        "",
        f"**{len(summary['accepted'])}** berkas diterima (konsolidasi), **{len(summary['rejected'])}** "
        f"ditolak pada pass ini; {t['positions']} jabatan; B = {t['b']}, K = {t['k']}, "
        f"kekurangan {t['kekurangan']}, kelebihan {t['kelebihan']}.",
        "",
        *[f"- Data pegawai: {problem}" for problem in summary.get("people_export", {}).get("problems", [])],
        "",
        "| Perangkat daerah | B | K | Usulan |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {_cell(perangkat)} | {v['b']} | {v['k']} | {v['usulan']} |"
              for perangkat, v in summary["per_perangkat_daerah"].items()]
    lines += _chart(summary["per_perangkat_daerah"])
    if not summary["accepted"]:
        lines += ["", "**Belum ada formulir yang diterima:** surat usul kebutuhan dan peta jabatan tidak diterbitkan."]
    if summary["rejected"]:
        lines += ["", "## Ditolak", ""]
        for r in summary["rejected"]:
            lines += _entry(r["file"], f"({r['reason']})", r["message"])
    if summary["duplicates"]:
        lines += ["", f"{len(summary['duplicates'])} berkas sama persis dengan kiriman yang sudah diterima "
                      "(tidak dihitung dua kali)."]
    if "folder" in summary:
        lines += ["", "## Dokumen", "", f"Folder: `{summary['folder']}`", ""]
        lines += [f"- [{name}]({(Path(summary['folder']) / name).as_uri()}) — {what}"
                  for name, what in DOCUMENTS if (Path(summary["folder"]) / name).exists()]
    return "\n".join(lines) + "\n"


def verdicts_markdown(rows: list[dict]) -> str:
    """One entry per file with its whole message: what a sender asks the operator about. A list, not a
    table: the UI keeps a table's cells on one line and cuts a long message at the edge."""
    lines = ["# Putusan per berkas", ""]
    for r in rows:
        lines += _entry(r["berkas"], f"— {r['putusan']}" + (f" ({r['alasan']})" if r["alasan"] else ""), r["pesan"])
    return "\n".join(lines) + "\n"


def _entry(file: str, status: str, message: str) -> list[str]:
    """A file and its verdict on one line, the whole message on the next (a list item, which wraps)."""
    return [f"- **{_inline(file)}** {status}  ", f"  {_inline(message)}"]


def _inline(text: str) -> str:
    """Text from a sender shown as text: Markdown's own characters escaped, one line."""
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", str(text).replace("\n", " "))


def _chart(per_unit: dict) -> list[str]:
    """B, K and usulan per perangkat daerah as bars of text: the UI renders no images in an artifact,
    and planners compare units at a glance."""
    if not per_unit:
        return []
    top = max(max(float(v["b"]), float(v["k"]), float(v["usulan"])) for v in per_unit.values()) or 1.0
    lines = ["", "```text"]
    names = {perangkat: perangkat.replace("`", "'").replace("\n", " ") for perangkat in per_unit}    # nothing closes the block
    width = max(len(name) for name in names.values())
    for perangkat, v in per_unit.items():
        for label, key in (("B", "b"), ("K", "k"), ("U", "usulan")):
            value = float(v[key])
            bar = "█" * int(BAR_WIDTH * value / top + 0.5) if value > 0 else ""
            name = names[perangkat] if key == "b" else ""
            lines.append(f"{name:<{width}}  {label} {bar} {v[key]}")
    lines += ["```", "B = pegawai saat ini, K = kebutuhan, U = usulan."]
    return lines


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
