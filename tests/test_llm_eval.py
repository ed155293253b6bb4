"""The side-by-side eval of the extractive composer and a language-model target."""

from __future__ import annotations

import pytest

from evals.cases import load_cases
from evals.compare import main, spread, verifier_table
from evals.runner import CaseResult
from tests.conftest import ROOT


def result_with(trace: list[dict] | None) -> CaseResult:
    case = load_cases([ROOT / "evals" / "cases" / "volcano.yaml"])[0]
    return CaseResult(case, answer={"answer": "x"} | ({"trace": trace} if trace else {}))


def test_spread_takes_evenly_spaced_cases_and_all_without_a_limit():
    assert spread(list(range(10)), 3) == [0, 3, 6]
    assert spread(list(range(4)), None) == [0, 1, 2, 3]
    assert spread(list(range(4)), 9) == [0, 1, 2, 3]


def test_the_verifier_table_counts_kept_dropped_and_fallbacks_from_the_traces():
    model = {"kind": "model", "text": "m", "reason": ""}
    results = [result_with([model, {"kind": "kept"}, {"kind": "dropped"}, {"kind": "dropped"}]),
               result_with([model, {"kind": "dropped"}, {"kind": "fallback"}]),
               result_with([{"kind": "skipped"}]), result_with(None)]
    table = verifier_table(results)
    assert "| answers sent to the model | 2 | |" in table
    assert "| kept (shown) | 1 | 0.50 |" in table
    assert "| dropped by the verifier | 3 | 1.50 |" in table
    assert "| answers that fell back to the extractive one | 1 | 0.50 |" in table


def test_the_configured_target_needs_a_configured_model(monkeypatch):
    from evals.llm_target import configured_target

    monkeypatch.delenv("CORROBORATE_LLM", raising=False)
    with pytest.raises(ValueError, match="CORROBORATE_LLM"):
        configured_target(object())


@pytest.mark.slow
def test_the_comparison_scores_both_and_the_verifier_keeps_the_display_faithful(capsys):
    code = main([str(ROOT / "evals" / "cases" / "volcano.yaml"), "--limit", "4",
                 "--target", "tests.support.broken_targets:echo_model_target"])
    report = capsys.readouterr().out
    rows = {line.split("|")[1].strip(): line.split("|")[2:4] for line in report.splitlines()
            if line.startswith("| ")}
    assert code == 0
    assert float(rows["faithfulness"][1]) >= 0.95 and float(rows["cases"][0]) == 4
    dropped = int(rows["dropped by the verifier"][0])
    assert dropped == int(rows["answers sent to the model"][0]) >= 1  # each "[99]" sentence
