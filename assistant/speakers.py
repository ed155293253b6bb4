"""Who is speaking in a sentence: "X said", "said X", "according to X", "X, who …, said".

Returns the speaker as an :class:`assistant.entities.Entity`: a named person, a noun phrase
("a senior general"), or a pronoun ("he") for the caller to resolve from context.
"""

from __future__ import annotations

import re

from assistant.entities import Entity, find_entities
from assistant.entity_rules import _ADV, _AFTER_GAP, _APPOS_GAP, _DIRECT_GAP, _FUNC, _HONORIFIC, _NP_ORG, _NP_SOURCE, _PERSON_NOUNS, _PREPS, _PRONOUN_RE, _ROLES, _ROLE_OF_RE, _SPEECH_RE


def _np_entity(text: str, start: int, end: int, head: str) -> Entity | None:
    """An unnamed speaker ('a senior general', 'the source', 'officials') by its head noun."""
    low = head.lower()
    one = low[:-3] + "man" if low.endswith("men") else low[:-1] if low.endswith("s") else low
    phrase, role = text[start:end], one if one in _ROLES else low if low in _ROLES else None
    if role or low in _PERSON_NOUNS:
        return Entity("person", phrase, start, end, phrase.lower(), role)
    if low in _NP_ORG or low in _NP_SOURCE:
        kind = "organization" if low in _NP_ORG else "other"
        return Entity(kind, phrase, start, end, phrase.lower())
    return None


def _np_before(text: str, end: int) -> Entity | None:
    """The noun phrase ending at ``end``: 'a spokesman for the UN-led force', or up to four
    words back to an article ('a senior US general', "the army's press office", 'officials')."""
    left = text[max(0, end - 120):end]
    m = _ROLE_OF_RE.search(left)
    if m:
        return _np_entity(text, end - len(left) + m.start(1), end - len(left) + m.end(1), m[2])
    start, taken = None, 0
    for c in reversed(list(re.finditer(r"\S+", left))):
        w = c.group().lower()
        if w in _PREPS:
            return None  # "scientists at the Met Office said": an object, not the subject
        if taken == 4 or not (re.fullmatch(r"[a-z][\w'’-]*", w) or w.rstrip(".") in _HONORIFIC) \
                or (w in _FUNC and w not in ("the", "a", "an")):
            break
        start, taken = end - len(left) + c.start(), taken + 1
        if w in ("the", "a", "an"):
            break
    return None if start is None else _np_entity(text, start, end, text[start:end].split()[-1])


def _subject_before(text: str, ents: list[Entity], verb: re.Match[str]) -> Entity | None:
    """'X said', 'X (ACR) said', 'X, who …, said', 'mayor, X, said', 'he said', 'officials said'."""
    p = _PRONOUN_RE.search(text, max(0, verb.start() - 60), verb.start())
    if p:
        return Entity("other" if p[1].lower() == "it" else "person", p[1], p.start(1), p.end(1),
                      p[1].lower())
    before = [e for e in ents if e.end <= verb.start()][-3:]
    for i in range(len(before) - 1, -1, -1):
        ent, gap = before[i], text[before[i].end:verb.start()]
        if i and ent.kind == "organization" and before[i - 1].kind == "person" and re.fullmatch(
                r"\s+of\s+(?:the\s+)?", text[before[i - 1].end:ent.start]):
            ent = before[i - 1]  # "Prof. Alba Reyes of the Greyford Institute said"
        appositive = text[:ent.start].endswith(", ") and ent.kind != "place"
        if (_DIRECT_GAP.fullmatch(gap) or (_APPOS_GAP.fullmatch(gap) and ent.kind != "place")
                or (appositive and gap[:1] == "," and _DIRECT_GAP.fullmatch(gap[1:]))):
            # "… officials who spoke to the AP said": a preposition's object is not the speaker
            w = text[max(0, ent.start - 16):ent.start].lower().split()[-2:]
            if not (w and (w[-1] in _PREPS or w[-1] == "the" and w[0] in _PREPS)):
                return ent
            break  # "… officials who spoke to the AP said": a preposition's object
    adv = re.search(rf"(?:\s+{_ADV})*\s*$", text[:verb.start()])
    return _np_before(text, adv.start() if adv else verb.start())


def _entity_after(text: str, ents: list[Entity], at: int) -> Entity | None:
    """The first entity after ``at`` past an article or a few lower-case words, skipping a
    possessor ("says the AP's Alba Reyes")."""
    for ent in (e for e in ents if e.start >= at):
        if not (_AFTER_GAP.fullmatch(text[at:ent.start]) or ent.start == at):
            return None
        if text[ent.end:ent.end + 3] not in ("'s ", "’s "):
            return ent
        at = ent.end + 3
    return None


def speaker_of(text: str) -> Entity | None:
    """Who is speaking in this sentence, if stated; offsets are exact (see module notes).

    Tried in order: 'X quoted Y as saying' (-> Y); each speech verb, left to right, with its
    subject before it ('X said', 'X, who …, said', 'he said') or, right after a quote or comma,
    after it ('…," said X'); finally 'according to X'.
    """
    ents = find_entities(text)
    q = re.search(r"\bquoted\s+(.{1,80}?)\s+as\s+saying\b", text)
    if q:
        inner = [e for e in ents if q.start(1) <= e.start and e.end <= q.end(1)]
        return inner[0] if inner else _np_entity(text, q.start(1), q.end(1), q[1].split()[-1])
    for verb in _SPEECH_RE.finditer(text):
        found = _subject_before(text, ents, verb)
        if found is None and re.search(r"[,\"”’]\s*$", text[:verb.start()]):
            found = _entity_after(text, ents, verb.end())
        if found:
            return found
    acc = re.search(r"\baccording to\b", text, re.I)
    return _entity_after(text, ents, acc.end()) if acc else None
