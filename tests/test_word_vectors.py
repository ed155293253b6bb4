"""Word vectors: a report's words are embedded once, at ingest (or reanalysis), and kept in the
store; questions read them from there and embed only words no stored report has (issue 17)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.evidence.word_vectors import WordVectors, content_lemmas, plain_words, report_words
from index.embedder import HashingEmbedder
from index.memory_store import MemoryStore


class Counting:
    """An embedder that records every text it is asked to embed."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.name, self.dimension = inner.name, inner.dimension
        self.seen: list[str] = []

    def embed(self, texts):
        self.seen += list(texts)
        return self._inner.embed(texts)

    def embed_query(self, text):
        self.seen.append(text)
        return self._inner.embed_query(text)


def test_learned_words_are_read_from_the_store_not_embedded_again():
    store, embedder = MemoryStore(), Counting(HashingEmbedder())
    assert WordVectors(embedder, store).learn(["strike", "walkout", ""]) == 2
    assert WordVectors(embedder, store).learn(["walkout", "union"]) == 1  # a new process
    assert embedder.seen == ["strike", "walkout", "union"]
    embedder.seen.clear()
    words = WordVectors(embedder, store)
    found = words.vectors(["strike", "picket", "union"])
    assert embedder.seen == ["picket"]  # only the word no report had
    for word in ("strike", "picket", "union"):
        assert np.allclose(found[word], HashingEmbedder().embed([word])[0])
    embedder.seen.clear()
    words.vectors(["picket", "strike"])
    assert embedder.seen == []  # both cached now


def test_without_a_store_nothing_is_learned_and_words_are_embedded_when_asked():
    embedder = Counting(HashingEmbedder())
    words = WordVectors(embedder)
    assert words.learn(["strike"]) == 0 and embedder.seen == []
    assert set(words.vectors(["strike"])) == {"strike"} and embedder.seen == ["strike"]


@pytest.mark.slow
def test_report_words_are_what_relevance_and_support_match_against():
    from assistant.language import SpacyPipeline
    parsed = SpacyPipeline().parse("Workers walked out of the Halden plant on Monday.")
    got = report_words([parsed])
    assert content_lemmas(parsed) <= got and set(plain_words(parsed.text)) <= got
    assert {"walk", "walked", "halden", "monday"} <= got
    assert "the" not in got and "." not in got


@pytest.mark.slow
def test_a_question_embeds_no_word_of_the_stored_reports(tmp_path):
    from assistant import Assistant

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Strike at Halden\n\nWorkers walked out of the Halden plant on "
                                "Monday. About 1,200 people joined the strike, the union said.\n")
    (docs / "b.txt").write_text("Halden talks\n\nThe walkout at Halden entered its third day. "
                                "Managers offered a 4% raise on Wednesday.\n")
    embedder = Counting(HashingEmbedder())
    assistant = Assistant(store=MemoryStore(), embedder=embedder)
    assistant.ingest([docs])
    stored = {t for report in assistant.store.documents()
              for t in _analysed(assistant, report)}
    vocabulary = report_words(assistant.language.parse_many(sorted(stored)))
    assert set(assistant.store.word_vectors(vocabulary)) == vocabulary - {""}
    embedder.seen.clear()
    fresh = Assistant(store=assistant.store, embedder=embedder)  # a new process's reader
    fresh.ask("How many employees joined the strike at the Halden plant?")
    asked_words = [t for t in embedder.seen if " " not in t]
    assert "employee" in asked_words and not set(asked_words) & vocabulary


@pytest.mark.slow
def test_reanalysis_learns_the_words_of_reports_ingested_without_them(tmp_path):
    from assistant import Assistant
    from index.ingest import Ingestor

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Ferry delayed\n\nThe Marrow ferry sailed four hours late.\n")
    store, embedder = MemoryStore(), HashingEmbedder()
    Ingestor(store, embedder).ingest([docs])  # no analyser, no words: an older store
    assert store.word_vectors(["ferry", "marrow"]) == {}
    assistant = Assistant(store=store, embedder=embedder)
    assert assistant.reanalyse() == 1
    assert set(store.word_vectors(["ferry", "marrow", "sail", "sailed"])) == {
        "ferry", "marrow", "sail", "sailed"}


def _analysed(assistant, record):
    from index.analysis import analysed_texts
    return analysed_texts(record.title, assistant.store.sentences(record.doc_id))
