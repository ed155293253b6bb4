"""Sentence segmentation at exact character offsets.

:func:`split_sentences` is rule based rather than a wrapper around pysbd: pysbd runs at about
0.2 MB/s, rewrites the text it is given (so its pieces must be searched for again) and its
``char_span`` mode is unreliable. These rules only ever *look* at the original string, so every
span is a slice of it. Cuts are decided in two passes over each line-block of the region:

* the line pass decides, for every newline, whether it ends a sentence (blank lines; lines that
  end in terminal punctuation; headline, caption and label lines; bullets; dash-wrapped
  subheadings) or is a soft wrap inside hard-wrapped prose;
* the punctuation pass cuts after terminal punctuation (and any closing quotes or brackets)
  followed by horizontal space and a token that can open a sentence, unless an abbreviation,
  an initial or a quotation's attribution ("... ?" Smith asked.) says otherwise.

The text between consecutive cuts is stripped of whitespace and dropped when empty; doing the
stripping only after cutting is what makes the span invariants hold by construction.

No sentence is longer than :data:`MAX_SENTENCE_CHARS`: a longer run (a page with no punctuation,
a megabyte on one line) is cut at its last whitespace before the limit, or at the limit when the
second half of the window has none. The embedding model reads only the first 256 word pieces of a
sentence (about 1,000 characters), so the rest of an endless "sentence" could never be found, and
a bounded sentence keeps every later per-sentence step cheap.
"""

from __future__ import annotations

import re

MAX_SENTENCE_CHARS = 1000

_OPENERS = "\"'“‘«([{¿¡"
_CLOSERS = "\"'”’»)]}」』）"
_BULLETS = "•·▪◦‣●■►*"
# Zero-width characters are not whitespace, but must not hide the token that follows them.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Characters besides letters and digits that may open a sentence.
_START_CHARS = _OPENERS + _BULLETS + "$£€¥#"

_TERM = r".!?…‽؟।。！？"
# Terminal punctuation + closers, then horizontal space (group 3) and the next token (group 4).
# A newline after the punctuation is left to the line pass.
# Matches start only at the beginning of a punctuation run and take it whole (possessive), so
# long runs such as "......" cost linear, not quadratic, time.
_PUNCT = re.compile(
    rf"(?<![{_TERM}])([{_TERM}]++)([{re.escape(_CLOSERS)}]*+)(?=([^\S\n]+)(\S{{1,40}}))"
)
# CJK full stops end a sentence even when no space follows.
_CJK = re.compile(r"(?<![。！？])[。！？]++[」』”’）)]*+(?=[^\s」』”’）)])")
_TRAIL = re.compile(rf"(?<![{_TERM}])([{_TERM}]++)([{re.escape(_CLOSERS)}]*+)$")
_DASH_HEADING = re.compile(r"(?:--|[-–—])\s.*\S\s(?:--|[-–—])")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")
_LEAD_WORD = re.compile(r"[^\W\d_]+")
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,3}"
    r"(?:said|says|asked|asks|added|adds|told|replied|shouted|wrote|insisted)(?=[,.;:!?]|\s*$)"
)

# Abbreviations that precede a name or a number, so never end a sentence.
_TITLES = frozenset(
    "Mr Mrs Ms Messrs Dr Prof Sen Sens Rep Reps Gov Gen Col Capt Lt Sgt Cpl Pvt Maj Adm Cmdr "
    "Cdr Brig Rev Hon Pres Supt Insp Det Fr Msgr Amb Atty Lieut vs v cf viz e.g i.e E.g I.e".split()
)
# Abbreviations that may also end a sentence ("made in the U.S. The firm ..."); see _period_ends.
_AMBIGUOUS = frozenset(
    "Inc Ltd Corp Co Bros Plc Jr Sr St Mt Ft No Nos Vol Fig Art etc al approx est "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Ala Ariz Ark Calif Colo Conn Fla Ga Ill "
    "Ind Kan Ky La Md Mass Mich Minn Mo Mont Neb Nev Okla Ore Pa Tenn Va Vt Wash Wis Wyo".split()
)
# Words that are capitalised almost only when they open a sentence. After an ambiguous
# abbreviation one of these signals a new sentence; a name or a noun ("U.S. Army") does not.
_STARTERS = frozenset(
    "The A An He She It They We I You This That These Those There Here Their His Her Its Our My "
    "Your In On At By For From With Without To Of As After Before During Since Until While When "
    "Where What Why How Who Which If Although Though Because But And Or So Yet Nor Also Still "
    "Then Now Meanwhile However Instead Earlier Later Last Next Today Yesterday Tomorrow Some "
    "Many Most Much More All Both Each Every Several Few No None Neither Not Only Even Such "
    "Other Another One Once Despite Among Under Over According Asked".split()
)
# Words after which an English line cannot end a sentence (hard-wrapped prose).
_FUNCTION_WORDS = frozenset(
    "the a an of to in on at by for with from into onto over under about after before between "
    "during as and or but nor than that which who whose whom is are was were be been being has "
    "have had will would can could should may might must its his her their our your my this "
    "these those".split()
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences; return (s, e) offsets into the WHOLE text,
    in order, non-overlapping, each stripped of surrounding whitespace, never empty, at most
    :data:`MAX_SENTENCE_CHARS` long, and together covering every non-whitespace character of
    ``text[start:end]``.

    ``start``/``end`` follow slice semantics (clamped, negatives count from the end). The text is
    never modified; "whitespace" means ``str.isspace``. Never raises for any ``str``.
    """
    lo, hi, _ = slice(start, end).indices(len(text))
    if hi <= lo:
        return []
    cuts: set[int] = {hi}
    for block in _blocks(text, lo, hi):
        cuts.update(_block_cuts(text, block))
    spans = _spans(text, sorted(cuts), lo)
    long = [cut for s, e in spans if e - s > MAX_SENTENCE_CHARS for cut in _length_cuts(text, s, e)]
    return _spans(text, sorted(cuts.union(long)), lo) if long else spans


_LAST_SPACE = re.compile(r".*\s", re.S)


def _length_cuts(text: str, s: int, e: int) -> list[int]:
    """Cuts that split ``text[s:e]`` into pieces of at most MAX_SENTENCE_CHARS: at the last
    whitespace of each window, or at the window's end if its second half has none."""
    cuts, at = [], s
    while e - at > MAX_SENTENCE_CHARS:
        limit = at + MAX_SENTENCE_CHARS
        space = _LAST_SPACE.match(text, at + MAX_SENTENCE_CHARS // 2, limit)
        at = space.end() - 1 if space else limit
        cuts.append(at)
    return cuts


def _lines(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[lo:hi]``; ``end`` is the newline's index or ``hi``."""
    out, i = [], lo
    while (j := text.find("\n", i, hi)) >= 0:
        out.append((i, j))
        i = j + 1
    out.append((i, hi))
    return out


def _blocks(text: str, lo: int, hi: int) -> list[list[tuple[int, int, str]]]:
    """Runs of consecutive non-blank lines, each line as (start, end, stripped content)."""
    blocks: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    for s, e in _lines(text, lo, hi):
        content = text[s:e].strip()
        if content:
            current.append((s, e, content))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _block_cuts(text: str, block: list[tuple[int, int, str]]) -> list[int]:
    """Cut positions inside one block: line ends that end sentences, then punctuation cuts.

    The block's last line always ends a sentence, since a blank line or the region end follows.
    """
    width = _wrap_width([content for _, _, content in block])
    cuts = [block[-1][1]]
    for (_, a_end, a), (_, _, b) in zip(block, block[1:]):
        full = bool(width) and len(a) >= 0.7 * width
        if _newline_ends(a, b, full):
            cuts.append(a_end)
    for s, e, content in block:
        if not _DASH_HEADING.fullmatch(content):  # "– Still there? –" is one unit
            cuts.extend(_punct_cuts(text, s, e))
    return cuts


def _wrap_width(lines: list[str]) -> int:
    """The wrap width if the block looks like hard-wrapped prose, else 0.

    Evidence required: a width of 40-120 columns, two or more lines near it, and a near-full
    line continued by a lowercase line (a list of headlines or captions never shows that).
    """
    width = max(map(len, lines))
    if len(lines) < 2 or not 40 <= width <= 120:
        return 0
    full = [len(line) >= 0.7 * width for line in lines]
    wrapped = any(f and nxt[0].islower() for f, nxt in zip(full, lines[1:]))
    return width if wrapped and sum(full) >= 2 else 0


def _newline_ends(a: str, b: str, full: bool) -> bool:
    """Whether a single newline between stripped lines ``a`` and ``b`` ends a sentence.

    ``full`` says ``a`` is a near-full line of hard-wrapped prose, so it may stop mid-sentence
    even before a capitalised word; any other line without final punctuation is taken to be a
    headline, caption or label and stands alone.
    """
    if _DASH_HEADING.fullmatch(a) or _DASH_HEADING.fullmatch(b) or _is_bullet(b):
        return True
    if b[0].islower():
        return False
    if m := _TRAIL.search(a):
        return _line_end_punct_ends(a[: m.start(1)], m.group(1), b, full)
    if a[-1] in "-–—/&+" or a[-1] in _OPENERS:  # "(Wire) —" leads the next line
        return False
    if _last_token(a).lower() in _FUNCTION_WORDS:
        return False
    return not full


def _line_end_punct_ends(before: str, punct: str, b: str, full: bool) -> bool:
    """Whether terminal ``punct`` at the end of a line (after ``before``) ends the sentence.

    A title ("Gen.") never does. An ambiguous abbreviation ("p.m.") does unless the line is
    hard-wrapped and the next line does not look like a new sentence.
    """
    if punct != ".":
        return True
    word = _last_token(before)
    kind = _abbrev_kind(word)
    if kind == "title":
        return False
    if kind == "ambiguous" and full:
        return _period_ends(word, b)
    return True


def _punct_cuts(text: str, s: int, e: int) -> list[int]:
    """Cut positions after sentence-ending punctuation inside the line ``text[s:e]``."""
    cuts = [m.end() for m in _PUNCT.finditer(text, s, e) if _punct_ends(text, m, e)]
    cuts.extend(m.end() for m in _CJK.finditer(text, s, e))
    return cuts


def _punct_ends(text: str, m: re.Match[str], line_end: int) -> bool:
    """Whether the _PUNCT match ``m`` (punctuation, space, next token) ends a sentence."""
    punct, closers, nxt = m.group(1), m.group(2), m.group(4).lstrip(INVISIBLE)
    if not nxt or not _can_start(nxt[0]):
        return False
    if punct == ".":
        return _period_ends(_word_before(text, m.start(1)), nxt)
    # '"Why?" Smith asked.' keeps the attribution with its quotation.
    quoted = any(c in "\"'”’»" for c in closers)
    return not (quoted and _ATTRIBUTION.match(text, m.start(4), line_end))


def _period_ends(word: str, nxt: str) -> bool:
    """Whether a '.' right after ``word`` ends a sentence when token ``nxt`` follows.

    ``nxt`` can already open a sentence (not lowercase). Titles never end one; ambiguous
    abbreviations and initials end one only before a quote, bracket or a sentence-opening word
    such as "The" (so "at 3 p.m. The army" splits but "U.S. Army" and "Jan. 5" do not).
    """
    kind = _abbrev_kind(word)
    if kind != "ambiguous":
        return kind != "title"
    if nxt[0].isdigit():
        return False
    if nxt[0] in _OPENERS:
        return True
    lead = _LEAD_WORD.match(nxt)
    if lead is None:
        return False
    # "J. A. Smith": a one-letter word after an initial is another initial.
    initial = len(word.lstrip(_OPENERS)) == 1
    return lead.group() in _STARTERS and not (initial and len(lead.group()) == 1)


def _abbrev_kind(word: str) -> str:
    """'title' if a '.' after ``word`` never ends a sentence, 'ambiguous' if it may, else ''."""
    w = word.lstrip(_OPENERS)
    if w in _TITLES:
        return "title"
    if w in _AMBIGUOUS or (len(w) == 1 and w.isalpha()) or _DOTTED.fullmatch(w):
        return "ambiguous"
    return ""


def _can_start(ch: str) -> bool:
    """Whether ``ch`` can be the first character of a sentence (any script, cased or not)."""
    return ch.isdigit() or ch in _START_CHARS or (ch.isalpha() and not ch.islower())


def _is_bullet(line: str) -> bool:
    """Whether a stripped line starts with a list bullet ("• Updated", "* Item")."""
    return line[0] in _BULLETS and (line[0] != "*" or len(line) == 1 or line[1].isspace())


def _word_before(text: str, i: int) -> str:
    """The run of non-whitespace characters ending just before index ``i`` (at most 40)."""
    j = i
    while j > max(0, i - 40) and not text[j - 1].isspace():
        j -= 1
    return text[j:i]


def _last_token(s: str) -> str:
    """The last whitespace-separated token of ``s``, or '' if there is none."""
    parts = s.rsplit(None, 1)
    return parts[-1] if parts else ""


def _spans(text: str, cuts: list[int], lo: int) -> list[tuple[int, int]]:
    """Strip each stretch between consecutive sorted ``cuts`` (from ``lo``); keep non-empty ones."""
    spans, prev = [], lo
    for cut in cuts:
        chunk = text[prev:cut]
        core = chunk.strip()
        if core:
            s = prev + len(chunk) - len(chunk.lstrip())
            spans.append((s, s + len(core)))
        prev = cut
    return spans
