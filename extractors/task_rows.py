"""Task rows from their cells: the method the columns imply, numbers read (times in minutes, in the unit
the form's own arithmetic confirms), and the uraian without its numbering and its sub-steps."""
from __future__ import annotations

import re
from decimal import Decimal

from extractors import header_fields
from extractors.arithmetic import TimedRow, decide_time_unit, wke_reading
from extractors.columns import NUMERIC
from extractors.numbers import PERIOD_WORDS, as_dot_decimal, in_minutes, parse_int, parse_number, parse_quantity, \
    parse_ratio, parse_time, writes_dot_decimals
from extractors.submission import Approach, Reading, ReadingCode, Row
from extractors.table_body import BLANK_TEXTS, Table

_OUTLINE = re.compile(r"^\s*(\d{1,2}(\.\d{1,2})*[.)]|[a-z][.)]|-|•)\s+", re.IGNORECASE)
# "Tahapan :" (or "Langkah-langkah", "Rincian kegiatan") opens the sub-steps a task cell lists after the task.
_STEPS = re.compile(r"(^|\s)(tahapan( kegiatan)?|langkah[- ]langkah( kegiatan)?|rincian (kegiatan|tahapan))\s*:",
                    re.IGNORECASE)


def approach_of(table: Table) -> Approach:
    kinds = {c.kind for c in table.columns}
    if "norma" in kinds:
        return Approach.TUGAS_PER_TUGAS
    if kinds & {"jumlah_alat", "rasio"}:
        return Approach.PERALATAN_KERJA
    return Approach.OBJEK_KERJA if table.objek else Approach.HASIL_KERJA


def printed_figures(table: Table) -> tuple[Decimal | None, Decimal | None, int | None]:
    """The closing rows' total need, rounded need and bezetting, read in the table's notation."""
    total, rounded, b = (parse_number(table.printed.get(kind)) for kind in ("total", "rounded", "bezetting"))
    return total, rounded, int(b) if b is not None and b == b.to_integral_value() else None


def build(table: Table, approach: str) -> tuple[list[Row], list[Reading]]:
    """The rows of the table, and what the form's own arithmetic made of its labels. Call it once: the
    table's numbers are put in one notation first."""
    _read_notation(table)
    norma = next((c for c in table.columns if c.kind == "norma"), None)
    unit, readings = (norma.unit, []) if norma else ("menit", [])
    if approach == Approach.TUGAS_PER_TUGAS and norma is not None:
        unit, readings = _time_unit(table, norma)
    rows = [_row(cells, line, unit) for line, cells in enumerate(table.cells, start=1)]
    if approach in (Approach.HASIL_KERJA, Approach.OBJEK_KERJA):
        for row, cells in zip(rows, table.cells):          # "Beban Kerja" there is the workload, not a volume
            row.beban, row.volume = row.volume, None
            if "volume" in row.unreadable:
                row.unreadable["beban"] = row.unreadable.pop("volume")
            # Each count in its own period, from the cell ("30 Data/Hari") or the title ("per tahun"),
            # so that a workload a year and a standard a day are brought to one before dividing.
            row.periode = row.periode or _count_period(cells, "volume")
            row.periode_standar = _count_period(cells, "standar")
    if approach == Approach.PERALATAN_KERJA:
        for row in rows:
            if row.jumlah_alat is None and row.volume is not None:
                row.jumlah_alat, row.volume = row.volume, None
    return rows, readings


def _read_notation(table: Table) -> None:
    """Numbers of a table that writes its decimals with a point are put in the one notation the number
    readers take, so that a lone "1.536" among "0.1728" and "3.9808" is read as the table means it."""
    texts = [text for cells in table.cells for kind, (_, text) in cells.items() if kind in NUMERIC]
    if writes_dot_decimals(texts + list(table.printed.values())):
        table.printed = {kind: as_dot_decimal(text) for kind, text in table.printed.items()}
        table.cells = [{kind: (column, as_dot_decimal(text) if kind in NUMERIC else text)
                        for kind, (column, text) in cells.items()} for cells in table.cells]


def _time_unit(table: Table, norma) -> tuple[str, list[Reading]]:
    timed = []
    for cells in table.cells:
        time = parse_time(cells["norma"][1]) if "norma" in cells else None
        written = _written_unit(cells, time)
        bare = time[0] if time and not written else None
        fixed = None
        if time and written:
            fixed = in_minutes(time[0], written)
        timed.append(TimedRow(bare, fixed, _quantity(cells, "volume"), _wke(cells), _printed_need(cells)))
    decision = decide_time_unit(timed, norma.unit, printed_figures(table)[0])
    if not decision.against_label:
        return decision.unit, []
    score, title = decision.score, " ".join(norma.text.split()).upper()
    rows = f"semua {score.rows_checked} baris" if score.rows_matched == score.rows_checked else \
        f"{score.rows_matched} dari {score.rows_checked} baris"
    where = (f"pada {rows} dan pada jumlahnya" if score.total else f"pada {rows}") if score.rows_checked else \
        "pada jumlahnya"
    return decision.unit, [Reading(
        ReadingCode.TIME_UNIT_FROM_ARITHMETIC,
        f"kolom '{title}' berjudul {norma.unit}, tetapi kebutuhan pegawai yang tercetak {where} hanya cocok bila "
        f"waktunya dibaca dalam {decision.unit}, maka waktu dibaca dalam {decision.unit}. Perbaiki judul kolomnya "
        f"menjadi ({decision.unit.upper()}).", column="norma_waktu_menit")]


def _written_unit(cells: dict, time) -> str | None:
    """The unit a time cell names, or a "Satuan Waktu" column beside it."""
    if time and time[1]:
        return time[1]
    if "unit_waktu" in cells:
        words = cells["unit_waktu"][1].casefold()
        return "jam" if "jam" in words else "menit" if "menit" in words or "mnt" in words else None
    return None


def _quantity(cells: dict, kind: str) -> Decimal | None:
    quantity = parse_quantity(cells[kind][1]) if kind in cells else None
    return quantity[0] if quantity else None


def _wke(cells: dict) -> Decimal | None:
    if "wke" not in cells:
        return None
    column, text = cells["wke"]
    time = parse_time(text)
    labelled = bool(re.search(r"\b(menit|jam)\b", column.text))
    return wke_reading(time[0], time[1], column.unit, labelled)[0] if time else None


def _printed_need(cells: dict) -> Decimal | None:
    return parse_number(cells["pegawai"][1]) if "pegawai" in cells else None


def _row(cells: dict, line: int, unit: str) -> Row:
    uraian, steps = split_steps(cells.get("uraian", (None, ""))[1])
    row = Row(line=line, uraian=uraian, tahapan=steps)
    if "no" in cells:
        row.no = parse_int(cells["no"][1].rstrip("."))
    if "satuan" in cells:
        row.satuan = header_fields.clean(cells["satuan"][1])
    if "periode" in cells:
        row.periode = _period(cells["periode"][1])
    elif "unit_waktu" in cells:                             # a "Satuan Waktu" column holding Tahun, Bulan, ...
        row.periode = _period(cells["unit_waktu"][1])
    readers = {
        "norma": ("norma_waktu_menit", lambda text: _minutes(cells, text, unit)),
        "wke": ("wke_menit", lambda text: _wke(cells)),
        "volume": ("volume", lambda text: _quantity(cells, "volume")),
        "standar": ("standar_kemampuan", lambda text: _quantity(cells, "standar")),
        "jumlah_alat": ("jumlah_alat", lambda text: _quantity(cells, "jumlah_alat")),
        "rasio": ("rasio_pegawai_per_alat", parse_ratio),
        "shift": ("shift", parse_number),
        "pegawai": ("pegawai_tercetak", parse_number),
    }
    for kind, (name, read) in readers.items():
        if kind not in cells:
            continue
        text = cells[kind][1]
        if text in BLANK_TEXTS and kind in ("wke", "pegawai"):
            continue                                        # a derived column left as a dash
        # A dash for a count is nil, as Indonesian tables write it: the task is not done this period.
        value = Decimal(0) if text in BLANK_TEXTS + ("nihil",) and kind in ("volume", "jumlah_alat") else read(text)
        if value is None:
            row.unreadable[name] = text
        setattr(row, name, value)
    if row.periode is None and row.wke_menit is None and "volume" in cells:
        quantity = parse_quantity(cells["volume"][1])       # "5 per bulan": the period the volume counts in
        row.periode = quantity[1] if quantity else None
    return row


def _minutes(cells: dict, text: str, unit: str) -> Decimal | None:
    time = parse_time(text)
    if time is None:
        return None
    written = _written_unit(cells, time)
    return in_minutes(time[0], written or unit)


def _count_period(cells: dict, kind: str) -> str | None:
    if kind not in cells:
        return None
    column, text = cells[kind]
    quantity = parse_quantity(text)
    if quantity and quantity[1]:
        return quantity[1]
    found = re.search(r"(?:per|/|setiap|dalam)\s*(?:1\s+|satu\s+)?(hari|minggu|bulan|tahun)|\b(harian|mingguan|bulanan|"
                      r"tahunan)\b|\b1 (hari|minggu|bulan|tahun)\b", column.text)
    return PERIOD_WORDS[next(g for g in found.groups() if g)] if found else None


def annual_wke(text: str | None) -> Decimal | None:
    """A form's own annual WKE from its header ("1.250 jam/tahun", "75.000 menit", "72000"), in minutes;
    None for none, or for a WKE of another period (the rows' periods then decide)."""
    match = re.match(r"^\s*([\d.,]+)\s*(jam|menit)?\b\s*(?:(?:/|per|setiap)\s*(\w+))?", (text or "").casefold())
    value = parse_number(match[1]) if match else None
    if value is None or (match[3] and PERIOD_WORDS.get(match[3], match[3]) != "tahun"):
        return None
    minutes, _ = wke_reading(value, match[2], "menit", labelled=match[2] is not None)
    return minutes if minutes >= 10000 else None


def _period(text: str) -> str | None:
    for word in re.findall(r"[a-z]+", text.casefold()):
        if word in PERIOD_WORDS:
            return PERIOD_WORDS[word]
    return None


def split_steps(text: str) -> tuple[str, str | None]:
    """(the task sentence, its sub-steps) of an uraian cell: "Menyiapkan bahan ...; Tahapan : 1. ... 2. ..."
    gives the sentence without its list punctuation, and the steps as written."""
    match = _STEPS.search(text or "")
    steps = None
    if match and header_fields.clean(text[:match.start()]):
        text, steps = text[:match.start()], header_fields.clean(text[match.end():]) or None
    text = header_fields.clean(text)
    if _OUTLINE.match(text):
        text = _OUTLINE.sub("", text, count=1)
    return (text.rstrip(" ;:,") if steps else text), steps
