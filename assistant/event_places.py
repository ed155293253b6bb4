"""Where a report places instances in their series, read from the parse: ordinals and counts.

A report may give no date but still say which instance it is about and which came before:
"a long *third hearing* of the inquiry" (its subject is the third of its series), "as the
engineers said at the *first hearing* on 3 March" (an earlier one, the first, dated), "*The
previous hearing*, nine days earlier, ended in uproar" (the one immediately before), "after
*three hearings* had ended without a finding" (three came before, so the one before is the
third), "*The previous audit*, published in May, found …" (the one before, dated).

The series is named by the report's own nouns: the noun the ordinal or order adjective
qualifies in the dependency parse and its "of" complement ("hearing of the inquiry" → hearing, inquiry),
stemmed like every other event word. English supplies only the closed classes of
:mod:`assistant.language.lexicon` (ordinal numerals, order adjectives, calendar nouns).

Contract: :func:`read_places` never raises for odd text; every :class:`Place` carries the
sentence it was read from; the subject's place, when found, has step 0 and a number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.language import LanguagePipeline, Parsed, Token
from assistant.language.lexicon import ANTERIOR_ADJECTIVES, ORDINAL_WORDS, TIME_NOUNS
from assistant.text import stem
from index.temporal import TimeExpr, find_time_expressions
from index.dates import MONTHS
from index.temporal_rules import NUMERAL, WEEKDAYS, number as count_of
from index.types import Sentence

_NOUNS = ("NOUN", "PROPN")
# Entity labels of calendar phrases: "the first half", "last week" name times, not instances.
_CALENDAR = frozenset({"DATE", "TIME"})
# Heads that stand for a clause ("the first time it …") or for a noun said elsewhere ("the
# previous one"): they name no series.
_PLACEHOLDERS = frozenset({"time", "one", "thing", "way"})
_DIGIT_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$", re.I)
_FUTURE = frozenset({"will", "would", "could", "might", "shall", "should", "next"})
# A report's headline and first body sentence make its lead: where it says which instance is
# new (later sentences often number other things: "the first witness to speak").
_LEAD_BODY = 1
# Only a sentence with an ordinal, an order adjective, or "after" and a count can place an
# instance (see _sentence_places): the others are not parsed, which keeps the event index from
# parsing whole reports (spaCy parses about 250 sentences/s here). At 10k generated sentences
# the event index took 26.2 s parsing every sentence, 5.3 s with "after" alone as a trigger.
_NOT_AN_INSTANCE = "|".join(sorted({*TIME_NOUNS, *_PLACEHOLDERS, *WEEKDAYS, *MONTHS,
                                     "night", "weekend", "quarter"}, key=len, reverse=True))
_MAY_PLACE = re.compile(r"\b(?:" + "|".join(sorted(
    {*ORDINAL_WORDS, *ANTERIOR_ADJECTIVES, "earliest"}, key=len, reverse=True))
    + rf")\b(?!\s+(?:{_NOT_AN_INSTANCE})s?\b)|\b\d{{1,2}}(?:st|nd|rd|th)\b"
    + rf"|\bafter\s+(?:[\w'’-]+\s+){{0,2}}?(?:{NUMERAL})\b", re.I)


@dataclass(frozen=True)
class Place:
    """One instance placed in its series by one sentence.

    ``number``: its place ("third" → 3; None when only its order is said: "the previous
    hearing"). ``step``: how far before the report's subject it is (0: the subject, 1: the one
    immediately before, None: unknown). ``nouns``: stems of the series' words; ``phrase``:
    the noun as written ("hearing of the inquiry"). ``expr``: a time written inside the phrase ("the
    first hearing *on 3 March*", "*nine days* earlier"); ``when``: that time as written, with
    its "earlier"/"before" when it counts back from the subject.
    """

    number: int | None
    step: int | None
    nouns: frozenset[str]
    phrase: str
    sentence: Sentence
    expr: TimeExpr | None = None
    when: str | None = None
    main: bool = False  # stated in the sentence's main clause
    # Whether the sentence orders the instance in time itself: "previous", "after three
    # hearings", or a date ("the first hearing on 3 March"); a bare "first floor" does not.
    timed: bool = False


@dataclass(frozen=True)
class Places:
    """A report's places: its subject's (None when no sentence numbers it) and earlier ones."""

    subject: Place | None
    earlier: tuple[Place, ...]

    def words(self) -> frozenset[str]:
        """Every series word the report uses (the story it belongs to)."""
        found = self.subject.nouns if self.subject else frozenset()
        return found.union(*(p.nouns for p in self.earlier))


NO_PLACES = Places(None, ())

def lead_sentences(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The headline(s) and the first body sentence: where a report names its subject."""
    body = [s for s in sentences if s.kind == "body"][:_LEAD_BODY]
    return [s for s in sentences if s.kind != "body"][:2] + body


def read_places(sentences: Sequence[Sentence], pipeline: LanguagePipeline) -> Places:
    """The report's subject place and its earlier places (see module doc).

    The subject is the first numbered, undated instance of its lead; failing that, the
    highest-numbered one (beyond the first) of the rest of the report. Earlier places are the
    lower-numbered instances of the same series, the "previous"/"last" ones, and the count
    after which the subject came ("after three hearings" → the third, immediately before)."""
    return read_report(sentences, pipeline)[0]


def read_report(sentences: Sequence[Sentence], pipeline: LanguagePipeline
                ) -> tuple[Places, tuple[str, ...]]:
    """:func:`read_places` and :func:`ordered_nouns` of one report, parsing its sentences that
    may place an instance once for both."""
    placing = [s for s in sentences if _MAY_PLACE.search(s.text)]
    parsed = pipeline.parse_many([s.text for s in placing])
    return _places(sentences, placing, parsed), tuple(_ordered(parsed))


def _places(sentences: Sequence[Sentence], placing: Sequence[Sentence],
            parsed: Sequence[Parsed]) -> Places:
    lead = {s.sentence_id for s in lead_sentences(sentences)}
    found = [p for s, doc in zip(placing, parsed) for p in _sentence_places(s, doc)]
    subject = _subject(found, lead)
    if subject is None:  # only numbered ones ("after four hearings"), to be linked by number
        return Places(None, tuple(p for p in found if p.number is not None
                                  and (p.step == 1 or p.expr is not None)))
    return _relative_to(subject, [p for p in found if p is not subject])


def _subject(found: list[Place], lead: set[str]) -> Place | None:
    numbered = [p for p in found if p.number is not None and p.step is None and p.expr is None]
    in_lead = [p for p in numbered if p.sentence.sentence_id in lead]
    if in_lead:
        return replace(_widest(in_lead[0], in_lead), step=0)
    # In the body, "first" mostly describes something else ("the first witness to speak"), and
    # a numbered noun counts only in a main clause ("The finding came at a fourth sitting",
    # not "she said she had hoped for a second hearing").
    later = [p for p in numbered if p.number > 1 and p.main]
    return replace(max(later, key=lambda p: p.number), step=0) if later else None


def _widest(subject: Place, lead: list[Place]) -> Place:
    """The lead's other names of the same instance add their words ("First hearing of
    inquiry" in the headline, "the first public session" in the body)."""
    nouns = subject.nouns.union(*(p.nouns for p in lead if p.number == subject.number
                                  and p.nouns & subject.nouns))
    return replace(subject, nouns=nouns)


def _relative_to(subject: Place, others: list[Place]) -> Places:
    """Earlier places of the subject's series, numbered from it; a count that ends right
    before the subject ("the fourth sitting, after three hearings") joins its words to the
    series."""
    earlier, nouns = [], subject.nouns
    for place in others:
        if place.step == 1 and place.number is not None and place.number + 1 == subject.number:
            nouns |= place.nouns  # counted: "after three hearings" before the fourth sitting
    for place in others:
        if not place.nouns & nouns:
            continue
        if place.step is None and place.number is not None and place.number < subject.number:
            earlier.append(replace(place, step=subject.number - place.number))
        elif place.step == 1:
            number = place.number if place.number is not None else subject.number - 1
            if number == subject.number - 1:
                earlier.append(replace(place, number=number or None))
    return Places(replace(subject, nouns=nouns), tuple(earlier))


# --- one sentence -------------------------------------------------------------------------------
def _sentence_places(sentence: Sentence, parsed: Parsed) -> list[Place]:
    tokens = parsed.tokens
    found = []
    for i, token in enumerate(tokens):
        noun = _qualified(tokens, i)
        if noun is None or _future(tokens, noun):
            continue
        ordinal = _ordinal(token)
        if ordinal is not None:
            found.append(_place(sentence, parsed, noun, ordinal, None))
        elif token.lemma.lower() in ANTERIOR_ADJECTIVES and token.pos == "ADJ" \
                and tokens[noun].tag in ("NN", "NNP"):  # "prior hearings": no one instance
            found.append(_place(sentence, parsed, noun, None, 1))
        elif _counted_before(tokens, i, noun):
            found.append(_place(sentence, parsed, noun, int(count_of(token.text) or 0), 1))
    return [p for p in found if p.nouns and (p.number is None or p.number > 0)]


def _qualified(tokens: Sequence[Token], i: int) -> int | None:
    """The noun token ``i`` qualifies (as an adjective, a number, or the first of "fourth and
    final"), when that noun may name an instance: not a calendar word, not a placeholder,
    not inside a date."""
    token = tokens[i]
    if _ordinal(token) is not None and token.dep != "amod" and i + 1 < len(tokens) \
            and tokens[i + 1].pos == "NOUN":
        # Headline style ("First hearing of inquiry ends …") misleads the parser; an ordinal right
        # before a noun qualifies it.
        return _instance_noun(tokens, i + 1)
    if token.dep == "conj" and tokens[token.head].dep in ("amod", "nummod"):
        return None  # "fourth and *final*": the first conjunct speaks for both
    if token.dep not in ("amod", "nummod") or token.ent_type in _CALENDAR:
        return None
    return _instance_noun(tokens, token.head)


def _instance_noun(tokens: Sequence[Token], j: int) -> int | None:
    head = tokens[j]
    lemma = head.lemma.lower()
    if head.dep in ("compound", "amod", "nmod"):
        return None  # "a first-hearing delay" describes the delay, not the hearing
    if head.pos not in _NOUNS or head.ent_type in _CALENDAR or lemma in TIME_NOUNS \
            or lemma in _PLACEHOLDERS:
        return None
    return j


def _future(tokens: Sequence[Token], noun: int) -> bool:
    """Whether the instance is one that will or may happen ("the next hearing", "a second hearing
    would follow"): a modal on the verb that governs it, or "next" on the noun."""
    j, seen = noun, set()
    while j not in seen:
        seen.add(j)
        if any(t.head == j and t.lemma.lower() in _FUTURE for t in tokens):
            return True
        if tokens[j].pos in ("VERB", "AUX") or tokens[j].head == j:
            return False
        j = tokens[j].head
    return False


def _ordinal(token: Token) -> int | None:
    return ordinal(token.text)


def ordinal(word: str) -> int | None:
    """The number an ordinal word or numeral stands for ("third", "3rd" → 3), else None."""
    word = word.lower()
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    digits = _DIGIT_ORDINAL.match(word)
    return int(digits[1]) if digits else None


def _counted_before(tokens: Sequence[Token], i: int, noun: int) -> bool:
    """"after three hearings had ended", "after four sittings of the panel": a count of
    a plural noun governed by "after" (the instances that came before the subject)."""
    token, head = tokens[i], tokens[noun]
    if token.dep != "nummod" or not token.like_num or head.tag not in ("NNS", "NNPS"):
        return False
    if count_of(token.text) is None or any(
            t.head == noun and t.dep == "det" for t in tokens):
        return False  # "after the two hearings" names known ones; it counts no series
    governor = head.head
    if tokens[governor].lemma.lower() == "after" and head.dep == "pobj":
        return True
    return any(t.lemma.lower() == "after" and t.dep == "mark" and t.head == governor
               for t in tokens)


def _place(sentence: Sentence, parsed: Parsed, noun: int, number: int | None,
           step: int | None) -> Place:
    tokens = parsed.tokens
    head = tokens[noun]
    nouns = {stem(head.lemma.lower())}
    phrase = head.text.lower()
    for j in parsed.children(noun):  # "hearing of the inquiry": the complement names the series too
        if tokens[j].lemma.lower() == "of" and tokens[j].dep == "prep":
            objects = [k for k in parsed.children(j) if tokens[k].pos in _NOUNS
                       and tokens[k].ent_type not in _CALENDAR]
            if objects and tokens[objects[0]].pos == "NOUN":
                nouns.add(stem(tokens[objects[0]].lemma.lower()))
                phrase = f"{phrase} of {tokens[objects[0]].text.lower()}"
    expr, when = _time_inside(sentence.text, parsed, noun)
    return Place(number, step, frozenset(nouns), phrase, sentence, expr, when,
                 _in_main_clause(tokens, noun), step == 1 or expr is not None)


def _in_main_clause(tokens: Sequence[Token], noun: int) -> bool:
    """Whether the first verb above the noun is the sentence's root."""
    j, seen = tokens[noun].head, {noun}
    while j not in seen and tokens[j].pos not in ("VERB", "AUX") and tokens[j].head != j:
        seen.add(j)
        j = tokens[j].head
    return tokens[j].dep == "ROOT" and tokens[j].pos in ("VERB", "AUX")


def _time_inside(text: str, parsed: Parsed, noun: int) -> tuple[TimeExpr | None, str | None]:
    """A date or duration written inside the noun's phrase ("the first hearing on 3 March",
    "The previous hearing, nine days earlier,"), not in a clause of its own beyond a verb of
    the sentence; with "earlier"/"before" when it counts back."""
    start, end = parsed.subtree(noun)
    for expr in find_time_expressions(text):
        if start <= expr.start and expr.end <= end and expr.kind in ("date", "duration"):
            if re.search(r"\bsince\b", text[start:expr.start]):
                return None, None  # "the first hearing since May": May dates the one before
            tail = re.match(r"\s+(earlier|before)\b", text[expr.end:end])
            when = expr.text + (f" {tail[1]}" if tail else "")
            if expr.kind == "duration" and not tail:
                continue  # "a 14-hour hearing": a length, not a time
            return (expr if expr.kind == "date" else None), when
    return None, None


def ordered_nouns(sentences: Sequence[Sentence], pipeline: LanguagePipeline) -> list[str]:
    """The nouns (lemmas) a report's order words qualify, once per use: the words a collection
    names its instances by, read from the parse. Those of a word of anterior order ("the
    *previous recall*", "its *earlier outage*"), which says there was one of the same kind
    before, else those of an ordinal ("its *third blaze*"), which numbers parts as readily
    ("the *second stage*"). One instance: a singular noun with its determiner ("earlier
    investors" are people); "earlier" as the comparative, not the "early" of "the early
    hours"; never a noun of time ("the first *time*", "last *year*")."""
    return list(read_report(sentences, pipeline)[1])


def _ordered(parses: Sequence[Parsed]) -> list[str]:
    anterior, numbered = [], []
    for parsed in parses:
        tokens = parsed.tokens
        for token in tokens:
            head = tokens[token.head]
            if token.dep != "amod" or head.tag != "NN" or head.lemma.lower() in TIME_NOUNS \
                    or not any(tokens[j].dep in ("det", "poss")
                               for j in parsed.children(token.head)):
                continue
            word = token.lemma.lower()
            if word in ANTERIOR_ADJECTIVES and (word != "early" or token.tag == "JJR"):
                anterior.append(head.lemma.lower())
            elif ordinal(token.text) is not None:
                numbered.append(head.lemma.lower())
    return anterior or numbered
