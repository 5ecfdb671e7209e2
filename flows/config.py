"""Reads the instansi's configuration file (instansi.toml) into the typed settings of each stage.

A bad value stops start-up with a message in Bahasa Indonesia that names the key.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calculators import rules_from_config
from calculators.config import ConfigError, ConfigReader
from calculators.coverage import PositionList
from calculators.organisation import Organisation, people_outside_list
from calculators.people import DEFAULT_BUP, by_position
from calculators.settings import Rules
from extractors import Limits
from report_templates.instansi import Instansi, Signatory

DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "instansi.toml"
PAPERS = ("A3", "A4", "F4")
BKN_PLACES = ("tembusan", "alamat")


@dataclass(frozen=True)
class Config:
    path: Path
    instansi: Instansi
    rules: Rules
    limits: Limits
    fingerprint: str
    register_url: str | None = None   # SQLAlchemy URL; None: SQLite beside the inbox
    nightly_cron: str = "0 1 * * *"   # in the instansi's timezone
    # Its list of positions ([letter] daftar_jabatan) and the people holding them ([pegawai] berkas).
    organisation: Organisation = Organisation()
    people_problems: tuple[str, ...] = ()      # rows or a whole HR export that could not be used, said
    dask_scheduler: str | None = None          # [cluster] dask: files read on that Dask cluster; None: locally
    # [folders]: this instansi's own inbox and outbox (absolute); None: --inbox/--outbox of the command decide.
    inbox: Path | None = None
    outbox: Path | None = None


def load_config(path: str | Path | None = None, tables: bool = True) -> Config:
    """The configuration; with ``tables``, also the tables it names (the list of positions, the HR export),
    which a pass needs and ``abk extract`` of one form does not (reading them cost every call of it)."""
    path = Path(path) if path else DEFAULT_CONFIG
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError("-", f"berkas konfigurasi tidak dapat dibaca ({exc.strerror})", path) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError("-", f"bukan TOML yang sah: {exc}", path) from None
    reader = ConfigReader(data, path)
    listed, listed_bytes = _expected(reader) if tables else (None, b"")
    rules = replace(rules_from_config(reader.get("calculation", dict, {}), path),
                    pppk_jabatan=reader.strings("usulan.pppk"))
    instansi = _instansi(reader)
    people, problems, people_bytes = _people(reader, instansi) if tables else (None, (), b"")
    if people is not None and listed is not None:
        problems += tuple(people_outside_list(people, listed))
    return Config(
        path=path,
        instansi=instansi,
        rules=rules,
        limits=_limits(reader),
        # The list of positions and the HR export are part of what the documents say: a changed one is a
        # changed configuration.
        fingerprint=hashlib.sha256(raw + listed_bytes + people_bytes).hexdigest(),
        register_url=reader.text("register.url") or None,
        nightly_cron=_cron(reader),
        organisation=Organisation(listed, people),
        people_problems=problems,
        dask_scheduler=_dask_scheduler(reader),
        **_folders(reader),
    )


# Keys naming files beside the configuration that are part of it (a changed one is a changed configuration).
TABLE_KEYS = ("letter.daftar_jabatan", "pegawai.berkas")


def configuration_files(path: Path) -> list[Path]:
    """The configuration file and the tables it names, for a watcher to notice any of them change; a file
    that is not TOML yet (being edited) is just itself."""
    try:
        reader = ConfigReader(tomllib.loads(path.read_text(encoding="utf-8")), path)
        named = [reader.text(key, "") for key in TABLE_KEYS]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ConfigError):
        return [path]
    return [path] + [_beside(path, given) for given in named if given]


def _beside(config: Path, given: str) -> Path:
    """A file the configuration names, relative to the configuration file."""
    return (Path(config).parent / given).resolve()


def _people(r: ConfigReader, instansi: Instansi):
    """The HR export ([pegawai] berkas, relative to the configuration file) as counts per position, over the
    five budget years from the letter's (or next year). A file or rows it cannot use do not stop the pass:
    they are said."""
    from flows.people_export import read_people

    given = r.text("pegawai.berkas", "")
    table = {**DEFAULT_BUP}
    for key in DEFAULT_BUP:
        table[key] = r.positive(f"pegawai.bup.{key}", DEFAULT_BUP[key])
    if not given:
        return None, (), b""
    path = _beside(r.path, given)
    try:
        content = path.read_bytes()
    except OSError as exc:
        return None, (f"{given}: tidak dapat dibaca ({exc.strerror}); data pegawai tidak dipakai.",), b""
    export = read_people(path)
    first = instansi.tahun_anggaran or datetime.now(ZoneInfo(instansi.timezone)).year + 1
    counts = by_position(export.employees, first, table=table) if export.employees else None
    return counts, tuple(export.problems), content


def _expected(r: ConfigReader) -> tuple[PositionList | None, bytes]:
    """The instansi's list of positions (flows/position_list.py), relative to the configuration file."""
    from flows.position_list import PositionListError, read_position_list

    given = r.text("letter.daftar_jabatan", "")
    if not given:
        return None, b""
    path = _beside(r.path, given)
    try:
        listed = read_position_list(path)
        return PositionList(frozenset(listed), listed), path.read_bytes()
    except OSError as exc:
        raise r.error("letter.daftar_jabatan", f"berkas {given!r} tidak dapat dibaca ({exc.strerror})") from None
    except PositionListError as exc:
        raise r.error("letter.daftar_jabatan", f"berkas {given!r}: {exc}") from None
    except (KeyError, ValueError, TypeError, UnicodeDecodeError) as exc:     # what pandas or json refuse
        raise r.error("letter.daftar_jabatan", f"berkas {given!r} tidak dapat dibaca sebagai daftar jabatan "
                                               f"({type(exc).__name__}: {exc})") from None


FOLDER_KEYS = ("inbox", "outbox")


def _folders(r: ConfigReader) -> dict[str, Path]:
    """[folders] inbox and outbox, relative to the configuration file: with several instansi on one server
    each configuration says where its own forms arrive and its documents go."""
    table = r.get("folders", dict, {})
    for key in table:
        if key not in FOLDER_KEYS:
            raise r.error(f"folders.{key}", f"kunci tidak dikenal; yang dikenal: {', '.join(FOLDER_KEYS)}")
    folders = {}
    for key in FOLDER_KEYS:
        given = r.text(f"folders.{key}")
        if given is None:
            continue
        if not given.strip():
            raise r.error(f"folders.{key}", f"folder tidak boleh kosong; hapus kunci ini untuk memakai --{key}")
        folders[key] = _beside(r.path, given)
    return folders


_CRON_FIELD = re.compile(r"^[0-9A-Za-z*/,-]+$")


def _cron(r: ConfigReader) -> str:
    """Five cron fields (minute hour day month weekday); Prefect checks the details when serving."""
    value = r.text("schedule.nightly", Config.nightly_cron)
    fields = value.split()
    if len(fields) != 5 or not all(_CRON_FIELD.match(f) for f in fields):
        raise r.error("schedule.nightly",
                          f"jadwal cron {value!r} tidak sah; contoh: \"0 1 * * *\" (setiap pukul 01.00)")
    return value


# tcp://host:port, the host a name, an IPv4 address or an IPv6 one in brackets (how Dask writes addresses).
_DASK_ADDRESS = re.compile(r"^tcp://(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$")


def _dask_scheduler(r: ConfigReader) -> str | None:
    """The Dask scheduler the pass's files are read on; checked here so that a typo stops start-up with
    the key's name rather than a pass that waits half a minute for a scheduler that cannot exist."""
    value = r.text("cluster.dask", "").strip()
    if not value:
        return None
    match = _DASK_ADDRESS.match(value)
    if match is None or not 0 < int(match.group(1)) < 65536:
        raise r.error("cluster.dask", f"alamat penjadwal Dask {value!r} tidak sah; tulis tcp://HOST:PORT, misalnya "
                                      "\"tcp://10.0.0.5:8786\" (kosongkan untuk membaca berkas di mesin ini)")
    return value


def _instansi(r: ConfigReader) -> Instansi:
    timezone = r.text("instansi.timezone", Instansi.timezone)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise r.error("instansi.timezone", f"zona waktu {timezone!r} tidak dikenal") from None
    tahun = r.get("letter.tahun_anggaran", int)
    if tahun is not None and not 2000 <= tahun <= 2100:
        raise r.error("letter.tahun_anggaran", f"tahun {tahun} tidak masuk akal")
    nama = r.text("instansi.nama", required=True)
    return Instansi(
        nama=nama,
        kop=r.strings("instansi.kop") or (nama.upper(),),
        kop_jabatan=r.strings("instansi.kop_jabatan"),
        lambang=_emblem(r),
        alamat=r.text("instansi.alamat", ""),
        kota=r.text("instansi.kota", ""),
        ppk=Signatory(
            nama=r.text("instansi.ppk.nama", required=True),
            jabatan=r.text("instansi.ppk.jabatan", required=True),
            nip=r.text("instansi.ppk.nip", "") or None,
        ),
        nomor_surat=r.text("letter.nomor", Instansi.nomor_surat),
        sifat=r.text("letter.sifat", Instansi.sifat),
        tahun_anggaran=tahun,
        kepala_bkn=r.choice("letter.kepala_bkn", BKN_PLACES, Instansi.kepala_bkn),
        tembusan=r.strings("letter.tembusan"),
        dasar_hukum=r.strings("letter.dasar_hukum"),
        laporan_kontak=r.text("laporan.kontak", ""),
        laporan_batas_waktu=r.text("laporan.batas_waktu", ""),
        kertas_peta=r.choice("peta.kertas", PAPERS, Instansi.kertas_peta),
        timezone=timezone,
    )


def _emblem(r: ConfigReader) -> str | None:
    """The emblem's image file, relative to the configuration file; it must exist (a letter without it
    would go out with an empty kop)."""
    given = r.text("instansi.lambang", "")
    if not given:
        return None
    path = _beside(r.path, given)
    if not path.is_file():
        raise r.error("instansi.lambang", f"berkas gambar {given!r} tidak ditemukan ({path})")
    return str(path)


def _limits(r: ConfigReader) -> Limits:
    mb = 1024 * 1024
    return Limits(
        max_bytes=r.positive("limits.max_file_mb", Limits.max_bytes // mb) * mb,
        max_pages=r.positive("limits.max_pages", Limits.max_pages),
        max_rows=r.positive("limits.max_rows", Limits.max_rows),
        max_uncompressed_bytes=r.positive("limits.max_uncompressed_mb", Limits.max_uncompressed_bytes // mb) * mb,
        timeout_s=r.positive("limits.timeout_s", Limits.timeout_s),
        memory_mb=r.positive("limits.memory_mb", Limits.memory_mb),
    )
