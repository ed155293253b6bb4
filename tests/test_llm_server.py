"""The local OpenAI-compatible test server, spoken to by the product's LLM client (llama-index's
OpenAILike) over real HTTP: scripted replies and failures (fast), then the real SmolLM2 (slow).

The failure tests also pin down how each failure reaches the caller, which is what the product's
error handling has to catch."""

from __future__ import annotations

import json
import time
import urllib.request

import openai
import pytest
from llama_index.core.llms import ChatMessage
from llama_index.llms.openai_like import OpenAILike

from tests.support.openai_server import OpenAIServer, Reply, scripted

QUESTION = [ChatMessage(role="system", content="Answer briefly."),
            ChatMessage(role="user", content="Which city is the capital of France?")]


def client(server: OpenAIServer, chat: bool = True, timeout: float = 10.0, **kwargs) -> OpenAILike:
    return OpenAILike(model=server.model, api_base=server.url, api_key="none",
                      is_chat_model=chat, timeout=timeout, max_retries=0, **kwargs)


@pytest.fixture
def hello():
    with OpenAIServer(scripted("Paris is the capital of France.")) as server:
        yield server


# -- the protocol ------------------------------------------------------------------------------

def test_models_lists_the_served_model(hello):
    with urllib.request.urlopen(f"{hello.url}/models", timeout=5) as response:
        listing = json.load(response)
    assert [model["id"] for model in listing["data"]] == [hello.model]


def test_chat_returns_the_scripted_text_and_the_server_records_the_messages(hello):
    response = client(hello).chat(QUESTION)

    assert response.message.content == "Paris is the capital of France."
    [request] = hello.requests
    assert (request.method, request.path) == ("POST", "/v1/chat/completions")
    assert request.body["model"] == hello.model
    assert request.messages == [{"role": "system", "content": "Answer briefly."},
                                {"role": "user", "content": "Which city is the capital of France?"}]


def test_stream_chat_yields_the_text_in_several_chunks(hello):
    deltas = [chunk.delta for chunk in client(hello).stream_chat(QUESTION)]

    assert "".join(deltas) == "Paris is the capital of France."
    assert len([delta for delta in deltas if delta]) > 1
    assert hello.requests[0].body["stream"] is True


def test_complete_uses_the_completions_endpoint(hello):
    llm = client(hello, chat=False)

    assert llm.complete("The capital of France is").text == "Paris is the capital of France."
    streamed = "".join(chunk.delta for chunk in llm.stream_complete("The capital of France is"))
    assert streamed == "Paris is the capital of France."
    assert [r.path for r in hello.requests] == ["/v1/completions"] * 2
    assert hello.requests[0].body["prompt"] == "The capital of France is"


def test_replies_follow_the_script_in_turn():
    with OpenAIServer(scripted("one", "two")) as server:
        llm = client(server)
        replies = [llm.chat(QUESTION).message.content for _ in range(3)]
    assert replies == ["one", "two", "two"]


def test_the_request_parameters_reach_the_reply_generator():
    seen = []

    def respond(messages, params):
        seen.append(params)
        return "ok"

    with OpenAIServer(respond) as server:
        client(server, max_tokens=7).chat(QUESTION)
    assert seen[0]["max_tokens"] == 7


# -- failures, and how they reach the client -----------------------------------------------------

@pytest.mark.parametrize("chat", [True, False], ids=["chat", "complete"])
def test_http_500_raises_internal_server_error_without_retrying(chat):
    with OpenAIServer(scripted(Reply(status=500))) as server:
        llm = client(server, chat=chat)
        with pytest.raises(openai.InternalServerError) as raised:
            llm.chat(QUESTION) if chat else llm.complete("hello")
    assert raised.value.status_code == 500
    assert len(server.requests) == 1  # max_retries=0: asked once


def test_a_failing_reply_generator_becomes_a_500():
    def respond(messages, params):
        raise RuntimeError("the model fell over")

    with OpenAIServer(respond) as server:
        with pytest.raises(openai.InternalServerError, match="the model fell over"):
            client(server).chat(QUESTION)


def test_a_garbage_json_body_raises_a_plain_decode_error():
    """Not an openai.APIError: the client hands on json's JSONDecodeError (a ValueError)."""
    with OpenAIServer(scripted(Reply(body=b"\x00\xffnot json{{"))) as server:
        with pytest.raises(ValueError) as raised:
            client(server).chat(QUESTION)
    assert not isinstance(raised.value, openai.APIError)
    assert type(raised.value).__name__ == "JSONDecodeError"


def test_a_garbage_text_body_raises_too():
    """Served as text/plain the body reaches llama-index as a string: an AttributeError."""
    with OpenAIServer(scripted(Reply(body=b"<html>bad gateway", content_type="text/plain"))) as s:
        with pytest.raises(Exception) as raised:
            client(s).chat(QUESTION)
    assert type(raised.value).__name__ == "AttributeError"


def test_a_garbage_stream_of_text_ends_silently_with_no_text():
    """A streamed answer whose body is text but not server-sent events raises nothing: the
    stream is just empty. A caller has to treat an empty stream as a failure itself."""
    with OpenAIServer(scripted(Reply(body=b"<html>bad gateway</html>\nnot json{{"))) as server:
        deltas = [chunk.delta for chunk in client(server).stream_chat(QUESTION)]
    assert "".join(d or "" for d in deltas) == ""


def test_a_garbage_stream_of_bytes_raises_a_unicode_decode_error():
    with OpenAIServer(scripted(Reply(body=b"\x00\xffnot utf-8{{"))) as server:
        with pytest.raises(UnicodeDecodeError):
            list(client(server).stream_chat(QUESTION))


@pytest.mark.parametrize("stream", [False, True], ids=["chat", "stream_chat"])
def test_a_server_slower_than_the_timeout_raises_api_timeout_error(stream):
    timeout = 0.5
    with OpenAIServer(scripted(Reply(text="too late", delay=30))) as server:
        llm = client(server, timeout=timeout)
        started = time.monotonic()
        with pytest.raises(openai.APITimeoutError):
            list(llm.stream_chat(QUESTION)) if stream else llm.chat(QUESTION)
        elapsed = time.monotonic() - started
        stopping = time.monotonic()
    assert elapsed < 10 * timeout  # a generous bound: it gave up, it did not wait the 30 s
    assert time.monotonic() - stopping < 10  # stopping the server cut the handler's delay short


# -- the real model --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def smollm_server():
    from tests.support import smollm

    smollm.load()  # the load (seconds) happens here, not inside a client's timeout
    with OpenAIServer(smollm.respond, model="smollm2-135m-instruct") as server:
        yield server


@pytest.mark.slow
def test_smollm_answers_a_chat_request(smollm_server):
    reply = client(smollm_server, timeout=120, max_tokens=32).chat(QUESTION).message.content
    assert reply.strip()


@pytest.mark.slow
def test_smollm_greedy_decoding_gives_the_same_reply_twice(smollm_server):
    llm = client(smollm_server, timeout=120, max_tokens=32)
    first = llm.chat(QUESTION).message.content
    assert llm.chat(QUESTION).message.content == first
    assert smollm_server.requests[-1].body["max_tokens"] == 32


@pytest.mark.slow
def test_smollm_streaming_concatenates_to_the_whole_reply(smollm_server):
    llm = client(smollm_server, timeout=120, max_tokens=32)
    whole = llm.chat(QUESTION).message.content
    deltas = [chunk.delta for chunk in llm.stream_chat(QUESTION)]
    assert "".join(d or "" for d in deltas) == whole
    assert len([d for d in deltas if d]) > 1
