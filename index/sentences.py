"""A loaded document → its sentences at exact offsets, furniture marked, dates noted.

Furniture spans are cut out first, so a template token glued to the start of a content line
becomes a furniture "sentence" of its own and the content sentence starts right after it. The
text itself is never changed: every sentence satisfies ``text[start:end] == sentence.text``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from index.dates import explicit_dates
from index.ids import sentence_id_for
from index.segment import split_sentences
from index.types import Document, Furniture, Sentence

_CLOSERS = "\"'”’»)]"
_TERMINAL = tuple(".!?…:;")


def split_document(document: Document, furniture: Sequence[Furniture]) -> list[Sentence]:
    """Every sentence of ``document`` in order; furniture pieces have ``content=False``."""
    text = document.text
    pieces = list(_pieces(text, sorted(furniture, key=lambda f: f.start)))
    return [
        _sentence(document.doc_id, text, index, start, end, kind)
        for index, (start, end, kind) in enumerate(pieces)
    ]


def _pieces(text: str, furniture: list[Furniture]) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, furniture kind or None) for each piece, alternating gaps and furniture."""
    at = 0
    for item in furniture:
        if item.start < at:  # overlapping furniture: the earlier span already covers it
            continue
        yield from ((s, e, None) for s, e in split_sentences(text, at, item.start))
        yield from ((s, e, item.kind) for s, e in split_sentences(text, item.start, item.end))
        at = item.end
    yield from ((s, e, None) for s, e in split_sentences(text, at, len(text)))


def _sentence(doc_id: str, text: str, index: int, start: int, end: int,
              furniture_kind: str | None) -> Sentence:
    piece = text[start:end]
    if furniture_kind is not None:
        return Sentence(sentence_id_for(doc_id, index), doc_id, index, start, end, piece,
                        content=False, kind=furniture_kind)
    kind = "heading" if _is_heading(text, start, end) else "body"
    return Sentence(sentence_id_for(doc_id, index), doc_id, index, start, end, piece,
                    content=True, kind=kind, dates=explicit_dates(piece))


def _is_heading(text: str, start: int, end: int) -> bool:
    """A whole line with no closing punctuation: a headline or subheading, not prose."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    whole_line = not text[line_start:start].strip() and not text[end:line_end].strip()
    return whole_line and not text[start:end].rstrip(_CLOSERS).endswith(_TERMINAL)
