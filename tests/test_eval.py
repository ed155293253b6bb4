"""The eval runner: case files, crashes recorded as data, and the gate catching a broken composer."""

from __future__ import annotations

import pytest

from evals.cases import CaseError, load_cases
from evals.cli import main
from evals.metrics import summarise
from evals.runner import load_factory, run

CASES = """
corpus: seeds
cases:
  - id: t-bounty
    question: How much is the bounty on Baghdadi?
    answers: ["25 million"]
    support: ["With a $25 million US bounty on his head, Iraq-born Baghdadi has successfully avoided an intense effort to seek him out for six years or more."]
  - id: t-length
    question: How long was the recording?
    answers: ["55 minutes", "46 minutes"]
    disagreement: {kind: different_events, positions: ["55 minutes", "46 minutes"]}
  - id: t-spokesperson
    question: Who is the Central Command spokesperson?
    answers: ["Urban"]
  - id: t-offtopic
    question: Who won the 2018 World Cup?
    abstain: true
"""


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(CASES)
    return path


def test_shipped_case_files_validate():
    cases = load_cases()
    assert len({c.corpus.name for c in cases}) >= 1
    assert all(c.abstain or c.answers for c in cases)


@pytest.mark.parametrize("body,where", [
    ("corpus: seeds\ncases:\n  - id: x\n    question: q\n", "cases.0"),
    ("corpus: nowhere\ncases:\n  - id: x\n    question: q\n    abstain: true\n", "corpus"),
    ("corpus: seeds\ncases:\n  - id: x\n    question: q\n    abstain: true\n    colour: red\n",
     "colour"),
    ("corpus: [unclosed\n", "YAML"),
])
def test_bad_case_files_name_the_file_and_field(tmp_path, body, where):
    path = tmp_path / "bad.yaml"
    path.write_text(body)
    with pytest.raises(CaseError, match=where) as raised:
        load_cases([path])
    assert str(path) in str(raised.value)


@pytest.mark.slow
def test_composer_passes_the_small_gate(case_file):
    results = run(load_cases([case_file]))
    metrics = {m.name: m for m in summarise(results)}
    assert all(r.passed for r in results), [r.problems for r in results]
    assert metrics["faithfulness"].value == 1.0 and metrics["citation_validity"].value == 1.0


@pytest.mark.slow
def test_a_crashing_case_is_recorded_and_the_run_goes_on(case_file):
    factory = load_factory("tests.support.broken_targets:crashing_target")
    results = run(load_cases([case_file]), factory)
    crashed = [r for r in results if r.error]
    assert [r.case.id for r in crashed] == ["t-bounty"] and "boom" in crashed[0].error
    assert sum(r.passed for r in results) == 3


@pytest.mark.slow
def test_citing_the_next_sentence_fails_the_gate(case_file, capsys):
    status = main([str(case_file), "--suite", "own",
                   "--target", "tests.support.broken_targets:next_sentence_target"])
    out = capsys.readouterr().out
    assert status == 1
    assert "| faithfulness |" in out and "✗" in out
