"""`abk status`: per perangkat daerah, what was submitted, accepted and rejected, and which expected
positions have not arrived yet. Reads the register; never changes anything."""
from __future__ import annotations

from collections import defaultdict

from calculators.coverage import position_key
from calculators.structure import perangkat_daerah
from extractors.submission import UNIT_SEPARATOR
from flows.register import Register


def status_report(register: Register, expected: set[tuple[str, str]] | None = None) -> dict:
    per_perangkat: dict[str, dict] = defaultdict(lambda: {"dikirim": 0, "diterima": 0, "ditolak": 0, "duplikat": 0,
                                                  "jabatan": set(), "belum_masuk": [], "menunggu_perbaikan": []})
    files_seen, unassigned = set(), {"dikirim": 0, "ditolak": 0, "duplikat": 0}
    present, rejected = set(), set()
    for row in register.status_rows():
        perangkat = row["perangkat_daerah"]
        if row["status"] == "ditolak" and row["unit_kerja"]:
            rejected.add(position_key(row["unit_kerja"], row["nama_jabatan"]))
        if row["status"] == "diterima" and perangkat is not None:
            present.add(position_key(row["unit_kerja"], row["nama_jabatan"]))
            if row["superseded_by"] is None:
                per_perangkat[perangkat]["jabatan"].add(row["nama_jabatan"])
        if row["stored_as"] in files_seen:
            continue
        files_seen.add(row["stored_as"])
        bucket = per_perangkat[perangkat] if perangkat is not None else unassigned
        bucket["dikirim"] += 1
        bucket[row["status"]] = bucket.get(row["status"], 0) + 1
    for unit, jabatan in sorted(expected or ()):
        key = position_key(unit, jabatan)
        if key not in present:
            perangkat = perangkat_daerah(unit.split(UNIT_SEPARATOR))
            waiting = "menunggu_perbaikan" if key in rejected else "belum_masuk"
            per_perangkat[perangkat][waiting].append(f"{jabatan} — {unit}")
    report = {perangkat: {**v, "jabatan": len(v["jabatan"])} for perangkat, v in sorted(per_perangkat.items())}
    return {"perangkat_daerah": report, "tanpa_perangkat_daerah": unassigned}


def print_report(report: dict) -> None:
    for perangkat, v in report["perangkat_daerah"].items():
        print(f"{perangkat}: {v['dikirim']} berkas dikirim, {v['diterima']} diterima, {v['ditolak']} ditolak, "
              f"{v['duplikat']} duplikat; {v['jabatan']} jabatan tercakup")
        for missing in v["belum_masuk"]:
            print(f"    belum masuk: {missing}")
        for waiting in v["menunggu_perbaikan"]:
            print(f"    ditolak, menunggu perbaikan: {waiting}")
    other = report["tanpa_perangkat_daerah"]
    if other["dikirim"]:
        print(f"(berkas yang tidak terbaca sampai unit kerjanya: {other['dikirim']} dikirim, "
              f"{other['ditolak']} ditolak, {other['duplikat']} duplikat)")
