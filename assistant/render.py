"""Plain-text renderings for the terminal. Presentation only: no decisions are made here.

Whatever comes from a document passes through :func:`printable`, so an escape sequence in a
report is shown, not obeyed by the terminal. Sources are shown as the path people read
(``shown``: :meth:`assistant.Assistant.shown_paths`, by default the file name), never as the
absolute path, which is for ``--json``.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator

from index.ingest import IngestReport, Progress
from index.store import DocumentRecord, file_name


@contextlib.contextmanager
def progress_bar(disable: bool = False) -> Iterator[Progress]:
    """A tqdm bar on stderr fed by the ingest's ``(done, total, path)`` callback.

    tqdm hides itself when stderr is not a terminal, so logs and pipes stay clean.
    """
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int, path: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="file", file=sys.stderr, disable=disable or None,
                       leave=False)
        bar.set_postfix_str(path[-40:], refresh=False)
        bar.update(done - bar.n)

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()


def ingest_summary(report: IngestReport) -> str:
    lines = [
        f"added {len(report.added)}, replaced {len(report.replaced)}, "
        f"unchanged {len(report.unchanged)}, skipped {len(report.skipped)} "
        f"({report.sentences_written} sentences written)"
    ]
    if report.recovered:
        lines.append(f"cleaned up {len(report.recovered)} interrupted writes from an earlier run")
    return "\n".join(lines)


def documents_table(records: list[DocumentRecord]) -> str:
    if not records:
        return "no documents; add some with `corroborate ingest PATH`"
    rows = [("DOC_ID", "SENTENCES", "CONTENT", "OUTLET", "PUBLISHED", "SOURCE")]
    rows += [(r.doc_id, str(r.sentence_count), str(r.content_count), r.outlet or "-",
              r.published or "-", r.shown_path) for r in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return printable("\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1] for row in rows
    ))


def document_listing(view) -> str:
    record = view.record
    head = [
        f"{record.doc_id}  {record.shown_path}",
        f"title: {record.title}",
        f"outlet: {record.outlet or 'unknown'}   byline: {record.byline or 'unknown'}   "
        f"published: {record.published or 'unknown (not stated)'}",
        f"{record.sentence_count} sentences, {record.content_count} content",
        "",
    ]
    body = [
        f"{s.index:>4} [{s.start}:{s.end}] {'   ' if s.content else 'FUR'} {s.kind:<17} {s.text}"
        for s in view.sentences
    ]
    return printable("\n".join(head + body))


def answer_text(answer, shown: Callable[[str], str] = file_name) -> str:
    """The answer, its disagreements with source counts, its sources and related sentences;
    each source as ``shown(source)``."""
    lines = [answer.text]
    for disagreement in answer.disagreements:
        lines.append(f"\nWhere the sources disagree ({disagreement.kind.replace('_', ' ')}):")
        for position in disagreement.positions:
            count = len(position.sources)
            event = f" [{position.event}]" if position.event else ""
            lines.append(f"  {position.claim}{event}: {count} source{'s' * (count != 1)} "
                         f"{' '.join(f'[{n}]' for n in position.citations)}")
    if answer.citations:
        lines.append("\nSources:")
        lines += [f"  [{c.n}] {c.outlet or c.title or shown(c.source)} ({shown(c.source)}, chars "
                  f"{c.sentence.start}-{c.sentence.end})" for c in answer.citations]
    if answer.related:
        lines.append("\nRelated, not cited:")
        lines += [f"  - {' '.join(r.sentence.text.split())} ({shown(r.source)})"
                  for r in answer.related]
    lines += [f"\nNote: {note}" for note in answer.notes]
    lines += [f"\n{line}" for line in model_summary(answer.trace)]
    return printable("\n".join(lines))


def model_summary(trace) -> list[str]:
    """"Written by MODEL: k of n sentences kept …" when a language model wrote (or was asked
    for) the answer; nothing otherwise."""
    model = next((step for step in trace if step.kind == "model"), None)
    if model is None:
        return []
    kept = sum(step.kind == "kept" for step in trace)
    dropped = sum(step.kind == "dropped" for step in trace)
    shown = not any(step.kind == "fallback" for step in trace)
    return [f"Written by {model.text}: {kept} of {kept + dropped} sentences passed the check "
            f"against their sources" + ("" if shown else "; none is shown") + "."]


def timeline_text(entries, shown: Callable[[str], str] = file_name) -> str:
    """One block per instance: date and label, who reports it as new, the dating sentences;
    each source as ``shown(source)``."""
    if not entries:
        return "no instances found; ingest reports first (`corroborate ingest PATH`)"
    blocks = []
    for entry in entries:
        lines = [f"{entry.date:<24} {entry.label}"]
        reported = ", ".join(map(shown, entry.subject_of)) or "-"
        lines.append(f"{'':<24} reported as new by: {reported}")
        lines += [f"{'':<24} [{c.n}] “{' '.join(c.sentence.text.split())}” ({shown(c.source)})"
                  for c in entry.citations[:4]]
        blocks.append("\n".join(lines))
    return printable("\n\n".join(blocks))


# C0 and C1 control characters except tab and line feed; a CRLF is one line break.
_CONTROL = re.compile(r"\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: each control character (ESC, carriage return,
    backspace …) becomes U+FFFD (�), so a document cannot move the cursor, recolour or rewrite
    what is shown; tabs and line breaks stay."""
    return _CONTROL.sub(lambda m: "\n" if m.group() == "\r\n" else "\ufffd", text)
