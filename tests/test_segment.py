"""Tests for :mod:`index.segment`: a table of tricky cases, a property test and region tests.

Every sentence below is invented. Domains: conflict and politics news, volcano observatory
bulletins and central-bank rate decisions.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.segment import split_sentences


def assert_invariants(
    text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None
) -> None:
    """The contract of split_sentences: exact, stripped, non-empty, ordered, disjoint, covering."""
    lo, hi, _ = slice(start, end).indices(len(text))
    prev_end = lo
    for s, e in spans:
        assert isinstance(s, int) and isinstance(e, int)
        assert prev_end <= s < e <= hi, (s, e, prev_end, hi)
        piece = text[s:e]
        assert piece == piece.strip() and piece
        prev_end = e
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    missing = [i for i in range(lo, hi) if not text[i].isspace() and i not in covered]
    assert not missing, f"uncovered non-space characters at {missing[:10]}"


def sentences(text: str, start: int = 0, end: int | None = None) -> list[str]:
    spans = split_sentences(text, start, end)
    assert_invariants(text, spans, start, end)
    return [text[s:e] for s, e in spans]


CASES: list[tuple[str, list[str]]] = [
    # --- conflict and politics news -------------------------------------------------------
    (
        "Rebel forces shelled the northern town overnight. The ministry said at least 12 people died.",
        ["Rebel forces shelled the northern town overnight.", "The ministry said at least 12 people died."],
    ),
    (
        "The U.S. envoy reached Amman on Monday. Talks are expected to last two days.",
        ["The U.S. envoy reached Amman on Monday.", "Talks are expected to last two days."],
    ),
    (
        "A spokesman for the U.S.-led mission declined to comment. He gave no details.",
        ["A spokesman for the U.S.-led mission declined to comment.", "He gave no details."],
    ),
    (
        "Col. Maria Okafor said the convoy was ambushed. Sgt. Lee Park was among the wounded.",
        ["Col. Maria Okafor said the convoy was ambushed.", "Sgt. Lee Park was among the wounded."],
    ),
    (
        "Lt. Gen. Aron Halvorsen and Capt. Ines Duarte met Sen. Paul Whitcombe and Gov. Ruth Amadi.",
        ["Lt. Gen. Aron Halvorsen and Capt. Ines Duarte met Sen. Paul Whitcombe and Gov. Ruth Amadi."],
    ),
    (
        "Mrs. Adebayo and Dr. Klein arrived first. Mr. Novak and Ms. Reyes came later with Prof. Lind.",
        ["Mrs. Adebayo and Dr. Klein arrived first.", "Mr. Novak and Ms. Reyes came later with Prof. Lind."],
    ),
    (
        "The plan was drafted by an aide to John F. Kennedy. It was never adopted.",
        ["The plan was drafted by an aide to John F. Kennedy.", "It was never adopted."],
    ),
    (
        "The minister quoted J. R. R. Tolkien in his resignation letter. Critics called it odd.",
        ["The minister quoted J. R. R. Tolkien in his resignation letter.", "Critics called it odd."],
    ),
    (
        "The militia demanded $25 million. The cabinet offered £1.2bn in aid and a 25.4% pay rise.",
        ["The militia demanded $25 million.", "The cabinet offered £1.2bn in aid and a 25.4% pay rise."],
    ),
    # Documented choice: an ambiguous abbreviation ends a sentence only before a word that
    # opens sentences ("The", "He", "In" ...), a quote or a bracket.
    (
        "The ceasefire began at 6 p.m. The army said it would hold its positions.",
        ["The ceasefire began at 6 p.m.", "The army said it would hold its positions."],
    ),
    (
        "The ceasefire began at 6 p.m. local time. Shelling resumed at 4 a.m. Tuesday, residents said.",
        ["The ceasefire began at 6 p.m. local time.", "Shelling resumed at 4 a.m. Tuesday, residents said."],
    ),
    (
        "The drones were built in the U.S. They reached the front through a third country.",
        ["The drones were built in the U.S.", "They reached the front through a third country."],
    ),
    (
        "The U.N. Security Council met at the U.K. request. Moscow abstained.",
        ["The U.N. Security Council met at the U.K. request.", "Moscow abstained."],
    ),
    (
        'He said "stop." Then he walked back to the checkpoint.',
        ['He said "stop."', "Then he walked back to the checkpoint."],
    ),
    ('"Stop," he said.', ['"Stop," he said.']),
    ('"Stop!" he shouted at the driver.', ['"Stop!" he shouted at the driver.']),
    (
        "“We will not withdraw,” the commander said. “Our lines are holding.”",
        ["“We will not withdraw,” the commander said.", "“Our lines are holding.”"],
    ),
    (
        "“The talks have failed. We will return to the front,” the rebel spokesman said.",
        ["“The talks have failed.", "We will return to the front,” the rebel spokesman said."],
    ),
    (
        "“He told us ‘hold the bridge,’ and we held it,” the soldier said. 'Nobody ran.'",
        ["“He told us ‘hold the bridge,’ and we held it,” the soldier said.", "'Nobody ran.'"],
    ),
    (
        "“Are we safe here?” Ramirez asked. Nobody answered her.",
        ["“Are we safe here?” Ramirez asked.", "Nobody answered her."],
    ),
    (
        "Is the truce holding? Nobody in the city thinks so! Shops stayed shut.",
        ["Is the truce holding?", "Nobody in the city thinks so!", "Shops stayed shut."],
    ),
    (
        "“Comrades... stand firm in the trenches... for the winter will end,” the recording said.",
        ["“Comrades... stand firm in the trenches... for the winter will end,” the recording said."],
    ),
    (
        "The road to peace… remains long, the minister said. He paused... Then he named the generals.",
        [
            "The road to peace… remains long, the minister said.",
            "He paused...",
            "Then he named the generals.",
        ],
    ),
    (
        "(CNN) — Opposition fighters seized the airport on Friday, officials said.",
        ["(CNN) — Opposition fighters seized the airport on Friday, officials said."],
    ),
    (
        "KYIV (Reuters) - Air defences downed 14 drones overnight. Two people were hurt.",
        ["KYIV (Reuters) - Air defences downed 14 drones overnight.", "Two people were hurt."],
    ),
    (
        "Staff reporter\n(AP) —\nParliament voted to extend martial law -- again -- by 90 days.",
        ["Staff reporter", "(AP) —\nParliament voted to extend martial law -- again -- by 90 days."],
    ),
    (
        "The interview was conducted in Pashto.\n(This transcript has been condensed for clarity)",
        ["The interview was conducted in Pashto.", "(This transcript has been condensed for clarity)"],
    ),
    (
        "The motion passed. (Two members abstained.) The session ended.",
        ["The motion passed.", "(Two members abstained.)", "The session ended."],
    ),
    (
        "Talks collapse\n\n– Fresh fighting –\n\nArtillery fire was heard near the border.",
        ["Talks collapse", "– Fresh fighting –", "Artillery fire was heard near the border."],
    ),
    (
        "– Truce over? –\nThe guns fell silent for only an hour.",
        ["– Truce over? –", "The guns fell silent for only an hour."],
    ),
    (
        "  • Updated\nThe envoy left Geneva without a deal.",
        ["• Updated", "The envoy left Geneva without a deal."],
    ),
    (
        "Border town falls to rebels\n\nImage caption,\nResidents fled on foot as shelling intensified"
        "\n\nRebels took the town at dawn.",
        [
            "Border town falls to rebels",
            "Image caption,",
            "Residents fled on foot as shelling intensified",
            "Rebels took the town at dawn.",
        ],
    ),
    (
        "sponsored\nThe president vetoed the bill on Tuesday.\nLawmakers vowed to override it.",
        ["sponsored", "The president vetoed the bill on Tuesday.", "Lawmakers vowed to override it."],
    ),
    (
        "The minister also warned rivals, saying:\nThe election will go ahead as planned.",
        ["The minister also warned rivals, saying:", "The election will go ahead as planned."],
    ),
    (
        "The strike hit the depot at 9 a.m.\nThe army later confirmed it.",
        ["The strike hit the depot at 9 a.m.", "The army later confirmed it."],
    ),
    (
        "“We have no information about the deal.”\nThe foreign ministry declined to comment.",
        ["“We have no information about the deal.”", "The foreign ministry declined to comment."],
    ),
    (
        "The contract went to Arkwright Defence Inc. The firm declined to comment.",
        ["The contract went to Arkwright Defence Inc.", "The firm declined to comment."],
    ),
    (
        "Copyright 2031 by Example Media, Inc., a Fictional Company. All rights reserved.",
        ["Copyright 2031 by Example Media, Inc., a Fictional Company.", "All rights reserved."],
    ),
    (
        "The blockade began on Jan. 14 and ended on Feb. 2. Aid convoys then entered the city.",
        ["The blockade began on Jan. 14 and ended on Feb. 2.", "Aid convoys then entered the city."],
    ),
    (
        "The envoy met No. 10 officials on Aug. 3 at St. Stephen's Hall. They discussed sanctions.",
        ["The envoy met No. 10 officials on Aug. 3 at St. Stephen's Hall.", "They discussed sanctions."],
    ),
    (
        "Rival militias (e.g. the northern brigades) clashed, i.e. the truce failed. "
        "Police seized rifles, grenades, etc. and held six men.",
        [
            "Rival militias (e.g. the northern brigades) clashed, i.e. the truce failed.",
            "Police seized rifles, grenades, etc. and held six men.",
        ],
    ),
    (
        "Президент подписал указ. Он вступит в силу завтра.",
        ["Президент подписал указ.", "Он вступит в силу завтра."],
    ),
    ("停火协议于周日生效。双方均表示将遵守。", ["停火协议于周日生效。", "双方均表示将遵守。"]),
    (
        "قال المتحدث إن المحادثات مستمرة. ولم يذكر تفاصيل.",
        ["قال المتحدث إن المحادثات مستمرة.", "ولم يذكر تفاصيل."],
    ),
    (
        "The envoy\u200b arrived. \u200bThe talks\u200d began.",
        ["The envoy\u200b arrived.", "\u200bThe talks\u200d began."],
    ),
    (
        "Troops withdrew.\r\nThe border reopened.\r\n",
        ["Troops withdrew.", "The border reopened."],
    ),
    ("", []),
    ("   \n\n \t ", []),
    # --- volcano observatory bulletins ----------------------------------------------------
    (
        "Mount Kerava erupted at 04:12 local time. The ash column reached 9.5 km.",
        ["Mount Kerava erupted at 04:12 local time.", "The ash column reached 9.5 km."],
    ),
    (
        "VOLCANO OBSERVATORY NOTICE\n\n"
        "The alert level for Mount Sarel was raised to Orange on Tuesday after\n"
        "seismometers recorded a swarm of 340 earthquakes beneath the summit\n"
        "overnight, the observatory chief, Dr. Ana Lopez, told the civil defence\n"
        "agency. Sulphur dioxide emissions rose to 4,200 tonnes per day, triple\n"
        "the August average. Pilots were told to avoid the area, said Ana\n"
        "Lopez.\n",
        [
            "VOLCANO OBSERVATORY NOTICE",
            "The alert level for Mount Sarel was raised to Orange on Tuesday after\n"
            "seismometers recorded a swarm of 340 earthquakes beneath the summit\n"
            "overnight, the observatory chief, Dr. Ana Lopez, told the civil defence\n"
            "agency.",
            "Sulphur dioxide emissions rose to 4,200 tonnes per day, triple\nthe August average.",
            "Pilots were told to avoid the area, said Ana\nLopez.",
        ],
    ),
    (
        "Eruption update\n\n• Alert level: Red\n• Aviation colour code: Red\n\nLava kept flowing.",
        ["Eruption update", "• Alert level: Red", "• Aviation colour code: Red", "Lava kept flowing."],
    ),
    (
        "Lava reached the coast on Sept. 9 and again in Oct. 2030, the bulletin said.",
        ["Lava reached the coast on Sept. 9 and again in Oct. 2030, the bulletin said."],
    ),
    (
        "The observatory released version 2.4.1 of its ash model. Version 3.0 follows in Nov. 2031.",
        ["The observatory released version 2.4.1 of its ash model.", "Version 3.0 follows in Nov. 2031."],
    ),
    (
        "“The summit crater collapsed\n\nat dawn,” the observer said.",
        ["“The summit crater collapsed", "at dawn,” the observer said."],
    ),
    (
        "The crater glowed red.\t  Ash fell on the town.   Roads closed.",
        ["The crater glowed red.", "Ash fell on the town.", "Roads closed."],
    ),
    # --- central-bank rate decisions -------------------------------------------------------
    (
        "The Bank of Norland raised its rate by 0.25 points to 4.5%. Gov. Elin Strand said inflation "
        'was "still too high." Markets rallied.',
        [
            "The Bank of Norland raised its rate by 0.25 points to 4.5%.",
            'Gov. Elin Strand said inflation was "still too high."',
            "Markets rallied.",
        ],
    ),
    (
        "The bank held its rate at 3.75% vs. 4% expected by analysts at Halden & Co. in a poll.",
        ["The bank held its rate at 3.75% vs. 4% expected by analysts at Halden & Co. in a poll."],
    ),
    (
        "Rates will stay high… until inflation is tamed, the governor said.",
        ["Rates will stay high… until inflation is tamed, the governor said."],
    ),
    (
        "Core inflation eased to 2.9 per cent. The next meeting is on Dec. 11.",
        ["Core inflation eased to 2.9 per cent.", "The next meeting is on Dec. 11."],
    ),
    (
        "“Will the bank cut in March?” asked one trader. Another shrugged.",
        ["“Will the bank cut in March?” asked one trader.", "Another shrugged."],
    ),
    (
        "Rate decision: hold at 4.25%\nPublished 14:00 GMT\nThe committee voted 7-2 to keep the rate.",
        ["Rate decision: hold at 4.25%", "Published 14:00 GMT", "The committee voted 7-2 to keep the rate."],
    ),
    (
        "Copyright 2031 Example Press Inc.\nAll rights reserved.",
        ["Copyright 2031 Example Press Inc.", "All rights reserved."],
    ),
    (
        "The decision was announced at 2 p.m. Friday. In London, sterling fell 0.8% to $1.21.",
        ["The decision was announced at 2 p.m. Friday.", "In London, sterling fell 0.8% to $1.21."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"case{i:02d}" for i in range(len(CASES))])
def test_table(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 45


SAMPLE = "Ash fell overnight. The airport closed.\n\nRates held at 4%. Markets rose."


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, None, ["Ash fell overnight.", "The airport closed.", "Rates held at 4%.", "Markets rose."]),
        (20, None, ["The airport closed.", "Rates held at 4%.", "Markets rose."]),
        (4, 18, ["fell overnight"]),
        (0, 19, ["Ash fell overnight."]),
        (39, 41, []),
        (10, 10, []),
        (30, 20, []),
        (-13, None, ["Markets rose."]),
        (0, 10_000, ["Ash fell overnight.", "The airport closed.", "Rates held at 4%.", "Markets rose."]),
    ],
)
def test_region(start: int, end: int | None, expected: list[str]) -> None:
    assert sentences(SAMPLE, start, end) == expected


def test_region_offsets_refer_to_whole_text() -> None:
    spans = split_sentences(SAMPLE, 41)
    assert spans[0] == (SAMPLE.index("Rates"), SAMPLE.index("Markets") - 1)
    assert all(s >= 41 for s, _ in spans)


TRICKY_CHARS = st.sampled_from(
    [*"aZ .!?\"'“”‘’…—–-()•\n\t\r,;:3$£%", "\u200b", "\u00a0", "\u2028", "é", "Ж", "中", "。", "！"]
    + ["؟", "U.S. ", "p.m. ", "Mr. ", "– x –\n", "Dr.", "...", "\n\n"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(TRICKY_CHARS, max_size=80).map("".join))
def test_property_tricky_text(text: str) -> None:
    assert_invariants(text, split_sentences(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.integers(-250, 250), st.one_of(st.none(), st.integers(-250, 250)))
def test_property_any_text_and_region(text: str, start: int, end: int | None) -> None:
    assert_invariants(text, split_sentences(text, start, end), start, end)


def test_whole_text_and_regions_agree_on_block_boundaries() -> None:
    """Segmenting a blank-line-delimited block alone gives the same spans as the whole text."""
    text = "Ash fell.\n\nThe airport at 3 p.m. The crew left.\n\nRates rose."
    whole = split_sentences(text)
    lo, hi = text.index("The airport"), text.index("\n\nRates")
    assert [sp for sp in whole if lo <= sp[0] < hi] == split_sentences(text, lo, hi)
