"""An in-memory :class:`~assistant.language.pipeline.LanguagePipeline` for unit tests; no model.

It keeps the same contract as the real pipeline (``tests/contracts/language_contract.py``) so
code that consumes :class:`Parsed` values can be tested fast, but its analysis is deliberately
crude: it knows nothing of English beyond capital letters, digits and a plural ``s``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.language.pipeline import checked_texts
from assistant.language.types import Entity, Parsed, Token

# A number (with its inner separators), a word, or any single other non-space character.
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|\w+|[^\w\s]")
_SENTENCE_END = frozenset(".!?")
_STOPWORDS = frozenset(
    "a an and are as at be by for from in is it of on or that the to was were with".split())


class StandInPipeline:
    """Regex tokens; capitalised words not at a sentence start are PROPN, and each run of them
    is a PERSON entity; numbers are NUM, other words NOUN, the rest PUNCT. Every token is its
    own root (``head`` = itself, ``dep`` ``"dep"``). Test stand-in only."""

    name = "stand-in"
    version = "stand-in-1"

    def parse(self, text: str) -> Parsed:
        return self.parse_many([text])[0]

    def parse_many(self, texts: Sequence[str]) -> list[Parsed]:
        return [_parse(text) for text in checked_texts(texts)]


def _parse(text: str) -> Parsed:
    pos, initial = [], True
    matches = list(_TOKEN.finditer(text))
    for match in matches:
        pos.append(_pos(match.group(), initial))
        initial = match.group() in _SENTENCE_END or (initial and pos[-1] == "PUNCT")
    tokens = tuple(_token(m, p, i) for i, (m, p) in enumerate(zip(matches, pos)))
    return Parsed(text, tokens, _entities(text, tokens))


def _pos(word: str, sentence_initial: bool) -> str:
    if word[0].isdigit():
        return "NUM"
    if not (word[0].isalnum() or word[0] == "_"):
        return "PUNCT"
    return "PROPN" if word[0].isupper() and not sentence_initial else "NOUN"


def _token(match: re.Match[str], pos: str, i: int) -> Token:
    word = match.group()
    return Token(word, match.start(), match.end(), _lemma(word, pos), pos, pos, "dep", i,
                 "PERSON" if pos == "PROPN" else "", word.lower() in _STOPWORDS, pos == "NUM")


def _lemma(word: str, pos: str) -> str:
    lower = word.lower()
    if pos == "NOUN" and len(lower) > 3 and lower.endswith("s") and not lower.endswith("ss"):
        return lower[:-1]  # "reports" -> "report"; good enough for a stand-in
    return lower


def _entities(text: str, tokens: tuple[Token, ...]) -> tuple[Entity, ...]:
    """Each run of adjacent PROPN tokens (only white space between them) as a PERSON."""
    runs: list[list[Token]] = []
    for previous, token in zip((None, *tokens), tokens):
        if token.pos == "PROPN" and previous is not None and previous.pos == "PROPN":
            runs[-1].append(token)  # adjacent tokens have only white space between them
        elif token.pos == "PROPN":
            runs.append([token])
    return tuple(Entity(text[r[0].start:r[-1].end], "PERSON", r[0].start, r[-1].end)
                 for r in runs)
