"""Answer text for the chat panel, with each ``[n]`` marker turned into a link to its evidence.

A marker links to ``#cb-{turn}-{n}``: the turn number keeps markers of earlier answers pointing
at their own evidence after later answers arrive.
"""

from __future__ import annotations

import re

from assistant.types import Answer
from assistant.web.escape import markdown_text

_MARKER = re.compile(r"\[(\d+)\]")


def cite_key(turn: int, n: int) -> str:
    """The key a marker, its evidence entry and its highlighted sentence share."""
    return f"{turn}-{n}"


def marker_link(turn: int, n: int) -> str:
    key = cite_key(turn, n)
    return (f'<a class="cb-cite" href="#cb-{key}" data-cite="{key}" '
            f'title="Show source sentence {n}">[{n}]</a>')


def answer_markdown(answer: Answer, turn: int) -> str:
    """The answer's text as Markdown: source words escaped, the composer's "- " bullets kept,
    and markers of real citations made links (a "[7]" that cites nothing stays text)."""
    numbers = {c.n for c in answer.citations}
    out, bullets = [], False
    for line in answer.text.split("\n"):
        if bullets and not line.startswith("- "):
            out.append("")  # ends the list, so the next line is not read as part of its last item
        bullets = line.startswith("- ")
        out.append(_line(line, turn, numbers))
    return "\n".join(out)


def _line(line: str, turn: int, numbers: set[int]) -> str:
    bullet = line.startswith("- ")
    body = line[2:] if bullet else line
    return ("- " if bullet else "") + _linked(body, turn, numbers)


def _linked(value: str, turn: int, numbers: set[int]) -> str:
    out, at = [], 0
    for match in _MARKER.finditer(value):
        n = int(match.group(1))
        if n in numbers:
            out += [markdown_text(value[at:match.start()]), marker_link(turn, n)]
            at = match.end()
    out.append(markdown_text(value[at:]))
    return "".join(out)
