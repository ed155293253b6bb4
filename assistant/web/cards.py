"""Disagreement cards: one row per disagreement, one card per position, side by side."""

from __future__ import annotations

from collections.abc import Callable

from assistant.types import CONFLICT, DIFFERENT_EVENTS, UPDATE, Answer, Disagreement, Position
from assistant.web.escape import text
from assistant.web.markers import marker_link
from index.store import file_name

KINDS = {
    CONFLICT: ("Sources conflict", "They give different values for the same thing."),
    DIFFERENT_EVENTS: ("Different events", "The values belong to different instances."),
    UPDATE: ("Update", "A later report revises an earlier figure."),
}


def disagreements_html(answer: Answer | None, turn: int,
                       shown: Callable[[str], str] = file_name) -> str:
    """Cards for the answer's disagreements, or an empty string when sources agree; a quote
    without an outlet is labelled ``shown(source)``."""
    if answer is None or not answer.disagreements:
        return ""
    return "".join(_row(d, answer, turn, shown) for d in answer.disagreements)


def _row(disagreement: Disagreement, answer: Answer, turn: int,
         shown: Callable[[str], str]) -> str:
    name, gloss = KINDS.get(disagreement.kind, (disagreement.kind, ""))
    cards = "".join(_card(p, answer, turn, shown) for p in disagreement.positions)
    return (f'<section class="cb-disagreement cb-kind-{text(disagreement.kind)}">'
            f'<header><span class="cb-badge">{text(name)}</span> '
            f'<span class="cb-topic">{text(disagreement.topic)}</span>'
            f'<span class="cb-gloss">{text(gloss)}</span></header>'
            f'<div class="cb-cards">{cards}</div></section>')


def _card(position: Position, answer: Answer, turn: int, shown: Callable[[str], str]) -> str:
    by_n = {c.n: c for c in answer.citations}
    quotes = "".join(
        f'<li>{marker_link(turn, n)} “{text(" ".join(by_n[n].sentence.text.split()))}”'
        f'<div class="cb-source" title="{text(shown(by_n[n].source))}">'
        f'{text(by_n[n].outlet or shown(by_n[n].source))}</div></li>'
        for n in position.citations if n in by_n)
    count = len(position.sources)
    event = f'<div class="cb-event">{text(position.event)}</div>' if position.event else ""
    return (f'<div class="cb-card"><div class="cb-claim">{text(position.claim)}</div>{event}'
            f'<div class="cb-count">backed by {count} source{"s" if count != 1 else ""}</div>'
            f'<ul class="cb-quotes">{quotes}</ul></div>')
