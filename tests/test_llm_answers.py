"""The language-model composer end to end over real HTTP: llama-index's OpenAILike talks to the
loopback test server (scripted replies and failures) or to the real SmolLM2 (slow), through
``Assistant(llm=...)`` on the bundled corpus, and what the CLI, the page and the answer data show
is checked."""

from __future__ import annotations

import re

import pytest

from assistant import Assistant
from assistant.cli import main as cli
from assistant.faithfulness import check_answer
from assistant.llm import OPENAI_COMPATIBLE, LLMConfig
from assistant.web.session import WebChat
from tests.support.openai_server import OpenAIServer, Reply, scripted
from tests.support.servers import free_port

pytestmark = pytest.mark.slow  # the shared sample-corpus store (real embedding model)

QUESTION = "How much is the bounty on Baghdadi?"
UNSUPPORTED = "The reward was later doubled to 50 million dollars by the Pentagon"


def evidence(messages: list[dict]) -> dict[int, str]:
    """The numbered evidence sentences of the prompt the model was sent."""
    user = messages[-1]["content"]
    return {int(n): text for n, text in re.findall(r"^\[(\d+)\] (.+)$", user, re.M)}


def lying(messages: list[dict], params: dict) -> str:
    """One supported sentence (evidence [1] restated), one unsupported claim with a valid
    marker, and one sentence citing a number that is not in the evidence."""
    found = evidence(messages)
    return (f"{found[1].rstrip('.')} [1]. {UNSUPPORTED} [1]. "
            f"Officials confirmed the figure in a statement [{max(found) + 5}].")


def with_llm(seeds, url: str, timeout: float = 10.0, model: str = "test-model") -> Assistant:
    """An assistant over the shared sample store that writes its answers with the model at url."""
    return Assistant(store=seeds.store, embedder=seeds.embedder,
                     llm=LLMConfig(OPENAI_COMPATIBLE, model, url, timeout=timeout))


@pytest.fixture(scope="module")
def liar(seeds):
    with OpenAIServer(lying) as server:
        yield with_llm(seeds, server.url), server


def exact(answer, store) -> bool:
    return all(store.document_text(c.sentence.doc_id)[c.sentence.start:c.sentence.end]
               == c.sentence.text for c in answer.citations)


# -- must show: an unsupported claim and a bogus [n] never reach the user ------------------------

def test_the_user_sees_neither_the_unsupported_claim_nor_the_bogus_marker(liar, seeds, capsys):
    assistant, server = liar
    answer = assistant.ask(QUESTION)
    bogus = max(evidence(server.requests[-1].messages)) + 5

    kept = [t.text for t in answer.trace if t.kind == "kept"]
    dropped = {t.text for t in answer.trace if t.kind == "dropped"}
    assert len(kept) == 1 and kept[0] in answer.text.splitlines()
    assert any(UNSUPPORTED in t for t in dropped) and any(f"[{bogus}]" in t for t in dropped)
    data = str(answer.to_dict() | {"trace": None})  # everything but the trace itself
    assert "doubled" not in data and "Pentagon" not in data and f"[{bogus}]" not in data
    assert {c.n for c in answer.citations} == set(range(1, len(answer.citations) + 1))
    assert exact(answer, seeds.store)
    assert all(v.supported for v in check_answer(answer, seeds.store.document_text).sentences)

    assert cli(["--store", str(seeds.store_path), "--llm", "openai-compatible", "--llm-url",
                server.url, "--llm-model", "test-model", "ask", QUESTION]) == 0
    printed = capsys.readouterr().out
    assert kept[0] in printed and "doubled" not in printed and f"[{bogus}]" not in printed


def test_the_page_streams_only_verified_sentences(liar):
    assistant, _ = liar
    views = list(WebChat(assistant).stream(QUESTION))

    replies = [view.messages[-1]["content"] for view in views]
    assert len(views) >= 2 and views[-1].answer is not None
    assert all("doubled" not in r and "statement" not in r for r in replies)
    assert "doubled" not in views[-1].evidence and "doubled" not in str(views[-1].answer["answer"])


def test_disagreements_come_from_the_composer_not_the_model(liar, seeds):
    assistant, _ = liar
    question = "How long was the recording?"
    assert assistant.ask(question).disagreements == seeds.ask(question).disagreements


def test_follow_ups_resolve_as_they_do_without_a_model(liar, seeds):
    assistant, _ = liar
    with_model, without = assistant.chat(), seeds.chat()
    for question in ("How long was the recording?", "Who said that?"):
        a, b = with_model.ask(question), without.ask(question)
    assert a.resolved_question == b.resolved_question and a.disagreements == b.disagreements


# -- failures: the extractive answer plus a notice, never an exception ---------------------------

def assert_falls_back(assistant: Assistant, seeds, says: str) -> None:
    answer = assistant.ask(QUESTION)
    plain = seeds.ask(QUESTION)
    assert (answer.text, answer.citations) == (plain.text, plain.citations)
    assert says in answer.notes[-1] and answer.trace[-1].kind == "fallback"


def test_an_endpoint_that_is_down_gives_the_extractive_answer_and_a_notice(seeds, capsys):
    url = f"http://127.0.0.1:{free_port()}/v1"
    assert_falls_back(with_llm(seeds, url), seeds, "cannot connect")
    assert cli(["--store", str(seeds.store_path), "--llm", "openai-compatible", "--llm-url", url,
                "--llm-model", "m", "ask", QUESTION]) == 0
    assert "cannot connect" in capsys.readouterr().out


def test_an_endpoint_slower_than_the_timeout_gives_the_extractive_answer(seeds):
    with OpenAIServer(scripted(Reply(text="25 million dollars [1].", delay=30))) as server:
        assert_falls_back(with_llm(seeds, server.url, timeout=0.5), seeds, "timeout")


@pytest.mark.parametrize("reply", [
    Reply(status=500),
    Reply(body=b"\x00\xffnot json{{"),
    Reply(body=b"<html>bad gateway</html>", content_type="text/plain"),
    "",
    "As an AI, I think the bounty is large. Sources: [1]",
], ids=["http-500", "garbage-json", "garbage-text", "empty", "no-supported-sentence"])
def test_garbage_gives_the_extractive_answer_and_a_notice(seeds, reply):
    with OpenAIServer(scripted(reply)) as server:
        assistant = with_llm(seeds, server.url)
        assert_falls_back(assistant, seeds, "this answer is built from the sources without it")
        views = list(WebChat(assistant).stream(QUESTION))
    assert views[-1].answer["answer"] == seeds.ask(QUESTION).text


# -- the real small model ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def smollm2(seeds):
    from tests.support import smollm

    with smollm.serve() as server:
        yield with_llm(seeds, server.url, timeout=120, model=server.model)


@pytest.mark.parametrize("question", [QUESTION, "How long was the recording?",
                                      "When was Baghdadi's last public appearance?"])
def test_smollm2_answers_show_only_checked_sentences_and_exact_citations(smollm2, seeds,
                                                                        question):
    answer = smollm2.ask(question)

    assert answer.trace[0].kind == "model" and "smollm2" in answer.trace[0].text
    verdict = check_answer(answer, seeds.store.document_text)
    assert verdict.citation_valid and exact(answer, seeds.store)
    assert all(v.supported for v in verdict.sentences)
    if answer.trace[-1].kind != "fallback":  # the model's own kept sentences, and only them
        kept = [t.text for t in answer.trace if t.kind == "kept"]
        assert len(answer.text.splitlines()) == len(kept) >= 1


def test_the_running_app_names_the_model_and_shows_only_verified_sentences(liar, tmp_path):
    import json
    import urllib.request

    from gradio_client import Client

    from assistant.web import serve

    assistant, server = liar
    demo, url = serve(assistant, host="127.0.0.1", port=free_port(), uploads=tmp_path,
                      max_bytes=1_000_000)
    try:
        messages, *_, answer = Client(url, verbose=False).predict(QUESTION, api_name="/ask")
        with urllib.request.urlopen(f"{url.rstrip('/')}/config", timeout=30) as response:
            config = json.dumps(json.load(response))
    finally:
        demo.close()
    assert "Settings: language model" in config
    assert "written by **test-model (openai-compatible" in config.replace("\\\\", "")  # unescaped
    shown = json.dumps([messages, answer["answer"], answer["citations"]])
    assert "doubled" not in shown and "statement" not in shown
    assert answer["trace"][0]["kind"] == "model"
