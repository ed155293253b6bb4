"""Tests for temporal expressions (:mod:`index.temporal`), their resolution
(:mod:`index.resolution`) and reference-date inference (:mod:`index.reference`).

Corpus sentences are copied from ``evals/corpus`` (hard-wrapped Markdown lines joined with one
space); the sports and court sentences are invented. True writing dates come from
``evals/notes/*.md`` and, for the sample corpus, from the task's ground truth.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.dates import explicit_dates
from index.loading import load_file
from index.reference import HORIZON_YEARS, infer_reference
from index.resolution import DateRange, duration_days, parse_iso, resolve
from index.segment import split_sentences
from index.sentences import split_document
from index.temporal import TimeExpr, find_time_expressions

CORPORA = Path(__file__).resolve().parents[1] / "evals" / "corpus"
D = dt.date

# (sentence, expression text, kind, value, approx)
EXPRESSIONS = [
    # --- sample corpus (militant leader's audio messages) ---
    ("Abu Bakr al-Baghdadi speaks at Mosul's Great Mosque of al-Nuri on 5 July 2014",
     "5 July 2014", "date", "2014-07-05", False),
    ("The Islamic State group (IS) has released an audio message purportedly from its leader, "
     "Abu Bakr al-Baghdadi, his first in almost in a year.", "almost in a year", "duration", "P1Y", True),
    ("Russia claimed last year that it had probably killed Baghdadi in an air strike in Syria.",
     "last year", "relative", "year-1", False),
    ("In July, IS news outlets reported that Baghdadi's son Hudhayfah had been killed.",
     "July", "relative", "month=07", False),
    ("His last audio message was released in September 2017, two months after Iraqi government "
     "forces recaptured Mosul and one month before IS militants were driven from their Syrian "
     "stronghold of Raqqa.", "September 2017", "date", "2017-09", False),
    ("His last audio message was released in September 2017, two months after Iraqi government "
     "forces recaptured Mosul and one month before IS militants were driven from their Syrian "
     "stronghold of Raqqa.", "one month before", "anchored", "-P1M", False),
    ("In the audio message published late on Wednesday, Baghdadi appeared to try to shift "
     "attention away from his group's crippling losses.", "late on Wednesday", "relative",
     "weekday=3,part=late", False),
    ("A UN report published last week said it was still estimated to have between 20,000 and "
     "30,000 fighters across the two countries.", "last week", "relative", "week-1", False),
    ("The Islamic State group released a recording Thursday of what it says is its leader.",
     "Thursday", "relative", "weekday=4", False),
    ("In his first alleged message in nearly a year and following reports of his possible death, "
     "the elusive jihadist leader called on his supporters.", "nearly a year", "duration", "P1Y", True),
    ("IS lost Ramadi in February 2016, Libya’s Sirte in December last year, and Iraq’s second city "
     "Mosul in July.", "February 2016", "date", "2016-02", False),
    ("IS lost Ramadi in February 2016, Libya’s Sirte in December last year, and Iraq’s second city "
     "Mosul in July.", "December last year", "relative", "year-1,month=12", False),
    ("IS lost Ramadi in February 2016, Libya’s Sirte in December last year, and Iraq’s second city "
     "Mosul in July.", "July", "relative", "month=07", False),
    ("Thursday’s was the first audio message said to be of Baghdadi since November 2016, when he "
     "spoke in a defiant tone.", "Thursday’s", "relative", "weekday=4", False),
    ("Thursday’s was the first audio message said to be of Baghdadi since November 2016, when he "
     "spoke in a defiant tone.", "November 2016", "date", "2016-11", False),
    ("With a $25 million US bounty on his head, Iraq-born Baghdadi has successfully avoided an "
     "intense effort to seek him out for six years or more.", "six years or more", "duration",
     "P6Y", True),
    ("On September 1, a senior US general said Baghdadi was probably still alive.",
     "September 1", "date", "--09-01", False),
    ("The date of the 46-minute recording, released via the Al-Furqan news organisation, was not "
     "clear.", "46-minute", "duration", "PT46M", False),
    ("Russia's defence ministry said earlier this year it might have killed Baghdadi in an air "
     "strike.", "earlier this year", "relative", "year+0,<ref", False),
    ("The audio recording runs for about 55 minutes.", "about 55 minutes", "duration", "PT55M", True),
    ("He refers to the sanctions the United States imposed on Turkey on August 1, \"just to release "
     "the pastor.\"", "August 1", "date", "--08-01", False),
    ("Baghdadi has made only one public appearance, in July 2014, in the al-Nuri Mosque in Mosul, "
     "which was retaken by Iraqi security forces in June last year.", "June last year", "relative",
     "year-1,month=06", False),
    ("In February, several US officials said he had been wounded in an airstrike in May 2017 and "
     "had to relinquish control of the terror group for up to five months.", "February",
     "relative", "month=02", False),
    ("In February, several US officials said he had been wounded in an airstrike in May 2017 and "
     "had to relinquish control of the terror group for up to five months.", "May 2017", "date",
     "2017-05", False),
    ("In February, several US officials said he had been wounded in an airstrike in May 2017 and "
     "had to relinquish control of the terror group for up to five months.", "up to five months",
     "duration", "P5M", True),
    ("Baghdadi had been killed in an airstrike on May 28, on the outskirts of Raqqa, which US-backed "
     "forces took back in October.", "May 28", "date", "--05-28", False),
    ("Baghdadi had been killed in an airstrike on May 28, on the outskirts of Raqqa, which US-backed "
     "forces took back in October.", "October", "relative", "month=10", False),
    ("ISIS leader Abu Bakr al-Baghdadi has broken a nearly yearlong silence as Iraqi forces entered "
     "Mosul for the first time in two years.", "nearly yearlong", "duration", "P1Y", True),
    ("ISIS leader Abu Bakr al-Baghdadi has broken a nearly yearlong silence as Iraqi forces entered "
     "Mosul for the first time in two years.", "two years", "duration", "P2Y", False),
    ("Baghdadi has not addressed ISIS followers since December 2015, when he warned Western "
     "nations.", "December 2015", "date", "2015-12", False),
    # --- volcano corpus ---
    ("Mount Orrenhal erupts for first time in 21 years, forcing 1,200 from homes", "21 years",
     "duration", "P21Y", False),
    ("Mount Orrenhal erupted early on Sunday, sending a column of ash about 6 km (20,000 ft) into "
     "the sky.", "early on Sunday", "relative", "weekday=7,part=early", False),
    ("It is the volcano's first eruption since October 1998, when a brief burst of activity lasting "
     "less than an hour dusted the island with ash.", "less than an hour", "duration", "PT1H", True),
    ("The CVO said the eruption began at 4:40 a.m. local time and lasted about six hours.",
     "about six hours", "duration", "PT6H", True),
    ("\"The mountain gave us about 48 hours of warning, which is more than we usually get,\" she "
     "said.", "about 48 hours", "duration", "PT48H", True),
    ("Seismometers had recorded a swarm of small earthquakes from Thursday evening.",
     "Thursday evening", "relative", "weekday=4,part=evening", False),
    ("\"After two decades of quiet, we should not assume it goes back to sleep,\" he said.",
     "two decades", "duration", "P20Y", False),
    ("\"This was a 9-hour eruption with sustained lava fountaining, which is quite different from "
     "what we saw in 2019,\" said Dr. Ilse Marrond.", "9-hour", "duration", "PT9H", False),
    ("\"This was a 9-hour eruption with sustained lava fountaining, which is quite different from "
     "what we saw in 2019,\" said Dr. Ilse Marrond.", "2019", "date", "2019", False),
    ("Port Edrin International Airport was closed on Tuesday morning, and the Civil Aviation "
     "Authority said it would stay shut for at least 36 hours.", "at least 36 hours", "duration",
     "PT36H", True),
    ("Its last eruption was in March last year, when the ash column reached 11 km and about 3,000 "
     "people were evacuated.", "March last year", "relative", "year-1,month=03", False),
    ("August 23, 2022 — Around 3,500 people spent the night in evacuation centres on Velmora after "
     "Mount Orrenhal erupted on Monday, the island's third eruption in less than three years.",
     "August 23, 2022", "date", "2022-08-23", False),
    ("August 23, 2022 — Around 3,500 people spent the night in evacuation centres on Velmora after "
     "Mount Orrenhal erupted on Monday, the island's third eruption in less than three years.",
     "less than three years", "duration", "P3Y", True),
    ("Sat 3 Feb 2024 14.05 local time", "Sat 3 Feb 2024", "date", "2024-02-03", False),
    ("Mount Orrenhal erupted shortly after 6 a.m. on Saturday, its fourth eruption in just over four "
     "years.", "just over four years", "duration", "P4Y", True),
    ("Saturday's was a four-hour eruption, ending at about 10 a.m.", "four-hour", "duration",
     "PT4H", False),
    ("Saturday's was a four-hour eruption, ending at about 10 a.m.", "Saturday's", "relative",
     "weekday=6", False),
    ("\"Orrenhal now erupts every 16 to 18 months. That is the pattern we are planning for,\" she "
     "said.", "16 to 18 months", "duration", "P16M..P18M", False),
    ("\"Compared with 2022 this was a short event,\" said Mirela Ostrander.", "2022", "date", "2022",
     False),
    ("He said the next eruption could come as early as mid-2025.", "mid-2025", "date", "2025-mid",
     False),
    ("Mount Orrenhal last erupted in August 2022, and before that in March 2021 and November 2019.",
     "November 2019", "date", "2019-11", False),
    ("Tourism operators said the eruption came at a difficult time, just weeks before the start of "
     "the whale-watching season.", "just weeks before", "relative", "before:weeks", False),
    # --- rates corpus ---
    ("2 March 2023", "2 March 2023", "date", "2023-03-02", False),
    ("The Bank of Norland raised its main interest rate by half a percentage point to 4.25% on "
     "Thursday, its first move in almost nine months.", "almost nine months", "duration", "P9M", True),
    ("\"We cut rates last summer because the outlook was weak.", "last summer", "relative",
     "season=SU,<ref", False),
    ("They were cutting nine months ago.", "nine months ago", "relative", "month-9", False),
    ("Consumer prices rose 6.8% in the year to January, according to Statistics Norland.",
     "January", "relative", "month=01", False),
    ("Lenders said they would raise their variable mortgage rates by 0.25 percentage points from "
     "October 1.", "October 1", "date", "--10-01", False),
    ("The Bank of Norland raised interest rates by a quarter point to 4.50% on Thursday, the highest "
     "level in 15 years.", "15 years", "duration", "P15Y", False),
    ("I would be surprised to see another hike this year,\" he said.", "this year", "relative",
     "year+0", False),
    ("September 14, 2023", "September 14, 2023", "date", "2023-09-14", False),
    ("The committee next meets on November 2.", "November 2", "date", "--11-02", False),
    ("Governor Edda Varnholt said further cuts were likely in the first half of next year if "
     "inflation kept falling.", "first half of next year", "relative", "year+1,half=1", False),
    ("Bank of Norland makes first rate cut in over two years, governor hints at more",
     "over two years", "duration", "P2Y", True),
    ("\"The governor has all but told us to expect another cut by spring,\" said Niamh Castellow.",
     "spring", "relative", "season=SP", False),
    ("Inflation was 2.9% in September, down from a peak of 7.4% in late 2022.", "late 2022", "date",
     "2022-late", False),
    ("If they cut too fast they risk having to reverse course, as they did in 2022 and 2023,\" she "
     "said.", "2023", "date", "2023", False),
    ("You have 2 free articles left this month.", "this month", "relative", "month+0", False),
    ("Dr. Oskar Vallenby said the bank could pause until the summer.", "summer", "relative",
     "season=SU", False),
    ("Economic growth stalled in the first quarter, with output flat compared with the previous "
     "three months.", "first quarter", "relative", "quarter=1", False),
    ("19 June 2025 | 12:04", "19 June 2025", "date", "2025-06-19", False),
    # --- invented: sports ---
    ("The striker, who signed a two-year contract in January 2021, scored twice on Saturday.",
     "two-year", "duration", "P2Y", False),
    ("The club last won the title in the 1990s and has not reached a final since mid-2019.",
     "1990s", "date", "199X", False),
    ("The club last won the title in the 1990s and has not reached a final since mid-2019.",
     "mid-2019", "date", "2019-mid", False),
    ("He played for the club from 2015 to 2019 and again in 2021 and 2022.", "2019", "date", "2019",
     False),
    ("The team has not lost at home since Sept. 28, 2019, a run of 41 games over nearly three years.",
     "Sept. 28, 2019", "date", "2019-09-28", False),
    ("The team has not lost at home since Sept. 28, 2019, a run of 41 games over nearly three years.",
     "nearly three years", "duration", "P3Y", True),
    ("The ceasefire in the league dispute lasted for a year and a half.", "a year and a half",
     "duration", "P1.5Y", False),
    ("Winter 2019 was mild, and the new stadium opened in summer of 2020.", "summer of 2020", "date",
     "2020-SU", False),
    ("The findings were published on Thursday, Sept. 28, 2017.", "Thursday, Sept. 28, 2017", "date",
     "2017-09-28", False),
    # --- invented: courts ---
    ("The judge adjourned the trial until 14 March, three weeks after the jury was sworn in.",
     "14 March", "date", "--03-14", False),
    ("He was sentenced to 12 years in prison on Jan. 1, 2021, and will be eligible for parole in "
     "2029.", "Jan. 1, 2021", "date", "2021-01-01", False),
    ("He was sentenced to 12 years in prison on Jan. 1, 2021, and will be eligible for parole in "
     "2029.", "12 years", "duration", "P12Y", False),
    ("The appeal was filed on 2021-09-12, a week before the deadline.", "2021-09-12", "date",
     "2021-09-12", False),
    ("The court heard the case over three days in late October, and the verdict is expected later "
     "this month.", "late October", "relative", "month=10,part=late", False),
    ("The court heard the case over three days in late October, and the verdict is expected later "
     "this month.", "later this month", "relative", "month+0,>ref", False),
    ("The court heard the case over three days in late October, and the verdict is expected later "
     "this month.", "over three days", "duration", "P3D", True),
    ("The defendant, a 34-year-old man, was held for 48 hours and released on bail yesterday.",
     "yesterday", "relative", "day-1", False),
    ("The statute was passed in the first quarter of 2020 and amended in Q3 2021.",
     "first quarter of 2020", "date", "2020-Q1", False),
    ("The hearing was postponed three times in 18 months, the latest delay coming in the spring of "
     "2023.", "spring of 2023", "date", "2023-SP", False),
]


def _find(sentence: str, text: str) -> TimeExpr:
    """The expression found at the first occurrence of ``text`` (its exact span is checked)."""
    start = sentence.index(text)
    hits = [e for e in find_time_expressions(sentence) if e.start == start]
    assert hits, f"nothing found at {text!r}: {find_time_expressions(sentence)}"
    return hits[0]


def test_expression_table_is_large_and_covers_domains() -> None:
    assert len(EXPRESSIONS) >= 60
    assert {kind for _, _, kind, _, _ in EXPRESSIONS} == {"date", "relative", "duration", "anchored"}


@pytest.mark.parametrize("sentence,text,kind,value,approx", EXPRESSIONS)
def test_expression(sentence: str, text: str, kind: str, value: str, approx: bool) -> None:
    expr = _find(sentence, text)
    assert (expr.text, expr.end, expr.kind, expr.value, expr.approx) == \
        (text, expr.start + len(text), kind, value, approx)


# (sentence, expression text, value, direction, anchor text)
ANCHORED = [
    ("His last audio message was released in September 2017, two months after Iraqi government "
     "forces recaptured Mosul and one month before IS militants were driven from Raqqa.",
     "two months after", "+P2M", 1, "Iraqi government forces recaptured Mosul"),
    ("His last recording was in November 2016, two weeks after the start of the battle to "
     "recapture the city of Mosul from Islamic State (IS).", "two weeks after", "+P2W", 1,
     "the start of the battle to recapture the city of Mosul from Islamic State"),
    ("“We will not give in,” he said, a day after Iraqi forces defeated IS fighters around Ramadi.",
     "a day after", "+P1D", 1, "Iraqi forces defeated IS fighters around Ramadi"),
    ("In July, Moscow said it was struggling to confirm if Baghdadi was dead or alive, a month after "
     "reporting his possible demise.", "a month after", "+P1M", 1, "reporting his possible demise"),
    ("CALDHAVEN — Economists were divided on Friday, a day after it lowered its main rate by a "
     "quarter point to 4.25%.", "a day after", "+P1D", 1,
     "it lowered its main rate by a quarter point to 4.25%"),
    ("The judge adjourned the trial until 14 March, three weeks after the jury was sworn in.",
     "three weeks after", "+P3W", 1, "the jury was sworn"),
    ("The appeal was filed on 2021-09-12, a week before the deadline.", "a week before", "-P1W", -1,
     "the deadline"),
    ("Police were called on Friday night, two days after the match.", "two days after", "+P2D", 1,
     "the match"),
    ("The new message comes days after Iraqi special forces entered Mosul’s city limits.",
     "days after", "after:days", 1, "Iraqi special forces entered Mosul’s city limits"),
    ("The reports emerged months after the airstrike, the officials added.", "months after",
     "after:months", 1, "the airstrike"),
    ("It happened a few days before the election and the vote was annulled.", "a few days before",
     "before:days", -1, "the election"),
    ("The ruling came two weeks after 5 July 2014, when the court sat.", "two weeks after", "+P2W",
     1, "5 July 2014"),
]


@pytest.mark.parametrize("sentence,text,value,direction,anchor", ANCHORED)
def test_anchored(sentence: str, text: str, value: str, direction: int, anchor: str) -> None:
    expr = _find(sentence, text)
    assert (expr.text, expr.value, expr.direction, expr.anchor_text) == (text, value, direction, anchor)
    assert sentence[expr.anchor_start:expr.anchor_end] == anchor
    assert expr.offset == (value[1:] if expr.kind == "anchored" else None)


@pytest.mark.parametrize("sentence", [
    "Mount Orrenhal is 2,140 m high and is considered the most active of Casterra's seven volcanoes.",
    "The summit is 2000 m high and 2016 people live below it.",  # quantities, not years
    "He scored 2019 points in his career.",  # a bare number needs a temporal cue
    "Theresa May said she would march on, and the May Day parade went ahead.",
    "Subscribe to the Post for $1 a week.",  # a rate, not a duration
    "It was the first flight since a second-stage failure.",  # an ordinal compound
    "The nine-member Monetary Policy Committee voted 7-2 for the increase.",
    "© 2023 Orrenside Dispatch Ltd.",
    "Copyright 2019 The Norland Observer.",
    "The Bank of Norland raised rates by a quarter point, and two more quarter-point cuts followed.",
    "",
])
def test_no_expression(sentence: str) -> None:
    assert find_time_expressions(sentence) == []


def test_fall_of_a_city_is_not_a_season() -> None:
    sentence = ("If it is from Baghdadi, this is the first audio message from him to be released "
                "since the fall of Raqqa in October 2017.")
    assert [(e.text, e.value) for e in find_time_expressions(sentence)] == [("October 2017", "2017-10")]


def test_an_age_is_not_a_duration() -> None:
    found = find_time_expressions("The defendant, a 34-year-old man, was held for 48 hours.")
    assert [e.text for e in found] == ["48 hours"]


def test_hard_wrapped_sentence() -> None:
    sentence = "Its last eruption was in March last year, when the ash column reached\n11 km."
    assert [e.value for e in find_time_expressions(sentence)] == ["year-1,month=03"]


def _corpus_sentences() -> list[str]:
    out = []
    for path in sorted(CORPORA.glob("*/*")):
        text = load_file(path, 5_000_000).document.text
        out += [text[s:e] for s, e in split_sentences(text)]
    return out


def test_corpus_offsets_and_explicit_dates_are_covered() -> None:
    """On every corpus sentence: spans are exact and ordered, and each date that
    ``index.dates.explicit_dates`` finds is found here too (possibly refined: ``2022-late``)."""
    for sentence in _corpus_sentences():
        found = find_time_expressions(sentence)
        _assert_well_formed(sentence, found)
        values = {e.value for e in found if e.kind == "date"}
        for iso in explicit_dates(sentence):
            assert any(v == iso or v.startswith(iso + "-") for v in values), (sentence, iso, values)


def test_absolute_dates_agree_with_dateparser() -> None:
    """dateparser is the oracle for full dates: every corpus date with a day parses the same."""
    dateparser = pytest.importorskip("dateparser")
    checked = 0
    for sentence in _corpus_sentences() + [s for s, *_ in EXPRESSIONS]:
        for expr in find_time_expressions(sentence):
            if expr.kind == "date" and len(expr.value) == 10 and expr.value[4] == "-":
                parsed = dateparser.parse(expr.text, languages=["en"],
                                          settings={"PREFER_DAY_OF_MONTH": "first"})
                assert parsed is not None and parsed.date().isoformat() == expr.value, expr
                checked += 1
    assert checked >= 8


@pytest.mark.parametrize("text", ["about " * 3000 + "years", "1" * 20_000 + " years",
                                  "and a half " * 2000, "in " * 5000 + "2019", "May 1 " * 3000])
def test_adversarial_input_is_well_formed(text: str) -> None:
    """(Its time against ordinary text: benchmarks/analysis.py.)"""
    _assert_well_formed(text, find_time_expressions(text))


def _assert_well_formed(sentence: str, found: list[TimeExpr]) -> None:
    previous_end = 0
    for expr in found:
        assert sentence[expr.start:expr.end] == expr.text and expr.text
        assert previous_end <= expr.start < expr.end <= len(sentence)
        assert expr.kind in ("date", "relative", "duration", "anchored")
        if expr.anchor_text is not None:
            assert sentence[expr.anchor_start:expr.anchor_end] == expr.anchor_text
            assert expr.anchor_start >= expr.end
        previous_end = expr.end


_TOKENS = ["in", "on", "since", "last", "this", "next", "year", "years", "month", "week", "days",
           "July", "May", "March", "Sept.", "Wednesday", "Thursday's", "late", "early", "mid-",
           "about", "almost", "nearly", "more than", "up to", "a", "an", "half", "and", "or", "to",
           "after", "before", "ago", "2019", "1998", "1990s", "5", "28", "46-minute", "-", ",", ".",
           "the", "first", "quarter", "summer", "fall of", "2021-09-12", "Q3", "hours", "or more"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=4)), max_size=25),
       st.dates(D(1900, 1, 1), D(2100, 12, 31)), st.integers(0, 400))
def test_property_never_raises_and_offsets_exact(words: list[str], day: dt.date, days: int) -> None:
    sentence = " ".join(words)
    found = find_time_expressions(sentence)
    _assert_well_formed(sentence, found)
    reference = DateRange(day, day + dt.timedelta(days=days))
    for expr in found:
        resolve(expr, reference)  # never raises; a result is a valid DateRange by construction
        resolve(expr, None)
    reference_found = infer_reference([sentence, sentence.upper()])
    assert reference_found is None or reference_found.range.start <= reference_found.range.end


# --- resolution -----------------------------------------------------------------------------------
S000 = ("Russia claimed last year that he was dead. In July, outlets reported his son had been "
        "killed. In the message published late on Wednesday, he spoke. A UN report published last "
        "week said so. Russia's defence ministry said earlier this year it might have killed him.")
S001 = ("IS lost Sirte in December last year, and Mosul in July. On September 1, a general said "
        "so. The group released a recording Thursday. Rasmussen warned on Wednesday.")
S003 = ("The mosque was retaken in June last year. In February, officials said he had been "
        "wounded. He refers to the sanctions imposed on August 1. Forces took it back in October.")
# (sentence, expression text, reference ISO (a day, a month or "start/end"), expected ISO or None)
RESOLUTIONS = [
    (S000, "last year", "2018-08-23", "2017"),
    (S000, "July", "2018-08-23", "2018-07"),
    (S000, "late on Wednesday", "2018-08-23", "2018-08-22"),
    (S000, "last week", "2018-08-23", "2018-08-13/2018-08-19"),
    (S000, "earlier this year", "2018-08-23", "2018-01-01/2018-08-23"),
    (S000, "last year", "2018-08", "2017"),
    (S000, "July", "2018-08", "2018-07"),
    (S000, "late on Wednesday", "2018-08", None),  # a month does not pin down a weekday
    (S000, "last week", "2018-08", None),
    (S000, "earlier this year", "2018-08", "2018-01-01/2018-08-31"),
    (S000, "July", "2018-06-15/2018-08-01", None),  # July 2017 or July 2018: ambiguous
    (S000, "last year", None, None),
    (S001, "December last year", "2017-09-28", "2016-12"),
    (S001, "July", "2017-09-28", "2017-07"),
    (S001, "September 1", "2017-09-28", "2017-09-01"),
    (S001, "Thursday", "2017-09-28", "2017-09-28"),
    (S001, "Wednesday", "2017-09-28", "2017-09-27"),
    (S001, "September 1", "2017-09-01/2017-11-30", "2017-09-01"),
    (S003, "June last year", "2018-08-23", "2017-06"),
    (S003, "February", "2018-08-23", "2018-02"),
    (S003, "August 1", "2018-08-23", "2018-08-01"),
    (S003, "October", "2018-08-23", "2017-10"),
    ("Its last eruption was in March last year.", "March last year", "2022-08-22", "2021-03"),
    ("Mount Orrenhal erupted again on Monday.", "Monday", "2022-08-22", "2022-08-22"),
    ("Minister Halvard Sehn on Tuesday announced a fund.", "Tuesday", "2022-08-24", "2022-08-23"),
    ("She became director of the Civil Protection Agency last year.", "last year", "2024-02-03", "2023"),
    ("Officials raised the number evacuated during Saturday's eruption.", "Saturday's", "2024-02-06",
     "2024-02-03"),
    ("In July, a parliamentary committee recommended moving the school.", "July", "2024-02-06",
     "2023-07"),
    ("We cut rates last summer because the outlook was weak.", "last summer", "2023-03-02",
     "2022-06-01/2022-08-31"),
    ("They were cutting nine months ago.", "nine months ago", "2023-03-02", "2022-06"),
    ("It was the bank's first move since March.", "March", "2023-09-14", "2023-03"),
    ("Statistics Norland said last week.", "last week", "2023-09-14", "2023-09-04/2023-09-10"),
    ("I would be surprised to see another hike this year.", "this year", "2023-09-14", "2023"),
    ("The last time it moved rates was in September last year.", "September last year",
     "2024-11-07", "2023-09"),
    ("Further cuts were likely in the first half of next year.", "first half of next year",
     "2024-11-07", "2025-01-01/2025-06-30"),
    ("At Thursday's press conference, she refused to commit.", "Thursday's", "2024-11-08",
     "2024-11-07"),
    ("The bank's last move was in November.", "November", "2025-06-19", "2024-11"),
    ("Inflation fell to 2.2% in May, Statistics Norland said on Tuesday.", "Tuesday", "2025-06-19",
     "2025-06-17"),
    ("Economic growth stalled in the first quarter.", "first quarter", "2025-06-19",
     "2025-01-01/2025-03-31"),
    ("Two more cuts by mid-2025.", "mid-2025", None, "2025-05-01/2025-08-31"),
    ("The date of the 46-minute recording was not clear.", "46-minute", "2017-09-28", None),
    ("Economists were divided, a day after it lowered its main rate.", "a day after", "2024-11-08",
     None),  # the anchor is an event, not a date
    ("The ruling came two weeks after 5 July 2014.", "two weeks after", None, "2014-07-19"),
    ("The club last won the title in the 1990s.", "1990s", None, "1990-01-01/1999-12-31"),
    ("The club peaked in the late 1990s.", "late 1990s", None, "1997-01-01/1999-12-31"),
    ("Winter 2019 was mild.", "Winter 2019", None, "2019-12-01/2020-02-29"),
    ("She ran faster than last spring.", "last spring", "2023-03-02", "2022-03-01/2022-05-31"),
    ("The verdict is expected later this month.", "later this month", "2023-10-12",
     "2023-10-12/2023-10-31"),
    ("He was released on bail yesterday.", "yesterday", "2021-03-01", "2021-02-28"),
    ("The hearing is on 29 February.", "29 February", "2023-03-01", "2020-02-29"),
]
# The latest-occurrence rule reads everything as past; these are future or narrative-time uses.
KNOWN_MISSES = [
    (S003.replace("June last year", "x") + " He was killed in an airstrike on May 28.", "May 28",
     "2018-08-23", "2017-05-28"),  # "At the time, …": narrative time, not the writing date
    ("The Civil Aviation Authority said it would review the closure on Tuesday.", "Tuesday",
     "2022-08-22", "2022-08-23"),
    ("The committee's next decision is due in April.", "April", "2023-03-02", "2023-04"),
    ("Lenders would raise their rates from October 1.", "October 1", "2023-09-14", "2023-10-01"),
]


def _reference(iso: str | None) -> DateRange | None:
    if iso is None:
        return None
    if "/" in iso:
        start, end = iso.split("/")
        return DateRange(D.fromisoformat(start), D.fromisoformat(end))
    return parse_iso(iso)


@pytest.mark.parametrize("sentence,text,reference,expected", RESOLUTIONS + [
    pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason="future/narrative time"))
    for case in KNOWN_MISSES])
def test_resolve(sentence: str, text: str, reference: str | None, expected: str | None) -> None:
    got = resolve(_find(sentence, text), _reference(reference))
    assert (got.iso() if got else None) == expected


@pytest.mark.parametrize("rng,iso", [
    (DateRange(D(2017, 1, 1), D(2017, 12, 31)), "2017"),
    (DateRange(D(2017, 9, 1), D(2017, 9, 30)), "2017-09"),
    (DateRange(D(2024, 2, 1), D(2024, 2, 29)), "2024-02"),
    (DateRange(D(2017, 9, 14), D(2017, 9, 14)), "2017-09-14"),
    (DateRange(D(2017, 8, 20), D(2017, 9, 3)), "2017-08-20/2017-09-03"),
    (DateRange(D(2017, 9, 1), D(2017, 9, 29)), "2017-09-01/2017-09-29"),
])
def test_date_range_iso(rng: DateRange, iso: str) -> None:
    assert rng.iso() == iso
    assert parse_iso(iso) == rng or "/" in iso


def test_date_range_rejects_empty() -> None:
    with pytest.raises(ValueError):
        DateRange(D(2020, 1, 2), D(2020, 1, 1))


@pytest.mark.parametrize("sentence,text,low_months,high_months", [
    ("his first in almost a year", "almost a year", 9, 12),
    ("for the first time in more than two years", "more than two years", 24, 36),
    ("its third eruption in less than three years", "less than three years", 0, 36),
    ("erupts for first time in 21 years", "21 years", 246, 264),
    ("lasted about six hours", "about six hours", 0, 0.01),
])
def test_duration_days(sentence: str, text: str, low_months: float, high_months: float) -> None:
    low, high = duration_days(_find(sentence, text))
    assert low == pytest.approx(low_months * 30.4375, rel=0.02, abs=0.5)
    assert high == pytest.approx(high_months * 30.4375, rel=0.02, abs=0.5)


# --- reference inference --------------------------------------------------------------------------
# file → true writing date (notes; seeds from the task's ground truth)
TRUE_DATES = {
    "seeds/000": "2018-08-23", "seeds/001": "2017-09-28", "seeds/002": "2017-09-28",
    "seeds/003": "2018-08-23", "seeds/004": "2016-11-03",
    "volcano/001": "2019-11-17", "volcano/002": "2021-03-09", "volcano/003": "2021-03-09",
    "volcano/004": "2022-08-22", "volcano/005": "2022-08-23", "volcano/006": "2022-08-24",
    "volcano/007": "2024-02-03", "volcano/008": "2024-02-06",
    "rates/001": "2023-03-02", "rates/002": "2023-09-14", "rates/003": "2023-09-14",
    "rates/004": "2023-09-14", "rates/005": "2024-11-07", "rates/006": "2024-11-07",
    "rates/007": "2024-11-08", "rates/008": "2025-06-19",
}
# Documents whose content sentences hold no year at all: nothing to infer from.
NO_EVIDENCE = {"volcano/006", "rates/002", "rates/003", "rates/004"}
# Expected inferred ranges where the text bounds them on both sides.
EXPECTED = {
    "seeds/000": "2018-07-01/2018-09-30", "seeds/001": "2017-09-01/2017-11-30",
    "seeds/002": "2017-08-01/2017-11-30", "seeds/003": "2018-08-01/2018-10-31",
    "seeds/004": "2016-09-01/2016-12-31", "rates/001": "2023-01-01/2023-03-31",
    "rates/005": "2024-06-01/2025-06-30", "volcano/001": "2019-04-01/2020-10-31",
    "volcano/005": "2022-08-23",
}
HORIZON_DAYS = HORIZON_YEARS * 366


def _load(key: str):
    folder, number = key.split("/")
    path = next((CORPORA / folder).glob(f"{number}_*"))
    loaded = load_file(path, 5_000_000)
    return loaded.document, split_document(loaded.document, loaded.furniture)


@pytest.mark.parametrize("key", sorted(TRUE_DATES))
def test_infer_from_content_sentences(key: str) -> None:
    """The pipeline's view: content sentences only, no publication date given."""
    document, sentences = _load(key)
    ref = infer_reference([s.text for s in sentences if s.content])
    if key in NO_EVIDENCE:
        assert ref is None
        return
    assert ref is not None and ref.range.contains(D.fromisoformat(TRUE_DATES[key])), ref
    assert (ref.range.end - ref.range.start).days <= HORIZON_DAYS
    assert ref.how and ref.evidence
    if key in EXPECTED:
        assert ref.range.iso() == EXPECTED[key], ref.how


@pytest.mark.parametrize("key", sorted(TRUE_DATES))
def test_infer_from_all_sentences(key: str) -> None:
    """Every sentence of the text, furniture included: copyright years must not mislead, and a
    dateline, when the page has one, gives the day."""
    document, _ = _load(key)
    sentences = [document.text[s:e] for s, e in split_sentences(document.text)]
    ref = infer_reference(sentences)
    truth = D.fromisoformat(TRUE_DATES[key])
    assert ref is None or ref.range.contains(truth), ref
    if document.meta.published and key != "volcano/002":  # 002's dateline is HTML, not text
        assert ref.range == DateRange(truth, truth) and ref.how.startswith("dateline")


# Documents whose dateline the loader reads as the publication date (notes: "Publication dates").
DATED = ["rates/001", "rates/003", "rates/006", "rates/008", "volcano/002", "volcano/005",
         "volcano/007"]


@pytest.mark.parametrize("key", DATED)
def test_infer_uses_stated_publication_date(key: str) -> None:
    document, sentences = _load(key)
    assert document.meta.published == TRUE_DATES[key]
    ref = infer_reference([s.text for s in sentences], published=document.meta.published)
    assert ref == infer_reference([], published=document.meta.published)
    assert ref.range == parse_iso(document.meta.published) and ref.how == "stated publication date"


def test_infer_explains_the_gap_reasoning() -> None:
    _, sentences = _load("seeds/001")
    texts = [s.text for s in sentences if s.content]
    ref = infer_reference(texts)
    for phrase in ("'November 2016'", "'September 1'", "'nearly a year'"):
        assert phrase in ref.how
    used = " ".join(texts[i] for i in ref.evidence)
    assert "since November 2016" in used and "On September 1" in used and "nearly a year" in used


@pytest.mark.parametrize("sentences,expected", [
    ([], None),
    (["The mountain erupted on Sunday."], None),
    (["The next meeting is due in 2030.", "© 2023 Example Ltd."], None),
    (["LONDON, 5 March 2021 — The court sat on Friday."], "2021-03-05"),
    (["Published 9 March 2021"], "2021-03-09"),
    # courts: "first … in more than two years" + the previous ruling; January comes after it
    (["The appeal court ruled on Tuesday, its first ruling in the case in more than two years.",
      "The previous ruling came in March 2019, when the lower court acquitted him.",
      "In January, prosecutors filed new evidence."], "2021-03-01/2022-03-31"),
    # sports: "first title in 21 years" + "its last title came in May 1998"
    (["The club won its first title in 21 years on Saturday.",
      "Its last title came in May 1998, under a different owner."], "2018-11-01/2020-05-31"),
    # only a lower bound: closed by the horizon, and "how" says it is assumed
    (["The striker joined in January 2021."], "2021-01-01/2024-01-01"),
])
def test_infer_invented(sentences: list[str], expected: str | None) -> None:
    ref = infer_reference(sentences)
    assert (ref.range.iso() if ref else None) == expected
    if ref and "/" in expected and "first" not in " ".join(sentences):
        assert "assumed" in ref.how


def test_future_dates_are_not_lower_bounds() -> None:
    ref = infer_reference(["Its last eruption was in August 2022.",
                           "He said the next eruption could come as early as mid-2025.",
                           "Two more cuts are expected by mid-2026."])
    assert ref.range.start == D(2022, 8, 1)
