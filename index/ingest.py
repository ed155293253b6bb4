"""The write path: files → documents → sentences → vectors → store, idempotent and crash-safe.

Order of writes for one document (what makes a kill -9 harmless):

1. its record, status ``pending`` (with ``replaces`` naming the document it supersedes);
2. its sentences (upserts keyed by content-derived ids);
3. its analysis (:mod:`index.analysis`), when the ingestor has an analyser;
4. its record's status set to ``ready``;
5. the superseded document is deleted;
6. ``learn`` (when given) is called with its analysed texts: what it keeps (the vectors of
   the report's words, say) is a cache that no answer needs, so it may be lost to a crash.

Documents are written in groups (one embedding call, one write of each kind per group), and the
order holds for the group as a whole.

:func:`recover` runs before every ingest: records that are not ``ready`` are the remains of an
interrupted write and are deleted with their sentences (their files are then ingested afresh);
a ``ready`` record whose predecessor still exists finishes step 5. So no step leaves duplicates,
stale sentences or half documents behind for longer than the next ingest.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

import numpy as np

from index.analysis import Analyser, StoredAnalysis, analysed_texts
from index.embedder import Embedder
from index.loading import Loaded, Skipped, iter_found, load_file
from index.sentences import split_document
from index.store import DELETING, PENDING, READY, DocumentRecord, Store
from index.types import Sentence

DEFAULT_MAX_BYTES = 5_000_000
# Enough sentences per encode call to keep the model's batches full across small documents.
EMBED_GROUP = 4096

READ_AHEAD = 32  # files loaded and split ahead of the embedding (bounds the memory it takes)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class DocSummary:
    """One document the ingest touched."""

    doc_id: str
    source: str
    title: str
    sentences: int
    content: int


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did. ``ok`` is False when any file was skipped."""

    added: tuple[DocSummary, ...] = ()
    replaced: tuple[DocSummary, ...] = ()
    unchanged: tuple[DocSummary, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    recovered: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.skipped

    @property
    def sentences_written(self) -> int:
        return sum(d.sentences for d in self.added + self.replaced)

    def to_dict(self) -> dict:
        docs = lambda items: [d.__dict__ for d in items]  # noqa: E731
        return {
            "added": docs(self.added), "replaced": docs(self.replaced),
            "unchanged": docs(self.unchanged),
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "recovered": list(self.recovered), "sentences_written": self.sentences_written,
        }


# What the reader found for one file: None (skipped before reading), the stored record (unchanged),
# a reason to skip it, or the loaded file and its sentences.
_Read = DocumentRecord | Skipped | tuple[Loaded, list[Sentence]] | None


@dataclass
class _Pending:
    loaded: Loaded
    sentences: list[Sentence]
    replaces: str | None
    vectors: np.ndarray | None = None
    relative: str | None = None


@dataclass
class _Tally:
    added: list[DocSummary] = field(default_factory=list)
    replaced: list[DocSummary] = field(default_factory=list)
    unchanged: list[DocSummary] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def recover(store: Store) -> list[str]:
    """Finish or undo what an interrupted ingest or forget left; return the ids cleaned up."""
    records = store.documents()
    cleaned = [r.doc_id for r in records if r.status != READY]
    ready = {r.doc_id for r in records if r.status == READY}
    cleaned += [r.replaces for r in records
                if r.status == READY and r.replaces in ready and r.replaces != r.doc_id]
    for doc_id in cleaned:
        store.delete_document(doc_id)
    return cleaned


def forget(store: Store, doc_id: str) -> bool:
    """Remove a document and its sentences; False if the store does not hold it."""
    if store.document(doc_id) is None:
        return False
    store.mark([doc_id], DELETING)  # a crash from here on is cleaned up by recover()
    store.delete_document(doc_id)
    return True


class Ingestor:
    """Ingests files into a store with an embedder and (optionally) an analyser whose analysis
    is stored with each document, and a ``learn`` called once per written group with the
    analysed texts (:func:`index.analysis.analysed_texts`) of its reports. Holds no state
    between calls."""

    def __init__(self, store: Store, embedder: Embedder, max_bytes: int = DEFAULT_MAX_BYTES,
                 clock: Callable[[], float] = time.time, group: int = EMBED_GROUP,
                 analyser: Analyser | None = None,
                 learn: Callable[[Sequence[str]], object] | None = None) -> None:
        self._group = group
        self._analyser = analyser
        self._learn = learn
        self._store = store
        self._embedder = embedder
        self._max_bytes = max_bytes
        self._clock = clock

    def ingest(self, paths: Iterable[str | Path], progress: Progress | None = None
               ) -> IngestReport:
        """Ingest files and folders; a bad file is skipped with a reason, never fatal.

        A record written holds the file's absolute path as ``source`` and, as ``relative``, its
        path from the folder given (the file name for a file given by itself).
        """
        recovered = recover(self._store)
        known = {r.source: r for r in self._store.documents()}
        by_id = {r.doc_id: r for r in known.values()}
        tally, batch = _Tally(), []
        found = list(iter_found(paths))
        files, relative = [item for item, _ in found], dict(found)
        # One reader thread loads and splits the next files, and one writer thread stores group
        # n, while the model embeds group n+1 (the model's work mostly runs without the GIL).
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="corroborate-read") as reader, \
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="corroborate-write") as writer:
            writing: Future | None = None
            read = _read_ahead(reader, files, lambda item: self._read(item, known))
            for done, (item, found) in enumerate(read, start=1):
                pending = self._triage(item, found, known, by_id, tally)
                if pending is not None:
                    pending.relative = relative[item]
                    batch.append(pending)
                    by_id[pending.loaded.document.doc_id] = None  # same text twice in one run
                if sum(len(p.sentences) for p in batch) >= self._group:
                    writing = self._flush(batch, tally, writer, writing)
                if progress:
                    progress(done, len(files), str(getattr(item, "path", item)))
            writing = self._flush(batch, tally, writer, writing)
            if writing is not None:
                writing.result()
        return IngestReport(tuple(tally.added), tuple(tally.replaced), tuple(tally.unchanged),
                            tuple(tally.skipped), tuple(recovered))

    def _read(self, item: Path | Skipped, known: dict[str, DocumentRecord]) -> _Read:
        """What one file holds, worked out off the main thread: nothing to read (skipped, or
        unchanged since it was stored), a reason to skip it, or its document and sentences."""
        if isinstance(item, Skipped):
            return None
        previous = _previous(known, item)
        if previous is not None and previous.content_hash == _hash_file(item):
            return previous
        loaded = load_file(item, self._max_bytes)
        if isinstance(loaded, Skipped):
            return loaded
        return loaded, split_document(loaded.document, loaded.furniture)

    def _triage(self, item: Path | Skipped, found: _Read, known: dict[str, DocumentRecord],
                by_id: dict[str, DocumentRecord | None], tally: _Tally) -> _Pending | None:
        """Decide what to do with one file: skip it, call it unchanged, or write it."""
        if isinstance(item, Skipped) or isinstance(found, Skipped):
            tally.skipped.append(found if isinstance(found, Skipped) else item)
            return None
        if isinstance(found, DocumentRecord):
            tally.unchanged.append(_summary(found))
            return None
        loaded, sentences = found
        previous = _previous(known, item)
        doc_id = loaded.document.doc_id
        if doc_id in by_id and (previous is None or previous.doc_id != doc_id):
            twin = by_id[doc_id]
            where = twin.source if twin else "another file in this ingest"
            tally.skipped.append(Skipped(str(item), f"same text as {where}; not stored twice"))
            return None
        replaces = previous.doc_id if previous is not None else None
        return _Pending(loaded, sentences, replaces)

    def _flush(self, batch: list[_Pending], tally: _Tally, writer: ThreadPoolExecutor,
               writing: Future | None) -> Future | None:
        """Embed a group of documents in one call, then hand it to the writer.

        Waits for the previous group's write first, so groups land in order and a failed write
        stops the ingest (its exception is raised here).
        """
        if not batch:
            return writing
        group = list(batch)
        batch.clear()
        vectors = self._embedder.embed([s.text for p in group for s in p.sentences])
        at = 0
        for pending in group:
            pending.vectors = vectors[at : at + len(pending.sentences)]
            at += len(pending.sentences)
        if writing is not None:
            writing.result()
        return writer.submit(self._write_and_tally, group, tally)

    def _write_and_tally(self, group: list[_Pending], tally: _Tally) -> None:
        for pending, record in zip(group, self._write(group)):
            (tally.replaced if pending.replaces else tally.added).append(_summary(record))

    def _write(self, batch: list[_Pending]) -> list[DocumentRecord]:
        """Pending records, then sentences, then analyses, then ready; then drop what they replace.

        Writes are grouped per batch because each Chroma call costs far more than each row.
        """
        now = self._clock()
        records = [_record(p, now) for p in batch]
        self._store.put_documents(
            records, [p.loaded.document.text for p in batch],
            np.stack([_document_vector(p.sentences, p.vectors) for p in batch]))
        self._store.upsert_sentences([s for p in batch for s in p.sentences],
                                     np.concatenate([p.vectors for p in batch]))
        if self._analyser is not None:
            self._store.put_analyses([self._analysis(p) for p in batch])
        self._store.mark([r.doc_id for r in records], READY)
        for record in records:
            if record.replaces and record.replaces != record.doc_id:
                self._store.delete_document(record.replaces)
        if self._learn is not None:  # step 6
            self._learn([t for p in batch for t in _analysed(p)])
        return [replace(r, status=READY) for r in records]


    def _analysis(self, pending: _Pending) -> StoredAnalysis:
        return StoredAnalysis(pending.loaded.document.doc_id, self._analyser.version,
                              self._analyser.analyse(_analysed(pending)))


def _analysed(pending: _Pending) -> list[str]:
    return analysed_texts(pending.loaded.document.title, pending.sentences)


def _read_ahead(pool: ThreadPoolExecutor, items: Sequence[Path | Skipped],
                read: Callable[[Path | Skipped], _Read], window: int = READ_AHEAD
                ) -> Iterator[tuple[Path | Skipped, _Read]]:
    """``(item, read(item))`` in order, with up to ``window`` items read ahead in ``pool``."""
    queue: deque[tuple[Path | Skipped, Future]] = deque()
    upcoming = iter(items)
    for item in islice(upcoming, window):
        queue.append((item, pool.submit(read, item)))
    while queue:
        item, future = queue.popleft()
        for following in islice(upcoming, 1):
            queue.append((following, pool.submit(read, following)))
        yield item, future.result()


def _record(pending: _Pending, now: float) -> DocumentRecord:
    document = pending.loaded.document
    meta = document.meta
    return DocumentRecord(
        doc_id=document.doc_id, source=os.path.abspath(document.source),
        relative=pending.relative, content_hash=document.content_hash,
        format=document.format, title=meta.title, sentence_count=len(pending.sentences),
        content_count=sum(s.content for s in pending.sentences), status=PENDING,
        outlet=meta.outlet, byline=meta.byline, published=meta.published,
        replaces=pending.replaces, ingested_at=now,
    )


def _previous(known: dict[str, DocumentRecord], path: Path) -> DocumentRecord | None:
    """The stored record of the file at ``path``: by its absolute path, or by the path as given
    (the form stores written before sources were made absolute hold)."""
    return known.get(os.path.abspath(path)) or known.get(str(path))


def _document_vector(sentences: Sequence[Sentence], vectors: np.ndarray) -> np.ndarray:
    """The normalised mean of the content sentences' vectors (all of them if none is content)."""
    mask = np.array([s.content for s in sentences], dtype=bool)
    chosen = vectors[mask] if mask.any() else vectors
    if len(chosen) == 0:
        return np.full(vectors.shape[1], 1.0 / np.sqrt(vectors.shape[1]), dtype=np.float32)
    mean = chosen.mean(axis=0)
    return (mean / (np.linalg.norm(mean) or 1.0)).astype(np.float32)


def _summary(record: DocumentRecord) -> DocSummary:
    return DocSummary(record.doc_id, record.source, record.title, record.sentence_count,
                      record.content_count)


def _hash_file(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # unreadable: let load_file report why
