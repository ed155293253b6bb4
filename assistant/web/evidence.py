"""The evidence panel: for each answer its cited sentences, and the documents they come from
with every cited sentence marked, so one click shows a sentence in its full context.

The panel is plain HTML; ``static/corroborate.js`` only toggles which turn and document are
shown and which sentence is highlighted. Each document appears once however many answers cite it.
Sources are shown as the path people read (:attr:`DocumentRecord.shown_path`), never absolute.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.assistant import DocumentView
from assistant.types import Answer
from assistant.web.escape import text
from assistant.web.markers import cite_key, marker_link
from index.store import file_name
from index.types import Sentence

EMPTY = ('<div class="cb-empty">Ask a question: the sentences each answer rests on appear '
         'here, and a click on a marker like [1] opens its document.</div>')


@dataclass(frozen=True)
class Mark:
    """A sentence to mark in a document, with every key that refers to it."""

    sentence: Sentence
    keys: tuple[str, ...]


def evidence_html(turns: Sequence[tuple[int, Answer]],
                  document: Callable[[str], DocumentView | None],
                  shown: Callable[[str], str] = file_name) -> str:
    """The panel for ``turns`` (turn number, answer), newest last and shown; ``document``
    fetches a cited document by id (None when it has been removed: it is left out);
    ``shown(source)`` is how a citation's source is shown."""
    if not turns:
        return f'<div id="cb-evidence-root">{EMPTY}</div>'
    newest = turns[-1][0]
    sections = [_turn_section(turn, answer, turn == newest, shown) for turn, answer in turns]
    marks = _marks(turns)
    views = {doc_id: document(doc_id) for doc_id in marks}
    docs = [_document(view, marks[doc_id]) for doc_id, view in views.items() if view is not None]
    return ('<div id="cb-evidence-root">' + "".join(sections)
            + '<div class="cb-docs">' + "".join(docs) + "</div></div>")


def _turn_section(turn: int, answer: Answer, newest: bool, shown: Callable[[str], str]) -> str:
    hidden = "" if newest else " hidden"
    head = f'<div class="cb-asked">Evidence for <q>{text(answer.question)}</q></div>'
    if answer.citations:
        items = "".join(_cited_item(turn, c.n, c.sentence, c.title, c.outlet, shown(c.source))
                        for c in answer.citations)
        body = f'<ol class="cb-cites">{items}</ol>'
    else:
        body = _related_list(turn, answer, shown)
    return f'<section class="cb-turn" data-turn="{turn}"{hidden}>{head}{body}</section>'


def _cited_item(turn: int, n: int, sentence: Sentence, title: str, outlet: str | None,
                path: str) -> str:
    key = cite_key(turn, n)
    return (f'<li>{marker_link(turn, n)} <a class="cb-quote" href="#cb-{key}" '
            f'data-cite="{key}">“{text(_flat(sentence.text))}”</a>'
            f'{_source_line(title, outlet, path)}</li>')


def _related_list(turn: int, answer: Answer, shown: Callable[[str], str]) -> str:
    if not answer.related:
        return '<p class="cb-none">No sentence in these documents answers this.</p>'
    items = "".join(
        f'<li><a class="cb-quote" href="#cb-{turn}-r{i}" data-cite="{turn}-r{i}">'
        f'“{text(_flat(r.sentence.text))}”</a>{_source_line("", None, shown(r.source))}</li>'
        for i, r in enumerate(answer.related, start=1))
    return ('<p class="cb-none">No answer. The closest sentences, which do not answer it:</p>'
            f'<ul class="cb-related">{items}</ul>')


def _source_line(title: str, outlet: str | None, path: str) -> str:
    parts = [p for p in (outlet, title) if p]
    label = " · ".join(text(p) for p in parts)
    return (f'<div class="cb-source">{label}{" · " if label else ""}'
            f'<span class="cb-path">{text(path)}</span></div>')


def _marks(turns: Sequence[tuple[int, Answer]]) -> dict[str, dict[str, Mark]]:
    """doc id → sentence id → the sentence and all keys (over all turns) that cite it."""
    found: dict[str, dict[str, Mark]] = {}
    for turn, answer in turns:
        cited = [(cite_key(turn, c.n), c.sentence) for c in answer.citations]
        cited += [(f"{turn}-r{i}", r.sentence) for i, r in enumerate(answer.related, start=1)
                  if not answer.citations]
        for key, sentence in cited:
            doc = found.setdefault(sentence.doc_id, {})
            old = doc.get(sentence.sentence_id)
            doc[sentence.sentence_id] = Mark(sentence, (old.keys if old else ()) + (key,))
    return found


def _document(view: DocumentView, marks: dict[str, Mark]) -> str:
    record = view.record
    parts = [p for p in (record.outlet, record.published) if p]
    head = (f'<header><div class="cb-doc-title">{text(record.title or record.shown_path)}</div>'
            f'<div class="cb-source">{" · ".join(text(p) for p in parts)}'
            f'{" · " if parts else ""}<span class="cb-path">{text(record.shown_path)}</span>'
            f'</div></header>')
    return (f'<article class="cb-doc" data-doc="{text(record.doc_id)}" hidden>{head}'
            f'<div class="cb-doc-text">{_marked_text(view, marks)}</div></article>')


def _marked_text(view: DocumentView, marks: dict[str, Mark]) -> str:
    """The document's text, escaped, with each marked sentence wrapped in a span and page
    furniture (captions, adverts, footers) in a dimmed one."""
    furniture = [Mark(s, ()) for s in view.sentences if not s.content and s.sentence_id not in marks]
    out, at = [], 0
    for mark in sorted([*marks.values(), *furniture], key=lambda m: m.sentence.start):
        s = mark.sentence
        if s.start < at:
            continue  # sentences never overlap; guard against a stale view anyway
        piece = text(view.text[s.start:s.end])
        out += [text(view.text[at:s.start]),
                f'<span class="cb-s" data-cites="{text(" ".join(mark.keys))}">{piece}</span>'
                if mark.keys else f'<span class="cb-furniture" title="{text(s.kind)}">{piece}</span>']
        at = s.end
    out.append(text(view.text[at:]))
    return "".join(out)


def _flat(value: str) -> str:
    return " ".join(value.split())
