"""The composer's behaviours, pinned against the real index (real Chroma, real model)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from assistant import Assistant, InputError
from assistant.types import NEARBY, QUOTE, TEXT, rendered

pytestmark = pytest.mark.slow


def assert_grounded(assistant, answer):
    """Every citation is an exact content sentence; every marker points at a citation."""
    numbers = {c.n for c in answer.citations}
    for citation in answer.citations:
        text = assistant.store.document_text(citation.sentence.doc_id)
        assert text[citation.sentence.start:citation.sentence.end] == citation.sentence.text
        assert citation.sentence.content
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)} <= numbers
    # an extractive answer is its lines: the text is rendered from them, their citations real
    assert answer.lines and answer.text == rendered(answer.lines)
    assert {n for line in answer.lines for n in line.cites} <= numbers
    cited = {c.sentence.sentence_id for c in answer.citations}
    assert not cited & {r.sentence.sentence_id for r in answer.related}


def lead(answer) -> str:
    return answer.text.splitlines()[0]


def test_amount_in_two_wordings_is_one_value_from_two_sources(seeds):
    answer = seeds.ask("How much is the bounty on Baghdadi?")
    assert_grounded(seeds, answer)
    assert answer.kind == "amount" and not answer.abstained
    assert "25 million" in lead(answer)
    assert not answer.disagreements  # "$25 million" and "25 million dollars" agree
    assert len({c.sentence.doc_id for c in answer.answering}) == 2


def test_different_values_become_positions_with_their_own_sources(seeds):
    answer = seeds.ask("How long was the recording?")
    assert_grounded(seeds, answer)
    (disagreement,) = answer.disagreements
    claims = {p.claim: p for p in disagreement.positions}
    assert set(claims) == {"about 55 minutes", "46 minutes"}
    for position in disagreement.positions:
        assert len(position.sources) == 1
        cited = {c.n: c for c in answer.citations}
        assert all(position.claim.split()[-2] in cited[n].sentence.text for n in position.citations)
    assert claims["46 minutes"].sources != claims["about 55 minutes"].sources


def test_person_answer_names_the_person_and_quotes_the_sentence(seeds):
    answer = seeds.ask("Who is the Central Command spokesperson?")
    assert_grounded(seeds, answer)
    assert "Urban" in lead(answer)
    assert any("Urban" in c.sentence.text for c in answer.citations)


def test_date_is_read_from_the_clause_of_the_question(seeds):
    answer = seeds.ask("When did Iraqi forces recapture Mosul?")
    assert_grounded(seeds, answer)
    assert "June last year" in lead(answer)  # not the date of the message in the same sentence
    assert "September 2017" not in lead(answer)


def test_date_of_public_appearance_agrees_across_outlets(seeds):
    answer = seeds.ask("When was Baghdadi's last public appearance?")
    assert lead(answer).startswith("July 2014")
    assert not answer.disagreements
    assert len({c.sentence.doc_id for c in answer.answering}) == 2


def test_count_answer(seeds):
    answer = seeds.ask("How many fighters does IS still have?")
    assert_grounded(seeds, answer)
    assert "20,000 and 30,000" in lead(answer)


def test_description_answer_is_verbatim_quotes(seeds):
    answer = seeds.ask("What did Baghdadi call on his followers to do?")
    assert_grounded(seeds, answer)
    assert answer.kind == "description" and answer.citations
    cited = {c.n: c for c in answer.citations}
    quoted = [line for line in answer.lines if line.kind in (QUOTE, NEARBY)]
    assert [n for line in quoted for n in line.cites] == sorted(cited)  # each once, in order
    for line in quoted:
        citation = cited[line.cites[0]]
        assert line.render() == f"“{' '.join(citation.sentence.text.split())}” [{citation.n}]"
    assert {line.kind for line in answer.lines} <= {QUOTE, NEARBY, TEXT}


@pytest.mark.parametrize("question,named,unnamed", [
    ("When did Baghdadi get married?", None, "married"),
    ("Who won the 2018 World Cup?", "cup", "won"),
    ("When did the Pope visit Mosul?", "pope", None),
])
def test_unsupported_questions_abstain_and_show_related(seeds, question, named, unnamed):
    """The abstention names the things no report mentions, never a verb: reports word what
    happened in their own way, so a verb they do not use says nothing."""
    answer = seeds.ask(question)
    assert answer.abstained and not answer.citations and not answer.disagreements
    assert answer.text.startswith("I can't find that in these documents.")
    said = answer.text.lower().split("documents.", 1)[1]
    assert (named or "") in said and (unnamed is None or f"“{unnamed}”" not in said)
    assert ("none of them mentions" in said) == (named is not None)
    assert answer.related


def test_synonym_gets_partial_credit_but_names_do_not(seeds):
    assert "25 million" in lead(seeds.ask("What reward is offered for Baghdadi?"))
    answer = seeds.ask("When did Iraqi forces recapture Ramadi?")
    # the citations it rests on (the nearest quotes beside it are context, chosen by meaning)
    assert all("Mosul" not in c.sentence.text or "Ramadi" in c.sentence.text
               for c in answer.answering)


def test_quoted_sentence_keeps_its_speaker(seeds):
    answer = seeds.ask("Does any official US source claim that he is dead?")
    assert_grounded(seeds, answer)
    texts = [c.sentence.text for c in answer.citations]
    quote = next(t for t in texts if t.startswith('"I do not believe'))
    assert any("Urban said" in t for t in texts), quote


def test_pronoun_follow_up_is_about_the_earlier_name(seeds):
    chat = seeds.chat()
    chat.ask("How much is the bounty on Baghdadi?")
    answer = chat.ask("Where is he thought to be hiding?")
    assert_grounded(seeds, answer)
    assert answer.citations
    assert all("Baghdadi" in c.sentence.text or re.search(r"\bhe\b", c.sentence.text)
               for c in answer.citations)
    assert not any("militants are also hiding" in c.sentence.text for c in answer.citations)


def test_an_earlier_instance_asked_with_a_verb_no_report_uses_is_still_found(seeds):
    """Reports paraphrase what happened: "circulated" (in no document) asks what "released"
    does; only a thing no document names makes the instances' order beside the point."""
    answers = []
    for verb in ("released", "circulated"):
        chat = seeds.chat()
        chat.ask("When was the September 2017 audio message released?")
        answers.append(chat.ask(f"When was the previous message {verb}?"))
    assert not answers[1].abstained
    assert lead(answers[1]) == lead(answers[0])
    assert [c.sentence.sentence_id for c in answers[1].answering] == \
        [c.sentence.sentence_id for c in answers[0].answering]


def test_elliptic_follow_up_keeps_the_conversation(seeds):
    chat = seeds.chat()
    chat.ask("How long was the recording?")
    answer = chat.ask("And the bounty?")
    assert answer.kind == "amount" and "25 million" in lead(answer)
    assert len(chat.turns) == 2


def test_who_said_that_names_the_speaker_of_the_last_answer(seeds):
    chat = seeds.chat()
    first = chat.ask("Has any official US government source claimed he is dead?")
    answer = chat.ask("Who said that?")
    assert_grounded(seeds, answer)
    assert "Urban" in lead(answer), first.text


def test_who_said_lists_speakers_without_calling_it_a_disagreement(seeds):
    answer = seeds.ask("Who said he was probably still alive?")
    assert_grounded(seeds, answer)
    assert not answer.disagreements
    assert "senior US general" in answer.text


def test_second_corpus_person_by_acronym_and_place_phrase(volcano):
    head = volcano.ask("Who heads the Casterra Volcano Observatory?")
    assert_grounded(volcano, head)
    assert "Ilse Marrond" in lead(head)
    where = volcano.ask("Where were evacuees taken in August 2022?")
    assert_grounded(volcano, where)
    assert "Brennock and Keswade" in lead(where)


def test_second_corpus_abstains_on_what_it_never_says(volcano):
    answer = volcano.ask("How many goals did the home team score?")
    assert answer.abstained and "goals" in answer.text


def test_a_sentence_about_another_place_does_not_answer(volcano):
    answer = volcano.ask("Who is the mayor of Brennock?")  # only Tellimar's mayor is named
    assert answer.abstained, answer.text


def test_empty_or_huge_questions_are_refused_clearly(seeds):
    for bad in ("", "   ", "x" * 5000):
        with pytest.raises(InputError):
            seeds.ask(bad)


def test_answer_json_has_the_documented_fields(seeds):
    data = seeds.ask("How long was the recording?").to_dict()
    assert {"question", "answer", "abstained", "citations", "disagreements", "related"} <= set(data)
    citation = data["citations"][0]
    assert {"n", "doc_id", "source", "sentence_id", "text", "start", "end"} <= set(citation)
    position = data["disagreements"][0]["positions"][0]
    assert {"claim", "citations", "sources"} <= set(position)
    json.dumps(data)


def test_cli_ask_and_chat_json(seeds):
    env = {**os.environ, "CORROBORATE_STORE": str(seeds.store_path)}
    ask = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "How long was the recording?",
                          "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert ask.returncode == 0, ask.stderr
    assert json.loads(ask.stdout)["disagreements"]
    chat = subprocess.run([sys.executable, "-m", "assistant.cli", "chat", "--json"], env=env,
                          input="How long was the recording?\nAnd the bounty?\n\n",
                          capture_output=True, text=True, timeout=300)
    assert chat.returncode == 0, chat.stderr
    lines = [json.loads(line) for line in chat.stdout.splitlines()]
    assert [line["question"] for line in lines] == ["How long was the recording?", "And the bounty?"]
    assert "25 million" in lines[1]["answer"]
