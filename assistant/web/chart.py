"""The timeline plot: one row per event, a dot at its date (a bar across a date range), the
sentences behind it on hover, and the events of the current answer drawn in a second colour."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable, Sequence

import plotly.graph_objects as go

from assistant.timeline import TimelineEntry
from assistant.web.escape import text
from index.store import file_name

QUIET, MARKED = "#7a8794", "#d1495b"
HOVER_SENTENCES = 4


def timeline_figure(entries: Sequence[TimelineEntry], marked: Sequence[str] = (),
                    shown: Callable[[str], str] = file_name) -> go.Figure:
    """A figure of the dated entries; ``marked`` are event ids the current answer speaks of;
    a source is named ``shown(source)``. Undated entries cannot be placed, so the title says
    how many were left out."""
    dated = [e for e in entries if e.event.date is not None]
    figure = go.Figure()
    for row, entry in enumerate(dated):
        _add(figure, row, entry, entry.event_id in marked, shown)
    left_out = len(entries) - len(dated)
    title = f"{len(dated)} dated event{'s' if len(dated) != 1 else ''}"
    title += f" ({left_out} undated, not shown)" if left_out else ""
    title += " · ◆ = in the current answer" if any(e.event_id in marked for e in dated) else ""
    figure.update_layout(
        title=title, showlegend=False, height=140 + 48 * max(len(dated), 1),
        margin={"l": 10, "r": 10, "t": 50, "b": 30}, hoverlabel={"align": "left"},
        yaxis={"tickvals": list(range(len(dated))), "autorange": "reversed",
               "ticktext": [_tick(e) for e in dated]},
        xaxis={"type": "date"}, plot_bgcolor="white")
    return figure


def _add(figure: go.Figure, row: int, entry: TimelineEntry, marked: bool,
         shown: Callable[[str], str]) -> None:
    start, end = entry.event.date.start, entry.event.date.end
    colour = MARKED if marked else QUIET
    hover = _hover(entry, marked, shown)
    figure.add_trace(go.Scatter(
        x=[start, end], y=[row, row], mode="lines", line={"color": colour, "width": 8},
        hoverinfo="text", hovertext=[hover, hover]))
    middle = start + (end - start) / 2
    figure.add_trace(go.Scatter(
        x=[middle], y=[row], mode="markers",
        marker={"color": colour, "size": 16 if marked else 11,
                "symbol": "diamond" if marked else "circle"},
        hoverinfo="text", hovertext=[hover], name=entry.event_id))


def _tick(entry: TimelineEntry) -> str:
    noun = entry.label.split(",")[0]
    count = len(entry.reports)
    return text(f"{noun} · {entry.date} · {count} source{'s' if count != 1 else ''}")


def _hover(entry: TimelineEntry, marked: bool, shown: Callable[[str], str]) -> str:
    """Hover text: plotly reads a few HTML tags in it (and decodes only ``&lt; &gt; &amp;``),
    so source words have exactly those escaped."""
    lines = [f"<b>{_plain(entry.label)}</b>" + (" — in the current answer" if marked else ""),
             f"date: {_plain(entry.date)}",
             f"sources: {_plain(', '.join(map(shown, entry.reports)))}"]
    for c in entry.citations[:HOVER_SENTENCES]:
        quote = textwrap.fill(" ".join(c.sentence.text.split()), 90)
        lines.append(_plain(f"“{quote}” ({c.outlet or shown(c.source)})").replace("\n", "<br>"))
    return "<br>".join(lines)


def _plain(value: str) -> str:
    return html.escape(value, quote=False)


def timeline_list(entries: Sequence[TimelineEntry], marked: Sequence[str] = (),
                  shown: Callable[[str], str] = file_name) -> str:
    """The same events as text (undated ones included), for reading and for screen readers."""
    items = "".join(_item(e, e.event_id in marked, shown) for e in entries)
    return f'<ol class="cb-timeline-list">{items}</ol>' if items else ""


def _item(entry: TimelineEntry, marked: bool, shown: Callable[[str], str]) -> str:
    quotes = "".join(f'<li>“{text(" ".join(c.sentence.text.split()))}” '
                     f'<span class="cb-source">{text(c.outlet or shown(c.source))}</span></li>'
                     for c in entry.citations[:HOVER_SENTENCES])
    flag = ' class="cb-marked"' if marked else ""
    return (f'<li{flag}><span class="cb-when">{text(entry.date)}</span> '
            f'<span class="cb-what">{text(entry.label.split(",")[0])}</span> '
            f'<span class="cb-source">{len(entry.reports)} source'
            f'{"s" if len(entry.reports) != 1 else ""}</span><ul>{quotes}</ul></li>')
