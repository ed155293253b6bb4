"""Content-derived identifiers: the same text always gets the same ids."""

from __future__ import annotations

import hashlib

__all__ = ["doc_id_for", "sentence_id_for"]


def doc_id_for(text: str) -> str:
    """First 16 hex digits of the SHA-256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def sentence_id_for(doc_id: str, index: int) -> str:
    """``"<doc_id>:<index>"`` with the index zero-padded to five digits, e.g. ``"ab12…:00007"``."""
    if index < 0:
        raise ValueError(f"sentence index must be >= 0, got {index}")
    return f"{doc_id}:{index:05d}"
