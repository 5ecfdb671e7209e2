"""The shipped instansi.toml, copied where a test runs a pass, with the files it names beside it."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BESIDE = ("daftar_jabatan.csv", "pegawai.csv")        # files instansi.toml names, relative to itself


def copy_shipped_config(folder: Path, change=lambda text: text) -> Path:
    """instansi.toml in ``folder`` (its text passed through ``change``), with the files it refers to."""
    target = folder / "instansi.toml"
    target.write_text(change((ROOT / "instansi.toml").read_text(encoding="utf-8")), encoding="utf-8")
    for name in BESIDE:
        shutil.copy(ROOT / name, folder / name)
    return target
