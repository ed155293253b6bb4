"""A deterministic faithfulness checker for composed answers: no language model, no embeddings.

The eval scores answers with it (``evals/faithfulness.py`` re-exports it) and the language-model
composer drops every sentence it rejects before anything is shown, so both use the same rules.

Contracts:

* :func:`check_answer` never raises for any ``Answer`` whose text is a string; a
  ``document_text`` lookup that fails makes that citation invalid, it is not re-raised.
* Each non-empty line of ``answer.text`` is one answer sentence. A line with no ``[n]`` marker
  and no fact (a lead line such as "The sources differ:") is exempt and not listed; every other
  line is checked and gets one :class:`SentenceVerdict`. Abstained answers have no checked lines.
* Facts are numbers (normalised: "12-minute" → 12, "2,000" → 2000, "$40 million" / "40 million
  dollars" / "40m" → 40000000, "six" → 6, "an hour" → 1), months and weekdays, capitalised
  names (a line's first word only when it is a month or is capitalised mid-line elsewhere in the
  answer), negations and quoted phrases. Each must occur in the union of the line's cited
  sentences (case-insensitive, whitespace-normalised, words compared by stem).
* A verbatim quote line (``“…” [n]``) must equal a cited sentence with whitespace collapsed; any
  other cited line must share at least half of its content units (stems of non-stopwords and
  normalised numbers) with its cited sentences.
* ``citation_valid``: every citation's ``document_text(doc_id)[start:end] == sentence.text``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from assistant.text import NEGATIONS, STOPWORDS, stem, words
from assistant.types import Answer, Citation

MIN_OVERLAP = 0.5

_MARKER = re.compile(r"\[(\d+)\]")
_QUOTE_LINE = re.compile(r"^“(?P<quote>.*)”\s*(?P<markers>(?:\[\d+\]\s*)+)\.?$", re.S)
_BULLET = re.compile(r"^\s*[-–•*]\s+")
_QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
                     r"(?:\s*(thousand|million|billion|trillion)\b|(bn|mn|m|k)\b)?", re.I)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
           "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_SMALL = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                     "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_ONE_UNITS = frozenset(stem(w) for w in "second minute hour day week month year decade century "
                       "hundred thousand million billion trillion".split())
MONTHS = "january february march april may june july august september october november december".split()
_CALENDAR = frozenset(MONTHS + "monday tuesday wednesday thursday friday saturday sunday".split())


@dataclass(frozen=True)
class SentenceVerdict:
    """One checked line. ``needed``: the markers whose sentence alone supports the line or shares
    a fact with it. ``entailed``: its valid citations jointly support its facts and content
    (ALCE citation recall), whatever the verbatim and marker checks say."""

    text: str
    markers: tuple[int, ...]
    supported: bool
    reasons: tuple[str, ...]
    needed: tuple[int, ...]
    entailed: bool = False


@dataclass(frozen=True)
class Verdict:
    """All checked lines of one answer, and whether every citation matches its document."""

    sentences: tuple[SentenceVerdict, ...]
    citation_valid: bool
    invalid_citations: tuple[int, ...]

    @property
    def faithfulness(self) -> float:
        """Share of checked lines that are supported (1.0 when none is checked)."""
        return _share([s.supported for s in self.sentences])

    @property
    def citation_recall(self) -> float:
        """ALCE citation recall: share of checked lines entailed by their citations."""
        return _share([s.entailed for s in self.sentences])

    @property
    def citation_precision(self) -> float:
        """ALCE citation precision: share of markers (over checked lines) that are needed."""
        total = sum(len(s.markers) for s in self.sentences)
        return sum(len(s.needed) for s in self.sentences) / total if total else 1.0


@dataclass(frozen=True)
class Facts:
    """What a piece of answer text asserts that the cited sentences must also state."""

    numbers: frozenset[float]
    names: frozenset[str]
    negations: frozenset[str]
    quotes: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.numbers or self.names or self.negations or self.quotes)


@dataclass(frozen=True)
class Evidence:
    """The cited sentences of a line, in the forms facts are looked up in."""

    numbers: frozenset[float]
    stems: frozenset[str]
    negations: frozenset[str]
    texts: tuple[str, ...]


def collapse(text: str) -> str:
    """Whitespace runs → one space, ends stripped (how quote lines show a sentence)."""
    return " ".join(text.split())


def _fold(text: str) -> str:
    """Lower case, straight quotes, collapsed whitespace: the form quoted phrases compare in."""
    return collapse(text.lower().translate(str.maketrans("‘’“”", "''\"\"")))


def numbers(text: str) -> frozenset[float]:
    """Every number ``text`` states, as a value: digits (with scale words) and number words."""
    text = _ISO_DATE.sub(lambda m: f" {m[1]} {int(m[3] or 0) or ''} ", text)  # month: a name
    found = {_digits_value(m) for m in _DIGITS.finditer(text)}
    return frozenset(round(v, 6) for v in found | _word_numbers(words(text)))


def _digits_value(match: re.Match) -> float:
    whole, fraction, scale_word, scale_suffix = match.groups()
    value = float(whole.replace(",", "") + (fraction or ""))
    return value * _SCALES.get((scale_word or scale_suffix or "").lower(), 1)


def _word_numbers(tokens: Sequence[str]) -> set[float]:
    """"six" → 6, "twenty-five" → 25, "two million" → 2e6; "one"/"a"/"an" count only before
    a unit ("an hour" → 1), so "which one is meant" states no number."""
    found: set[float] = set()
    for i, token in enumerate(tokens):
        after = list(tokens[i + 1:i + 3]) + ["", ""]
        if i and tokens[i - 1] in _TENS:
            continue  # the "five" of "twenty-five"
        if token in ("a", "an", "one"):
            if stem(after[0]) in _ONE_UNITS:
                found.add(_SCALES.get(after[0], 1.0))
            continue
        value = _TENS.get(token, _SMALL.get(token))
        if value is None:
            continue
        if token in _TENS and 0 < _SMALL.get(after[0], 0) < 10:
            value, after = value + _SMALL[after[0]], after[1:]
        found.add(float(value * _SCALES.get(after[0], 1)))
    return found


def _negations(tokens: Iterable[str]) -> frozenset[str]:
    """Negation words; every "…n't" and "cannot" count as "n't"."""
    folded = [t.replace("’", "'") for t in tokens]
    return frozenset("n't" if t.endswith("n't") or t == "cannot" else t for t in folded
                     if t.endswith("n't") or t == "cannot" or t in NEGATIONS)


def _is_name(token: str, first: bool, capitalised_elsewhere: frozenset[str]) -> bool:
    low = token.lower()
    if not token[0].isupper():
        return False
    if low in STOPWORDS and not (token.isupper() and len(token) > 1):
        return False
    return not first or low in _CALENDAR or low in capitalised_elsewhere


def facts_of(text: str, capitalised_elsewhere: frozenset[str] = frozenset(),
             with_quotes: bool = True) -> Facts:
    """The facts ``text`` (one line, markers removed) states; see the module docstring. A quote
    line passes ``with_quotes=False``: its inner quotations are checked by the verbatim rule."""
    tokens = [m.group() for m in _TOKEN.finditer(text)]
    names = {re.sub(r"['’]s$", "", t.lower()) for i, t in enumerate(tokens)
             if _is_name(t, i == 0, capitalised_elsewhere)}
    names |= {MONTHS[int(m.group(2)) - 1] for m in _ISO_DATE.finditer(text) if 0 < int(m.group(2)) < 13}
    quotes = {_fold(a or b) for a, b in _QUOTED.findall(text) if (a or b).strip() and with_quotes}
    return Facts(numbers(text), frozenset(names), _negations(words(text)), frozenset(quotes))


def evidence_of(sentences: Iterable[str]) -> Evidence:
    """The union of ``sentences`` as numbers, word stems, negations and folded texts."""
    texts = tuple(sentences)
    joined = "\n".join(texts)
    return Evidence(numbers(joined), frozenset(stem(w) for w in words(joined)),
                    _negations(words(joined)), tuple(_fold(t) for t in texts))


def _units(text: str) -> list[str]:
    """Content units of a line: stems of non-stopword, non-number words, and ``#value`` numbers."""
    stems = [stem(w) for w in words(text) if w not in STOPWORDS and not w[0].isdigit()
             and w not in _SMALL and w not in _TENS and w not in _SCALES]
    return stems + [f"#{v:g}" for v in numbers(text)]


def missing_facts(facts: Facts, evidence: Evidence) -> list[str]:
    """A reason for each fact of ``facts`` that ``evidence`` does not state."""
    reasons = [f"number {_show(v)} not in cited sentences" for v in sorted(facts.numbers)
               if v not in evidence.numbers]
    reasons += [f"{'date' if n in _CALENDAR else 'name'} '{n}' not in cited sentences"
                for n in sorted(facts.names) if stem(n) not in evidence.stems]
    reasons += [f"negation '{n}' not in cited" for n in sorted(facts.negations)
                if n not in evidence.negations]
    reasons += [f"quote “{q}” not in cited sentences" for q in sorted(facts.quotes)
                if not any(q in text for text in evidence.texts)]
    return reasons


def overlap(text: str, evidence: Evidence) -> float:
    """Share of ``text``'s content units found in ``evidence`` (1.0 when it has none)."""
    units = _units(text)
    found = set(evidence.stems) | {f"#{v:g}" for v in evidence.numbers}
    return sum(u in found for u in units) / len(units) if units else 1.0


def _show(value: float) -> str:
    return f"{value:.15g}"


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 1.0


def _quote_difference(quote: str, sentence: str) -> str:
    """" (missing 'not')" / " (adds 'x', 'y')": the words a quote lost or gained."""
    said, source = Counter(words(quote)), Counter(words(sentence))
    parts = [f"{label} " + ", ".join(f"'{w}'" for w in list(diff)[:4])
             for label, diff in (("missing", source - said), ("adds", said - source)) if diff]
    return f" ({'; '.join(parts)})" if parts else ""


@dataclass(frozen=True)
class _Line:
    """One answer line split into its parts: body (markers and bullet removed), markers, quote."""

    text: str
    body: str
    markers: tuple[int, ...]
    quote: str | None


def _parse(line: str) -> _Line:
    quoted = _QUOTE_LINE.match(line)
    if quoted:
        markers = tuple(dict.fromkeys(int(n) for n in _MARKER.findall(quoted["markers"])))
        return _Line(line, quoted["quote"], markers, quoted["quote"])
    markers = tuple(dict.fromkeys(int(n) for n in _MARKER.findall(line)))
    return _Line(line, _BULLET.sub("", _MARKER.sub(" ", line)).strip(), markers, None)


def _capitalised_elsewhere(lines: Iterable[_Line]) -> frozenset[str]:
    """Lower-cased words written with a capital somewhere other than the start of a line."""
    found = set()
    for line in lines:
        tokens = [m.group() for m in _TOKEN.finditer(line.body)]
        found |= {t.lower() for t in tokens[1:] if t[0].isupper()}
    return frozenset(found)


def _entailment_reasons(line: _Line, facts: Facts, evidence: Evidence) -> list[str]:
    """Why the cited sentences, taken together, do not support the line's content."""
    reasons = missing_facts(facts, evidence)
    share = overlap(line.body, evidence)
    if line.quote is None and share < MIN_OVERLAP:
        reasons.append(f"content overlap {share:.2f} < {MIN_OVERLAP}")
    return reasons


def _form_reasons(line: _Line, cited: dict[int, Citation], invalid: set[int]) -> list[str]:
    """Bad markers, citations that do not match their documents, quotes not verbatim."""
    reasons = [f"bad marker [{n}]" for n in line.markers if n not in cited]
    reasons += [f"citation [{n}] does not match its document at its offsets"
                for n in line.markers if n in invalid]
    sentences = {n: collapse(cited[n].sentence.text) for n in line.markers if n in cited}
    if line.quote is not None and sentences and collapse(line.quote) not in sentences.values():
        n = min(sentences, key=lambda k: _distance(line.quote, sentences[k]))
        reasons.append(f"quote differs from cited sentence [{n}]"
                       + _quote_difference(line.quote, sentences[n]))
    return reasons


def _distance(a: str, b: str) -> int:
    """How many words two texts do not have in common (counting repeats)."""
    x, y = Counter(words(a)), Counter(words(b))
    return sum(((x - y) + (y - x)).values())


def _needed(line: _Line, facts: Facts, cited: dict[int, Citation]) -> tuple[int, ...]:
    """Markers whose sentence alone supports the line, or states one of its facts."""
    needed = []
    for n in (n for n in line.markers if n in cited):
        text = cited[n].sentence.text
        alone = evidence_of([text])
        supports = (collapse(line.quote) == collapse(text) if line.quote is not None
                    else not _entailment_reasons(line, facts, alone))
        if supports or _shares_fact(facts, alone):
            needed.append(n)
    return tuple(needed)


def _shares_fact(facts: Facts, evidence: Evidence) -> bool:
    return bool(facts.numbers & evidence.numbers
                or any(stem(n) in evidence.stems for n in facts.names)
                or any(q in t for q in facts.quotes for t in evidence.texts))


def check_line(line: _Line, cited: dict[int, Citation], invalid: set[int],
               elsewhere: frozenset[str]) -> SentenceVerdict | None:
    """The verdict on one line, or None for an exempt line (no markers, no facts)."""
    facts = facts_of(line.body, elsewhere, with_quotes=line.quote is None)
    if not line.markers:
        return None if not facts else SentenceVerdict(line.text, (), False, ("no citation",), ())
    evidence = evidence_of(cited[n].sentence.text for n in line.markers if n in cited)
    entail = _entailment_reasons(line, facts, evidence) if evidence.texts else ["no valid citation"]
    reasons = tuple(_form_reasons(line, cited, invalid) + entail)
    return SentenceVerdict(line.text, line.markers, not reasons, reasons,
                           _needed(line, facts, cited), not entail)


def invalid_citations(citations: Iterable[Citation],
                      document_text: Callable[[str], str]) -> tuple[int, ...]:
    """Numbers of the citations whose text is not their document's text at their offsets."""
    return tuple(c.n for c in citations if not _matches(c, document_text))


def _matches(citation: Citation, document_text: Callable[[str], str]) -> bool:
    s = citation.sentence
    try:
        return 0 <= s.start <= s.end and document_text(s.doc_id)[s.start:s.end] == s.text
    except Exception:  # noqa: BLE001 - a lookup that fails cannot verify the citation
        return False


def check_answer(answer: Answer, document_text: Callable[[str], str]) -> Verdict:
    """Check every line of ``answer`` against its cited sentences, and every citation's offsets
    against ``document_text(doc_id)``; see the module docstring for the rules."""
    invalid = invalid_citations(answer.citations, document_text)
    if answer.abstained:
        return Verdict((), not invalid, invalid)
    cited = {c.n: c for c in answer.citations}
    lines = [_parse(line.strip()) for line in str(answer.text).splitlines() if line.strip()]
    elsewhere = _capitalised_elsewhere(lines)
    verdicts = (check_line(line, cited, set(invalid), elsewhere) for line in lines)
    return Verdict(tuple(v for v in verdicts if v is not None), not invalid, invalid)
