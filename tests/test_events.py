"""Tests for :mod:`assistant.events`: instances of a recurring event, merged across reports.

Ground truth comes from ``evals/notes/volcano.md`` and ``evals/notes/rates.md`` and, for the
seeds (five reports of a leader's audio messages), from the brief: report 004 is about the
November 2016 message (previous: December 2015), 001 and 002 about the September 2017 one
(previous: November 2016), 000 and 003 about the August 2018 one (previous: September 2017).
A fourth domain (product launches) is written here to show the rules are not tied to the
three stories. Reports are loaded and split by the real write path (no vector store).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.event_mentions import learn_terms, sentence_stems
from assistant.event_order import previous_event, previous_events
from assistant.events import Event, Mention, build_events, document_mentions, event_of_document
from assistant.retrieval import Corpus
from index.loading import load_file
from index.sentences import split_document
from index.store import DocumentRecord
from index.temporal import find_time_expressions

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "evals" / "corpus"

# (date as DateRange.iso(), reports whose subject it is, reports that describe it), by the
# three-digit prefix of the file names.
SEEDS = [
    ("2015-12", [], ["004"]),
    ("2016-11", ["004"], ["001", "002", "004"]),
    ("2017-09", ["001", "002"], ["000", "001", "002", "003"]),
    # The texts allow no narrower range: "first in almost a year" after September 2017 (to
    # September 2018), and 003 refers to sanctions "on August 1" (so written after it).
    ("2018-08-01/2018-09-30", ["000", "003"], ["000", "003"]),
]
VOLCANO = [
    ("1998-10", [], ["001"]),
    ("2019-11", ["001"], ["001", "002", "003", "004", "008"]),
    ("2021-03-09", ["002", "003"], ["002", "003", "004", "005", "006", "008"]),
    ("2022-08-22", ["004", "005", "006"], ["004", "005", "006", "007", "008"]),
    ("2024-02-03", ["007", "008"], ["007", "008"]),
]
RATES = [
    ("2022-06", [], ["001", "005", "006", "008"]),
    ("2023-03-02", ["001"], ["001", "002", "003", "004", "008"]),
    ("2023-09-14", ["002", "003", "004"], ["002", "003", "004", "005", "006", "007"]),
    ("2024-11-07", ["005", "006", "007"], ["005", "006", "007", "008"]),
    ("2025-06-19", ["008"], ["008"]),
]
EXPECTED = {"seeds": SEEDS, "volcano": VOLCANO, "rates": RATES}

LAUNCH_REPORTS = {
    "a.txt": """Tessaly Motors unveils electric van

12 March 2030

Tessaly Motors launched its new electric van on Tuesday at a press event in Harbin Vale.

It was the carmaker's first launch since June 2028, when it introduced a compact hatchback.

Its rival Orvel last recalled a model in 2029.

The van goes on sale in May, the company said.
""",
    "b.txt": """Tessaly Motors launches hybrid pickup

Tessaly Motors launched a hybrid pickup on Monday, its second launch in less than a year.

The company's last launch was in March, when it unveiled an electric van.

Dealers said early orders were strong.
""",
    "c.txt": """Tessaly Motors bets on drones

3 September 2031

Tessaly Motors launched a delivery drone on Wednesday, its first launch in almost a year.

Its previous launch was in October last year, when it introduced a hybrid pickup.

Before that, it launched an electric van in March 2030.

The company has not changed its chief executive since 2019.

Analysts expect a new sedan next year.
""",
    "d.txt": """Long queues for Tessaly pickup

Dealers reported long queues on Wednesday for the hybrid pickup that Tessaly Motors
launched on Monday.

It was the first launch since March 2030, the company said.
""",
}
LAUNCHES = [
    ("2028-06", [], ["a"]),
    ("2030-03-12", ["a"], ["a", "b", "c", "d"]),
    ("2030-10", ["b", "d"], ["b", "c", "d"]),
    ("2031-09-03", ["c"], ["c"]),
]


# --- loading ----------------------------------------------------------------------------------
def load_corpus(paths: list[Path]) -> tuple[Corpus, dict[str, str]]:
    """A Corpus of the files' content sentences, and file key (prefix or stem) → doc id."""
    records, sentences, keys = [], [], {}
    for path in paths:
        loaded = load_file(path, 5_000_000)
        doc = loaded.document
        split = split_document(doc, loaded.furniture)
        content = [s for s in split if s.content]
        records.append(DocumentRecord(doc.doc_id, str(path), doc.content_hash, doc.format,
                                      doc.title, len(split), len(content),
                                      published=doc.meta.published))
        sentences += content
        keys[path.name.split("_")[0] if "_" in path.name else path.stem] = doc.doc_id
    return Corpus(records, sentences), keys


def corpus_files(name: str) -> list[Path]:
    return sorted(p for p in (CORPORA / name).iterdir() if p.is_file())


@pytest.fixture(scope="module")
def corpora() -> dict[str, tuple[Corpus, dict[str, str], list[Event]]]:
    out = {}
    for name in EXPECTED:
        corpus, keys = load_corpus(corpus_files(name))
        out[name] = (corpus, keys, build_events(corpus))
    return out


@pytest.fixture(scope="module")
def launches(tmp_path_factory) -> tuple[Corpus, dict[str, str], list[Event]]:
    folder = tmp_path_factory.mktemp("launches")
    for name, text in LAUNCH_REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    corpus, keys = load_corpus(sorted(folder.iterdir()))
    return corpus, keys, build_events(corpus)


def summary(events: list[Event], keys: dict[str, str]) -> list[tuple]:
    """Events as (date iso, subject keys, doc keys), in the order given."""
    name = {doc_id: key for key, doc_id in keys.items()}
    return [(e.date.iso() if e.date else None, sorted(name[d] for d in e.subject_of),
             sorted(name[d] for d in e.doc_ids)) for e in events]


def by_date(events: list[Event], iso: str) -> Event:
    return next(e for e in events if e.date is not None and e.date.iso() == iso)


# --- the event lists --------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(EXPECTED))
def test_events_per_corpus(corpora, name):
    corpus, keys, events = corpora[name]
    assert summary(events, keys) == [(d, s, docs) for d, s, docs in EXPECTED[name]]


def test_events_in_a_fourth_domain(launches):
    corpus, keys, events = launches
    assert summary(events, keys) == [(d, s, docs) for d, s, docs in LAUNCHES]
    assert all(e.label.startswith("launch, ") for e in events)


# Dates of other happenings in the reports: a public appearance and a city's capture (2014), a
# city lost (2016-02), an airstrike (2017-05, May 28), a city's fall (2017-07, 2017-10), a
# minister's appointment (2023), an inflation peak (late 2022), a rival's recall (2029), a
# change of chief executive (2019).
DISTRACTORS = {"seeds": ("2014", "2016-02", "2017-05", "2017-07", "2017-10", "2018-05"),
               "volcano": ("2023",), "rates": ("2022-09", "2023-01"), "launches": ("2019", "2029")}


def test_distractor_dates_are_not_instances(corpora, launches):
    for name, (_, _, events) in [*corpora.items(), ("launches", launches)]:
        assert not [e.label for e in events if e.date.iso().startswith(DISTRACTORS[name])]


def test_stories_do_not_mix_when_corpora_are_combined(corpora):
    """All three corpora in one store give the union of their separate results: a month named
    without a year binds only to an instance of its own story."""
    paths = [p for name in EXPECTED for p in corpus_files(name)]
    corpus, _ = load_corpus(paths)
    keys = {f"{name}/{key}": doc_id
            for name in EXPECTED for key, doc_id in corpora[name][1].items()}
    separate = sorted((d, sorted(f"{n}/{k}" for k in s), sorted(f"{n}/{k}" for k in docs))
                      for n in EXPECTED for d, s, docs in EXPECTED[n])
    assert sorted(summary(build_events(corpus), keys)) == separate


def test_the_one_before_stays_in_its_story_when_corpora_are_combined(corpora):
    """The three stories' dates interleave (an eruption in 2019, a message in 2018, a rate cut
    in 2022 ...): in one store each instance keeps the label and the previous instance it has
    in its own corpus, one at a time and all at once."""
    corpus, _ = load_corpus([p for name in EXPECTED for p in corpus_files(name)])
    combined = build_events(corpus)
    alone = {e.event_id: (e, events) for _, _, events in corpora.values() for e in events}
    assert {e.event_id for e in combined} == set(alone)
    every = previous_events(combined)
    for event in combined:
        own, events = alone[event.event_id]
        expected = previous_event(events, own)
        assert event.label == own.label
        assert getattr(previous_event(combined, event), "event_id", None) == \
            getattr(expected, "event_id", None), event.label
        assert getattr(every[event.event_id], "event_id", None) == \
            getattr(expected, "event_id", None), event.label


# --- chains and lookups -----------------------------------------------------------------------
@pytest.mark.parametrize("name", list(EXPECTED))
def test_previous_event_chain(corpora, name):
    """Each event's previous event is the one listed before it; the first has none."""
    _, _, events = corpora[name]
    dates = [d for d, _, _ in EXPECTED[name]]
    for earlier, later in zip(dates, dates[1:]):
        assert previous_event(events, by_date(events, later)).date.iso() == earlier
    assert previous_event(events, by_date(events, dates[0])) is None


@pytest.mark.parametrize("name", list(EXPECTED))
def test_event_of_every_document(corpora, name):
    corpus, keys, events = corpora[name]
    expected = {key: d for d, subjects, _ in EXPECTED[name] for key in subjects}
    assert set(expected) == set(keys)  # every report is the subject of exactly one event
    for key, doc_id in keys.items():
        assert event_of_document(events, doc_id).date.iso() == expected[key]
    assert event_of_document(events, "no-such-document") is None


def test_previous_event_of_an_undated_event_is_none():
    assert previous_event([], Event("x", "launch, undated", None, (), (), ())) is None


# --- mentions ---------------------------------------------------------------------------------
ORDERS = [  # (corpus, report, [(earlier mention's date, order)]) as the reports state them
    ("volcano", "008", [("2022-08", 1), ("2021-03", 2), ("2019-11", 3)]),
    ("volcano", "004", [("2021-03", 1), ("2019-11", 2)]),
    ("volcano", "006", [("2021-03", 1)]),
    ("rates", "005", [("2023-09", 1), ("2022-06", None)]),
    ("rates", "006", [("2023-09", 1), ("2022-06", None)]),
    ("rates", "008", [("2024-11", 1), ("2023-03", None), ("2022-06", None)]),
    ("rates", "002", [("2023-03", 1)]),
    ("seeds", "003", [("2017-09", 1)]),
    ("seeds", "004", [("2015-12", 1)]),
]


@pytest.mark.parametrize("name,key,expected", ORDERS, ids=[f"{n}-{k}" for n, k, _ in ORDERS])
def test_earlier_mentions_and_their_order(corpora, name, key, expected):
    _, keys, events = corpora[name]
    found = sorted(((m.date.iso(), m.order) for e in events for m in e.mentions
                    if m.doc_id == keys[key] and m.role == "earlier"),
                   key=lambda x: (x[1] is None, x[1] or 0, x[0]))
    assert found == sorted(expected, key=lambda x: (x[1] is None, x[1] or 0, x[0]))


@pytest.mark.parametrize("name", [*EXPECTED, "launches"])
def test_sentence_ids_state_or_date_the_mention(corpora, launches, name):
    """Every supporting sentence is a content sentence of the mention's report; an earlier
    mention's first sentence contains its date as written; a subject's sentences speak of the
    event (an event word) or date it (a time expression)."""
    corpus, _, events = launches if name == "launches" else corpora[name]
    terms = learn_terms(corpus.by_doc.values())
    text = {s.sentence_id: s for s in corpus.sentences}
    for mention in (m for e in events for m in e.mentions):
        assert mention.sentence_ids, mention
        sentences = [text[i] for i in mention.sentence_ids]
        assert all(s.doc_id == mention.doc_id for s in sentences)
        if mention.role == "earlier":
            assert mention.date_text in sentences[0].text
        for sentence in sentences:
            assert set(sentence_stems(sentence.text)) & terms or \
                find_time_expressions(sentence.text), sentence.text


def test_subject_dates_and_how(corpora):
    """Subject dates come from the day named in a dated report, from the reference range, and
    from binding a month named without a year; ``how`` says which."""
    _, keys, events = corpora["volcano"]
    subject = {m.doc_id: m for e in events for m in e.mentions if m.role == "subject"}
    assert subject[keys["005"]].date.iso() == "2022-08-22"  # "on Monday", report of Aug 23
    assert subject[keys["005"]].date_text == "Monday"
    assert "only known instance" in subject[keys["006"]].how  # "March last year" bound
    assert subject[keys["006"]].date.iso() == "2022"
    seeds_keys, seeds = corpora["seeds"][1], corpora["seeds"][2]
    s001 = next(m for e in seeds for m in e.mentions
                if m.doc_id == seeds_keys["001"] and m.role == "subject")
    assert "'nearly a year' after 'November 2016'" in s001.how


def test_subject_facts(corpora):
    def facts(name: str, key: str) -> tuple[str, ...]:
        _, keys, events = corpora[name]
        return next(m.facts for e in events for m in e.mentions
                    if m.doc_id == keys[key] and m.role == "subject")

    assert "46-minute" in facts("seeds", "002")
    assert "about 55 minutes" in facts("seeds", "003")
    assert "9-hour" in facts("volcano", "002")
    assert "about 14 hours" in facts("volcano", "005")
    assert "less than an hour" not in facts("volcano", "001")  # said of the 1998 eruption


def test_labels_use_the_documents_noun(corpora):
    assert {e.label for e in corpora["volcano"][2]} == {
        f"eruption, {d}" for d, _, _ in VOLCANO}
    assert all(e.label.split(", ")[0] in ("audio message", "recording", "message")
               for e in corpora["seeds"][2])
    assert all(e.label.split(", ")[0] in ("move", "cut", "change") for e in corpora["rates"][2])


def test_event_ids_are_stable_and_distinct(corpora):
    corpus, _, events = corpora["rates"]
    again = build_events(Corpus(list(corpus.records.values()), list(corpus.sentences)))
    assert [e.event_id for e in events] == [e.event_id for e in again]
    assert len({e.event_id for e in events}) == len(events)


# --- one report alone -------------------------------------------------------------------------
def test_document_mentions_of_one_report(corpora):
    """Without other reports: the subject comes first; "March last year" in an undated report
    stays undated (only other reports can date it); the chain keeps its order."""
    corpus, keys, _ = corpora["volcano"]
    doc = keys["004"]
    mentions = document_mentions(doc, corpus.by_doc[doc], corpus.records[doc].published)
    assert [m.role for m in mentions] == ["subject", "earlier", "earlier"]
    assert [(m.date_text, m.date, m.order) for m in mentions[1:]][0] == ("March last year", None, 1)
    assert (mentions[2].date.iso(), mentions[2].order) == ("2019-11", 2)
    doc = keys["008"]
    mentions = document_mentions(doc, corpus.by_doc[doc], corpus.records[doc].published)
    assert [(m.date.iso(), m.order) for m in mentions[1:]] == [
        ("2022-08", 1), ("2021-03", 2), ("2019-11", 3)]
    assert all(isinstance(m, Mention) for m in mentions)


def test_document_mentions_of_an_empty_report():
    assert [m.role for m in document_mentions("x", [], None)] == ["subject"]
    assert document_mentions("x", [], None)[0].date is None


# --- speed ------------------------------------------------------------------------------------
def _replicated(corpus: Corpus, copies: int) -> Corpus:
    """``copies`` copies of every report under new ids (so no per-report cache can help)."""
    records, sentences = [], []
    for k in range(copies):
        for record in corpus.records.values():
            records.append(replace(record, doc_id=f"{record.doc_id[:12]}c{k:03d}"))
        for s in corpus.sentences:
            doc_id = f"{s.doc_id[:12]}c{k:03d}"
            sentences.append(replace(s, doc_id=doc_id, sentence_id=f"{doc_id}:{s.index:05d}"))
    return Corpus(records, sentences)


def test_ten_copies_of_the_bundled_corpora_give_the_same_instances():
    """Copies of a report merge with it (speed is measured by benchmarks/scale.py)."""
    corpus, _ = load_corpus([p for name in EXPECTED for p in corpus_files(name)])
    events = build_events(corpus)
    assert len(events) == sum(len(v) for v in EXPECTED.values())
    many = build_events(_replicated(corpus, 10))
    assert [e.date for e in many] == [e.date for e in events]
    assert sum(len(e.subject_of) for e in many) == 10 * len(corpus.records)


# --- generality -------------------------------------------------------------------------------
def test_event_modules_hold_nothing_from_the_corpora():
    """No name, event noun, year or file name of the bundled corpora appears in the code."""
    names = set()
    for path in CORPORA.rglob("*"):
        if path.is_file():
            names |= {path.stem.lower(), path.stem.split("_", 1)[-1].lower()}
    names |= {"baghdadi", "mosul", "raqqa", "furqan", "orrenhal", "velmora", "tellimar",
              "casterra", "norland", "varnholt", "caldhaven", "rennick", "eruption", "erupted",
              "volcano", "audio", "recording", "message", "basis"}
    years = {str(y) for y in range(1995, 2027)}
    for module in ("event_mentions", "event_dating", "events", "event_cache", "date_buckets",
                   "event_binding", "event_places", "previous"):
        source = (ROOT / "assistant" / f"{module}.py").read_text(encoding="utf-8").lower()
        found = {w for w in names | years if re.search(rf"\b{re.escape(w)}\b", source)}
        assert not found, (module, found)


@pytest.mark.slow
def test_previous_of_every_event_at_once_equals_one_at_a_time(seeds, volcano):
    from dataclasses import replace

    from assistant.event_order import previous_event, previous_events

    for assistant in (seeds, volcano):
        events = list(assistant._composer.events().events)
        tied = [replace(e, event_id=e.event_id + "-twin") for e in events]  # equal dates
        for pool in (events, events + tied, list(reversed(events + tied))):
            at_once = previous_events(pool)
            assert at_once == {e.event_id: previous_event(pool, e) for e in pool}
            assert any(v is not None for v in at_once.values())
