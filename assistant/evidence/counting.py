"""What a number counts, read from a sentence's dependency parse, and whether that is what a
"how many …?" (or "how much …?") question counts.

"About 900 *members* of the Transport *Workers*' Union walked out" counts members of the
union, and so workers; "11 *fires* in affected vehicles" counts fires, not vehicles; a
"17-*character* vehicle identification number" counts characters. The counted thing is the noun
the numeral modifies, that noun's common-noun compounds ("battery *cells*"), and the nouns of its
"of" phrase ("*members of the* … Union", "hundreds of thousands *of* vehicles").
"""

from __future__ import annotations

from assistant.evidence.answer_type import NUMBER, TIME, entities_for
from assistant.language import Entity, Parsed
from assistant.text import stem

_NUMERIC_DEPS = frozenset({"nummod", "quantmod"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})
# English agent-noun suffixes: one who invests is an investor, one who votes a voter.
_AGENT_SUFFIXES = ("er", "or", "r")


def counted_stems(parsed: Parsed, start: int, end: int) -> frozenset[str]:
    """Stems of what the number in ``[start, end)`` of ``parsed`` counts (empty when it modifies
    no noun, e.g. "turnout was 52.7%")."""
    words = (parsed.tokens[i].text.lower() for i in _counted(parsed, start, end))
    return frozenset(stem(w) for w in words if w.isalpha())  # not "%" (a NOUN to the tagger)


def a_rate(parsed: Parsed, start: int, end: int) -> bool:
    """Whether the number in ``[start, end)`` counts its noun *per* something ("90.4 people
    per square mile"): a rate, not a count of them."""
    return any(parsed.tokens[c].text.lower() == "per" and parsed.tokens[c].dep == "prep"
               for i in _counted(parsed, start, end) for c in parsed.children(i))


def an_actor(parsed: Parsed, start: int, end: int) -> bool:
    """Whether what the number in ``[start, end)`` counts is the subject or object of a verb
    other than "be" ("1,200 people *were evacuated*", "*forcing* 5,000 people from their
    homes"): a count of those who did or underwent something, not of how many there are
    ("there *were* 1,791 people")."""
    return any(parsed.tokens[i].dep in _ARGUMENTS and parsed.tokens[parsed.tokens[i].head].lemma
               .lower() != "be" for i in _counted(parsed, start, end))


def counts_qualifier(parsed: Parsed, start: int, end: int, lemmas: set[str]) -> bool:
    """Whether the number in ``[start, end)`` counts one of ``lemmas`` where it qualifies
    another noun: "a *three-sport* star" says how many sports, and what he is, not which sport
    ("a £2 million *reward*", "its 12,000 *population*" state the noun's own value)."""
    return any(parsed.tokens[i].dep == "compound" and parsed.tokens[i].lemma.lower() in lemmas
               for i in _counted(parsed, start, end, compounds=False))


def counted_lemmas(parsed: Parsed, start: int, end: int, compounds: bool = True
                   ) -> frozenset[str]:
    """The lemmas of what the number in ``[start, end)`` of ``parsed`` counts; without
    ``compounds``, only the nouns counted, not the nouns that qualify them ("a 2017 *Welsh-
    language* television *series*" counts series, not languages)."""
    words = (parsed.tokens[i].lemma.lower() for i in _counted(parsed, start, end, compounds))
    return frozenset(w for w in words if w.isalpha())


def _counted(parsed: Parsed, start: int, end: int, compounds: bool = True) -> set[int]:
    """The tokens of what the number in ``[start, end)`` counts (:func:`counted_stems`)."""
    number = _numeral(parsed, start, end)
    if number is None:
        return set()
    head = number
    while parsed.tokens[head].dep in _NUMERIC_DEPS and parsed.tokens[head].head != head:
        head = parsed.tokens[head].head
    if head == number and not _noun_like(parsed, head):
        return set()
    found = {head} if parsed.tokens[head].pos in _NOUNS else set()
    for child in parsed.children(head):
        token = parsed.tokens[child]
        if compounds and token.dep == "compound" and token.pos == "NOUN":
            found.add(child)
        if token.dep == "prep" and token.lemma.lower() == "of":
            found |= _nouns_under(parsed, child)
    return found


def _numeral(parsed: Parsed, start: int, end: int) -> int | None:
    """The last numeral token inside the span ("about *4,100*"), else its last noun (a number
    noun: "hundreds of *thousands*")."""
    inside = [i for i, t in enumerate(parsed.tokens) if start <= t.start and t.end <= end]
    numerals = [i for i in inside if parsed.tokens[i].like_num or parsed.tokens[i].pos == "NUM"]
    nouns = [i for i in inside if parsed.tokens[i].pos == "NOUN"]
    return (numerals or nouns or [None])[-1]


def _noun_like(parsed: Parsed, i: int) -> bool:
    """A number word standing as the noun itself ("recalled *thousands* of vehicles")."""
    return parsed.tokens[i].pos in _NOUNS and parsed.tokens[i].dep not in _NUMERIC_DEPS


def _nouns_under(parsed: Parsed, i: int) -> set[int]:
    start, end = parsed.subtree(i)
    return {j for j, t in enumerate(parsed.tokens)
            if start <= t.start and t.end <= end and t.pos in _NOUNS}


def agent_of(noun: str, verb: str) -> bool:
    """Whether ``noun`` names one who does ``verb`` (both stems): "investor" for "invest",
    "voter" for "vote"."""
    return any(noun == verb + s or noun == verb.rstrip("e") + s for s in _AGENT_SUFFIXES)


def counts_asked(counted: frozenset[str], asked: str | None, focus: frozenset[str]) -> bool:
    """Whether a number counting ``counted`` (stems) answers a question counting ``asked``
    (the stem of the noun after "how many", or None) about ``focus`` (stems): it counts the asked
    noun, or one who does what the question asks about ("investors" for "people invested"); with
    no asked noun, anything the question names."""
    if not counted:
        return True
    if asked is None:
        return bool(counted & focus)
    return asked in counted or any(agent_of(c, f) for c in counted for f in focus)


def counts_other(parsed: Parsed, start: int, end: int, asked: str, focus: frozenset[str]
                 ) -> bool:
    """Whether the number in ``[start, end)`` plainly counts something other than ``asked``:
    another thing the question names ("11 *fires*" for "how many vehicles … fire recall"), or a
    measure of a modifier ("its 17-*character* … number"). A noun the question does not use may
    be a kind of the asked one ("212,000 *hatchbacks*" for "how many vehicles"), so it
    does not."""
    counted = counted_stems(parsed, start, end)
    if not counted or asked in counted:
        return False
    return bool(counted & (focus - {asked})) or _modifies(parsed, start, end)


def _modifies(parsed: Parsed, start: int, end: int) -> bool:
    """Whether the number's noun is itself a compound modifier of another noun."""
    number = _numeral(parsed, start, end)
    head = parsed.tokens[number].head if number is not None else None
    return head is not None and head != number and parsed.tokens[head].dep == "compound" \
        and parsed.tokens[number].dep == "nummod"


def asked_count(question: Parsed) -> str | None:
    """The stem of the noun a question's "how many" or "how much" counts or measures ("how
    many *vehicles* are …", "how much *rain* fell"), or None when it counts none ("how many of
    them", "how many were …", "how much did it cost")."""
    noun = _asked_noun(question)
    return stem(question.tokens[noun].text.lower()) if noun is not None else None


def asked_count_lemma(question: Parsed) -> str | None:
    """The lemma of the noun :func:`asked_count` reads ("household" for "how many households")."""
    noun = _asked_noun(question)
    return question.tokens[noun].lemma.lower() if noun is not None else None


# "how much rain", like "how many vehicles", measures the noun the quantifier modifies: "14
# inches *of rain*" measures it, "dropped to 5 mph" does not. Pool 67 -> 68 of 90 (with the
# counting quotes first, :meth:`assistant.evidence.quotes.EvidenceAnswerer.answer`).
_QUANTIFIERS = frozenset({"many", "much"})


def _asked_noun(question: Parsed) -> int | None:
    """The noun right after "how many/much" (past its modifiers: "how many *electric* vans"),
    not one the tagger took from the verb ("how much did the trial *cost*?": an auxiliary
    stands between)."""
    tokens = question.tokens
    for i in range(1, len(tokens)):
        if tokens[i].text.lower() in _QUANTIFIERS and tokens[i - 1].text.lower() == "how":
            head = tokens[i].head
            between = tokens[i + 1:head]
            if head > i and tokens[head].pos == "NOUN" \
                    and all(t.dep in _NOUN_MODIFIERS for t in between):
                return head
            return None
    return None


_NOUN_MODIFIERS = frozenset({"amod", "compound", "nummod", "advmod", "hyph"})


def may_count(parsed: Parsed, asked: str | None) -> bool:
    """Whether ``parsed`` holds a number that may answer "how many <asked>" (``asked``: a stem,
    :func:`asked_count`; None asks no count, and any sentence may): not a span of time, unless
    time is what is counted ("testified for three days" counts no witnesses), nor the measure of
    a modifier ("a three-judge panel") unless it measures what is counted ("a 33-day strike"
    for how many days)."""
    if asked is None:
        return True
    return any(not _spans_time(parsed, e, asked) and not _modifies_other(parsed, e, asked)
               for e in entities_for(parsed, NUMBER))


def _modifies_other(parsed: Parsed, entity: Entity, asked: str) -> bool:
    return _modifies(parsed, entity.start, entity.end) \
        and asked not in counted_stems(parsed, entity.start, entity.end)


def _spans_time(parsed: Parsed, entity: Entity, asked: str) -> bool:
    return entity.label in TIME and asked not in counted_stems(parsed, entity.start, entity.end)
