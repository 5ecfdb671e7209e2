"""The "Grafik" sheet of the rekap workbook: B, K and Usulan per perangkat daerah as a small table and a
native Excel bar chart drawn from it, so planners compare units at a glance (and the chart still follows
the cells if someone corrects a number in the table)."""
from __future__ import annotations

import textwrap

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RichTextProperties
from openpyxl.styles import Alignment, Font

from calculators.results import Totals

SHEET = "Grafik"
COLUMNS = ["Perangkat Daerah", "B", "K", "Usulan"]
TITLE = "B, K dan Usulan per Perangkat Daerah"
# Horizontal bars: one band of three bars per perangkat daerah. The height grows with the count so that
# 40 units keep bars and names legible instead of being squeezed into the default 7.5 cm; the width grows
# with the longest name, which LibreOffice (unlike Excel) does not wrap on a vertical category axis.
MIN_HEIGHT_CM, BASE_HEIGHT_CM, PER_UNIT_CM = 9.0, 5.0, 0.9      # base: title, value axis, legend
MIN_WIDTH_CM, MAX_WIDTH_CM, PLOT_CM, PER_CHARACTER_CM = 20.0, 34.0, 16.0, 0.17


def chart_sheet(sheet, per_perangkat_daerah: dict[str, Totals], put) -> BarChart | None:
    """Writes the table and the chart onto ``sheet``; ``put`` is the workbook's text-safe cell writer."""
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = len(per_perangkat_daerah)
    longest = max([len(COLUMNS[0])] + [len(name) for name in per_perangkat_daerah])
    width = max(16, min(48, longest + 2))
    sheet.column_dimensions["A"].width = width
    for row, (name, totals) in enumerate(per_perangkat_daerah.items(), start=2):
        for col, value in enumerate([name, totals.b, totals.k, totals.usulan], start=1):
            put(sheet.cell(row, col), value)
            sheet.cell(row, col).alignment = Alignment(wrap_text=col == 1, vertical="top")
        # A long name wraps in its cell; the row is made tall enough here because not every viewer grows
        # rows on opening (LibreOffice does not), and the next name would be written over its second line.
        lines = len(textwrap.wrap(name, width - 2))
        if lines > 1:
            sheet.row_dimensions[row].height = 15 * lines
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True      # printed one page wide, table and chart
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    if not count:                            # a pass with no accepted form: nothing to draw
        sheet.cell(2, 1, "Belum ada formulir yang diterima.")
        return None

    chart = BarChart()
    chart.type = "bar"                       # horizontal: long unit names read along the category axis
    chart.grouping = "clustered"
    chart.title = TITLE
    chart.x_axis.title = "Perangkat Daerah"
    chart.y_axis.title = "Jumlah Pegawai (orang)"
    chart.add_data(Reference(sheet, min_col=2, max_col=4, min_row=1, max_row=count + 1), titles_from_data=True)
    names = Reference(sheet, min_col=1, min_row=2, max_row=count + 1)
    for series in chart.series:              # set_categories would declare the names numbers (numRef)
        series.cat = AxDataSource(strRef=StrRef(f=str(names)))
    # The table's first unit at the top, as in the table; the value axis then crosses at the last
    # category, which that reversed order puts at the bottom.
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.crosses = "max"
    chart.x_axis.axPos, chart.y_axis.axPos = "l", "b"
    chart.y_axis.number_format = "0"
    chart.y_axis.scaling.min = 0
    chart.y_axis.majorUnit = _step(max(max(t.b, t.k, t.usulan) for t in per_perangkat_daerah.values()))
    # openpyxl 3.1 leaves <c:delete> out unless told, and Excel then shows the chart without its axes.
    chart.x_axis.delete = chart.y_axis.delete = False
    # Excel wraps long names (Indonesian unit names run long) rather than squeezing the bars; 9 pt.
    chart.x_axis.txPr = RichText(bodyPr=RichTextProperties(wrap="square"),
                                 p=[Paragraph(pPr=ParagraphProperties(defRPr=CharacterProperties(sz=900)),
                                              endParaRPr=CharacterProperties())])
    chart.gapWidth = 60
    chart.legend.position = "b"
    chart.width = min(MAX_WIDTH_CM, max(MIN_WIDTH_CM, PLOT_CM + PER_CHARACTER_CM * longest))
    chart.height = max(MIN_HEIGHT_CM, BASE_HEIGHT_CM + PER_UNIT_CM * count)
    sheet.add_chart(chart, "F2")
    return chart


def _step(largest: int) -> int:
    """Whole people between gridlines, at most ten intervals: 1, 2, 5, 10, 20, 50, ..."""
    base = 1
    while True:
        for step in (base, 2 * base, 5 * base):
            if largest <= 10 * step:
                return step
        base *= 10
