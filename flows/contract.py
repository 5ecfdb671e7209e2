"""The public JSON shapes of docs/cli-contract.md, built from the calculators' results."""
from __future__ import annotations

from decimal import Decimal

from calculators.methods import METHODS
from calculators.results import Assessment, PositionResult, RowResult



def number(value):
    """Decimal -> int when whole, else float: JSON numbers, as the contract asks."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def row_json(result: RowResult, approach: str) -> dict:
    row = result.row
    data = {"no": row.number, "uraian": row.uraian}
    for key in METHODS[approach].shown if approach in METHODS else ():
        data[key] = number(getattr(row, key))
    data["periode"] = result.periode
    data["wke_menit"] = number(result.wke_menit)
    data["pegawai"] = number(result.pegawai)
    return data


def position_json(position: PositionResult) -> dict:
    header = position.form.header
    return {
        "approach": position.form.approach,
        "header": {
            "nama_jabatan": header.nama_jabatan,
            "unit_kerja": header.unit_kerja_path,
            "ikhtisar_jabatan": header.ikhtisar_jabatan,
            "kode_jabatan": header.kode_jabatan,
            "instansi": header.instansi,
            "kelas_jabatan": header.kelas_jabatan,
            "bezetting": header.bezetting,
        },
        "rows": [row_json(r, position.form.approach) for r in position.rows],
        "k_raw": number(position.k_raw),
        "k": number(position.k),
        "efisiensi_jabatan": number(position.efisiensi),
        "ocr": position.ocr,
    }


def assessment_json(file: str, assessment: Assessment) -> dict:
    return {
        "file": file,
        "status": "accepted" if assessment.accepted else "rejected",
        "reason": assessment.reason,
        "message": assessment.message,
        "findings": [f.as_json() for f in assessment.findings],
        "forms": [position_json(p) for p in assessment.positions],
    }
