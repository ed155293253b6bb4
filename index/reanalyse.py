"""Bringing stored analyses up to date: after the analysis code changed, or for a store written
before analyses were stored. Each stale report is analysed once and its analysis replaced."""

from __future__ import annotations

from collections.abc import Callable

from index.analysis import Analyser, StoredAnalysis, analysed_texts
from index.store import READY, DocumentRecord, Store

# Reports analysed per store write: small enough that an interrupted run keeps most of its work.
GROUP = 16


def stale(store: Store, version: str | None) -> list[DocumentRecord]:
    """The ready documents whose stored analysis is missing or not of ``version`` (every ready
    document when ``version`` is None)."""
    return [r for r in store.documents()
            if r.status == READY and (version is None or r.analysis != version)]


def reanalyse(store: Store, analyser: Analyser,
              progress: Callable[[int, int], None] | None = None, everything: bool = False
              ) -> int:
    """Analyse every stale document (every ready one with ``everything``) with ``analyser`` and
    store the result; returns how many.

    ``progress(done, total)`` is called after each group. Safe to interrupt: what was written
    is complete per document, and the rest is still stale for the next run.
    """
    todo = stale(store, None if everything else analyser.version)
    for at in range(0, len(todo), GROUP):
        group = todo[at: at + GROUP]
        store.put_analyses([_analysis(store, analyser, record) for record in group])
        if progress:
            progress(min(at + GROUP, len(todo)), len(todo))
    return len(todo)


def _analysis(store: Store, analyser: Analyser, record: DocumentRecord) -> StoredAnalysis:
    texts = analysed_texts(record.title, store.sentences(record.doc_id))
    return StoredAnalysis(record.doc_id, analyser.version, analyser.analyse(texts))
