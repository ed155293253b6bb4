"""Reading the store once per change, not once per question: the retriever keeps its corpus
while the store's generation is unchanged, and sees every write (from this process or another)."""

from __future__ import annotations

from assistant import Assistant
from index.embedder import HashingEmbedder
from index.memory_store import MemoryStore


class CountingStore:
    """A MemoryStore that counts how often the growing document listing is read."""

    def __init__(self) -> None:
        self.inner, self.listings = MemoryStore(), 0

    def documents(self):
        self.listings += 1
        return self.inner.documents()

    def __getattr__(self, name):
        return getattr(self.inner, name)


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_questions_reuse_the_corpus_until_something_is_written(tmp_path):
    store = CountingStore()
    assistant = Assistant(store=store, embedder=HashingEmbedder())
    assistant.ingest([write(tmp_path, "a.txt", "Ferry\n\nThe ferry sailed at noon on Monday.\n")])
    assistant.ask("When did the ferry sail?")
    before = store.listings
    for _ in range(3):
        assistant.ask("When did the ferry sail?")
    assert store.listings == before

    assistant.ingest([write(tmp_path, "b.txt", "Toll\n\nThe bridge toll rose to 3 dollars.\n")])
    answer = assistant.ask("How much is the bridge toll?")
    assert store.listings > before
    assert any("toll rose" in c.sentence.text for c in answer.citations)


def test_a_write_by_another_process_is_seen(tmp_path, minilm):
    here = Assistant(store=tmp_path / "s", embedder=minilm)
    here.ingest([write(tmp_path, "a.txt", "Ferry\n\nThe ferry sailed at noon on Monday.\n")])
    assert not here.ask("How much is the bridge toll?").citations
    other = Assistant(store=tmp_path / "s", embedder=minilm)  # a second client of the same store
    other.ingest([write(tmp_path, "b.txt", "Toll\n\nThe bridge toll rose to 3 dollars.\n")])
    answer = here.ask("How much is the bridge toll?")
    assert any("toll rose" in c.sentence.text for c in answer.citations)


class ReadingStore(CountingStore):
    """Also records which documents each sentence read asked for (None: all of them)."""

    def __init__(self) -> None:
        super().__init__()
        self.reads: list[set[str] | None] = []

    def iter_sentences(self, *, content_only=True, doc_ids=None):
        self.reads.append(set(doc_ids) if doc_ids is not None else None)
        return self.inner.iter_sentences(content_only=content_only, doc_ids=doc_ids)


def test_after_a_small_change_only_new_documents_are_read_and_the_corpus_equals_a_fresh_one(
        tmp_path):
    from assistant.retrieval import Retriever

    store = ReadingStore()
    assistant = Assistant(store=store, embedder=HashingEmbedder())
    texts = {f"r{i}.txt": f"Report {i}\n\nThe fair opened on day {i}. It drew {i}00 people.\n"
             for i in range(5)}
    assistant.ingest([write(tmp_path, n, t) for n, t in texts.items()])
    retriever = Retriever(store, HashingEmbedder())
    retriever.corpus()
    assert store.reads[-1] is None  # the first corpus reads everything
    added = assistant.ingest([write(tmp_path, "r9.txt", "Report 9\n\nThe fair closed early.\n")])
    assistant.forget(next(r.doc_id for r in store.inner.documents() if r.source.endswith("r0.txt")))
    corpus = retriever.corpus()
    assert store.reads[-1] == {added.added[0].doc_id}
    fresh = Retriever(store.inner, HashingEmbedder()).corpus()
    assert corpus.sentences == fresh.sentences
    assert corpus.stems == fresh.stems
    assert corpus.records == fresh.records
    assert [s.text for s, _ in corpus.lexical(["fair", "close"], 3)] == \
        [s.text for s, _ in fresh.lexical(["fair", "close"], 3)]


class GenerationCountingStore(CountingStore):
    """Also counts the reads of the store's generation (one small read each)."""

    def __init__(self) -> None:
        super().__init__()
        self.generations = 0

    def generation(self):
        self.generations += 1
        return self.inner.generation()


def test_a_question_checks_the_store_once(tmp_path):
    """The language pipeline's hint of which reports are stored does not ask the store again:
    the question's own check (the composer's, first) has just made the corpus current."""
    store = GenerationCountingStore()
    assistant = Assistant(store=store, embedder=HashingEmbedder())
    assistant.ingest([write(tmp_path, "a.txt", "Ferry\n\nThe ferry sailed at noon on Monday.\n")])
    assistant.ask("When did the ferry sail?")
    for question in ("Who sailed the ferry?", "How long did the crossing take on Monday?"):
        before = store.generations
        assistant.ask(question)
        assert store.generations - before == 1
    retriever = assistant._retriever
    assert retriever.latest() is retriever.corpus()


class SearchCountingStore(CountingStore):
    """Also counts the store's dense searches."""

    def __init__(self) -> None:
        super().__init__()
        self.searches = 0

    def search(self, *args, **kwargs):
        self.searches += 1
        return self.inner.search(*args, **kwargs)


def test_a_question_is_searched_once_and_searched_again_after_a_write(tmp_path):
    """The rules and the evidence retrieve the same words: one dense search serves both, and
    a write (a new corpus) is never answered from a search made before it."""
    from assistant.retrieval import DENSE_MEMO
    store = SearchCountingStore()
    assistant = Assistant(store=store, embedder=HashingEmbedder())
    assistant.ingest([write(tmp_path, "a.txt", "Ferry\n\nThe ferry sailed at noon on Monday.\n")])
    before = store.searches
    assistant.ask("When did the ferry sail?")
    assert store.searches - before == 1
    assistant.ingest([write(tmp_path, "b.txt", "Ferry again\n\nThe ferry sailed at dusk.\n")])
    answer = assistant.ask("When did the ferry sail?")
    assert store.searches - before == 2
    assert any("dusk" in c.sentence.text for c in answer.citations + answer.related)
    # a rotation of more questions than the memo holds finds none of its earlier searches
    questions = [f"When did ferry {n} sail?" for n in range(DENSE_MEMO + 1)]
    for question in questions:
        assistant.ask(question)
    before = store.searches
    assistant.ask(questions[0])
    assert store.searches - before == 1
