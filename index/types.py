"""Values that travel along the write path: documents, furniture spans and sentences.

All values are frozen. Identifiers derive from content (see :mod:`index.ids`), so ingesting the
same text twice yields the same identifiers.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True)
class Furniture:
    """A stretch of page furniture (caption, advert, footer …) that is kept but never evidence.

    ``kind`` names the sort of furniture, e.g. ``"caption"``, ``"advertisement"``,
    ``"byline"``, ``"footer"``, ``"template"``, ``"app_prompt"``, ``"section_label"``.
    """

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class DocumentMeta:
    """What can be told about a document besides its text.

    ``published`` is an ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) only when the text
    states one in a dateline; it is never guessed (a copyright year is not a publication date).
    """

    title: str = ""
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Document:
    """A loaded document: its exact text and what is known about it.

    ``text`` is what every offset refers to: for ``.txt``/``.md`` the file's decoded text,
    unchanged; for HTML the article text extracted from it.
    """

    doc_id: str
    source: str
    text: str
    format: str
    content_hash: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass(frozen=True)
class Sentence:
    """One sentence (or furniture line) of a document, at exact offsets.

    Invariant: ``document.text[start:end] == text``. ``content`` is False for page furniture,
    whose ``kind`` then says what it is; content sentences have kind ``"body"`` or
    ``"heading"``. ``dates`` holds the ISO dates the sentence states explicitly.
    """

    sentence_id: str
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    content: bool = True
    kind: str = "body"
    dates: tuple[str, ...] = ()
