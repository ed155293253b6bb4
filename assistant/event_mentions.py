"""What one report says about the recurring event it covers.

A report of a recurring event (a product launch, a court hearing, a summit …) describes one
instance as new — its *subject* — and usually names earlier ones: "its first launch since
<date>", "his last speech was given in <date>", "most recently, one in <date>", "last convened
in <date>, and before that in <date>". This module finds those statements in one report's
content sentences and dates them against the report's own reference date
(:func:`index.reference.infer_reference`).

Rules are about English discourse, never about a story. The event's noun is learned from the
reports: it is the head word the cue phrases attach to ("last <noun> was", "first <noun>
since", "last <verb>ed in"); nouns and verbs meet through their stems ("launched"/"launch").
Cross-report work (binding "in March" to a known instance, merging) lives in
:mod:`assistant.events`; the subject's date is computed by :mod:`assistant.event_dating`.

Contract of :func:`scan_document`: it never raises for odd text; every returned expression
lies inside its sentence; an earlier mention always carries the sentence that states it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.text import stem, words
from index.resolution import DateRange
from index.temporal import TimeExpr, find_time_expressions
from index.types import Sentence

I = re.IGNORECASE
SUBJECT, EARLIER = "subject", "earlier"

# Heads that stand for the clause's own verb ("the first time it …") or for a noun said
# before ("most recently, one in …"): the event word must then be found elsewhere.
_PLACEHOLDERS = frozenset("time times one ones thing things".split())
# Words that end a head noun phrase: "first televised speech [said to be …] since".
_PHRASE_END = frozenset("""said says to of in on at from by for that which who since was were is
are be been ever yet as with and or but when after before""".split())
_LINKS = r"(?:was|were|came|took\s+place|happened|occurred)"
_CUE = re.compile(r"\b(?:last|previous|preceding|latest|prior|most\s+recent(?:ly)?)\b", I)
_MOST_RECENTLY = re.compile(r"^\s*,?\s*(?:(?:one|it|that)\s+)?(?:was\s+)?(?:in|on|at|during)\s+$",
                            I)
_LAST_TIME = re.compile(r"^\s+time\s+(?:that\s+)?(?:[\w’'-]+\s+){0,3}?(?P<verb>[a-z]+ed)\b"
                        r"(?P<tail>.*)$", I)
_LAST_VERB = re.compile(r"^\s+(?P<verb>[a-z]+ed)\b(?P<tail>.*)$", I)
_LAST_NOUN = re.compile(rf"^\s+(?P<phrase>(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+)\s+{_LINKS}\b"
                        r"(?P<tail>.*)$", I)
# What may sit between the cue's verb and its date: a few words ending in a preposition
# ("was held in", "was a two-day closed session in"), never a clause break or a word
# that hands the date to another event ("two days after the vote … in").
_TAIL = re.compile(r"^(?:\s+[\w’'%.-]+){0,9}?\s+(?:in|on|at|during)\s+$|^\s+$", I)
_HANDOVER = re.compile(r"[,;:]|\b(?:after|before|since|following|when|until|ago|than|while)\b", I)
# "since <date>", or "since raising them in <date>" (a gerund naming the event itself).
_SINCE = re.compile(r"\bsince\s+(?:[a-z]+ing\b(?:\s+[\w’'-]+){0,2}?\s+(?:in|on)\s+)?$", I)
_FIRST = re.compile(r"\bfirst\b(?P<between>[^,;:]{0,80}?)\s*$", I)
# "held … since", "quiet since": nothing of the kind happened in between.
_STASIS = re.compile(r"\b(?:held|kept|unchanged|steady|quiet|silent|silence|dormant|paused|idle|"
                     r"on\s+hold)\b", I)
_NEGATION = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", I)
_BEFORE_THAT = re.compile(r"\b(?:before\s+that|before\s+then|prior\s+to\s+that)\b", I)
_LIST = re.compile(r"^\s*,?\s*(?:and|or)?\s*(?:in|on)?\s*$", I)
_DETERMINER = re.compile(r"\b(?:the|its|his|her|their|a|an)\s+$", I)
_GAP_FIRST = re.compile(r"\bfirst\b(?P<between>[^,;:]{0,80}?)\b(?:in|for)\s+$", I)
_SILENCE = re.compile(r"^[\s-]*(?:long\s+)?(?:silence|hiatus|absence|lull|pause|break)\b", I)
_FUTURE = re.compile(r"\b(?:will|would|could|might|shall|should|next|expects?|expected|due\s+to\s+"
                     r"(?!the\b|a\b|an\b|its\b|his\b|her\b|their\b))\b|(?-i:\bmay\b)", I)


@dataclass(frozen=True)
class Mention:
    """One report's statement about one instance of the event.

    ``role`` is ``"subject"`` (the instance the report is about) or ``"earlier"`` (a previous
    one it names). ``date`` is resolved against the report's reference (None: undated);
    ``date_text`` is the expression as written. ``sentence_ids`` state or date the instance.
    ``order``: 1 = the immediately previous instance the report names, 2 = the one before…
    ``facts`` are durations said of the subject ("40-minute"); ``how`` explains the date.
    ``number``/``series``: its place in a series the report names ("the third hearing of the
    inquiry": 3, {hear, inquiri}; see :mod:`assistant.event_places`).
    """

    doc_id: str
    role: str
    date: DateRange | None
    date_text: str | None
    sentence_ids: tuple[str, ...]
    order: int | None = None
    facts: tuple[str, ...] = ()
    how: str = ""
    number: int | None = None                 # place in its series ("third" → 3), if said
    series: frozenset[str] = frozenset()      # stems of the series' nouns, when numbered


@dataclass(frozen=True)
class Head:
    """The event word a cue attaches to: its stem (None when not found), surface form, whether
    it is a noun, the word before it ("televised" speech), and whether the cue elided it and it
    was taken from elsewhere in the sentence ("the first since …")."""

    stem: str | None
    text: str | None = None
    noun: bool = True
    modifier: str | None = None
    elided: bool = False


@dataclass(frozen=True)
class Statement:
    """A raw earlier-instance statement: its date expression, head and how it was cued.

    ``claim``: "cue" (last/previous/first … since), "stasis" (held/quiet since), "negated"
    (has not … since), "chain" (before that), "list" (… and <date>), "attributive"
    ("the <date> hearing").
    """

    sentence: Sentence
    expr: TimeExpr
    head: Head
    claim: str


@dataclass(frozen=True)
class Gap:
    """"first … in <duration>" or "<duration> silence": the subject came that long after its
    predecessor (the one of the same kind when ``head`` names it; a silence pairs with the
    immediate predecessor)."""

    sentence: Sentence
    expr: TimeExpr
    head: Head
    silence: bool = False


@dataclass(frozen=True)
class Scan:
    """Everything found in one report, before any dating."""

    statements: tuple[Statement, ...]
    gaps: tuple[Gap, ...]
    terms: frozenset[str]           # event stems this report uses
    own: frozenset[str]             # those its own cue phrases attach to (its story's words)
    stem_counts: Counter            # stem → occurrences in the report


def expressions(text: str) -> tuple[TimeExpr, ...]:
    """Time expressions of a sentence (cached by :func:`find_time_expressions` itself)."""
    return tuple(find_time_expressions(text))


@lru_cache(maxsize=16384)
def sentence_stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(text))


@lru_cache(maxsize=16384)
def is_future(text: str) -> bool:
    """Sentences about what will or may happen name no past instance."""
    return bool(_FUTURE.search(text))


# --- heads ------------------------------------------------------------------------------------
def _phrase_head(phrase: str) -> Head:
    """Head of a short noun phrase: "televised speech said to" → speech (modifier televised)."""
    tokens = re.findall(r"[\w’'-]+", phrase)
    kept: list[str] = []
    for token in tokens:
        if token.lower() in _PHRASE_END:
            break
        kept.append(token)
    if not kept or len(kept) > 4 or kept[-1].lower() in _PLACEHOLDERS or kept[-1][0].isdigit():
        return Head(None)
    word = re.sub(r"['’]s$", "", kept[-1].lower())
    modifier = kept[-2].lower() if len(kept) > 1 else None
    return Head(stem(word), word, True, modifier)


def _verb_head(verb: str) -> Head:
    return Head(stem(verb.lower()), verb.lower(), False)


def nearest_term(sentence: str, at: int, terms: frozenset[str]) -> Head:
    """The event word of ``terms`` nearest to position ``at`` (for elided heads)."""
    best: tuple[int, str] | None = None
    for match in re.finditer(r"[^\W_]+", sentence):
        if stem(match[0].lower()) in terms:
            distance = abs(match.start() - at)
            if best is None or distance < best[0]:
                best = (distance, match[0].lower())
    if best is None:
        return Head(None, elided=True)
    return Head(stem(best[1]), best[1], not best[1].endswith("ed"), elided=True)


# --- statements -------------------------------------------------------------------------------
def _last_cue(window: str) -> Head | None:
    """"last/previous … was in", "last convened in", "the last time it met … was in",
    "most recently, one in": the head, when the window ends right before the date."""
    for cue in reversed(list(_CUE.finditer(window))):
        rest = window[cue.end():]
        if cue[0].lower() == "most recently" and _MOST_RECENTLY.match(rest):
            return Head(None)
        for pattern, make in ((_LAST_TIME, lambda m: _verb_head(m["verb"])),
                              (_LAST_VERB, lambda m: _verb_head(m["verb"])),
                              (_LAST_NOUN, lambda m: _phrase_head(m["phrase"]))):
            match = pattern.match(rest)
            if match and _TAIL.match(match["tail"]) and not _HANDOVER.search(match["tail"]):
                return make(match)
        return None  # only the nearest cue can own the date
    return None


def _since_cue(window: str) -> tuple[str, Head] | None:
    """"first … since <date>", "held … since <date>", "has not … since <date>"."""
    since = _SINCE.search(window)
    if not since:
        return None
    clause = re.split(r"[;,]", window[:since.start()])[-1]
    first = _FIRST.search(window[:since.start()])
    if first:
        return "cue", _phrase_head(first["between"])
    if _STASIS.search(clause):
        return "stasis", Head(None)
    if _NEGATION.search(clause):
        return "negated", Head(None)
    return None


def _statement(sentence: Sentence, expr: TimeExpr, window: str,
               previous: Statement | None) -> Statement | None:
    """The earlier-instance statement that dates ``expr``, if any. ``window`` is the text since
    the previous date expression (the nearest cue owns the date)."""
    if previous is not None and _LIST.match(window):
        return Statement(sentence, expr, previous.head, "list")
    if _BEFORE_THAT.search(window):
        return Statement(sentence, expr, Head(None), "chain")
    since = _since_cue(window)
    if since:
        return Statement(sentence, expr, since[1], since[0])
    head = _last_cue(window)
    return Statement(sentence, expr, head, "cue") if head is not None else None


def _sentence_statements(sentence: Sentence, chained: bool) -> list[Statement]:
    """Earlier-instance statements of one sentence, in order. ``chained``: the sentence follows
    one that named an ordered earlier instance (so "Before that, …" continues the chain)."""
    text, found, previous, start = sentence.text, [], None, 0
    if is_future(text):
        return []
    for expr in expressions(text):
        if expr.kind not in ("date", "relative") or ":" in (expr.value or ""):
            continue
        window = text[start:expr.start]
        statement = _statement(sentence, expr, window, previous)
        if statement and statement.claim == "chain" and not (chained or found):
            statement = None
        if statement:
            found.append(statement)
        previous, start = statement, expr.end
    return found


def _attributive(sentence: Sentence, terms: frozenset[str]) -> list[Statement]:
    """"after the <date> hearing": a date used as the modifier of the event noun."""
    text, found = sentence.text, []
    if is_future(text):
        return []
    for expr in expressions(text):
        after = re.match(r"\s+([^\W_][\w-]*)", text[expr.end:])
        if expr.kind == "date" and after and stem(after[1].lower()) in terms \
                and _DETERMINER.search(text[:expr.start]):
            found.append(Statement(sentence, expr, Head(stem(after[1].lower()), after[1].lower()),
                                   "attributive"))
    return found


def _gaps(sentence: Sentence) -> list[Gap]:
    """"first … in <duration>", "<duration> silence" (not "third … in three years")."""
    text, found = sentence.text, []
    if is_future(text):
        return []
    for expr in expressions(text):
        if expr.kind != "duration":
            continue
        first = _GAP_FIRST.search(text[max(0, expr.start - 110):expr.start])
        if first:
            found.append(Gap(sentence, expr, _phrase_head(first["between"])))
        elif _SILENCE.match(text[expr.end:]):
            found.append(Gap(sentence, expr, Head(None), silence=True))
    return found


# --- one report -------------------------------------------------------------------------------
def raw_heads(sentences: Sequence[Sentence]) -> list[str]:
    """Stems of the event words the report's cue phrases attach to (for learning terms)."""
    return [head for sentence in sentences for head in _text_heads(sentence)]


# Read twice per report, once for the corpus's event words and once more after all reports'
# words are in: the cache must hold a whole corpus's sentences (at 100k sentences a smaller one
# missed every second read, 10 s of a cold event index). The keys are the corpus's own Sentence
# objects; the values a few interned stems each.
@lru_cache(maxsize=1 << 18)
def _text_heads(sentence: Sentence) -> tuple[str, ...]:
    found = [*_sentence_statements(sentence, True), *_gaps(sentence)]
    return tuple(item.head.stem for item in found if item.head.stem)


def learn_terms(documents: Iterable[Sequence[Sentence]]) -> frozenset[str]:
    """Event stems of a corpus: cue heads used by two reports, or used by one report that also
    speaks of the same thing elsewhere ("His last address …" and "the 40-minute address").
    A head named once, in one cue only ("the last audit was in May"), is not the event."""
    return combine_votes(term_votes(sentences) for sentences in documents)


def term_votes(sentences: Sequence[Sentence]) -> tuple[frozenset[str], frozenset[str]]:
    """One report's part in :func:`learn_terms`: (its cue heads, those it confirms itself).
    A report's votes depend on it alone, so they can be kept while other reports change."""
    return _votes(raw_heads(sentences), _stem_counts(sentences))


def report_terms(sentences: Sequence[Sentence], ordered: Sequence[str] = ()
                 ) -> tuple[tuple[frozenset[str], frozenset[str]], frozenset[str]]:
    """(:func:`term_votes`, :func:`vocabulary`) of one report, reading it once; ``ordered``:
    stems of the nouns its order words qualify, read from its parse, vote as its cues do."""
    heads, counts = raw_heads(sentences) + list(ordered), _stem_counts(sentences)
    return _votes(heads, counts), _vocabulary(sentences, heads, counts)


def _votes(heads: list[str], counts: Counter) -> tuple[frozenset[str], frozenset[str]]:
    uses = Counter(heads)
    return frozenset(uses), frozenset(h for h, n in uses.items() if counts[h] > n or n > 1)


def combine_votes(votes: Iterable[tuple[frozenset[str], frozenset[str]]]) -> frozenset[str]:
    """:func:`learn_terms` from the reports' :func:`term_votes`."""
    by_docs: Counter = Counter()
    confirmed: set[str] = set()
    for heads, own in votes:
        by_docs.update(heads)
        confirmed |= own
    return frozenset(confirmed | {h for h, n in by_docs.items() if n > 1})


def vocabulary(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Every stem a report could match a term with (its words, its tokens, its cue heads):
    the analysis of a report depends on the corpus's terms only through these."""
    return _vocabulary(sentences, raw_heads(sentences), _stem_counts(sentences))


def _vocabulary(sentences: Sequence[Sentence], heads: list[str],
                counts: Counter) -> frozenset[str]:
    found = set(counts) | set(heads)
    for sentence in sentences:
        found.update(stem(t.lower()) for t in re.findall(r"[^\W_]+", sentence.text))
    return frozenset(found)


def _stem_counts(sentences: Sequence[Sentence]) -> Counter:
    counts: Counter = Counter()
    for sentence in sentences:
        counts.update(sentence_stems(sentence.text))
    return counts


def scan_document(sentences: Sequence[Sentence], terms: frozenset[str] | None = None) -> Scan:
    """Earlier-instance statements and gap statements of one report.

    ``terms`` are the corpus's event stems (:func:`learn_terms`); without them the report's
    own confirmed cue heads are used, or all its cue heads when none is confirmed (one report
    alone cannot tell a one-off "previous hearing" from a stray noun). The report's terms are its
    own cue heads among them plus the corpus terms it uses at least twice.
    """
    counts = _stem_counts(sentences)
    known = terms if terms is not None else \
        learn_terms([sentences]) or frozenset(raw_heads(sentences))
    own = {h for h in raw_heads(sentences) if h in known}
    active = frozenset(own | {t for t in known if counts[t] >= 2})
    statements: list[Statement] = []
    gaps: list[Gap] = []
    chained = False
    for sentence in sentences:
        found = _sentence_statements(sentence, chained)
        found += [a for a in _attributive(sentence, active)
                  if all(a.expr.start != f.expr.start for f in found)]
        statements += [_with_head(s, active) for s in found if _accept_head(s, active)]
        gaps += [g for g in (_gap_with_head(g, active, known) for g in _gaps(sentence)) if g]
        chained = any(s.claim in ("cue", "chain", "list") for s in found)
    return Scan(tuple(statements), tuple(gaps), active, frozenset(own), counts)


def _accept_head(statement: Statement, terms: frozenset[str]) -> bool:
    """A named head must be one of the event's words ("the last audit was in May" is not)."""
    return statement.head.stem is None or statement.head.stem in terms


def _with_head(statement: Statement, terms: frozenset[str]) -> Statement:
    """Elided heads ("the first since …", "most recently, one in …") take the nearest event
    word."""
    if statement.head.stem is not None:
        return statement
    head = nearest_term(statement.sentence.text, statement.expr.start, terms)
    return Statement(statement.sentence, statement.expr, head, statement.claim)


def _gap_with_head(gap: Gap, terms: frozenset[str], known: frozenset[str]) -> Gap | None:
    """A "first … in <duration>" gap counts only when its sentence speaks of the event ("forces
    crossed the border for the first time in two years" does not); a head that is not an event
    word ("his first televised address") gives way to the nearest event word, the report's
    own or the corpus's ("the speech given on Friday was …"). A silence keeps
    no head."""
    if gap.silence or gap.head.stem in terms:
        return gap
    head = nearest_term(gap.sentence.text, gap.expr.start, terms)
    if head.stem is None:
        head = nearest_term(gap.sentence.text, gap.expr.start, known)
    return Gap(gap.sentence, gap.expr, head) if head.stem else None
