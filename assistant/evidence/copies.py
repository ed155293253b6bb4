"""Whether one sentence is a copy of another, so that an answer quotes each account once.

Outlets repeat wire copy, and a wire line carried by two reports is one account, not two. Word
overlap finds such copies, reworded a little or not at all. But two reports of their own can word
different facts alike: "the station is on the Ardmore line" and "the station is on the Ashvale
line" share nearly every word and name two lines. A near copy that names something the other
sentence does not (a capitalised word or a figure) is therefore a copy only when its report
copies the other's report too: a carried wire brings the rest of its story with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from assistant.retrieval import Corpus
from assistant.text import STOPWORDS, words, written_words
from index.types import Sentence

# A sentence is a near copy of another when this share of its words are the other's too.
NEAR_COPY = 0.8
# A report copies another when this share of the shorter one's sentences have near copies in
# the other (wire copy carried whole; two reports sharing a lead sentence or two are their own).
COPIED_REPORT = 0.5
REMEMBERED = 100_000  # pairs of reports judged, kept with the corpus

T = TypeVar("T")


class Copies:
    """The copy check over one corpus. Which reports copy which is remembered with the corpus
    (:attr:`Corpus.derived`): an answer checks many candidates against the few it has chosen,
    and the next question the same reports again."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._reports: dict[tuple[str, str], bool] = corpus.derived.setdefault("copies", {})

    def __call__(self, sentence: Sentence, other: Sentence) -> bool:
        """Whether ``sentence`` is ``other`` or a copy of it, as the module says."""
        if sentence.sentence_id == other.sentence_id:
            return True
        theirs = word_set(other.text)
        if not near_copy(word_set(sentence.text), theirs):
            return False
        if sentence.doc_id == other.doc_id or not named_words(sentence.text) - theirs:
            return True
        pair = (sentence.doc_id, other.doc_id)
        found = self._reports.get(pair)
        if found is None:
            if len(self._reports) >= REMEMBERED:  # a long-lived server's many questions
                self._reports.clear()
            found = self._reports[pair] = copied_report(self._corpus, *pair)
        return found


def distinct(items: Sequence[T], sentence: Callable[[T], Sentence], corpus: Corpus) -> list[T]:
    """``items`` in their order, but for those whose ``sentence`` is a copy of one kept before."""
    chosen: list[T] = []
    copy = Copies(corpus)
    for item in items:
        if not any(copy(sentence(item), sentence(c)) for c in chosen):
            chosen.append(item)
    return chosen


@lru_cache(maxsize=65536)
def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` (:func:`~assistant.text.words`) as a set."""
    return frozenset(words(text))


def near_copy(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether the words ``mine`` are, but for a few, among ``theirs``."""
    return len(mine & theirs) >= NEAR_COPY * len(mine)


@lru_cache(maxsize=65536)
def named_words(text: str) -> frozenset[str]:
    """The words of ``text`` (as :func:`~assistant.text.words` gives them) that name something:
    a figure, or a capitalised word after its first, other than a stop word."""
    pairs = enumerate(zip(words(text), written_words(text)))
    return frozenset(word for i, (word, token) in pairs
                     if _naming(token, i) and word not in STOPWORDS)


def _naming(token: str, i: int) -> bool:
    return any(c.isdigit() for c in token) or (i > 0 and token[:1].isupper())


def copied_report(corpus: Corpus, doc: str, other: str) -> bool:
    """Whether the shorter of the reports ``doc`` and ``other`` is mostly near copies of the
    other's sentences."""
    mine = [word_set(s.text) for s in corpus.by_doc.get(doc, ())]
    theirs = [word_set(s.text) for s in corpus.by_doc.get(other, ())]
    if len(mine) > len(theirs):
        mine, theirs = theirs, mine
    vocabulary = frozenset().union(*theirs)  # a near copy's words are the other report's too
    needed, copied = COPIED_REPORT * len(mine), 0
    for done, sentence in enumerate(mine, 1):
        copied += near_copy(sentence, vocabulary) and any(near_copy(sentence, t) for t in theirs)
        if copied >= needed:
            return True
        if copied + len(mine) - done < needed:  # not even with every one still to compare
            return False
    return False  # no sentences
