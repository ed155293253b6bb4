"""Instances, focus and "before this one", pinned against the real index on two corpora."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant import Assistant

pytestmark = pytest.mark.slow


def lead(answer) -> str:
    return answer.text.splitlines()[0]


def cited_sources(answer) -> set[str]:
    return {c.source.rsplit("/", 1)[-1][:3] for c in answer.answering}


@pytest.mark.parametrize("naming,previous,dating_reports", [
    ("What did the message that mentions the pastor say about Turkey?", "September 2017",
     {"000", "003"}),
    ("What did the 46-minute recording say?", "November 2016", {"001", "002"}),
    ("What did he say in the November 2016 message?", "December 2015", {"004"}),
])
def test_before_this_one_with_each_message_in_focus(seeds, naming, previous, dating_reports):
    chat = seeds.chat()
    chat.ask(naming)
    answer = chat.ask("When was his last message before this one?")
    assert not answer.abstained and not answer.disagreements
    assert lead(answer).startswith(previous)
    assert cited_sources(answer) == dating_reports  # the focus's own reports date it
    assert all(previous in c.sentence.text for c in answer.answering)


def test_before_this_one_without_focus_has_several_readings(seeds):
    answer = seeds.ask("When was his last message before this one?")
    (disagreement,) = answer.disagreements
    assert disagreement.kind == "different_events"
    assert [p.claim for p in disagreement.positions] == [
        "December 2015", "November 2016", "September 2017"]
    assert all(p.event for p in disagreement.positions)
    assert any("readings" in note for note in answer.notes)


def test_recording_lengths_belong_to_different_recordings(seeds):
    answer = seeds.ask("How long was the recording?")
    (disagreement,) = answer.disagreements
    assert disagreement.kind == "different_events"
    events = {p.claim: p.event for p in disagreement.positions}
    assert "2017-09" in events["46 minutes"] and "2018" in events["about 55 minutes"]


def test_focus_follows_the_conversation_over_four_turns(seeds):
    chat = seeds.chat()
    first = chat.ask("What did the message that mentions the pastor say about Turkey?")
    assert any("pastor" in c.sentence.text for c in first.citations)
    assert "September 2017" in lead(chat.ask("When was his last message before this one?"))
    length = chat.ask("How long was that one?")  # "that one" = the message just named
    assert lead(length).startswith("46 minutes")
    # "and the one before that?" keeps the question: how long was it? No report says.
    assert chat.ask("And the one before that?").abstained
    assert lead(chat.ask("When was the one before that?")).startswith("November 2016")
    assert len({t.focus for t in chat.turns}) >= 2


def test_named_instance_keeps_values_of_other_instances_out(volcano):
    answer = volcano.ask("How high did the ash column reach in the March 2021 eruption?")
    (disagreement,) = answer.disagreements
    assert disagreement.kind == "conflict"
    claims = {p.claim: len(p.sources) for p in disagreement.positions}
    assert claims == {"11 km": 2, "about 8 km": 1}  # not 5 km (2024) nor 7 km (2022)


def test_later_report_revising_a_figure_is_an_update(volcano):
    answer = volcano.ask("How many people were evacuated in the February 2024 eruption?")
    (disagreement,) = answer.disagreements
    assert disagreement.kind == "update"
    assert [p.claim for p in disagreement.positions] == ["2,600", "about 2,000"]


def test_previous_of_a_named_eruption_and_of_the_first_one(volcano):
    answer = volcano.ask("When was the last eruption before the March 2021 eruption?")
    assert lead(answer).startswith("November 2019")
    first = volcano.ask("When was the last eruption before the October 1998 one?")
    assert first.abstained and not first.citations


def test_the_one_before_the_latest_is_the_latest_ones_previous(volcano):
    """"The last eruption before the latest one": "latest" names the instance even though
    "last ... before" asks for an earlier one."""
    answer = volcano.ask("When was the last eruption before the latest one?")
    assert lead(answer).startswith("August 2022") and not answer.disagreements
    assert volcano.ask("When was the last eruption before this one?").disagreements


def test_durations_per_eruption_without_a_named_one(volcano):
    answer = volcano.ask("How long did the eruption last?")
    (disagreement,) = answer.disagreements
    assert disagreement.kind == "different_events"
    assert len({p.event for p in disagreement.positions}) == len(disagreement.positions) >= 3


def test_timeline_lists_every_instance_in_order(seeds, volcano):
    dates = [e.date for e in seeds.timeline()]
    assert [d[:7] for d in dates] == ["2015-12", "2016-11", "2017-09", "2018-08"]
    entries = volcano.timeline()
    assert [e.date[:7] for e in entries] == ["1998-10", "2019-11", "2021-03", "2022-08", "2024-02"]
    for entry in entries:
        assert entry.citations and all(c.sentence.content for c in entry.citations)
    assert len(entries[3].subject_of) == 3


def test_cli_timeline_json(seeds):
    env = {**os.environ, "CORROBORATE_STORE": str(seeds.store_path)}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "timeline", "--json"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    entries = json.loads(done.stdout)
    assert len(entries) == 4 and all(e["citations"] for e in entries[1:])
    assert entries[-1]["subject_of"]


def test_a_question_names_an_instance_by_its_place_in_a_series():
    from assistant.events import Event
    from assistant.instances import _by_number
    from assistant.query import analyse

    def event(n: int, series: set[str]) -> Event:
        return Event(f"e{n}", "round, undated", None, (), (), (), number=n, series=frozenset(series))

    rounds = [event(1, {"round", "talk"}), event(2, {"round", "talk"}), event(3, {"round", "talk"})]
    third = _by_number(analyse("How did the third round of talks end?"), rounds)
    assert third is rounds[2]
    assert _by_number(analyse("How did the 2nd round end?"), rounds) is rounds[1]
    # an ordinal of another series, or of none, names no instance
    assert _by_number(analyse("Who was the third witness?"), rounds) is None
    assert _by_number(analyse("What happened at the port?"), rounds) is None


@pytest.fixture(scope="module")
def strike(tmp_path_factory):
    """An Assistant over the development pool's port strike (rounds of talks, numbered)."""
    from pathlib import Path
    assistant = Assistant(store=tmp_path_factory.mktemp("strike"))
    assistant.ingest([Path(__file__).resolve().parents[1] / "evals" / "dev" / "labor_strike"])
    return assistant


def test_the_round_before_the_third_is_dated_and_its_own_reports_say_what_was_offered(strike):
    chat = strike.chat()
    first = chat.ask("How did the third round of talks in the Saltcombe strike end?")
    assert any("third round" in c.sentence.text for c in first.citations)
    answer = chat.ask("When was the previous round held, and what pay offer was on the table then?")
    assert not answer.abstained
    assert lead(answer).lower().startswith("eleven days earlier")
    # the date from the third round's report, the offer from the second round's own report
    assert any("offered 7 per cent" in c.sentence.text for c in answer.citations)


@pytest.fixture(scope="module")
def launches(tmp_path_factory):
    """An Assistant over the development pool's launch company (dated flights)."""
    from pathlib import Path
    assistant = Assistant(store=tmp_path_factory.mktemp("launches"))
    assistant.ingest([Path(__file__).resolve().parents[1] / "evals" / "dev" / "space_launches"])
    return assistant


def test_the_reports_of_a_named_instance_answer_without_repeating_the_question(launches, seeds):
    # "placed in a sun-synchronous orbit at 580 kilometres": no "reach", no "launch"
    answer = launches.ask("What orbit did Corvanta's March 2025 launch reach?")
    assert not answer.abstained
    assert any("580 kilometres" in c.sentence.text for c in answer.citations)
    # another report's passing mention of a named instance is no such context
    assert seeds.ask("How long was the November 2016 recording?").abstained
