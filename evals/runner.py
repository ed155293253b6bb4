"""Runs eval cases against any answering target and scores each answer.

A *target factory* takes an :class:`assistant.Assistant` (whose store holds the case's corpus)
and returns a callable ``(turns, question) -> Answer``; the default one asks a fresh chat. Any
factory can be given by import path (``module:function``). One crashing case is recorded as a
failure and never stops the run.
"""

from __future__ import annotations

import importlib
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant import Assistant
from assistant.query import analyse
from assistant.types import Answer
from evals.cases import Case
from evals.faithfulness import check_answer

Target = Callable[[Sequence[str], str], Answer]
TargetFactory = Callable[[Assistant], Target]


def chat_target(assistant: Assistant) -> Target:
    """The composer as users meet it: a new chat per case, earlier turns asked first."""

    def answer(turns: Sequence[str], question: str) -> Answer:
        chat = assistant.chat()
        for turn in turns:
            chat.ask(turn)
        return chat.ask(question)

    return answer


def load_factory(path: str) -> TargetFactory:
    """``"package.module:function"`` → the factory it names."""
    module, _, name = path.partition(":")
    if not name:
        raise ValueError(f"--target {path!r}: give it as module:function")
    return getattr(importlib.import_module(module), name)


@dataclass
class CaseResult:
    """What one case produced, and how it scored (None where a metric does not apply)."""

    case: Case
    answer: dict | None = None
    error: str | None = None
    correct: bool | None = None
    faithfulness: float | None = None
    citation_recall: float | None = None
    citation_precision: float | None = None
    citation_valid: bool | None = None
    support_recall: float | None = None
    abstained: bool | None = None
    disagreement: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.error is None and not self.problems


def run(cases: Sequence[Case], factory: TargetFactory = chat_target, k: int = 10,
        progress: Callable[[int, int], None] | None = None) -> list[CaseResult]:
    """Every case, one store per corpus (ingested once), scored; never raises for a case."""
    results, stores = [], {}
    with tempfile.TemporaryDirectory(prefix="corroborate-eval-") as tmp:
        for n, case in enumerate(cases, start=1):
            if case.corpus not in stores:
                assistant = Assistant(store=Path(tmp) / f"store-{len(stores)}")
                assistant.ingest([case.corpus])
                stores[case.corpus] = (assistant, factory(assistant))
            results.append(_run_case(case, *stores[case.corpus], k))
            if progress:
                progress(n, len(cases))
    return results


def _run_case(case: Case, assistant: Assistant, target: Target, k: int) -> CaseResult:
    result = CaseResult(case)
    try:
        answer = target(case.turns, case.question)
    except Exception:  # a crash is a result to report, not a reason to stop
        result.error = traceback.format_exc(limit=3).strip().splitlines()[-1]
        return result
    _score(result, answer, assistant, k)
    return result


def _score(result: CaseResult, answer: Answer, assistant: Assistant, k: int) -> None:
    case = result.case
    result.answer = answer.to_dict()
    result.abstained = answer.abstained
    verdict = check_answer(answer, assistant.store.document_text)
    result.faithfulness = verdict.faithfulness
    result.citation_recall = verdict.citation_recall
    result.citation_precision = verdict.citation_precision
    result.citation_valid = verdict.citation_valid
    result.disagreement = answer.disagreements[0].kind if answer.disagreements else None
    if not case.abstain:
        text = " ".join(answer.text.split()).lower()
        result.correct = not answer.abstained and any(a.lower() in text for a in case.answers)
    if case.support:
        result.support_recall = _support_recall(assistant, case, k)
    result.problems = _problems(result, verdict)


def _support_recall(assistant: Assistant, case: Case, k: int) -> float:
    """Share of gold support sentences among the top-k retrieved for the question alone."""
    composer = assistant._composer
    found = composer._retriever.retrieve(case.question, analyse(case.question).stems, k=k)
    texts = {" ".join(c.sentence.text.split()) for c in found}
    return sum(" ".join(s.split()) in texts for s in case.support) / len(case.support)


def _problems(result: CaseResult, verdict) -> list[str]:
    case, problems = result.case, []
    if case.abstain != bool(result.abstained):
        problems.append("should abstain" if case.abstain else "abstained wrongly")
    if result.correct is False and not result.abstained:
        problems.append(f"no gold answer in the text (wanted one of {list(case.answers)})")
    if not verdict.citation_valid:
        problems.append(f"invalid citations {list(verdict.invalid_citations)}")
    problems += [f"unsupported: {s.text[:80]} ({'; '.join(s.reasons)})"
                 for s in verdict.sentences if not s.supported]
    expected = case.disagreement.kind if case.disagreement else None
    if expected != result.disagreement:
        problems.append(f"disagreement {result.disagreement or 'none'}, expected {expected or 'none'}")
    return problems
