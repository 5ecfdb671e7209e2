"""The "Grafik" sheet of rekap.xlsx: a table of B, K and Usulan per perangkat daerah and one native
horizontal bar chart drawn from exactly those cells. Read back the way a planner's Excel would: the cells
through openpyxl, the chart through its XML in the xlsx zip (openpyxl does not read chart references)."""
from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from calculators import consolidate, position
from report_templates import rekap_chart, workbooks
from report_templates.render import _office
from tests import documents_fixtures as fx

CREATED = datetime(2026, 11, 22)
FORMULA_PD = fx.FORMULA_JABATAN                   # '=HYPERLINK("http://x","klik")'
LONG_PD = "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana"
EMU_PER_CM = 360000


def rekap_of(perangkat_daerah: list[str]):
    """One or two positions per perangkat daerah, from forms through the calculators (as the document
    tests build theirs), with B and K that differ from unit to unit."""
    positions = []
    for i, pd in enumerate(perangkat_daerah):
        positions.append(position(fx._form("Pengadministrasi Perkantoran", [pd], 1 + i % 5,
                                           [(30, 1800 + 350 * i)], 5, "pelaksana", "SMA/sederajat"),
                                  fx.RULES, file_name=f"pd_{i}.xlsx"))
        if i % 3 == 0:
            positions.append(position(fx._form("Analis Kebijakan Ahli Muda", ["Bidang Program", pd], 0,
                                               [(240, 300 + 40 * i)], 9, "fungsional", "S1"),
                                      fx.RULES, file_name=f"pd_{i}.xlsx"))
    return consolidate(positions, fx.RULES, fx.instansi().nama)


def render(tmp_path: Path, rekap, name: str = "rekap.xlsx") -> Path:
    """The workbook exactly as a pass writes it (render_documents passes it through _office)."""
    path = tmp_path / name
    path.write_bytes(_office(lambda b: workbooks.rekap_workbook(b, rekap, fx.RULES, CREATED), CREATED))
    return path


def chart_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith(("xl/charts/", "xl/drawings/"))}


def table(path: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(path)[rekap_chart.SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Perangkat Daerah", "B", "K", "Usulan")
    return rows[1:]


def cells(col: str, last: int) -> str:
    """The range a series reads, rows 2 to last, as Excel writes it (one cell without a colon)."""
    return f"${col}$2" if last == 2 else f"${col}$2:${col}${last}"


def chart_height_cm(parts: dict[str, str]) -> float:
    (drawing,) = [xml for n, xml in parts.items() if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n)]
    return int(re.search(r'<ext cx="\d+" cy="(\d+)"', drawing).group(1)) / EMU_PER_CM


@pytest.mark.parametrize("count", [1, 2, 40])
def test_chart_sheet_tables_and_draws_every_perangkat_daerah(tmp_path, count):
    names = ([LONG_PD] if count == 1 else [FORMULA_PD, LONG_PD]) + [f"Dinas Contoh Nomor {i:02d}"
                                                                    for i in range(count - 2)]
    rekap = rekap_of(names)
    per_pd = rekap.per_perangkat_daerah
    assert len(per_pd) == count
    path = render(tmp_path, rekap)

    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == ["Total", rekap_chart.SHEET]
    assert table(path) == [(pd, t.b, t.k, t.usulan) for pd, t in per_pd.items()]
    assert all(isinstance(v, int) for row in table(path) for v in row[1:])

    parts = chart_parts(path)
    charts = [n for n in parts if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
    assert charts == ["xl/charts/chart1.xml"], "the rekap holds exactly one chart"
    xml = parts["xl/charts/chart1.xml"]
    assert '<barDir val="bar"/>' in xml and '<grouping val="clustered"/>' in xml
    last = count + 1
    series = re.findall(r"<ser>.*?</ser>", xml)
    assert len(series) == 3
    for ser, (col, title) in zip(series, [("B", "B"), ("C", "K"), ("D", "Usulan")]):
        assert f"<tx><strRef><f>'Grafik'!{col}1</f></strRef></tx>" in ser
        assert book[rekap_chart.SHEET][f"{col}1"].value == title
        assert f"<val><numRef><f>'Grafik'!{cells(col, last)}</f></numRef></val>" in ser
        assert f"<cat><strRef><f>'Grafik'!{cells('A', last)}</f></strRef></cat>" in ser
    for text in ["B, K dan Usulan per Perangkat Daerah", "Perangkat Daerah", "Jumlah Pegawai (orang)"]:
        assert f"<a:t>{text}</a:t>" in xml
    # Axes shown (openpyxl 3.1 hides them unless told), first unit at the top as in the table.
    assert xml.count('<delete val="0"/>') == 2 and '<orientation val="maxMin"/>' in xml
    # The chart sits on the Grafik sheet (its drawing is that sheet's), not on a unit's sheet.
    with zipfile.ZipFile(path) as z:
        rels = z.read("xl/worksheets/_rels/sheet2.xml.rels").decode()
    assert "drawing1.xml" in rels
    # Readable: at least ~0.8 cm of height per perangkat daerah (three bars and a name), never squashed
    # below a usable minimum for one unit.
    height = chart_height_cm(parts)
    assert height >= max(8.0, 0.8 * count), height


def test_chart_grows_with_the_number_of_perangkat_daerah(tmp_path):
    one = chart_height_cm(chart_parts(render(tmp_path, rekap_of(["Dinas Sosial"]), "one.xlsx")))
    forty = chart_height_cm(chart_parts(render(tmp_path, rekap_of([f"Dinas {i:02d}" for i in range(40)]),
                                               "forty.xlsx")))
    assert forty > 3 * one


def test_a_perangkat_daerah_named_like_a_formula_stays_text(tmp_path):
    path = render(tmp_path, rekap_of([FORMULA_PD, "Dinas Sosial"]))
    ws = openpyxl.load_workbook(path)[rekap_chart.SHEET]
    cells = [c for row in ws.iter_rows() for c in row if c.value == FORMULA_PD]
    assert [c.coordinate for c in cells] == ["A2"]
    assert cells[0].data_type == "s"
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any("<f>" in z.read(n).decode() or "<f " in z.read(n).decode() for n in names)
    # The chart names its categories by reference only; the name itself is never put into chart XML
    # where it could be taken for a formula.
    assert "HYPERLINK" not in chart_parts(path)["xl/charts/chart1.xml"]


def test_the_fixture_pass_has_its_two_perangkat_daerah_in_the_chart(tmp_path):
    rekap = fx.rekap()
    path = render(tmp_path, rekap)
    assert table(path) == [(pd, t.b, t.k, t.usulan) for pd, t in rekap.per_perangkat_daerah.items()]
    assert "'Grafik'!$B$2:$B$3" in chart_parts(path)["xl/charts/chart1.xml"]


def test_the_same_rekap_gives_the_same_bytes(tmp_path):
    rekap = rekap_of([FORMULA_PD, LONG_PD] + [f"Dinas {i:02d}" for i in range(10)])
    assert render(tmp_path, rekap, "a.xlsx").read_bytes() == render(tmp_path, rekap, "b.xlsx").read_bytes()


def test_a_unit_called_grafik_gets_its_own_sheet(tmp_path):
    book = openpyxl.load_workbook(render(tmp_path, rekap_of(["Grafik", "Dinas Sosial"])))
    assert book.sheetnames[:2] == ["Total", "Grafik"]
    assert "Grafik (2)" in book.sheetnames
    assert table_rows(book["Grafik (2)"]) == {"Grafik"}


def table_rows(ws) -> set[str]:
    return {row[1] for row in ws.iter_rows(min_row=2, values_only=True) if row[0] != "Jumlah"}


def test_steps_between_gridlines_are_whole_people():
    assert [rekap_chart._step(n) for n in [0, 3, 10, 11, 25, 63, 101, 480, 1300]] == \
           [1, 1, 1, 2, 5, 10, 20, 50, 200]


def test_a_pass_with_no_accepted_form_has_a_grafik_sheet_without_a_chart(tmp_path):
    path = render(tmp_path, consolidate([], fx.RULES, fx.instansi().nama))
    assert table(path) == [("Belum ada formulir yang diterima.", None, None, None)]
    assert chart_parts(path) == {}
