"""The ingest pipeline on the in-memory store and hashing embedder: idempotency, replacement,
bad input, and recovery from a crash at every single write."""

from __future__ import annotations

import shutil

import pytest

from assistant.language import StandInPipeline
from assistant.language.stored import ParseAnalyser
from index.check import check_store
from index.embedder import HashingEmbedder
from index.ingest import Ingestor, forget, recover
from index.memory_store import MemoryStore
from index.store import READY
from tests.conftest import CORPORA

REPORT = "Headline of the day\n\nThe council met on Monday. It voted 5-4 to close the bridge.\n"


def ingestor(store, **kw):
    # With an analyser, so every crash point below includes the analysis write.
    kw.setdefault("analyser", ParseAnalyser(StandInPipeline()))
    return Ingestor(store, HashingEmbedder(), **kw)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPORA / "volcano", folder)
    return folder


def test_second_ingest_reports_everything_unchanged(corpus):
    store = MemoryStore()
    first = ingestor(store).ingest([corpus])
    count = store.sentence_count()
    second = ingestor(store).ingest([corpus])
    assert len(first.added) == 8 and not first.skipped
    assert len(second.unchanged) == 8 and not second.added and not second.replaced
    assert store.sentence_count() == count
    assert check_store(store) == []


def test_changed_file_replaces_its_sentences(tmp_path):
    store, path = MemoryStore(), tmp_path / "report.txt"
    path.write_text(REPORT)
    ingestor(store).ingest([path])
    old_id = store.documents()[0].doc_id
    path.write_text(REPORT.replace("5-4", "6-3") + "A new closing sentence.\n")
    report = ingestor(store).ingest([path])
    assert [d.source for d in report.replaced] == [str(path)]
    assert [r.doc_id for r in store.documents()] != [old_id]
    assert store.sentence_doc_ids() == {store.documents()[0].doc_id}
    texts = [s.text for s in store.iter_sentences()]
    assert "It voted 6-3 to close the bridge." in texts
    assert "It voted 5-4 to close the bridge." not in texts
    assert check_store(store) == []


def test_same_text_under_two_paths_is_stored_once(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT)
    (tmp_path / "b.txt").write_text(REPORT)
    store = MemoryStore()
    report = ingestor(store).ingest([tmp_path])
    assert len(report.added) == 1
    assert [s.path for s in report.skipped] == [str(tmp_path / "b.txt")]
    assert "same text as" in report.skipped[0].reason


def test_bad_files_are_skipped_with_reasons_and_others_ingested(tmp_path):
    (tmp_path / "good.txt").write_text(REPORT)
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03 data")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait.".encode("latin-1"))
    (tmp_path / "big.md").write_text("word " * 400)
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.4")
    report = ingestor(MemoryStore(), max_bytes=1000).ingest([tmp_path, tmp_path / "missing.txt"])
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert [d.source for d in report.added] == [str(tmp_path / "good.txt")]
    assert set(reasons) == {"empty.txt", "binary.txt", "latin1.txt", "big.md", "slides.pdf",
                            "missing.txt"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"] and "--max-bytes" in reasons["big.md"]
    assert not report.ok


def test_forget_removes_document_and_sentences(corpus):
    store = MemoryStore()
    ingestor(store).ingest([corpus])
    victim = store.documents()[0]
    assert forget(store, victim.doc_id)
    assert not forget(store, victim.doc_id)
    assert victim.doc_id not in store.sentence_doc_ids()
    assert check_store(store) == []


class Crash(Exception):
    pass


class CrashingStore:
    """Wraps a store and raises on the n-th write, like a process killed at that instant."""

    WRITES = {"put_documents", "upsert_sentences", "put_analyses", "delete_document", "mark"}

    def __init__(self, inner, crash_at: int) -> None:
        self.inner, self.crash_at, self.writes = inner, crash_at, 0

    def __getattr__(self, name):
        attr = getattr(self.inner, name)
        if name not in self.WRITES:
            return attr

        def write(*args, **kwargs):
            self.writes += 1
            if self.writes == self.crash_at:
                raise Crash(name)
            return attr(*args, **kwargs)

        return write


def writes_needed(prepare, run) -> int:
    inner = MemoryStore()
    prepare(inner)
    probe = CrashingStore(inner, crash_at=-1)
    run(probe)
    return probe.writes


@pytest.mark.parametrize("group", [1, 60], ids=["per-document", "grouped"])
@pytest.mark.parametrize("second_version", [False, True], ids=["fresh", "replacing"])
def test_crash_at_any_write_is_repaired_by_the_next_ingest(corpus, second_version, group):
    """Kill the ingest at each write in turn; the next ingest must leave a complete store."""

    def prepare(store):
        if second_version:  # a store that already holds older versions of two files
            ingestor(store).ingest([corpus])

    def change_files():
        for name in ("001_orrenside_dispatch.txt", "004_edrin_chronicle.md"):
            path = corpus / name
            path.write_text(path.read_text() + "\nA late paragraph was added.\n")

    original = {p: p.read_bytes() for p in corpus.iterdir()}
    total = writes_needed(
        prepare, lambda s: (change_files(), ingestor(s, group=group).ingest([corpus])))
    assert total >= 5  # records, sentences, analyses, ready, and a delete or a second group
    for crash_at in range(1, total + 1):
        for path, data in original.items():
            path.write_bytes(data)
        inner = MemoryStore()
        prepare(inner)
        change_files()
        with pytest.raises(Crash):
            ingestor(CrashingStore(inner, crash_at), group=group).ingest([corpus])
        ready = [r.doc_id for r in inner.documents() if r.status == READY]
        assert set(inner.analyses(ready)) == set(ready), f"ready without analysis: {crash_at}"
        report = ingestor(inner).ingest([corpus])
        assert check_store(inner) == [], f"crash at write {crash_at}"
        assert sorted(r.source for r in inner.documents()) == sorted(map(str, corpus.iterdir()))
        assert all(r.status == READY for r in inner.documents())
        assert not report.skipped


def test_recover_finishes_an_interrupted_forget(corpus):
    store = MemoryStore()
    ingestor(store).ingest([corpus])
    victim = store.documents()[0].doc_id
    store.mark([victim], "deleting")  # as if killed right after forget() marked it
    assert recover(store) == [victim]
    assert victim not in store.sentence_doc_ids()
    assert check_store(store) == []


def test_read_ahead_keeps_order_and_reads_at_most_a_window_ahead():
    from concurrent.futures import ThreadPoolExecutor

    from index.ingest import _read_ahead

    started: list[int] = []

    def read(item: int) -> int:
        started.append(item)
        return item * 10

    with ThreadPoolExecutor(max_workers=1) as pool:
        reading = _read_ahead(pool, list(range(20)), read, window=3)
        first = next(reading)
        assert first == (0, 0)
        assert max(started) <= 3  # items 0-2 submitted at once, item 3 after the first is taken
        rest = list(reading)
    assert [item for item, _ in [first, *rest]] == list(range(20))
    assert all(found == item * 10 for item, found in rest)
