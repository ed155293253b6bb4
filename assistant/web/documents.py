"""The documents tab: the table of stored documents, the removal picker and ingest reports."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.web.escape import markdown_text
from index.ingest import IngestReport
from index.store import DocumentRecord

HEADERS = ["title", "outlet", "published", "sentences", "evidence sentences", "source", "id"]
WIDTHS = ["34%", "10%", "9%", "8%", "8%", "20%", "11%"]


def table_rows(records: Sequence[DocumentRecord]) -> list[list]:
    """One row per document, as plain values (the table shows them as text); the source as the
    path people read (:attr:`DocumentRecord.shown_path`)."""
    return [[r.title or "(untitled)", r.outlet or "", r.published or "", r.sentence_count,
             r.content_count, r.shown_path, r.doc_id] for r in _ordered(records)]


def choices(records: Sequence[DocumentRecord]) -> list[tuple[str, str]]:
    """(label, doc id) pairs for the removal picker."""
    return [(f"{_short(r.title or r.shown_path, 70)} · {r.doc_id}", r.doc_id)
            for r in _ordered(records)]


def report_markdown(report: IngestReport, names: dict[str, str], twice: Sequence[str] = ()
                    ) -> str:
    """What an upload did as Markdown, naming every skipped file (by ``names``: stored path →
    the name it was uploaded as) and why, and every name uploaded ``twice`` in one go.
    File names and reasons are escaped."""
    lines = [f"Added {len(report.added)}, replaced {len(report.replaced)}, "
             f"unchanged {len(report.unchanged)}, skipped {len(report.skipped)} "
             f"({report.sentences_written} sentences written)."]
    lines += [f"- **{markdown_text(names.get(s.path, s.path))}** was not added: "
              f"{markdown_text(s.reason)}"
              for s in report.skipped]
    lines += [f"- **{markdown_text(name)}** was uploaded more than once; only the first file of "
              "that name was added" for name in twice]
    return "\n".join(lines)


def _ordered(records: Sequence[DocumentRecord]) -> list[DocumentRecord]:
    return sorted(records, key=lambda r: (r.source, r.doc_id))


def _short(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"
