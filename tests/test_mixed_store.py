"""One store holding three unrelated collections (issue 15, "Before this one" in any domain).

The bundled sample corpus (a leader's audio messages, 2015-2018) and two development
collections whose dates interleave (a carmaker's recalls and a launch company's flights,
2023-2025) are ingested into one store. Each report must keep the instance and the story it has
in a store holding its collection alone, and each collection's "before this one" questions must
get the answers they get there.

Real parts throughout: the MiniLM embedder, embedded Chroma stores, the Assistant and its chat.
Each store is built once for the module (the sample corpus's alone is the session's ``seeds``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from assistant import Assistant
from assistant.event_order import previous_event
from assistant.render import answer_text
from assistant.types import NEARBY, NEARBY_HEAD, rendered

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "evals" / "dev"
COLLECTIONS = {
    "seeds": ROOT / "evals" / "corpus" / "seeds",
    "product_recall": DEV / "product_recall",
    "space_launches": DEV / "space_launches",
}


@pytest.fixture(scope="module")
def alone(tmp_path_factory, minilm, seeds) -> dict[str, Assistant]:
    """A store per collection."""
    stores = {"seeds": seeds}
    for name, folder in COLLECTIONS.items():
        if name not in stores:
            stores[name] = Assistant(store=tmp_path_factory.mktemp(name), embedder=minilm)
            assert stores[name].ingest(reports(folder)).ok
    return stores


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, minilm) -> Assistant:
    """One store holding all three collections."""
    assistant = Assistant(store=tmp_path_factory.mktemp("mixed"), embedder=minilm)
    assert assistant.ingest([p for folder in COLLECTIONS.values() for p in reports(folder)]).ok
    return assistant


def reports(folder: Path) -> list[Path]:
    """A collection's reports (a development collection's folder also holds its cases.json)."""
    return sorted(folder.glob("*.txt"))


def collection_of(source: str) -> str:
    return next(name for name, folder in COLLECTIONS.items() if Path(source).parent == folder)


def instances(assistant: Assistant, collection: str) -> dict[frozenset[str], tuple]:
    """The collection's instances, keyed by the reports that describe each as new:
    (date, label, story words, every report that describes it)."""
    return {frozenset(e.subject_of): (e.date, e.label, sorted(e.event.story), sorted(e.reports))
            for e in assistant.timeline()
            if e.subject_of and collection_of(e.subject_of[0]) == collection}


def previous_instances(assistant: Assistant, collection: str) -> dict[frozenset[str], tuple]:
    """For each of the collection's instances, the reports of the instance before it (its
    date when no report describes it as new); None for the first."""
    events = [e.event for e in assistant.timeline()]
    source = {d: s for e in assistant.timeline() for d, s in zip(e.event.doc_ids, e.reports)}
    found = {}
    for event in events:
        subjects = frozenset(source[d] for d in event.subject_of)
        if subjects and collection_of(next(iter(subjects))) == collection:
            before = previous_event(events, event)
            found[subjects] = None if before is None else (
                frozenset(source[d] for d in before.subject_of) or before.label)
    return found


# --- each report keeps its instance and its story ----------------------------------------------
def test_every_report_is_the_subject_of_one_instance_of_its_own_collection(mixed):
    entries = mixed.timeline()
    subjects = [s for e in entries for s in e.subject_of]
    assert sorted(subjects) == sorted(d.source for d in mixed.documents())  # each exactly once
    for entry in entries:  # no instance is told by reports of two collections
        assert len({collection_of(s) for s in entry.reports}) == 1, entry.label


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_instances_and_stories_are_those_of_the_collection_alone(alone, mixed, collection):
    """The same instances, dates, labels (no report takes another collection's event noun) and
    story words as in a store holding the collection alone."""
    assert instances(mixed, collection) == instances(alone[collection], collection)


@pytest.mark.parametrize("collection", ["seeds", "product_recall", "space_launches"])
def test_the_instance_before_each_instance_is_that_of_the_collection_alone(alone, mixed,
                                                                           collection):
    assert previous_instances(mixed, collection) == previous_instances(alone[collection],
                                                                       collection)


# --- "before this one" answers ------------------------------------------------------------------
def seeds_flows() -> list[tuple[tuple[str, ...], int]]:
    """The sample corpus's "before this one" conversations, as the README's transcript has them,
    each with the position of its first "before this one" question."""
    data = yaml.safe_load((ROOT / "evals" / "transcripts" / "seeds.yaml").read_text("utf-8"))
    flows = [tuple(c["questions"]) for c in data["conversations"]]
    return [(questions, next(i for i, q in enumerate(questions) if "before this one" in q))
            for questions in flows if any("before this one" in q for q in questions)]


def previous_cases(collection: str) -> list[tuple[str, tuple[str, ...]]]:
    """The collection's previous-instance cases: earlier turns, then the question."""
    data = json.loads((DEV / collection / "cases.json").read_text("utf-8"))
    return [(c["id"], (*c.get("turns", ()), c["question"])) for c in data["cases"]
            if c["id"].startswith("prev-")]


FLOWS = [pytest.param("seeds", questions, first, id=f"seeds-{n}")
         for n, (questions, first) in enumerate(seeds_flows())]
FLOWS += [pytest.param(collection, questions, len(questions) - 1, id=case_id)
          for collection in ("product_recall", "space_launches")
          for case_id, questions in previous_cases(collection)]


def conversation(assistant: Assistant, questions: tuple[str, ...]) -> list:
    """Each answer of one chat, and the paths the CLI shows for its sources."""
    chat, shown = assistant.chat(), assistant.shown_paths()
    return [(chat.ask(question), shown) for question in questions]


def printed(answer, shown, nearby: set[str]) -> str:
    """The answer as the CLI prints it (text, sources, related, notes) without the sentences
    quoted beside it for being nearest the question in meaning (``nearby``: their ids, in
    either store), which are the store's nearest and not the answer's; its related sentences
    in id order: they are ranked partly by BM25, whose word weights the store's other
    collections change, so two of them may swap places (seen on one host)."""
    own = tuple(line for line in answer.lines if line.kind != NEARBY and line.text != NEARBY_HEAD)
    related = sorted((r for r in answer.related if r.sentence.sentence_id not in nearby),
                     key=lambda r: r.sentence.sentence_id)
    return answer_text(replace(answer, text=rendered(own), lines=own, citations=answer.answering,
                               related=tuple(related)), shown)


def _nearby(answer) -> set[str]:
    numbers = {n for line in answer.lines if line.kind == NEARBY for n in line.cites}
    return {c.sentence.sentence_id for c in answer.citations if c.n in numbers}


@pytest.mark.parametrize("collection,questions,first", FLOWS)
def test_before_this_one_answers_are_those_of_the_collection_alone(alone, mixed, collection,
                                                                    questions, first):
    """The answers from the first previous-instance question on (a development case's
    question; the rest of a sample corpus conversation) are the same text in both stores, as
    the CLI prints them: text, sources, related sentences (as a set) and notes (which name the
    instance), without the nearest sentences quoted beside them (a question naming nothing,
    "how long was that one?", has another story's among them in a store holding several).

    The turns before are asked but not compared: an answer quoted from the evidence may
    differ between the stores, which score sentences against different collections."""
    pairs = list(zip(conversation(mixed, questions), conversation(alone[collection], questions)))
    for (a, shown_a), (b, shown_b) in pairs[first:]:
        nearby = _nearby(a) | _nearby(b)
        assert printed(a, shown_a, nearby) == printed(b, shown_b, nearby)


def test_the_sample_corpus_flow_still_finds_the_message_before(mixed):
    """Not the same wrong answer twice: in the mixed store the newest message's predecessor
    is September 2017, dated by the newest message's own reports."""
    chat = mixed.chat()
    chat.ask("What did the message that mentions the pastor say about Turkey?")
    answer = chat.ask("When was his last message before this one?")
    assert answer.text.startswith("September 2017")
    assert {collection_of(c.source) for c in answer.citations} == {"seeds"}


def test_a_report_naming_the_instance_before_its_own_in_other_words_is_a_reading(alone):
    """With nothing in focus, one reading per report: the newest launch's report names the one
    before it in words of its own ("the previous launch placed six satellites ... less than
    four months ago"), which retrieval ranks below thirty sentences nearer the question."""
    answer = alone["space_launches"].ask("When was Corvanta's previous launch before this one?")
    readings = {p.claim: p for p in answer.disagreements[0].positions}
    assert "less than four months ago" in readings
    cited = {c.n: c.sentence.text for c in answer.citations}
    assert any("525-kilometre orbit" in cited[n] for n in readings["less than four months ago"]
               .citations)
