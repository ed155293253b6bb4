"""Values along the read path: citations, disagreements, answers and chat turns.

An :class:`Answer` is always a result, never an exception: "can't answer" is ``abstained=True``
with the closest sentences under ``related``, and "sources disagree" is a non-empty
``disagreements``. Every citation is an exact source sentence: ``text == document[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.types import Sentence

CANNOT_ANSWER = "I can't find that in these documents."

CONFLICT = "conflict"
DIFFERENT_EVENTS = "different_events"
UPDATE = "update"


@dataclass(frozen=True)
class Citation:
    """An exact source sentence, numbered as the ``[n]`` markers of the answer text refer to it."""

    n: int
    sentence: Sentence
    source: str
    title: str = ""
    outlet: str | None = None

    def to_dict(self) -> dict:
        s = self.sentence
        return {"n": self.n, "doc_id": s.doc_id, "source": self.source,
                "sentence_id": s.sentence_id, "text": s.text, "start": s.start, "end": s.end,
                "title": self.title, "outlet": self.outlet}


@dataclass(frozen=True)
class Position:
    """One side of a disagreement: a claim, the citations stating it, the sources behind it."""

    claim: str
    citations: tuple[int, ...]
    sources: tuple[str, ...]
    event: str | None = None

    def to_dict(self) -> dict:
        data = {"claim": self.claim, "citations": list(self.citations),
                "sources": list(self.sources), "source_count": len(self.sources)}
        return data | ({"event": self.event} if self.event else {})


@dataclass(frozen=True)
class Disagreement:
    """Sources giving different values for what was asked; ``kind`` is conflict,
    different_events (the values belong to different instances) or update."""

    topic: str
    kind: str
    positions: tuple[Position, ...]

    def to_dict(self) -> dict:
        return {"topic": self.topic, "kind": self.kind,
                "positions": [p.to_dict() for p in self.positions]}


@dataclass(frozen=True)
class Related:
    """A sentence close to the question that the answer does not rest on."""

    sentence: Sentence
    source: str
    score: float

    def to_dict(self) -> dict:
        s = self.sentence
        return {"doc_id": s.doc_id, "source": self.source, "sentence_id": s.sentence_id,
                "text": s.text, "start": s.start, "end": s.end, "score": round(self.score, 4)}


@dataclass(frozen=True)
class TraceStep:
    """One step of how an answer was made, for checking it afterwards: ``kind`` is "model" (which
    model and prompt were asked), "kept" or "dropped" (a model sentence and, when dropped, why),
    "fallback" (why the extractive answer was shown instead) or "skipped" (why no model was
    asked)."""

    kind: str
    text: str = ""
    reason: str = ""

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "reason": self.reason}


# What a line of an answer is: the value answering the question ("September 2017 [1][2]."),
# one position of a disagreement or list ("- 2,400 [1]"), a cited sentence quoted verbatim
# ("“…” [3]"), or plain text (a head line, an abstention, a model's sentence).
VALUE, POSITION, QUOTE, TEXT = "value", "position", "quote", "text"
# A sentence quoted after the answer for being among the nearest to the question in meaning: the
# reader's context, not what the answer rests on (a later turn's "it" or "who said that?" does
# not look at it).
NEARBY = "nearby"
NEARBY_HEAD = "Nearest to the question in meaning:"


@dataclass(frozen=True)
class Line:
    """One line of an answer as data: its kind, its words (without markers or quotation marks)
    and the numbers of the citations it rests on. :meth:`render` writes it as the answer text
    shows it; nothing reads the numbers back out of the text."""

    kind: str
    text: str
    cites: tuple[int, ...] = ()

    def framed(self) -> tuple[str, str, str]:
        """(bullet, words before the markers, words after them): what :meth:`render` joins
        around the ``[n]`` markers, for a renderer that shows the markers otherwise."""
        if self.kind == VALUE:
            return "", f"{self.text} ", "."
        if self.kind == POSITION:
            return "- ", f"{self.text} ", ""
        if self.kind in (QUOTE, NEARBY):
            return "", f"“{self.text}” ", ""
        return "", self.text, ""

    def render(self) -> str:
        bullet, before, after = self.framed()
        return bullet + before + "".join(f"[{n}]" for n in self.cites) + after

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "citations": list(self.cites)}


def rendered(lines) -> str:
    """The answer text of ``lines``, one per line."""
    return "\n".join(line.render() for line in lines)


@dataclass(frozen=True)
class Answer:
    """What the assistant says, with everything needed to check it. ``lines`` are its text as
    data (``text == rendered(lines)`` whenever there are lines); an answer written by a
    language model, whose sentences carry their own markers, has none."""

    question: str
    text: str
    abstained: bool
    kind: str = "description"
    citations: tuple[Citation, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    related: tuple[Related, ...] = ()
    notes: tuple[str, ...] = ()
    resolved_question: str | None = None
    events: tuple[str, ...] = ()
    trace: tuple[TraceStep, ...] = ()
    lines: tuple[Line, ...] = ()

    @classmethod
    def of(cls, question: str, lines, abstained: bool = False, kind: str = "description",
           **fields) -> "Answer":
        """An answer whose text is rendered from ``lines``."""
        lines = tuple(lines)
        return cls(question, rendered(lines), abstained, kind, lines=lines, **fields)

    @property
    def answering(self) -> tuple[Citation, ...]:
        """The citations the answer rests on: all but those only its :data:`NEARBY` quotes cite."""
        nearby = {n for line in self.lines if line.kind == NEARBY for n in line.cites}
        own = {n for line in self.lines if line.kind != NEARBY for n in line.cites}
        return tuple(c for c in self.citations if c.n not in nearby or c.n in own)

    def to_dict(self) -> dict:
        # "trace" only when there is one: without a language model the data stays as it was.
        trace = {"trace": [t.to_dict() for t in self.trace]} if self.trace else {}
        return {
            "question": self.question, "answer": self.text, "abstained": self.abstained,
            "kind": self.kind,
            "citations": [c.to_dict() for c in self.citations],
            "disagreements": [d.to_dict() for d in self.disagreements],
            "related": [r.to_dict() for r in self.related],
            "notes": list(self.notes),
            "resolved_question": self.resolved_question or self.question,
            "events": list(self.events),
            "lines": [line.to_dict() for line in self.lines],
        } | trace


@dataclass(frozen=True)
class Turn:
    """One exchange of a chat: the question as asked, the answer given, the names a later
    pronoun may refer to, and the instance (event id) in focus after it."""

    question: str
    answer: Answer
    entities: tuple[str, ...] = field(default=())
    focus: str | None = None
