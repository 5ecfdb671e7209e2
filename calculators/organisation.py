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
