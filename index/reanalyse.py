"""Bringing stored analyses up to date: after the analysis code changed, or for a store written
before analyses were stored. Each stale report is analysed once and its analysis replaced."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
              progress: Callable[[int, int], None] | None = None, everything: bool = False,
              learn: Callable[[Sequence[str]], object] | None = None) -> int:
    """Analyse every stale document (every ready one with ``everything``) with ``analyser`` and
    store the result; returns how many. ``learn``, when given, is called after each group's
    write with the texts analysed (as :class:`index.ingest.Ingestor` calls it).

    ``progress(done, total)`` is called after each group. Safe to interrupt: what was written
    is complete per document, and the rest is still stale for the next run.
    """
    todo = stale(store, None if everything else analyser.version)
    for at in range(0, len(todo), GROUP):
        group = todo[at: at + GROUP]
        texts = [_texts(store, record) for record in group]
        store.put_analyses([StoredAnalysis(r.doc_id, analyser.version, analyser.analyse(t))
                            for r, t in zip(group, texts)])
        if learn is not None:
            learn([t for report in texts for t in report])
        if progress:
            progress(min(at + GROUP, len(todo)), len(todo))
    return len(todo)


def _texts(store: Store, record: DocumentRecord) -> list[str]:
    return analysed_texts(record.title, store.sentences(record.doc_id))
