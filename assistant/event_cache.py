"""Per-report analyses kept from one corpus to the next, so the event index after an upload
costs what the new reports cost, not what the whole corpus costs.

Two things are worked out per report: its votes for the corpus's event words
(:func:`~assistant.event_mentions.term_votes`, which depend on the report alone) and its
:class:`~assistant.event_dating.Evidence`, which depends on the report and on the corpus's event
words. A report's analysis uses those words only where its own text contains them, so the
evidence is keyed by the report's sentences plus the corpus words found in its vocabulary: a new
report that brings a new event word re-analyses only the reports that use that word.

Not thread-safe on its own: :class:`~assistant.compose.Composer` builds one index at a time,
under its lock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.event_dating import Evidence, analyse_document
from assistant.event_mentions import combine_votes, report_terms
from assistant.event_places import NO_PLACES, Places, read_report
from assistant.language import LanguagePipeline
from assistant.text import stem
from index.types import Sentence


@dataclass(frozen=True)
class _Report:
    key: tuple[str, ...]                           # the report's sentence ids (content hashes)
    votes: tuple[frozenset[str], frozenset[str]]
    vocabulary: frozenset[str]
    read: tuple[Places, tuple[str, ...]]            # its places and ordered nouns (parsed once)


class EvidenceCache:
    """Analyses of the reports of the latest corpus; entries of removed reports are dropped."""

    def __init__(self, pipeline: LanguagePipeline | None = None) -> None:
        self._pipeline = pipeline  # None: instances placed by dates alone, not ordinals
        self._reports: dict[str, _Report] = {}
        self._evidence: dict[str, tuple[tuple, Evidence]] = {}
        self.analysed = 0  # reports analysed (not found here) by the latest call, for benchmarks
        self.changed = False  # whether anything was analysed since the last :meth:`state`

    def state(self) -> dict:
        """What this cache holds, to be kept (:mod:`assistant.analyses_store`) and given to
        :meth:`restore` in a later process; clears :attr:`changed`."""
        self.changed = False
        return {"reports": dict(self._reports), "evidence": dict(self._evidence)}

    def restore(self, state: dict) -> None:
        """Take the analyses of :meth:`state` as this cache's own (each entry is used only
        where its key still matches the report, so a stale one is analysed again)."""
        self._reports = dict(state["reports"])
        self._evidence = dict(state["evidence"])

    @property
    def empty(self) -> bool:
        return not self._reports

    def evidence(self, docs: Mapping[str, Sequence[Sentence]],
                 published: Mapping[str, str | None]) -> list[Evidence]:
        """The evidence of every report in ``docs`` (in its order), equal to analysing each one
        with the terms :func:`~assistant.event_mentions.learn_terms` gives for all of them."""
        reports = {doc_id: self._report(doc_id, sentences) for doc_id, sentences in docs.items()}
        self._reports = reports
        terms = combine_votes(r.votes for r in reports.values())
        self.analysed = 0
        found = [self._analysis(doc_id, docs[doc_id], published.get(doc_id), terms)
                 for doc_id in docs]
        self._evidence = {e.doc_id: self._evidence[e.doc_id] for e in found}
        return found

    def _report(self, doc_id: str, sentences: Sequence[Sentence]) -> _Report:
        key = tuple(s.sentence_id for s in sentences)
        known = self._reports.get(doc_id)
        if known is not None and known.key == key:
            return known
        self.changed = True
        read = read_report(sentences, self._pipeline) if self._pipeline and sentences \
            else (NO_PLACES, ())
        return _Report(key, *report_terms(sentences, [stem(n) for n in read[1]]), read)

    def _analysis(self, doc_id: str, sentences: Sequence[Sentence], published: str | None,
                  terms: frozenset[str]) -> Evidence:
        report = self._reports[doc_id]
        used = terms & report.vocabulary
        key = (report.key, published, used)
        known = self._evidence.get(doc_id)
        if known is not None and known[0] == key:
            return known[1]
        self.analysed += 1
        self.changed = True
        evidence = analyse_document(doc_id, sentences, published, used, self._pipeline,
                                    report.read)
        self._evidence[doc_id] = (key, evidence)
        return evidence
