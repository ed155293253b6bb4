"""Checking a store against its manifest: what ``corroborate docs --check`` reports."""

from __future__ import annotations

from collections.abc import Callable

from index.analysis import StoredAnalysis
from index.store import READY, DocumentRecord, Store

_PAGE = 200  # analyses read back per store call


def check_store(store: Store,
                readable: Callable[[StoredAnalysis], bool] | None = None) -> list[str]:
    """Problems found, one line each; an empty list means the store is consistent.

    Checks that every document is ``ready``, holds exactly the sentences its record counts,
    indexed 0..n-1, each equal to the document text at its offsets, and its stored analysis
    (:mod:`index.analysis`); and that no sentence or analysis belongs to a document the manifest
    does not list. With ``readable`` (the analyser's own test of a payload), every stored
    analysis is also read back, and one it cannot read is reported.
    """
    problems: list[str] = []
    records = store.documents()
    for record in records:
        if record.status != READY:
            problems.append(f"{record.doc_id} ({record.source}): status {record.status}; "
                            "run an ingest to finish or undo it")
            continue
        problems += _check_document(store, record.doc_id, record.source, record.sentence_count)
    listed = {r.doc_id for r in records}
    analysed = store.analysis_doc_ids()
    problems += _check_analyses(records, analysed)
    if readable is not None:
        problems += _unreadable(store, records, readable)
    orphans = store.sentence_doc_ids() - listed
    problems += [f"{doc_id}: sentences without a manifest entry" for doc_id in sorted(orphans)]
    problems += [f"{doc_id}: a stored analysis without a manifest entry"
                 for doc_id in sorted(analysed - listed)]
    return problems


def _check_analyses(records: list[DocumentRecord], analysed: set[str]) -> list[str]:
    """Ready documents whose analysis is missing (never stored, or named but absent)."""
    problems = []
    for record in records:
        if record.status != READY:
            continue
        if record.analysis is None or record.doc_id not in analysed:
            problems.append(f"{record.doc_id} ({record.source}): no stored analysis; run "
                            "`corroborate reanalyse` to add it")
    return problems


def _check_document(store: Store, doc_id: str, source: str, expected: int) -> list[str]:
    text = store.document_text(doc_id)
    sentences = store.sentences(doc_id)
    where = f"{doc_id} ({source})"
    problems = []
    if len(sentences) != expected:
        problems.append(f"{where}: {len(sentences)} sentences stored, manifest says {expected}")
    if [s.index for s in sentences] != list(range(len(sentences))):
        problems.append(f"{where}: sentence indexes are not 0..{len(sentences) - 1}")
    bad = [s.sentence_id for s in sentences if text[s.start:s.end] != s.text]
    if bad:
        problems.append(f"{where}: {len(bad)} sentences differ from the text at their offsets")
    return problems


def _unreadable(store: Store, records: list[DocumentRecord],
                readable: Callable[[StoredAnalysis], bool]) -> list[str]:
    problems = []
    by_id = {r.doc_id: r for r in records}
    ids = sorted(by_id)
    for at in range(0, len(ids), _PAGE):
        for analysis in store.analyses(ids[at: at + _PAGE]).values():
            if not readable(analysis):
                record = by_id[analysis.doc_id]
                problems.append(f"{record.doc_id} ({record.source}): its stored analysis cannot "
                                "be read; run `corroborate reanalyse --all` to make it again")
    return problems
