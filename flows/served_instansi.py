"""The instansi one `abk serve` serves: each configuration with its own inbox, outbox, register and
deployments.

Two instansi sharing a folder or a register would judge, count or publish each other's forms, and the
passes would only notice in the letter. So whatever two configurations would share is refused at
start-up, naming both files: it is always a mistake in one of them, and cheap to fix there.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from calculators.config import ConfigError
from flows.config import Config
from flows.deployment_names import names, slug
from flows.register import DEFAULT_FILE

# Servers that leave the port out of a URL use these: "host/abk" and "host:5432/abk" are one database.
DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306, "mssql": 1433, "oracle": 1521}


@dataclass(frozen=True)
class ServedInstansi:
    config: Config
    inbox: Path                    # absolute
    outbox: Path                   # absolute
    slug: str | None               # None: the only instansi served, under the names of earlier releases

    @property
    def nightly(self) -> str:
        return names(self.slug)[0]

    @property
    def manual(self) -> str:
        return names(self.slug)[1]

    @property
    def deployments(self) -> list[str]:
        return list(names(self.slug))

    @property
    def params(self) -> dict[str, str]:
        """The parameters of its deployments; absolute, so that a worker starting in another folder finds them."""
        return {"inbox": str(self.inbox), "outbox": str(self.outbox), "config": str(self.config.path.resolve())}


def config_files(given: list[str] | None, default: Path) -> list[Path]:
    """The configurations named by --config, each a file or a folder of *.toml files (read in name order;
    hidden ones, an editor's, left out); ``default`` when none is named. A file named twice is served once."""
    found: list[Path] = []
    for entry in given or [str(default)]:
        path = Path(entry)
        if path.is_dir():
            inside = sorted(p for p in path.glob("*.toml") if p.is_file() and not p.name.startswith("."))
            if not inside:
                raise ConfigError("-", "folder ini tidak memuat berkas konfigurasi *.toml", path)
            found += inside
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def served_instansi(configs: list[Config], inbox: Path, outbox: Path) -> list[ServedInstansi]:
    """Each configuration with its folders ([folders], else ``inbox``/``outbox`` of the command) and the
    names of its deployments; ConfigError when two would share a folder, a register or a name."""
    many = len(configs) > 1
    served = [ServedInstansi(c, (c.inbox or inbox).resolve(), (c.outbox or outbox).resolve(),
                             slug(c.path) if many else None) for c in configs]
    for i, first in enumerate(served):
        for second in served[i + 1:]:
            _refuse_shared(first, second)
    return served


def _refuse_shared(a: ServedInstansi, b: ServedInstansi) -> None:
    if a.slug == b.slug:
        raise ConfigError("-", f"nama deployment {b.manual} juga dipakai oleh {a.config.path} (nama berkas yang sama "
                               "setelah disederhanakan); ganti nama salah satu berkas konfigurasi", b.config.path)
    for kind_b in ("inbox", "outbox"):
        for kind_a in ("inbox", "outbox"):
            mine, theirs = getattr(b, kind_b), getattr(a, kind_a)
            relation = _relation(mine, theirs)
            if relation:
                raise ConfigError(
                    f"folders.{kind_b}",
                    f"{kind_b} {mine}{_origin(b, kind_b)} {relation} {kind_a} {theirs}{_origin(a, kind_a)} milik "
                    f"{a.config.path}. Setiap instansi perlu inbox dan outbox sendiri: isi [folders] inbox dan "
                    "outbox yang berbeda di kedua berkas", b.config.path)
    if _register(a) == _register(b):
        raise ConfigError("register.url", f"register {_shown_register(b)} juga dipakai oleh {a.config.path}. Setiap "
                                          "instansi perlu register sendiri: beri [register] url yang berbeda, atau "
                                          "hapus kunci itu (register SQLite di inbox masing-masing)", b.config.path)


def _relation(mine: Path, theirs: Path) -> str | None:
    if mine == theirs:
        return "sama dengan"
    if theirs in mine.parents:
        return "berada di dalam"
    if mine in theirs.parents:
        return "memuat"
    return None


def _origin(one: ServedInstansi, kind: str) -> str:
    """Where a folder came from, when not from the configuration: the operator then knows what to add."""
    return "" if getattr(one.config, kind) is not None else f" (dari --{kind}, karena [folders] {kind} tidak diisi)"


def _register_url(one: ServedInstansi) -> str:
    return one.config.register_url or f"sqlite:///{one.inbox / DEFAULT_FILE}"


def _register(one: ServedInstansi) -> tuple:
    """The database a register URL names, whatever the user, password or driver: two URLs naming one
    database are one register."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = _register_url(one)
    try:
        parsed = make_url(url)
    except ArgumentError:
        return ("url", url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            return ("memory", str(one.config.path))                 # in the memory of each pass: never shared
        return ("sqlite", str(Path(parsed.database).resolve()))
    return (backend, (parsed.host or "").lower(), parsed.port or DEFAULT_PORTS.get(backend), parsed.database)


def _shown_register(one: ServedInstansi) -> str:
    """The URL without its password: the message lands in logs."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = _register_url(one)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
