"""Disagreements from value groups: reports that give different numbers for the asked thing.

For a question asking for a number, each well-supported sentence offers the number that counts
what "how many" asks about ("21,500 *properties*" for "how many households") or else hangs
under one of the question's own words in its parse ("recalling *90,000* vans" under
"recall", "weighed *250 kilograms*" under "weigh"). Equal numbers (by their digits, whatever the
currency sign or spacing) form a group; two or more groups backed by different reports are a
conflict, each group a position with its own citations and sources.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.citations import Citations
from assistant.evidence.answer_type import NUMBER, entities_for
from assistant.evidence.attachment import distance, distance_at_heads
from assistant.evidence.counting import counts_other, counts_qualifier
from assistant.evidence.quotes import Supported
from assistant.language import Entity, LanguagePipeline, Parsed
from assistant.retrieval import Corpus
from assistant.text import stem, words
from assistant.types import (CONFLICT, POSITION, TEXT, VALUE, Answer, Disagreement, Line,
                             Position)

_DIGITS = re.compile(r"\d[\d,.]*")
# English plural number nouns used as indefinite quantities
_INDEFINITE = re.compile(r"(?i)(?:some\s+|several\s+|many\s+)?(?:tens|dozens|scores|hundreds|"
                         r"thousands|millions|billions)\b")


@dataclass(frozen=True)
class Stated:
    """A number a sentence states for the question: its text, its key and its label, and
    whether it counts what the question counts (rather than hanging under one of its words)."""

    item: Supported
    entity: Entity
    counted: bool = False

    @property
    def key(self) -> str:
        return number_key(self.entity.text)


def number_key(text: str) -> str:
    """The digits of a number as written, without grouping marks: "$45 million" → "45"."""
    match = _DIGITS.search(text)
    return match.group().replace(",", "").rstrip(".") if match else text.lower()


def stated_numbers(pipeline: LanguagePipeline, items: Sequence[Supported],
                   lemmas: Sequence[str], asked: str | None = None,
                   counts: Callable[[Parsed, Entity], bool] | None = None,
                   measure: bool = False, written: frozenset[str] = frozenset()
                   ) -> list[Stated]:
    """For each sentence, the number that counts what the question counts (``counts``), else
    the one a question word governs most closely (none on a tie), among its figures that do not
    plainly count something other than the question does (``asked``: the stem of the noun after
    "how many"; see :func:`~assistant.evidence.counting.counts_other`) and that the question
    does not itself write (``written``: its words; "the *one*-off payment")."""
    focus = frozenset(stem(w) for w in lemmas)
    found = []
    for item, parsed in zip(items, pipeline.parse_many([i.candidate.sentence.text for i in items])):
        near = [(d, e) for e in entities_for(parsed, NUMBER)
                if _figure(e) and not set(words(e.text)) <= written
                and (asked is None or not counts_other(
                    parsed, e.start, e.end, asked, focus))
                and (d := _link(parsed, lemmas, e, counts, measure)) is not None]
        near.sort(key=lambda pair: pair[0])
        if near and (len(near) == 1 or near[0][0] < near[1][0]):
            found.append(Stated(item, near[0][1], near[0][0] < 0))
    return found


def _link(parsed: Parsed, lemmas: Sequence[str], entity: Entity,
          counts: Callable[[Parsed, Entity], bool] | None, measure: bool = False) -> int | None:
    """How closely the question's words hold ``entity``: -1 when it counts what the question
    counts (``counts``), else the parse steps up to one of ``lemmas`` (0: inside one), or, for
    the word a "what" question asks the value of (``measure``), up to the verb it is the
    subject or object of, plus one; or None."""
    if measure and counts_qualifier(parsed, entity.start, entity.end, set(lemmas)):
        return None  # "a three-sport star" says how many sports, not which sport
    if counts is not None and counts(parsed, entity):
        return -1
    found = distance(parsed, set(lemmas), entity)
    if found is not None or not measure:
        return found
    return _co_argument(parsed, set(lemmas), entity)


# A noun that is its verb's subject or object measures what another argument of that verb gives:
# "turnout *was* 52.7%", "put the maximum altitude *at* 150 km", "the toll *rose to* 12".
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _co_argument(parsed: Parsed, lemmas: set[str], entity: Entity) -> int | None:
    """Steps from ``entity`` up to the verb one of ``lemmas`` is the subject or object of, plus
    one, when that verb governs ``entity``; else None."""
    heads = {t.head for t in parsed.tokens if t.lemma.lower() in lemmas and t.dep in _ARGUMENTS}
    found = distance_at_heads(parsed, heads, entity)
    return None if found is None else found + 1


def _figure(entity: Entity) -> bool:
    """Whether a number states a figure: written in digits or number words, not an indefinite
    plural ("hundreds of thousands", "dozens"), which contradicts no figure."""
    return not _INDEFINITE.match(entity.text)


def value_groups(stated: Sequence[Stated]) -> list[list[Stated]]:
    """Stated numbers grouped by key and label, best-supported group first."""
    groups: dict[tuple[str, str], list[Stated]] = {}
    for s in stated:
        groups.setdefault((s.key, s.entity.label), []).append(s)
    return sorted(groups.values(), key=lambda g: -max(s.item.score for s in g))


def conflicting(groups: Sequence[Sequence[Stated]]) -> list[Sequence[Stated]]:
    """The groups to show as positions: at least two, of one label, from disjoint reports."""
    if len(groups) < 2:
        return []
    label = groups[0][0].entity.label
    chosen, seen = [], set()
    for group in groups:
        docs = {s.item.candidate.sentence.doc_id for s in group}
        if group[0].entity.label == label and not docs & seen:
            chosen.append(group)
            seen |= docs
    return chosen if len(chosen) >= 2 else []


def conflict_answer(question: str, groups: Sequence[Sequence[Stated]], corpus: Corpus) -> Answer:
    """"The sources differ:" with one position per group, each number with its citations."""
    cites = Citations(corpus)
    lines, positions = [Line(TEXT, "The sources differ:")], []
    for group in groups:
        sentences = [s.item.candidate.sentence for s in group]
        lines.append(Line(POSITION, group[0].entity.text, cites.numbers(sentences)))
        sources = tuple(dict.fromkeys(corpus.source(x.doc_id) for x in sentences))
        positions.append(Position(group[0].entity.text,
                                  cites.numbers_of([s.item.candidate for s in group]), sources))
    return Answer.of(question, lines + cites.quotes(), False, "number", citations=cites.all(),
                     disagreements=(Disagreement(question, CONFLICT, tuple(positions)),))


def measured_answer(question: str, group: Sequence[Stated], corpus: Corpus) -> Answer:
    """The value one group of reports states, with its citations, then its sentences quoted;
    of kind "amount" for money, else "number"."""
    cites = Citations(corpus)
    first = group[0]
    line = Line(VALUE, _signed(first.item.candidate.sentence.text, first.entity),
                cites.numbers([s.item.candidate.sentence for s in group]))
    return Answer.of(question, [line, *cites.quotes()], False,
                     "amount" if first.entity.label == "MONEY" else "number",
                     citations=cites.all())


def _signed(text: str, entity: Entity) -> str:
    """The entity's words with the currency sign written before them, which the recogniser
    may leave out of a MONEY entity ("£" of "£1,500"): a Unicode currency symbol (Sc)."""
    before = text[:entity.start].rstrip()
    if before and unicodedata.category(before[-1]) == "Sc":
        return text[len(before) - 1:entity.end]
    return entity.text
