"""Whether one sentence is a copy of another, so that an answer quotes each account once.

Outlets repeat wire copy, and a wire line carried by two reports is one account, not two. Word
overlap finds such copies, reworded a little or not at all. But two reports of their own can word
different facts alike: "the station is on the Ardmore line" and "the station is on the Ashvale
line" share nearly every word and name two lines. A near copy that names something the other
sentence does not (a capitalised word or a figure) is therefore a copy only when its report
copies the other's report too: a carried wire brings the rest of its story with it.
"""

from __future__ import annotations

from assistant.retrieval import Corpus
from assistant.text import STOPWORDS, words, written_words
from index.types import Sentence

# A sentence is a near copy of another when this share of its words are the other's too.
NEAR_COPY = 0.8
# A report copies another when this share of the shorter one's sentences have near copies in
# the other (wire copy carried whole; two reports sharing a lead sentence or two are their own).
COPIED_REPORT = 0.5


def copies(sentence: Sentence, other: Sentence, corpus: Corpus) -> bool:
    """Whether ``sentence`` is ``other`` or a copy of it, as the module says."""
    if sentence.sentence_id == other.sentence_id:
        return True
    theirs = set(words(other.text))
    if not near_copy(set(words(sentence.text)), theirs):
        return False
    if sentence.doc_id == other.doc_id or not names_more(sentence.text, theirs):
        return True
    return copied_report(corpus, sentence.doc_id, other.doc_id)


def near_copy(mine: set[str], theirs: set[str]) -> bool:
    """Whether the words ``mine`` are, but for a few, among ``theirs``."""
    return len(mine & theirs) >= NEAR_COPY * len(mine)


def names_more(text: str, theirs: set[str]) -> bool:
    """Whether ``text`` has a figure, or a capitalised word after its first, that is not among
    the words ``theirs``: it names something they do not."""
    for i, (word, token) in enumerate(zip(words(text), written_words(text))):
        named = any(c.isdigit() for c in token) or (i > 0 and token[:1].isupper())
        if named and word not in theirs and word not in STOPWORDS:
            return True
    return False


def copied_report(corpus: Corpus, doc: str, other: str) -> bool:
    """Whether the shorter of the reports ``doc`` and ``other`` is mostly near copies of the
    other's sentences."""
    mine = [set(words(s.text)) for s in corpus.by_doc.get(doc, ())]
    theirs = [set(words(s.text)) for s in corpus.by_doc.get(other, ())]
    if len(mine) > len(theirs):
        mine, theirs = theirs, mine
    copied = sum(1 for m in mine if any(near_copy(m, t) for t in theirs))
    return bool(mine) and copied >= COPIED_REPORT * len(mine)

