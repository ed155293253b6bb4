"""Heuristic, dependency-free named-entity finder for English news prose.

Used by the answer composer for "who …?" / "where …?" questions and to keep attribution with its
speaker. Every rule is about the shape of English (capitalisation, titles and roles,
prepositions, speech verbs, apposition, possessives); there is no gazetteer: it must work on
stories, outlets and places never seen. Precision first: a wrong entity hurts more than a miss.

Decisions:
- Spelled-out titles ("Mayor", "Foreign Minister") go to ``role``, not ``text``; abbreviated
  honorifics ("Dr.", "Capt.") stay in ``text``. A role stated next to the name wins; an
  abbreviated rank ("Col.") is the fallback role.
- All-caps acronyms (2-6 letters) are organisations, except US/UK/USA/UAE (dotted or not), which
  are places; "UN" is an organisation. An acronym defined in parentheses after a name takes that
  name's kind and key everywhere in the text.
- ``speaker_of`` returns pronoun speakers ('"…," he said' -> person "he"; "it" -> other) for the
  composer to resolve, and unnamed ones as their noun phrase ("a senior general said" -> person,
  role "general"; "the report said" -> other). "X quoted Y as saying": the words are Y's (X only
  relays them), so 'an agency quoted the tape as saying' -> other "the tape".
- Demonyms ("Peruvian") and months/weekdays are never entities; an unexplained single capitalised
  word starting a sentence is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from assistant.entity_rules import (
    _FUNC,
    _LEADING,
    _HONORIFIC,
    _ABBREV,
    _TITLES,
    _ROLES,
    _PERSON_NOUNS,
    _ORG_HEADS,
    _PLACE_HEADS,
    _STATE_BODIES,
    _PLACE_PREFIX,
    _PARTICLES,
    _PLACE_ACRONYM,
    _ACRONYM_RE,
    _TOKEN_RE,
    _SPEECH_RE,
    _SUBJ_RE,
    _INVERTED_RE,
    _ROLE_BEFORE_RE,
    _ROLE_AFTER_RE,
    _PERSON_CUE_RE,
    _DET_RE,
    _PREP_RE,
    _GEO_BEFORE_RE,
    _PLACE_AFTER_RE,
    _PLACE_POSS_RE,
    _KIN_POSS_RE,
    _ORG_AFTER_RE,
    _ORG_BEFORE_RE,
    _DEMONYM_RE,
    _DATELINE_RE,
    _ACRO_DEF_RE,
)



@dataclass(frozen=True)
class Entity:
    """A mention: ``text == source[start:end]``; ``key`` matches mentions (see same_entity)."""

    kind: str  # "person" | "place" | "organization" | "other"
    text: str
    start: int
    end: int
    key: str
    role: str | None = None


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    name: bool     # may be part of a proper name
    acro: bool     # all-caps acronym
    poss: bool     # followed by a possessive 's / ’
    initial: bool  # first word of a sentence, line or glued segment: its capital proves nothing


def _is_acronym(w: str) -> bool:
    """'IS', 'NATO', 'U.N.' (2-6 capitals, or dotted); not 'OK', 'AM', 'PM', 'TV'."""
    return w not in ("OK", "AM", "PM", "TV") and bool(_ACRONYM_RE.fullmatch(w))


def _wrapped(text: str, nl: int) -> bool:
    """Does the line ending at newline ``nl`` run on? Hard-wrapped prose lines are 50-80
    characters, unindented, and do not end a sentence."""
    start = text.rfind("\n", 0, nl) + 1
    return 50 <= nl - start <= 80 and text[start:start + 1].strip() != "" \
        and text[nl - 1] not in ".!?:" and text[nl + 1:nl + 2].strip() != ""


def _is_initial(text: str, s: int) -> bool:
    """Is the word at ``s`` the first of a sentence, line or furniture-glued segment?"""
    j = s - 1
    while j >= 0 and (text[j] in " \t\"“”‘'([*_#•–—-" or text[j] == "\n" and _wrapped(text, j)):
        j -= 1
    if j < 0 or text[j] in "\n!?:;|}]>":
        return True
    word = re.search(r"(\w+)\.$", text[max(0, j - 12):j + 1]) if text[j] == "." else None
    # "Dr. Alba", "J. Reyes": that period ends an abbreviation or an initial, not a sentence.
    return text[j] == "." and not (word and (word[1].lower() in _HONORIFIC | _ABBREV
                                             or len(word[1]) == 1))


def _make_tok(text: str, s: int, w: str, glued: bool) -> _Tok:
    """The token ``w`` at ``s``: a possessive split off, an abbreviation's dot kept, flags set."""
    e, poss = s + len(w), False
    if len(w) > 2 and w[-2:] in ("'s", "’s"):
        e, w, poss = e - 2, w[:-2], True
    elif text[e:e + 1] in ("'", "’") and not text[e + 1:e + 2].isalnum():
        if text[e + 1:e + 2] == " " and text[e + 2:e + 3].isupper():
            e, w = e + 1, w + text[e]  # inside a name: "Teachers' Union"
        else:
            poss = w.endswith("s") or w.isupper()
    if text[e:e + 1] == "." and (len(w) == 1 and w.isupper() or w.lower() in _HONORIFIC | _ABBREV):
        e, w = e + 1, w + "."
    parts, acro = w.rstrip(".").split("-"), _is_acronym(w)
    if acro or w[0].isupper():  # "Lowe-Hart", "Omar al-Karim"; not "Peru-born", not "HEADLINE"
        name = acro or (all(p[:1].isupper() or p in _PARTICLES for p in parts[1:])
                        and not (w.isupper() and len(w) > 6))
    else:  # "al-Karim": a lower-case particle glued to a capitalised name
        name = len(parts) > 1 and parts[0] in _PARTICLES | {"ad", "ash"} and parts[1][:1].isupper()
    return _Tok(s, e, w, name, acro, poss, glued or _is_initial(text, s))


def _tokens(text: str) -> list[_Tok]:
    """Word tokens; template tokens ("AD_SLOT_2", "{x}") skipped; glued words split."""
    toks = []
    for m in _TOKEN_RE.finditer(text):
        s, e, w = m.start(), m.end(), m.group()
        if text[s - 1:s] in ("_", "{", "<", "%") or text[e:e + 1] == "_":
            continue
        glued = s > 0 and text[s - 1].isalnum()
        camel = re.search(r"(?<=[a-z]{5})[A-Z][a-z]{4,}$", w)
        if camel and "-" not in w:  # a caption glued to the text: "… in VerlowImage source"
            toks.append(_make_tok(text, s, w[:camel.start()], glued))
            s, w, glued = s + camel.start(), w[camel.start():], True
        lead = w.split("-")[0]
        if "-" in w and _is_acronym(lead) and not w.split("-")[1][:1].isupper():
            w = lead  # "UN-led" -> the acronym only
        toks.append(_make_tok(text, s, w, glued))
    return toks


def _unshout(text: str, toks: list[_Tok]) -> list[_Tok]:
    """On a line written in capitals ("FANS SAY GOODBYE") capitals prove nothing: drop them."""
    lines: dict[int, list[_Tok]] = {}
    for t in toks:
        lines.setdefault(text.rfind("\n", 0, t.start), []).append(t)
    loud = {k for k, ts in lines.items() if len(ts) >= 3
            and sum(t.text.isupper() and len(t.text) > 1 for t in ts) > 0.6 * len(ts)}
    return [t for t in toks if not (t.text.isupper() and text.rfind("\n", 0, t.start) in loud)]


def _joinable(text: str, a: _Tok, b: _Tok) -> bool:
    """Can ``b`` continue a name ``a`` is part of? One space or ' & ', or a hard line wrap;
    never across a possessive or a sentence start."""
    gap = text[a.end:b.start]
    return not (a.poss or b.initial) and (gap in (" ", "\u00a0", " & ")
                                          or gap == "\n" and _wrapped(text, a.end))


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """Maximal capitalised runs, bridging particles ("bin", "van") and "of (the)" after a head
    word ("Museum of …", "Court of …")."""
    runs, i, n = [], 0, len(toks)
    while i < n:
        j = i
        while toks[i].name and j + 1 < n and _joinable(text, toks[j], toks[j + 1]):
            k, low = j + 1, toks[j + 1].text.lower()
            if not toks[k].name:
                if low == "of" and toks[j].text.lower() in _ORG_HEADS | _PLACE_HEADS:
                    k += 1 if k + 1 < n and toks[k + 1].text == "the" else 0
                elif low not in _PARTICLES:
                    break
                if k + 1 >= n or not toks[k + 1].name or not _joinable(text, toks[k], toks[k + 1]):
                    break
                k += 1
            j = k
        if toks[i].name:
            runs.append(toks[i:j + 1])
        i = j + 1
    return runs


def _trim(run: list[_Tok]) -> list[_Tok]:
    """Drop leading function words, furniture labels and months/weekdays ("In May, …")."""
    while run and re.fullmatch(r"[A-Z][a-z]*", run[0].text) and run[0].text.lower() in _LEADING:
        run = run[1:]
    return run if run and run[-1].name else []


def _split_title(run: list[_Tok]) -> tuple[str | None, list[_Tok]]:
    """'Foreign Minister Alba Reyes' -> ('Foreign Minister', [Alba, Reyes]); at the start of a
    sentence any role word counts ("Striker Alba Reyes scored …")."""
    if not run or run[0].text.lower().rstrip(".") in _HONORIFIC \
            or run[-1].text.lower() in _ORG_HEADS | _PLACE_HEADS:
        return None, run  # "Dr Ana King", "Judge Business School": not a title before a name
    for h in range(len(run) - 2, -1, -1):
        words = _ROLES if h == 0 and run[0].initial else _TITLES
        if run[h].text.lower() in words and not run[h].text.isupper() and len(run) - h <= 5:
            return " ".join(t.text for t in run[:h + 1]), run[h + 1:]
    return None, run


def _demonym(w: str) -> bool:
    """Shaped like a nationality adjective ('Peruvian', 'Danish', 'Saudi', 'Western')?"""
    return any(_DEMONYM_RE.search(p) for p in w.split("-"))


def _role(left: str, right: str, poss: bool) -> str | None:
    """A role stated before the name ("press officer Lt. …", "mayor, Alba …") or in apposition
    after it (", senior analyst at …"); a relative clause (", who later became mayor") is not one."""
    m = _ROLE_BEFORE_RE.search(left) or (None if poss else _ROLE_AFTER_RE.match(right))
    mods = m[1].split() if m else []
    if not m or (m.re is _ROLE_AFTER_RE and {w.lower() for w in mods} & _FUNC):
        return None
    while mods and not all(w.lower() not in _FUNC and not _SPEECH_RE.fullmatch(w) for w in mods):
        mods = mods[1:]  # "the club said manager X" -> "manager"
    return " ".join([*mods, m[2]])


def _classify(text: str, run: list[_Tok], known: dict[str, str]) -> tuple[str, str | None] | None:
    """(kind, role) for one trimmed run (title split off), or None to drop it. Shape cues first
    (acronym, head word, title), then what the text already taught, then context."""
    s, e, first = run[0].start, run[-1].end, run[0]
    left, right = ("" if first.initial else text[max(0, s - 80):s]), text[e:e + 160]
    lows = [t.text.lower().rstrip(".") for t in run]
    head = lows[lows.index("of") - 1] if "of" in lows[1:] else lows[-1]
    acro_def = _ACRO_DEF_RE.match(right)
    if len(run) == 1 and first.acro:
        return ("place" if first.text in _PLACE_ACRONYM else "organization"), None
    if len(run) == 1 and first.initial and head in _ORG_HEADS | _PLACE_HEADS:
        return None  # "Bank shares rose", "City officials met": a common noun
    if head in _ORG_HEADS or (acro_def and _acronym_of(acro_def[1], text[s:e])):
        return "organization", None
    if head in _PLACE_HEADS or (len(run) > 1 and lows[0] in _PLACE_PREFIX):
        return "place", None
    role, det = _role(left, right, run[-1].poss), bool(_DET_RE.search(left))
    if (lows[0] in _HONORIFIC | _ABBREV and len(run) > 1) or (role and not det):
        return "person", role or (first.text if lows[0] in _ABBREV else None)
    key = " ".join(_key(text[s:e]))
    taught = (len(run) == 1 and known.get("~" + key)) or known.get(key)  # a surname wins
    if taught:
        return taught, None
    if head in _ROLES or head.rstrip("s") in _ROLES or (len(run) == 1 and head in _PERSON_NOUNS):
        return None  # "Officials expect …", "Sports Editor": a role, not a name
    if left.endswith("The ") and not _is_initial(text, s - 4):
        return "other", None  # "… reported The Clarion": a title, not a person or a place
    return _person_cues(left, right, run, det) or _place_or_org(left, right, run)


def _person_cues(left: str, right: str, run: list[_Tok], det: bool) -> tuple[str, None] | None:
    """Speech ('X said', '…," said X'), ', who …', bylines, 'the AP's X', 'X of <Org>'. A name
    after an article or a preposition is not a speaker ("the Clarion said", "in Verlow said")."""
    if det or run[-1].poss:
        return ("person", None) if run[-1].poss and _KIN_POSS_RE.match(right) else None
    if re.match(r",\s+who(?:se|m)?\b", right) or _INVERTED_RE.search(left) or (
            _SUBJ_RE.match(right) and not _PREP_RE.search(left)):
        return "person", None
    if len(run) > 1 and (_PERSON_CUE_RE.search(left) or (
            len(run) <= 3 and re.match(r"\s+of\s+(?:the\s+)?[A-Z]", right))):
        return "person", None
    return None


def _place_or_org(left: str, right: str, run: list[_Tok]) -> tuple[str, None] | None:
    """Organisation nouns, where-shaped context, else 'other' or drop."""
    poss, prep, nxt = run[-1].poss, _PREP_RE.search(left), re.match(r"\s+([a-z]+)", right)
    if len(run) == 1 and _demonym(run[0].text) and nxt and nxt[1] not in _FUNC:
        return None  # "Peruvian forces", "the Danish province of …"
    if (not poss and _ORG_AFTER_RE.match(right)) or _ORG_BEFORE_RE.search(left):
        return "organization", None
    if prep and not re.search(r"according to[ \t]+$", left, re.I) and (not poss or (
            _PLACE_POSS_RE.match(right) or prep[1] and re.match(r"['’]s? [A-Z]", right))):
        return "place", None  # "in X", "at X"; "in X's capital", not "in Maria's view"
    if _GEO_BEFORE_RE.search(left) or (_PLACE_POSS_RE if poss else _PLACE_AFTER_RE).match(right):
        return "place", None  # "the city of X", "X province", "X, the capital", "X's mayor"
    if len(run) == 1 and (run[0].initial or _demonym(run[0].text)):
        return None  # "Rescuers were …", "a Peruvian whose …": the capital proves nothing here
    return "other", None


def _key(s: str) -> list[str]:
    """Matching tokens: lower-cased, without 's, leading 'the', titles, honorifics, particles."""
    toks = re.sub(r"['’]s?$", "", s.strip()).split()
    while toks and toks[0].lower().rstrip(".") in _HONORIFIC | _ABBREV | {"the"}:
        toks = toks[1:]
    for h in range(len(toks) - 2, -1, -1):
        if toks[h].lower() in _TITLES and toks[h][:1].isupper():
            toks = toks[h + 1:]
            break
    return [re.sub(r"^(?:al|el|ad|ash|bin|ibn)-(?=\w)", "", t.lower()) for t in toks
            if t.lower() not in _PARTICLES or len(toks) == 1]


def _entity(text: str, run: list[_Tok], kind: str, role: str | None) -> Entity:
    """The Entity spanning ``run``, keyed by :func:`_key`."""
    s, e = run[0].start, run[-1].end
    return Entity(kind, text[s:e], s, e, " ".join(_key(text[s:e])), role)


def _spread(text: str, out: list[tuple[list[_Tok], Entity | None]]) -> None:
    """A kind spreads along coordinations ("in Lima, Quito and Cusco", "By A B and C D") and to
    the possessor of a place or state body ("Verlow's Old Bridge", "Peru's army")."""
    for i in range(1, len(out)):
        (run, ent), (prev_run, prev) = out[i], out[i - 1]
        if run and prev and (ent is None or ent.kind == "other"):
            gap = text[prev_run[-1].end:run[0].start]
            place = prev.kind == "place" and re.fullmatch(r",\s+|,?\s+(?:and|or)\s+", gap) \
                and not (len(run) == 1 and _demonym(run[0].text))
            if place or (prev.kind == "person" and gap == " and " and len(run) > 1):
                out[i] = (run, _entity(text, run, prev.kind, None))
    for i in range(len(out) - 1):
        (run, ent), (nxt_run, nxt) = out[i], out[i + 1]
        if run and run[-1].poss and (ent is None or ent.kind == "other") and nxt and (
                nxt.kind == "place" or nxt.kind == "organization"
                and nxt_run[-1].text.lower() in _STATE_BODIES) \
                and text[run[-1].end:nxt_run[0].start] in ("'s ", "’s "):
            out[i] = (run, _entity(text, run, "place", None))


def _pass(text: str, runs: list[list[_Tok]], known: dict[str, str]) -> list[Entity]:
    """One classification pass over all runs, ``known`` being what the text already taught."""
    out: list[tuple[list[_Tok], Entity | None]] = []
    for raw in runs:
        role, run = _split_title(_trim(raw))
        got = (("person", role) if role else _classify(text, run, known)) if run else None
        out.append((run, _entity(text, run, *got) if got else None))
    _spread(text, out)
    return [e for _, e in out if e]


def _known_from(entities: Iterable[Entity | str]) -> dict[str, str]:
    """key -> kind of confident entities, and '~surname' -> person for full personal names."""
    known: dict[str, str] = {}
    for ent in entities:
        if isinstance(ent, str):  # a name the caller knows: trust it, even a bare surname
            words = _key(ent)
            known.update({" ".join(words): "person", "~" + words[-1]: "person"} if words else {})
            continue
        key = ent.key.split()
        if ent.kind == "other" or not key or (ent.kind == "person" and len(key) == 1):
            continue  # a bare "X said" is too weak to teach the rest of the text
        known.setdefault(ent.key, ent.kind)
        if ent.kind == "person":
            known["~" + key[-1]] = "person"
    return known


def _datelines(text: str) -> list[Entity]:
    """'PORT VERLOW, Norvia (AP) - …', 'VERLOW — …': where a story was filed from."""
    return [Entity("place", m[g], m.start(g), m.end(g), m[g].lower())
            for m in _DATELINE_RE.finditer(text) for g in (1, 2) if m[g] and not _is_acronym(m[g])]


def _link_acronyms(text: str, ents: list[Entity]) -> list[Entity]:
    """'Greyford Institute (GI)': every 'GI' takes the long name's kind and key."""
    defs = {}
    for ent in ents:
        m = _ACRO_DEF_RE.match(text, ent.end)
        if m and ent.kind != "other" and _acronym_of(m[1], ent.text):
            defs[m[1]] = ent
    return [replace(e, kind=defs[e.text].kind, key=defs[e.text].key) if e.text in defs else e
            for e in ents]


def find_entities(text: str, known: Iterable[Entity | str] = ()) -> list[Entity]:
    """Entities in ``text``, sorted and non-overlapping, with ``text[e.start:e.end] == e.text``.

    ``text`` may be a sentence or a whole document. What a first pass finds confidently (and
    ``known``: entities, or strings taken as people's names) is reused by a second pass for bare
    mentions: after "Alba Reyes" is found as a person, a sentence-initial "Reyes left …" is one.
    """
    dates = _datelines(text)
    toks = _unshout(text, [t for t in _tokens(text)
                           if not any(d.start <= t.start < d.end for d in dates)])
    runs = _runs(text, toks)
    seed = _known_from(known)
    ents = _pass(text, runs, {**_known_from(dates + _pass(text, runs, seed)), **seed})
    return sorted(_link_acronyms(text, ents + dates), key=lambda e: e.start)


def people(text: str) -> list[Entity]:
    """The person entities of ``text``."""
    return [e for e in find_entities(text) if e.kind == "person"]


def places(text: str) -> list[Entity]:
    """The place entities of ``text``."""
    return [e for e in find_entities(text) if e.kind == "place"]


def _acronym_of(acronym: str, name: str) -> bool:
    """'GI' ~ 'Greyford Institute'; 'ISL' ~ 'Islands Shipping Line' (capitalised words only)."""
    caps = [w for w in re.findall(r"[^\W\d_][\w'’-]*", name) if w[0].isupper()]
    return _is_acronym(acronym) and len(caps) > 1 \
        and "".join(w[0] for w in caps) == acronym.replace(".", "")


def _name_shaped(key: list[str]) -> bool:
    """Can the last token be a surname? Not in 'Port Verlow', 'Museum of Norvia', 'Lund Capital'."""
    return not ({"of", "the", "and"} & set(key) or key[-1] in _ORG_HEADS | _PLACE_HEADS
                or key[0] in _PLACE_PREFIX)


def same_entity(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` name the same thing? Equal keys; an acronym and its spelled-out name; a
    bare surname and a full name ("Karim" ~ "Omar al-Karim", "Reyes" ~ "Gov. Alba Reyes").
    Two full names also need matching first names or initials ("J. Smith" ~ "John Smith",
    never ~ "Jane Smith")."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    if ka == kb or _acronym_of(a.strip(), b) or _acronym_of(b.strip(), a):
        return True
    short, long = sorted((ka, kb), key=len)
    if short[-1] != long[-1] or not (_name_shaped(long) and _name_shaped(short)):
        return False
    f1, f2 = short[0].rstrip("."), long[0].rstrip(".")
    return len(short) == 1 or f1 == f2 or (min(len(f1), len(f2)) == 1 and f1[0] == f2[0])
