"""Question analysis: what kind of answer is wanted, and what the answer must be about.

Rules are about English question forms ("how long", "when", "who", an auxiliary first …), never
about a particular story. ``focus`` holds the words the answer has to support: the question's
content words minus the ones that only say what kind of answer is wanted ("when", "date", "how
many" …), so "when was the wedding?" needs a sentence that speaks of a wedding, not any date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import STOPWORDS, stem, words
from index.errors import InputError
from index.temporal import find_time_expressions

DATE, DURATION, AMOUNT, NUMBER = "date", "duration", "amount", "number"
PERSON, PLACE, REASON, YESNO, DESCRIPTION = "person", "place", "reason", "yesno", "description"
VALUE_KINDS = frozenset({DATE, DURATION, AMOUNT, NUMBER, PERSON, PLACE})

_I = re.IGNORECASE
_UNITS = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)"
_KIND_RULES: list[tuple[str, re.Pattern[str]]] = [
    (DURATION, re.compile(rf"^\W*(?:and\s+)?(?:for\s+)?how long\b|\bhow many {_UNITS}\b|"
                          rf"\bwhat (?:was|is) the (?:length|duration)\b|\bhow much time\b", _I)),
    (AMOUNT, re.compile(r"(?<!by )\bhow much\b|\b(?:what|which|how big|how large)\b.{0,30}\b"
                        r"(?:sum|amount)\b", _I)),
    (NUMBER, re.compile(r"\bhow many\b|\bwhat (?:percentage|percent|share|number|proportion|rate|"
                        r"level|score|margin|height|size|total|figure|count|split|vote)\b|"
                        r"\bhow (?:high|far|deep|tall|big|large|fast|heavy|wide|often)\b|"
                        r"\bby how much\b|\bwhat was the vote\b|\bwhat (?:is|was|were|are) the "
                        r"(?:[\w-]+ ){0,3}(?:rate|level|percentage|share|figure|total|number|count|"
                        r"vote|split|margin|height|size)\b", _I)),
    (DATE, re.compile(r"^\W*(?:and\s+)?when\b|\bwhat (?:date|day|year|month|time)\b|"
                      r"\bwhich (?:date|day|year|month)\b|\bsince when\b|\bhow recently\b|"
                      r"\bon what (?:date|day)\b|\bin what (?:year|month)\b", _I)),
    (PERSON, re.compile(r"^\W*(?:and\s+)?(?:who|whom|whose)\b|\bwhich person\b|\bwho\b", _I)),
    # Nouns that name a kind of place ("in which country", "what town"): the classes of
    # geography the recogniser's GPE/LOC/FAC labels stand for, not the places of any story.
    (PLACE, re.compile(r"^\W*(?:and\s+)?where\b|\b(?:which|what|in what) (?:city|country|town|"
                       r"province|region|place|village|island|area|state|district|site)\b", _I)),
    (REASON, re.compile(r"^\W*(?:and\s+)?why\b|\bwhat (?:caused|prompted|led to|triggered)\b|"
                        r"\bfor what reason\b|\bwhat (?:was|is) the reason\b", _I)),
    (YESNO, re.compile(r"^\W*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|"
                       r"would|should|may|might)\b", _I)),
]

# Words that say what kind of answer is wanted, not what it is about.
_GENERIC = frozenset("""
when date day days year years month months time times long length duration many much number
who whom whose where place why reason what which how happen happened happening take took
say said says tell told report reported reports according source sources document documents
article articles mention mentioned exactly approximately roughly about anything something
percentage percent share figure total happen amount high far deep tall big large fast heavy
wide often last first latest new newest recent one ones previous prior earlier before after
still ever even also money cash split margin cause caused causes reach reached rise rose
risen peak peaked climb climbed top topped hit think thought believe believed believes reportedly likely probably
allegedly supposedly apparently known considered seem seems seemed
""".split())
_CALENDAR = frozenset("""
january february march april may june july august september october november december jan feb mar
apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
""".split())
_PRONOUNS = frozenset("he him his she her hers they them their theirs it its".split())
_DEICTIC = re.compile(r"\b(?:this|that|these|those) (?:one|ones)\b|\b(?:said|say|says) (?:that|this)\b|"
                      r"\bthat\s*\?\s*$", _I)
_PREVIOUS = re.compile(r"\bbefore (?:this|that|it)\b|\bprevious\b|\bprior\b|\bpreceding\b|"
                       r"\bearlier one\b|\blast\b.{0,40}\bbefore\b|\bone before\b|"
                       r"\bbefore the\s+(?:[\w-]+\s+){0,3}?(?:one|that|which|in|of)\b", _I)
# "how long did it last?": here "last" is the predicate, not "the previous one".
_LAST_VERB = re.compile(r"\b(?:did|does|do|will|would)\b.*\blast\b\W*$|\blasted\b", _I)
_ELLIPTIC = re.compile(r"^\W*(?:and|what about|how about|and what about|also)\b", _I)
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:(?:of|the|de|van|von|bin|al-)\s*)*[A-Z][\w'’.-]*)*")
_QUESTION_WORDS = frozenset(
    "when who whom whose where why what which how is are was were do does did has have had "
    "can could will would should may might and also".split())


@dataclass(frozen=True)
class Query:
    """What a question asks for. ``stems`` drive retrieval; ``focus`` (lower-cased words) must
    be supported by the sentences that answer it. ``times`` are the time expressions the
    question names: they say which instance or period is meant, not what the answer says.
    ``own`` is the question as the user wrote it, when ``text`` has been completed from the
    conversation ("and the cost?" → "and the cost? (how many flights …)")."""

    text: str
    kind: str
    stems: tuple[str, ...]
    focus: tuple[str, ...]
    entities: tuple[str, ...]
    times: tuple[str, ...]
    pronouns: tuple[str, ...]
    deictic: bool
    previous: bool
    elliptic: bool
    own: str = ""

    @property
    def asked(self) -> str:
        """The user's own words: what an answer must support (``text`` can add the question it
        completes, which only helps find the passage)."""
        return self.own or self.text


_WHO_IS_NAME = re.compile(r"^\W*(?i:and\s+)?(?i:who)\s+(?i:is|was|are|were)\s+(?:[A-Z][\w'’.-]*\s*)+\W*$")


def answer_kind(question: str) -> str:
    """The kind of answer wanted: date, duration, amount, number, person, place, reason,
    yesno or description (the default). "Who is <Name>?" asks for a description."""
    if _WHO_IS_NAME.match(question.strip()):
        return DESCRIPTION
    for kind, pattern in _KIND_RULES:
        if pattern.search(question):
            return kind
    return DESCRIPTION


def analyse(question: str) -> Query:
    """Analyse one question on its own (chat context is applied by :mod:`assistant.chat`).

    Surrounding whitespace, terminal escape sequences and control characters (a colour code
    pasted with the question) are not part of it. Raises InputError for text that cannot be
    read as a question (see :func:`unreadable`)."""
    question = _TERMINAL_CODES.sub(" ", question).strip()
    problem = unreadable(question)
    if problem:
        raise InputError(problem)
    tokens = words(question)
    content = [w for w in tokens if w not in STOPWORDS]
    kind = answer_kind(question)
    situating = _situating_words(question)
    times = tuple(e.text for e in find_time_expressions(question)) + tuple(
        y for y in re.findall(r"\b(?:1[6-9]|20)\d\d\b", question)
        if not any(y in e.text for e in find_time_expressions(question)))
    timed = {w for t in times for w in words(t)}
    generic = _GENERIC - ({"last"} if kind == DURATION and _LAST_VERB.search(question) else set())
    focus = tuple(dict.fromkeys(w for w in content
                                if w not in generic and w not in timed and w not in situating))
    return Query(
        text=question.strip(),
        kind=kind,
        stems=tuple(dict.fromkeys(stem(w) for w in content)),
        focus=focus,
        entities=question_entities(question),
        times=times,
        pronouns=tuple(w for w in tokens if w in _PRONOUNS),
        deictic=bool(_DEICTIC.search(question)),
        previous=bool(_PREVIOUS.search(question)),
        elliptic=bool(_ELLIPTIC.search(question)) or (
            bool(tokens) and tokens[0] not in _QUESTION_WORDS and len(tokens) <= 4),
    )


def unreadable(question: str) -> str | None:
    """Why ``question`` cannot be read as one, or None: characters that are not text (unpaired
    surrogates, which is what undecodable terminal bytes become), or no word at all (only
    punctuation, symbols, emoji or invisible characters), which no sentence could answer."""
    if _SURROGATE.search(question):
        return ("the question contains bytes that are not text (is the terminal set to another "
                "encoding?); type it again as UTF-8")
    if not words(question):
        return ("the question has no words (only punctuation, symbols or invisible "
                "characters); ask in words")
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")
# ANSI CSI ("\x1b[31m") and OSC ("\x1b]0;title\x07") sequences, then any other C0/C1 control.
_TERMINAL_CODES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|"
                             r"[\x00-\x1f\x7f-\x9f]")
_SITUATING = re.compile(r"\s(?:when|while|as|after|before|during)\s+(?P<rest>[^?]*)", _I)


def _situating_words(question: str) -> set[str]:
    """Words of a clause that only situates the question in time ("what did she say *when she
    announced the cut*?"): they help find the passage but need not be in the answer."""
    match = _SITUATING.search(question)
    return set(words(match["rest"])) if match else set()


def _calendar(word: str) -> bool:
    """Whether ``word`` is a month or a weekday ("March", "Sept.", "Tuesday's")."""
    return word.lower().rstrip(".").removesuffix("'s").removesuffix("’s") in _CALENDAR


def question_entities(question: str) -> tuple[str, ...]:
    """Capitalised names in the question, without a capitalised question word at its start."""
    found = []
    for match in _NAME.finditer(question):
        name = match.group().strip(" .'’")
        parts = name.split()
        while parts and parts[0].lower() in _QUESTION_WORDS | STOPWORDS:
            parts = parts[1:]
        # a month or weekday after a possessive dates the owner's event, it is no part of the
        # name: "Acme's *March* 2025 launch" is about Acme ("Theresa May" keeps her name)
        while len(parts) > 1 and _calendar(parts[-1]) and parts[-2].endswith(("'s", "’s")):
            parts = parts[:-1]
        if parts and not (len(parts) == 1 and _calendar(parts[0])):
            found.append(" ".join(parts))
    return tuple(dict.fromkeys(found))
