"""Tests for :mod:`index.boilerplate`: furniture kinds, content that must stay content, the span
contract (property test), the real sample corpus, and a guard that the rules name no corpus text.

All example pages here are invented, in the style of news pages with page furniture.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.boilerplate import find_furniture
from index.types import Furniture

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "evals" / "corpus" / "seeds"


def marked(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every furniture span, checking the span contract on the way."""
    spans = find_furniture(text)
    assert_contract(text, spans)
    return [(f.kind, text[f.start:f.end]) for f in spans]


def assert_contract(text: str, spans: list[Furniture]) -> None:
    prev_end = 0
    for f in spans:
        piece = text[f.start:f.end]
        assert prev_end <= f.start < f.end <= len(text), (f, prev_end)
        assert piece == piece.strip() and "\n" not in piece and "\r" not in piece
        prev_end = f.end


def kinds_of(text: str) -> dict[str, str]:
    return {piece: kind for kind, piece in marked(text)}


# --- each kind, alone in a small page ---------------------------------------------------------
BODY = "The council voted on Tuesday to close the bridge for repairs.\n\nEngineers said the work would take six weeks."

FURNITURE_LINES = [
    ("advertisement", "advertisement"),
    ("advertisement", "ADVERTISEMENT"),
    ("advertisement", "Sponsored"),
    ("advertisement", "Story continues below advertisement"),
    ("app_prompt", "Download our app to get alerts on the go."),
    ("app_prompt", "Get the app"),
    ("app_prompt", "For the latest stories straight to your phone"),
    ("share_prompt", "Share this article"),
    ("share_prompt", "Facebook Twitter Email"),
    ("share_prompt", "Follow us on social media"),
    ("newsletter_prompt", "Sign up for our newsletter"),
    ("newsletter_prompt", "Subscribe to our morning briefing newsletter for free."),
    ("membership_prompt", "Subscribe"),
    ("membership_prompt", "Become a member today and support independent reporting."),
    ("membership_prompt", "(Here at the Daily Example, we rely on readers. Support our journalism by subscribing.)"),
    ("membership_prompt", "At Example Weekly, we dig deeper. Become a member to read more."),
    ("newsletter_prompt", "(Want the day's top stories? Sign up for our free evening email.)"),
    ("edit_note", "(This article has been edited for length)"),
    ("edit_note", "(This story has been updated with comment from the ministry.)"),
    ("edit_note", "(Reporting by Jane Doe; Editing by John Roe)"),
    ("edit_note", "Reporting by Jane Doe; Editing by John Roe"),
    ("footer", "Copyright 2019 Example Media Group, Inc. All rights reserved."),
    ("footer", "© 2021 Example Tribune Ltd"),
    ("footer", "All rights reserved."),
    ("footer", "This material may not be published, broadcast, rewritten or redistributed."),
    ("footer", "Terms of Use | Privacy Policy | Contact Us"),
    ("timestamp", "Published"),
    ("timestamp", "• Published"),
    ("timestamp", "Posted Updated"),
    ("timestamp", "Updated at 9:45 a.m."),
    ("timestamp", "Last updated 2 hours ago"),
    ("timestamp", "Published 12 September 2021"),
    ("timestamp", "Published: 2021-09-12"),
    ("timestamp", "Updated 8:52 PM EDT, Thu March 5, 2020"),
    ("timestamp", "Tue 4 May 2021 10.30 BST"),
    ("related", "Related:"),
    ("related", "Read more: Lava reaches the coast road"),
    ("related", "More on this story"),
    ("related", "You may also like"),
    ("caption", "Image source, Getty Images"),
    ("caption", "Photo: Jane Doe/Example Agency"),
    ("caption", "Rescue teams search the rubble on Monday. Getty Images"),
    ("caption", "Image caption, Firefighters at the scene on Sunday"),
]


@pytest.mark.parametrize("kind,line", FURNITURE_LINES)
def test_each_kind_of_furniture_line_is_marked(kind: str, line: str) -> None:
    text = f"Bridge to close for repairs\n\n{BODY}\n\n{line}\n\nWork begins next month, the council said.\n"
    assert marked(text) == [(kind, line)]


def test_caption_label_marks_the_line_it_introduces_even_after_a_blank() -> None:
    text = ("Storm hits coast\n\nMedia caption,\n\nWaves crash over the harbour wall on Sunday\n\n"
            "Image caption,\nResidents were moved to the sports hall\n\n" + BODY)
    assert marked(text) == [
        ("caption", "Media caption,"),
        ("caption", "Waves crash over the harbour wall on Sunday"),
        ("caption", "Image caption,"),
        ("caption", "Residents were moved to the sports hall"),
    ]


def test_credit_glued_to_caption_makes_whole_line_caption() -> None:
    line = "A lifeboat crew returns to harbour on 3 March 2019Image source, Example Press"
    assert marked(f"Storm hits coast\n{line}\n{BODY}") == [("caption", line)]


def test_template_token_inline_leaves_rest_of_line_as_content() -> None:
    text = "Budget passes\n{adslot}The finance minister said the plan was fair.\n{{ad}}\nMore text here.\n[[ad]] %%AD%%"
    assert marked(text) == [("template", "{adslot}"), ("template", "{{ad}}"), ("template", "[[ad]]"),
                            ("template", "%%AD%%")]


def test_bylines_near_top() -> None:
    text = ("Politics\n\nMinister resigns over expenses\n\nPublished 3 hours ago\n\nJane Doe\nJohn Roe, Example Wire\n"
            "(Example Wire) — The minister resigned on Friday.\n\nBy Mary Major\n\n" + BODY)
    assert marked(text) == [
        ("section_label", "Politics"),
        ("timestamp", "Published 3 hours ago"),
        ("byline", "Jane Doe"),
        ("byline", "John Roe, Example Wire"),
        ("byline", "By Mary Major"),
    ]


def test_lone_title_case_lines_are_not_bylines() -> None:
    # a headline in the shape "Name, Place", a lone two-word heading and a name far down
    text = ("Rome, Italy\n\nLava Flows\n\nThe volcano erupted at dawn.\n\n" + "Filler sentence here.\n" * 20
            + "Jane Doe\nJohn Roe, Example Wire\n")
    assert marked(text) == []


def test_section_label_only_before_the_headline() -> None:
    text = "World News\nFloods close schools\nPolitics\nThe vote was delayed."
    assert marked(text) == [("section_label", "World News")]


# --- content that must never be marked -----------------------------------------------------------
CONTENT_LINES = [
    "– Still standing? –",
    "– No deal yet –",
    "Rare sightings",
    "Volcano erupts near island village",
    "Advertising revenue fell by a third last year, the company said.",
    "Published reports said the minister had resigned.",
    "Updated figures show 40 people were injured.",
    "Copyright law is changing across the region.",
    "The report was updated on Monday to include new casualty figures.",
    "\"Sign up for our newsletter,\" the mayor joked at the launch.",
    "“Share this with everyone you know,” the preacher told the crowd.",
    "For the latest updates, officials urged residents to listen to local radio.",
    "Subscribers to the service will pay more from April, the regulator said.",
    "He became a member of the party in 1990.",
    "(The group did not respond to a request for comment.)",
    "At the hospital, we saw dozens of injured people, a nurse said.",
    "Photographers were kept behind a barrier 200 metres away.",
    "Related charges were dropped last year.",
    "Read the full statement below.",
    "By Thursday, the rescue teams had reached the village.",
    "(Example Wire) — Rescue teams reached the village on Thursday.",
    "The images were sold to Getty Images, a spokesman said.",
    "Sponsors of the bill said it would pass easily.",
    "Share prices rose 3% in early trading.",
    "Download speeds have doubled since 2019, the regulator said.",
    "All eyes are on the central bank, which meets on Thursday.",
    "Video by a bystander showed the car hitting the barrier.",
    "The artist said all rights reserved by the label had expired.",
    "More from the minister later.",
    "Get the app-based taxi firms to pay more tax, the minister said.",
    "Try the new approach, he urged.",
    "Updated guidance was issued on Monday.",
    "Posted guards stood at the gate.",
    "(c) the right to appeal within 30 days;",
    "Politics aside, the bridge must be fixed.",
    "Jane Doe, a resident, said the bridge shook.",
]


@pytest.mark.parametrize("line", CONTENT_LINES)
def test_real_news_lines_are_not_furniture(line: str) -> None:
    assert marked(f"Bridge to close for repairs\n\n{BODY}\n\n{line}\n\nMore people arrived later.\n") == []


# --- another domain: a volcano report with its own furniture ---------------------------------------
VOLCANO_PAGE = """\
Science & Environment

Volcano on northern island erupts, sending ash 5km high

  • Published
Ash rises above the crater on Tuesday morningImage source, Example Photo Agency
Image caption,
Ash rises above the crater on Tuesday morning

{{adslot_top}}The volcano on the northern island erupted early on Tuesday, the observatory said.

ADVERTISEMENT

"We heard a roar and the windows shook," said Ana Ruiz, who lives 10km from the crater.

– Flights cancelled –

The airport closed at 06:00 local time and will stay shut until the ash cloud passes.

Read more: Why some volcanoes explode and others ooze

Sign up for our science newsletter

Copyright © 2024 Example Broadcasting Corporation. All rights reserved.
"""


def test_volcano_page() -> None:
    assert marked(VOLCANO_PAGE) == [
        ("section_label", "Science & Environment"),
        ("timestamp", "• Published"),
        ("caption", "Ash rises above the crater on Tuesday morningImage source, Example Photo Agency"),
        ("caption", "Image caption,"),
        ("caption", "Ash rises above the crater on Tuesday morning"),
        ("template", "{{adslot_top}}"),
        ("advertisement", "ADVERTISEMENT"),
        ("related", "Read more: Why some volcanoes explode and others ooze"),
        ("newsletter_prompt", "Sign up for our science newsletter"),
        ("footer", "Copyright © 2024 Example Broadcasting Corporation. All rights reserved."),
    ]


SPORTS_PAGE = "Football\r\nCity win the cup in extra time\r\nBy Sam Lee and Kim Park\r\nUpdated 6 May 2023\r\n" \
              "City won the cup 2-1 after extra time on Saturday.\r\nShare this article\r\n"


def test_sports_page_with_crlf_offsets_exact() -> None:
    assert marked(SPORTS_PAGE) == [
        ("section_label", "Football"),
        ("byline", "By Sam Lee and Kim Park"),
        ("timestamp", "Updated 6 May 2023"),
        ("share_prompt", "Share this article"),
    ]


# --- the span contract on arbitrary text ---------------------------------------------------------------
PIECES = st.sampled_from(
    [line for _, line in FURNITURE_LINES] + CONTENT_LINES
    + ["", "  ", "Jane Doe", "{ad}x", "Image caption,", "\t", "é ü", "Politics"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=25), st.sampled_from(["\n", "\r\n", "\r", "\n\n"]), st.text(max_size=30))
def test_spans_are_exact_sorted_disjoint_and_stripped(lines: list[str], newline: str, noise: str) -> None:
    text = newline.join(lines) + noise
    assert_contract(text, find_furniture(text))


# --- the real sample corpus -------------------------------------------------------------------------
EXPECTED_SEEDS = {
    "000_1c8997f6c28d3217.txt": [
        ("timestamp", "• Published"),
        ("caption", "Abu Bakr al-Baghdadi speaks at Mosul's Great Mosque of al-Nuri on 5 July 2014Image source, AFP"),
        ("caption", "Image caption,"),
        ("caption", "Abu Bakr al-Baghdadi has not been seen in public since July 2014"),
        ("caption", "Media caption,"),
        ("caption", "The BBC's Quentin Sommerville followed Syrian rebels and police trying to stop ex-IS "
                    "fighters reaching Europe"),
        ("caption", "Media caption,"),
        ("caption", "Ricardo Vilanova was held captive by Islamic State militants in Syria"),
    ],
    "001_a4e180222eadada6.txt": [
        ("app_prompt", "For more news your way"),
        ("app_prompt", "Download our app and read this and other great stories on the move. "
                       "Available for Android and iOS."),
    ],
    "002_28bc9624375c7ad8.txt": [
        ("advertisement", "advertisement"),
        ("edit_note", "(This article has been edited for length)"),
        ("membership_prompt", "(At The Quint, we question everything. Play an active role in shaping our "
                              "journalism by becoming a member today.)"),
    ],
    "003_57815fe446113bf0.txt": [
        ("section_label", "World News"),
        ("timestamp", "Posted Updated"),
        ("byline", "Mohammed Tawfeeq"),
        ("byline", "Steve Almasy, CNN"),
        ("footer", "Copyright 2023 by Cable News Network, Inc., a Time Warner Company. All rights reserved."),
    ],
    "004_fb38ee7aa02f1d5e.txt": [
        ("template", "{mosads}"),
        ("timestamp", "Updated at 3:10 p.m."),
        ("footer", "Copyright 2025 Nexstar Media, Inc. All rights reserved. This material may not be "
                   "published, broadcast, rewritten, or redistributed. regular"),
    ],
}

STAY_CONTENT = {
    "001_a4e180222eadada6.txt": ["– No verification yet –", "– Still alive? –"],
    "003_57815fe446113bf0.txt": ["Rare messages", "(CNN) — For the first time in almost a year"],
    "004_fb38ee7aa02f1d5e.txt": ["“Know that the value of staying on your land"],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_SEEDS))
def test_sample_corpus_marks_exactly_the_furniture(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert marked(text) == EXPECTED_SEEDS[name]
    furniture = find_furniture(text)
    for snippet in STAY_CONTENT.get(name, []):
        at = text.index(snippet)
        assert not any(f.start <= at < f.end for f in furniture), snippet


def test_sample_corpus_list_is_complete() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(EXPECTED_SEEDS)


# --- the rules must be general: no names, phrases, dates or file names from the corpus ----------------------
OWN_MODULES = ["boilerplate.py", "metadata.py", "loading.py", "ids.py"]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def test_index_modules_contain_no_corpus_text() -> None:
    source = "\n".join((ROOT / "index" / name).read_text(encoding="utf-8") for name in OWN_MODULES)
    flat = " " + " ".join(_words(source)) + " "
    corpus = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for name, text in corpus.items():
        assert Path(name).stem not in source
        words = _words(text)
        # five words in a row is a phrase; generic furniture wording is shorter than that
        grams = {" " + " ".join(words[i:i + 5]) + " " for i in range(len(words) - 4)}
        assert not [g for g in grams if g in flat], name
    for proper in ["BBC", "CNN", "Quint", "mosads", "Baghdadi", "AFP", "Reuters", "Nexstar", "Cable News",
                   "Time Warner", "Furqan", "Tawfeeq", "Almasy", "Mosul", "ISIS", "Android", "iOS"]:
        assert not re.search(rf"\b{re.escape(proper)}\b", source, re.IGNORECASE), proper


@pytest.mark.parametrize("line,kind", [
    ("{adslot:inline-1}", "template"),
    ("<<AD_INLINE_3>>", "template"),
    ("[ADVERTISEMENT]", "advertisement"),
    ("4 minute read", "timestamp"),
    ("Share this story: Facebook | X | WhatsApp | Email", "share_prompt"),
    ("Click here to get Example Daily alerts on WhatsApp", "app_prompt"),
])
def test_more_kinds_of_page_furniture(line: str, kind: str) -> None:
    found = find_furniture(f"Headline of a report\n\n{line}\n\nThe council met on Monday.\n")
    assert [(f.kind, f.end - f.start) for f in found] == [(kind, len(line))]


def test_reading_time_words_inside_prose_are_content() -> None:
    assert find_furniture("The eruption lasted a minute, read the report.") == []
