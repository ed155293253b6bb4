"""Tests for :mod:`assistant.entities`: tables of cases, properties and a speed floor.

Sentences come from the three sample corpora (seeds: a militant leader's audio messages;
volcano and rates: invented) plus invented sentences from two more domains (sports, courts).
Each table row names the corpus it comes from in its id.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.entities import Entity, find_entities, people, places, same_entity
from assistant.speakers import speaker_of
from index.segment import split_sentences

CORPORA = Path(__file__).resolve().parents[1] / "evals" / "corpus"
KINDS = {"person", "place", "organization", "other"}
ANY = object()  # "the role is not checked"


def assert_well_formed(text: str, ents: list[Entity]) -> None:
    """The contract: exact surface text, sorted, non-overlapping, a known kind."""
    prev_end = 0
    for e in ents:
        assert text[e.start:e.end] == e.text and e.text, e
        assert prev_end <= e.start < e.end, (prev_end, e)
        assert e.kind in KINDS and isinstance(e.key, str)
        prev_end = e.end


# (id, sentence, {entity text: (kind, role or ANY)}, texts that must not be an entity)
ENTITY_CASES = [
    ("seeds-leader-apposition",
     "The Islamic State group (IS) has released an audio message purportedly from its leader, "
     "Abu Bakr al-Baghdadi, his first in almost in a year.",
     {"Islamic State": ("organization", None), "IS": ("organization", None),
      "Abu Bakr al-Baghdadi": ("person", "leader")}, ()),
    ("seeds-possessive-place",
     "Abu Bakr al-Baghdadi speaks at Mosul's Great Mosque of al-Nuri on 5 July 2014",
     {"Mosul": ("place", None), "Great Mosque of al-Nuri": ("place", None)}, ("July",)),
    ("seeds-month-not-place",
     "In July, IS news outlets reported that Baghdadi's son Hudhayfah had been killed during an "
     "IS \"commando operation\" in the Syrian province of Homs.",
     {"IS": ("organization", None), "Baghdadi": ("person", None), "Homs": ("place", None)},
     ("July", "In July", "Syrian")),
    ("seeds-city-of",
     "Baghdadi - an Iraqi whose real name is Ibrahim Awwad Ibrahim al-Badri - has not been seen in "
     "public since he proclaimed the creation of a \"caliphate\" from the pulpit of the Great "
     "Mosque of al-Nuri in the northern Iraqi city of Mosul in July 2014.",
     {"Mosul": ("place", None), "Great Mosque of al-Nuri": ("place", None)}, ("Iraqi",)),
    ("seeds-demonyms",
     "His last audio message was released in September 2017, two months after Iraqi government "
     "forces recaptured Mosul and one month before IS militants were driven from their Syrian "
     "stronghold of Raqqa by a US-backed alliance of Kurdish and Arab fighters.",
     {"Raqqa": ("place", None), "US": ("place", None), "IS": ("organization", None)},
     ("Iraqi", "Syrian", "Kurdish", "US-backed", "September")),
    ("seeds-bbc-reporter",
     "In the audio message published late on Wednesday, Baghdadi appeared to try to shift "
     "attention away from his group's crippling losses, says the BBC's Martin Patience in Beirut.",
     {"BBC": ("organization", None), "Martin Patience": ("person", None),
      "Beirut": ("place", None)}, ("Wednesday",)),
    ("seeds-geo-suffixes",
     "IS militants are also hiding out in Iraq's Anbar desert, the Ghadaf valley and Husseiniya.",
     {"Iraq": ("place", None), "Anbar": ("place", None), "Ghadaf": ("place", None)}, ()),
    ("seeds-province-of",
     "The group still controls small pockets of territory in the eastern Syrian province of Deir "
     "al-Zour, where it has been able to extract and sell some oil.",
     {"Deir al-Zour": ("place", None)}, ("Syrian",)),
    ("seeds-spokeswoman",
     "Russian foreign ministry spokeswoman Maria Zakharova told AFP: \"I have no information about "
     "this recording.\"",
     {"Maria Zakharova": ("person", "foreign ministry spokeswoman"),
      "AFP": ("organization", None)}, ("Russian",)),
    ("seeds-counterterrorism-chief",
     "But US counterterrorism chief Nick Rasmussen warned on Wednesday the global threat posed by "
     "IS had not been diminished by its battlefield defeats in Iraq and Syria.",
     {"Nick Rasmussen": ("person", "counterterrorism chief"), "Iraq": ("place", None),
      "Syria": ("place", None), "US": ("place", None)}, ()),
    ("seeds-coordinated-places",
     "Baghdadi's group has claimed its members were behind deadly attacks carried out worldwide, "
     "including in Paris, London and Barcelona.",
     {"Paris": ("place", None), "London": ("place", None), "Barcelona": ("place", None)}, ()),
    ("seeds-capt-spokesperson",
     "\"US Central Command is aware of the alleged audio recording,\" Central Command spokesperson "
     "Capt. William Urban said.",
     {"US Central Command": ("organization", None), "Central Command": ("organization", None),
      "Capt. William Urban": ("person", "spokesperson")}, ()),
    ("seeds-defense-secretary",
     "\"That is proceeding according to plan,\" Defense Secretary Ash Carter said Wednesday.",
     {"Ash Carter": ("person", "Defense Secretary")}, ("Defense Secretary Ash Carter",)),
    ("seeds-col-rank",
     "Col. John Dorrian told reporters at a briefing.",
     {"Col. John Dorrian": ("person", "Col.")}, ()),
    ("seeds-pastor",
     "He refers to the sanctions the United States imposed on Turkey on August 1, referring to US "
     "pastor Andrew Brunson, who is detained in Turkey.",
     {"United States": ("place", None), "Turkey": ("place", None),
      "Andrew Brunson": ("person", "pastor")}, ("August",)),
    ("seeds-nyt-title",
     "\"Know that the value of staying on your land is better,\" he said in an audio recording, "
     "according to a translation from The New York Times.",
     {"New York Times": ("organization", None)}, ("Know",)),
    ("volcano-mount-island",
     "Mount Orrenhal, the volcano that towers over the northern half of Velmora island, erupted "
     "early on Sunday, sending a column of ash about 6 km (20,000 ft) into the sky.",
     {"Mount Orrenhal": ("place", None), "Velmora": ("place", None)}, ("Sunday",)),
    ("volcano-acronym-definition",
     "The Casterra Volcano Observatory (CVO) said the eruption began at 4:40 a.m. local time.",
     {"Casterra Volcano Observatory": ("organization", None), "CVO": ("organization", None)},
     ()),
    ("volcano-village-of",
     "About 1,200 people were evacuated from Tellimar and the neighbouring village of Vasko Bay, "
     "the Civil Protection Agency said.",
     {"Tellimar": ("place", None), "Vasko Bay": ("place", None),
      "Civil Protection Agency": ("organization", None)}, ()),
    ("volcano-agency-director",
     "\"We moved everybody out of the red zone before first light,\" agency director Jonas Feraud "
     "told reporters in Tellimar.",
     {"Jonas Feraud": ("person", "agency director"), "Tellimar": ("place", None)}, ()),
    ("volcano-head-of",
     "Dr. Ilse Marrond, head of the CVO, said seismometers on the volcano's eastern flank had "
     "recorded a swarm of small earthquakes from Thursday evening.",
     {"Dr. Ilse Marrond": ("person", "head"), "CVO": ("organization", None)}, ("Thursday",)),
    ("volcano-mayor-before",
     "Tellimar's mayor, Katrin Ohlsand, said schools in the town would stay closed on Monday and "
     "Tuesday.",
     {"Tellimar": ("place", None), "Katrin Ohlsand": ("person", "mayor")},
     ("Monday", "Tuesday")),
    ("volcano-geologist-university",
     "Prof. Aurel Tamsin, a geologist at the University of Port Edrin, said Sunday's eruption was "
     "\"modest by Orrenhal's standards\".",
     {"Prof. Aurel Tamsin": ("person", "geologist"),
      "University of Port Edrin": ("organization", None)}, ("Sunday",)),
    ("volcano-interior-minister",
     "Interior Minister Halvard Sehn, who flew to Velmora on Tuesday afternoon, promised $4.5 "
     "million in emergency aid for the island.",
     {"Halvard Sehn": ("person", "Interior Minister"), "Velmora": ("place", None)}, ()),
    ("volcano-dateline",
     "PORT EDRIN, Casterra (NPA) - Mount Orrenhal on the Casterra island of Velmora erupted on "
     "Tuesday, officials said.",
     {"PORT EDRIN": ("place", None), "Casterra": ("place", None), "NPA": ("organization", None),
      "Mount Orrenhal": ("place", None), "Velmora": ("place", None)}, ()),
    ("volcano-nation-apposition",
     "Casterra, an archipelago nation of about 2.3 million people, sits on a volcanic arc.",
     {"Casterra": ("place", None)}, ()),
    ("volcano-who-clause",
     "\"Every time the mountain wakes up, our bookings fall by half,\" said Lia Brandvold, who "
     "runs a guesthouse in Brennock.",
     {"Lia Brandvold": ("person", None), "Brennock": ("place", None)}, ()),
    ("volcano-hard-wrapped",
     "The ash column was smaller this time, rising to about 7 km (23,000 ft),\nbut the lava flow "
     "was far larger, Dr. Samir Velcott, the duty\nvolcanologist at the CVO, said on Monday night.",
     {"Dr. Samir Velcott": ("person", ANY), "CVO": ("organization", None)}, ()),
    ("volcano-sentence-initial-noun",
     "Evacuees were taken by bus and ferry to centres in Brennock and Keswade, on the island's "
     "south coast.",
     {"Brennock": ("place", None), "Keswade": ("place", None)}, ("Evacuees",)),
    ("volcano-un-dotted",
     "A four-member U.N. disaster assessment team was due to arrive in Brennock on Thursday.",
     {"U.N.": ("organization", None), "Brennock": ("place", None)}, ()),
    ("rates-governor-title",
     "\"The outlook has changed, and so must we,\" Governor Edda Varnholt told a press conference "
     "in Caldhaven.",
     {"Edda Varnholt": ("person", "Governor"), "Caldhaven": ("place", None)},
     ("Governor Edda Varnholt",)),
    ("rates-chief-economist",
     "\"A half-point move tells you the bank is worried it fell behind,\" said Niamh Castellow, "
     "chief economist at Rennick Capital.",
     {"Niamh Castellow": ("person", "chief economist"), "Rennick Capital": ("organization", None)},
     ()),
    ("rates-finance-minister",
     "Finance Minister Piet Aurangel said the government respected the bank's independence.",
     {"Piet Aurangel": ("person", "Finance Minister")}, ()),
    ("rates-bank-of",
     "The Bank of Norland raised its main interest rate by half a percentage point to 4.25% on "
     "Thursday, its first move in almost nine months.",
     {"Bank of Norland": ("organization", None)}, ("Thursday", "The Bank of Norland")),
    ("rates-deputy-governor",
     "Deputy Governor Tobias Kreel was among the members who voted to keep rates on hold, the "
     "minutes showed.",
     {"Tobias Kreel": ("person", "Deputy Governor")}, ()),
    ("rates-org-then-role",
     "Skarvik Securities economist Marguerite Ashdown-Pyke said the weaker crown could delay "
     "further cuts.",
     {"Skarvik Securities": ("organization", None),
      "Marguerite Ashdown-Pyke": ("person", "economist")}, ()),
    ("rates-second-city",
     "House prices in Port Rennick, the country's second city, have fallen 3.2% since March, "
     "according to the Norland Property Index.",
     {"Port Rennick": ("place", None), "Norland Property Index": ("other", None)}, ("March",)),
    ("rates-of-org",
     "Niamh Castellow of Rennick Capital expects two more quarter-point cuts by mid-2025, while "
     "Dr. Oskar Vallenby of Caldhaven University said the bank could pause until the summer.",
     {"Niamh Castellow": ("person", None), "Rennick Capital": ("organization", None),
      "Dr. Oskar Vallenby": ("person", None), "Caldhaven University": ("organization", None)},
     ()),
    ("rates-lenders",
     "Mortgage lenders Crownhold Bank and Coastal Mutual said they would lower their variable "
     "rates by 0.25 percentage points from December 1.",
     {"Crownhold Bank": ("organization", None), "Coastal Mutual": ("organization", None)},
     ("December",)),
    ("rates-chamber-of",
     "\"Every quarter point lands on the kitchen table,\" said Rafael Quennell, president of the "
     "Port Rennick Chamber of Commerce.",
     {"Rafael Quennell": ("person", "president"),
      "Port Rennick Chamber of Commerce": ("organization", None)}, ()),
    ("rates-dateline-caps",
     "CALDHAVEN — Economists were divided on Friday over how quickly the Bank of Norland will cut "
     "interest rates again.",
     {"CALDHAVEN": ("place", None), "Bank of Norland": ("organization", None)},
     ("Economists", "Friday")),
    ("rates-byline",
     "By Arvid Tellstrom and Priya Castellane-Obi",
     {"Arvid Tellstrom": ("person", None), "Priya Castellane-Obi": ("person", None)}, ("By",)),
    ("sports-coach",
     "\"We were second best for an hour,\" Harlow Rovers coach Dana Whitcombe said after the 2-0 "
     "defeat at Eastmoor Park.",
     {"Harlow Rovers": ("organization", None), "Dana Whitcombe": ("person", "coach"),
      "Eastmoor Park": ("place", None)}, ()),
    ("sports-initial-role",
     "Striker Tomas Reinholt, who scored twice, said the team had finally found its rhythm.",
     {"Tomas Reinholt": ("person", "Striker")}, ("Striker Tomas Reinholt",)),
    ("sports-stadium",
     "The match at Calloway Stadium was abandoned in the 70th minute after floodlights failed.",
     {"Calloway Stadium": ("place", None)}, ()),
    ("sports-club-transfer",
     "Midfielder Aya Brennan-Quist joined from Port Selwyn United in January.",
     {"Aya Brennan-Quist": ("person", "Midfielder"),
      "Port Selwyn United": ("organization", None)}, ("January",)),
    ("sports-lowercase-role",
     "League chairman Oliver Stroud said the fixture would be replayed.",
     {"Oliver Stroud": ("person", "chairman")}, ("League",)),
    ("courts-judge",
     "Judge Miriam Okafor-Hale adjourned the hearing until March 3.",
     {"Miriam Okafor-Hale": ("person", "Judge")}, ("March",)),
    ("courts-plural-possessive-name",
     "The jury at Kellford Magistrates' Court heard that Mr. Dane had lived in Westbury since "
     "2011.",
     {"Kellford Magistrates' Court": ("organization", None), "Mr. Dane": ("person", None),
      "Westbury": ("place", None)}, ()),
    ("courts-court-of",
     "The Supreme Court of Arvenia ruled 5-4 that the law was unconstitutional.",
     {"Supreme Court of Arvenia": ("organization", None)}, ()),
    ("courts-company-apposition",
     "According to court filings, the company, Meridale Holdings Ltd, owed creditors $4 million.",
     {"Meridale Holdings Ltd": ("organization", None)}, ("According",)),
    ("courts-prosecutor-fled-to",
     "Prosecutor Helen Vasquez said the defendant had fled to Lisbury after the robbery.",
     {"Helen Vasquez": ("person", "Prosecutor"), "Lisbury": ("place", None)}, ()),
]


@pytest.mark.parametrize("sentence,expected,absent",
                         [pytest.param(*c[1:], id=c[0]) for c in ENTITY_CASES])
def test_entities(sentence: str, expected: dict, absent: tuple) -> None:
    ents = find_entities(sentence)
    assert_well_formed(sentence, ents)
    by_text = {e.text: e for e in ents}
    for text, (kind, role) in expected.items():
        assert text in by_text, (text, [(e.kind, e.text) for e in ents])
        assert by_text[text].kind == kind, by_text[text]
        assert role is ANY or by_text[text].role == role, by_text[text]
    for text in absent:
        assert text not in by_text, by_text[text]


# (id, sentence, speaker text or None, kind, role or ANY)
SPEAKER_CASES = [
    ("seeds-capt", "\"US Central Command is aware of the alleged audio recording,\" Central "
     "Command spokesperson Capt. William Urban said.", "Capt. William Urban", "person",
     "spokesperson"),
    ("seeds-quoted-as-saying", "\"For the Mujahideen the scale of victory is not dependent on a "
     "city,\" Reuters news agency quoted the recording as saying.", "the recording", "other", None),
    ("seeds-pronoun", "\"Oh Caliphate soldiers... trust in God's promise,\" he added.", "he",
     "person", None),
    ("seeds-inverted-possessor", "Baghdadi appeared to try to shift attention away from his "
     "group's crippling losses, says the BBC's Martin Patience in Beirut.", "Martin Patience",
     "person", None),
    ("seeds-surname-only", "When asked whether that meant US officials believe the ISIS leader "
     "is alive, Urban said, \"Yes.\"", "Urban", "person", None),
    ("seeds-told", "Russian foreign ministry spokeswoman Maria Zakharova told AFP: \"I have no "
     "information about this recording.\"", "Maria Zakharova", "person", ANY),
    ("seeds-unnamed-general", "On September 1, a senior US general said Baghdadi was probably "
     "still alive.", "a senior US general", "person", "general"),
    ("seeds-spokesman-for", "A spokesman for the U.S.-led coalition said Thursday the military "
     "hasn't verified the recording's authenticity.", "A spokesman for the U.S.-led coalition",
     "person", "spokesman"),
    ("seeds-source", "\"We are aware of the audio tape,\" the source said in a statement.",
     "the source", "other", None),
    ("seeds-not-the-object", "In February, several US officials who spoke exclusively to CNN said "
     "he had been wounded in an airstrike.", None, None, None),
    ("seeds-according-to", "\"To all the people of Nineveh, beware of any weakness,\" he said, "
     "according to The Guardian.", "he", "person", None),
    ("seeds-not-passive", "The voice said to belong to Baghdadi listed his group's defeats.", None,
     None, None),
    ("volcano-appositive", "Dr. Ilse Marrond, head of the CVO, said seismometers had recorded a "
     "swarm of small earthquakes.", "Dr. Ilse Marrond", "person", "head"),
    ("volcano-who-clause", "\"Compared with 2022 this was a short event, but we took no "
     "chances,\" said Mirela Ostrander, who became director of the Civil Protection Agency last "
     "year.", "Mirela Ostrander", "person", None),
    ("volcano-mayor-comma", "Tellimar's mayor, Katrin Ohlsand, said residents were exhausted.",
     "Katrin Ohlsand", "person", "mayor"),
    ("volcano-org-trailing", "The eruption lasted about 14 hours, ending just before midnight, "
     "the Casterra Volcano Observatory said.", "Casterra Volcano Observatory", "organization",
     None),
    ("volcano-acronym-parenthesis", "The Casterra Volcano Observatory (CVO) said the eruption "
     "started at 2:15 a.m.", "Casterra Volcano Observatory", "organization", None),
    ("volcano-unnamed-spokesman", "An observatory spokesman said the ash column had peaked at "
     "about 8 km.", "An observatory spokesman", "person", "spokesman"),
    ("volcano-according-to", "The eruption began at 9:30 a.m., according to the Casterra Volcano "
     "Observatory (CVO).", "Casterra Volcano Observatory", "organization", None),
    ("rates-of-org-said", "Prof. Hedda Marchetti of the Caldhaven School of Economics said the "
     "bank was right to move cautiously.", "Prof. Hedda Marchetti", "person", None),
    ("rates-declined-to-say", "Governor Edda Varnholt declined to say whether further cuts would "
     "follow.", "Edda Varnholt", "person", "Governor"),
    ("rates-she", "\"We have made one cut,\" she said.", "she", "person", None),
    ("rates-no-speaker", "The Monetary Policy Committee voted 8-1, with one member preferring to "
     "wait until December.", None, None, None),
    ("sports-coach", "\"We were second best for an hour,\" Harlow Rovers coach Dana Whitcombe "
     "said after the defeat.", "Dana Whitcombe", "person", "coach"),
    ("courts-lawyer", "\"The evidence does not support the charge,\" defence lawyer Kwame Adjei "
     "told the court.", "Kwame Adjei", "person", "defence lawyer"),
    ("courts-inverted", "\"Justice has been done,\" said Ruth Mbeki-Lowe, the victim's mother.",
     "Ruth Mbeki-Lowe", "person", None),
]


@pytest.mark.parametrize("sentence,text,kind,role",
                         [pytest.param(*c[1:], id=c[0]) for c in SPEAKER_CASES])
def test_speaker_of(sentence: str, text: str | None, kind: str | None, role: object) -> None:
    got = speaker_of(sentence)
    if text is None:
        assert got is None, got
        return
    assert got is not None and got.text == text and got.kind == kind, got
    assert sentence[got.start:got.end] == got.text
    assert role is ANY or got.role == role, got


SAME_CASES = [
    ("Capt. William Urban", "Urban", True),
    ("Baghdadi", "Abu Bakr al-Baghdadi", True),
    ("al-Baghdadi", "Abu Bakr al-Baghdadi", True),
    ("Baghdadi's", "Baghdadi", True),
    ("Abu Bakr Al-Baghdadi", "Abu Bakr al-Baghdadi", True),
    ("Governor Edda Varnholt", "Varnholt", True),
    ("Dr. Oskar Vallenby", "Oskar Vallenby", True),
    ("J. Smith", "John Smith", True),
    ("John Smith", "Jane Smith", False),
    ("Mosul's", "Mosul", True),
    ("CVO", "Casterra Volcano Observatory", True),
    ("ISIS", "Islamic State in Iraq and Syria", True),
    ("IS", "Islamic State", True),
    ("Port Rennick", "Rennick", False),
    ("Rennick Capital", "Capital", False),
    ("University of Port Edrin", "Edrin", False),
    ("Marguerite Ashdown-Pyke", "Ashdown-Pyke", True),
    ("Edda Varnholt", "Tobias Kreel", False),
    ("", "Urban", False),
]


@pytest.mark.parametrize("a,b,same", SAME_CASES)
def test_same_entity(a: str, b: str, same: bool) -> None:
    assert same_entity(a, b) is same
    assert same_entity(b, a) is same


def test_document_context_reaches_bare_surnames() -> None:
    """A bare, sentence-initial surname is a person once the text has given the full name."""
    doc = ("Islamic State leader Abu Bakr Al-Baghdadi has exhorted followers across the world.\n"
           "Baghdadi appeared before thousands of faithful.")
    bare = [e for e in find_entities(doc) if e.text == "Baghdadi"]
    assert [e.kind for e in bare] == ["person"]
    assert find_entities("Baghdadi appeared before thousands of faithful.") == []
    known = find_entities("Baghdadi appeared before thousands.", known=["Abu Bakr al-Baghdadi"])
    assert [(e.kind, e.text) for e in known] == [("person", "Baghdadi")]


def test_acronym_takes_the_long_names_key() -> None:
    text = ("The Casterra Volcano Observatory (CVO) said the eruption began at dawn. "
            "Later the CVO said it had ended.")
    keys = {e.key for e in find_entities(text) if e.text in ("CVO", "Casterra Volcano Observatory")}
    assert keys == {"casterra volcano observatory"}


def test_people_and_places_filters() -> None:
    text = "Agency director Jonas Feraud said evacuation centres had been set up in Ruskadal."
    assert [e.text for e in people(text)] == ["Jonas Feraud"]
    assert [e.text for e in places(text)] == ["Ruskadal"]


WORDS = ["Mr.", "Dr.", "al-", "Abu", "Bakr", "Mosul's", "Port", "Edrin", "Bank", "of", "the",
         "said", "told", "in", "at", "US", "U.S.", "(CVO)", "Governor", "spokesman", ",", "\"",
         "—", "\n", "he", "July", "Iraqi", "who", "according", "to", "quoted", "as", "saying",
         "X", "’s", "'", "Inc.", "&", "ISIS-held", "CaldhavenImage", "_AD_", "{x}", ".", ":"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join),
                 st.lists(st.sampled_from(WORDS), max_size=30).map("".join)))
def test_never_raises_and_offsets_are_exact(text: str) -> None:
    assert_well_formed(text, find_entities(text))
    got = speaker_of(text)
    assert got is None or text[got.start:got.end] == got.text
    for a in ("Urban", text[:12]):
        assert same_entity(a, text) == same_entity(text, a)


def _corpus_sentences() -> list[str]:
    sentences = []
    for path in sorted(CORPORA.glob("*/*")):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = re.sub(r"<[^>]+>", "", text)
        sentences += [text[s:e] for s, e in split_sentences(text)]
    return sentences


def test_corpus_sentences_are_well_formed() -> None:
    """(Speed: benchmarks/analysis.py.)"""
    sentences = _corpus_sentences()
    assert len(sentences) > 300
    for sentence in sentences:
        assert_well_formed(sentence, find_entities(sentence))
