"""Answer text for the chat panel, with each ``[n]`` marker turned into a link to its evidence.

A marker links to ``#cb-{turn}-{n}``: the turn number keeps markers of earlier answers pointing
at their own evidence after later answers arrive.
"""

from __future__ import annotations

import re

from assistant.types import POSITION, Answer
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
    """The answer as Markdown: source words escaped, position lines as "- " bullets, and each
    line's citations as marker links. An answer without lines (a language model's sentences,
    which carry their own markers) is read from its text: markers of real citations become
    links, a "[7]" that cites nothing stays text."""
    if answer.lines:
        return _from_lines(answer.lines, turn)
    numbers = {c.n for c in answer.citations}
    out, bullets = [], False
    for line in answer.text.split("\n"):
        if bullets and not line.startswith("- "):
            out.append("")  # ends the list, so the next line is not read as part of its last item
        bullets = line.startswith("- ")
        out.append(_line(line, turn, numbers))
    return "\n".join(out)


def _from_lines(lines, turn: int) -> str:
    out, bullets = [], False
    for line in lines:
        if bullets and line.kind != POSITION:
            out.append("")  # ends the list, so the next line is not read as part of its last item
        bullets = line.kind == POSITION
        bullet, before, after = line.framed()
        out.append(bullet + markdown_text(before) + "".join(marker_link(turn, n) for n in line.cites)
                   + markdown_text(after))
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
