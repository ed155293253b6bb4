"""What a conversation adds to a question before it is composed (see :class:`Context`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Context:
    """What a conversation adds to a question: the names pronouns stand for, the instance in
    focus (an event id), and limits."""

    names: tuple[str, ...] = ()
    within: tuple[str, ...] | None = None
    doc_ids: tuple[str, ...] | None = None
    focus: str | None = None
    history: tuple[str, ...] = ()
    cited: tuple[str, ...] = ()  # documents the last answer cited: the reports of "that one"
