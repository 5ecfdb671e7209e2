"""The header of a form: "Label : value" in paragraphs, 2- or 3-column tables, or cells above the
task table; labels recognised by their words in any case, numbered or not."""
from __future__ import annotations

import re

# Normalised label -> field. Longer labels are tried first, so "jumlah pemangku jabatan" wins over "jabatan".
LABELS = {
    "nama jabatan": "nama_jabatan", "jabatan": "nama_jabatan", "nama jabatan yang dianalisis": "nama_jabatan",
    "analisis beban kerja": "nama_jabatan", "analisis beban kerja jabatan": "nama_jabatan",
    "abk jabatan": "nama_jabatan",
    "unit kerja": "unit_kerja", "unit organisasi": "unit_organisasi", "satuan organisasi": "unit_organisasi",
    "unit kerja/organisasi": "unit_kerja", "unit": "unit_kerja",
    "perangkat daerah": "level:top", "opd": "level:top", "satuan kerja": "level:top", "nama opd": "level:top",
    "nama perangkat daerah": "level:top", "skpd": "level:top", "nama skpd": "level:top",
    "jpt utama": "level:jpt_utama", "jpt madya": "level:jpt_madya", "jpt pratama": "level:jpt_pratama",
    "unit kerja eselon i": "level:jpt_madya", "unit kerja eselon ii": "level:jpt_pratama",
    "eselon i": "level:jpt_madya", "eselon ii": "level:jpt_pratama",
    "administrator": "level:administrator", "unit kerja eselon iii": "level:administrator",
    "eselon iii": "level:administrator",
    "pengawas": "level:pengawas", "unit kerja eselon iv": "level:pengawas", "eselon iv": "level:pengawas",
    # Forms that name the levels by the units themselves rather than by their heads.
    "bagian / unit": "level:administrator", "bagian/unit": "level:administrator", "bagian": "level:administrator",
    "bidang": "level:administrator", "bagian/bidang": "level:administrator", "bagian / bidang": "level:administrator",
    "sub bagian": "level:pengawas", "subbagian": "level:pengawas", "seksi": "level:pengawas",
    "sub bidang": "level:pengawas", "subbidang": "level:pengawas", "sub bagian/seksi": "level:pengawas",
    "sub bagian / seksi": "level:pengawas",
    "waktu kerja efektif": "wke", "wke": "wke", "jam kerja efektif": "wke",
    "ikhtisar jabatan": "ikhtisar_jabatan", "ikhtisar": "ikhtisar_jabatan", "tugas pokok": "ikhtisar_jabatan",
    "instansi": "instansi", "nama instansi": "instansi",
    "kode jabatan": "kode_jabatan", "kode": "kode_jabatan",
    "kelas jabatan": "kelas_jabatan", "kelas": "kelas_jabatan",
    "jumlah pemangku jabatan": "bezetting", "jumlah pemangku": "bezetting", "bezetting": "bezetting",
    "jumlah pegawai saat ini": "bezetting", "jumlah pegawai yang ada": "bezetting", "pemangku jabatan": "bezetting",
    "jumlah pegawai (b)": "bezetting", "jumlah pegawai": "bezetting", "b": "bezetting",
    "jumlah pemangku saat ini": "bezetting", "jumlah pemangku jabatan saat ini": "bezetting",
    "jumlah pejabat": "bezetting", "jumlah pemegang jabatan": "bezetting",
    "tahun": "tahun", "tahun anggaran": "tahun",
    "jenis jabatan": "jenis_jabatan", "jenjang": "jenjang", "jenjang jabatan": "jenjang",
    "kualifikasi pendidikan": "pendidikan", "pendidikan": "pendidikan", "pendidikan formal": "pendidikan",
}
LEVELS_OWN_FIRST = ("pengawas", "administrator", "jpt_pratama", "jpt_madya", "jpt_utama", "top")

_NUMBERING = re.compile(r"^\s*(\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|[ivxIVX]{1,4}[.)])\s*")
_PARAGRAPH = re.compile(r"^\s*(?P<label>[^:]{1,60}?)\s*:\s*(?P<value>.*)$", re.DOTALL)

_TOP_WORDS = ("dinas", "badan", "sekretariat daerah", "sekretariat dprd", "kecamatan", "inspektorat", "kantor",
              "rumah sakit", "kementerian", "satuan polisi", "kelurahan", "biro", "direktorat jenderal", "deputi")
_BOTTOM_WORDS = ("sub bagian", "subbagian", "subbag", "seksi", "sub bidang", "subbidang", "subbid", "urusan",
                 "kelompok", "sub direktorat", "subdirektorat")

# A comma separates units only when a unit's name follows it: "Sub Bidang Data, Bidang Perencanaan, Badan X",
# but not "Dinas Pemuda, Olahraga dan Pariwisata".
_UNIT_WORDS = _TOP_WORDS + _BOTTOM_WORDS + ("bidang", "bagian", "sekretariat", "upt", "uptd", "unit", "pusat",
                                            "balai", "puskesmas", "pemerintah")
_COMMA_SPLIT = r"\s*,\s*(?=(?i:" + "|".join(re.escape(w) for w in _UNIT_WORDS) + r")\b)"


def normalise_label(text: str) -> str:
    text = _NUMBERING.sub("", text or "")
    text = re.sub(r"[:\s]+$", "", text)
    return " ".join(text.casefold().split())


def field_of(label: str) -> str | None:
    return LABELS.get(normalise_label(label))


def from_paragraph(text: str) -> tuple[str, str] | None:
    """("nama_jabatan", "Pengolah Data") from "1. Nama Jabatan : Pengolah Data"."""
    match = _PARAGRAPH.match(text or "")
    if not match:
        return None
    field = field_of(match["label"])
    return (field, value_of(match["value"])) if field else None


def from_cells(cells: list[str | None]) -> tuple[str, str] | None:
    """A header row of a table: [label, ":", value], [label, value], ["1.", label, ":", value], or one cell
    holding "Label : value"."""
    texts = [c.strip() for c in cells if c is not None and c.strip()]
    while texts and re.fullmatch(r"\(?\d{1,2}[.)]?|\(?[a-zA-Z][.)]", texts[0]):
        texts = texts[1:]
    if not texts:
        return None
    if len(texts) == 1 or ":" in texts[0] and field_of(texts[0].split(":", 1)[0]):
        return from_paragraph(texts[0]) if ":" in texts[0] else None
    field = field_of(texts[0])
    if not field:
        return None
    values = [t.lstrip(":").strip() for t in texts[1:]]
    values = [v for v in values if v]
    # Unique values only: a merged value cell repeats across the columns it spans.
    unique = list(dict.fromkeys(values))
    return field, value_of(" ".join(unique))


def clean(text: str) -> str:
    # U+FFFD stands where the exporting application lost a character (often a space).
    return " ".join((text or "").replace("\ufffd", " ").split())


# What templates leave in a value nobody filled: "---", "....", "-", "(diisi dengan nama jabatan)".
_PLACEHOLDER = re.compile(r"^[\s\-–—_.…:*]*$|^\(?\s*(diisi|isikan|isi dengan|tuliskan|sebutkan)\b|^n/?a$",
                          re.IGNORECASE)


def value_of(text: str) -> str:
    """A header value as read, "" when it is a placeholder."""
    return "" if is_placeholder(text) else clean(text)


def is_placeholder(text: str | None) -> bool:
    return bool(_PLACEHOLDER.match(clean(text or "")))


def unit_path(text: str) -> list[str]:
    """A unit kerja written as one path, turned own-unit-first whatever order it was printed in."""
    parts = [clean(p) for p in re.split(r"\s+/\s+|\s*/\s*(?=[A-Z])|\s+-\s+|\s*>\s*|\s*;\s*|\n|" + _COMMA_SPLIT,
                                        text) if clean(p)]
    if len(parts) > 1 and _rank(parts[0]) > _rank(parts[-1]):
        parts.reverse()
    return parts


def _rank(unit: str) -> int:
    """2 for a top unit (Dinas ...), 0 for a bottom one (Seksi ...), 1 when the words do not say."""
    text = unit.casefold()
    if any(text.startswith(w) for w in _BOTTOM_WORDS):
        return 0
    if any(text.startswith(w) or f" {w}" in text for w in _TOP_WORDS) and not text.startswith("bidang"):
        return 2
    return 1


def assemble_levels(levels: dict[str, str]) -> list[str]:
    return [levels[k] for k in LEVELS_OWN_FIRST if levels.get(k)]
