"""Turning sentences and document records into Chroma metadata and back.

Chroma metadata values are flat scalars (or lists of scalars) and cannot be ``None``, so absent
optional fields are simply left out. Chroma indexes every metadata key for filtering, which is
most of the cost of a write; only ``doc_id`` and ``content`` are ever filtered on, so a
sentence's position (index, start, end) travels packed in one ``span`` string.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from index.store import DocumentRecord
from index.types import Sentence

_RECORD_FIELDS = {f.name for f in fields(DocumentRecord)}


def sentence_metadata(sentence: Sentence) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "doc_id": sentence.doc_id,
        "content": sentence.content,
        "span": f"{sentence.index}:{sentence.start}:{sentence.end}:{sentence.kind}",
    }
    if sentence.dates:
        meta["dates"] = " ".join(sentence.dates)
    return meta


def sentence_offsets(meta: dict[str, Any]) -> tuple[int, int, int, str]:
    """(index, start, end, kind) unpacked from a sentence's metadata."""
    index, start, end, kind = meta["span"].split(":", 3)
    return int(index), int(start), int(end), kind


def sentence_from(sentence_id: str, document_text: str, meta: dict[str, Any]) -> Sentence:
    """The sentence, its text sliced from its document's text at its offsets."""
    index, start, end, kind = sentence_offsets(meta)
    return Sentence(
        sentence_id=sentence_id, doc_id=meta["doc_id"], index=index, start=start, end=end,
        text=document_text[start:end], content=bool(meta["content"]), kind=kind,
        dates=tuple((meta.get("dates") or "").split()),
    )


def record_metadata(record: DocumentRecord) -> dict[str, Any]:
    return {k: v for k, v in asdict(record).items() if v is not None and k != "doc_id"}


def record_from(doc_id: str, meta: dict[str, Any]) -> DocumentRecord:
    known = {k: v for k, v in meta.items() if k in _RECORD_FIELDS}
    return DocumentRecord(doc_id=doc_id, **known)
