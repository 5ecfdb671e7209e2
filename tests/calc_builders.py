"""Small builders of forms for the calculator tests."""
from __future__ import annotations

from decimal import Decimal as D

from extractors.submission import Form, Header, Row, Submission

WORKED = [(15, 600, 72000), (30, 600, 72000), (30, 600, 72000), (30, 600, 72000), (3000, 1, 72000),
          (6000, 2, 72000), (60, 5, 72000), (20, 3, 300)]


def task_form(rows, name="Pengolah Data", unit=("Sub Bagian Umum", "Dinas A"), b=1, approach="tugas_per_tugas",
              **header) -> Form:
    built = []
    for i, values in enumerate(rows, start=1):
        if approach == "tugas_per_tugas":
            norma, volume, wke = (list(values) + [None])[:3]
            built.append(Row(i, f"Tugas {i}", no=i, satuan="Dokumen", norma_waktu_menit=_d(norma),
                             volume=_d(volume), wke_menit=_d(wke)))
        elif approach == "peralatan_kerja":
            alat, rasio, shift = (list(values) + [None])[:3]
            built.append(Row(i, f"Alat {i}", no=i, jumlah_alat=_d(alat), rasio_pegawai_per_alat=_d(rasio),
                             shift=_d(shift)))
        else:
            beban, standar = values
            built.append(Row(i, f"Hasil {i}", no=i, satuan="Berkas", beban=_d(beban), standar_kemampuan=_d(standar)))
    return Form(approach, Header(nama_jabatan=name, unit_kerja=list(unit), bezetting=b, **header), built)


def submission(*forms: Form) -> Submission:
    return Submission("uji.docx", "docx", [f.__class__(**{**f.__dict__, "index": i}) for i, f in enumerate(forms)])


def _d(value):
    return None if value is None else D(str(value))
