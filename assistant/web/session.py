"""One browser session's conversation, and everything the page shows about it.

A :class:`WebChat` wraps the library's :class:`ChatSession` (so follow-ups resolve against this
session's own turns) and renders each answer for the page. It makes no decisions of its own.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace

from assistant import Assistant, CorroborateError, NotFoundError
from assistant.assistant import DocumentView
from assistant.types import Answer
from assistant.web.cards import disagreements_html
from assistant.web.escape import markdown_text
from assistant.web.evidence import evidence_html
from assistant.web.markers import answer_markdown

# Evidence (with full document texts) is kept for this many recent answers; markers of older
# answers say their evidence is no longer loaded rather than silently pointing elsewhere.
KEEP_TURNS = 12


@dataclass(frozen=True)
class View:
    """What the page shows after a turn."""

    messages: tuple[dict, ...]
    evidence: str
    disagreements: str
    answer: dict | None
    events: tuple[str, ...]


class WebChat:
    """``ask(question) -> View``; ``reset()`` starts a new conversation."""

    def __init__(self, assistant: Assistant, keep: int = KEEP_TURNS) -> None:
        self._assistant = assistant
        self._keep = keep
        self._session = assistant.chat()
        self._messages: list[dict] = []
        self._turns: list[tuple[int, Answer]] = []
        self._count = 0
        self._docs: dict[str, DocumentView] = {}
        # One browser tab can fire two events at once (Enter and a click): one turn at a time.
        self._lock = threading.Lock()

    def ask(self, question: str) -> View:
        """Answer ``question`` in this conversation. A question the library refuses (empty,
        too long) becomes a reply saying why; the conversation is unchanged."""
        with self._lock:
            return self._ask(question)

    def stream(self, question: str) -> Iterator[View]:
        """Like :meth:`ask`, for a language-model answer: a view for each sentence verified so
        far (the conversation shows only those), then the view of the finished answer."""
        with self._lock:
            try:
                for draft in self._session.stream(question):
                    if draft.answer is None:
                        yield self._pending(question, draft.lines)
                    else:
                        yield self._record(question, draft.answer)
            except CorroborateError as exc:
                yield self._refusal(question, str(exc))

    def _pending(self, question: str, lines: tuple[str, ...]) -> View:
        draft = Answer(question, "\n".join(lines), False)  # no citations yet: markers stay text
        reply = answer_markdown(draft, self._count + 1) if lines else "…"
        view = self.view()
        return replace(view, messages=view.messages + (
            {"role": "user", "content": markdown_text(question)},
            {"role": "assistant", "content": reply}))

    def _ask(self, question: str) -> View:
        try:
            answer = self._session.ask(question)
        except CorroborateError as exc:
            return self._refusal(question, str(exc))
        return self._record(question, answer)

    def _record(self, question: str, answer: Answer) -> View:
        self._count += 1
        self._turns = [*self._turns, (self._count, answer)][-self._keep:]
        self._messages += [{"role": "user", "content": markdown_text(question)},
                           {"role": "assistant", "content": answer_markdown(answer, self._count)}]
        return self.view()

    def view(self) -> View:
        latest = self._turns[-1] if self._turns else None
        shown = self._assistant.shown_paths()
        return View(tuple(self._messages), evidence_html(self._turns, self._document, shown),
                    disagreements_html(latest[1], latest[0], shown) if latest else "",
                    latest[1].to_dict() if latest else None,
                    latest[1].events if latest else ())

    def reset(self) -> View:
        with self._lock:
            self._session.reset()
            self._messages, self._turns, self._docs = [], [], {}
            return self.view()

    def _refusal(self, question: str, reason: str) -> View:
        self._messages += [{"role": "user", "content": markdown_text(question[:300])},
                           {"role": "assistant", "content": markdown_text(reason)}]
        return self.view()

    def _document(self, doc_id: str) -> DocumentView | None:
        """A cited document (cached for the session), or None once it has been removed."""
        if doc_id not in self._docs:
            try:
                self._docs[doc_id] = self._assistant.document(doc_id)
            except NotFoundError:
                return None
        return self._docs[doc_id]
