"""The corpus: every file, its layout, the features it exercises and what a careful reader expects.

Each spec builds a Document (rendered to its format by docs.render) and its expectation. Data are
fixed or drawn from content.POOL with fixed seeds, so the corpus is the same on every run.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Callable

from . import layouts_apps as apps
from . import layouts_docs as docs_
from . import layouts_methods as methods
from .content import (U_ARSIP, U_DUKCAPIL, U_KECAMATAN, U_KEU_TANI, U_MUTASI, U_ORGANISASI, U_PERENCANAAN,
                      U_PRODUKSI, U_PTSP, U_PUSKESMAS, U_TERMINAL, U_UMUM_TANI, header, pick_tasks, with_wke)
from .model import FACTORS, PERKA_WKE, Equipment, Output, Position, Task, expect

D = Decimal
MISSING, INVALID = "missing_required_field", "invalid_value"


@dataclass
class Spec:
    name: str
    fmt: str
    layout: str
    features: list[str]
    build: Callable[[], tuple]     # -> (Document, list[ExpectedForm]) or (Document, (reason, row))


def tugas(nama: str, units, tasks: list[Task], jenis: str = "pelaksana", **kw) -> Position:
    return Position(header(nama, units, jenis, **kw), tuple(tasks))


def ok(doc_total, *positions: Position):
    doc, printed = doc_total
    return doc, [expect(p, printed) for p in positions]


def periodic(seed: int, n: int, periods=("hari", "minggu", "bulan", "tahun"), max_norma: int = 240) -> list[Task]:
    """Tasks each with its own period and a volume per that period (a row stays below a person-year)."""
    rng = random.Random(seed)
    volumes = {"hari": [2, 4, 5, 8, 10], "minggu": [2, 3, 5, 8], "bulan": [4, 6, 10, 20],
               "tahun": [120, 240, 480, 600]}
    out = []
    for i, t in enumerate(pick_tasks(seed, n, max_norma=max_norma)):
        periode = periods[i % len(periods)]
        volume = D(rng.choice(volumes[periode]))
        while t.norma * volume * FACTORS[periode] > 60000 and volume > 1:
            volume = (volume / 2).to_integral_value()
        out.append(replace(t, periode=periode, volume=volume))
    return out


# ---- crafted positions -----------------------------------------------------------------------------

def worked_example() -> Position:
    """domain.md's worked example (Perka BKN 19/2011): K_raw 1.2875, printed 1.288, K 1."""
    y, d = PERKA_WKE["tahun"], PERKA_WKE["hari"]
    rows = [Task("Memeriksa data usulan formasi", "Laporan", D(15), D(600), wke=y),
            Task("Menginventarisasi data usulan formasi", "Data", D(30), D(600), wke=y),
            Task("Mengolah data usulan formasi", "Data", D(30), D(600), wke=y),
            Task("Memberikan informasi kepada Penganalisis", "Data", D(30), D(600), wke=y),
            Task("Membuat konsep pertimbangan Kepala BKN", "Draft", D(3000), D(1), wke=y),
            Task("Membuat konsep laporan statistik", "Laporan", D(6000), D(2), wke=y),
            Task("Memelihara database formasi", "Kegiatan", D(60), D(5), wke=y),
            Task("Tugas kedinasan lain", "-", D(20), D(3), periode="hari", wke=d)]
    return tugas("Pengolah Data Formasi", ("Sub Direktorat Formasi", "Direktorat Pengadaan dan Kepangkatan",
                                           "Badan Kepegawaian Negara"), rows)


def ceil_not_half_up() -> Position:
    """K_raw 2.3: PANDAWA prints Pembulatan 3 (Math.ceil); half up gives 2."""
    rows = [Task("Menginput data ke dalam aplikasi sistem informasi kepegawaian", "Data", D(30), D(2000)),
            Task("Memverifikasi kelengkapan berkas usulan kenaikan pangkat", "Berkas", D(45), D(1000)),
            Task("Memeriksa usulan mutasi pegawai antar perangkat daerah", "Usulan", D(90), D(500)),
            Task("Menyusun konsep jawaban pengaduan masyarakat", "Konsep", D(150), D(150))]
    return tugas("Pengolah Data", U_MUTASI, with_wke(rows))


def exactly_two_and_a_half() -> Position:
    """K_raw exactly 2.5: half up gives 3 (banker's rounding would give 2); a volume of 1.250."""
    rows = [Task("Mencatat transaksi penerimaan dan pengeluaran kas ke dalam buku kas umum", "Transaksi", D(60),
                 D(1250), tahapan=("Menerima bukti transaksi", "Mencatat transaksi", "Memeriksa saldo kas")),
            Task("Memeriksa dan meneliti surat pertanggungjawaban belanja", "SPJ", D(15), D(3000)),
            Task("Menyiapkan dokumen surat perintah membayar", "Dokumen", D(120), D(300)),
            Task("Melakukan rekonsiliasi data keuangan dengan bendahara", "Kegiatan", D(90), D(350))]
    return tugas("Pengelola Keuangan", U_KEU_TANI, with_wke(rows))


def hours_tasks(seed: int, n: int, **kw) -> list[Task]:
    return with_wke(pick_tasks(seed, n, quarter_hours=True, **kw))


# ---- the specs --------------------------------------------------------------------------------------

def specs() -> list[Spec]:
    s: list[Spec] = []

    def add(name, fmt, layout, features, build):
        s.append(Spec(name, fmt, layout, features, build))

    # PANDAWA export (PDF): portrait and landscape pages, "(JAM)" over minutes, Anjab tables after.
    pandawa_features = ["combined_anjab_abk", "unit_levels_block", "ikhtisar_below_label", "jam_header_minutes",
                        "wke_75000_rows", "tahapan_in_uraian", "closing_rows_jumlah_pembulatan",
                        "no_tables_after_abk", "mixed_orientation"]
    p1 = tugas("Penelaah Teknis Kebijakan", U_ORGANISASI, with_wke(pick_tasks(101, 7, volume_cap=60)))
    add("pandawa_penelaah", "pdf", "pandawa_pdf", pandawa_features, lambda: ok(apps.pandawa(p1), p1))
    p2 = tugas("Kepala Sub Bagian Kelembagaan dan Analisis Jabatan", U_ORGANISASI,
               with_wke(pick_tasks(102, 5, volume_cap=12)), jenis="struktural")
    add("pandawa_kepala_subbag", "pdf", "pandawa_pdf", pandawa_features + ["structural_k1", "blank_levels"],
        lambda: ok(apps.pandawa(p2, empty=""), p2))
    p3 = tugas("Pengadministrasi Umum", U_UMUM_TANI, with_wke(pick_tasks(103, 30, volume_cap=24)))
    add("pandawa_long_table", "pdf", "pandawa_pdf", pandawa_features + ["long_table_over_pages", "header_repeated"],
        lambda: ok(apps.pandawa(p3), p3))
    p4 = ceil_not_half_up()
    add("pandawa_pembulatan_ceil", "pdf", "pandawa_pdf", pandawa_features + ["printed_pembulatan_is_ceil"],
        lambda: ok(apps.pandawa(p4), p4))
    p5 = tugas("Pengolah Data", U_MUTASI, with_wke(pick_tasks(105, 4)))
    add("pandawa_no_nama_jabatan", "pdf", "pandawa_pdf", pandawa_features + ["reject_missing_nama"],
        lambda: (apps.pandawa(p5, nama="")[0], (MISSING, None)))

    # PANDAWA export (Word).
    word_features = ["combined_anjab_abk", "unit_levels_block", "jam_header_minutes", "indonesian_numbers",
                     "tahapan_in_uraian", "closing_rows_jumlah_pembulatan", "no_tables_after_abk",
                     "mixed_orientation"]
    w1 = tugas("Analis Kebijakan Ahli Pertama", U_PERENCANAAN, with_wke(pick_tasks(111, 6, volume_cap=60)),
               jenis="fungsional")
    add("pandawa_word_analis", "docx", "pandawa_docx", word_features + ["jabatan_fungsional_level"],
        lambda: ok(apps.pandawa(w1, word=True), w1))
    w2 = tugas("Kepala Bagian Organisasi", U_ORGANISASI[1:], with_wke(pick_tasks(112, 8, volume_cap=24)),
               jenis="struktural")
    add("pandawa_word_kabag", "docx", "pandawa_docx", word_features + ["structural_k1"],
        lambda: ok(apps.pandawa(w2, word=True), w2))
    w3 = exactly_two_and_a_half()
    add("pandawa_word_half_up", "docx", "pandawa_docx", word_features + ["k_raw_exactly_half", "thousands_volume"],
        lambda: ok(apps.pandawa(w3, word=True), w3))

    # The Word form PANDAWA imports (scripts/ekstrakabk.py).
    ui_features = ["header_table_3col", "tahapan_in_uraian", "minutes", "wke_75000_rows",
                   "closing_rows_jumlah_pembulatan"]
    u1 = tugas("Pengolah Data", U_MUTASI, with_wke(pick_tasks(121, 6)))
    add("uianjab_pengolah_data", "docx", "uianjab_input", ui_features, lambda: ok(apps.uianjab_input(u1), u1))
    u2 = tugas("Pengadministrasi Perkantoran", U_KECAMATAN, with_wke(pick_tasks(122, 7)))
    add("uianjab_groups", "docx", "uianjab_input",
        ["header_table_2col", "uppercase_labels", "group_rows", "blank_row_in_table", "minutes",
         "closing_rows_jumlah_pembulatan"],
        lambda: ok(apps.uianjab_input(u2, two_col=True, groups=True), u2))
    u3 = tugas("Pengelola Barang Milik Daerah", U_UMUM_TANI, with_wke(pick_tasks(123, 5)))
    add("uianjab_zero_time", "docx", "uianjab_input", ui_features + ["reject_zero_time"],
        lambda: (apps.uianjab_input(u3, bad={4: {"norma": "0", "need": "0"}})[0], (INVALID, 4)))
    u5 = tugas("Pengadministrasi Perizinan", U_PTSP, with_wke(pick_tasks(125, 6, quarter_hours=True)))
    add("uianjab_time_words", "docx", "uianjab_input",
        ["header_table_3col", "tahapan_in_uraian", "time_words_in_cells", "uppercase_values", "wke_75000_rows"],
        lambda: ok(apps.uianjab_input(u5, words=True), u5))
    u4 = tugas("Operator Layanan Operasional", U_PTSP, with_wke(pick_tasks(124, 6)))
    add("uianjab_pdf", "pdf", "uianjab_input", ui_features, lambda: ok(apps.uianjab_input(u4), u4))

    # PermenPAN-RB 1/2020 style in hours, WKE 1.250 jam, closing rows, signatures in the table.
    jam_features = ["numbered_header_paragraphs", "unit_path_top_down", "ikhtisar_below_label", "hours",
                    "wke_1250_jam", "two_row_merged_header", "column_number_row", "group_rows",
                    "closing_rows_ej_bezetting", "note_row", "signature_rows_in_table"]
    j1 = tugas("Penata Laporan Keuangan", U_KEU_TANI, hours_tasks(131, 6))
    add("permenpan_jam_word", "docx", "permenpan_jam", jam_features + ["indonesian_numbers"],
        lambda: ok(docs_.permenpan_jam(j1), j1))
    j2 = tugas("Pengelola Data", U_PRODUKSI, hours_tasks(132, 5, volume_cap=240))
    add("permenpan_jam_excel_text", "xlsx", "permenpan_jam",
        jam_features + ["indonesian_numbers", "numbers_as_text", "instruction_sheet", "template_rows_prefilled",
                        "label_value_one_cell"],
        lambda: ok(docs_.permenpan_jam(j2, excel="text", template_rows=3), j2))
    j3 = tugas("Penyusun Rencana Kegiatan", U_PERENCANAAN, hours_tasks(133, 6))
    add("permenpan_jam_pdf", "pdf", "permenpan_jam", jam_features + ["indonesian_numbers"],
        lambda: ok(docs_.permenpan_jam(j3), j3))
    j6 = tugas("Pengadministrasi Umum", U_UMUM_TANI, hours_tasks(136, 28, volume_cap=48))
    add("permenpan_jam_long", "pdf", "permenpan_jam", jam_features + ["indonesian_numbers", "long_table_over_pages",
                                                                      "header_repeated"],
        lambda: ok(docs_.permenpan_jam(j6), j6))
    j4 = tugas("Pranata Komputer Ahli Pertama", ("Sub Bagian Umum", "Sekretariat", "Dinas Komunikasi dan Informatika"),
               hours_tasks(134, 5), jenis="fungsional")
    add("permenpan_jam_excel_numbers", "xlsx", "permenpan_jam",
        jam_features + ["english_numbers", "extra_column_keterangan", "instruction_sheet", "label_value_one_cell",
                        "template_rows_prefilled"],
        lambda: ok(docs_.permenpan_jam(j4, excel="numbers", keterangan=True, template_rows=2), j4))
    j5 = tugas("Pengadministrasi Keuangan", U_KEU_TANI, hours_tasks(135, 5))
    add("permenpan_jam_volume_words", "docx", "permenpan_jam", jam_features + ["reject_volume_words"],
        lambda: (docs_.permenpan_jam(j5, bad={3: {"volume": "dua ratus"}})[0], (INVALID, 3)))

    # Published form: English-locale hours, sub-steps on their own rows.
    sub_features = ["header_table_3col", "hours", "english_numbers", "wke_1250_jam_comma", "column_number_row",
                    "substep_rows_not_tasks", "volume_after_wke"]
    b1 = tugas("Pengolah Data", U_PTSP, hours_tasks(141, 5, tahapan_only=True))
    add("substeps_pengolah_data", "pdf", "scribd_substeps", sub_features, lambda: ok(docs_.en_jam_substeps(b1), b1))
    b2 = tugas("Pengadministrasi Umum", U_ARSIP, hours_tasks(142, 4, tahapan_only=True))
    add("substeps_arsip", "pdf", "scribd_substeps", sub_features, lambda: ok(docs_.en_jam_substeps(b2), b2))
    b3 = tugas("Pengelola Data Perencanaan", U_PERENCANAAN, hours_tasks(143, 6, tahapan_only=True))
    add("substeps_word", "docx", "scribd_substeps", sub_features, lambda: ok(docs_.en_jam_substeps(b3), b3))

    # Perka BKN 19/2011 deck: a WKE per period on each row.
    deck_features = ["perka_bkn_regime", "row_wke_per_period", "extra_column_keterangan", "minutes"]
    d1 = worked_example()
    add("perka_worked_example", "xlsx", "perka_deck", deck_features + ["published_worked_example"],
        lambda: ok(docs_.perka_deck(d1), d1))
    d2 = tugas("Pengadministrasi Kepegawaian", U_MUTASI, with_wke(periodic(152, 6), PERKA_WKE))
    add("perka_word_periods", "docx", "perka_deck", deck_features + ["indonesian_numbers", "mixed_periods"],
        lambda: ok(docs_.perka_deck(d2, locale="id"), d2))
    d3 = tugas("Pengelola Barang Milik Daerah", U_UMUM_TANI, with_wke(periodic(153, 5), PERKA_WKE))
    add("perka_pdf_periods", "pdf", "perka_deck", deck_features + ["english_numbers", "mixed_periods"],
        lambda: ok(docs_.perka_deck(d3), d3))
    d4 = tugas("Pengadministrasi Umum", U_KECAMATAN, with_wke(periodic(154, 6), PERKA_WKE))
    add("perka_volume_words", "xlsx", "perka_deck", deck_features + ["reject_volume_words"],
        lambda: (docs_.perka_deck(d4, bad={5: {"volume": "lima puluh"}})[0], (INVALID, 5)))

    # Form A with its Petunjuk Pengisian.
    a_features = ["numbered_kv_header", "unit_organisasi_satuan_kerja", "column_number_row", "no_wke_no_need",
                  "signature_after_table", "instructions_mention_labels"]
    a1 = tugas("Pengadministrasi Umum", U_KECAMATAN, pick_tasks(161, 6))
    add("form_a_word", "docx", "form_a", a_features + ["minutes"], lambda: ok(docs_.form_a(a1), a1))
    a2 = tugas("Pengadministrasi Persuratan", U_UMUM_TANI, pick_tasks(162, 6, quarter_hours=True))
    add("form_a_time_words", "xlsx", "form_a", a_features + ["time_words_in_cells", "instruction_sheet",
                                                            "uppercase_values"],
        lambda: ok(docs_.form_a(a2, excel=True, words=True), a2))
    a3 = tugas("Pengolah Data Kependudukan", U_DUKCAPIL, pick_tasks(163, 5))
    add("form_a_pdf", "pdf", "form_a", a_features + ["minutes"], lambda: ok(docs_.form_a(a3), a3))
    a5 = tugas("Pengelola Layanan Operasional", U_PERENCANAAN, pick_tasks(165, 6, quarter_hours=True))
    add("form_a_time_words_pdf", "pdf", "form_a", a_features + ["time_words_in_cells", "uppercase_values"],
        lambda: ok(docs_.form_a(a5, words=True), a5))
    a4 = tugas("Pengelola Arsip", U_ARSIP, pick_tasks(164, 7))
    add("form_a_excel", "xlsx", "form_a", a_features + ["minutes", "instruction_sheet"],
        lambda: ok(docs_.form_a(a4, excel=True), a4))

    # Minimum / maximum / average times.
    mm_features = ["label_value_one_cell", "two_row_merged_header", "column_number_row", "formula_row",
                   "norma_is_average_column", "group_rows_with_subtotals", "minutes"]
    m1 = tugas("Penyusun Standar Pelayanan", U_PTSP, pick_tasks(171, 7, max_norma=600, volume_cap=480))
    groups1 = [("Menerima dan memeriksa bahan dan data objek kerja sesuai prosedur", 2),
               ("Mengumpulkan dan mengklasifikasikan bahan dan data objek kerja", 3),
               ("Menyusun konsep hasil kajian objek kerja", 2)]
    add("minmax_standar_pelayanan", "xlsx", "minmax_rata", mm_features,
        lambda: ok(docs_.minmax_rata(m1, groups1), m1))
    m2 = tugas("Pengelola Layanan Operasional", U_KECAMATAN, pick_tasks(172, 5, max_norma=600, volume_cap=240))
    groups2 = [("Melaksanakan pelayanan administrasi umum", 3), ("Menyusun laporan layanan", 2)]
    add("minmax_layanan", "xlsx", "minmax_rata", mm_features, lambda: ok(docs_.minmax_rata(m2, groups2), m2))
    m3 = tugas("Pengolah Bahan Informasi", U_ARSIP, pick_tasks(173, 6, max_norma=600, volume_cap=600))
    groups3 = [("Mengumpulkan bahan informasi", 2), ("Mengolah bahan informasi", 2), ("Menyajikan informasi", 2)]
    add("minmax_pdf", "pdf", "minmax_rata", mm_features, lambda: ok(docs_.minmax_rata(m3, groups3), m3))

    # React Informasi Jabatan print view: hours for a JF, minutes for a pelaksana, no WKE printed.
    r_features = ["numbered_header_paragraphs", "unit_levels_block_uppercase", "uppercase_values", "no_wke_printed",
                  "total_beban_row"]
    bkpsdm = U_MUTASI[1:]
    r1 = tugas("Analis Sumber Daya Manusia Aparatur Ahli Pertama", bkpsdm, pick_tasks(181, 6, quarter_hours=True),
               jenis="fungsional")
    add("react_jf_hours", "pdf", "react_beban", r_features + ["hours"], lambda: ok(apps.react_beban(r1, True), r1))
    r2 = tugas("Pengelola Layanan Kepegawaian", bkpsdm, pick_tasks(182, 6))
    add("react_pelaksana_minutes", "pdf", "react_beban", r_features + ["minutes"],
        lambda: ok(apps.react_beban(r2, False), r2))
    r3 = tugas("Arsiparis Ahli Pertama", U_ARSIP, pick_tasks(183, 5, quarter_hours=True), jenis="fungsional")
    add("react_jf_hours_word", "docx", "react_beban", r_features + ["hours"],
        lambda: ok(apps.react_beban(r3, True), r3))

    # Vue page: a period per row.
    v_features = ["label_value_one_cell", "jabatan_label", "period_column", "mixed_periods", "minutes",
                  "workload_column", "indonesian_numbers"]
    v1 = tugas("Pengadministrasi Kependudukan", U_DUKCAPIL, periodic(191, 6, max_norma=60))
    add("vue_periode_dukcapil", "xlsx", "vue_periode", v_features, lambda: ok(apps.vue_periode(v1), v1))
    v2 = tugas("Pengelola Perizinan", U_PTSP, periodic(192, 5, max_norma=120))
    add("vue_periode_ptsp", "xlsx", "vue_periode", v_features, lambda: ok(apps.vue_periode(v2), v2))
    v3 = tugas("Pengolah Data Pertanian", U_PRODUKSI, periodic(193, 6, max_norma=120))
    add("vue_periode_pdf", "pdf", "vue_periode", v_features, lambda: ok(apps.vue_periode(v3), v3))
    v4 = tugas("Pengadministrasi Umum", U_KECAMATAN, periodic(194, 5, max_norma=60))
    add("vue_empty_uraian", "xlsx", "vue_periode", v_features + ["reject_empty_uraian"],
        lambda: (apps.vue_periode(v4, bad={2: {"uraian": ""}})[0], (INVALID, 2)))

    # CodeIgniter page: no NO column, period names, per-period WKE.
    g_features = ["no_number_column", "period_column", "row_wke_per_period", "perka_bkn_regime",
                  "summary_table_after", "opd_line"]
    g1 = tugas("Pengelola Perizinan", U_PTSP[:1] + ("Dinas Penanaman Modal dan PTSP",),
               with_wke(periodic(201, 5, ("tahun", "bulan", "minggu")), PERKA_WKE))
    add("singgih_perizinan", "xlsx", "singgih_nono", g_features, lambda: ok(apps.singgih(g1), g1))
    g2 = tugas("Pengadministrasi Umum", U_UMUM_TANI, with_wke(periodic(202, 6, ("tahun", "bulan", "minggu")),
                                                              PERKA_WKE))
    add("singgih_word", "docx", "singgih_nono", g_features, lambda: ok(apps.singgih(g2), g2))
    g3 = tugas("Pengolah Data", U_DUKCAPIL, with_wke(periodic(203, 5, ("tahun", "bulan", "minggu")), PERKA_WKE))
    add("singgih_pdf", "pdf", "singgih_nono", g_features, lambda: ok(apps.singgih(g3), g3))

    # Synonyms and column orders.
    y1 = tugas("Pengelola Data", U_PERENCANAAN, with_wke(pick_tasks(211, 6)))
    add("synonyms_word", "docx", "synonyms",
        ["header_table_2col", "uppercase_labels", "unit_path_top_down", "columns_reordered", "synonym_satuan_output",
         "synonym_volume_kerja", "synonym_wke", "workload_column", "extra_column_dasar_hukum", "uppercase_values"],
        lambda: ok(docs_.synonyms(y1, "A"), y1))
    y2 = tugas("Pengadministrasi Perkantoran", U_UMUM_TANI, with_wke(pick_tasks(212, 6)))
    add("synonyms_excel", "xlsx", "synonyms",
        ["label_value_one_cell", "columns_reordered", "synonym_output", "blank_row_in_table", "note_row", "minutes"],
        lambda: ok(docs_.synonyms(y2, "B"), y2))
    y3 = tugas("Penyusun Laporan Keuangan", U_KEU_TANI, with_wke(pick_tasks(213, 5)))
    add("synonyms_pdf", "pdf", "synonyms",
        ["header_table_2col", "unit_path_top_down", "columns_reordered", "synonym_satuan_output", "synonym_wke",
         "extra_column_dasar_hukum", "uppercase_values"],
        lambda: ok(docs_.synonyms(y3, "A"), y3))
    y4 = tugas("Pengelola Data", U_PRODUKSI, with_wke(pick_tasks(214, 4)))
    add("synonyms_no_unit", "xlsx", "synonyms", ["label_value_one_cell", "reject_missing_unit"],
        lambda: (docs_.synonyms(y4, "B", show_unit=False)[0], (MISSING, None)))

    # The other three methods.
    def output(nama, units, rows, approach, jenis="pelaksana"):
        return Position(header(nama, units, jenis), tuple(rows), approach)

    h1 = output("Pengadministrasi Persuratan", U_UMUM_TANI,
                [Output("Surat masuk dan keluar yang diagendakan", "Surat", D(500), D(100))], "hasil_kerja")
    add("hasil_kerja_surat", "docx", "hasil_kerja", ["method_hasil_kerja", "formula_in_number_row"],
        lambda: ok(methods.output_method(h1, objek=False), h1))
    h2 = output("Pengolah Data Pajak Daerah", ("Bidang Pendapatan", "Badan Pendapatan Daerah"),
                [Output("Data wajib pajak yang diolah", "Data", D(200), D(30))], "hasil_kerja")
    add("hasil_kerja_data", "xlsx", "hasil_kerja", ["method_hasil_kerja", "formula_in_number_row"],
        lambda: ok(methods.output_method(h2, objek=False), h2))
    h3 = output("Verifikator Berkas Perizinan", U_PTSP,
                [Output("Berkas permohonan izin yang diverifikasi", "Berkas", D(300), D(60)),
                 Output("Izin yang diterbitkan", "Izin", D(120), D(40))], "hasil_kerja")
    add("hasil_kerja_pdf", "pdf", "hasil_kerja", ["method_hasil_kerja", "two_outputs"],
        lambda: ok(methods.output_method(h3, objek=False), h3))
    o1 = output("Perawat Terampil", U_PUSKESMAS, [Output("Pasien rawat jalan yang dilayani", "Pasien", D(80), D(25))],
                "objek_kerja", jenis="fungsional")
    add("objek_kerja_pasien", "xlsx", "objek_kerja", ["method_objek_kerja"],
        lambda: ok(methods.output_method(o1, objek=True), o1))
    o2 = output("Pengadministrasi Layanan Tamu", ("Sub Bagian Protokol", "Bagian Protokol dan Komunikasi Pimpinan",
                                                  "Sekretariat Daerah"),
                [Output("Tamu pimpinan yang dilayani", "Orang", D(150), D(50))], "objek_kerja")
    add("objek_kerja_tamu", "pdf", "objek_kerja", ["method_objek_kerja"],
        lambda: ok(methods.output_method(o2, objek=True), o2))

    def alat(nama, units, items, bezetting=1):
        return Position(header(nama, units, bezetting=bezetting), tuple(items), "peralatan_kerja")

    t1 = [alat("Pengemudi", U_TERMINAL, [Equipment("Bus", D(20), D(1))], 12),
          alat("Kondektur", U_TERMINAL, [Equipment("Bus", D(20), D(1))], 15),
          alat("Mekanik", U_TERMINAL, [Equipment("Bus", D(20), D("0.2"))], 2)]
    add("peralatan_terminal", "xlsx", "peralatan_unit",
        ["method_peralatan_kerja", "several_positions_one_table", "ratio_as_fraction", "uppercase_values"],
        lambda: ok(methods.peralatan_units(t1), *t1))
    dinas = ("UPT Pengelolaan Kendaraan Dinas", "Dinas Perhubungan")
    t2 = [alat("Pengemudi", dinas, [Equipment("Mobil dinas", D(20), D(1))], 14),
          alat("Mekanik", dinas, [Equipment("Mobil dinas", D(20), D("0.2"))], 3)]
    add("peralatan_kendaraan_pdf", "pdf", "peralatan_unit",
        ["method_peralatan_kerja", "several_positions_one_table", "ratio_as_fraction"],
        lambda: ok(methods.peralatan_units(t2), *t2))
    t3 = alat("Operator Alat Berat", ("UPT Peralatan dan Perbengkelan", "Dinas Pekerjaan Umum dan Penataan Ruang"),
              [Equipment("Excavator", D(4), D(1)), Equipment("Motor grader", D(2), D(1)),
               Equipment("Compactor", D(4), D("0.5"))])
    add("peralatan_alat_berat", "docx", "peralatan_single", ["method_peralatan_kerja", "shift_column",
                                                             "indonesian_numbers"],
        lambda: ok(methods.peralatan_single(t3), t3))

    # Workbooks: several positions on one sheet, several sheets.
    k1 = tugas("Pengadministrasi Umum", U_UMUM_TANI, with_wke(pick_tasks(221, 5)))
    k2 = tugas("Pengelola Keuangan", U_KEU_TANI, with_wke(pick_tasks(222, 5)))

    def stacked_ui():
        (d_a, t_a), (d_b, t_b) = apps.uianjab_input(k1), apps.uianjab_input(k2)
        return methods.stacked([d_a, d_b]), [expect(k1, t_a), expect(k2, t_b)]
    add("multi_position_sheet", "xlsx", "multi_position", ["several_positions_one_sheet", "header_table_3col",
                                                           "tahapan_in_uraian", "minutes"], stacked_ui)
    k3 = tugas("Pengolah Data", U_DUKCAPIL, with_wke(periodic(223, 4, ("tahun", "bulan")), PERKA_WKE))
    k4 = tugas("Pengadministrasi Kependudukan", U_DUKCAPIL, with_wke(periodic(224, 5, ("tahun", "hari")), PERKA_WKE))

    def stacked_deck():
        (d_a, t_a), (d_b, t_b) = docs_.perka_deck(k3, title=False), docs_.perka_deck(k4, title=False)
        return methods.stacked([d_a, d_b]), [expect(k3, t_a), expect(k4, t_b)]
    add("multi_position_deck", "xlsx", "multi_position", ["several_positions_one_sheet", "label_value_one_cell",
                                                          "row_wke_per_period", "perka_bkn_regime"], stacked_deck)
    k5 = tugas("Pengadministrasi Kepegawaian", U_MUTASI, with_wke(periodic(225, 4, ("tahun", "minggu")), PERKA_WKE))
    k6 = tugas("Pengelola Data", U_MUTASI, with_wke(periodic(226, 5, ("tahun", "bulan")), PERKA_WKE))
    k7 = worked_example()

    def sheets_deck():
        built = [(n, docs_.perka_deck(p)) for n, p in (("Adm Kepegawaian", k5), ("Pengelola Data", k6),
                                                       ("Formasi", k7))]
        doc = methods.workbook([(n, d) for n, (d, _) in built], methods.MULTI_SHEET_PETUNJUK)
        return doc, [expect(p, t) for p, (_, (_, t)) in zip((k5, k6, k7), built)]
    add("multi_sheet_deck", "xlsx", "multi_sheet", ["several_sheets", "instruction_sheet",
                                                    "instructions_mention_labels",
                                                    "row_wke_per_period", "perka_bkn_regime"], sheets_deck)
    k8 = tugas("Pengadministrasi Umum", U_KECAMATAN, with_wke(pick_tasks(227, 4)))
    k9 = tugas("Kepala Sub Bagian Umum dan Kepegawaian", U_KECAMATAN, with_wke(pick_tasks(228, 5)),
               jenis="struktural")

    def sheets_text():
        (d_a, t_a), (d_b, t_b) = apps.uianjab_input(k8), apps.uianjab_input(k9)
        return methods.workbook([("Pengadministrasi Umum", d_a), ("Kasubbag Umum", d_b)], numbers_as_text=True), \
            [expect(k8, t_a), expect(k9, t_b)]
    add("multi_sheet_text", "xlsx", "multi_sheet", ["several_sheets", "numbers_as_text", "structural_k1",
                                                    "tahapan_in_uraian"], sheets_text)
    return s
