"""The sentences nearest a question in meaning, quoted after its answer (real Chroma and MiniLM
over the sample corpus; the conversation rules over hand-built answers)."""

from __future__ import annotations

import pytest

from assistant.chat import _names_of, _speaker_answer
from assistant.query import analyse
from assistant.types import NEARBY, NEARBY_HEAD, QUOTE, TEXT, Answer, Citation, Line
from index.types import Sentence

QUESTION = "How much is the bounty on Baghdadi?"


@pytest.mark.slow
def test_an_answer_quotes_the_nearest_sentences_it_does_not_cite_yet(seeds):
    answer = seeds.ask(QUESTION)
    kinds = [line.kind for line in answer.lines]
    assert NEARBY in kinds, "no sentence nearest the question was quoted"
    head = kinds.index(NEARBY) - 1
    assert answer.lines[head] == Line(TEXT, NEARBY_HEAD)
    assert set(kinds[head + 1:]) == {NEARBY}  # they come last, after the answer's own lines
    nearby = [n for line in answer.lines if line.kind == NEARBY for n in line.cites]
    own = {n for line in answer.lines if line.kind != NEARBY for n in line.cites}
    assert min(nearby) > max(own)  # numbered after the answer's own citations
    by_n = {c.n: c.sentence for c in answer.citations}
    nearest = [h.sentence.sentence_id for h in
               seeds.store.search(seeds.embedder.embed_query(QUESTION), 3)]
    # the nearest of their reports (one each): among the nearest few of the store
    near = [h.sentence.sentence_id for h in
            seeds.store.search(seeds.embedder.embed_query(QUESTION), 10)]
    assert all(by_n[n].sentence_id in near for n in nearby)
    owned = {by_n[n].sentence_id for n in own}
    assert not owned & {by_n[n].sentence_id for n in nearby}
    # quoted verbatim, and no longer listed as related
    for line in answer.lines:
        if line.kind == NEARBY:
            assert line.text == " ".join(by_n[line.cites[0]].text.split())
    assert not {r.sentence.sentence_id for r in answer.related} & set(nearest)


@pytest.mark.slow
def test_an_abstention_quotes_nothing(seeds):
    answer = seeds.ask("What was the name of Baghdadi's first teacher?")
    assert answer.abstained
    assert not answer.citations and NEARBY not in {line.kind for line in answer.lines}


def _sentence(n: int, text: str) -> Sentence:
    return Sentence(f"d{n}:0", f"d{n}", 0, 0, len(text), text)


def _answer(own: str, nearby: str) -> Answer:
    first, second = _sentence(1, own), _sentence(2, nearby)
    lines = (Line(QUOTE, own, (1,)), Line(TEXT, NEARBY_HEAD), Line(NEARBY, nearby, (2,)))
    return Answer.of("q", lines, citations=(Citation(1, first, "a.txt"),
                                            Citation(2, second, "b.txt")))


def test_the_answer_rests_on_its_own_citations_not_the_nearby_ones():
    answer = _answer("The bridge reopened on Monday.", "Anna Berg said the bridge was safe.")
    assert [c.n for c in answer.answering] == [1]
    # a sentence both lines cite stays one the answer rests on
    both = Answer.of("q", (Line(QUOTE, "x", (1,)), Line(NEARBY, "x", (1,))),
                     citations=answer.citations[:1])
    assert [c.n for c in both.answering] == [1]
    plain = Answer("q", "x [1] [2]", False, citations=answer.citations)  # no lines: all of them
    assert plain.answering == plain.citations


def test_a_later_turn_reads_the_answer_not_the_quotes_beside_it():
    # "who said that?" and "she" look at what the answer rests on: the nearby sentence names
    # a speaker and a person, the answer's own sentence neither
    answer = _answer("The bridge reopened on Monday.",
                     '"It is safe," said Anna Berg, the agency\'s chief engineer.')
    assert _speaker_answer(analyse("Who said that?"), answer) is None
    assert _names_of(analyse("When did the bridge reopen?"), answer) == ()


def test_a_nearby_line_reads_as_a_quote():
    assert Line(NEARBY, "It rained.", (3,)).render() == "“It rained.” [3]"


@pytest.mark.slow
def test_a_sentence_without_the_names_the_question_gives_is_not_quoted_beside_it(tmp_path, minilm):
    texts = {
        "ferry.txt": "Ferry Marlow runs aground near Tarbet\n\nThe ferry Marlow ran aground near "
                     "Tarbet on Monday with 40 passengers aboard. The grounding lasted two hours "
                     "before a tug pulled the Marlow free.\n",
        "choir.txt": "Choir wins in Ostrava\n\nThe Velden choir won the festival in Ostrava. Its "
                     "singers joked about how long a ferry grounding can last.\n",
    }
    assistant = _ingested(tmp_path, minilm, texts)
    question = "How long did the Marlow grounding last?"
    nearest = assistant.store.search(assistant.embedder.embed_query(question), 3)
    joke = [h.sentence for h in nearest if "singers" in h.sentence.text]
    assert joke, "the other story's sentence is no longer among the nearest: the test tests nothing"
    answer = assistant.ask(question)
    assert NEARBY in {line.kind for line in answer.lines}, answer.text
    assert joke[0].sentence_id not in {c.sentence.sentence_id for c in answer.citations}, answer.text
    assert {c.source.rsplit("/", 1)[-1] for c in answer.citations} == {"ferry.txt"}


@pytest.mark.slow
def test_the_quotes_beside_an_answer_come_from_different_reports(tmp_path, minilm):
    """One report's many near sentences do not crowd out the other reports' nearest: an
    ambiguous name's other bearers."""
    texts = {
        "a.txt": "Tom Reed (footballer)\n\nTom Reed played football for Leeds. Tom Reed played "
                 "football as a winger. Tom Reed played football until 1990. Tom Reed played "
                 "football in the first division. Tom Reed played football for England twice.\n",
        "b.txt": "Tom Reed (cricketer)\n\nTom Reed is an English cricketer who bowls left-arm "
                 "spin. He lives in Kent.\n",
        "c.txt": "Tom Reed (rower)\n\nTom Reed rowed for Oxford in the Boat Race. He is a "
                 "teacher.\n",
    }
    assistant = _ingested(tmp_path, minilm, texts)
    answer = assistant.ask("What sport did Tom Reed play?")
    by_n = {c.n: c for c in answer.citations}
    nearby = [by_n[n].source.rsplit("/", 1)[-1] for line in answer.lines if line.kind == NEARBY
              for n in line.cites]
    assert len(nearby) == len(set(nearby)), answer.text
    assert {"b.txt", "c.txt"} <= set(nearby), answer.text


def _ingested(tmp_path, minilm, texts: dict[str, str]):
    """An assistant over a fresh store holding ``texts`` (file name -> text)."""
    from assistant import Assistant

    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    assistant = Assistant(store=tmp_path / "store", embedder=minilm)
    assert assistant.ingest([folder]).ok
    return assistant
