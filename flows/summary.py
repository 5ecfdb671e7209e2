"""summary.json of a pass, and its Markdown twin for the Prefect UI."""
from __future__ import annotations

from datetime import date

from flows.config import Config
from flows.contract import number


def build_summary(name: str, tanggal: date, config: Config, verdicts, consolidation, content: str) -> dict:
    new_files = {v.assessment.file for v in verdicts if v.status == "diterima"}
    accepted = [{
        "file": a.file,
        "new": a.file in new_files,
        "message": a.message,
        "positions": [{"nama_jabatan": p.form.header.nama_jabatan,
                       "unit_kerja": p.form.header.unit_kerja_path,
                       "b": p.bezetting, "k_raw": number(p.k_raw), "k": number(p.k)}
                      for p in a.positions],
        "warnings": [f.as_json() for f in a.findings if f.severity == "warning"],
    } for a in consolidation.assessments]
    rejected = [{"file": v.assessment.file, "reason": v.assessment.reason, "message": v.assessment.message,
                 "findings": [f.as_json() for f in v.assessment.findings]}
                for v in verdicts if not v.assessment.accepted]
    duplicates = [{"file": v.assessment.file, "message": v.assessment.message} for v in verdicts
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
                   "usulan": number(total.usulan), "positions": len(consolidation.positions)},
        "per_perangkat_daerah": {pd: {"b": number(t.b), "k": number(t.k), "usulan": number(t.usulan)}
                                 for pd, t in consolidation.rekap.per_perangkat_daerah.items()},
        "regime": {"name": regime.name, "wke_tahun": number(regime.annual_minutes),
                   "rounding": config.rules.rounding, "selisih": config.rules.selisih},
    }


def flow_result(summary: dict, folder) -> dict:
    """What the flow returns: the summary without the per-file positions, warnings and superseded
    versions (those are in summary.json). Prefect walks a flow's return value looking for futures;
    at 10,000 files the whole summary is over a million objects and took seconds to walk."""
    result = {key: value for key, value in summary.items() if key not in ("accepted", "superseded")}
    result["accepted"] = [{"file": a["file"], "new": a["new"]} for a in summary["accepted"]]
    result["folder"] = str(folder)
    return result


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
        "| Perangkat daerah | B | K | Usulan |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {pd} | {v['b']} | {v['k']} | {v['usulan']} |"
              for pd, v in summary["per_perangkat_daerah"].items()]
    if summary["rejected"]:
        lines += ["", "## Ditolak", "", "| Berkas | Alasan | Pesan |", "|---|---|---|"]
        lines += [f"| {_cell(r['file'])} | {r['reason']} | {_cell(r['message'])} |" for r in summary["rejected"]]
    if summary["duplicates"]:
        lines += ["", f"{len(summary['duplicates'])} berkas sama persis dengan kiriman yang sudah diterima "
                      "(tidak dihitung dua kali)."]
    if "folder" in summary:
        lines += ["", f"Dokumen: `{summary['folder']}`"]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
