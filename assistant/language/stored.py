"""Parses made once at ingest, stored with their report, and read back instead of parsed again.

:class:`ParseAnalyser` is the :class:`index.analysis.Analyser` the write path runs: it parses a
report's texts (its content sentences and lead) with a :class:`LanguagePipeline` and encodes the
:class:`Parsed` values into one payload. :class:`StoredPipeline` is the read path's pipeline: a
:class:`LanguagePipeline` that, for a text of a stored report, decodes the stored parse instead of
running the model, and parses anything else (questions, reports stored without an analysis or
with one of another version) with the live pipeline. A stored parse is the live pipeline's parse
of the same text, so answers are the same either way; only the time differs.
"""

from __future__ import annotations

import base64
import json
import sys
import threading
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from assistant.language.pipeline import LanguagePipeline, ParseCache, checked_texts
from assistant.language.types import Entity, Parsed, Token
from index.analysis import StoredAnalysis, analysed_texts
from index.store import DocumentRecord, Store
from index.types import Sentence

# Part of every payload's version: bump it whenever the encoding below changes.
ENCODING = 1
_STOP, _NUM = 1, 2


class Reports(Protocol):
    """The stored reports a reader can see (``assistant.retrieval.Corpus`` is one): their
    records by id, and their content sentences by id in index order."""

    records: Mapping[str, DocumentRecord]
    by_doc: Mapping[str, Sequence[Sentence]]


class ParseAnalyser:
    """An :class:`index.analysis.Analyser` whose payload is ``pipeline``'s parses of the texts."""

    def __init__(self, pipeline: LanguagePipeline) -> None:
        self.pipeline = pipeline
        self.version = analysis_version(pipeline)

    def analyse(self, texts: Sequence[str]) -> str:
        return encode(self.pipeline.parse_many(texts))

    def readable(self, analysis: StoredAnalysis) -> bool:
        """False for an analysis of this version whose payload does not decode (another
        version's is not this analyser's to judge: it is stale, and made again anyway)."""
        if analysis.version != self.version:
            return True
        try:
            decode(analysis.payload)
        except ValueError:
            return False
        return True


def analysis_version(pipeline: LanguagePipeline) -> str:
    """The version of the analyses :class:`ParseAnalyser` makes with ``pipeline``."""
    return f"parses-{ENCODING}/{pipeline.version}"


def encode(parses: Sequence[Parsed]) -> str:
    """The parses as one ASCII string (compressed JSON); :func:`decode` gives them back equal."""
    rows = [[p.text, [_token_row(t) for t in p.tokens],
             [[e.label, e.start, e.end] for e in p.entities]] for p in parses]
    raw = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(zlib.compress(raw.encode("utf-8", "surrogatepass"), 6)).decode("ascii")


def decode(payload: str) -> list[Parsed]:
    """The parses :func:`encode` encoded. Raises ValueError for a payload it did not make."""
    return decode_some(payload, None)


def decode_some(payload: str, texts: set[str] | None) -> list[Parsed]:
    """The parses of ``texts`` (all when None) among those :func:`encode` encoded; the others
    are not built (most of a report's parses are not wanted by most questions)."""
    try:
        raw = zlib.decompress(base64.b64decode(payload)).decode("utf-8", "surrogatepass")
        return [_parsed(text, tokens, entities) for text, tokens, entities in json.loads(raw)
                if texts is None or text in texts]
    except (ValueError, TypeError, zlib.error) as exc:
        raise ValueError(f"not a stored parse payload: {exc}") from exc


def _token_row(t: Token) -> list:
    lemma = None if t.lemma == t.text else t.lemma  # most lemmas are the word itself
    flags = (_STOP if t.is_stop else 0) | (_NUM if t.like_num else 0)
    return [t.start, t.end, lemma, t.pos, t.tag, t.dep, t.head, t.ent_type, flags]


def _parsed(text: str, tokens: list, entities: list) -> Parsed:
    made = []
    for start, end, lemma, pos, tag, dep, head, ent, flags in tokens:
        word = text[start:end]
        made.append(Token(word, start, end, word if lemma is None else sys.intern(lemma),
                          sys.intern(pos), sys.intern(tag), sys.intern(dep), head,
                          sys.intern(ent), bool(flags & _STOP), bool(flags & _NUM)))
    ents = tuple(Entity(text[s:e], sys.intern(label), s, e) for label, s, e in entities)
    return Parsed(text, tuple(made), ents)


class StoredPipeline:
    """A :class:`LanguagePipeline` that reads stored parses of stored reports' texts.

    ``reports()`` returns the reports currently visible; it is called only when a text is
    neither cached nor known to be a stored report's, and when it returns another object than
    before, the text-to-report map is rebuilt. A report's payload is read when one of its texts
    is first asked for (in pages, kept compressed, decoded text by text). Only analyses whose
    version is this pipeline's are read. A parse depends on its text alone, so a parse read for
    a report since removed is still right. Thread-safe: the view is replaced whole under a
    lock, its payloads and the cache are locked, and the store is only read. ``stored``/``live_texts`` count the texts served each
    way (for tests and benchmarks; not exact under concurrent calls).
    """

    def __init__(self, live: LanguagePipeline, store: Store, reports: Callable[[], Reports],
                 *, cache_size: int = 50_000, cache_chars: int = 10_000_000) -> None:
        self.live = live
        self.name = live.name
        self.version = live.version
        self.analysis = analysis_version(live)
        self._store = store
        self._reports = reports
        self._cache = ParseCache(cache_size, cache_chars)
        self._view = _View(None, {}, {})
        self._lock = threading.Lock()
        self.stored = self.live_texts = 0

    def parse(self, text: str) -> Parsed:
        return self.parse_many([text])[0]

    def parse_many(self, texts: Sequence[str]) -> list[Parsed]:
        texts = checked_texts(texts)
        found, missing = self._cache.lookup(texts)
        if missing:
            found.update(self._from_store(missing))
            rest = [t for t in missing if t not in found]
            self.live_texts += len(rest)
            found.update(zip(rest, self.live.parse_many(rest)))
        return [found[t] for t in texts]

    def _from_store(self, texts: list[str]) -> dict[str, Parsed]:
        """The stored parses of those of ``texts`` that stored reports hold, cached."""
        view = self._current(texts)
        wanted: dict[str, list[str]] = {}
        for text in texts:
            if text in view.where:
                wanted.setdefault(view.where[text], []).append(text)
        payloads = view.read(self._store, self.analysis, list(wanted))
        got: dict[str, Parsed] = {}
        for doc_id, asked in wanted.items():
            try:
                parses = decode_some(payloads[doc_id], set(asked)) if doc_id in payloads else ()
            except ValueError:  # damaged in the store: parsed live, as if never stored
                continue
            for parsed in parses:
                got[parsed.text] = self._cache.put(parsed.text, parsed)
        self.stored += len(got)
        return got

    def _current(self, texts: list[str]) -> "_View":
        """The view, made again first if a text is not in it and the reports have changed."""
        view = self._view
        if all(t in view.where for t in texts):
            return view
        reports = self._reports()
        with self._lock:
            if self._view.reports is not reports:
                self._view = _View.of(reports, self.analysis, self._view)
            return self._view


class _View:
    """What the stored reports hold: text -> report id (of reports whose record names an
    analysis of the current version), and the payloads read so far, report id -> payload.
    ``reports`` is the object it was made from. Payloads are read when first asked for: a
    question reads the parses of a few dozen reports, and reading all of them cost a new
    process 0.25 s at 100k sentences."""

    def __init__(self, reports: object, where: Mapping[str, str],
                 payloads: dict[str, str | None]) -> None:
        self.reports = reports
        self.where = where
        self._payloads = payloads  # only ever added to: an entry never changes
        self._lock = threading.Lock()

    @staticmethod
    def of(reports: Reports, version: str, old: "_View") -> "_View":
        current = [d for d, r in reports.records.items() if r.analysis == version]
        payloads = {d: old._payloads[d] for d in current if old._payloads.get(d) is not None}
        where: dict[str, str] = {}
        for doc_id in current:
            record = reports.records[doc_id]
            for text in analysed_texts(record.title, reports.by_doc.get(doc_id, ())):
                where.setdefault(text, doc_id)
        return _View(reports, where, payloads)

    def read(self, store: Store, version: str, doc_ids: Sequence[str]) -> dict[str, str]:
        """The payloads of ``version`` stored for ``doc_ids`` (those it has), read once each."""
        with self._lock:
            todo = [d for d in doc_ids if d not in self._payloads]
        fresh: dict[str, str | None] = dict.fromkeys(todo)  # None: none of this version
        for at in range(0, len(todo), _PAGE):
            fresh.update((a.doc_id, a.payload) for a in
                         store.analyses(todo[at: at + _PAGE]).values() if a.version == version)
        with self._lock:
            self._payloads.update(fresh)
            return {d: p for d in doc_ids if (p := self._payloads.get(d)) is not None}


_PAGE = 500  # payloads read per store call
