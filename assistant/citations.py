"""Numbering cited sentences, and keeping a quotation together with the sentence naming its speaker."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.retrieval import Corpus
from assistant.types import QUOTE, Citation, Line
from index.types import Sentence

_SPEECH = re.compile(r"\b(?:said|says|say|told|added|adds|asked|warned|according to|stated|"
                     r"wrote|insisted|explained|noted|argued|urged|announced|declared)\b", re.I)
_OPENS_QUOTE = re.compile(r"^\W{0,3}[\"“‘']")


def attributed(sentence: Sentence, corpus: Corpus) -> list[Sentence]:
    """The sentence, plus its neighbour that names the speaker when it is a bare quotation.

    A sentence that opens with a quotation mark and has no speech verb is part of somebody's
    quote; citing it alone would strip the attribution, so the neighbouring sentence of the
    same document that carries a speech verb is cited with it (the following one first).
    """
    if not _OPENS_QUOTE.search(sentence.text) or _SPEECH.search(sentence.text):
        return [sentence]
    around = corpus.neighbours(sentence, window=1)
    at = next(i for i, s in enumerate(around) if s.sentence_id == sentence.sentence_id)
    for neighbour in around[at + 1:] + around[:at][::-1]:
        if _SPEECH.search(neighbour.text):
            return sorted([sentence, neighbour], key=lambda s: s.index)
    return [sentence]


def cite(n: int, sentence: Sentence, corpus: Corpus) -> Citation:
    """Citation number ``n`` of ``sentence``, with its document's source, title and outlet."""
    record = corpus.records.get(sentence.doc_id)
    return Citation(n, sentence, corpus.source(sentence.doc_id), record.title if record else "",
                    record.outlet if record else None)


class Citations:
    """Citations numbered in order of first use; the same sentence always keeps its number."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._numbers: dict[str, int] = {}
        self._cited: list[Citation] = []

    def markers(self, sentences: Iterable[Sentence] | Iterable[list[Sentence]]) -> str:
        """Cite ``sentences`` (flattening attribution groups) and return "[1][2]" markers."""
        return "".join(f"[{n}]" for n in self.numbers(sentences))

    def numbers(self, sentences: Iterable[Sentence] | Iterable[list[Sentence]]) -> tuple[int, ...]:
        """Cite ``sentences`` (flattening attribution groups); their numbers, in order."""
        flat: list[Sentence] = []
        for item in sentences:
            flat.extend(item if isinstance(item, list) else [item])
        return tuple(self._cite(s) for s in dict.fromkeys(flat))

    def _cite(self, sentence: Sentence) -> int:
        if sentence.sentence_id not in self._numbers:
            n = len(self._cited) + 1
            self._numbers[sentence.sentence_id] = n
            self._cited.append(cite(n, sentence, self._corpus))
        return self._numbers[sentence.sentence_id]

    def numbers_of(self, members) -> tuple[int, ...]:
        return tuple(self._numbers[m.sentence.sentence_id] for m in members
                     if m.sentence.sentence_id in self._numbers)

    def quotes(self) -> list[Line]:
        """Each cited sentence verbatim (line breaks of hard-wrapped text shown as spaces),
        citing itself."""
        return [Line(QUOTE, " ".join(c.sentence.text.split()), (c.n,)) for c in self._cited]

    def all(self) -> tuple[Citation, ...]:
        return tuple(self._cited)

    def sentence_ids(self) -> set[str]:
        return set(self._numbers)
