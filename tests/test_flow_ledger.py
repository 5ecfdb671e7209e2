"""What a pass keeps of each accepted file on disk instead of in memory, and summary.json written from it."""
from __future__ import annotations

import json
import os

from flows.ledger import Ledger
from flows.outbox import Streamed, write_json


class Items(Streamed):
    def __init__(self, items):
        self.items, self.walks = items, 0

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        self.walks += 1
        return iter(self.items)


def test_a_streamed_list_is_written_exactly_as_json_dump_writes_the_whole_document(tmp_path):
    fixed = {"pass": "2026-12-02_ab", "totals": {"b": 3, "k": 4.5, "per": [1, {"x": None}]}, "empty": [], "none": {},
             "text": "Baris \"satu\"\ndua — é"}
    for items in ([{"file": "a.docx", "positions": [{"b": 1, "k": 2}], "warnings": []}, {"file": "b\nc.pdf"}], []):
        path = tmp_path / "summary.json"
        streamed = Items(items)
        write_json(path, {**fixed, "accepted": streamed, "after": [1, 2]})
        expected = json.dumps({**fixed, "accepted": items, "after": [1, 2]}, ensure_ascii=False, indent=2) + "\n"
        assert path.read_text(encoding="utf-8") == expected
        assert streamed.walks == 1
    write_json(path, {})
    assert json.loads(path.read_text(encoding="utf-8")) == {}


def test_the_ledger_gives_back_every_record_in_order_as_often_as_asked_and_one_by_its_place():
    ledger = Ledger()
    names = ["diterima/000001_a.docx", "diterima/000002_b\udce9.pdf", "diterima/000003_c.xlsx"]
    try:
        for i, name in enumerate(names):
            ledger.add({"stored_as": name, "file": name.split("_", 1)[1], "k": i})
        assert len(ledger) == 3 and names[1] in ledger and "diterima/x" not in ledger
        walk = iter(ledger)
        assert next(walk)["k"] == 0
        assert ledger.get(names[2])["k"] == 2           # a look-up in the middle of a walk does not disturb it
        assert [r["k"] for r in walk] == [1, 2]
        assert [r["stored_as"] for r in ledger] == names  # a name that is not UTF-8 comes back as it was
    finally:
        ledger.close()


def test_the_ledger_leaves_no_file_behind_even_while_open(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ledger = Ledger()
    ledger.add({"stored_as": "diterima/000001_a.docx"})
    try:
        assert os.listdir(tmp_path) == []
    finally:
        ledger.close()
