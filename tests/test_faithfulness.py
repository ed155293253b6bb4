"""The faithfulness checker: clean hand-built answers pass, and each kind of corruption is caught.

Answers are built from real sentences of the bundled corpora (loaded and split exactly as ingest
does, so every citation has true offsets) in the formats the composer writes; no store is needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.text import STOPWORDS
from assistant.types import Answer, Citation
from evals.faithfulness import Verdict, check_answer, collapse, evidence_of, numbers
from index.loading import load_file
from index.sentences import split_document
from index.types import Sentence

CORPUS = Path(__file__).resolve().parents[1] / "evals" / "corpus"


# --- real sentences ---------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _load(path: Path) -> tuple[str, tuple[Sentence, ...]]:
    loaded = load_file(path, 5_000_000)
    sentences = split_document(loaded.document, loaded.furniture)
    return loaded.document.text, tuple(s for s in sentences if s.content)


def _path(corpus: str, prefix: str) -> Path:
    return next(p for p in sorted((CORPUS / corpus).iterdir()) if p.name.startswith(prefix))


def _find(corpus: str, prefix: str, fragment: str) -> Sentence:
    """The one content sentence of the file that contains ``fragment``."""
    found = [s for s in _load(_path(corpus, prefix))[1] if fragment in s.text]
    assert len(found) == 1, (prefix, fragment, found)
    return found[0]


@lru_cache(maxsize=None)
def _documents() -> dict[str, tuple[str, str, tuple[Sentence, ...]]]:
    """doc_id → (corpus, document text, content sentences) for both corpora."""
    found = {}
    for corpus in ("seeds", "volcano"):
        for path in sorted((CORPUS / corpus).iterdir()):
            text, sentences = _load(path)
            found[sentences[0].doc_id] = (corpus, text, sentences)
    return found


def document_text(doc_id: str) -> str:
    return _documents()[doc_id][1]


def _next_sentence(sentence: Sentence) -> Sentence:
    return next(s for s in _documents()[sentence.doc_id][2] if s.index > sentence.index)


def _citation(n: int, sentence: Sentence) -> Citation:
    return Citation(n, sentence, f"evals/corpus/{sentence.doc_id}")


def _quote(n: int, sentence: Sentence) -> str:
    return f"“{collapse(sentence.text)}” [{n}]"


def build(question: str, head: list[str], cited: list[Sentence]) -> Answer:
    """An answer as the composer writes it: head lines, then each cited sentence quoted."""
    citations = tuple(_citation(n, s) for n, s in enumerate(cited, start=1))
    lines = head + [_quote(c.n, c.sentence) for c in citations]
    return Answer(question, "\n".join(lines), False, citations=citations)


# (question, corpus, head lines, cited sentences as (file prefix, fragment))
CLEAN = {
    "bounty": ("How much is the bounty?", "seeds", ["25 million dollars [1][2]."],
               [("002", "25 million dollars bounty"), ("001", "With a $25 million")]),
    "hiding": ("Where is he hiding?", "seeds",
               ["The sources differ:", "- in the Euphrates River valley [1]", "- between Mosul and Raqqa [2]"],
               [("001", "Euphrates River valley stretching"), ("002", "thought to be hiding")]),
    "length": ("How long was the recording?", "seeds",
               ["Different instances, different values:", "- about 55 minutes [1]", "- 46 minutes [2]"],
               [("003", "runs for about 55"), ("002", "46-minute")]),
    "appearance": ("When was his last public appearance?", "seeds", ["July 2014 [1][2]."],
                   [("003", "only one public appearance"), ("000", "not been seen in public")]),
    "fighters": ("How many fighters?", "seeds", ["Between 20,000 and 30,000 [1]."],
                 [("000", "between 20,000 and 30,000")]),
    "spokesperson": ("Who is the spokesperson?", "seeds", ["Capt. William Urban [1]."],
                     [("003", "Central Command spokesperson")]),
    "dead": ("Has any US source claimed he is dead?", "seeds", [],
             [("003", "I do not believe"), ("003", 'Urban said, "Yes.')]),
    "before": ("When was his last message before this one?", "seeds",
               ["It depends on which one is meant:", "- December 2015 [1]", "- November 2016 [2][3]"],
               [("004", "since December 2015"), ("002", "last recording was in November 2016"),
                ("001", "since November 2016")]),
    "head": ("Who heads the observatory?", "volcano", ["Dr. Ilse Marrond [1]."],
             [("001", "Dr. Ilse Marrond, head of the CVO")]),
    "damage": ("How much damage?", "volcano", ["$2.4 million [1]."],
               [("008", "damage from the four-hour")]),
    "evacuated": ("How many were evacuated in August 2022?", "volcano",
                  ["The sources differ:", "- Around 3,500 [1]", "- Some 5,000 [2]"],
                  [("005", "Around 3,500"), ("006", "Some 5,000")]),
    "mayor": ("What did the mayor say?", "volcano", [],
              [("004", "residents were exhausted"), ("001", "schools in the town")]),
    "durations": ("How long did the eruption last?", "volcano",
                  ["Different instances, different values:", "- about 14 hours [1][2]", "- 9 hours [3]",
                   "- about 6 hours [4]", "- about 1 hour [5]"],
                  [("005", "lasted about 14 hours"), ("004", "lasted about 14 hours"),
                   ("003", "lasted nine hours"), ("001", "lasted about six hours"),
                   ("001", "less than an hour")]),
    "update": ("How many were evacuated in February 2024?", "volcano",
               ["A later report revises the figure:", "- 2,600 [1]", "- about 2,000 [2]"],
               [("008", "raised the number"), ("007", "about 2,000 people")]),
    "director": ("Who said evacuees would wait?", "volcano", ["Jonas Feraud [1]."],
                 [("006", "would not be allowed home")]),
    "shelter": ("Where were evacuees taken?", "volcano", ["In Brennock and Keswade [1]."],
                [("004", "Evacuees were taken")]),
}


@lru_cache(maxsize=None)
def clean(name: str) -> Answer:
    question, corpus, head, cited = CLEAN[name]
    return build(question, head, [_find(corpus, prefix, fragment) for prefix, fragment in cited])


def check(answer: Answer) -> Verdict:
    return check_answer(answer, document_text)


# --- mutations --------------------------------------------------------------------------------
_MARKED = re.compile(r"\[\d+\]")


def _with_lines(answer: Answer, lines: list[str]) -> Answer:
    return replace(answer, text="\n".join(lines))


def _targets(answer: Answer) -> list[int]:
    """Indexes of marked lines: claim lines (value, bullet) first, then quote lines."""
    lines = answer.text.splitlines()
    marked = [i for i, line in enumerate(lines) if _MARKED.search(line)]
    return sorted(marked, key=lambda i: lines[i].startswith("“"))


def _cited_text(answer: Answer, line: str) -> str:
    wanted = {int(n) for n in re.findall(r"\[(\d+)\]", line)}
    return "\n".join(c.sentence.text for c in answer.citations if c.n in wanted)


def _edit_first(answer: Answer, edit: Callable[[str, str], str | None]) -> Answer | None:
    """Apply ``edit(line, cited text)`` to the first target line it changes."""
    lines = answer.text.splitlines()
    for i in _targets(answer):
        changed = edit(lines[i], _cited_text(answer, lines[i]))
        if changed is not None and changed != lines[i]:
            return _with_lines(answer, lines[:i] + [changed] + lines[i + 1:])
    return None


def swap_entity(answer: Answer) -> Answer | None:
    def edit(line: str, cited: str) -> str | None:
        for m in re.finditer(r"\b[A-Z][\w’']+", line):
            if re.search(r"\w", line[:m.start()]) and m.group().lower() not in STOPWORDS:
                return line[:m.start()] + "Halvorsen" + line[m.end():]
        return None
    return _edit_first(answer, edit)


def change_number(answer: Answer) -> Answer | None:
    def edit(line: str, cited: str) -> str | None:
        m = re.search(r"(?<![\[\d])\d+(?![\]\d])", line)
        if not m:
            return None
        for bump in range(1, 10):
            changed = line[:m.start()] + str(int(m.group()) + bump) + line[m.end():]
            if not numbers(changed.split("[")[0]) <= numbers(cited):
                return changed
        return None
    return _edit_first(answer, edit)


MONTHS = "January February March April May June July August September October November December".split()


def shift_date(answer: Answer) -> Answer | None:
    def edit(line: str, cited: str) -> str | None:
        m = re.search(r"\b(" + "|".join(MONTHS) + r")\b", line)
        if m:
            at = MONTHS.index(m.group())
            new = next(mo for k in range(1, 12) if (mo := MONTHS[(at + k) % 12]) not in cited)
            return line[:m.start()] + new + line[m.end():]
        m = re.search(r"\b(19|20)\d\d\b", line)
        return None if not m else line[:m.start()] + str(int(m.group()) + 1) + line[m.end():]
    return _edit_first(answer, edit)


def add_negation(answer: Answer) -> Answer | None:
    def edit(line: str, cited: str) -> str | None:
        word = next((w for w in ("not", "never") if not re.search(rf"\b{w}\b", cited, re.I)), None)
        if word is None:
            return None
        if not line.startswith("“"):
            bullet = "- " if line.startswith("- ") else ""
            return f"{bullet}{word} {line[len(bullet):]}"
        m = re.search(r"\b(was|were|is|are|would|will|has|had)\b", line)
        return None if not m else f"{line[:m.end()]} {word}{line[m.end():]}"
    return _edit_first(answer, edit)


def drop_negation(answer: Answer) -> Answer | None:
    lines = answer.text.splitlines()
    for i, line in enumerate(lines):
        m = re.search(r"\s(not|never|no)\b", line)
        if line.startswith("“") and m:
            return _with_lines(answer, lines[:i] + [line[:m.start()] + line[m.end():]] + lines[i + 1:])
    return None


def wrong_citation(answer: Answer) -> Answer | None:
    """Point the first marked line at an unrelated sentence from the other corpus."""
    corpus = _documents()[answer.citations[0].sentence.doc_id][0]
    other = (_find("seeds", "003", "published by ISIS media wing") if corpus == "volcano"
             else _find("volcano", "006", "disaster assessment team"))
    n = max(c.n for c in answer.citations) + 1
    lines = answer.text.splitlines()
    i = _targets(answer)[0]
    line = _MARKED.sub("", lines[i]).rstrip(" .")
    line = f"{line} [{n}]" if line.startswith(("“", "- ")) else f"{line} [{n}]."
    return replace(_with_lines(answer, lines[:i] + [line] + lines[i + 1:]),
                   citations=answer.citations + (_citation(n, other),))


def shift_offsets(answer: Answer) -> Answer:
    first = answer.citations[0]
    moved = replace(first.sentence, start=first.sentence.start + 1, end=first.sentence.end + 1)
    return replace(answer, citations=(replace(first, sentence=moved),) + answer.citations[1:])


def splice(answer: Answer) -> Answer | None:
    lines = answer.text.splitlines()
    for i, line in enumerate(lines):
        m = re.fullmatch(r"“.*” \[(\d+)\]", line)
        if m:
            sentence = next(c.sentence for c in answer.citations if c.n == int(m.group(1)))
            joined = collapse(sentence.text + " " + _next_sentence(sentence).text)
            return _with_lines(answer, lines[:i] + [f"“{joined}” [{m.group(1)}]"] + lines[i + 1:])
    return None


CLAUSE = ", later doubled by anonymous private donors"


def unsupported_clause(answer: Answer) -> Answer | None:
    def edit(line: str, cited: str) -> str | None:
        if line.startswith("“"):
            return None
        at = _MARKED.search(line).start()
        return line[:at].rstrip() + CLAUSE + " " + line[at:]
    return _edit_first(answer, edit)


def _reasons(verdict: Verdict) -> list[str]:
    return [r for s in verdict.sentences for r in s.reasons]


def _has(*needles: str) -> Callable[[Verdict], bool]:
    return lambda v: any(all(n in r for n in needles) for r in _reasons(v))


@dataclass(frozen=True)
class Mutation:
    name: str
    apply: Callable[[Answer], Answer | None]
    flagged: Callable[[Verdict], bool]


MUTATIONS = [
    Mutation("swap_entity", swap_entity, _has("'halvorsen' not in cited")),
    Mutation("change_number", change_number, _has("number", "not in cited")),
    Mutation("shift_date", shift_date, lambda v: _has("date")(v) or _has("number")(v)),
    Mutation("add_negation", add_negation, _has("negation", "not in cited")),
    Mutation("drop_negation", drop_negation, _has("quote differs", "missing")),
    Mutation("wrong_citation", wrong_citation,
             lambda v: any(not s.supported and s.markers and not s.needed for s in v.sentences)),
    Mutation("shift_offsets", shift_offsets,
             lambda v: not v.citation_valid and 1 in v.invalid_citations),
    Mutation("splice", splice, _has("quote differs", "adds")),
    Mutation("unsupported_clause", unsupported_clause, _has("content overlap")),
]

CASES = [pytest.param(name, mutation, id=f"{name}-{mutation.name}")
         for name in CLEAN for mutation in MUTATIONS if mutation.apply(clean(name)) is not None]


# --- tests ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(CLEAN))
def test_clean_answers_are_fully_supported(name):
    verdict = check(clean(name))
    assert verdict.citation_valid and verdict.invalid_citations == ()
    assert [s.reasons for s in verdict.sentences if not s.supported] == []
    assert verdict.faithfulness == 1.0 and verdict.citation_recall == 1.0
    assert verdict.citation_precision == 1.0
    assert verdict.sentences, "something was checked"


def test_clean_answers_cover_both_corpora_and_every_format():
    corpora = {CLEAN[name][1] for name in CLEAN}
    assert corpora == {"seeds", "volcano"} and len(CLEAN) >= 8
    heads = [line for name in CLEAN for line in CLEAN[name][2]]
    assert any(h.startswith("- ") for h in heads) and any(not CLEAN[n][2] for n in CLEAN)


@pytest.mark.parametrize(("name", "mutation"), CASES)
def test_mutation_is_flagged(name, mutation):
    mutated = mutation.apply(clean(name))
    assert mutated.text != clean(name).text or mutated.citations != clean(name).citations
    verdict = check(mutated)
    assert verdict.faithfulness < 1.0 or not verdict.citation_valid
    assert mutation.flagged(verdict), _reasons(verdict)


def test_every_mutation_kind_applies_somewhere():
    applied = {mutation.name for _, mutation in (p.values for p in CASES)}
    assert applied == {m.name for m in MUTATIONS}
    assert len({p.values[0] for p in CASES if p.values[1].name == "drop_negation"}) >= 2


def test_quote_and_value_reasons_name_the_problem():
    verdict = check(change_number(clean("length")))
    assert "number 56 not in cited sentences" in _reasons(verdict)
    verdict = check(drop_negation(clean("dead")))
    assert any(r.startswith("quote differs from cited sentence [1]") and "'not'" in r
               for r in _reasons(verdict))


def test_bad_marker_and_missing_citation():
    answer = clean("fighters")
    lines = answer.text.splitlines()
    verdict = check(_with_lines(answer, ["Between 20,000 and 30,000 [7]."] + lines[1:]))
    assert "bad marker [7]" in _reasons(verdict) and verdict.faithfulness < 1.0
    verdict = check(_with_lines(answer, ["Between 20,000 and 30,000."] + lines[1:]))
    assert "no citation" in _reasons(verdict) and verdict.citation_recall < 1.0


def test_lead_lines_are_exempt_and_abstentions_check_nothing():
    verdict = check(clean("hiding"))
    assert all(not s.text.startswith("The sources differ") for s in verdict.sentences)
    assert len(verdict.sentences) == 4
    abstained = Answer("Who won?", "I can't find that in these documents. None of them mentions "
                                   "“won”.", True)
    verdict = check(abstained)
    assert verdict.sentences == () and verdict.faithfulness == 1.0 and verdict.citation_valid


def test_unneeded_citation_lowers_precision_not_recall():
    answer = clean("fighters")
    extra = _citation(2, _find("seeds", "003", "runs for about 55"))
    lines = answer.text.splitlines()
    padded = replace(_with_lines(answer, ["Between 20,000 and 30,000 [1][2]."] + lines[1:]),
                     citations=answer.citations + (extra,))
    verdict = check(padded)
    assert verdict.citation_recall == 1.0 and verdict.faithfulness == 1.0
    assert verdict.citation_precision == pytest.approx(2 / 3)


def test_unknown_document_makes_citation_invalid():
    verdict = check_answer(clean("bounty"), lambda doc_id: {}[doc_id])
    assert not verdict.citation_valid and verdict.invalid_citations == (1, 2)


@pytest.mark.parametrize(("said", "source"), [
    ("46 minutes", "the 46-minute recording"), ("2,000", "about 2000 people"),
    ("$25 million", "25 million dollars"), ("25m", "$25 million"), ("about 6 hours", "six hours"),
    ("about 1 hour", "less than an hour"), ("9 hours", "nine hours"), ("4.5%", "to 4.50%"),
    ("twenty-five", "25"), ("September 2017", "2017-09"),
])
def test_number_wordings_compare_equal(said, source):
    assert numbers(said) <= numbers(source) | {2017.0}
    assert numbers(said) <= evidence_of([source]).numbers | {2017.0}


def test_a_pronoun_one_is_not_a_number():
    assert numbers("It depends on which one is meant:") == frozenset()


_PIECES = list("ab Z19,.-$“”\"'[]\n") + ["[1]", "[2]", "[9]", " not ", "million", "- ", "Mosul",
                                           "n't", "2017-13", "twenty-", "an hour"]
_ANSWER_TEXT = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_ANSWER_TEXT | st.text(max_size=200), abstained=st.booleans())
def test_check_answer_never_raises(text, abstained):
    verdict = check(replace(clean("bounty"), text=text, abstained=abstained))
    for score in (verdict.faithfulness, verdict.citation_recall, verdict.citation_precision):
        assert 0.0 <= score <= 1.0
