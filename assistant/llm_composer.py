"""The optional language-model composer: fluent answers, every displayed sentence verified.

It rewrites what the extractive composer found; it never looks for evidence itself. Given the
extractive :class:`~assistant.types.Answer` for a question:

1. The evidence is that answer's citations (keeping their numbers) and then its related
   sentences (numbered after them). The prompt (``prompts/answer.v1.md``) holds these numbered
   sentences, the disagreements and timeline facts the extractive composer found, and the
   question; nothing else from the documents.
2. The model's reply is split into sentences. A sentence is kept only if it has at least one
   ``[n]`` marker, every marker is an evidence number, and it passes
   :func:`assistant.faithfulness.check_answer` (the eval's check) against exactly the sentences it
   cites. Then the kept sentences are checked again as one answer, as the eval will see them,
   until none fails. Each model sentence is listed in the answer's ``trace``, kept or dropped
   with the reasons.
3. Kept sentences are the answer's text, one a line. The extractive citations keep their numbers
   (disagreements refer to them); related sentences that kept sentences cite become citations
   numbered after them. Disagreements, events and the conversation's notes are the extractive
   answer's own: the model's prose never decides that sources disagree.
4. The extractive answer is returned instead (with a note and a trace step saying why) when it
   abstained (the model is not asked), when the model fails (down, timeout, HTTP error, garbage,
   empty), when it answers with the "cannot answer" sentinel, or when no sentence survives.

:meth:`LLMComposer.stream` yields :class:`Draft` values as sentences are verified, so a page can
show them as they come; nothing unverified is ever in a draft.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from assistant.faithfulness import check_answer, collapse
from assistant.llm import LanguageModel, LanguageModelError, Message
from assistant.prompts import Prompt, load_prompt
from assistant.types import CANNOT_ANSWER, Answer, Citation, Disagreement, TraceStep
from index.segment import split_sentences
from index.store import DocumentRecord

PROMPT = ("answer", 1)
MAX_SENTENCES = 8  # the prompt asks for three; more are not read (small models loop)
_MARKER = re.compile(r"\[(\d+)\]")
_LEADING_MARKERS = re.compile(r"^((?:\s*\[\d+\])+)\s*")
_HAS_WORD = re.compile(r"[^\W_]")

TimelineFacts = Callable[[Answer], Sequence[str]]


@dataclass(frozen=True)
class Draft:
    """What may be shown so far: verified sentences only. ``answer`` is set on the last draft."""

    lines: tuple[str, ...]
    answer: Answer | None = None


class LLMComposer:
    """Rewrites extractive answers with ``model``; see the module docstring.

    ``document_text`` and ``document`` read the store (to verify citations at their offsets and
    to name a related sentence's document); ``facts`` gives the timeline facts of an answer's
    instances, one line each.
    """

    def __init__(self, model: LanguageModel, document_text: Callable[[str], str],
                 document: Callable[[str], DocumentRecord | None],
                 facts: TimelineFacts = lambda answer: (), prompt: Prompt | None = None) -> None:
        self.model = model
        self._document_text = document_text
        self._document = document
        self._facts = facts
        self._prompt = prompt or load_prompt(*PROMPT)

    def compose(self, extractive: Answer) -> Answer:
        """The verified answer, or ``extractive`` with a notice; never raises for the model."""
        for draft in self.stream(extractive):
            if draft.answer is not None:
                return draft.answer
        raise AssertionError("stream() always ends with an answer")  # pragma: no cover

    def stream(self, extractive: Answer) -> Iterator[Draft]:
        """Drafts of growing verified text, the last one carrying the finished answer."""
        if extractive.abstained or not extractive.citations:
            yield Draft((), _with(extractive, TraceStep(
                "skipped", reason="the sources hold no answer, so the model was not asked")))
            return
        run = _Run(extractive, self._evidence(extractive),
                   functools.lru_cache(maxsize=64)(self._document_text))
        messages = self._messages(extractive, run.evidence)
        run.trace.append(TraceStep("model", self.model.name,
                                   f"prompt {self._prompt.name}.v{self._prompt.version}, "
                                   f"{len(run.evidence)} evidence sentences"))
        try:
            yield from self._verified(run, self.model.stream(messages))
        except LanguageModelError as error:
            yield Draft((), run.fallback(f"the language model failed: {error}"))
            return
        yield Draft(tuple(run.lines), run.finish())

    def _verified(self, run: _Run, pieces: Iterator[str]) -> Iterator[Draft]:
        reply, done = "", 0
        try:
            for piece in pieces:
                reply += piece
                sentences = model_sentences(reply)
                # The last sentence may still grow (or gain its trailing markers) until another
                # starts, so only the ones before it are complete.
                for sentence in sentences[done:len(sentences) - 1][:MAX_SENTENCES - done]:
                    if run.check(sentence):
                        yield Draft(tuple(run.lines))
                done = min(max(done, len(sentences) - 1), MAX_SENTENCES)
                if done >= MAX_SENTENCES:
                    return  # asked for three; a model going on is repeating itself
        finally:
            close = getattr(pieces, "close", None)
            if close is not None:
                close()  # hang up, so the server can stop generating
        for sentence in model_sentences(reply)[done:MAX_SENTENCES]:
            if run.check(sentence):
                yield Draft(tuple(run.lines))

    def _evidence(self, answer: Answer) -> dict[int, Citation]:
        """Evidence number → citation: the answer's own, then its related sentences."""
        evidence = {c.n: c for c in answer.citations}
        for n, related in enumerate(answer.related, start=max(evidence) + 1):
            record = self._document(related.sentence.doc_id)
            evidence[n] = Citation(n, related.sentence, related.source,
                                   record.title if record else "",
                                   record.outlet if record else None)
        return evidence

    def _messages(self, answer: Answer, evidence: dict[int, Citation]) -> tuple[Message, ...]:
        lines = [f"[{n}] {collapse(c.sentence.text)}" for n, c in sorted(evidence.items())]
        return self._prompt.render(
            cannot_answer=CANNOT_ANSWER, evidence="\n".join(lines),
            findings=findings(answer.disagreements, self._facts(answer)),
            question=answer.resolved_question or answer.question)


class _Run:
    """One answer being verified: the evidence, the kept lines and the trace so far."""

    def __init__(self, extractive: Answer, evidence: dict[int, Citation],
                 document_text: Callable[[str], str]) -> None:
        self.extractive = extractive
        self.evidence = evidence
        self.document_text = document_text
        self.lines: list[str] = []
        self.trace: list[TraceStep] = []
        self.sentinel = False

    def check(self, sentence: str) -> bool:
        """Keep ``sentence`` if it passes; record it in the trace either way."""
        reasons = self._problems(sentence)
        self.trace.append(TraceStep("dropped" if reasons else "kept", sentence,
                                    "; ".join(reasons)))
        if not reasons:
            self.lines.append(sentence)
        return not reasons

    def _problems(self, sentence: str) -> list[str]:
        if is_sentinel(sentence):
            self.sentinel = True
            return ["the model says it cannot answer"]
        if sentence in self.lines:
            return ["repeats an earlier sentence"]
        markers = [int(n) for n in _MARKER.findall(sentence)]
        if not markers:
            return ["no [n] marker"]
        bogus = sorted({n for n in markers if n not in self.evidence})
        if bogus:
            return [f"cites [{n}], which is not an evidence sentence" for n in bogus]
        return list(self._unsupported([sentence]).get(sentence, ()))

    def _unsupported(self, lines: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """Lines the faithfulness check rejects when ``lines`` are one answer, with reasons."""
        cited = {int(n) for line in lines for n in _MARKER.findall(line)}
        answer = Answer(self.extractive.question, "\n".join(lines), False,
                        citations=tuple(self.evidence[n] for n in sorted(cited)))
        verdict = check_answer(answer, self.document_text)
        return {v.text: v.reasons for v in verdict.sentences if not v.supported}

    def finish(self) -> Answer:
        """The verified answer, or the extractive one when nothing (coherent) survives."""
        while self.lines:  # together, a line may read differently (see the checker's names rule)
            failing = self._unsupported(self.lines)
            if not failing:
                return self._answer()
            for line, reasons in failing.items():
                self._retract(line, "; ".join(reasons) + " (read with the other sentences)")
        if self.sentinel:
            return self.fallback("the language model found no answer in the evidence")
        return self.fallback("none of the language model's sentences was supported by the "
                             "sentences it cited")

    def _retract(self, line: str, reason: str) -> None:
        """Drop a kept line; its trace step says so, so each model sentence is listed once."""
        self.lines = [kept for kept in self.lines if kept != line]
        self.trace = [TraceStep("dropped", line, reason) if step == TraceStep("kept", line, "")
                      else step for step in self.trace]

    def fallback(self, why: str) -> Answer:
        note = f"{why[:1].upper()}{why[1:]}; this answer is built from the sources without it."
        return replace(self.extractive, notes=self.extractive.notes + (note,),
                       trace=(*self.trace, TraceStep("fallback", reason=why)))

    def _answer(self) -> Answer:
        extractive = self.extractive
        own = {c.n: c.n for c in extractive.citations}
        added = [n for n in dict.fromkeys(int(m) for line in self.lines
                                          for m in _MARKER.findall(line)) if n not in own]
        number = own | {n: max(own) + i for i, n in enumerate(added, 1)}
        text = "\n".join(_MARKER.sub(lambda m: f"[{number[int(m[1])]}]", line)
                         for line in self.lines)
        cited = tuple(replace(self.evidence[n], n=number[n]) for n in added)
        kept_ids = {c.sentence.sentence_id for c in cited}
        # the model's sentences carry their own markers: the answer is its text, not lines
        return replace(extractive, text=text, lines=(), citations=extractive.citations + cited,
                       related=tuple(r for r in extractive.related
                                     if r.sentence.sentence_id not in kept_ids),
                       trace=tuple(self.trace))


def _with(answer: Answer, step: TraceStep) -> Answer:
    return replace(answer, trace=answer.trace + (step,))


def model_sentences(reply: str) -> list[str]:
    """The reply's sentences, each on one line; markers written after a sentence's full stop
    ("… in March. [2] Then …") belong to the sentence before them."""
    sentences: list[str] = []
    for start, end in split_sentences(reply):
        text = collapse(reply[start:end])
        leading = _LEADING_MARKERS.match(text)
        if leading and sentences:
            sentences[-1] += " " + collapse(leading.group(1))
            text = text[leading.end():]
        if _HAS_WORD.search(text):
            sentences.append(text)
    return sentences


def is_sentinel(sentence: str) -> bool:
    """Whether a sentence is the shared "cannot answer" sentinel (quotes and case aside)."""
    def fold(text: str) -> str:
        return collapse(text.replace("’", "'").lower()).strip(" .\"“”")
    return fold(sentence).startswith(fold(CANNOT_ANSWER))


def findings(disagreements: Sequence[Disagreement], facts: Sequence[str]) -> str:
    """The extractive composer's disagreements and timeline facts, as the prompt shows them."""
    lines = []
    for disagreement in disagreements:
        lines.append(f"The system found that the sources disagree "
                     f"({disagreement.kind.replace('_', ' ')}):")
        for position in disagreement.positions:
            marks = "".join(f"[{n}]" for n in position.citations)
            event = f" (about {position.event})" if position.event else ""
            lines.append(f"- {position.claim}{event} {marks}")
    if facts:
        lines.append("Timeline of the events these sentences speak of:")
        lines += [f"- {fact}" for fact in facts]
    return "\n".join(lines)
