"""What someone said: the words the reports attribute to the person a question names.

"What did the chief engineer say about the bridge?" is answered by a sentence in which a
reporting verb (:data:`~assistant.language.lexicon.REPORTING`) has that person for subject, by
name ("Quellbrook told reporters") or by the description the reports give them ("the city
treasurer said"). The person is the one the question names, or else the one whose description in
the reports ("Ada Quellbrook, chief engineer of the port authority") holds most of the
question's words for them. Of the sentences so attributed, those supporting the rest of the
question ("about the bridge") come first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.citations import Citations
from assistant.evidence.relevance import Relevance
from assistant.evidence.terms import asked_terms
from assistant.evidence.timing import asked_times, fits
from assistant.language import LanguagePipeline, Parsed
from assistant.language.lexicon import REPORTING, WH_WORDS
from assistant.retrieval import Corpus
from assistant.types import Answer
from index.types import Sentence

QUOTES = 2
SCAN = 300  # sentences naming the speaker that are parsed, at most, in corpus order
_DESCRIBING = ("NOUN", "PROPN", "ADJ")
_SUBJECTS = ("nsubj", "nsubjpass")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Speaker:
    """Who a question asks about: the content lemmas describing them and the names among them
    (lower-cased words)."""

    words: frozenset[str]
    names: frozenset[str]


def asked_speaker(parsed: Parsed) -> Speaker | None:
    """For "what did <someone> say/tell …?": who; None for any other question."""
    tokens = parsed.tokens
    root = next((i for i, t in enumerate(tokens) if t.dep == "ROOT"), None)
    if root is None or tokens[root].lemma.lower() not in REPORTING or not any(
            t.head == root and t.text.lower() in WH_WORDS and t.dep in ("dobj", "ccomp")
            for t in tokens):
        return None
    subject = next((i for i, t in enumerate(tokens) if t.head == root and t.dep in _SUBJECTS), None)
    return None if subject is None else _described(parsed, _subtree(parsed, subject))


def said_answer(pipeline: LanguagePipeline, relevance: Relevance, question: str,
                corpus: Corpus) -> Answer | None:
    """Quotes of the sentences attributed to the person ``question`` asks about, those that
    support the rest of it first; None when it asks no such thing or the reports attribute
    nothing to them."""
    parsed = pipeline.parse(question)
    speaker = asked_speaker(parsed)
    if speaker is None:
        return None
    aliases = _aliases(pipeline, speaker, corpus)
    times = asked_times(parsed)  # "when she announced the May 2024 merger": that report's words
    found = [s for s, p in _mentioning(pipeline, aliases, corpus)
             if fits(times, corpus, s.doc_id) and _said_by(p, aliases)]
    if not found:
        return None
    about = [t for t in asked_terms(parsed)
             if t.lemma not in speaker.words and t.lemma not in REPORTING]
    # a quote's occasion is often told beside it ("she resigned on Friday. '…,' she said")
    contexts = [_in_context(s, corpus) for s in found]
    support = relevance.coverage(about, contexts, corpus)
    close = relevance.closeness(question, [c.text for c in contexts])
    # their own words first: a quotation, then what the report says they said
    ranked = sorted(zip(found, support, close), key=lambda item: (
        not any(m in item[0].text for m in QUOTE_MARKS), -(item[1] + item[2])))
    cites = Citations(corpus)
    for sentence, _, _ in ranked[:QUOTES]:
        cites.markers(whole_quote(sentence, corpus))
    return Answer.of(question, cites.quotes(), citations=cites.all())


QUOTE_MARKS = "\"“”"
OPENING = "\"“"


def whole_quote(sentence: Sentence, corpus: Corpus, limit: int = 3) -> list[Sentence]:
    """``sentence`` and, when it closes a quotation opened before it ("… before the water
    rose," she said), the sentences back to the one that opens it, in text order."""
    doc = corpus.by_doc.get(sentence.doc_id, [])
    at = next((i for i, s in enumerate(doc) if s.sentence_id == sentence.sentence_id), None)
    if at is None or sum(sentence.text.count(m) for m in QUOTE_MARKS) % 2 == 0 \
            or sentence.text.lstrip().startswith(tuple(OPENING)):
        return [sentence]
    for back in range(at - 1, max(-1, at - 1 - limit), -1):
        if doc[back].text.lstrip().startswith(tuple(OPENING)):
            return doc[back:at + 1]
    return [sentence]


def _in_context(sentence: Sentence, corpus: Corpus) -> Sentence:
    """``sentence`` with the text of its neighbours, to be scored (never quoted)."""
    text = " ".join(s.text for s in corpus.neighbours(sentence))
    return replace(sentence, text=text, end=sentence.start + len(text))


@dataclass(frozen=True)
class _Aliases:
    """What the reports call the speaker: name words, and descriptions (sets of lemmas)."""

    names: frozenset[str]
    roles: tuple[frozenset[str], ...]

    def named_in(self, words: set[str]) -> bool:
        """Whether a sentence of ``words`` may speak of the speaker: it has a name word of
        theirs, or most words of a description."""
        return bool(self.names & words) or any(len(r & words) * 2 > len(r) for r in self.roles)


def _aliases(pipeline: LanguagePipeline, speaker: Speaker, corpus: Corpus) -> _Aliases:
    """The speaker's name words and the descriptions the reports give whoever bears them; for a
    question that gives no name, the person whose description holds most of its words."""
    names = speaker.names
    if not names:
        names = _best_described(pipeline, speaker, corpus)
    if not names:
        return _Aliases(frozenset(), (speaker.words,))
    roles = {speaker.words - speaker.names} if speaker.words - speaker.names else set()
    for _, parsed in _mentioning(pipeline, _Aliases(names, ()), corpus):
        roles |= {frozenset(r) for r in _descriptions(parsed, names)}
    return _Aliases(names, tuple(r for r in roles if r))


def _best_described(pipeline: LanguagePipeline, speaker: Speaker, corpus: Corpus
                    ) -> frozenset[str]:
    best, score = frozenset(), 0.5  # at least half the question's words for them
    for _, parsed in _mentioning(pipeline, _Aliases(frozenset(), (speaker.words,)), corpus):
        for person in parsed.entities_of("PERSON"):
            name = frozenset(_WORDS.findall(person.text.lower()))
            for role in _descriptions(parsed, name):
                share = len(role & speaker.words) / len(speaker.words)
                if share > score:
                    best, score = name, share
    return best


def _descriptions(parsed: Parsed, name: frozenset[str]) -> list[set[str]]:
    """Lemmas of the noun phrases in apposition to a mention of ``name`` ("X, the city treasurer";
    "the city treasurer, X")."""
    tokens, found = parsed.tokens, []
    for i, t in enumerate(tokens):
        if t.text.lower() not in name or t.pos != "PROPN":
            continue
        spans = [_subtree(parsed, j) for j, u in enumerate(tokens)
                 if u.head == i and u.dep == "appos"]
        spans += [{j} for j, u in enumerate(tokens)  # a title: "*Governor* Ada Quellbrook"
                  if u.head == i and u.dep == "compound" and u.text.lower() not in name]
        if t.dep == "appos" and t.head != i:
            spans.append(_subtree(parsed, t.head) - _subtree(parsed, i))
        found += [_described(parsed, span).words for span in spans]
    return found


def _mentioning(pipeline: LanguagePipeline, aliases: _Aliases, corpus: Corpus
                ) -> list[tuple[Sentence, Parsed]]:
    """Parsed corpus sentences holding one of the aliases' words (the first :data:`SCAN`)."""
    chosen = [s for s in corpus.sentences
              if aliases.named_in(set(_WORDS.findall(s.text.lower())))][:SCAN]
    return list(zip(chosen, pipeline.parse_many([s.text for s in chosen])))


def _said_by(parsed: Parsed, aliases: _Aliases) -> bool:
    """Whether a reporting verb of ``parsed`` has the speaker for subject: a name word of
    theirs, or a description of theirs that the subject's words all belong to."""
    tokens, quoted = parsed.tokens, _quoted(parsed)
    for i, t in enumerate(tokens):
        if t.head == i or tokens[t.head].lemma.lower() not in REPORTING or t.dep not in _SUBJECTS \
                or t.head in quoted:  # "'the governor told us …,' said an economist"
            continue
        subject = _described(parsed, _subtree(parsed, i))
        if (subject.names | subject.words) & aliases.names or any(
                subject.words and subject.words <= role for role in aliases.roles):
            return True
    return False


def _quoted(parsed: Parsed) -> set[int]:
    """Indices of the tokens inside quotation marks; a sentence that closes a quotation it did
    not open ("… before the water rose," she said) is inside one from its start."""
    marks = [i for i, t in enumerate(parsed.tokens) if t.text in QUOTE_MARKS]
    if len(marks) % 2 and not parsed.text.lstrip().startswith(tuple(OPENING)):
        marks = [-1, *marks]
    return {i for a, b in zip(marks[::2], marks[1::2]) for i in range(a + 1, b)}


def _described(parsed: Parsed, span: set[int]) -> Speaker:
    tokens = parsed.tokens
    words = frozenset(tokens[i].lemma.lower() for i in span
                      if tokens[i].pos in _DESCRIBING and not tokens[i].is_stop)
    names = frozenset(tokens[i].text.lower() for i in span if tokens[i].ent_type == "PERSON"
                      and tokens[i].pos == "PROPN")
    return Speaker(words, names)


def _subtree(parsed: Parsed, root: int) -> set[int]:
    """Indices of ``root`` and every token under it."""
    tokens, inside = parsed.tokens, {root}
    for i in range(len(tokens)):
        chain, at = [], i
        while at not in inside and tokens[at].head != at and len(chain) < len(tokens):
            chain.append(at)
            at = tokens[at].head
        if at in inside:
            inside.update(chain)
    return inside
