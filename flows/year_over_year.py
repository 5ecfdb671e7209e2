"""`abk banding LAMA BARU`: what changed per unit and position between two published passes (last year's and
this year's outbox, or two folders of one outbox): B, K and usulan, positions that came and went. Reads
their summary.json; never changes anything."""
from __future__ import annotations

import json
from pathlib import Path

from extractors.submission import UNIT_SEPARATOR


class NotAPass(ValueError):
    """A folder that holds no pass's summary.json, said in Bahasa Indonesia."""


def positions_of(folder: Path) -> dict[tuple[str, str], dict]:
    """(unit kerja, jabatan) -> b, k, usulan of a pass folder, or of an outbox's latest pass."""
    for candidate in (folder / "summary.json", folder / "latest" / "summary.json"):
        if candidate.is_file():
            summary = json.loads(candidate.read_text(encoding="utf-8"))
            break
    else:
        raise NotAPass(f"{folder}: tidak berisi summary.json sebuah pass (folder pass atau outbox dengan latest)")
    found = {}
    for accepted in summary.get("accepted", []):
        for p in accepted["positions"]:
            found[(p["unit_kerja"], p["nama_jabatan"])] = {"b": p["b"], "k": p["k"], "usulan": max(p["k"] - p["b"], 0)}
    return found


def compare(old: dict[tuple[str, str], dict], new: dict[tuple[str, str], dict]) -> list[dict]:
    """One entry per position whose B, K or usulan changed, or that is only in one pass, in unit order."""
    changes = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k[0].split(UNIT_SEPARATOR)[::-1], k[1])):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        changes.append({"unit_kerja": key[0], "nama_jabatan": key[1], "lama": before, "baru": after,
                        "perubahan": "baru" if before is None else "hilang" if after is None else "berubah"})
    return changes


def print_changes(changes: list[dict]) -> None:
    if not changes:
        print("Tidak ada perubahan B, K atau usulan antara kedua pass.")
    for c in changes:
        def said(v):
            return "-" if v is None else f"B {v['b']}, K {v['k']}, usulan {v['usulan']}"
        print(f"{c['unit_kerja']} | {c['nama_jabatan']}: {said(c['lama'])} → {said(c['baru'])} ({c['perubahan']})")
