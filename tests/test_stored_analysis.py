"""Parses stored at ingest (issue 17): the payload codec, the reading pipeline, the consistency
check and re-analysis, on the in-memory store and the stand-in pipeline (the real parts are in
tests/test_stored_answers.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.language import StandInPipeline
from assistant.language.stored import ParseAnalyser, StoredPipeline, decode, encode
from assistant.retrieval import Corpus
from index.analysis import LEAD_CHARS, StoredAnalysis, analysed_texts, lead_parts, lead_text
from index.check import check_store
from index.embedder import HashingEmbedder
from index.ingest import Ingestor, forget
from index.memory_store import MemoryStore
from index.reanalyse import reanalyse, stale
from index.store import READY
from index.types import Sentence

REPORTS = {
    "a.txt": "Harbour closes\n\nThe Port of Avel closed on Monday. Ships waited 3 days offshore.\n",
    "b.txt": "Harbour reopens\n\nThe port reopened on Friday. Ferries left at 6 a.m.\n",
}
TEXTS = ["", "  ", "One.", "Kim Lee paid $4,000 on 3 May.", "A lone \ud800 surrogate.",
         "Émile's café — “quoted” 12.5%."]


class Counting(StandInPipeline):
    """The stand-in, counting the texts it parses."""

    def __init__(self) -> None:
        self.parsed: list[str] = []

    def parse_many(self, texts):
        self.parsed += list(texts)
        return super().parse_many(texts)


@pytest.fixture
def files(tmp_path):
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def ingest(store, files, analyser=None):
    return Ingestor(store, HashingEmbedder(), analyser=analyser).ingest([files])


def corpus_of(store) -> Corpus:
    records = [r for r in store.documents() if r.status == READY]
    return Corpus(records, list(store.iter_sentences()))


def test_payloads_decode_to_equal_parses():
    parses = StandInPipeline().parse_many(TEXTS)
    assert decode(encode(parses)) == parses
    assert decode(encode([])) == []
    assert encode(parses).isascii()


def test_a_foreign_payload_is_refused():
    with pytest.raises(ValueError, match="not a stored parse payload"):
        decode("not base64 at all!")


def test_analysed_texts_are_content_sentences_then_the_lead():
    sentences = [Sentence("s1", "d", 1, 0, 4, "Two."), Sentence("s0", "d", 0, 0, 4, "One."),
                 Sentence("s2", "d", 2, 0, 4, "Ads.", content=False, kind="ad"),
                 Sentence("s3", "d", 3, 0, 4, "One.")]
    assert analysed_texts("Title", sentences) == ["One.", "Two.", "Title"]
    assert lead_text("Title", sorted(sentences[:2], key=lambda s: s.index)) == "Title One. Two."
    assert len(lead_text("x" * 1000, [])) == LEAD_CHARS


def test_lead_parts_are_what_the_lead_joins_cut_where_it_is_cut():
    long = Sentence("s0", "d", 0, 0, 700, "y" * 700)
    short = Sentence("s1", "d", 1, 0, 4, "Two.")
    assert lead_parts("Title", [long, short]) == ["Title", "y" * (LEAD_CHARS - 6)]
    assert " ".join(lead_parts("Title", [long, short])) == lead_text("Title", [long, short])
    assert lead_parts("", [short]) == ["Two."]
    assert analysed_texts("Title", [long]) == ["y" * 700, "Title", "y" * (LEAD_CHARS - 6)]


def test_ingest_stores_an_analysis_per_report_that_check_accepts(files):
    store = MemoryStore()
    analyser = ParseAnalyser(StandInPipeline())
    ingest(store, files, analyser)
    records = store.documents()
    assert {r.analysis for r in records} == {analyser.version}
    stored = store.analyses([r.doc_id for r in records])
    for record in records:
        texts = analysed_texts(record.title, store.sentences(record.doc_id))
        assert [p.text for p in decode(stored[record.doc_id].payload)] == texts
    assert check_store(store) == []


def test_forget_takes_the_analysis_with_the_report(files):
    store = MemoryStore()
    ingest(store, files, ParseAnalyser(StandInPipeline()))
    doc_id = store.documents()[0].doc_id
    forget(store, doc_id)
    assert doc_id not in store.analysis_doc_ids()
    assert check_store(store) == []


def test_check_names_reports_without_analysis_and_analyses_without_report(files):
    store = MemoryStore()
    ingest(store, files)  # no analyser: nothing stored
    problems = check_store(store)
    assert len(problems) == 2 and all("no stored analysis" in p for p in problems)
    assert all("corroborate reanalyse" in p for p in problems)
    store.put_analyses([StoredAnalysis("ghost", "v", "p")])  # unknown ids are not stored
    assert "ghost" not in store.analysis_doc_ids()


def test_reanalyse_brings_stale_and_missing_analyses_up_to_date_once(files):
    store = MemoryStore()
    ingest(store, files)
    old = ParseAnalyser(StandInPipeline())
    first = store.documents()[0]
    store.put_analyses([StoredAnalysis(first.doc_id, "old-version", "x")])
    assert len(stale(store, old.version)) == 2
    seen = []
    assert reanalyse(store, old, lambda done, total: seen.append((done, total))) == 2
    assert seen[-1] == (2, 2)
    assert stale(store, old.version) == [] and check_store(store) == []
    assert reanalyse(store, old) == 0


def test_stored_parses_are_read_instead_of_parsed_and_equal_live_ones(files):
    store = MemoryStore()
    ingest(store, files, ParseAnalyser(StandInPipeline()))
    live = Counting()
    reading = StoredPipeline(live, store, lambda: corpus_of(store))
    texts = [s.text for s in store.iter_sentences()] + ["What closed?"]
    assert reading.parse_many(texts) == StandInPipeline().parse_many(texts)
    assert live.parsed == ["What closed?"]
    assert reading.stored == len(texts) - 1


class Reading(MemoryStore):
    """The in-memory store, noting the reports whose analyses are read."""

    def __init__(self) -> None:
        super().__init__()
        self.read: list[str] = []

    def analyses(self, doc_ids):
        doc_ids = list(doc_ids)
        self.read += doc_ids
        return super().analyses(doc_ids)


def test_only_the_asked_reports_payloads_are_read_once_each(files):
    store = Reading()
    ingest(store, files, ParseAnalyser(StandInPipeline()))
    reading = StoredPipeline(Counting(), store, lambda: corpus_of(store))
    one = store.documents()[0].doc_id
    first = [s for s in store.iter_sentences() if s.doc_id == one]
    assert len(reading.parse_many([s.text for s in first])) == len(first)
    assert reading.stored == len(first) and store.read == [one]
    again = [s for s in store.iter_sentences()]
    reading.parse_many([s.text for s in again])
    assert sorted(store.read) == sorted({s.doc_id for s in again})


def test_analyses_of_another_version_are_not_served(files):
    store = MemoryStore()
    ingest(store, files, ParseAnalyser(StandInPipeline()))
    records = store.documents()
    # same version name, different content: the reader must not trust it once versions differ
    store.put_analyses([StoredAnalysis(r.doc_id, "parses-0/older", encode([])) for r in records])
    live = Counting()
    reading = StoredPipeline(live, store, lambda: corpus_of(store))
    texts = [s.text for s in store.iter_sentences()]
    assert reading.parse_many(texts) == StandInPipeline().parse_many(texts)
    assert reading.stored == 0 and len(live.parsed) == len(set(texts))


def test_a_report_ingested_after_the_first_parse_is_read_from_the_store(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.txt").write_text(REPORTS["a.txt"])
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "b.txt").write_text(REPORTS["b.txt"])
    store = MemoryStore()
    analyser = ParseAnalyser(StandInPipeline())
    ingest(store, tmp_path / "one", analyser)
    live = Counting()
    current = {"corpus": corpus_of(store)}
    reading = StoredPipeline(live, store, lambda: current["corpus"])
    reading.parse("What closed?")
    ingest(store, tmp_path / "two", analyser)
    current["corpus"] = corpus_of(store)
    texts = [s.text for s in store.iter_sentences()]
    assert reading.parse_many(texts) == StandInPipeline().parse_many(texts)
    assert live.parsed == ["What closed?"]


def test_a_damaged_payload_is_parsed_live_not_raised(files):
    store = MemoryStore()
    analyser = ParseAnalyser(StandInPipeline())
    ingest(store, files, analyser)
    store.put_analyses([StoredAnalysis(r.doc_id, analyser.version, "garbage")
                        for r in store.documents()])
    live = Counting()
    reading = StoredPipeline(live, store, lambda: corpus_of(store))
    texts = [s.text for s in store.iter_sentences()]
    assert reading.parse_many(texts) == StandInPipeline().parse_many(texts)
    assert reading.stored == 0


def test_check_reads_payloads_back_and_reanalyse_everything_repairs_them(files):
    store = MemoryStore()
    analyser = ParseAnalyser(StandInPipeline())
    ingest(store, files, analyser)
    assert check_store(store, readable=analyser.readable) == []
    damaged = store.documents()[0]
    store.put_analyses([StoredAnalysis(damaged.doc_id, analyser.version, "garbage")])
    problems = check_store(store, readable=analyser.readable)
    assert len(problems) == 1 and damaged.doc_id in problems[0]
    assert "cannot be read" in problems[0] and "reanalyse --all" in problems[0]
    assert check_store(store) == []  # without the analyser, payloads are opaque
    assert reanalyse(store, analyser) == 0  # not stale: same version
    assert reanalyse(store, analyser, everything=True) == 2
    assert check_store(store, readable=analyser.readable) == []
