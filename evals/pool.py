"""The development pool: collections written independently of the product, scored by their own rule.

``evals/dev/`` is a verbatim copy of the pool (six collections in other domains, 15 cases each,
its README and ``score.py``). A case passes exactly when ``score.check(answer, expect)`` — the
pool's own scorer, loaded from its file — returns no reason, so the figures here equal an
outside scorer's. Every system (the product, the baseline, any target factory) answers every
case over one real store per collection.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant import Assistant
from index.embedder import Embedder, MiniLMEmbedder

DEV = Path(__file__).resolve().parent / "dev"
# Collections written later, by authors who never read the product, in the pool's format: a
# generality check (evals/heldout*/README.md); heldout4 is the one nothing has been read or tuned on.
HELDOUT = Path(__file__).resolve().parent / "heldout"
HELDOUT_ROOTS = (HELDOUT, *(Path(__file__).resolve().parent / f"heldout{n}" for n in (2, 3, 4)))

# A system answers (turns, question) over an Assistant whose store holds one collection.
System = Callable[[Assistant], Callable[[Sequence[str], str], object]]

# Failure kinds, from the pool scorer's reasons (first match wins: an abstention explains the rest).
WRONG_ABSTENTION = "wrong abstention"
MISSED_ABSTENTION = "answered where it should abstain"
WRONG_INSTANCE = "wrong instance"
WRONG_VALUE = "wrong or missing value"
MISSED_DISAGREEMENT = "missed disagreement"
FALSE_DISAGREEMENT = "false disagreement"
CRASH = "crash"


@dataclass(frozen=True)
class PoolCase:
    """One case of the pool: ``expect`` is the pool's own dict, handed to its scorer untouched."""

    id: str
    collection: str
    corpus: Path
    turns: tuple[str, ...]
    question: str
    expect: dict

    @property
    def previous_instance(self) -> bool:
        return self.id.startswith("prev-")


@dataclass(frozen=True)
class PoolResult:
    """One system's answer to one case (as data) and the scorer's reasons (empty = pass)."""

    case: PoolCase
    system: str
    answer: dict | None
    reasons: tuple[str, ...]
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and not self.reasons

    @property
    def kind(self) -> str | None:
        """Why it failed, as one of the kinds above; None when it passed."""
        return None if self.passed else failure_kind(self.case, self.reasons, self.error)


def failure_kind(case: PoolCase, reasons: Sequence[str], error: str | None = None) -> str:
    """The kind of a failure, from the scorer's reasons."""
    if error is not None:
        return CRASH
    text = " ".join(reasons)
    if "abstained but" in text:
        return WRONG_ABSTENTION
    if "should have abstained" in text:
        return MISSED_ABSTENTION
    if "missing fact" in text or "no citation contains" in text:
        return WRONG_INSTANCE if case.previous_instance else WRONG_VALUE
    if "expected a disagreement" in text:
        return MISSED_DISAGREEMENT
    return FALSE_DISAGREEMENT


@cache
def scorer():
    """The pool's ``score.py`` module, loaded from its file (it is not a package of ours)."""
    spec = importlib.util.spec_from_file_location("corroborate_dev_score", DEV / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_pool(root: Path = DEV, collections: Sequence[str] | None = None) -> list[PoolCase]:
    """Every case of every collection under ``root`` (``*/cases.json``), in folder order."""
    cases = []
    for path in sorted(root.glob("*/cases.json")):
        if collections and path.parent.name not in collections:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        cases += [PoolCase(c["id"], path.parent.name, path.parent, tuple(c.get("turns", ())),
                           c["question"], c["expect"]) for c in data["cases"]]
    return cases


def run_pool(cases: Sequence[PoolCase], systems: dict[str, System],
             embedder: Embedder | None = None,
             progress: Callable[[int, int], None] | None = None) -> list[PoolResult]:
    """Each system answers each case; one store per collection, shared by the systems."""
    embedder = embedder or MiniLMEmbedder()
    results: list[PoolResult] = []
    by_collection: dict[Path, list[PoolCase]] = {}
    for case in cases:
        by_collection.setdefault(case.corpus, []).append(case)
    with tempfile.TemporaryDirectory(prefix="corroborate-pool-") as tmp:
        for n, (corpus, group) in enumerate(by_collection.items()):
            assistant = Assistant(store=Path(tmp) / f"store-{n}", embedder=embedder)
            assistant.ingest([corpus])
            for name, system in systems.items():
                target = system(assistant)
                results += [answer_case(case, name, target) for case in group]
            if progress:
                progress(n + 1, len(by_collection))
    return results


def answer_case(case: PoolCase, system: str, target) -> PoolResult:
    """Ask, turn the answer into the pool's answer object, score it; a crash is a result."""
    try:
        answer = as_pool_answer(target(case.turns, case.question))
    except Exception:  # a crashing case is reported, never stops the run
        error = traceback.format_exc(limit=3).strip().splitlines()[-1]
        return PoolResult(case, system, None, (error,), error)
    return PoolResult(case, system, answer, tuple(scorer().check(answer, case.expect)))


def as_pool_answer(answer) -> dict:
    """The pool's answer object: an :class:`Answer`'s data (it has the fields the rule reads)."""
    return answer if isinstance(answer, dict) else answer.to_dict()
