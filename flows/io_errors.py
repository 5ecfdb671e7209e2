"""An I/O failure of a pass said in the operator's language: which path, what happened, what to do.

A pass ends with this message instead of "FileExistsError: [Errno 17]" or "OSError: [Errno 28] No
space left on device" (which names no path): the operator reads it in the Prefect UI or the terminal.
"""
from __future__ import annotations

import errno

# errno -> (what happened, what to do)
_WORDS = {
    errno.ENOSPC: ("disk penuh", "kosongkan ruang disk, lalu jalankan ulang pass (Retry di UI)"),
    errno.EDQUOT: ("kuota disk habis", "kosongkan ruang atau naikkan kuota, lalu jalankan ulang pass"),
    errno.EACCES: ("tidak ada izin", "beri pengguna layanan ini hak baca-tulis atas folder itu"),
    errno.EPERM: ("tidak diizinkan", "beri pengguna layanan ini hak baca-tulis atas folder itu"),
    errno.EROFS: ("sistem berkas hanya-baca", "pasang ulang folder itu dengan hak tulis"),
    errno.EEXIST: ("sudah ada berkas dengan nama itu", "pindahkan berkas itu; di tempat itu harus ada folder"),
    errno.ENOTDIR: ("bagian jalurnya berupa berkas, bukan folder", "periksa jalur inbox/outbox di konfigurasi"),
    errno.EISDIR: ("jalurnya berupa folder, bukan berkas", "periksa jalur di konfigurasi"),
    errno.ENOENT: ("jalurnya tidak ada", "periksa jalur inbox/outbox di konfigurasi"),
    errno.EIO: ("kesalahan perangkat penyimpanan", "periksa disk atau sambungan folder bersama"),
}


class PassIOError(RuntimeError):
    """A pass stopped by the file system; its message is for the operator."""


def explain(exc: OSError) -> str:
    what, todo = _WORDS.get(exc.errno, ("kesalahan berkas", "periksa folder dan disk, lalu jalankan ulang pass"))
    paths = " -> ".join(str(p) for p in (exc.filename, exc.filename2) if p)
    where = f" pada {paths}" if paths else ""
    return f"Pass berhenti: {what}{where} ({errno.errorcode.get(exc.errno, exc.errno)}). {todo[0].upper()}{todo[1:]}."
