"""What each column of a task table means, from its header words (in any order, one or two header rows)."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.numbers import PERIOD_WORDS

# The marker of a section row in a table body: "A.", "B", "II.", "b)".
_SECTION = re.compile(r"^([A-Z]|([A-Za-z]|[IVXivx]{1,4})[.)])$")
_SECTION_TITLE = re.compile(r"^([A-Z]|[IVX]{1,4})[.)]\s+\w")
_MAX_LINES, _MAX_HEADER_CHARS = 6, 80   # beyond these a cell is body text, not a header broken in a narrow column
NUMERIC = ("norma", "wke", "volume", "pegawai", "standar", "jumlah_alat", "rasio", "shift")
# What the unit fills in; the other numeric columns (WKE, the need) are printed by templates or formulas
# on empty rows too, so only these make a row a task.
INPUTS = ("norma", "volume", "standar", "jumlah_alat", "rasio", "shift")


@dataclass(frozen=True)
class Column:
    kind: str            # no, uraian, satuan, norma, wke, volume, pegawai, standar, jumlah_alat, rasio, shift,
                         # periode, unit_waktu, keterangan, other; in a table of positions (one per row, as
                         # equipment forms print a unit's drivers, conductors, mechanics): jabatan, unit, bezetting
    unit: str = "menit"  # for times: the unit the header names
    text: str = ""


@lru_cache(maxsize=4096)
def classify(text: str) -> Column:
    column = _classify(" ".join((text or "").casefold().replace("\n", " ").split()))
    lines = (text or "").casefold().split("\n")
    if column.kind == "other" and 1 < len(lines) <= _MAX_LINES and len(text) <= _MAX_HEADER_CHARS:
        # A word broken over two lines of a narrow header cell ("Dibutuhk" / "an") reads whole again:
        # the fewest line breaks joined without a space that make the text name a column.
        breaks = range(len(lines) - 1)
        for count in range(1, len(lines)):
            for joined in itertools.combinations(breaks, count):
                t = "".join(line + ("" if i in joined else " ") for i, line in enumerate(lines))
                candidate = _classify(" ".join(t.split()))
                if candidate.kind != "other":
                    return candidate
    return column


# A title that starts with one of these counts something, whatever else it says ("Volume per Periode").
_COUNT_WORDS = r"(volume|jumlah|beban|target|kuantitas|frekuensi)\b"
# A count already brought to a year ("Beban Kerja 1 Tahun", "Volume per Tahun").
_ANNUAL = re.compile(r"\b(1|satu) tahun|setahun|per tahun|tahunan|/ ?(tahun|thn|th)\b")
_PERIOD_WORDS = re.compile(r"^(per |setiap |tiap )?(" + "|".join(PERIOD_WORDS) + r"|triwulan|semester)\b",
                           re.IGNORECASE)
_BULLET = re.compile(r"^([-•·*–]|\(?[a-z0-9]{1,2}[.)])$", re.IGNORECASE)

# Abbreviations headers use for lack of room: "Pegawai yg Dibutuhkan", "Jml Hasil", "Wkt Penyelesaian".
_ABBREVIATIONS = {"yg": "yang", "jml": "jumlah", "jmlh": "jumlah", "wkt": "waktu", "peg": "pegawai",
                  "keb": "kebutuhan", "pegw": "pegawai", "efektip": "efektif", "std": "standar"}


def _classify(t: str) -> Column:
    t = re.sub(r"\b([a-z]+)\.?(?=\s|$)", lambda m: _ABBREVIATIONS.get(m[1], m[0]), t).replace("hasilkerja",
                                                                                             "hasil kerja")
    unit = "jam" if re.search(r"\bjam\b", t) else "menit"
    def has(*words):
        return any(w in t for w in words)
    if re.fullmatch(r"no\.?|nomor|no urut|#", t):
        kind = "no"
    elif has("keterangan") or re.fullmatch(r"ket\.?", t):
        kind = "keterangan"
    elif has("dasar hukum", "referensi"):
        kind = "other"
    elif re.fullmatch(r"(nama )?jabatan", t):
        kind = "jabatan"
    elif re.fullmatch(r"(nama )?unit (kerja|organisasi)", t):
        kind = "unit"
    elif has("pemangku", "bezetting", "pegawai saat ini", "pegawai yang ada", "pegawai existing"):
        kind = "bezetting"
    elif has("periode") and not has("efektif") and not re.match(_COUNT_WORDS, t):
        kind = "periode"
    elif re.search(r"satuan waktu|\bsatuan \((menit|jam)", t):
        kind = "unit_waktu"
    elif has("rasio", "perbandingan"):
        kind = "rasio"
    elif re.search(r"\bshift\b|\bsif\b|giliran", t):
        kind = "shift"
    elif has("jumlah alat", "jumlah peralatan", "jumlah unit", "jumlah sarana", "jumlah kendaraan"):
        kind = "jumlah_alat"
    elif re.match(r"(jenis |nama )?(alat|peralatan|sarana)\b", t):
        kind = "uraian"
    elif has("standar kemampuan", "standar", "norma hasil", "kemampuan rata") and not has("waktu"):
        kind = "standar"
    elif has("efektif", "wke", "w.k.e"):
        kind = "wke"
    elif has("penyelesaian", "norma waktu", "waktu rata", "waktu yang dibutuhkan", "standar waktu", "lama waktu",
             "waktu kerja per", "waktu pelaksanaan") or re.fullmatch(
            r"waktu( \((menit|jam)\))?( per satuan)?", t):
        kind = "norma"
    elif has("pegawai yang dibutuhkan", "kebutuhan pegawai", "jumlah pegawai", "pegawai dibutuhkan",
             "kebutuhan sdm", "formasi", "kebutuhan tenaga", "tenaga yang dibutuhkan") or re.fullmatch(
            r"(jumlah )?kebutuhan( \(orang\))?|pegawai|tenaga", t):
        kind = "pegawai"
    elif has("volume", "beban kerja", "jumlah beban", "jumlah hasil", "target", "jumlah objek", "jumlah obyek",
             "frekuensi", "kuantitas"):
        kind = "volume"
    elif has("satuan", "output", "keluaran", "produk"):
        kind = "satuan"
    elif has("uraian", "rincian", "tugas", "kegiatan", "jenis peralatan", "jenis alat", "peralatan", "hasil kerja",
             "objek kerja", "obyek kerja"):
        kind = "uraian"
    else:
        kind = "other"
    return Column(kind, unit, t)


def resolve(columns: list[Column]) -> list[Column]:
    """Meaning that only the whole header gives. "Hasil Kerja" beside an "Uraian Tugas" column is the
    satuan (PermenPAN-RB 1/2020's form has no other), and alone it names the rows (the hasil kerja
    method); one "Uraian Tugas" title over two columns (a bullet column and the text) is one uraian; of
    minimum, maximum and average times the average is the norma; of two volume columns, the one counted
    in time is the workload volume x norma, and of a count per period and the same count for a year, the
    one the period column goes with (the other is kept aside as ``volume_alt``)."""
    uraian = [i for i, c in enumerate(columns) if c.kind == "uraian"]
    if len(uraian) > 1:
        tasks = [i for i in uraian if re.search(r"uraian|tugas|kegiatan|rincian", columns[i].text)] or uraian[:1]
        span = {i for i in uraian if columns[i].text == columns[tasks[0]].text}
        has_satuan = any(c.kind == "satuan" for c in columns)
        columns = [Column("satuan" if not has_satuan and re.search(r"hasil|output", c.text) else "other", c.unit,
                          c.text) if i in uraian and i not in span else c for i, c in enumerate(columns)]
    times = [i for i, c in enumerate(columns) if c.kind == "norma"]
    if len(times) > 1:                                 # "Minimal", "Maksimal", "Rata-rata": the average is the norma
        average = [i for i in times if re.search(r"rata", columns[i].text)] or times[-1:]
        columns = [Column("other", c.unit, c.text) if i in times and i != average[0] else c
                   for i, c in enumerate(columns)]
    volumes = [i for i, c in enumerate(columns) if c.kind in ("volume", "volume_alt")]
    if len(volumes) > 1:
        timed = [i for i in volumes if re.search(r"menit|jam|waktu", columns[i].text)]
        if len(timed) < len(volumes):
            columns = [Column("other", c.unit, c.text) if i in timed else c for i, c in enumerate(columns)]
            volumes = [i for i in volumes if i not in timed]
    if len(volumes) > 1:
        annual = [i for i in volumes if _ANNUAL.search(columns[i].text)]
        per_period = [i for i in volumes if i not in annual]
        with_periods = any(c.kind == "periode" for c in columns)
        primary = (per_period if with_periods and per_period else annual or volumes)[0]
        columns = [Column("volume_alt" if i != primary else "volume", c.unit, c.text) if i in volumes else c
                   for i, c in enumerate(columns)]
    volumes = [i for i, c in enumerate(columns) if c.kind == "volume"]
    if volumes and _ANNUAL.search(columns[volumes[0]].text):      # a year's count: a period column would count
        columns = [Column("other", c.unit, c.text) if c.kind == "periode" else c for c in columns]   # it twice
    return columns


def retype(columns: list[Column], rows: list[list[str | None]]) -> list[Column]:
    """Meaning the values give where the title misleads: a "Frekuensi" column holding Harian, Mingguan ...
    is the period, a "Periode" column holding numbers is the count."""
    out = []
    for c, column in enumerate(columns):
        texts = [r[c].strip() for r in rows[:30] if c < len(r) and r[c] and r[c].strip()]
        periods = sum(1 for t in texts if _PERIOD_WORDS.match(t))
        numbers = sum(1 for t in texts if re.fullmatch(r"[\d.,]+", t))
        if column.kind in ("volume", "volume_alt") and texts and 2 * periods > len(texts):
            column = Column("periode", column.unit, column.text)
        elif column.kind == "periode" and texts and 2 * numbers > len(texts):
            column = Column("volume", column.unit, column.text)
        out.append(column)
    return out if out == columns else resolve(out)


def is_bullet(text: str) -> bool:
    """A list marker alone in a cell ("-", "•", "a.", "1)"), as a bullet column beside the text holds."""
    return bool(_BULLET.match(text.strip()))


def header_score(cells: list[str | None]) -> int:
    """How much a row looks like a task table header: the kinds it names."""
    kinds = {classify(c).kind for c in cells if c}
    if not kinds & {"uraian", "jabatan"}:
        return 0
    return len(kinds & set(NUMERIC) | kinds & {"satuan"})


def classify_header(rows: list[list[str | None]]) -> list[Column]:
    """The columns a header of one or two rows names. Under a title spanning several columns ("Volume
    Kerja" over "Jumlah" and "Satuan") the lower cell says what each column is, when it names a kind by
    itself; the unit may stand in either row ("Waktu (jam)" over "Penyelesaian")."""
    columns = [classify(text) for text in merge_header_rows(rows)]
    if len(rows) < 2:
        return columns
    out = []
    for c, column in enumerate(columns):
        lower = rows[-1][c] if c < len(rows[-1]) else None
        own = classify(lower) if lower and lower.strip() else None
        if own is not None and own.kind not in ("other", column.kind):
            column = Column(own.kind, column.unit, column.text)
        out.append(column)
    return out


def merge_header_rows(rows: list[list[str | None]]) -> list[str]:
    """One text per column from one or two header rows; a None in the first row continues the span on
    its left (horizontal merge), a None in the second continues the cell above (vertical merge)."""
    width = max(len(r) for r in rows)
    merged = []
    above_left = ""
    for c in range(width):
        parts = []
        for depth, row in enumerate(rows):
            cell = row[c] if c < len(row) else None
            if cell is None:
                if depth == 0:
                    parts.append(above_left)
                continue
            if depth == 0:
                above_left = cell
            if cell.strip() and cell.strip() not in parts:
                parts.append(cell.strip())
        merged.append(" ".join(p for p in parts if p))
    return merged


def is_number_row(cells: list[str | None]) -> bool:
    """The "(1) (2) (3) ..." row printed under many headers."""
    texts = [c.strip() for c in cells if c and c.strip()]
    return len(texts) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?(\s*[x×=:/]\s*\(?\d{1,2}\)?)*", t) for t in texts)


def is_sub_header(cells: list[str | None]) -> bool:
    """A second header row: words only (no figures), e.g. "Penyelesaian (menit)", "Efektif"."""
    texts = [c.strip() for c in cells if c and c.strip()]
    if not texts or is_number_row(cells) or _SECTION.match(texts[0]) or _SECTION_TITLE.match(texts[0]):
        return False                  # a section row ("A. Tugas Pokok") opens the body, it names no column
    if len(cells) > 2 and cells[0] and all(c is None for c in cells[1:]):
        return False                  # one cell across the whole table: a group row, not column names
    if any(re.search(r"\d", t) and not re.search(r"\((menit|jam)\)", t.casefold()) for t in texts):
        return False
    kinds = {classify(t).kind for t in texts}
    return bool(kinds - {"other"}) or any(w in " ".join(texts).casefold() for w in ("menit", "jam", "efektif"))
