"""`abk banding`: what changed per position between last year's pass and this year's."""
from __future__ import annotations

import json

from flows.cli import main


def _pass(folder, positions):
    folder.mkdir(parents=True)
    (folder / "summary.json").write_text(json.dumps({"accepted": [{"file": "a.docx", "positions": [
        {"unit_kerja": u, "nama_jabatan": j, "b": b, "k": k} for u, j, b, k in positions]}]}), encoding="utf-8")
    return folder


def test_changes_per_position_between_two_passes(tmp_path, capsys):
    old = _pass(tmp_path / "2025" / "2025-12-01_x", [("Seksi X / Dinas A", "Pengolah Data", 1, 2),
                                                     ("Dinas A", "Kepala Dinas A", 1, 1),
                                                     ("Seksi Y / Dinas A", "Pengemudi", 3, 3)])
    new_outbox = tmp_path / "2026"
    _pass(new_outbox / "2026-12-01_y", [("Seksi X / Dinas A", "Pengolah Data", 2, 2),
                                        ("Dinas A", "Kepala Dinas A", 1, 1),
                                        ("Seksi Z / Dinas A", "Analis Data", 0, 1)])
    (new_outbox / "latest").symlink_to("2026-12-01_y")
    assert main(["banding", str(old), str(new_outbox), "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert [(c["nama_jabatan"], c["perubahan"]) for c in changes] == [
        ("Pengolah Data", "berubah"), ("Pengemudi", "hilang"), ("Analis Data", "baru")]
    assert changes[0]["lama"] == {"b": 1, "k": 2, "usulan": 1} and changes[0]["baru"]["usulan"] == 0
    assert main(["banding", str(old), str(tmp_path / "kosong")]) == 2
    assert "tidak berisi summary.json" in capsys.readouterr().err
