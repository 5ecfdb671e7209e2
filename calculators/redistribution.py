"""Before proposing anyone: the same jabatan and kelas over-staffed in one perangkat daerah and short in
another, so that people can be moved (mutasi) before new ones are asked for."""
from __future__ import annotations

from dataclasses import dataclass

from calculators.results import RekapRow
from calculators.wording import same_words


@dataclass(frozen=True)
class Move:
    nama_jabatan: str
    kelas_jabatan: int | None
    dari: RekapRow             # the position with more people than it needs
    ke: RekapRow               # the same jabatan and kelas, short, in another perangkat daerah
    jumlah: int                # how many could move


def redistribution(rows: list[RekapRow]) -> list[Move]:
    """Largest surplus to largest shortage first, within each jabatan and kelas (names compared with case and
    spacing aside), never beyond what either side has or lacks."""
    groups: dict[tuple[str, int | None], list[RekapRow]] = {}
    for row in rows:
        groups.setdefault((same_words(row.nama_jabatan), row.kelas_jabatan), []).append(row)
    moves = []
    for group in groups.values():
        surplus = {id(r): r.kelebihan for r in group if r.kelebihan}
        short = {id(r): r.kekurangan for r in group if r.kekurangan}
        for giver in sorted((r for r in group if r.kelebihan), key=lambda r: -r.kelebihan):
            for taker in sorted((r for r in group if r.kekurangan), key=lambda r: -r.kekurangan):
                if taker.perangkat_daerah == giver.perangkat_daerah:
                    continue
                n = min(surplus[id(giver)], short[id(taker)])
                if n:
                    moves.append(Move(giver.nama_jabatan, giver.kelas_jabatan, giver, taker, n))
                    surplus[id(giver)] -= n
                    short[id(taker)] -= n
    return moves
