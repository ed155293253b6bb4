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
