"""What the templates see: plain values, already formatted the Indonesian way. Templates never compute."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date

from calculators import wke_basis
from calculators.results import Rekap
from calculators.rounding import DESCRIBED
from calculators.settings import Rules
from calculators.wording import num
from report_templates.instansi import Instansi, letterhead

# The letter's "Dengan memperhatikan", unless [letter] dasar_hukum replaces it. Titles as promulgated:
# - UU 20/2023 tentang Aparatur Sipil Negara;
# - PP 11/2017 tentang Manajemen Pegawai Negeri Sipil, amended by PP 17/2020;
# - PP 49/2018 tentang Manajemen Pegawai Pemerintah dengan Perjanjian Kerja (an ASN proposal covers PPPK);
#   the title as cited in the consideranda of Peraturan BKN 1/2023;
# - PermenPAN-RB 1/2020 tentang Pedoman Analisis Jabatan dan Analisis Beban Kerja;
# - Peraturan BKN 9/2022 tentang Tata Cara Pelaksanaan Penyusunan Kebutuhan Aparatur Sipil Negara
#   (https://pasal.id/peraturan/perban/peraturan-bkn-no-9-tahun-2022; "Pelaksanaan" was missing before).
LEGAL_BASIS = (
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
    "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah "
    "dengan Peraturan Pemerintah Nomor 17 Tahun 2020",
    "Peraturan Pemerintah Nomor 49 Tahun 2018 tentang Manajemen Pegawai Pemerintah dengan Perjanjian Kerja",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 1 Tahun 2020 tentang Pedoman "
    "Analisis Jabatan dan Analisis Beban Kerja",
    "Peraturan Badan Kepegawaian Negara Nomor 9 Tahun 2022 tentang Tata Cara Pelaksanaan Penyusunan Kebutuhan "
    "Aparatur Sipil Negara",
)


def tanggal_id(day: date) -> str:
    return format_date(day, "d MMMM y", locale="id")


def decimal(value: Decimal | None, places: int = 2) -> str:
    return "n/a" if value is None else num(value, places)


def signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


# Positions computed on their own form's WKE named one by one in the letter, up to this many.
NAMED_OWN_BASIS = 10


def selisih_rumus(rules: Rules) -> str:
    return "B − K" if rules.selisih == "b_minus_k" else "K − B"


def basis_sentence(rekap: Rekap, rules: Rules) -> str:
    """The letter's one sentence on how the needs were computed, true for every position: those computed
    with the WKE printed on their form (policy as_printed) are named with that WKE. The Word and the PDF
    letter both print this string."""
    own = [r for r in rekap.rows if not r.position.on_regime]
    selisih = selisih_rumus(rules)
    if own and len(own) == len(rekap.rows) and len({r.position.wke_basis for r in own}) == 1:
        wke = f"{own[0].position.wke_basis} (setiap formulir mencantumkan WKE itu)"
    else:
        wke = f"waktu kerja efektif {wke_basis.regime_words(rules.regime)}"
        if own:
            named = "; ".join(f"{r.nama_jabatan} pada {r.unit_kerja}: {r.position.wke_basis}"
                              for r in own[:NAMED_OWN_BASIS])
            more = f"; dan {len(own) - NAMED_OWN_BASIS} jabatan lain" if len(own) > NAMED_OWN_BASIS else ""
            wke += (f", kecuali {len(own)} jabatan yang formulirnya mencantumkan WKE sendiri dan dihitung dengan "
                    f"WKE itu ({named}{more})")
    return (f"Kebutuhan dihitung dengan {wke}, {DESCRIBED[rules.rounding]}; selisih = {selisih}. "
            "Rincian per jabatan terlampir.")


def coverage_sentence(rekap: Rekap, forms: int) -> str:
    """What the proposal covers, so that a reader knows what is in it and what is not yet."""
    units = len(rekap.per_perangkat_daerah)
    return (f"Usul ini mencakup {len(rekap.rows)} jabatan pada {units} perangkat daerah, dihitung dari {forms} "
            "berkas formulir analisis beban kerja yang telah diperiksa dan diterima; formulir yang ditolak atau belum "
            "masuk belum termasuk di dalamnya.")


def shortage_sentence(rules: Rules) -> str:
    """Why the kekurangan is not the sum of the selisih: the two numbers must not look contradictory."""
    rumus = selisih_rumus(rules)
    return (f"Selisih ({rumus}) dihitung per jabatan dan dapat bernilai positif atau negatif. Kekurangan adalah "
            "jumlah kekurangan pada jabatan yang pegawainya kurang saja, karena kelebihan pegawai pada satu jabatan "
            "tidak dapat menutup kekurangan pada jabatan lain; usulan kebutuhan sama dengan kekurangan itu.")


def common(rekap: Rekap, instansi: Instansi, rules: Rules, tanggal: date, forms: int | None = None) -> dict:
    regime = rules.regime
    legal = list(instansi.dasar_hukum or LEGAL_BASIS)
    cited = re.search(r"Nomor \d+ Tahun \d+", regime.legal_basis or "")
    if cited and not any(cited.group(0) in line for line in legal):       # the regime's own regulation
        legal.append(regime.legal_basis)
    total = rekap.total
    return {
        "instansi": instansi,
        "kop": {**letterhead(instansi), "lambang_uri": Path(instansi.lambang).as_uri() if instansi.lambang else ""},
        "tanggal": tanggal_id(tanggal),
        "tahun_anggaran": instansi.tahun_anggaran or tanggal.year + 1,
        "legal_basis": legal,
        "regime": {"name": regime.name, "jam": num(regime.hours), "menit": num(regime.annual_minutes),
                    "dasar": regime.legal_basis},
        "rounding": DESCRIBED[rules.rounding],
        "selisih_rumus": selisih_rumus(rules),
        "dasar_perhitungan": basis_sentence(rekap, rules),
        "cakupan": coverage_sentence(rekap, forms if forms is not None else len({r.source_file for r in rekap.rows})),
        "penjelasan_kekurangan": shortage_sentence(rules),
        "total": {"b": num(total.b), "k": num(total.k), "kekurangan": num(total.kekurangan),
                  "kelebihan": num(total.kelebihan), "usulan": num(total.usulan), "selisih": signed(total.selisih)},
        "rows": [{
            "no": i, "perangkat_daerah": r.perangkat_daerah, "unit_kerja": r.unit_kerja,
            # The path below the perangkat daerah, top down (Bidang / Sub Bidang): where in the organisation.
            "unit": " / ".join(reversed(r.position.form.header.unit_kerja[:-1])) or r.perangkat_daerah,
            "jabatan": r.nama_jabatan, "jenis": r.jenis_jabatan or "", "kelas": r.kelas_jabatan or "",
            "pendidikan": r.pendidikan or "", "b": r.b, "k": r.k, "selisih": signed(r.selisih),
            "usulan": r.usulan, "ej": decimal(r.efisiensi),
        } for i, r in enumerate(rekap.rows, start=1)],
        "per_pd": [{"nama": pd, "b": t.b, "k": t.k, "kekurangan": t.kekurangan, "kelebihan": t.kelebihan,
                    "usulan": t.usulan} for pd, t in rekap.per_perangkat_daerah.items()],
        "lima_tahun": [{"tahun": y, **v} for y, v in rekap.lima_tahun.items()],
    }
