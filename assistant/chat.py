"""A conversation: turns, and how a follow-up borrows from them.

- Pronouns ("he", "his", "it") stand for the names of earlier turns: the question's own names,
  else the speaker or subject named in the sentences the last answer cited.
- Elliptic follow-ups ("and the bounty?", "what about the other city?") keep the earlier
  question's names, with the new words as the focus, and its kind of answer where they swap a
  name or a time ("and Ardmore?"); a new thing ("the bounty") is asked about in its own right.
- "Who said that?" looks for the speaker of the sentences the last answer cited.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.compose import Composer, Context
from assistant.entities import find_entities
from assistant.speakers import speaker_of
from assistant.query import DESCRIPTION, PERSON, Query, analyse
from assistant.types import DIFFERENT_EVENTS, QUOTE, VALUE, Answer, Line, Turn


class Chat:
    """Keeps turns; each ``ask`` is answered in the light of the earlier ones."""

    def __init__(self, composer: Composer) -> None:
        self._composer = composer
        self.turns: list[Turn] = []

    def ask(self, question: str) -> Answer:
        query = analyse(question)
        query, context = self._resolve(query)
        answer = replace(self._answer(query, context), question=question)
        self.turns.append(Turn(question, answer, _names_of(query, answer),
                               _focus_after(answer, context.focus)))
        return answer

    @property
    def focus(self) -> str | None:
        """The id of the instance the conversation is about now, if any."""
        return self.turns[-1].focus if self.turns else None

    def _answer(self, query: Query, context: Context) -> Answer:
        if self.turns and query.kind == PERSON and query.deictic and not query.focus:
            spoken = _speaker_answer(query, self.turns[-1].answer)
            if spoken is not None:
                return spoken
        answer = self._composer.answer(query, context)
        return replace(answer, resolved_question=query.text)

    def _resolve(self, query: Query) -> tuple[Query, Context]:
        if not self.turns:
            return query, Context()
        last = self.turns[-1]
        focus = last.focus
        named = next((t.entities for t in reversed(self.turns) if t.entities), ())
        names = tuple(named) if query.pronouns or query.elliptic else ()
        if query.elliptic:
            query = _elliptic(query, analyse(last.answer.resolved_question or last.question))
        if query.pronouns and names and not query.entities:
            # "where is he hiding?": the answer must be about whoever "he" is.
            query = replace(query, entities=names, focus=query.focus + tuple(
                w.lower() for n in names for w in n.split()[-1:]))
        cited = tuple(dict.fromkeys(c.sentence.doc_id for c in last.answer.answering))
        return query, Context(names=names, focus=focus, cited=cited,
                              history=tuple(t.question for t in self.turns))

    def reset(self) -> None:
        self.turns.clear()


def _focus_after(answer: Answer, before: str | None) -> str | None:
    """The answer's first instance becomes the focus, unless it spans several instances."""
    several = any(d.kind == DIFFERENT_EVENTS for d in answer.disagreements)
    return before if several or not answer.events else answer.events[0]


def _elliptic(query: Query, previous: Query) -> Query:
    """"and the bounty?" after a question: the new words, the old question's names, and its
    kind unless the new words ask about a new thing (:func:`_new_thing`)."""
    kind = query.kind if query.kind != DESCRIPTION or _new_thing(query, previous) \
        else previous.kind
    text = f"{query.text} ({previous.text})"
    return replace(query, kind=kind, text=text, own=query.text,
                   entities=query.entities or previous.entities,
                   stems=tuple(dict.fromkeys(query.stems + previous.stems)))


def _new_thing(query: Query, previous: Query) -> bool:
    """Whether an elliptic follow-up asks about a thing the earlier question did not ("and the
    bounty?" after "how long was the recording?"): a word of its focus that is neither a name
    nor the earlier question's. Then it asks what that thing is, not the earlier kind of value
    ("and Ardmore?", "and in June?" swap a name or a time and keep it)."""
    named = {w.lower() for name in query.entities for w in name.split()}
    return any(w not in named and w not in previous.focus for w in query.focus)


def _names_of(query: Query, answer: Answer) -> tuple[str, ...]:
    """Names a later pronoun may refer to: the person an answer names ("who is the governor?"
    → "she"), else the question's names, else who the cited sentences name."""
    first = answer.lines[0] if answer.lines else None
    if answer.kind == PERSON and not answer.abstained and first is not None \
            and first.kind == VALUE and first.text.strip():
        return (first.text.strip(),)
    if query.entities:
        return query.entities
    for citation in answer.answering:
        speaker = speaker_of(citation.sentence.text)
        people = [e.text for e in find_entities(citation.sentence.text) if e.kind == "person"]
        if speaker is not None and speaker.text[:1].isupper():
            return (speaker.text,)
        if people:
            return (people[0],)
    return ()


def _speaker_answer(query: Query, previous: Answer) -> Answer | None:
    """Who said the sentences the previous answer cited, if the sentences say so."""
    for citation in previous.answering:
        speaker = speaker_of(citation.sentence.text)
        if speaker is not None and speaker.text[:1].isupper():
            lines = (Line(VALUE, speaker.text, (1,)), Line(QUOTE, citation.sentence.text, (1,)))
            return Answer.of(query.text, lines, False, PERSON, citations=(replace(citation, n=1),),
                             resolved_question=f"{query.text} ({previous.question})")
    return None

