"""Property tests with adversarial inputs: sentence segmentation of whole documents (furniture
included) and of runs longer than any sentence, and the faithfulness checker's core promises.

tests/test_segment.py already checks split_sentences' invariants on short tricky texts; here the
same invariants are checked through split_document (furniture cut out first), with the length
bound, on texts built from sentence-like pieces, and on megabyte lines (their time against
ordinary prose is measured by benchmarks/analysis.py).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assistant.text import STOPWORDS, stem
from assistant.types import Answer, Citation
from evals.faithfulness import MONTHS, check_answer, collapse, evidence_of, numbers
from index.boilerplate import find_furniture
from index.segment import MAX_SENTENCE_CHARS, split_sentences
from index.sentences import split_document
from index.types import Document, Sentence
from tests.test_segment import assert_invariants

# --- segmentation ------------------------------------------------------------------------------
WORDS = ["the", "army", "said", "Mosul", "U.S.", "Gen.", "Inc.", "No.", "p.m.", "e.g.", "J.",
         "3.5", "$1.2bn", "2,000", "46-minute", "Jan.", "St.", "etc.", "vs.", "Ж", "中文", "مرحبا",
         "e\u0301", "fer\u200bry", "\ufeffword", "x" * 60]
GLUE = [" ", " ", " ", ". ", "? ", "! ", "… ", "...", "?!", "\n", "\n\n", "\r\n", "\t", "\u00a0",
        "\u2028", "。", "！", "؟ ", ", ", "; ", ": ", " — ", " -- ", "\"", "'", "“", "”", "‘", "’",
        "«", "»", "(", ")", "[", "]", "¿", "• ", "* ", "– x –\n"]
FURNITURE = ["Advertisement\n", "Image caption,\n", "{mosads}", "Published 14:00 GMT\n",
             "All rights reserved.\n", "[ADVERTISEMENT]\n", "Share this article\n"]
PIECES = st.lists(st.sampled_from(WORDS) | st.sampled_from(GLUE) | st.sampled_from(FURNITURE),
                  max_size=120).map("".join)
# Runs with no sentence end and few or no spaces, so the length bound has to cut them.
RUNS = st.tuples(st.sampled_from(["x", "word ", "and ", "U.S. ", "é", "中", "a\u200b", " "]),
                 st.integers(200, 1500)).map(lambda p: p[0] * p[1])


def assert_bounded(text: str, spans: list[tuple[int, int]]) -> None:
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans), max(e - s for s, e in spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES | RUNS, min_size=1, max_size=4).map("".join),
       st.integers(-50, 3000), st.one_of(st.none(), st.integers(-50, 6000)))
def test_split_sentences_keeps_its_invariants_and_bound_on_long_runs(text, start, end):
    spans = split_sentences(text, start, end)
    assert_invariants(text, spans, start, end)
    assert_bounded(text, spans)


def _document(text: str) -> Document:
    return Document(doc_id="d" * 16, source="x.txt", text=text, format="txt", content_hash="h")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES | RUNS, min_size=1, max_size=4).map("".join))
def test_document_sentences_are_exact_ordered_disjoint_covering_and_bounded(text):
    """What the store keeps: split_document, with the furniture that find_furniture marks."""
    sentences = split_document(_document(text), find_furniture(text))
    spans = [(s.start, s.end) for s in sentences]
    assert_invariants(text, spans)
    assert_bounded(text, spans)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert text[s.start:s.end] == s.text


MEGABYTE = {
    "sentences": "The tunnel flooded on Friday. " * 33_000,
    "no space": "x" * 1_000_000,
    "words": "word " * 200_000,
    "initials": "A. " * 333_000,
    "abbreviations": "U.S. " * 200_000,
    "titles": "Mr. Smith. " * 90_000,
    "dots": "." * 1_000_000,
    "ellipses": "… " * 500_000,
    "quotes": '"Stop!" he said. ' * 60_000,
    "cjk": "停火协议于周日生效。" * 100_000,
    "dashes": "– x – " * 160_000,
    "invisible": "\u200b" * 1_000_000,
    "dates": "on 5 March 2020 and " * 50_000,
}


@pytest.mark.parametrize("name", MEGABYTE)
def test_a_megabyte_line_is_marked_and_split(name):
    """(Its time against ordinary prose: benchmarks/analysis.py.)"""
    text = MEGABYTE[name]
    find_furniture(text)
    spans = split_sentences(text)
    assert_bounded(text, spans)
    assert sum(len("".join(text[s:e].split())) for s, e in spans) == len("".join(text.split()))


# --- the faithfulness checker ------------------------------------------------------------------
NAMES = ["Mosul", "Anna Berg", "Reuters", "Tellimar", "the Central Bank"]
FACT_WORDS = ["the", "bridge", "reopened", "on", "Monday", "after", "repairs", "costing",
              "million", "dollars", "not", "never", "officials", "said", "rose", "to", "percent",
              "in", "March", "2017", "46-minute", "recording", "about", "people", "were",
              "evacuated"]
SENTENCE = st.tuples(
    st.sampled_from(["The", "Officials said the", "In March the", "A", "“The"]),
    st.lists(st.sampled_from(FACT_WORDS) | st.sampled_from(NAMES)
             | st.integers(1, 99_999).map(str) | st.sampled_from(["2,500", "4.5%", "$25 million"]),
             min_size=3, max_size=18),
    st.sampled_from([".", "!", "?", ".”", "."]),
).map(lambda t: t[0] + " " + " ".join(t[1]) + t[2])
DOCUMENT = st.lists(SENTENCE, min_size=1, max_size=8).map(
    lambda sentences: "Headline here\n\n" + " ".join(sentences) + "\n")


CALENDAR = frozenset(MONTHS + "monday tuesday wednesday thursday friday saturday sunday".split())


def _cited(text: str, picks: list[int]) -> tuple[Citation, ...]:
    spans = split_sentences(text)
    chosen = list(dict.fromkeys(spans[i % len(spans)] for i in picks))
    return tuple(Citation(n, Sentence(f"d:{n}", "d", n, s, e, text[s:e]), "d.txt")
                 for n, (s, e) in enumerate(chosen, start=1))


def _quote_lines(citations: tuple[Citation, ...]) -> list[str]:
    return [f"“{collapse(c.sentence.text)}” [{c.n}]" for c in citations]


def _check(text: str, answer_text: str, citations: tuple[Citation, ...]):
    return check_answer(Answer("q?", answer_text, False, citations=citations), {"d": text}.get)


@settings(max_examples=200, deadline=None)
@given(DOCUMENT, st.lists(st.integers(0, 20), min_size=1, max_size=4))
def test_verbatim_quotes_with_valid_markers_are_faithful(text, picks):
    citations = _cited(text, picks)
    verdict = _check(text, "\n".join(_quote_lines(citations)), citations)
    assert verdict.citation_valid
    assert [s.supported for s in verdict.sentences] == [True] * len(citations), verdict
    assert verdict.faithfulness == verdict.citation_recall == verdict.citation_precision == 1.0


@settings(max_examples=200, deadline=None)
@given(DOCUMENT, st.lists(st.integers(0, 20), min_size=1, max_size=3), st.integers(1, 10**7))
def test_a_number_no_cited_sentence_states_makes_its_line_unfaithful(text, picks, value):
    citations = _cited(text, picks)
    assume(float(value) not in evidence_of(c.sentence.text for c in citations).numbers)
    markers = "".join(f"[{c.n}]" for c in citations)
    stated = numbers(citations[0].sentence.text)
    lines = [f"{value} {markers}.", f"It was {value} {markers}."]
    if stated:  # a true value next to an invented one
        true = min(stated)
        lines.append(f"{int(true) if true.is_integer() else true} or {value} {markers}.")
    for line in lines:
        verdict = _check(text, line, citations)
        assert not verdict.sentences[0].supported, line
        assert f"number {value} not in cited sentences" in verdict.sentences[0].reasons
    inserted = f"“{collapse(citations[0].sentence.text)} {value}” [1]"
    assert not _check(text, inserted, citations).sentences[0].supported


@settings(max_examples=200, deadline=None)
@given(DOCUMENT, st.lists(st.integers(0, 20), min_size=1, max_size=3),
       st.from_regex(r"[A-Z][a-z]{4,9}", fullmatch=True))
def test_a_name_no_cited_sentence_states_makes_its_line_unfaithful(text, picks, name):
    citations = _cited(text, picks)
    assume(name.lower() not in STOPWORDS | CALENDAR)  # those are not names
    assume(stem(name.lower()) not in evidence_of(c.sentence.text for c in citations).stems)
    line = f"{collapse(citations[0].sentence.text).rstrip('.!?”')}, {name} said [1]."
    verdict = _check(text, line, citations)
    assert not verdict.sentences[0].supported, (line, verdict)
    assert f"name '{name.lower()}' not in cited sentences" in verdict.sentences[0].reasons


@settings(max_examples=200, deadline=None)
@given(DOCUMENT, st.lists(st.integers(0, 20), min_size=1, max_size=3), st.integers(1, 50))
def test_a_marker_without_a_citation_is_invalid(text, picks, extra):
    citations = _cited(text, picks)
    missing = len(citations) + extra
    lines = _quote_lines(citations)
    lines[0] = lines[0] + f" [{missing}]"
    verdict = _check(text, "\n".join(lines), citations)
    assert f"bad marker [{missing}]" in verdict.sentences[0].reasons
    assert not verdict.sentences[0].supported and verdict.faithfulness < 1.0
    assert verdict.citation_valid  # the citations themselves still match their document


@settings(max_examples=100, deadline=None)
@given(DOCUMENT, st.lists(st.integers(0, 20), min_size=1, max_size=3), st.integers(1, 5))
def test_a_citation_whose_offsets_do_not_match_its_document_is_invalid(text, picks, shift):
    citations = _cited(text, picks)
    moved = citations[0].sentence
    bad = Citation(1, Sentence(moved.sentence_id, "d", moved.index, moved.start + shift,
                               moved.end + shift, moved.text), "d.txt")
    assume(text[bad.sentence.start:bad.sentence.end] != bad.sentence.text)
    verdict = _check(text, "\n".join(_quote_lines(citations)), (bad, *citations[1:]))
    assert not verdict.citation_valid and verdict.invalid_citations == (1,)
    assert "citation [1] does not match its document at its offsets" in verdict.sentences[0].reasons
