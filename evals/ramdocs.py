"""RAMDocs (Wang et al., 2025; MIT): questions with conflicting evidence, one store per question.

``evals/external/ramdocs/`` is a verbatim copy of the development split (400 questions). Each
question's documents are written to files of their own (their ``type`` and ``answer`` fields
never reach the product) and ingested into a fresh real store; each system then answers.

Scores, as in the paper and its README:
- **exact match**: the answer text contains every gold answer and no wrong answer
  (case-insensitive, whitespace runs collapsed);
- **gold recall**: the share of gold answers found in the answer text or its cited sentences;
- **abstention rate**: the share of questions answered with "can't answer" (every question here
  has at least one gold answer, so each abstention is a miss).

CI runs a fixed sample (every fourth question: 100); ``--full`` runs all 400.
"""

from __future__ import annotations

import json
import re
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant import Assistant
from index.embedder import Embedder, MiniLMEmbedder

RAMDOCS = Path(__file__).resolve().parent / "external" / "ramdocs" / "ramdocs-dev.jsonl"
SAMPLE_STRIDE = 4  # every fourth question: 100 of the 400, spread over the whole file

System = Callable[[Assistant], Callable[[Sequence[str], str], object]]


@dataclass(frozen=True)
class RamQuestion:
    """One question: its line number in the file, its documents' texts, gold and wrong answers."""

    number: int
    question: str
    documents: tuple[str, ...]
    gold: tuple[str, ...]
    wrong: tuple[str, ...]


@dataclass(frozen=True)
class RamResult:
    question: RamQuestion
    system: str
    answer: dict | None
    exact: bool
    gold_recall: float
    abstained: bool
    error: str | None = None


def load_ramdocs(path: Path = RAMDOCS, full: bool = False) -> list[RamQuestion]:
    """The questions of ``path``: all of them with ``full``, else the fixed sample."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    chosen = range(0, len(rows), 1 if full else SAMPLE_STRIDE)
    return [RamQuestion(n, rows[n]["question"], tuple(d["text"] for d in rows[n]["documents"]),
                        tuple(rows[n]["gold_answers"]), tuple(rows[n]["wrong_answers"]))
            for n in chosen]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def exact_match(text: str, gold: Sequence[str], wrong: Sequence[str]) -> bool:
    """The paper's rule: every gold answer in ``text`` and no wrong answer."""
    hay = _norm(text)
    return all(_norm(g) in hay for g in gold) and not any(_norm(w) in hay for w in wrong)


def gold_recall(answer: dict, gold: Sequence[str]) -> float:
    """Share of gold answers in the answer text or in one of its cited sentences."""
    hay = _norm(answer.get("answer", "") + "\n" +
                "\n".join(c.get("text", "") for c in answer.get("citations", [])))
    return sum(_norm(g) in hay for g in gold) / len(gold) if gold else 1.0


def score(question: RamQuestion, system: str, answer: dict) -> RamResult:
    abstained = bool(answer.get("abstained"))
    exact = not abstained and exact_match(answer.get("answer", ""), question.gold, question.wrong)
    return RamResult(question, system, answer, exact, gold_recall(answer, question.gold), abstained)


def run_ramdocs(questions: Sequence[RamQuestion], systems: dict[str, System],
                embedder: Embedder | None = None,
                progress: Callable[[int, int], None] | None = None) -> list[RamResult]:
    """Each system answers each question over a store holding only that question's documents."""
    embedder = embedder or MiniLMEmbedder()
    results = []
    with tempfile.TemporaryDirectory(prefix="corroborate-ramdocs-") as tmp:
        for n, question in enumerate(questions, 1):
            assistant = Assistant(store=_write(question, Path(tmp) / str(n)) / "store",
                                  embedder=embedder)
            assistant.ingest([Path(tmp) / str(n) / "docs"])
            results += [_answer(question, name, system(assistant)) for name, system in systems.items()]
            if progress:
                progress(n, len(questions))
    return results


def _write(question: RamQuestion, folder: Path) -> Path:
    (folder / "docs").mkdir(parents=True)
    for i, text in enumerate(question.documents, 1):
        (folder / "docs" / f"doc-{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _answer(question: RamQuestion, system: str, target) -> RamResult:
    try:
        answer = target((), question.question)
    except Exception:  # a crash is a failed question, never a stopped run
        error = traceback.format_exc(limit=3).strip().splitlines()[-1]
        return RamResult(question, system, None, False, 0.0, False, error)
    return score(question, system, answer if isinstance(answer, dict) else answer.to_dict())
