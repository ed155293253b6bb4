"""The page's renderings: source text stays text, markers link to their evidence, and the
evidence, cards and timeline show what the library's answer says. No browser, no server."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, strategies as st
from markdown_it import MarkdownIt

from assistant import Assistant
from assistant.types import (CONFLICT, DIFFERENT_EVENTS, POSITION, QUOTE, TEXT, Answer, Citation,
                             Disagreement, Line, Position)
from assistant.web.cards import disagreements_html
from assistant.web.chart import MARKED, QUIET, timeline_figure, timeline_list
from assistant.web.escape import markdown_text, text
from assistant.web.markers import answer_markdown
from assistant.web.session import WebChat
from index.embedder import HashingEmbedder
from index.memory_store import MemoryStore
from index.types import Sentence

HOSTILE = ('Engineers said the repairs cost 4 million dollars. <script>alert(1)</script> '
           'A sign said <img src=x onerror="alert(2)"> and ${alert(3)} and {{value}} '
           'and `code` and *stars* and [link](javascript:alert(4)).')


def visible(fragment: str) -> str:
    """What a browser shows for an HTML fragment: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def tags(fragment: str) -> set[str]:
    return {t.lower() for t in re.findall(r"<\s*([a-zA-Z][\w-]*)", fragment)}


# Which tags our renderings may produce; anything else came from a document.
OURS = {"div", "section", "ol", "ul", "li", "a", "q", "p", "span", "article", "header"}


@given(st.text())
def test_text_shows_exactly_what_it_was_given_and_makes_no_tags(value):
    escaped = text(value)
    assert visible(escaped) == value
    assert not set("<>\"'`${}") & set(escaped.replace("&", ""))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
def test_markdown_text_renders_to_the_same_words_with_no_markup(value):
    rendered = MarkdownIt("commonmark").renderInline(markdown_text(value))
    assert visible(rendered) == value
    assert not tags(rendered)


def sentence(doc: str, i: int, start: int, body: str) -> Sentence:
    return Sentence(f"{doc}:{i:05d}", doc, i, start, start + len(body), body)


def answer_with(text_: str, *citations: Citation, disagreements=()) -> Answer:
    return Answer("q?", text_, False, citations=citations, disagreements=disagreements)


def test_only_markers_of_real_citations_become_links_and_source_words_stay_text():
    c = Citation(1, sentence("d", 0, 0, HOSTILE), "d.txt")
    answer = answer_with(f"- 4 million dollars [1]\n“{HOSTILE}” [1] [7]", c)
    md = answer_markdown(answer, turn=3)
    rendered = MarkdownIt("commonmark").render(md)
    assert re.findall(r'href="#cb-(\d+-\d+)"', rendered) == ["3-1", "3-1"]
    assert "[7]" in visible(rendered)  # cites nothing: stays text
    assert tags(rendered) <= {"ul", "li", "p", "a", "br"}
    assert HOSTILE in " ".join(visible(rendered).split())


def test_a_list_ends_before_the_quotes_that_follow_it():
    c = Citation(1, sentence("d", 0, 0, "It was 5."), "d.txt")
    rendered = MarkdownIt("commonmark").render(answer_markdown(
        answer_with("The sources differ:\n- 5 [1]\n“It was 5.” [1]", c), 1))
    assert rendered.index("</ul>") < rendered.index("It was 5.")


def test_lines_become_markdown_without_reading_markers_back_out_of_text():
    # a quoted sentence that itself contains "[1]" stays text: only a line's citations link
    c = Citation(1, sentence("d", 0, 0, "Figures [1] vary."), "d.txt")
    answer = Answer.of("q", [Line(TEXT, "The sources differ:"), Line(POSITION, "5", (1,)),
                             Line(QUOTE, "Figures [1] vary.", (1,))], citations=(c,))
    assert answer.text == "The sources differ:\n- 5 [1]\n“Figures [1] vary.” [1]"
    rendered = MarkdownIt("commonmark").render(answer_markdown(answer, 2))
    assert re.findall(r'href="#cb-(\d+-\d+)"', rendered) == ["2-1", "2-1"]
    assert "Figures [1] vary." in visible(rendered)
    assert rendered.index("</ul>") < rendered.index("Figures")


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    (folder / "a.txt").write_text("Bridge reopens\n\nThe bridge reopened on Monday. " + HOSTILE
                                  + " Traffic was light.\n\n[ADVERTISEMENT]\n\n"
                                  "Drivers said the toll was fair.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Bridge repairs\n\nThe repairs cost 6 million dollars, the "
                                  "council said. The bridge reopened on Monday.\n",
                                  encoding="utf-8")
    assistant = Assistant(store=MemoryStore(), embedder=HashingEmbedder())
    assert assistant.ingest([folder]).ok
    return assistant


def test_evidence_marks_every_cited_sentence_in_its_document_and_keeps_its_text(small):
    chat = WebChat(small)
    view = chat.ask("How much did the repairs cost?")
    answer = small.ask("How much did the repairs cost?")
    assert answer.citations
    panel = view.evidence
    assert tags(panel) <= OURS
    for c in answer.citations:
        span = re.search(rf'<span class="cb-s" data-cites="[^"]*\b1-{c.n}\b[^"]*">(.*?)</span>',
                         panel, re.S)
        assert span and visible(span.group(1)) == c.sentence.text
    for doc_id in {c.sentence.doc_id for c in answer.citations}:
        article = re.search(rf'<article class="cb-doc" data-doc="{doc_id}" hidden>(.*?)</article>',
                            panel, re.S)
        body = re.search(r'<div class="cb-doc-text">(.*)</div>', article.group(1), re.S)
        view = small.document(doc_id)
        assert visible(body.group(1)) == view.text
        furniture = [x.text for x in view.sentences if not x.content]
        shown = re.findall(r'<span class="cb-furniture" title="[^"]*">(.*?)</span>', body.group(1))
        assert [visible(f) for f in shown] == furniture


def test_page_furniture_is_dimmed_in_the_document_view(small):
    from assistant.web.evidence import evidence_html

    record = next(r for r in small.documents() if r.source.endswith("a.txt"))
    view = small.document(record.doc_id)
    body = next(x for x in view.sentences if x.content)
    panel = evidence_html([(1, answer_with("x [1]", Citation(1, body, record.source)))],
                          small.document)
    shown = re.findall(r'<span class="cb-furniture" title="[^"]*">(.*?)</span>', panel)
    assert [visible(f) for f in shown] == [x.text for x in view.sentences if not x.content]
    assert "[ADVERTISEMENT]" in [visible(f) for f in shown]


def test_each_turn_keeps_its_own_keys_and_old_turns_are_dropped(small):
    chat = WebChat(small, keep=2)
    for q in ("How much did the repairs cost?", "When did the bridge reopen?",
              "What did the sign say?"):
        view = chat.ask(q)
    turns = re.findall(r'<section class="cb-turn" data-turn="(\d+)"( hidden)?>', view.evidence)
    assert turns == [("2", " hidden"), ("3", "")]
    assert "data-cites=\"1-" not in view.evidence
    assert len(view.messages) == 6  # the conversation itself is all kept


def test_a_refused_question_is_a_reply_not_an_error(small):
    view = WebChat(small).ask("   ")
    assert view.messages[-1]["role"] == "assistant"
    assert "empty" in view.messages[-1]["content"]
    assert view.answer is None


def test_cards_show_each_position_with_its_quotes_and_source_count():
    c1 = Citation(1, sentence("a", 0, 0, "It cost 4 <b>million</b>."), "a.txt", outlet="A")
    c2 = Citation(2, sentence("b", 0, 0, "It cost 6 million."), "b.txt", outlet="B")
    c3 = Citation(3, sentence("c", 0, 0, "Six million, it said."), "c.txt", outlet="C")
    d = Disagreement("How much?", CONFLICT, (Position("4 million", (1,), ("a.txt",)),
                                              Position("6 million", (2, 3), ("b.txt", "c.txt"))))
    cards = disagreements_html(answer_with("x", c1, c2, c3, disagreements=(d,)), 5)
    assert tags(cards) <= OURS
    bodies = re.findall(r'<div class="cb-card">(.*?)</ul></div>', cards, re.S)
    assert [visible(re.search(r'cb-claim">(.*?)</div>', b).group(1)) for b in bodies] == [
        "4 million", "6 million"]
    assert "backed by 1 source<" in bodies[0] and "backed by 2 sources" in bodies[1]
    assert re.findall(r'href="#cb-(5-\d)"', bodies[1]) == ["5-2", "5-3"]
    assert "It cost 4 <b>million</b>." in visible(bodies[0])
    assert "Sources conflict" in cards
    other = Disagreement("How long?", DIFFERENT_EVENTS, d.positions)
    assert "Different events" in disagreements_html(answer_with("x", c1, c2, c3,
                                                                disagreements=(other,)), 1)
    assert disagreements_html(answer_with("x", c1), 1) == ""


def test_timeline_marks_the_answers_events_and_escapes_hover_text(seeds):
    entries = seeds.timeline()
    dated = [e for e in entries if e.event.date is not None]
    assert len(dated) >= 2
    marked = dated[1].event_id
    figure = timeline_figure(entries, [marked])
    points = [t for t in figure.data if t.mode == "markers"]
    assert [p.name for p in points] == [e.event_id for e in dated]
    colours = {p.name: p.marker.color for p in points}
    assert colours[marked] == MARKED
    assert {c for n, c in colours.items() if n != marked} == {QUIET}
    for p, entry in zip(points, dated):
        assert entry.date in p.hovertext[0]
        assert "<script" not in p.hovertext[0]
    listed = timeline_list(entries, [marked])
    assert tags(listed) <= OURS
    assert len(re.findall(r'<li( class="cb-marked")?><span class="cb-when">', listed)) == len(entries)
    assert listed.count('class="cb-marked"') == 1


def test_timeline_with_nothing_dated_is_an_empty_figure_not_an_error(small):
    figure = timeline_figure(small.timeline())
    assert not [t for t in figure.data if t.mode == "markers"]


def test_hover_text_keeps_source_markup_as_text(seeds):
    from dataclasses import replace

    entry = next(e for e in seeds.timeline() if e.event.date is not None)
    hostile = replace(entry, label="x <img src=y onerror=z>",
                      citations=(Citation(1, sentence("d", 0, 0, HOSTILE), "d.txt"),))
    hover = next(t for t in timeline_figure([hostile]).data if t.mode == "markers").hovertext[0]
    assert tags(hover) <= {"b", "br"}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hover and '"alert(2)"' in hover
