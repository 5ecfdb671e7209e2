"""The instansi's list of positions against the forms: which listed positions no accepted form covers yet
(what the letter must say is still missing), and which forms name a position the list does not know."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz, process, utils

from calculators.people import people_key
from calculators.results import Code, Finding, Rekap, WARNING
from calculators.structure import perangkat_daerah
from calculators.wording import form_name, same_words
from extractors.submission import UNIT_SEPARATOR, Form

# Suggestions below this similarity (0-100, words compared in any order) would mislead more than help.
SUGGEST_FROM = 60
SUGGESTIONS = 3


def position_key(unit_path: str, jabatan: str) -> tuple[str, str]:
    # Lists and forms are typed by hand: case and spacing must not make a position look unknown or missing.
    return same_words(unit_path), same_words(jabatan)


@dataclass(frozen=True)
class Listed:
    """What the list (an SOTK table) may say of a position beyond its unit and name."""
    kelas: int | None = None
    jenis: str = ""
    pendidikan: str = ""
    jenjang: str = ""


class Missing(NamedTuple):
    """A listed position no accepted form covers yet, with what is known of it without a form."""
    perangkat_daerah: str
    unit_kerja: str               # path, own unit first
    nama_jabatan: str
    kelas: int | None = None      # from the list
    b: int | None = None          # from the HR export: 0 is a vacancy; None when there is no export
    jenis: str = ""               # from the list (JPT, administrator, pengawas, fungsional, pelaksana)
    jenjang: str = ""


@dataclass(frozen=True)
class PositionList:
    """(unit kerja path, own unit first; nama jabatan) of every position the instansi expects a form for."""
    entries: frozenset[tuple[str, str]]
    details: dict[tuple[str, str], Listed] = field(default_factory=dict, compare=False)
    _keys: frozenset[tuple[str, str]] = field(init=False, repr=False, compare=False)
    _choices: dict[str, tuple[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_keys", frozenset(position_key(u, j) for u, j in self.entries))
        object.__setattr__(self, "_choices", {f"{j} {u}": (u, j) for u, j in sorted(self.entries)})

    def knows(self, unit_path: str, jabatan: str) -> bool:
        return position_key(unit_path, jabatan) in self._keys

    def nearest(self, unit_path: str, jabatan: str) -> list[tuple[str, str]]:
        """The listed positions most like this one, best first."""
        found = process.extract(f"{jabatan} {unit_path}", tuple(self._choices), scorer=fuzz.token_sort_ratio,
                                processor=utils.default_process, limit=SUGGESTIONS, score_cutoff=SUGGEST_FROM)
        return [self._choices[text] for text, _, _ in found]


def missing_positions(rekap: Rekap, listed: PositionList, people: dict | None = None) -> list[Missing]:
    """Each listed position without an accepted form, in the order of the organisation; with the HR export's
    counts (calculators.people.by_position), how many hold it today."""
    present = {position_key(r.unit_kerja, r.nama_jabatan) for r in rekap.rows}
    missing = []
    for unit, jabatan in listed.entries:
        if position_key(unit, jabatan) in present:
            continue
        held = people.get(people_key(unit, jabatan)) if people is not None else None
        said = listed.details.get((unit, jabatan), Listed())
        missing.append(Missing(perangkat_daerah(unit.split(UNIT_SEPARATOR)) or unit, unit, jabatan, said.kelas,
                               (held.b if held else 0) if people is not None else None, said.jenis, said.jenjang))
    return sorted(missing, key=lambda m: (m[0].casefold(), m[1].split(UNIT_SEPARATOR)[::-1], m[2].casefold()))


def unlisted_findings(form: Form, listed: PositionList) -> list[Finding]:
    """A form for a position the list does not know: a nomenclature or unit the unit wrote its own way, or a
    position the organisation does not have. It is still counted; the unit hears which listed names are
    closest so the next version uses the official one."""
    unit, jabatan = form.header.unit_kerja_path, form.header.nama_jabatan
    if not unit or not jabatan or listed.knows(unit, jabatan):
        return []              # a missing name is already a finding of its own
    near = listed.nearest(unit, jabatan)
    hint = (" Yang paling mirip dalam daftar: " + "; ".join(f"'{j}' pada '{u}'" for u, j in near) + "."
            if near else "")
    return [Finding(Code.POSITION_NOT_LISTED, WARNING,
                    f"{form_name(form)}: jabatan '{jabatan}' pada unit kerja '{unit}' tidak ada dalam daftar "
                    f"jabatan instansi; tulis nama jabatan dan unit kerja sesuai daftar itu.{hint}",
                    column="nama_jabatan", form=form.index)]
