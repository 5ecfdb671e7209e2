"""The instansi's list of positions against the forms: which listed positions no accepted form covers yet
(what the letter must say is still missing), and which forms name a position the list does not know."""
from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from calculators.results import Code, Finding, Rekap, WARNING
from calculators.structure import perangkat_daerah
from calculators.wording import form_name
from extractors.submission import UNIT_SEPARATOR, Form

# Suggestions below this similarity (0-100, words compared in any order) would mislead more than help.
SUGGEST_FROM = 60
SUGGESTIONS = 3


def position_key(unit_path: str, jabatan: str) -> tuple[str, str]:
    # Lists and forms are typed by hand: case and spacing must not make a position look unknown or missing.
    return " ".join(unit_path.casefold().split()), " ".join(jabatan.casefold().split())


@dataclass(frozen=True)
class PositionList:
    """(unit kerja path, own unit first; nama jabatan) of every position the instansi expects a form for."""
    entries: frozenset[tuple[str, str]]
    _keys: frozenset[tuple[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_keys", frozenset(position_key(u, j) for u, j in self.entries))

    def knows(self, unit_path: str, jabatan: str) -> bool:
        return position_key(unit_path, jabatan) in self._keys

    def nearest(self, unit_path: str, jabatan: str) -> list[tuple[str, str]]:
        """The listed positions most like this one, best first."""
        choices = {f"{j} {u}": (u, j) for u, j in sorted(self.entries)}
        found = process.extract(f"{jabatan} {unit_path}", list(choices), scorer=fuzz.token_sort_ratio,
                                processor=utils.default_process, limit=SUGGESTIONS, score_cutoff=SUGGEST_FROM)
        return [choices[text] for text, _, _ in found]


def missing_positions(rekap: Rekap, listed: PositionList) -> list[tuple[str, str, str]]:
    """(perangkat daerah, unit path, nama jabatan) of each listed position without an accepted form, in the
    order of the organisation."""
    present = {position_key(r.unit_kerja, r.nama_jabatan) for r in rekap.rows}
    missing = {(perangkat_daerah(unit.split(UNIT_SEPARATOR)) or unit, unit, jabatan)
               for unit, jabatan in listed.entries if position_key(unit, jabatan) not in present}
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
