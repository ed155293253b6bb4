"""Evidence by meaning: the question's terms and answer type from its parse, a value attached to
the asked event, the asked time, and coverage by lemma and embedding (real spaCy and MiniLM)."""

from __future__ import annotations

import pytest

from assistant.evidence.answer_type import (AGENT, DURATION, NUMBER, PLACE, TIME, entities_for,
                                            expected_labels)
from assistant.evidence.attachment import answers_question, attached, question_lemmas
from assistant.evidence.terms import asked_event, asked_terms
from assistant.evidence.timing import asked_times
from assistant.language import SpacyPipeline


@pytest.fixture(scope="module")
def nlp():
    return SpacyPipeline()


@pytest.mark.parametrize("question,labels", [
    ("When did the storm make landfall?", TIME),
    ("What year was the plant opened?", TIME),
    ("How long did the talks last?", DURATION),
    ("How many people were killed?", NUMBER),
    ("How far did the rocket climb?", NUMBER),
    ("Who mediated the talks?", AGENT),
    ("Where were the cells made?", PLACE),
    ("Why did the launch fail?", None),
    ("What did the regulator say about the recalls?", None),
    # a question word opening a clause that only situates the asked one does not type the answer
    ("What did the mayor say when she conceded the run-off?", None),
    ("How many flights were cancelled when the data centre lost power?", NUMBER),
    ("Tell me when the strike ended.", TIME),
])
def test_the_question_word_gives_the_answer_type(nlp, question, labels):
    assert expected_labels(nlp.parse(question)) == labels


def test_terms_are_lemmas_without_question_words_dates_or_the_answer_kind_noun(nlp):
    terms = {t.lemma: t for t in asked_terms(nlp.parse(
        "To what level were owners of the recalled vehicles told to limit charging in March 2023?"))}
    assert {"owner", "vehicle", "limit"} <= set(terms)
    assert "level" not in terms and "march" not in terms and "2023" not in terms and "what" not in terms
    killed = {t.lemma for t in asked_terms(nlp.parse("How many people were killed by Hurricane Dora?"))}
    assert "kill" in killed and "dora" in killed


@pytest.mark.parametrize("question, attribute", [
    ('What is the medium of "The English Patient"?', "medium"),
    ("What is the population of Kensett?", "population"),
    ("What is the engine size of the V-Strom?", "size")])
def test_the_attribute_asked_of_a_named_thing_is_not_a_term(nlp, question, attribute):
    assert attribute not in {t.lemma for t in asked_terms(nlp.parse(question))}


def test_nor_are_the_words_qualifying_that_attribute(nlp):
    terms = {t.lemma for t in asked_terms(nlp.parse(
        "What is the primary function of Belorechensky?"))}
    assert terms == {"belorechensky"}


@pytest.mark.parametrize("question, noun", [
    ("What was the average annual salary of a Saltcombe dockworker before the strike?",
     "salary"),
    ("What was the margin of error of the Meridane poll published in August?", "margin"),
    ("What is the population of the town?", "population")])
def test_the_attribute_asked_of_a_common_noun_stays_a_term(nlp, question, noun):
    assert noun in {t.lemma for t in asked_terms(nlp.parse(question))}


def test_the_word_do_supports_is_a_verb_whatever_the_tagger_says(nlp):
    # en_core_web_sm, trained on statements, tags "land" and "use" here as nouns
    for question, verb in (("How many fish did the boat land?", "land"),
                           ("How much water did the town use?", "use")):
        parsed = nlp.parse(question)
        terms = {t.lemma: t for t in asked_terms(parsed)}
        assert terms[verb].pos == "VERB" and asked_event(parsed) == verb
    assert {t.lemma: t.pos for t in asked_terms(nlp.parse("How many boats are in the fleet?"))
            }["boat"] == "NOUN"


def test_a_noun_with_a_determiner_is_never_the_verb_do_supports(nlp):
    # the tagger reads "get" as this question's root noun and "did" as the auxiliary of "fire"
    terms = {t.lemma: t for t in asked_terms(nlp.parse("How large did the fire before that one get?"))}
    assert terms["fire"].pos == "NOUN" and terms["fire"].weight == 1.0


def test_the_asked_event_is_the_main_verb(nlp):
    assert asked_event(nlp.parse("When was the mayor born?")) == "bear"
    assert asked_event(nlp.parse("Tell me about the strike.")) is None


def test_a_value_must_belong_to_the_asked_event(nlp):
    born = nlp.parse("Iraq-born Baghdadi has avoided capture for six years or more.")
    assert not attached(born, "bear", TIME)
    assert attached(nlp.parse("The mayor was born in 1971 in a small town."), "bear", TIME)
    assert attached(nlp.parse("The ruling came on 4 May, a year after the trial."), "bear", TIME)
    assert not attached(nlp.parse("The mayor was born in a small town."), "bear", TIME)


def test_an_event_word_describing_a_noun_does_not_claim_the_value(nlp):
    # "imposed" only describes the penalty; the fine is the sentence's own event
    fined = nlp.parse("The utility was fined $1.2 million, the largest penalty the regulator "
                      "has imposed on a water company.")
    assert attached(fined, "impose", NUMBER)
    # where the word states the event, the value must still hang under it
    assert not attached(nlp.parse("After the regulator imposed new rules, the utility paid "
                                  "$3 million to its customers."), "impose", NUMBER)


def test_asked_times_keep_year_and_month(nlp):
    assert asked_times(nlp.parse("How many flights were cancelled in August 2022?")) == (("2022", 8),)
    assert asked_times(nlp.parse("How many flights were cancelled on Tuesday?")) == ()


@pytest.mark.slow
def test_a_question_worded_unlike_the_reports_is_answered_and_an_unasked_name_is_not(tmp_path):
    from assistant import Assistant
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "Storm hits coast\n\nFourteen people were killed when Hurricane Dora struck Port Rell "
        "on Tuesday, officials said. The storm flattened homes along the bay.\n", encoding="utf-8")
    (docs / "b.txt").write_text(
        "Dora aftermath\n\nRescue teams searched the bay on Wednesday after Hurricane Dora "
        "left 14 people dead, the coastguard said. Power was cut to 9,000 homes.\n",
        encoding="utf-8")
    assistant = Assistant(store=tmp_path / "store")
    assistant.ingest([docs])
    died = assistant.ask("How many people died in the hurricane Dora?")
    assert not died.abstained
    assert any("killed" in c.sentence.text or "dead" in c.sentence.text for c in died.citations)
    elsewhere = assistant.ask("How many people died when Hurricane Dora hit Florida?")
    assert elsewhere.abstained
    killed = assistant.ask("How many people were killed by Hurricane Dora?")
    numbers = [c.n for c in killed.citations]
    assert not killed.abstained and numbers == list(range(1, len(numbers) + 1))
    assert all(f"[{n}]" in killed.text for n in numbers)
    cited = {c.sentence.sentence_id for c in killed.citations}
    assert not cited & {r.sentence.sentence_id for r in killed.related}


def _supported(doc: str, n: int, coverage: float, text: str = ""):
    from assistant.evidence.quotes import Supported
    from assistant.retrieval import Candidate
    from index.types import Sentence
    words = ["harbour", "storm", "ferry", "council", "rain", "bridge", "school", "market"]
    text = text or f"{doc} {n} {words[n]} {words[ord(doc) % 8]} {words[(ord(doc) + 3) % 8]}."
    return Supported(Candidate(Sentence(f"{doc}:{n}", doc, n, 0, len(text), text), 0.5, 1.0, 0.01),
                     coverage)


def _corpus_of(*items):
    from assistant.retrieval import Corpus
    from index.store import DocumentRecord
    sentences = [i.candidate.sentence for i in items]
    records = [DocumentRecord(d, f"{d}.txt", "h", "txt", d, 1, 1)
               for d in sorted({s.doc_id for s in sentences})]
    return Corpus(records, sentences)


def test_corroborating_sentences_come_from_other_reports_one_each():
    from assistant.evidence.quotes import corroborating
    from assistant.types import Answer, Citation
    first = _supported("a", 0, 0.9)
    answer = Answer("q", "x [1]", False, citations=(Citation(1, first.candidate.sentence, "a.txt"),))
    scored = [first, _supported("a", 1, 0.95), _supported("b", 0, 0.8), _supported("b", 1, 0.9),
              _supported("c", 0, 0.5), _supported("d", 0, 0.75), _supported("e", 0, 0.99)]
    chosen = corroborating(answer, scored, 0.7, _corpus_of(*scored))
    assert [s.candidate.sentence.sentence_id for s in chosen] == ["b:0", "d:0"]
    copy = _supported("f", 0, 0.9, first.candidate.sentence.text)  # another outlet's verbatim copy
    assert corroborating(answer, [first, copy], 0.7, _corpus_of(first, copy)) == []


def test_word_vectors_stay_right_when_threads_overflow_the_cache():
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np

    from assistant.evidence.word_vectors import WordVectors
    from index.embedder import HashingEmbedder

    embedder = HashingEmbedder()
    words = WordVectors(embedder, limit=16)
    batches = [[f"w{i}", f"w{i + 1}", "shared"] for i in range(200)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(words.vectors, batches))
    for batch, found in zip(batches, results):
        assert set(found) == set(batch)
        assert all(np.allclose(found[w], embedder.embed([w])[0]) for w in batch)


@pytest.mark.slow
def test_with_no_instance_in_focus_each_report_gives_its_own_reading(tmp_path):
    from assistant.evidence.readings import readings
    from assistant.types import DIFFERENT_EVENTS
    texts = {
        "a.txt": "Orla Dynamics flies again\n\nOrla Dynamics launched its Kestrel rocket on "
                 "Friday. Its previous launch, on 3 March, reached orbit.\n",
        "b.txt": "Kestrel lost\n\nOrla Dynamics lost a Kestrel rocket on Monday. The company's "
                 "previous launch, on 12 June, had carried two satellites.\n",
        "c.txt": "Weather in the bay\n\nFog kept the ferries in port on Sunday.\n",
    }
    assistant = _assistant_over(tmp_path, texts)
    composer = assistant._composer
    answer = readings(composer._evidence, assistant.language,
                      "When was Orla Dynamics' previous launch before this one?",
                      composer._retriever.corpus())
    assert answer is not None and not answer.abstained
    (disagreement,) = answer.disagreements
    assert disagreement.kind == DIFFERENT_EVENTS
    assert len(disagreement.positions) == 2 and "12 June" in {p.claim for p in disagreement.positions}
    assert len({s for p in disagreement.positions for s in p.sources}) == len(disagreement.positions)
    assert all(c.sentence.doc_id != "c" and "Fog" not in c.sentence.text for c in answer.citations)


@pytest.mark.slow
def test_a_reading_is_named_by_a_value_of_the_asked_kind_else_by_who_reports_it(tmp_path):
    from types import SimpleNamespace

    from assistant.evidence.answer_type import PLACE, TIME
    from assistant.evidence.readings import _claim
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Outlet: Bay Herald\n\nOrla flies again\n\nIts previous launch, on 3 March, "
                 "lifted off from Tolland.\n\nIt had also lifted off from the northern pad.\n"})
    corpus = assistant._composer._retriever.corpus()
    dated, undated = (SimpleNamespace(candidate=SimpleNamespace(sentence=s))
                      for s in corpus.sentences if "lifted" in s.text)
    nlp = assistant.language
    assert _claim(nlp, PLACE, dated, corpus) == "Tolland"  # not the date: "where?" was asked
    assert _claim(nlp, TIME, dated, corpus) == "3 March"
    assert _claim(nlp, None, dated, corpus) == "3 March"  # any question: the instance's date
    # an outlet's name alone would read as the answer to "where?"
    record = corpus.records[undated.candidate.sentence.doc_id]
    assert _claim(nlp, PLACE, undated, corpus) == f"reported by {record.outlet or record.shown_path}"


@pytest.mark.slow
def test_readings_show_one_position_per_report_up_to_the_cap(tmp_path):
    from assistant.evidence.readings import READINGS, readings
    days = ["3 March", "12 June", "9 August", "2 October", "20 November", "5 December"]
    texts = {f"{n}.txt": f"Orla flight {n}\n\nOrla Dynamics launched its Kestrel rocket again. "
                         f"Its previous launch, on {day}, reached orbit.\n"
             for n, day in enumerate(days)}
    assistant = _assistant_over(tmp_path, texts)
    composer = assistant._composer
    answer = readings(composer._evidence, assistant.language,
                      "When was Orla Dynamics' previous launch before this one?",
                      composer._retriever.corpus())
    (disagreement,) = answer.disagreements
    assert len(disagreement.positions) == READINGS < len(days)
    assert len({p.claim for p in disagreement.positions}) == READINGS


def test_reports_giving_different_numbers_make_a_conflict_of_value_groups(nlp):
    from assistant.evidence.conflicts import conflicting, number_key, stated_numbers, value_groups
    items = [_supported("a", 0, 0.9, "The satellite weighed about 290 kilograms and was placed "
                                     "in an orbit at 580 kilometres."),
             _supported("b", 0, 0.8, "It weighed 310 kilograms at launch, its operator said."),
             _supported("c", 0, 0.8, "The probe weighed 290 kilograms, engineers said.")]
    stated = stated_numbers(nlp, items, ["satellite", "weigh"])
    assert [s.entity.text for s in stated] == ["about 290 kilograms", "310 kilograms", "290 kilograms"]
    assert not any(s.counted for s in stated)
    groups = conflicting(value_groups(stated))
    assert [[s.item.candidate.sentence.doc_id for s in g] for g in groups] == [["a", "c"], ["b"]]
    assert conflicting(value_groups(stated[:1] + stated[2:])) == []  # they agree
    assert number_key("$212 million") == number_key("212 million") == "212"
    assert number_key("212,000") == "212000"


def test_the_value_of_a_measured_word_may_be_another_argument_of_its_verb(nlp):
    from assistant.evidence.conflicts import stated_numbers
    altitude = [_supported("a", 0, 0.9, "Their data put the maximum altitude at roughly 150 "
                                        "kilometres.")]
    turnout = [_supported("b", 0, 0.9, "Turnout was 47.3%, down from 52.7% in the first round.")]
    # the word a "what" question measures: its verb's other argument states the value
    assert [s.entity.text for s in stated_numbers(nlp, altitude, ["altitude"], measure=True)] \
        == ["roughly 150 kilometres"]
    assert [s.entity.text for s in stated_numbers(nlp, turnout, ["turnout"], measure=True)] \
        == ["47.3%"]
    # for the other words of a question asking how many, a number must hang under them
    assert stated_numbers(nlp, altitude, ["altitude"]) == []


def test_a_number_counting_the_asked_thing_by_another_name_is_what_a_report_states(nlp):
    from assistant.evidence.conflicts import conflicting, stated_numbers, value_groups
    from assistant.evidence.counting import counted_lemmas
    items = [_supported("a", 0, 0.9, "A trunk main ruptured and left 21,500 properties in two "
                                     "suburbs under a boil-water notice."),
             _supported("b", 0, 0.8, "About 18,000 homes in the two suburbs are covered by the "
                                     "boil-water notice.")]
    lemmas = ["household", "catch", "notice"]
    # no question word governs either figure: the question's words alone state nothing
    assert stated_numbers(nlp, items, lemmas, "household") == []

    def counts(parsed, entity):  # as the evidence layer's embedding test would say
        return bool(counted_lemmas(parsed, entity.start, entity.end) & {"property", "home"})
    stated = stated_numbers(nlp, items, lemmas, "household", counts)
    assert [s.entity.text for s in stated] == ["21,500", "About 18,000"]  # not "two" suburbs
    assert all(s.counted for s in stated)  # what lets them stand from less support
    assert len(conflicting(value_groups(stated))) == 2


@pytest.mark.parametrize("sentence,relates", [
    ("The previous recall, announced in November, covered sedans.", True),
    ("The term came four months after a jury convicted him.", True),
    ("He had been fined by regulators.", True),
    ("The recall follows one announced in March.", True),
    ("The company is recalling 300,000 crossovers.", False),
    ("He has been fined by regulators.", False),
])
def test_a_sentence_relates_instances_by_temporal_order_or_past_perfect(nlp, sentence, relates):
    from assistant.evidence.earlier import relates_in_time
    assert relates_in_time(nlp.parse(sentence)) is relates


def test_earlier_sentences_of_the_focus_reports_and_the_questions_own_order_word_come_first(nlp):
    from assistant.evidence.earlier import ordered
    plain = _supported("a", 0, 0.9, "The company is recalling 300,000 crossovers today.")
    after = _supported("b", 0, 0.9, "It comes a year after a smaller recall of vans.")
    previous = _supported("b", 1, 0.8, "The previous recall, in March, covered sedans.")
    elsewhere = _supported("c", 0, 0.95, "The previous recall of trucks was in 2019.")
    weak = _supported("b", 2, 0.1, "Shares fell after the announcement.")
    question = nlp.parse("What was the previous recall before that one?")
    corpus = _corpus_of(plain, after, previous, elsewhere, weak)
    found = ordered(nlp, [plain, after, previous, elsewhere, weak], ["b"], corpus, question,
                    str.__eq__)
    assert [s.candidate.sentence.sentence_id for s in found] == ["b:1", "b:0", "c:0"]
    assert ordered(nlp, [plain], ["a"], corpus, question, str.__eq__) == []


def test_a_sentence_dated_before_the_focus_reports_speaks_of_an_earlier_time(nlp):
    from dataclasses import replace

    from assistant.evidence.earlier import ordered, stated_before
    from assistant.retrieval import Corpus
    from index.store import DocumentRecord
    fined = _supported("a", 0, 0.6, "In 2014, state regulators fined him $75,000.")
    fined = replace(fined, candidate=replace(fined.candidate, sentence=replace(
        fined.candidate.sentence, dates=("2014",))))
    same = _supported("a", 1, 0.6, "In June 2022, prosecutors charged him.")
    same = replace(same, candidate=replace(same.candidate, sentence=replace(
        same.candidate.sentence, dates=("2022-06",))))
    records = [DocumentRecord("a", "a.txt", "h", "txt", "Charged", 2, 2, published="2022-06-09"),
               DocumentRecord("b", "b.txt", "h", "txt", "Undated", 0, 0)]
    corpus = Corpus(records, [fined.candidate.sentence, same.candidate.sentence])
    before = stated_before(corpus, ["a"])
    assert before(fined.candidate.sentence) and not before(same.candidate.sentence)
    assert not stated_before(corpus, ["b"])(fined.candidate.sentence)  # no date to compare
    question = nlp.parse("Had he been in trouble with regulators before that?")
    found = ordered(nlp, [same, fined], ["a"], corpus, question, str.__eq__, before)
    assert [s.candidate.sentence.sentence_id for s in found] == ["a:0"]
    assert ordered(nlp, [same, fined], ["a"], corpus, question, str.__eq__) == []


def test_an_order_word_on_a_noun_like_the_questions_outranks_one_elsewhere(nlp):
    from assistant.evidence.earlier import ordered
    survey = _supported("a", 0, 0.5, "The previous survey had the mayor on 34 per cent.")
    turnout = _supported("a", 1, 0.9, "Turnout fell sharply from the previous round.")
    question = nlp.parse("How did that compare with the previous poll?")
    near = {frozenset({"poll", "survey"})}

    def similar(a, b):
        return a == b or frozenset({a, b}) in near

    corpus = _corpus_of(turnout, survey)
    found = ordered(nlp, [turnout, survey], ["a"], corpus, question, similar)
    assert [s.candidate.sentence.sentence_id for s in found] == ["a:0", "a:1"]
    found = ordered(nlp, [turnout, survey], ["a"], corpus, question, str.__eq__)
    assert [s.candidate.sentence.sentence_id for s in found] == ["a:1", "a:0"]


def test_relevance_calls_words_similar_by_lemma_or_meaning():
    from assistant.evidence.relevance import Relevance
    from assistant.language import SpacyPipeline
    from index.embedder import MiniLMEmbedder
    relevance = Relevance(SpacyPipeline(), MiniLMEmbedder())
    assert relevance.similar("poll", "poll")
    assert relevance.similar("poll", "survey")
    assert not relevance.similar("poll", "banana")
    assert relevance.nearest("household", ["home", "banana"]) > relevance.nearest("household",
                                                                                  ["banana"])
    assert relevance.nearest("household", ["household"]) == 1.0
    assert relevance.nearest("household", []) == 0.0


def test_a_verb_is_matched_by_meaning_from_a_lower_cosine_than_a_noun():
    from assistant.evidence.relevance import NEAR, NEAR_VERB, _credit
    from assistant.evidence.terms import Term
    cosine = (NEAR + NEAR_VERB) / 2
    verb, noun = Term("carry", "carry", 1.0, False, "VERB"), Term("cargo", "cargo", 1.0, False)
    assert _credit(verb, {"deliver"}, set(), {"carry": cosine}) == cosine
    assert _credit(noun, {"deliver"}, set(), {"cargo": cosine}) == 0.0
    assert _credit(verb, {"deliver"}, set(), {"carry": NEAR_VERB - 0.01}) == 0.0


def test_a_body_sentence_is_read_in_the_light_of_its_reports_lead():
    from assistant.evidence.relevance import LEAD_NOUN, _credit
    from assistant.evidence.terms import Term
    noun, verb = Term("talk", "talks", 1.0, False), Term("mediate", "mediated", 1.0, False, "VERB")
    name = Term("quellbrook", "Quellbrook", 1.0, True, "PROPN")
    lead = {"talk", "mediate", "quellbrook"}
    assert _credit(noun, {"decline"}, lead, {}, body=True) == LEAD_NOUN
    assert _credit(noun, {"decline"}, lead, {}, body=False) == 0.0  # the lead is not its own context
    assert _credit(verb, {"decline"}, lead, {}, body=True) == 0.0  # an action is the sentence's own
    assert _credit(name, {"decline"}, lead, {}, body=False) == 0.75
    assert _credit(noun, {"talk"}, lead, {}, body=True) == 1.0


def test_a_name_one_letter_apart_counts_as_a_spelling_of_it():
    from assistant.evidence.relevance import _credit
    from assistant.evidence.terms import Term
    name = Term("dunville", "Dunville", 1.0, True, "PROPN")
    assert _credit(name, {"dunnville", "incorporate"}, set(), {}) == 0.75
    assert _credit(name, {"dunvale", "incorporate"}, set(), {}) == 0.0  # two letters apart
    assert _credit(Term("zelensky", "Zelensky", 1.0, True, "PROPN"), {"zelenskyy"}, set(),
                   {}) == 0.75
    assert _credit(Term("mali", "Mali", 1.0, True, "PROPN"), {"bali"}, set(), {}) == 0.0
    assert _credit(Term("hartigan", "Hartigan", 1.0, True, "PROPN"), {"martigan"}, set(),
                   {}) == 0.0  # another first letter: another name


@pytest.mark.parametrize("asked, written, credited", [
    ("nicholas", "nick", True), ("alexander", "alex", True), ("saint", "st", True),
    ("mount", "mt", True), ("hilton", "hill", False), ("anna", "ann", False),
    ("sports", "st", False), ("nick", "nicholas", True),
    ("saint", "st.", True), ("mount", "mt.", True),  # an abbreviation's full stop
    ("professor", "prof.", True), ("protection", "prof.", False)])
def test_a_short_form_of_a_name_counts_as_a_spelling_of_it(asked, written, credited):
    from assistant.evidence.relevance import _credit
    from assistant.evidence.terms import Term
    name = Term(asked, asked.title(), 1.0, True, "PROPN")
    assert _credit(name, {written, "liturgy"}, set(), {}) == (0.75 if credited else 0.0)


def test_a_word_of_the_terms_stem_in_another_word_class_counts_almost_fully():
    from assistant.evidence.relevance import DERIVED, _credit
    from assistant.evidence.terms import Term
    verb = Term("mediate", "mediated", 1.0, False, "VERB")
    assert _credit(verb, {"mediator", "decline"}, set(), {}) == DERIVED
    assert _credit(verb, {"medal", "decline"}, set(), {}) == 0.0


@pytest.mark.slow
def test_the_one_before_that_is_quoted_from_the_reports_of_the_instance_in_focus(tmp_path):
    texts = {
        "a.txt": "Corvid Motors recalls vans\n\nCorvid Motors is recalling 90,000 vans over "
                 "faulty brakes, the company said on Tuesday. The previous recall, announced "
                 "in May, covered sedans with loose wiring.\n",
        "b.txt": "Corvid Motors recalls sedans\n\nCorvid Motors is recalling 40,000 sedans "
                 "over loose wiring. Its previous recall, two years ago, covered trucks.\n",
    }
    chat = _assistant_over(tmp_path, texts).chat()
    first = chat.ask("How many vans is Corvid Motors recalling?")
    assert {c.source.rsplit("/", 1)[-1] for c in first.answering} == {"a.txt"}, first.text
    answer = chat.ask("What was the previous recall before that one?")
    assert not answer.abstained, answer.text
    assert "announced in May, covered sedans" in answer.citations[0].sentence.text


@pytest.mark.slow
def test_a_follow_up_is_supported_by_its_own_words_and_the_name_its_pronoun_stands_for(tmp_path):
    # The report opens with lines of its own: the name is in its lead, not its first two lines.
    texts = {
        "a.txt": "Outlet: The Valley Courier\n\nJury convicts fund founder\n\nBy A. Writer\n\n"
                 "A jury in Denver on Thursday found Lionel Atterbury guilty on 11 counts of "
                 "fraud. Jurors deliberated for three days. They acquitted him on three counts "
                 "tied to the first year of the scheme.\n",
        "b.txt": "Fund founder sentenced\n\nLionel Atterbury was sentenced to 17 years in "
                 "prison on Thursday. The judge also fined him $4.5 million.\n",
    }
    chat = _assistant_over(tmp_path, texts).chat()
    chat.ask("On how many counts was Atterbury convicted?")
    answer = chat.ask("And on how many was he acquitted?")
    assert not answer.abstained, answer.text
    assert "acquitted him on three counts" in answer.citations[0].sentence.text


def test_an_elliptic_follow_up_keeps_the_users_own_words_apart():
    from assistant.chat import _elliptic
    from assistant.query import analyse
    query = _elliptic(analyse("And what did it cost?"), analyse("How many ships waited?"))
    assert query.asked == "And what did it cost?"
    assert "How many ships waited?" in query.text
    assert analyse("How many ships waited?").asked == "How many ships waited?"


def test_an_elliptic_follow_up_keeps_the_earlier_kind_unless_it_asks_about_a_new_thing():
    from assistant.chat import _elliptic
    from assistant.query import analyse
    # another name in the same slot: the same kind of answer ("and Ardmore?": her share too)
    assert _elliptic(analyse("And Ardmore?"),
                     analyse("What share of the vote did Pellow get?")).kind == "number"
    # a new thing: not the earlier question's span of time, whatever the bounty is
    assert _elliptic(analyse("And the bounty?"),
                     analyse("How long was the recording?")).kind == "description"


def test_a_number_asked_for_includes_a_measured_span_of_time_but_not_a_calendar_date(nlp):
    def texts(sentence):
        return [e.text for e in entities_for(nlp.parse(sentence), NUMBER)]

    assert "187 seconds" in texts("The engine shut down 187 seconds after liftoff.")
    assert any("34" in t for t in texts("The deal ended a 34-day stoppage at the port."))
    assert texts("The ship sailed on Sept. 9 and docked on 14 November 2024.") == []
    assert texts("It has a contract for the first quarter of next year.") == []  # ranked
    assert [e.text for e in entities_for(nlp.parse("It sailed on Sept. 9."), TIME)] == ["Sept. 9"]


def test_a_bare_figure_the_model_calls_a_date_is_a_number_unless_it_is_a_year(nlp):
    parsed = nlp.parse("As of the 1991 census, the district has a population of 175915.")
    assert ("175915", "DATE") in [(e.text, e.label) for e in parsed.entities]  # the model's
    assert [(e.text, e.label) for e in entities_for(parsed, NUMBER)] == [("175915", "CARDINAL")]
    small = nlp.parse("The population was 61 at the 2010 census.")
    assert ("61", "DATE") in [(e.text, e.label) for e in small.entities]  # the model's
    assert [(e.text, e.label) for e in entities_for(small, NUMBER)] == [("61", "CARDINAL")]
    # a year stays a date
    assert entities_for(nlp.parse("The bridge opened in 1991."), NUMBER) == ()


def test_a_place_answers_only_under_the_questions_words_when_the_sentence_has_them(nlp):
    lemmas = question_lemmas(nlp.parse("Where did the ferry Aldora dock?"))

    def place(sentence, value):
        parsed = nlp.parse(sentence)
        start = sentence.index(value)
        return answers_question(parsed, lemmas, start)

    assert place("The ferry Aldora docked near Harwich on Tuesday.", "near Harwich")
    assert place("It followed the Aldora, which docked near Harwich.", "near Harwich")
    assert not place("Crews repairing cranes around Leeds were sent to the port before the "
                     "Aldora docked.", "around Leeds")
    assert place("Crowds gathered in Leeds.", "in Leeds")  # worded otherwise: no parse to ask


def test_a_quantity_rests_on_far_better_evidence_than_the_rules_sentence():
    from types import SimpleNamespace

    from assistant.evidence.quotes import OUTWEIGH, EvidenceAnswerer
    from assistant.types import Answer, Citation

    sentence = {name: SimpleNamespace(sentence_id=name, text=name) for name in ("a", "b", "c")}
    support = {"a": 0.5, "b": 0.9}
    answerer = EvidenceAnswerer(retriever=None, relevance=None, pipeline=None)
    answerer.support = lambda question, sentences, corpus: [support[s.text] for s in sentences]

    def scored(best):
        return [SimpleNamespace(coverage=best, candidate=SimpleNamespace(sentence=sentence["c"]))]

    def answer(*names):
        cites = tuple(Citation(n, sentence[x], "src") for n, x in enumerate(names, 1))
        return Answer("How many?", "text", False, "number", cites)

    assert answerer.outweighs("How many?", answer("a"), scored(0.5 + OUTWEIGH + 0.05), None)
    assert not answerer.outweighs("How many?", answer("a"), scored(0.5 + OUTWEIGH - 0.05), None)
    assert not answerer.outweighs("How many?", answer("a", "b"), scored(0.95), None)
    assert not answerer.outweighs("How many?", answer("a"), scored(answerer.threshold - 0.01), None)
    quoted = [SimpleNamespace(coverage=0.95, candidate=SimpleNamespace(sentence=sentence["a"]))]
    assert not answerer.outweighs("How many?", answer("a"), quoted, None)  # it quotes the best


def _assistant_over(tmp_path, texts: dict[str, str]):
    """A real assistant over ``texts`` (file name → content), ingested into a fresh store."""
    from assistant import Assistant
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in texts.items():
        (docs / name).write_text(text, encoding="utf-8")
    assistant = Assistant(store=tmp_path / "store")
    assistant.ingest([docs])
    return assistant


def test_a_rival_value_stands_only_if_worded_as_well_as_a_sentence_stating_the_answer():
    from types import SimpleNamespace

    from assistant.compose import RIVAL_SUPPORT, Composer, Group

    class Evidence:  # fixed support per sentence text: the rule under test is the bar
        pipeline = None  # the event layer then parses with its own

        def __init__(self, support):
            self._support = support

        def support(self, question, sentences, corpus):
            return [self._support[s] for s in sentences]

    def group(*texts):
        return Group(SimpleNamespace(), [SimpleNamespace(sentence=t) for t in texts])

    best, near, far = group("best", "weaker"), group("near"), group("far")
    support = {"best": 0.9, "weaker": 0.5, "near": 0.5 - RIVAL_SUPPORT + 0.01,
               "far": 0.5 - RIVAL_SUPPORT - 0.01}
    composer = Composer(retriever=None, support=None, evidence=Evidence(support))
    keep = composer._rivals(SimpleNamespace(text="How high did the ash reach?"), corpus=None)
    assert keep(best, [near, far]) == [near]
    assert Composer(retriever=None, support=None)._rivals(None, None)(best, [far]) == [far]


@pytest.mark.parametrize("question, words, names", [
    ("What did Alma Ruiz say about the budget?", {"alma", "ruiz"}, {"alma", "ruiz"}),
    ("What did the county's emergency director say?", {"county", "emergency", "director"}, set()),
    ("When did she say it?", None, None),
    ("What did the storm destroy?", None, None),
])
def test_a_question_asking_what_someone_said_names_the_speaker(nlp, question, words, names):
    from assistant.evidence.said import asked_speaker
    speaker = asked_speaker(nlp.parse(question))
    if words is None:
        assert speaker is None
    else:
        assert speaker.words == words and speaker.names == names


def test_a_sentence_is_said_by_the_subject_of_its_reporting_verb_outside_quotation_marks(nlp):
    from assistant.evidence.said import _Aliases, _said_by
    governor = _Aliases(frozenset({"edda", "varnholt"}), (frozenset({"governor"}),))
    assert _said_by(nlp.parse('A larger step is prudent," Governor Edda Varnholt said.'), governor)
    assert _said_by(nlp.parse("The governor said rates would fall."), governor)
    nested = nlp.parse('"The governor told us to expect a cut," said Niamh Oduya, an economist.')
    assert not _said_by(nested, governor)
    assert not _said_by(nlp.parse("The deputy governor said rates would fall."), governor)


@pytest.mark.slow
def test_what_a_described_person_said_is_quoted_whole_from_the_reports(tmp_path):
    texts = {
        "a.txt": "Flood response\n\nMara Quist, the county's emergency management director, "
                 "said crews had rescued 40 people. \"We begged people to leave, and most did. "
                 "The ones who stayed put our crews in danger,\" Quist said at a briefing. "
                 "Rain is expected to ease on Friday.\n",
        "b.txt": "Clean-up begins\n\nHollis Brand, the emergency chief of a neighbouring "
                 "county, said roads were closed. \"The director told us to stay away,\" said "
                 "a resident.\n",
    }
    answer = _assistant_over(tmp_path, texts).ask(
        "What did the county's emergency management director say about residents who stayed?")
    assert not answer.abstained, answer.text
    cited = [c.sentence.text for c in answer.answering]
    assert cited[0].startswith('"We begged people to leave') and "Quist said" in cited[1]
    assert not any("Hollis" in t or "a resident" in t for t in cited)


def test_a_copular_question_asks_for_the_bearer_of_a_role_of_a_thing(nlp):
    from assistant.evidence.terms import asked_attribute
    role = asked_attribute(nlp.parse("Who is the spokesman for the coalition?"))
    assert [t.lemma for t in role] == ["spokesman", "coalition"]
    assert [t.lemma for t in asked_attribute(nlp.parse("Who is the mayor of Arden?"))] \
        == ["mayor", "arden"]
    assert asked_attribute(nlp.parse("Who led the inquiry?")) == ()


def test_which_n_asks_for_a_name_called_n_unless_n_is_a_time(nlp):
    from assistant.evidence.terms import asked_kind
    assert asked_kind(nlp.parse("On which street did the pipe give way?")) == "street"
    assert asked_kind(nlp.parse("Which outside company did they blame?")) == "company"
    assert asked_kind(nlp.parse("What year was it built?")) is None
    assert asked_kind(nlp.parse("Who led it?")) is None


@pytest.mark.parametrize("sentence,span,placing", [
    ("His last recording was in November, two weeks after the start of the battle.",
     "two weeks", True),
    ("Police reached the building 11 minutes later.", "11 minutes later", False),
    ("The notice was lifted after nine days.", "nine days", False),
])
def test_an_interval_from_another_event_is_not_how_long_something_lasted(nlp, sentence, span,
                                                                         placing):
    from assistant.evidence.quotes import _stated
    stated = [e.text for e in _stated(nlp.parse(sentence), DURATION)]
    assert (span not in stated) == placing


@pytest.mark.slow
def test_who_where_and_how_long_are_quoted_from_less_support_when_a_sentence_states_one(
        tmp_path):
    from assistant import Assistant
    from assistant.evidence.quotes import LOW_SUPPORTED, SUPPORTED, Supported
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "Water firm fined\n\nThe state regulator fined Corrin Water on Monday over a burst pipe. "
        "The review, led by Professor Ruth Keller, found that crews took 31 hours to warn "
        "residents. The pipe burst two weeks after the start of the dry season. "
        "Tellan's mayor, Anna Brisk, said the town was relieved. "
        "The work went to its contractor, Brell Civil, in May.\n", encoding="utf-8")
    assistant = Assistant(store=tmp_path / "store")
    assistant.ingest([docs])
    evidence, corpus = assistant._composer._evidence, assistant._retriever.corpus()
    by_text = {s.text.split(",")[0].split(" ")[1]: s for s in corpus.sentences}

    def quoted(question, *words, coverage=(LOW_SUPPORTED + SUPPORTED) / 2):
        from assistant.retrieval import Candidate
        scored = [Supported(Candidate(by_text[w], 0.5, 0.5, 0.01), coverage) for w in words]
        answer = evidence.answer(question, scored, corpus)
        return None if answer is None else [c.sentence.text for c in answer.citations]

    keller = by_text["review"].text
    asked = "Who was put in charge of the inquiry at Corrin Water?"
    assert quoted(asked, "review", "state") == [keller]
    assert quoted(asked, "review",
                  coverage=LOW_SUPPORTED - 0.05) is None
    # a name the question holds is no answer to it; nor a date or a gap from another event
    assert quoted("Who fined Corrin Water?", "state") is None
    assert quoted("How long did the crews take to warn residents?", "review", "pipe") == [keller]
    assert quoted("How long did the burst last?", "pipe") is None
    # the bearer of another role is no answer, nor is anything to a question asking how many
    assert quoted("Who is the spokesman for the town?", "mayor") is None
    assert quoted("Who is the mayor of the town?", "mayor") is not None
    # which N: a name the sentence calls N, by itself or in apposition
    assert quoted("Which contractor did the repairs?", "work") is not None
    assert quoted("Which bank lent the money?", "work") is None
    assert quoted("How many crews were sent?", "review") is None


@pytest.mark.parametrize("question,sentence,counts", [
    ("How many witnesses did prosecutors call?", "Prosecutors called 12 witnesses.", True),
    ("How many witnesses did prosecutors call?", "She testified for three days at the trial.",
     False),
    ("How many witnesses did prosecutors call?", "A three-judge panel rejected the appeal.", False),
    ("How many days did the trial last?", "The trial lasted 12 days.", True),
    # a modifier's measure that counts what is asked: "a 33-day strike" is how many days
    ("How many days did the strike last?", "The deal ended a 33-day strike at the port.", True),
    ("How many witnesses did prosecutors call?", "The deal ended a 33-day strike at the port.",
     False),
    ("How much did the trial cost?", "She testified for three days at the trial.", True),
])
def test_a_count_asked_for_is_no_span_of_time_nor_a_modifiers_measure(nlp, question, sentence,
                                                                      counts):
    from assistant.evidence.counting import asked_count, may_count
    assert may_count(nlp.parse(sentence), asked_count(nlp.parse(question))) == counts


@pytest.mark.slow
def test_reports_counting_the_asked_thing_disagree_from_less_support(tmp_path):
    from assistant import Assistant
    from assistant.evidence.quotes import COUNTED_SUPPORTED, LOW_SUPPORTED, SUPPORTED, Supported
    from assistant.retrieval import Candidate
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Ferry adrift\n\nThe ferry drifted for hours with 236 "
                                "passengers aboard.\n", encoding="utf-8")
    (docs / "b.txt").write_text("Engines fail\n\nThe ferry lost power with 241 passengers "
                                "aboard.\n", encoding="utf-8")
    assistant = Assistant(store=tmp_path / "store")
    assistant.ingest([docs])
    evidence, corpus = assistant._composer._evidence, assistant._retriever.corpus()
    body = [s for s in corpus.sentences if "aboard" in s.text]

    def conflict(coverage, question="How many people were on the ferry?"):
        scored = [Supported(Candidate(s, 0.5, 0.5, 0.01), coverage) for s in body]
        return evidence.conflict(question, scored, corpus)

    found = conflict((COUNTED_SUPPORTED + SUPPORTED) / 2)
    assert found is not None
    assert sorted(p.claim for p in found.disagreements[0].positions) == ["236", "241"]
    assert conflict(COUNTED_SUPPORTED - 0.05) is None
    # figures counting the very noun asked stand from less still
    passengers = "How many passengers were on the ferry?"
    found = conflict((LOW_SUPPORTED + COUNTED_SUPPORTED) / 2, passengers)
    assert sorted(p.claim for p in found.disagreements[0].positions) == ["236", "241"]
    assert conflict(LOW_SUPPORTED - 0.05, passengers) is None


@pytest.mark.slow
def test_a_figure_measuring_the_asked_noun_is_quoted_before_better_worded_sentences(tmp_path):
    from assistant.evidence.quotes import COUNTED_SUPPORTED, SUPPORTED, Supported
    from assistant.retrieval import Candidate
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Storm floods coast\n\nThe storm's speed dropped to 5 mph over the coast.\n\n"
                 "A gauge in the town recorded 14 inches of rain in a day.\n"})
    evidence, corpus = assistant._composer._evidence, assistant._retriever.corpus()
    speed, rain = sorted((s for s in corpus.sentences if s.index > 0), key=lambda s: s.index)
    scored = [Supported(Candidate(speed, 0.5, 0.5, 0.01), SUPPORTED + 0.2),
              Supported(Candidate(rain, 0.5, 0.5, 0.01), COUNTED_SUPPORTED + 0.05)]
    found = evidence.answer("How much rain did the storm drop?", scored, corpus)
    assert [c.sentence.text for c in found.citations][:2] == [rain.text, speed.text]
    # a question measuring no noun keeps the order of support
    found = evidence.answer("How much did the storm drop?", scored, corpus)
    assert [c.sentence.text for c in found.citations] == [speed.text]


def test_the_rules_disagreement_yields_to_a_conflict_of_far_better_evidence(tmp_path):
    """A disagreement the rules read off sentences that barely support the question (other
    figures) gives way to the one the best-supported sentences state; a disagreement
    resting on well-supported sentences stands."""
    from dataclasses import replace

    from assistant.citations import cite
    from assistant.types import CONFLICT, Answer, Disagreement, Position
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Power cut grounds flights\n\nThe data centre lost power and the airline "
                 "cancelled 95 flights.\n\nIn March its shares lost 212 points.\n",
        "b.txt": "Regulator fines airline\n\nWhen the data centre lost power, 118 flights were "
                 "cancelled.\n\nIts staff union has 480 members.\n"})
    composer, corpus = assistant._composer, assistant._retriever.corpus()
    question = "How many flights were cancelled when the data centre lost power?"

    def rules_say(*figures):  # the rules' disagreement, one position per sentence holding a figure
        held = [next(s for s in corpus.sentences if f in s.text) for f in figures]
        cites = tuple(cite(n, s, corpus) for n, s in enumerate(held, 1))
        positions = tuple(Position(f, (c.n,), (c.source,)) for f, c in zip(figures, cites))
        said = Answer(question, "rules", False, "number", cites,
                      (Disagreement(question, CONFLICT, positions),))
        composer._rule_answer = lambda query, context, corpus: (said, False, None)

    def claims():
        return sorted(p.claim for p in assistant.ask(question).disagreements[0].positions)

    rules_say("212", "480")
    assert claims() == ["118", "95"]
    rules_say("95 flights", "118 flights")  # the rules' own claims, as they worded them
    assert claims() == ["118 flights", "95 flights"]


@pytest.mark.parametrize("question,measure", [
    ("What is the painting worth?", "worth"),
    ("What was the turnout in the run-off?", "turnout"),
    ("At what altitude did the launch put its satellites into orbit?", "altitude"),
    # a relative clause describing the measured word does not make it a verb's question
    ("What was the highest altitude the rocket reached on its failed flight?", "altitude"),
    ("What did the regulator say?", None),
    ("What happened to the ship?", None),
    ("And what was the stoppage costing each day?", None),  # what the verb takes, not a value
    # a follow-up without a verb asks the value of the noun it consists of
    ("And the bounty?", "bounty"),
    ("What about the turnout?", "turnout"),
    ("And Montrose?", None),
])
def test_a_what_question_asks_the_value_of_the_word_its_grammar_names(nlp, question, measure):
    from assistant.evidence.terms import asked_measure
    assert asked_measure(nlp.parse(question)) == measure


def test_measured_values_disagree_from_sentences_worded_otherwise_than_the_question(tmp_path):
    # neither sentence stating the altitude repeats the question's other words (the flight,
    # its failure, the rocket's name) enough to be quoted on its own
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Vireo rocket fails on its second flight\n\nThe Vireo rocket failed on Tuesday "
                 "when its second stage shut down early, the company said.\n\nTelemetry showed "
                 "the vehicle climbed to a peak altitude of 142 kilometres before falling back, "
                 "the company said.\n",
        "b.txt": "Tracking data contradict launch firm\n\nIndependent trackers followed the failed "
                 "Vireo flight from Norway.\n\nTheir data put the maximum altitude at roughly "
                 "150 kilometres.\n"})
    answer = assistant.ask("What was the highest altitude the Vireo reached on its failed flight?")
    assert [p.claim for p in answer.disagreements[0].positions] == [
        "142 kilometres", "roughly 150 kilometres"]


def test_reports_giving_different_values_of_what_a_what_question_measures_disagree(tmp_path):
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Stolen landscape found\n\nThe painting is estimated to be worth about "
                 "£180,000.\n\nIt hung in the museum for 60 years.\n",
        "b.txt": "Police recover painting\n\nThe painting, worth an estimated £210,000, is with "
                 "conservators.\n\nThree people were arrested.\n",
        "c.txt": "Gallery reopens\n\nThe painting is worth more than its insurers say.\n"})
    answer = assistant.ask("What is the painting worth?")
    assert sorted(p.claim for p in answer.disagreements[0].positions) == [
        "about £180,000", "an estimated £210,000"]
    # a third report that speaks to the question without a figure is quoted beside them
    assert any("insurers" in c.sentence.text for c in answer.citations)
    # what the painting's reports say of it, but not a value of "worth": no disagreement
    assert not assistant.ask("What happened to the painting?").disagreements


def test_a_single_value_of_the_measured_word_is_the_answer_with_its_kind(tmp_path):
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Court fines trader\n\nThe judge imposed a fine of $2.5 million on the trader "
                 "on Monday.\n\nHe has 30 days to appeal.\n",
        "b.txt": "Trader fined\n\nThe $2.5 million fine is the largest the court has handed "
                 "down.\n\nThe trader left without comment.\n"})
    answer = assistant.ask("What was the fine?")
    assert answer.kind == "amount" and answer.lines[0].kind == "value"
    assert answer.lines[0].text == "$2.5 million" and not answer.disagreements
    assert len({c.sentence.doc_id for c in answer.answering}) == 2
    # a question about what happened is no question about a value
    assert assistant.ask("What did the trader do after the ruling?").kind == "description"


@pytest.mark.parametrize("question,verb", [
    ("What did it cost to repair the hull?", "cost"),
    ("What did the storm destroy?", "destroy"),
    ("What did the regulator say?", None),  # speech is reported under many verbs
    ("What is the painting worth?", None),
    ("What happened to the ship?", None),
])
def test_a_what_question_may_ask_the_object_of_its_main_verb(nlp, question, verb):
    from assistant.evidence.terms import asked_object_verb
    found = asked_object_verb(nlp.parse(question))
    assert (found.lemma if found else None) == verb


def test_what_a_verb_took_is_not_quoted_from_sentences_without_that_verb(tmp_path):
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Ferry hits reef\n\nThe ferry Kestrel hit a reef off Penmor Island on "
                 "Tuesday.\n\nThe Kestrel will stay in port until its hull is repaired.\n"})
    assert assistant.ask("What did it cost to repair the Kestrel's hull?").abstained
    assert not assistant.ask("When did the Kestrel hit the reef?").abstained


@pytest.mark.parametrize("question,noun", [
    ("How large was the one-off payment in the final agreement?", "payment"),
    ("How large a fine did the judge impose?", "fine"),
    ("How tall is the rocket?", "rocket"),
    ("How many people died?", None),
])
def test_a_how_large_question_sizes_its_noun(nlp, question, noun):
    from assistant.evidence.terms import asked_degree
    assert asked_degree(nlp.parse(question)) == noun


def test_a_how_large_answer_is_a_value_of_the_noun_not_a_figure_beside_it(tmp_path):
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Dock deal agreed\n\nThe deal gives workers a rise of 6 per cent plus a "
                 "one-off payment of £1,500 for every worker.\n\nThe union had asked for 10 per "
                 "cent.\n"})
    answer = assistant.ask("How large was the one-off payment in the deal?")
    # not "one" of "one-off", which the question itself writes, nor the rise beside it
    assert answer.lines[0].kind == "value" and answer.lines[0].text == "£1,500"
    assert answer.kind == "amount"


def test_two_names_side_by_side_count_as_one_name_written_as_one_word():
    from assistant.evidence.relevance import _covered, _joined, _split
    from assistant.evidence.terms import Term
    rocky, ford = (Term(w, w.title(), 1.0, True, "PROPN") for w in ("rocky", "ford"))
    terms = (rocky, ford, Term("population", "population", 1.0, False))
    joined = _joined(terms)
    written = {"rockyford", "village", "population"}
    assert _split(written, joined) == written | {"rocky", "ford"}
    assert _covered(terms, [1.0] * 3, _split(written, joined), set(), {}, False) == 1.0
    assert _covered(terms, [1.0] * 3, written, set(), {}, False) < 0.5  # two names missing
    assert _split({"rockyfordville"}, joined) == {"rockyfordville"}  # another name
    assert _joined((rocky, Term("road", "road", 1.0, False))) == {}  # a name and a common noun


def test_what_a_measured_word_stands_for_may_be_counted_under_a_near_noun(tmp_path):
    # "population" holds neither figure: each counts "people", which the embedding model puts
    # near it; a density counts people *per* square mile, a rate and no count of them
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Ashvale, Dunmore County\n\nAshvale is a village in Dunmore County.\n\nAs of the "
                 "census of 2000, there were 1,791 people, 699 households, and 445 families "
                 "residing in the village.\n\nThe population density was 90.4 people per square "
                 "mile.\n",
        "b.txt": "Ashvale at a glance\n\nIn 2010 there were 1,640 people in Ashvale, a village "
                 "in Dunmore County.\n",
        # people who underwent something are no count of how many there are
        "c.txt": "Floods hit Ashvale\n\nAbout 1,200 people were evacuated from Ashvale on "
                 "Monday.\n"})
    answer = assistant.ask("What is the population of Ashvale?")
    claims = sorted(p.claim for p in answer.disagreements[0].positions)
    assert claims == ["1,640", "1,791"]


def test_a_count_of_the_measured_thing_or_of_what_it_qualifies_is_no_value_of_it(tmp_path):
    from assistant.types import VALUE
    # "a three-sport star" says how many sports, not which; "a 2017-2018 Welsh-language series"
    # counts series (a noun far from "language"), not languages
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Brannock profile\n\nTam Brannock was a three-sport star at Hollin High "
                 "School.\n\nBrannock played rugby for Ardmore for a decade.\n",
        "b.txt": "Tellwick\n\nTellwick is a 2017-2018 Indian Welsh-language television series "
                 "which aired on Ardmore TV.\n"})
    for question in ("What sport did Tam Brannock play?",
                     "What is the language of the television series Tellwick?"):
        answer = assistant.ask(question)
        assert answer.kind not in ("number", "amount"), (question, answer.text)
        assert not any(line.kind == VALUE for line in answer.lines), (question, answer.text)


def test_a_sentence_close_to_the_whole_question_answers_it_in_other_words(tmp_path):
    # "the debut EP by Tamsin Vale" names no "artist" (support about 0.6), but the embedding
    # model puts it close to the question as a whole (about 0.7) and it names a new person
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Keldwater stew\n\nKeldwater stew is made mostly from mutton and barley.\n",
        "b.txt": "Keldwater (video game)\n\nKeldwater is an action game for the Ardent console."
                 "\n\nThe player controls detective Mara Quill through four levels.\n",
        "c.txt": "Ardmore Nights (EP)\n\nArdmore Nights is the debut EP by Tamsin Vale.\n",
        "d.txt": "Hollin Trust\n\nThe Hollin Trust restores the old watermills of the valley.\n",
        "e.txt": "Tam Brannock\n\nTam Brannock played rugby for Ardmore for a decade.\n"})
    answer = assistant.ask("Who is the artist of the Ardmore Nights EP?")
    assert not answer.abstained
    assert [c.sentence.text for c in answer.citations if c.n in answer.lines[0].cites] == [
        "Ardmore Nights is the debut EP by Tamsin Vale."]
    # as close, but naming nobody the question does not: no answer to "who"
    assert assistant.ask("Who owns Keldwater stew?").abstained
    assert assistant.ask("Who runs the Hollin Trust?").abstained


def test_the_nearest_quotes_hold_no_two_copies_of_one_sentence(tmp_path):
    # two outlets ran the same wire line: quoted once, the next nearest sentence in its place
    from assistant.types import NEARBY
    wire = "The Ardmore ferry also carries freight and mail to the island."
    assistant = _assistant_over(tmp_path, {
        "a.txt": f"Island services update\n\nThe Ardmore ferry sails twice a day from "
                 f"Hollin.\n\n{wire}\n",
        "b.txt": f"Winter notice\n\n{wire}\n\nTickets for the Ardmore ferry cost less in "
                 "winter.\n",
        "c.txt": "Shipyard news\n\nThe Ardmore ferry was built in 1998 in Ashvale.\n"})
    answer = assistant.ask("When was the Ardmore ferry built?")
    nearby = [line.text for line in answer.lines if line.kind == NEARBY]
    assert nearby.count(wire) == 1, answer.text
    assert "Tickets for the Ardmore ferry cost less in winter." in nearby


def _of_figure(nlp, check, sentence: str, figure: str) -> bool:
    """``check`` (a reading of a number's span in a parse) on ``figure`` in ``sentence``."""
    start = sentence.index(figure)
    return check(nlp.parse(sentence), start, start + len(figure))


def test_a_count_of_those_who_did_something_is_no_count_of_how_many_there_are(nlp):
    from functools import partial

    from assistant.evidence.counting import an_actor
    actor = partial(_of_figure, nlp, an_actor)
    assert actor("About 1,200 people were evacuated from the village.", "1,200")
    assert actor("Some 5,000 people waited on Wednesday to return home.", "5,000")
    assert not actor("As of the census of 2000, there were 1,791 people in the city.", "1,791")
    assert actor("The flood forced 5,000 people from their homes.", "5,000")


def test_a_number_counting_a_noun_that_qualifies_another_states_no_value_of_it(nlp):
    from assistant.evidence.counting import counts_qualifier

    def qualifies(sentence: str, figure: str, lemma: str) -> bool:
        return _of_figure(nlp, lambda p, s, e: counts_qualifier(p, s, e, {lemma}), sentence,
                          figure)
    assert qualifies("Snow was a three-sport star at his high school.", "three", "sport")
    assert not qualifies("With a $25 million US bounty on his head, he fled.", "$25 million",
                         "bounty")
    assert not qualifies("There were 1,791 people in the village.", "1,791", "people")


def test_a_figure_counting_its_noun_per_something_is_a_rate(nlp):
    from functools import partial

    from assistant.evidence.counting import a_rate
    rate = partial(_of_figure, nlp, a_rate)
    assert rate("The population density was 90.4 people per square mile.", "90.4")
    assert not rate("There were 1,791 people in the village.", "1,791")
    assert not rate("Charges rose by 8.5 per cent this year.", "8.5 per cent")  # "per" inside


def test_two_reports_wording_two_answers_alike_are_both_quoted(tmp_path):
    # two stations of one name on two lines: near copies in words, but each report its own
    from assistant.types import QUOTE
    assistant = _assistant_over(tmp_path, {
        "a.txt": "Vellmoor (Ardmore line)\n\nThe Vellmoor station is on the Ardmore line of the "
                 "city metro.\n\nIt opened in 1952 with marble pylons.\n",
        "b.txt": "Vellmoor (Ashvale line)\n\nThe Vellmoor station is on the Ashvale line of the "
                 "city metro.\n\nThe hall was rebuilt after a fire in 1987.\n"})
    answer = assistant.ask("Which line is the Vellmoor station on?")
    quoted = " ".join(line.text for line in answer.lines if line.kind == QUOTE)
    assert "Ardmore line of" in quoted and "Ashvale line of" in quoted, answer.text
