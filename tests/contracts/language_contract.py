"""The contract every LanguagePipeline keeps (see assistant/language/pipeline.py).

Subclass ``LanguagePipelineContract`` and provide a ``pipeline`` fixture (class-scoped is best:
the real model loads once, and the property test needs a fixture that outlives one example).
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.language import ENTITY_LABELS, LanguagePipeline, Parsed

SAMPLES = [
    "How many people were killed when the storm hit Port Rell on 3 August at 4 p.m.?",
    "The Central Bank of Norland raised its rate by 0.25 points to 4.5% on Tuesday, "
    "Governor Anna Keller said in Oslo.",
    "  Leading spaces,\ttabs\tand\n\nblank lines   between  words.  ",
    'Dr. J. Smith (aged 42) paid $1,200.50 — "roughly" €1.1k — for it!? Yes.',
    "“Quoted,” she said; 'single' quotes… and U.S.-based firms' stocks fell 3-4%.",
    "Rescuers pulled 12 survivors from the rubble. The Red Cross said 30 were missing.",
]
UNICODE = [
    "Café, naïve, Zoë and São Paulo.",
    "Cafe\u0301 with a combining accent",
    "Emoji 👩\u200d👩\u200d👧 family, 🇳🇴 flag, 👍🏽!",
    "zero\u200bwidth\u200c and\u200d joiners\ufeff here",
    "中文字符和日本語のテキスト。東京で地震。",
    "مرحبا بالعالم. עברית",
    "x\x00y\x07 control \x1b[0m chars",
    "lone \ud800 surrogate \udfff halves",
    "line\u2028separator\u2029paragraph",
    "\r\n\r\nWindows\r\nlines\r\n",
    "non\u00a0breaking\u3000ideographic\u2003spaces",
    "ＦＵＬＬＷＩＤＴＨ １２３ and 𝐌𝐚𝐭𝐡 𝟏𝟐",
    "x" * 3000,
]
BLANK = ["", " ", "\n", "  \t\n \u00a0\u2003\u3000\r\n  "]
PIECES = st.sampled_from(SAMPLES + UNICODE[:-1] + [" ", "\n", ". ", "U.S.", "$5", "A", "é"])
TRICKY_TEXT = st.text(max_size=200) | st.lists(PIECES, max_size=8).map("".join)


def long_text(size: int = 200_000) -> str:
    """About ``size`` characters of prose in paragraphs of seven numbered sentences."""
    sentences = [f"{SAMPLES[i % len(SAMPLES)]} Report {i} followed on {1 + i % 28} May."
                 for i in range(size // 50)]
    paragraphs = (" ".join(sentences[i:i + 7]) for i in range(0, len(sentences), 7))
    return "\n\n".join(paragraphs)[:size]


def assert_well_formed(parsed: Parsed, text: str) -> None:
    """Every structural promise of the contract, for one parse of ``text``."""
    assert isinstance(parsed, Parsed)
    assert parsed.text == text
    tokens, covered = parsed.tokens, bytearray(len(text))
    for i, token in enumerate(tokens):
        assert 0 <= token.start < token.end <= len(text)
        assert token.text == text[token.start:token.end] and not token.text.isspace()
        assert i == 0 or tokens[i - 1].end <= token.start, "tokens overlap or are out of order"
        assert 0 <= token.head < len(tokens)
        covered[token.start:token.end] = b"\1" * (token.end - token.start)
    missed = [i for i, c in enumerate(text) if not covered[i] and not c.isspace()]
    assert not missed, f"non-space characters outside every token at {missed[:5]}"
    assert_entities_well_formed(parsed)


def assert_entities_well_formed(parsed: Parsed) -> None:
    starts = {t.start: i for i, t in enumerate(parsed.tokens)}
    ends = {t.end: i for i, t in enumerate(parsed.tokens)}
    inside: dict[int, str] = {}
    for k, entity in enumerate(parsed.entities):
        assert entity.label in ENTITY_LABELS
        assert entity.text == parsed.text[entity.start:entity.end] and entity.text.strip()
        assert k == 0 or parsed.entities[k - 1].end <= entity.start
        assert entity.start in starts and entity.end in ends, "entity not on token boundaries"
        inside.update((i, entity.label) for i in range(starts[entity.start], ends[entity.end] + 1))
    assert [t.ent_type for t in parsed.tokens] == [
        inside.get(i, "") for i in range(len(parsed.tokens))]


class LanguagePipelineContract:
    def test_is_a_language_pipeline_with_a_name(self, pipeline):
        assert isinstance(pipeline, LanguagePipeline)
        assert isinstance(pipeline.name, str) and pipeline.name
        assert isinstance(pipeline.version, str) and pipeline.version

    @pytest.mark.parametrize("text", SAMPLES)
    def test_offsets_order_coverage_heads_and_entities(self, pipeline, text):
        parsed = pipeline.parse(text)
        assert_well_formed(parsed, text)
        assert parsed.tokens and len(parsed.lemmas()) >= 3

    @pytest.mark.parametrize("text", UNICODE, ids=range(len(UNICODE)))
    def test_unicode_never_raises_and_offsets_stay_exact(self, pipeline, text):
        assert_well_formed(pipeline.parse(text), text)

    # Each subclass runs this inherited method; it keeps no state on self, so replaying an
    # example saved by one subclass in another is harmless.
    @settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.differing_executors])
    @given(text=TRICKY_TEXT)
    def test_any_text_is_well_formed(self, pipeline, text):
        assert_well_formed(pipeline.parse(text), text)

    @pytest.mark.parametrize("text", BLANK, ids=range(len(BLANK)))
    def test_empty_and_white_space_give_no_tokens(self, pipeline, text):
        assert pipeline.parse(text) == Parsed(text, (), ())

    def test_parse_many_equals_parse_on_each(self, pipeline):
        texts = [SAMPLES[0], "", SAMPLES[1], UNICODE[2], SAMPLES[0], "  "]
        assert pipeline.parse_many(texts) == [pipeline.parse(t) for t in texts]
        assert pipeline.parse_many(tuple(reversed(texts))) == [
            pipeline.parse(t) for t in reversed(texts)]
        assert pipeline.parse_many([]) == []

    def test_deterministic(self, pipeline):
        assert pipeline.parse(SAMPLES[1]) == pipeline.parse(SAMPLES[1])
        assert pipeline.parse_many(SAMPLES) == pipeline.parse_many(SAMPLES)

    def test_a_200_kb_text_parses(self, pipeline):
        text = long_text()
        assert len(text) == 200_000
        parsed = pipeline.parse(text)
        assert_well_formed(parsed, text)
        assert len(parsed.tokens) > 20_000

    def test_parsed_values_are_frozen_and_hashable(self, pipeline):
        parsed = pipeline.parse(SAMPLES[1])
        assert hash(parsed) == hash(pipeline.parse(SAMPLES[1]))
        assert {parsed, *parsed.tokens, *parsed.entities}
        for value in (parsed, parsed.tokens[0]):
            with pytest.raises(dataclasses.FrozenInstanceError):
                value.text = "changed"
        assert isinstance(parsed.tokens, tuple) and isinstance(parsed.entities, tuple)

    def test_helpers_agree_with_the_tokens(self, pipeline):
        parsed = pipeline.parse(SAMPLES[0])
        assert "." not in parsed.lemmas() and "?" not in parsed.lemmas()
        assert all(lemma == lemma.lower() for lemma in parsed.lemmas())
        for i, token in enumerate(parsed.tokens):
            assert parsed.token_at(token.start) == parsed.token_at(token.end - 1) == i
            assert all(parsed.tokens[j].head == i for j in parsed.children(i))
            start, end = parsed.subtree(i)
            assert start <= token.start and token.end <= end <= len(parsed.text)
        assert parsed.token_at(parsed.text.index(" ")) is None
        assert parsed.token_at(-1) is None and parsed.token_at(len(parsed.text)) is None
        labels = {e.label for e in parsed.entities}
        assert parsed.entities_of(*labels) == parsed.entities and parsed.entities_of() == ()

    @pytest.mark.parametrize("call", [
        lambda p: p.parse(None), lambda p: p.parse(b"bytes"), lambda p: p.parse_many("a str"),
        lambda p: p.parse_many(["fine", 3]),
    ], ids=["none", "bytes", "one-str", "non-str-item"])
    def test_a_non_str_raises_type_error(self, pipeline, call):
        with pytest.raises(TypeError):
            call(pipeline)
