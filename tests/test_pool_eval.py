"""The development-pool and RAMDocs scoring: hand-made answers through the pool's own rule, the
failure kinds, the paper's exact match, and a small real run equal to the outside scorer's."""

from __future__ import annotations

import io
import json

import pytest

from evals.pool import (CRASH, FALSE_DISAGREEMENT, MISSED_ABSTENTION, MISSED_DISAGREEMENT,
                        WRONG_ABSTENTION, WRONG_INSTANCE, WRONG_VALUE, PoolCase, answer_case,
                        load_pool, run_pool, scorer)
from evals.ramdocs import RamQuestion, exact_match, gold_recall, load_ramdocs, score
from evals.report import BASELINE, PRODUCT, pool_metrics, pool_rows

EXPECT = {"abstain": False, "facts": [["212,000"], ["230,000"]],
          "cite_any": ["recalling 212,000 crossovers"], "disagreement": True}
SENTENCES = ["The carmaker is recalling 212,000 crossovers.",
             "Some 230,000 vehicles were called back in March."]


def _case(expect=EXPECT, case_id="dis-count") -> PoolCase:
    return PoolCase(case_id, "cars", None, (), "How many vehicles?", expect)


def _answer(text="The sources differ.", sentences=SENTENCES, abstained=False, disagreements=(1,)):
    return {"answer": text, "abstained": abstained, "disagreements": list(disagreements),
            "citations": [{"text": s, "start": 0, "end": len(s), "source": "01.txt"}
                          for s in sentences]}


def _target(answer):
    return lambda turns, question: answer


def test_a_right_answer_passes():
    result = answer_case(_case(), PRODUCT, _target(_answer()))
    assert result.passed and result.kind is None and result.reasons == ()


@pytest.mark.parametrize("answer,expect,case_id,kind", [
    (_answer(abstained=True), EXPECT, "dis-count", WRONG_ABSTENTION),
    (_answer(), {"abstain": True, "facts": [], "cite_any": [], "disagreement": None},
     "unans-price", MISSED_ABSTENTION),
    (_answer(sentences=SENTENCES[:1]), EXPECT, "dis-count", WRONG_VALUE),
    (_answer(sentences=SENTENCES[1:]), EXPECT, "dis-count", WRONG_VALUE),  # no cite_any
    (_answer(sentences=SENTENCES[:1]), EXPECT, "prev-recall", WRONG_INSTANCE),
    (_answer(disagreements=()), EXPECT, "dis-count", MISSED_DISAGREEMENT),
    (_answer(), EXPECT | {"disagreement": False}, "num-count", FALSE_DISAGREEMENT),
])
def test_each_kind_of_failure(answer, expect, case_id, kind):
    result = answer_case(_case(expect, case_id), PRODUCT, _target(answer))
    assert not result.passed and result.kind == kind


def test_a_value_in_the_answer_text_counts_as_much_as_in_a_citation():
    answer = _answer("212,000 or 230,000 [1]", sentences=SENTENCES[:1])
    assert answer_case(_case(), PRODUCT, _target(answer)).passed


def test_disagreement_none_accepts_either():
    expect = EXPECT | {"disagreement": None}
    assert answer_case(_case(expect), PRODUCT, _target(_answer(disagreements=()))).passed
    assert answer_case(_case(expect), PRODUCT, _target(_answer())).passed


def test_a_crash_is_a_failure_of_its_own_kind():
    def boom(turns, question):
        raise RuntimeError("boom")
    result = answer_case(_case(), PRODUCT, boom)
    assert result.kind == CRASH and "boom" in result.error


def test_the_pool_loads_every_collection_with_its_own_cases():
    cases = load_pool()
    assert len(cases) == 90 and len({c.collection for c in cases}) == 6
    assert sum(c.previous_instance for c in cases) == 24
    assert all((c.corpus / "01.txt").is_file() for c in cases)


def test_rows_count_per_collection_and_in_total():
    cases = [_case(case_id="num-a"), _case(case_id="prev-b")]
    results = [answer_case(c, s, _target(_answer() if s == PRODUCT else _answer(abstained=True)))
               for c in cases for s in (PRODUCT, BASELINE)]
    rows = pool_rows(results, [PRODUCT, BASELINE])
    assert rows["cars"] == {PRODUCT: (2, 2), BASELINE: (0, 2)}
    assert rows["previous-instance cases"][PRODUCT] == (1, 1)
    gated = {m.name: m for m in pool_metrics(results, {"dev_pass_rate": 0.9})}
    assert gated["dev_pass_rate"].value == 1.0 and gated["dev_pass_rate"].ok
    assert gated["dev_pass_rate_other"].count == 1


def test_the_pool_table_reports_abstention_precision_and_recall():
    from evals.report import pool_table
    unanswerable = {"abstain": True, "facts": [], "cite_any": [], "disagreement": None}
    results = [answer_case(_case(unanswerable, "unans-a"), PRODUCT, _target(_answer(abstained=True))),
               answer_case(_case(unanswerable, "unans-b"), PRODUCT, _target(_answer())),
               answer_case(_case(case_id="num-c"), PRODUCT, _target(_answer(abstained=True)))]
    table = pool_table(results, [PRODUCT])
    assert "| abstention precision | 1/2 (0.50) |" in table
    assert "| abstention recall | 1/2 (0.50) |" in table


def test_exact_match_needs_every_gold_answer_and_no_wrong_one():
    assert exact_match("Directed by Mahesh  Bhatt and by S. Ray.", ["mahesh bhatt", "S. Ray"], ["Raj Kapoor"])
    assert not exact_match("Directed by Mahesh Bhatt.", ["Mahesh Bhatt", "S. Ray"], [])
    assert not exact_match("Mahesh Bhatt; some say Raj Kapoor.", ["Mahesh Bhatt"], ["Raj Kapoor"])


def test_ramdocs_scores_text_for_exact_match_and_citations_for_recall():
    question = RamQuestion(0, "Who directed it?", ("doc",), ("Mahesh Bhatt", "S. Ray"), ("Raj Kapoor",))
    cited = _answer("Mahesh Bhatt [1]", sentences=["It was directed by S. Ray."])
    result = score(question, PRODUCT, cited)
    assert not result.exact and result.gold_recall == 1.0
    abstained = score(question, PRODUCT, _answer("Mahesh Bhatt, S. Ray", abstained=True))
    assert not abstained.exact and abstained.abstained


def test_the_ramdocs_sample_is_fixed_and_full_is_everything():
    sample, full = load_ramdocs(), load_ramdocs(full=True)
    assert len(full) == 400 and len(sample) == 100
    assert [q.number for q in sample] == list(range(0, 400, 4))
    assert all(q.gold for q in full)


@pytest.mark.slow
def test_a_real_run_scores_as_the_pools_own_scorer_does(tmp_path):
    from evals.baseline import baseline_target
    from evals.runner import chat_target
    cases = [c for c in load_pool(collections=["product_recall"])][:5]
    results = run_pool(cases, {PRODUCT: chat_target, BASELINE: baseline_target})
    assert len(results) == 10 and not any(r.error for r in results)
    for system in (PRODUCT, BASELINE):
        mine = [r for r in results if r.system == system]
        out = io.StringIO()
        passed, total = scorer().score_answers([{"id": r.case.id, "expect": r.case.expect}
                                                for r in mine],
                                               [r.answer for r in mine], str(cases[0].corpus),
                                               out=out)
        assert (passed, total) == (sum(r.passed for r in mine), 5)
        verbatim = out.getvalue().splitlines()[-2]
        shown, cited = verbatim.split(": ")[1].split("/")
        assert shown == cited, verbatim  # every citation is text == file[start:end]
    baseline = [r.answer for r in results if r.system == BASELINE]
    assert all(len(a["citations"]) == 3 and not a["abstained"] and not a["disagreements"]
               for a in baseline)
    json.dumps([r.answer for r in results])  # answers are plain data


@pytest.mark.slow
def test_ramdocs_asks_each_question_over_its_own_documents_only():
    from evals.baseline import baseline_target
    from evals.ramdocs import run_ramdocs
    questions = load_ramdocs(full=True)[:3]
    results = run_ramdocs(questions, {BASELINE: baseline_target})
    assert [r.question.number for r in results] == [0, 1, 2] and not any(r.error for r in results)
    for result in results:
        texts = " ".join(result.question.documents)
        cited = [c["text"] for c in result.answer["citations"]]
        assert cited and all(" ".join(t.split()) in " ".join(texts.split()) for t in cited)
        assert result.exact == exact_match(result.answer["answer"], result.question.gold,
                                           result.question.wrong)
