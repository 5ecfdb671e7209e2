"""Metamorphic tests: a generated form changed in a way that keeps its meaning reads back as before.

Each transformation of ``tests/forms/transforms.py`` (blank and template rows, closing and signature rows,
capitals, numbers as text, times in words, synonyms, other column orders, PANDAWA's "(JAM)" over
minutes, an instruction sheet, two forms in a workbook, label and value in one cell, a split table,
trailing Anjab tables, rotated and mixed-orientation pages, "Tahapan" in the uraian) is applied alone to a
fixed form in every format it applies to, then several together on forms hypothesis draws. The
extraction must equal the ground truth as ``compare_file`` judges it (rows, header and K; uraian and
satuan without regard to case where only their case changed). The untransformed twins are checked too,
so that a failure below them points at the transformation, not at the form.
"""
from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from extractors import extract
from extractors.submission import ExtractionError
from tests.forms import Layout, random_form
from tests.forms.transforms import TASKS, TRANSFORMS, Case, applicable, build, compare_case, compatible, example, \
    write_case

SEED = 3                                # one fixed form for every transformation: failures compare
OTHER_APPROACHES = ["hasil_kerja", "objek_kerja", "peralatan_kerja"]


def _cases() -> list[tuple[str, str, str]]:
    """Every transformation on a task-by-task form in each of its formats, and each one that applies to the
    other approaches once more on one of them (the approaches and formats taken in turn)."""
    cases = [(name, fmt, "tugas_per_tugas") for name, t in TRANSFORMS.items() for fmt in sorted(t.formats)]
    others = [name for name, t in TRANSFORMS.items() if t.approaches != TASKS]
    for i, name in enumerate(others):
        formats = sorted(TRANSFORMS[name].formats)
        cases.append((name, formats[i % len(formats)], OTHER_APPROACHES[i % len(OTHER_APPROACHES)]))
    return cases


CASES = _cases()


def _twins() -> list[tuple[str, str, str]]:
    """The cases whose untransformed twins differ (most transformations prepare nothing of their own)."""
    seen, twins = set(), []
    for name, fmt, approach in CASES:
        twin = example([name], fmt, approach, SEED, transformed=False)
        key = (fmt, repr(twin.forms), twin.layout)
        if key not in seen:
            seen.add(key)
            twins.append((name, fmt, approach))
    return twins


def _changed(layout: Layout) -> str:
    """The layout fields that differ from the default, to keep a failure's first line short."""
    default = Layout()
    shown = [f"{k}={v!r}" if len(repr(v)) < 40 else f"{k}=({len(v)} items)"
             for k, v in vars(layout).items() if getattr(default, k) != v]
    return "(" + ", ".join(shown) + ")"


def _assert_reads_back(case: Case, path: Path) -> None:
    write_case(case, path)
    label = f"{' + '.join(case.names) or 'untransformed'} on {case.fmt} ({case.forms[0].approach})"
    try:
        forms = extract(path).forms
    except ExtractionError as exc:
        pytest.fail(f"{label}: rejected: {exc.reason}: {exc.message}", pytrace=False)
    result = compare_case(case, path, forms)
    if result.mismatches:
        pytest.fail(f"{label}, base layout {_changed(case.layout)}:\n"
                    + "\n".join(m.line() for m in result.mismatches[:20]), pytrace=False)
    assert result.rows_exact == result.rows == sum(len(f.rows) for f in case.forms), label
    assert result.k_exact == len(case.forms), label


@pytest.mark.parametrize("name, fmt, approach", CASES, ids=[f"{n}-{f}-{a}" for n, f, a in CASES])
def test_a_transformation_changes_nothing_read(tmp_path, name, fmt, approach):
    _assert_reads_back(example([name], fmt, approach, SEED), tmp_path / f"{name}.{fmt}")


TWINS = _twins()


@pytest.mark.parametrize("name, fmt, approach", TWINS, ids=[f"{n}-{f}-{a}" for n, f, a in TWINS])
def test_the_untransformed_twin_reads_back(tmp_path, name, fmt, approach):
    case = example([name], fmt, approach, SEED, transformed=False)
    _assert_reads_back(case, tmp_path / f"twin_{name}.{fmt}")


def test_every_transformation_is_tested_in_each_of_its_formats_and_beyond_tasks():
    assert {(n, f) for n, f, _ in CASES} == {(n, f) for n, t in TRANSFORMS.items() for f in t.formats}
    assert {a for _, _, a in CASES} == {"tugas_per_tugas", *OTHER_APPROACHES}


# Base layouts the combinations start from: each reads back exactly in the corpus test.
BASE_LAYOUTS = [
    Layout(),
    Layout(labels="upper", kop=True, keterangan=False),
    Layout(header_style="table2", labels="variant", volume_before_wke=True, number_row="plain"),
    Layout(header_rows=2, number_row="none", unit_style="levels"),
    Layout(header_style="paragraphs", time_unit="inline", periode="both"),
    Layout(time_unit="jam", labels="numbered", path_order="top_down", path_sep=" - "),
]


# Each example writes and reads a file (a PDF costs a few tenths of a second), so the examples are few and
# not shrunk: a failure prints the drawn seed, format, layout and transformations, which replay exactly.
@pytest.mark.slow   # 13-16 s of drawn files
@settings(deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_transformations_together_change_nothing_read(data):
    seed = data.draw(st.integers(0, 100_000), label="seed")
    fmt = data.draw(st.sampled_from(["docx", "pdf", "xlsx"]), label="format")
    approach = data.draw(st.sampled_from(["tugas_per_tugas"] * 3 + OTHER_APPROACHES), label="approach")
    layout = data.draw(st.sampled_from(BASE_LAYOUTS), label="layout")
    names = data.draw(st.lists(st.sampled_from(applicable(fmt, approach)), min_size=2, max_size=4, unique=True)
                      .filter(compatible), label="transformations")
    form = random_form(random.Random(seed), approach, n_rows=data.draw(st.integers(4, 8), label="rows"))
    case = build([form], layout, fmt, names, seed)
    with tempfile.TemporaryDirectory() as tmp:
        _assert_reads_back(case, Path(tmp) / f"{'+'.join(case.names)}.{fmt}")
