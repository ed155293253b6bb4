"""The library's front door: ``Assistant(store=PATH)`` then ingest, inspect and (later) ask.

Every adapter (CLI, Gradio app, eval runner) goes through this class; nothing they show is
computed anywhere else.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.artifacts import code_digest
from assistant.analyses_store import AnalysesStore
from assistant.chat import Chat
from assistant.compose import Composer
from assistant.corpus_store import CorpusStore
from assistant.event_store import EventStore
from assistant.evidence.quotes import EvidenceAnswerer
from assistant.evidence.relevance import Relevance
from assistant.evidence.word_vectors import WordVectors, report_words
from assistant.language import SpacyPipeline
from assistant.language.stored import ParseAnalyser, StoredPipeline
from assistant.llm import LanguageModel, LLMConfig, open_model
from assistant.llm_composer import Draft, LLMComposer
from assistant.query import analyse
from assistant.retrieval import Retriever
from assistant.settings import load_settings
from assistant.support import Support
from assistant.timeline import TimelineEntry, timeline
from assistant.types import Answer
from index.check import check_store
from index.chroma_store import open_http, open_persistent
from index.embedder import Embedder, MiniLMEmbedder
from index.errors import InputError, NotFoundError
from index.ingest import IngestReport, Ingestor, Progress, forget
from index.reanalyse import reanalyse, stale
from index.store import DocumentRecord, Store, shown_paths
from index.types import Sentence


@dataclass(frozen=True)
class DocumentView:
    """A stored document with its exact text and every sentence (furniture included)."""

    record: DocumentRecord
    text: str
    sentences: tuple[Sentence, ...]

    def to_dict(self) -> dict:
        return {
            **self.record.__dict__,
            "text": self.text,
            "sentences": [s.__dict__ | {"dates": list(s.dates)} for s in self.sentences],
        }


class Assistant:
    """Corroborate over one store.

    ``store`` is a directory (the embedded Chroma store, created if missing) or any object
    implementing :class:`index.store.Store`; by default ``CORROBORATE_STORE`` or the per-user
    data directory. ``chroma_url`` (or ``CORROBORATE_CHROMA_URL``) uses a Chroma server
    instead of a directory; a ``Store`` object given as ``store`` wins over both. ``embedder`` defaults to the bundled all-MiniLM-L6-v2, loaded on first use.

    ``llm`` plugs in a language model that rewrites each answer, showing only sentences that the
    sentences they cite support (:mod:`assistant.llm_composer`): an :class:`LLMConfig`, or any
    :class:`LanguageModel`; by default ``CORROBORATE_LLM*``, and without those no model is used
    and answers are exactly the extractive composer's. ``self.llm`` is the model in use (None
    without one).
    """

    def __init__(self, store: str | Path | Store | None = None, *,
                 embedder: Embedder | None = None, max_bytes: int | None = None,
                 chroma_url: str | None = None,
                 llm: LLMConfig | LanguageModel | None = None) -> None:
        settings = load_settings(max_bytes=max_bytes, chroma_url=chroma_url,
                                 store=store if isinstance(store, (str, Path)) else None)
        self.embedder = embedder or MiniLMEmbedder()
        self.store_path = None if _is_store(store) or settings.chroma_url else settings.store
        self.store: Store = store if _is_store(store) else _open_store(settings, self.embedder)
        # the source's hash keys both stored artifacts: hashed once, when one is first needed
        code = functools.cache(code_digest)
        self._retriever = retriever = Retriever(self.store, self.embedder,
                                                kept=CorpusStore(self.store, code))
        live = SpacyPipeline()
        # Parses are made once, at ingest, stored with each report, and read back here.
        self.analyser = ParseAnalyser(live)
        # which reports' parses are stored: a hint, refreshed by every question's corpus check
        self.language = StoredPipeline(live, self.store, retriever.latest)
        # Word vectors for matching by meaning: the reports' words embedded at ingest and kept
        # in the store (a new question's words would otherwise be most of its time).
        self._words = WordVectors(self.embedder, self.store)
        self._ingestor = Ingestor(self.store, self.embedder, max_bytes=settings.max_bytes,
                                  group=settings.embed_group, analyser=self.analyser,
                                  learn=self._learn_words)
        evidence = EvidenceAnswerer(retriever, Relevance(self.language, self.embedder, self._words),
                                    self.language)
        self._composer = Composer(retriever, Support(self.embedder, self._words), evidence=evidence,
                                  stored=EventStore(self.store, self.language.version, code),
                                  analyses=AnalysesStore(self.store, self.language.version, code))
        self.llm = _language_model(llm if llm is not None else settings.llm_config())
        self._writer = None if self.llm is None else LLMComposer(
            self.llm, self.store.document_text, self.store.document, self._timeline_facts)

    def ask(self, question: str) -> Answer:
        """Answer one question on its own; see :class:`assistant.types.Answer`."""
        _check_question(question)
        return self._write(self._composer.answer(analyse(question)))

    def _write(self, answer: Answer) -> Answer:
        return answer if self._writer is None else self._writer.compose(answer)

    def _timeline_facts(self, answer: Answer) -> list[str]:
        """"DATE: LABEL" for each instance the answer's citations speak of."""
        return [f"{e.date}: {e.label}" for e in self.timeline() if e.event_id in answer.events]

    def timeline(self) -> list[TimelineEntry]:
        """Every instance of the recurring event the reports describe, in date order."""
        return timeline(self._composer.events())

    def chat(self) -> "ChatSession":
        """A conversation whose follow-ups are resolved against its earlier turns."""
        return ChatSession(Chat(self._composer), self._writer)

    def ingest(self, paths: Iterable[str | Path], progress: Progress | None = None
               ) -> IngestReport:
        """Ingest files and folders; see :class:`index.ingest.IngestReport`."""
        return self._ingestor.ingest(paths, progress=progress)

    def documents(self) -> list[DocumentRecord]:
        return self.store.documents()

    def shown_paths(self) -> Callable[[str], str]:
        """``source -> path to show people`` (:attr:`DocumentRecord.shown_path`) for the sources
        answers and timelines name; a source no longer stored shows its file name."""
        return shown_paths(self._retriever.corpus().records.values())

    def document(self, doc_id: str) -> DocumentView:
        """The document whose id is ``doc_id`` or starts with it (a unique prefix)."""
        record = self._resolve(doc_id)
        return DocumentView(record, self.store.document_text(record.doc_id),
                            tuple(self.store.sentences(record.doc_id)))

    def forget(self, doc_id: str) -> DocumentRecord:
        """Remove a document (id or unique prefix) and all its sentences; returns its record."""
        record = self._resolve(doc_id)
        forget(self.store, record.doc_id)
        return record

    def stale_analyses(self) -> list[DocumentRecord]:
        """The stored reports whose analysis is missing or was made by other code (a store
        written before analyses were stored, or before an upgrade): answers stay right, but
        their reports are parsed again in every process until :meth:`reanalyse` runs."""
        return stale(self.store, self.analyser.version)

    def reanalyse(self, progress: Callable[[int, int], None] | None = None,
                  everything: bool = False) -> int:
        """Analyse every stale report (every report with ``everything``) once and store the
        analysis; returns how many."""
        return reanalyse(self.store, self.analyser, progress, everything, self._learn_words)

    def _learn_words(self, texts: Sequence[str]) -> None:
        """Store the vectors of the words of reports just written (their parses were just made
        by the analyser, and are still in the live pipeline's cache)."""
        self._words.learn(report_words(self.analyser.pipeline.parse_many(texts)))

    def prepare(self) -> int:
        """Build now what answering needs from the stored reports alone (the corpus and the
        instances of the events they report, with the reports' analyses they come from), rather
        than at the first question, and keep them in the store for later processes
        (:mod:`assistant.corpus_store`, :mod:`assistant.event_store`,
        :mod:`assistant.analyses_store`); returns how many instances there are."""
        self._retriever.keep()
        self._composer.keep()
        return len(self._composer.events().events)

    def check(self) -> list[str]:
        """Consistency problems of the store, one line each (empty when all is well)."""
        return check_store(self.store, readable=self.analyser.readable)

    def _resolve(self, doc_id: str) -> DocumentRecord:
        doc_id = doc_id.strip()
        if not doc_id:
            raise InputError("give a document id (see `corroborate docs`)")
        matches = [r for r in self.store.documents() if r.doc_id.startswith(doc_id)]
        if len(matches) > 1:
            raise InputError(f"{doc_id!r} matches {len(matches)} documents; give more of the id")
        if not matches:
            raise NotFoundError(f"no document {doc_id!r} in the store; see `corroborate docs`")
        return matches[0]


class ChatSession:
    """``chat.ask(question) -> Answer``; ``chat.turns`` holds the conversation so far.

    With a language model, ``turns`` keep the extractive answers: follow-ups are resolved from
    what the sources say, never from the model's wording.
    """

    def __init__(self, chat: Chat, writer: LLMComposer | None = None) -> None:
        self._chat = chat
        self._writer = writer

    @property
    def turns(self):
        return tuple(self._chat.turns)

    def ask(self, question: str) -> Answer:
        _check_question(question)
        answer = self._chat.ask(question)
        return answer if self._writer is None else self._writer.compose(answer)

    def stream(self, question: str) -> Iterator[Draft]:
        """Like :meth:`ask`, as drafts of verified sentences; the last draft holds the answer
        (without a language model, that is the only draft)."""
        _check_question(question)
        answer = self._chat.ask(question)
        if self._writer is None:
            yield Draft((), answer)
        else:
            yield from self._writer.stream(answer)

    def reset(self) -> None:
        self._chat.reset()


MAX_QUESTION_CHARS = 2000


def _check_question(question: str) -> None:
    """Questions that cannot be asked get a clear message, not an attempt."""
    if not isinstance(question, str) or not question.strip():
        raise InputError("ask a question: the text is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise InputError(f"the question is {len(question)} characters long; keep it under "
                         f"{MAX_QUESTION_CHARS}")


def _open_store(settings, embedder: Embedder) -> Store:
    if settings.chroma_url:
        return open_http(settings.chroma_url, embedder.name, embedder.dimension)
    return open_persistent(settings.store, embedder.name, embedder.dimension)


def _language_model(llm: LLMConfig | LanguageModel | None) -> LanguageModel | None:
    return open_model(llm) if isinstance(llm, LLMConfig) else llm


def _is_store(value: object) -> bool:
    return value is not None and not isinstance(value, (str, Path))
