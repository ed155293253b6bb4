"""Word-level text helpers shared by retrieval and answer checking: tokens, stems, stopwords."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from index.segment import INVISIBLE

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# Zero-width characters and soft hyphens are not shown: "fer\u200bry" is read as "ferry".
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
_STEMMER = Stemmer.Stemmer("english")
_POSSESSIVE = ("'s", "’s")

# Function words, and words that say what kind of answer is wanted rather than what it is about.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom
whose why will with would you your yours yourself yourselves s t don now ago per
""".split())
NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot n't".split())


def written_words(text: str) -> list[str]:
    """The word tokens as written; invisible characters inside a word do not split it."""
    return _WORD.findall(text.translate(_DROP_INVISIBLE))


def words(text: str) -> list[str]:
    """Lower-cased word tokens (:func:`written_words`), possessive endings dropped ("Smith's" →
    "smith")."""
    lowered = [w.lower() for w in written_words(text)]
    return [w[:-2] if w.endswith(_POSSESSIVE) else w for w in lowered]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stopwords), in order, with repeats."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]
