"""Tests for :mod:`assistant.date_buckets`: lookups never miss an item that could fit."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from assistant.date_buckets import DateBuckets
from index.resolution import DateRange

WORDS = st.frozensets(st.sampled_from(["storm", "vote", "strike"]), max_size=2)


@st.composite
def ranges(draw) -> DateRange:
    start = dt.date(2000, 1, 1) + dt.timedelta(days=draw(st.integers(0, 365 * 40)))
    # Mostly short ranges, some over the month and year limits.
    days = draw(st.one_of(st.integers(0, 60), st.integers(0, 365 * 5), st.integers(0, 365 * 45)))
    return DateRange(start, start + dt.timedelta(days=days))


def could_fit(item_range, item_story, rng, story) -> bool:
    same_story = not item_story or not story or bool(item_story & story)
    return same_story and item_range.overlaps(rng)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ranges(), WORDS), max_size=30), ranges(), WORDS)
def test_near_finds_every_item_that_could_fit_in_filing_order(items, rng, story):
    buckets: DateBuckets[int] = DateBuckets()
    for n, (item_range, item_story) in enumerate(items):
        buckets.add(n, item_range, item_story)
    found = buckets.near([rng], story)
    assert found == sorted(set(found))
    wanted = {n for n, (r, s) in enumerate(items) if could_fit(r, s, rng, story)}
    assert wanted <= set(found)


def test_refiling_under_a_wider_story_makes_the_new_word_find_it():
    buckets: DateBuckets[str] = DateBuckets()
    march = DateRange(dt.date(2041, 3, 1), dt.date(2041, 3, 31))
    buckets.add("a", march, frozenset({"storm"}))
    assert buckets.near([march], frozenset({"flood"})) == []
    buckets.add("a", march, frozenset({"storm", "flood"}))
    assert buckets.near([march], frozenset({"flood"})) == ["a"]


def test_items_of_other_stories_and_far_months_are_not_returned():
    buckets: DateBuckets[str] = DateBuckets()
    march = DateRange(dt.date(2041, 3, 1), dt.date(2041, 3, 31))
    buckets.add("vote", march, frozenset({"vote"}))
    buckets.add("later", DateRange(dt.date(2045, 3, 1), dt.date(2045, 3, 2)), frozenset({"storm"}))
    buckets.add("any", march, frozenset())
    assert buckets.near([march], frozenset({"storm"})) == ["any"]
    assert buckets.near([march], frozenset()) == ["vote", "any"]
