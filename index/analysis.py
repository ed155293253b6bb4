"""Per-report analysis computed once at ingest and stored with the report.

The read path parses the same texts of a report for every question that reaches it (its content
sentences, and its lead: what the report as a whole is about). Those parses depend on the text
alone, so :class:`index.ingest.Ingestor` computes them once, with an :class:`Analyser`, and the
store keeps them with the report as a :class:`StoredAnalysis`: written after the sentences and
before the record is marked ready (so a ready report always has it), deleted with the report,
and checked by :func:`index.check.check_store`.

The payload is opaque here: the write path stores what the analyser returns, tagged with the
analyser's ``version``; the reader (:mod:`assistant.language.stored`) uses a payload only when
its version is the one it would compute now, so a change of the analysis code never serves stale
analysis: stored reports are re-analysed once (``corroborate reanalyse``), and until then the
reader parses them afresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from index.types import Sentence

# A headline can be a whole one-line file: a lead is what a lead can be, no more.
LEAD_CHARS = 600


@dataclass(frozen=True)
class StoredAnalysis:
    """One report's analysis: ``payload`` as the analyser of ``version`` wrote it."""

    doc_id: str
    version: str
    payload: str


@runtime_checkable
class Analyser(Protocol):
    """Turns a report's texts (:func:`analysed_texts`) into one storable payload.

    ``version`` names everything the payload depends on besides the texts (the model, its
    version, the encoding); two analysers with the same version give the same payload for the
    same texts. ``analyse`` is deterministic and never raises for any list of ``str``.
    """

    version: str

    def analyse(self, texts: Sequence[str]) -> str: ...


def lead_text(title: str, content: Sequence[Sentence]) -> str:
    """A report's headline and first content sentences (what all of it is about), up to
    :data:`LEAD_CHARS`: by characters, not sentences, since a report can open with lines of its
    own (an outlet, a byline, a photo caption) before its first paragraph. ``content`` is the
    report's content sentences in index order."""
    lead = title
    for sentence in content:
        if len(lead) >= LEAD_CHARS:
            break
        lead = f"{lead} {sentence.text}"
    return lead[:LEAD_CHARS]


def lead_parts(title: str, content: Sequence[Sentence]) -> list[str]:
    """The texts :func:`lead_text` joins, cut where it is cut: the title (when there is one),
    each content sentence that enters the lead, the last one only as far as the lead goes."""
    parts, length = [title[:LEAD_CHARS]] if title else [], len(title)
    for sentence in content:
        if length >= LEAD_CHARS:
            break
        room = LEAD_CHARS - length - 1
        if room > 0:
            parts.append(sentence.text[:room])
        length += 1 + len(sentence.text)
    return parts


def analysed_texts(title: str, sentences: Sequence[Sentence]) -> list[str]:
    """The texts of a report that are analysed and stored, each once: its content sentences' (in
    index order), then the parts of its lead (:func:`lead_parts`: the title, and the sentence
    the lead cuts, as far as it goes)."""
    content = sorted((s for s in sentences if s.content), key=lambda s: s.index)
    return list(dict.fromkeys([s.text for s in content] + lead_parts(title, content)))
