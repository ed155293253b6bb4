"""What the stored artifacts (:mod:`assistant.corpus_store`, :mod:`assistant.event_store`) share:
the hash of the product's source that keys them, a seal for those written over in place, and
reading one back, where a payload that cannot be decoded counts as none (it is built again and
stored over)."""

from __future__ import annotations

import base64
import hashlib
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from assistant.uncollected import uncollected
from index.store import Store

T = TypeVar("T")
_ROOT = Path(__file__).resolve().parents[1]


def code_digest(root: Path = _ROOT) -> str:
    """A hash of the product's source under ``root`` (``assistant`` and ``index``): the code
    that reads the reports. Any change to it, in any release or checkout, keys what was derived
    from them anew."""
    digest = hashlib.sha256()
    for package in ("assistant", "index"):
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def sealed(payload: str) -> str:
    """``payload`` behind its own hash. An artifact kept under a key that outlives one write
    (the latest corpus, the reports' analyses) is written over in place: a write cut short
    leaves parts of two payloads, which :func:`unsealed` refuses."""
    return hashlib.sha256(payload.encode()).hexdigest() + "|" + payload


def unsealed(stored: str) -> str:
    """The payload :func:`sealed` stored; ValueError when it is not whole."""
    digest, _, payload = stored.partition("|")
    if hashlib.sha256(payload.encode()).hexdigest() != digest:
        raise ValueError("an artifact whose payload does not match its hash (a cut write)")
    return payload


def packed(data: bytes) -> str:
    """``data`` compressed, as text the store keeps. Reading a payload from the store costs by
    its size (30 MB of corpus at 100k sentences: 0.25-0.6 s); compressed it is a third of that,
    and decompressing it takes 0.15 s."""
    return base64.b64encode(zlib.compress(data, 1)).decode("ascii")


def unpacked(stored: str) -> bytes:
    """The bytes :func:`packed` stored; ValueError when ``stored`` is not such a payload."""
    try:
        return zlib.decompress(base64.b64decode(stored, validate=True))
    except zlib.error as exc:  # binascii.Error is a ValueError already
        raise ValueError(f"not a packed payload: {exc}") from exc


def read(store: Store, name: str, key: str, decode: Callable[[str], T]) -> T | None:
    """The artifact ``name`` stored under ``key``, decoded; None when there is none under that
    key or it cannot be decoded (damaged, or of another format)."""
    payload = store.artifact(name, key)
    if payload is None:
        return None
    try:
        # a payload decodes into up to millions of live objects (300k for the corpus at 100k
        # sentences); the collections they trigger find nothing to free and took 0.55 of the
        # corpus's 1.0 s
        with uncollected():
            return decode(payload)
    except (ValueError, KeyError, TypeError, IndexError):
        return None
