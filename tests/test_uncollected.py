"""The collector pause (assistant.uncollected): off inside, back as it was after, even when the
block raises, and never switched on by a block that found it off."""

from __future__ import annotations

import gc

import pytest

from assistant.uncollected import uncollected


def test_collection_is_paused_inside_and_resumes_after():
    assert gc.isenabled()
    with uncollected():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_it_resumes_after_an_error():
    with pytest.raises(RuntimeError):
        with uncollected():
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with uncollected():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
