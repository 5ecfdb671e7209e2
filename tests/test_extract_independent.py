"""The independently written corpus (tests/independent): one test per file, through the public interface.

Each file imitates a layout of real forms found in public sources (tests/independent/README.md). The
expectation is what a careful reader takes from the file, computed by the corpus's own arithmetic.
"""
from __future__ import annotations

import pytest

from tests.independent import Case, case_names, write_independent_corpus
from tests.independent.check import problems


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Case]:
    folder = tmp_path_factory.mktemp("independent_corpus")
    return {case.path.name: case for case in write_independent_corpus(folder)}


@pytest.mark.parametrize("name", case_names())
def test_independent_form(corpus, name):
    found = problems(corpus[name])
    assert not found, "\n".join(found)
