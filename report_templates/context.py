"""What the templates see: plain values, already formatted the Indonesian way. Templates never compute."""
from __future__ import annotations

import re
from datetime import date
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date

from calculators import wke_basis
from calculators.consolidation import selisih_formula
from calculators.coverage import Missing, position_key
from calculators.results import Rekap
from calculators.settings import Rules
from calculators.notation import num
from extractors.submission import UNIT_SEPARATOR
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


def signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


# Positions computed on their own form's WKE named one by one in the letter, up to this many.
NAMED_OWN_BASIS = 10


def selisih_rumus(rules: Rules) -> str:
    return selisih_formula(rules.selisih)


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
    return (f"Kebutuhan dihitung dengan {wke}; selisih = {selisih}. "
            "Cara penghitungan dan rincian per jabatan terlampir.")


# How K is rounded, in words for a minister's staff (the lampiran's method note).
ROUNDING_NOTE = {
    "half_up": "dibulatkan satu kali pada jumlah per jabatan: pecahan 0,5 atau lebih menjadi satu orang, "
               "pecahan di bawah 0,5 tidak dihitung",
    "ceil": "dibulatkan ke atas satu kali pada jumlah per jabatan",
    "floor": "dibulatkan ke bawah satu kali pada jumlah per jabatan",
    "none": "diambil bilangan bulatnya saja pada jumlah per jabatan, tanpa pembulatan",
}


def method_note(rules: Rules) -> str:
    """The lampiran's note on how K was computed: the same rules the calculators apply, in plain words."""
    structural = (f" Jabatan struktural (pimpinan tinggi, administrator dan pengawas) dihitung {rules.structural_k} "
                  "orang per jabatan." if rules.structural_k is not None else "")
    return ("Cara penghitungan: kebutuhan pegawai (K) suatu jabatan adalah jumlah beban kerja seluruh tugasnya "
            "(waktu penyelesaian × volume, atau hasil/objek/peralatan kerja sesuai metodenya) dibagi waktu kerja "
            f"efektif, {ROUNDING_NOTE[rules.rounding]}; jabatan yang beban kerjanya kurang dari satu orang tetap "
            f"membutuhkan 1 orang.{structural} B adalah jumlah pegawai yang ada saat ini; selisih = "
            f"{selisih_rumus(rules)}; usulan adalah kekurangan pada jabatan yang bersangkutan.")


@dataclass(frozen=True)
class Coverage:
    """What a pass knows beyond its accepted forms: how many files it rejected and, when the instansi gives
    its list of positions ([letter] daftar_jabatan), which of them no accepted form covers yet."""
    rejected_files: int = 0
    missing: tuple[Missing, ...] = ()                  # listed positions without an accepted form
    listed: bool = False                               # whether a list of positions was given
    rejected: frozenset[tuple[str, str]] = frozenset()  # position_key of positions whose form was rejected


def coverage_sentence(rekap: Rekap, forms: int, coverage: Coverage = Coverage()) -> str:
    """What the proposal covers, so that a reader knows what is in it and what is not yet."""
    units = len(rekap.per_perangkat_daerah)
    words = [f"Usul ini mencakup {len(rekap.rows)} jabatan pada {units} perangkat daerah, dihitung dari {forms} "
             "berkas formulir analisis beban kerja yang telah diperiksa dan diterima."]
    if coverage.rejected_files:
        words.append(f"Sebanyak {coverage.rejected_files} berkas ditolak pada pemeriksaan dan tidak dipakai dalam "
                     "perhitungan.")
    if coverage.missing:
        words.append(f"Sebanyak {len(coverage.missing)} jabatan dalam daftar jabatan instansi belum tercakup karena "
                     "formulirnya belum masuk atau ditolak dan sedang diperbaiki; daftarnya terlampir dan kebutuhannya "
                     "akan disampaikan menyusul.")
    elif coverage.listed:
        words.append("Seluruh jabatan dalam daftar jabatan instansi telah tercakup.")
    else:
        words.append("Jabatan yang formulirnya ditolak atau belum masuk belum termasuk di dalamnya.")
    return " ".join(words)


def composition_sentence(total, rules: Rules) -> str:
    """How the proposal splits into PNS and PPPK, when the instansi says which jabatan it proposes as PPPK."""
    if not rules.pppk_jabatan:
        return ""
    return (f"Usulan kebutuhan tersebut terdiri atas {num(total.usulan_pns)} PNS dan {num(total.usulan_pppk)} "
            "PPPK.")


def shortage_sentence(rules: Rules) -> str:
    """Why the kekurangan is not the sum of the selisih: the two numbers must not look contradictory."""
    rumus = selisih_rumus(rules)
    return (f"Selisih ({rumus}) dihitung per jabatan dan dapat bernilai positif atau negatif. Kekurangan adalah "
            "jumlah kekurangan pada jabatan yang pegawainya kurang saja, karena kelebihan pegawai pada satu jabatan "
            "tidak dapat menutup kekurangan pada jabatan lain; usulan kebutuhan sama dengan kekurangan itu.")


def common(rekap: Rekap, instansi: Instansi, rules: Rules, tanggal: date, forms: int | None = None,
           coverage: Coverage = Coverage()) -> dict:
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
        "tembusan": _copies(instansi),
        "selisih_rumus": selisih_rumus(rules),
        "dasar_perhitungan": basis_sentence(rekap, rules),
        "cakupan": coverage_sentence(rekap, forms if forms is not None else len({r.file_name for r in rekap.rows}),
                                     coverage),
        "belum_tercakup": [{"no": i, "perangkat_daerah": m.perangkat_daerah,
                            "unit": _below(m.unit_kerja.split(UNIT_SEPARATOR), m.perangkat_daerah),
                            "jabatan": m.nama_jabatan, "kelas": m.kelas or "", "b": "" if m.b is None else m.b,
                            "keterangan": _waiting(m, coverage)}
                           for i, m in enumerate(coverage.missing, start=1)],
        "penjelasan_kekurangan": shortage_sentence(rules),
        "komposisi_usulan": composition_sentence(rekap.total, rules),
        "cara_penghitungan": method_note(rules),
        "total": {"b": num(total.b), "k": num(total.k), "kekurangan": num(total.kekurangan),
                  "kelebihan": num(total.kelebihan), "usulan": num(total.usulan), "selisih": signed(total.selisih)},
        "rows": [{
            "no": i, "perangkat_daerah": r.perangkat_daerah, "unit_kerja": r.unit_kerja,
            # The path below the perangkat daerah, top down (Bidang / Sub Bidang): where in the organisation.
            "unit": _below(r.position.form.header.unit_kerja, r.perangkat_daerah),
            "jabatan": r.nama_jabatan, "jenis": r.jenis_jabatan or "", "kelas": r.kelas_jabatan or "",
            "pendidikan": r.pendidikan or "", "b": r.b, "k": r.k, "selisih": signed(r.selisih),
            "usulan": r.usulan,
        } for i, r in enumerate(rekap.rows, start=1)],
        "lima_tahun": [{"tahun": y, **v} for y, v in rekap.lima_tahun.items()],
    }


def _below(units: list[str], perangkat_daerah: str) -> str:
    """The path below the perangkat daerah, top down (Bidang / Sub Bidang): where in the organisation."""
    return UNIT_SEPARATOR.join(reversed(units[:-1])) or perangkat_daerah


def _copies(instansi: Instansi) -> list[str]:
    """The tembusan lines, punctuated as a list in a letter is: ";" after each, "." after the last."""
    copies = (["Kepala Badan Kepegawaian Negara"] if instansi.kepala_bkn == "tembusan" else []) + list(instansi.tembusan)
    return [f"{c}{';' if i < len(copies) - 1 else '.'}" for i, c in enumerate(copies)]


def _waiting(missing, coverage: Coverage) -> str:
    said = ("formulir ditolak, menunggu perbaikan" if position_key(missing.unit_kerja, missing.nama_jabatan)
            in coverage.rejected else "formulir belum diterima")
    return said + ("; jabatan kosong" if missing.b == 0 else "")
