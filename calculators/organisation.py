"""What the instansi tells beside its forms: its list of positions and the people who hold them (from its
HR export). With them a form is checked against the organisation: its position is a listed one, and its
B is the number of people the HR export records in it."""
from __future__ import annotations

from dataclasses import dataclass, replace

from calculators.coverage import PositionList, unlisted_findings
from calculators.people import PositionPeople, people_key
from calculators.results import Code, Finding, WARNING
from calculators.wording import form_name
from extractors.submission import Form


@dataclass(frozen=True)
class Organisation:
    listed: PositionList | None = None
    people: dict[tuple[str, str, str], PositionPeople] | None = None     # by people_key


def checked_form(form: Form, organisation: Organisation) -> tuple[Form, list[Finding]]:
    """The form with B and the people leaving in the coming years from the HR export, and what the unit
    should hear about its position's name or its B."""
    findings = unlisted_findings(form, organisation.listed) if organisation.listed is not None else []
    header = form.header
    if organisation.people is None or not header.nama_jabatan or not header.unit_kerja:
        return form, findings
    held = organisation.people.get(people_key(header.unit_kerja_path, header.nama_jabatan))
    if held is None:
        if header.bezetting:
            findings.append(Finding(
                Code.POSITION_NOT_IN_PEOPLE, WARNING,
                f"{form_name(form)}: data pegawai tidak mencatat seorang pun pada jabatan '{header.nama_jabatan}' di "
                f"'{header.unit_kerja_path}'; B menurut formulir ({header.bezetting}) dipakai. Periksa nama jabatan "
                "dan unit kerjanya di data pegawai.", column="nama_jabatan", form=form.index))
        return form, findings
    if header.bezetting is not None and header.bezetting != held.b:
        findings.append(Finding(
            Code.B_DIFFERS_FROM_PEOPLE, WARNING,
            f"{form_name(form)}: formulir mencetak B = {header.bezetting}, data pegawai mencatat {held.b} orang pada "
            f"jabatan ini; B menurut data pegawai dipakai.", form=form.index))
    people = replace(header, bezetting=held.b, pensiun=dict(held.pensiun), pppk_berakhir=dict(held.pppk_berakhir))
    return replace(form, header=people), findings


# Positions named one by one when the HR export holds people in positions the list does not know.
NAMED_UNLISTED = 10


def people_outside_list(people: dict[tuple[str, str, str], PositionPeople], listed: PositionList) -> list[str]:
    """Positions where the HR export records people but the list of positions has none of that name in that
    unit: a nomenclature to align, or a position the organisation no longer has."""
    known = {people_key(unit, jabatan) for unit, jabatan in listed.entries}
    outside = sorted((held for key, held in people.items() if key not in known), key=lambda h: (h.unit_kerja, h.jabatan))
    if not outside:
        return []
    named = "; ".join(f"'{h.jabatan}' pada '{h.unit_kerja}' ({h.b} orang)" for h in outside[:NAMED_UNLISTED])
    more = f"; dan {len(outside) - NAMED_UNLISTED} jabatan lain" if len(outside) > NAMED_UNLISTED else ""
    return [f"{sum(h.b for h in outside)} pegawai tercatat pada {len(outside)} jabatan yang tidak ada dalam daftar "
            f"jabatan instansi: {named}{more}. Samakan nama jabatan dan unit kerjanya dengan daftar itu."]
