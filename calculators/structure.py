"""Kinds of position: structural boxes get K = 1 per box (configurable), JF and pelaksana are computed."""
from __future__ import annotations

import re

from extractors.submission import Header

STRUKTURAL, FUNGSIONAL, PELAKSANA = "struktural", "fungsional", "pelaksana"

_HEAD = re.compile(r"^(kepala|sekretaris|camat|lurah|direktur|inspektur|asisten|kabag|kabid|kasubbag|kasubag|"
                   r"kasubbid|kasubid|kasi|kasie|ka\.|sekda|irban|inspektur pembantu)\b", re.IGNORECASE)
_JENJANG = re.compile(r"\b(ahli (pertama|muda|madya|utama)|pemula|terampil|mahir|penyelia)\b", re.IGNORECASE)


def perangkat_daerah(units: list[str] | tuple[str, ...]) -> str | None:
    """The perangkat daerah of a unit path (own unit first) is its top unit."""
    return units[-1] if units else None


def jenjang(header: Header) -> str | None:
    """The jenjang the form gives, else the one its name carries ("Analis SDM Aparatur Ahli Pertama")."""
    if header.jenjang:
        return header.jenjang
    found = _JENJANG.search(header.nama_jabatan or "")
    return " ".join(word.capitalize() for word in found.group(1).split()) if found else None


def jenis_jabatan(header: Header) -> str:
    """What the form says, else what the name implies ("Kepala ..." heads a unit; a jenjang marks a JF)."""
    if header.jenis_jabatan:
        text = header.jenis_jabatan.casefold()
        for kind in (STRUKTURAL, FUNGSIONAL, PELAKSANA):
            if kind[:6] in text:
                return kind
        if any(word in text for word in ("jpt", "administrator", "pengawas", "eselon")):
            return STRUKTURAL
    name = (header.nama_jabatan or "").strip()
    if _HEAD.match(name):
        return STRUKTURAL
    if _JENJANG.search(name) or header.jenjang:
        return FUNGSIONAL
    return PELAKSANA
