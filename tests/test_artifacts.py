"""What the stored artifacts share (assistant.artifacts): packing, sealing and reading back,
where a payload that cannot be decoded counts as none and decoding runs without the cyclic
collector."""

from __future__ import annotations

import gc

import pytest

from assistant.artifacts import packed, read, sealed, unpacked, unsealed
from index.memory_store import MemoryStore


def test_a_packed_payload_comes_back_whole_and_smaller():
    data = ("Sentence one of a report, and another like it. " * 2000).encode()
    stored = packed(data)
    assert unpacked(stored) == data
    assert stored.isascii() and len(stored) < len(data) / 10
    assert unpacked(packed(b"")) == b""


@pytest.mark.parametrize("stored", ["not base64!", "bm90IGNvbXByZXNzZWQ=", packed(b"x")[:-4]])
def test_what_packed_did_not_write_is_refused(stored):
    with pytest.raises(ValueError):
        unpacked(stored)


def test_a_seal_refuses_a_payload_that_is_not_whole():
    assert unsealed(sealed("payload")) == "payload"
    with pytest.raises(ValueError):
        unsealed(sealed("payload")[:-1])


def test_reading_decodes_without_the_collector_and_restores_it():
    store = MemoryStore()
    store.put_artifact("a", "k", "payload")
    assert gc.isenabled()
    assert read(store, "a", "k", lambda p: (p, gc.isenabled())) == ("payload", False)
    assert gc.isenabled()
    assert read(store, "a", "other key", lambda p: p) is None


def test_a_payload_that_cannot_be_decoded_counts_as_none_but_a_bug_is_raised():
    store = MemoryStore()
    store.put_artifact("a", "k", "payload")
    assert read(store, "a", "k", lambda p: unpacked(p)) is None
    with pytest.raises(ZeroDivisionError):
        read(store, "a", "k", lambda p: 1 / 0)
    assert gc.isenabled()
