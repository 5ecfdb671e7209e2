"""One rule for the names of files this product writes from a sender's file name: in the inbox's folders
and in the outbox (often a shared folder that staff open from Windows)."""
from __future__ import annotations

import re
import unicodedata

# Characters Windows refuses in a name (an SMB share passes the refusal on), control characters and
# both separators; each becomes "_".
_REFUSED = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
MAX_BYTES = 180         # leaves room for a numbering prefix and a suffix within 255 bytes


def portable_name(name: str, max_bytes: int = MAX_BYTES) -> str:
    """A name any file system takes and that is never hidden or a path: refused characters replaced,
    no leading dot, no trailing dot or space, at most ``max_bytes`` in UTF-8, its extension kept."""
    name = _REFUSED.sub("_", unicodedata.normalize("NFC", name)).strip(" .") or "berkas"
    return shortened(name, max_bytes)


def shortened(name: str, max_bytes: int) -> str:
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 8:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    while len((stem + suffix).encode("utf-8", "surrogateescape")) > max_bytes:
        stem = stem[:-1]
    return stem + suffix


def unique_name(stem: str, used: set[str]) -> str:
    """``stem``, or ``stem (2)``, ``stem (3)``... when a name equal to it but for case is taken."""
    candidate, n = stem, 2
    while candidate.casefold() in used:
        candidate, n = f"{stem} ({n})", n + 1
    used.add(candidate.casefold())
    return candidate
