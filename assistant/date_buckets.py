"""Find the items that could meet a date range in the same story, without looking at every item.

An item (a group of mentions of one instance) has a date range and a story: a set of event
words, where an empty set means "any story". Items are filed under each (word, month) their
story and range touch; ranges wider than :data:`WIDE` months are filed under (word, year), and
ranges wider than :data:`VERY_WIDE` years under the word alone. A lookup returns a superset of
the items whose range meets the asked range and whose story shares a word with the asked one,
in the order the items were first filed; the caller applies its exact test.

An item filed again (after its range narrowed or its story grew) is found by its new months and
words too; the old ones still find it and the caller's test rejects what no longer fits.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Generic, TypeVar

from index.resolution import DateRange

WIDE = 36       # months: wider ranges are filed by year
VERY_WIDE = 30  # years: wider ranges are filed once, found by every lookup of their story
_ANY = ""       # the story of an item without event words: every lookup reads it
_NONE: frozenset[int] = frozenset()

T = TypeVar("T")


class DateBuckets(Generic[T]):
    """Items by story word and period of their date ranges (see the module doc)."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, str, int], set[int]] = {}
        self._items: list[T] = []
        self._seq: dict[int, int] = {}  # id(item) -> when it was first filed
        self._words: set[str] = set()

    def add(self, item: T, rng: DateRange, story: frozenset[str]) -> None:
        """File ``item`` under ``rng`` and ``story`` (again, if it is already filed)."""
        seq = self._seq.get(id(item))
        if seq is None:
            seq = self._seq[id(item)] = len(self._items)
            self._items.append(item)
        self._words.update(story or (_ANY,))
        for word in story or (_ANY,):
            for key in _periods(rng, filing=True):
                self._buckets.setdefault((word, *key), set()).add(seq)

    def near(self, ranges: Iterable[DateRange], story: frozenset[str]) -> list[T]:
        """Every item filed under a range that may meet one of ``ranges`` with a story sharing a
        word with ``story`` (an empty story shares with all), each once, in filing order."""
        words = {*story, _ANY} if story else self._words
        found: set[int] = set()
        for rng in ranges:
            for key in _periods(rng, filing=False):
                for word in words:
                    found |= self._buckets.get((word, *key), _NONE)
        return [self._items[i] for i in sorted(found)]


# A pure function of a few hundred distinct ranges, asked for some 24,000 times when the
# instances of 100k sentences are assembled (0.7 s of a 3.5 s rebuild, computed each time).
@lru_cache(maxsize=4096)
def _periods(rng: DateRange, filing: bool) -> tuple[tuple[str, int], ...]:
    """The bucket keys of a range: where it is filed, or (looking up) every key a range that
    meets it may be filed under."""
    first = rng.start.year * 12 + rng.start.month - 1
    last = rng.end.year * 12 + rng.end.month - 1
    years = range(rng.start.year, rng.end.year + 1)
    if filing:
        if last - first < WIDE:
            return tuple(("m", m) for m in range(first, last + 1))
        return tuple(("y", y) for y in years) if len(years) <= VERY_WIDE else (("w", 0),)
    return (*(("m", m) for m in range(first, last + 1)), *(("y", y) for y in years), ("w", 0))
