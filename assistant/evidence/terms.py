"""What a question is about, read from its parse: the content words an answer must support.

A term is a content word (noun, proper noun, verb, adjective, adverb, number) of the question,
by its lemma, so "killed" asks for "kill" however a report inflects it. Not terms: function and
question words, auxiliaries, words inside a date or time the question names (they situate it;
reports write dates in many ways), and the noun a question word determines ("*what level*",
"*which storm*"), which names the kind of answer rather than its topic. Nouns and names weigh
more than verbs and modifiers: they say what is asked about, verbs mostly how it is phrased.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.evidence.answer_type import NUMBER, TIME
from assistant.language import Parsed
from assistant.language.lexicon import ANTERIOR, FRAMING_VERBS, REPORTING, TIME_NOUNS, WH_WORDS

CONTENT = {"NOUN": 1.0, "PROPN": 1.0, "NUM": 0.5, "VERB": 0.5, "ADJ": 0.5, "ADV": 0.25}
_SITUATING = {"DATE", "TIME"}
# entity labels of values rather than names (a title in quotes is a WORK_OF_ART name)
_VALUES = NUMBER | TIME | {"ORDINAL"}


@dataclass(frozen=True)
class Term:
    """A content word of the question: its lemma (lower-cased), as written, its weight, whether
    it is a name, and its part of speech (Universal POS)."""

    lemma: str
    text: str
    weight: float
    name: bool
    pos: str = "NOUN"


def asked_terms(parsed: Parsed) -> tuple[Term, ...]:
    """The question's terms, once each, in order."""
    kind_nouns = _answer_kind_nouns(parsed) | _attribute_words(parsed)
    main = _main_verb(parsed)
    found: dict[str, Term] = {}
    for i, token in enumerate(parsed.tokens):
        if not _skipped(token, i, kind_nouns):
            found.setdefault(token.lemma.lower(), _term(token, i == main or token.dep == "ROOT",
                                                        "VERB" if i == main else token.pos))
    return tuple(found.values())


def _main_verb(parsed: Parsed) -> int | None:
    """The index of the verb "do" supports ("how much rain did the storm *drop*?"), which the
    tagger, trained on statements, often reads as a noun: then either the noun is the root with
    "did" as its auxiliary, or "did" is the root and the noun its object at the question's end."""
    tokens = parsed.tokens
    for i, token in enumerate(tokens):
        children = parsed.children(i)
        if any(tokens[j].lemma.lower() == "do" and tokens[j].dep == "aux" for j in children) \
                and not any(tokens[j].dep == "det" for j in children):  # "the fire" is a noun
            return i
    words = [i for i, t in enumerate(tokens) if t.pos not in ("PUNCT", "SPACE")]
    last = words[-1] if words else None
    if last is not None and tokens[last].dep == "dobj" and tokens[last].pos == "NOUN":
        head = tokens[tokens[last].head]
        if head.lemma.lower() == "do" and head.dep == "ROOT":
            return last
    return None


def _term(token, main: bool, pos: str) -> Term:
    # the main verb is the event asked about ("when was he *born*?"): it weighs as a noun
    weight = 1.0 if main else CONTENT[pos]
    return Term(token.lemma.lower(), token.text, weight,
                token.pos == "PROPN" or bool(token.ent_type), pos)


def _skipped(token, i: int, kind_nouns: set[int]) -> bool:
    return (token.pos not in CONTENT or token.is_stop or i in kind_nouns
            or token.text.lower() in WH_WORDS or token.lemma.lower() in FRAMING_VERBS
            or token.lemma.lower() in ANTERIOR  # they relate instances, not name one
            or token.ent_type in _SITUATING or not any(c.isalnum() for c in token.text))


def _answer_kind_nouns(parsed: Parsed) -> set[int]:
    """Indices of nouns determined by a question word ("what level", "which storm")."""
    return {t.head for t in parsed.tokens
            if t.text.lower() in ("what", "which") and t.dep == "det"}


def _attribute_words(parsed: Parsed) -> set[int]:
    """The indices of the attribute noun asked of a named thing (:func:`_attribute_of_name`)
    and of the adjectives qualifying it ("the *primary* function of X"), which qualify the
    attribute, not the thing."""
    i = _attribute_of_name(parsed)
    if i is None:
        return set()
    return {i, *(j for j in parsed.children(i) if parsed.tokens[j].dep == "amod")}


def _attribute_of_name(parsed: Parsed) -> int | None:
    """The index of the attribute noun a copular question asks of a named thing ("what is *the
    medium* of "The Glass Door"?", "what is *the population* of Ashby?"), else None: sentences
    about a named thing state its attributes without naming them ("a 1998 film", "there were
    1,200 people"). Not when a name only qualifies the thing ("the salary *of a Leeds
    dockworker*", "the margin *of error* of the poll": a sentence must be about that common
    noun), nor a role "who" asks the bearer of ("who is the mayor of Springfield?": the
    sentence naming the bearer names the role too)."""
    tokens = parsed.tokens
    for token in tokens:
        if token.text.lower() == "what" and token.dep == "attr" \
                and tokens[token.head].lemma.lower() == "be":
            for j in parsed.children(token.head):
                if tokens[j].dep == "nsubj" and tokens[j].pos == "NOUN" and any(
                        tokens[k].pos == "PROPN" or tokens[k].ent_type not in {"", *_VALUES}
                        for k in _complement(parsed, j)):
                    return j
    return None


def asked_kind(parsed: Parsed) -> str | None:
    """The lemma of the noun a "which/what N" question asks for a name of ("on *which street*",
    "*which outside company*"), or None: not a noun of time ("what year" asks for a date)."""
    for i in sorted(_answer_kind_nouns(parsed)):
        token = parsed.tokens[i]
        if token.pos == "NOUN" and token.text.lower() not in TIME_NOUNS:
            return token.lemma.lower()
    return None


_CLAUSES = frozenset({"acl", "xcomp", "ccomp", "advcl", "relcl"})  # clauses with verbs of their own


def asked_measure(parsed: Parsed) -> str | None:
    """The lemma of the word a "what" question asks the value of, when it asks one by grammar
    alone: the noun "what" determines ("at *what altitude*", "*what share* of the vote"), else,
    with "what" the complement of "be", the predicate adjective ("what is it *worth*?") or the
    subject noun ("what was *the turnout*?"). None for other questions ("what did she say?")."""
    tokens = parsed.tokens
    for i in sorted(_answer_kind_nouns(parsed)):
        if tokens[i].pos == "NOUN":
            return tokens[i].lemma.lower()
    for token in tokens:
        if token.text.lower() == "what" and token.dep in ("attr", "nsubj") \
                and tokens[token.head].lemma.lower() == "be":
            return _copular_measure(parsed, token.head)
    return _phrase_head(parsed)


def asked_degree(parsed: Parsed) -> str | None:
    """The lemma of the noun a "how big/large/tall …" question asks the size of ("how large
    was the *payment*?", "how large a *fine* …?"), or None: the answer is a value of that
    noun, not any figure beside it."""
    tokens = parsed.tokens
    for token in tokens:
        head = tokens[token.head]
        # "how many/much" count or measure an amount; they size no noun
        if token.text.lower() != "how" or token.dep != "advmod" or head.pos != "ADJ" \
                or head.lemma.lower() in ("many", "much"):
            continue
        if head.dep == "amod" and tokens[head.head].pos == "NOUN":
            return tokens[head.head].lemma.lower()
        if head.dep == "acomp":
            subjects = [tokens[j] for j in parsed.children(head.head) if tokens[j].dep == "nsubj"]
            if subjects and subjects[0].pos == "NOUN":
                return subjects[0].lemma.lower()
    return None


def _phrase_head(parsed: Parsed) -> str | None:
    """The noun a question without a verb consists of ("and the *bounty*?", "what about the
    *turnout*?"): a follow-up asking that thing's value. None where a verb is written."""
    tokens = parsed.tokens
    if any(t.pos in ("VERB", "AUX") for t in tokens):
        return None
    root = next((i for i, t in enumerate(tokens) if t.dep == "ROOT"), None)
    if root is not None and tokens[root].pos == "ADP":  # "what about the turnout?"
        root = next((j for j in parsed.children(root) if tokens[j].dep == "pobj"), None)
    return tokens[root].lemma.lower() if root is not None and tokens[root].pos == "NOUN" else None


def _copular_measure(parsed: Parsed, be: int) -> str | None:
    """The predicate adjective, else the subject noun, of the "be" at ``be``; None when a
    clause hangs below ("what was the strike costing?" asks what the verb takes)."""
    tokens = parsed.tokens
    below = [tokens[j] for j in parsed.children(be)]
    # a relative clause describing the subject ("the highest altitude *the rocket reached*")
    # still asks the subject's value
    if any(tokens[k].dep in _CLAUSES and (tokens[k].dep, tokens[j].dep) != ("relcl", "nsubj")
           for j in (be, *parsed.children(be)) for k in parsed.children(j)):
        return None
    for dep, pos in (("acomp", "ADJ"), ("nsubj", "NOUN")):
        found = [t for t in below if t.dep == dep and t.pos == pos]
        if found:
            return found[0].lemma.lower()
    return None


def asked_event(parsed: Parsed) -> str | None:
    """The lemma of the question's main verb (the event asked about), unless it is a framing or
    auxiliary verb ("what *did* …", "*tell* me …")."""
    main = _main_verb(parsed)
    if main is not None and parsed.tokens[main].lemma.lower() not in FRAMING_VERBS:
        return parsed.tokens[main].lemma.lower()
    for token in parsed.tokens:
        if token.dep == "ROOT" and token.pos == "VERB" and not token.is_stop \
                and token.lemma.lower() not in FRAMING_VERBS:
            return token.lemma.lower()
    return None


def asked_object_verb(parsed: Parsed) -> Term | None:
    """The verb a "what" question asks the object of ("what did the repair *cost*?", "what
    did the storm *destroy*?"), or None: the answer is what that verb takes, so only a sentence
    using it (or a word near it) can state it. Not a verb that frames a request or reports
    speech ("what did she *say*?": reports quote speech under many verbs)."""
    tokens = parsed.tokens
    for token in tokens:
        head = tokens[token.head]
        if token.text.lower() in ("what", "which") and token.dep == "dobj" \
                and head.pos == "VERB" and head.dep == "ROOT" \
                and head.lemma.lower() not in FRAMING_VERBS | REPORTING:
            return Term(head.lemma.lower(), head.text, 1.0, False, "VERB")
    return None


def asked_attribute(parsed: Parsed) -> tuple[Term, ...]:
    """The noun whose bearer or value a copular question asks for, with the nouns of its
    complement ("who is *the mayor of the town*?", "who is *the spokesman for the coalition*?"),
    or none: only a sentence about that role or attribute, of that thing, can state it (one
    naming the mayor of another town, or another body's spokesman, does not)."""
    tokens = parsed.tokens
    for token in tokens:
        head = tokens[token.head]
        if token.text.lower() in WH_WORDS and token.dep == "attr" and head.lemma.lower() == "be":
            for j in parsed.children(token.head):
                if tokens[j].dep == "nsubj" and tokens[j].pos == "NOUN":
                    return (_noun(tokens[j]), *(_noun(tokens[k]) for k in _complement(parsed, j)))
    return ()


def _complement(parsed: Parsed, i: int) -> list[int]:
    """The nouns that the prepositions under token ``i`` take ("mayor *of* the town")."""
    return [k for j in parsed.children(i) if parsed.tokens[j].dep == "prep"
            for k in parsed.children(j) if parsed.tokens[k].pos in ("NOUN", "PROPN")]


def _noun(token) -> Term:
    return Term(token.lemma.lower(), token.text, 1.0, token.pos == "PROPN", token.pos)
