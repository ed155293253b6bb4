"""The LanguageModel boundary: the in-memory fake and the real llama-index client keep one contract
(the real one over HTTP to the loopback test server, and, slow, to the real SmolLM2); each way a
real endpoint fails becomes a LanguageModelError naming the model; configuration is checked."""

from __future__ import annotations

import sys

import pytest

from assistant.llm import (OLLAMA, OPENAI_COMPATIBLE, LanguageModelError, LLMConfig, Message,
                           ScriptedModel, open_model)
from index.errors import ConfigurationError
from tests.contracts.llm_contract import FAILURE, QUESTION, LanguageModelContract, ScriptedContract
from tests.support.openai_server import OpenAIServer, Reply, scripted
from tests.support.servers import free_port


def config_for(url: str, timeout: float = 10.0, **kwargs) -> LLMConfig:
    return LLMConfig(OPENAI_COMPATIBLE, "test-model", url, timeout=timeout, **kwargs)


class TestScriptedModel(ScriptedContract):
    @pytest.fixture
    def make(self):
        def make(*replies):
            model = ScriptedModel(*(RuntimeError("scripted failure") if r is FAILURE else r
                                    for r in replies))
            return model, lambda: [list(request) for request in model.requests]
        return make


class TestOpenAILikeModel(ScriptedContract):
    @pytest.fixture
    def make(self):
        servers = []

        def make(*replies):
            server = OpenAIServer(scripted(*(Reply(status=500) if r is FAILURE else r
                                             for r in replies))).start()
            servers.append(server)
            sent = lambda: [[Message(m["role"], m["content"]) for m in r.messages]  # noqa: E731
                            for r in server.requests]
            return open_model(config_for(server.url)), sent
        yield make
        for server in servers:
            server.stop()


@pytest.mark.slow
class TestSmolLM2(LanguageModelContract):
    """The real model through the real client: greedy decoding, so the stream and the whole
    reply agree."""

    @pytest.fixture(scope="class")
    def model(self):
        from tests.support import smollm

        with smollm.serve() as server:
            yield open_model(LLMConfig(OPENAI_COMPATIBLE, server.model, server.url,
                                       timeout=120, max_tokens=24))


# -- how a real endpoint fails ------------------------------------------------------------------

def both_ways(model):
    """Ask ``model`` by ``complete`` and by ``stream``; each must raise LanguageModelError."""
    for ask in (model.complete, lambda m: "".join(model.stream(m))):
        with pytest.raises(LanguageModelError) as raised:
            ask(QUESTION)
        yield str(raised.value)


def test_an_endpoint_that_is_down_says_so():
    model = open_model(config_for(f"http://127.0.0.1:{free_port()}/v1"))
    assert all("cannot connect" in message for message in both_ways(model))


def test_an_endpoint_slower_than_the_timeout_gives_up():
    with OpenAIServer(scripted(Reply(text="too late", delay=30))) as server:
        messages = list(both_ways(open_model(config_for(server.url, timeout=0.5))))
    assert all("timeout" in message for message in messages)


@pytest.mark.parametrize("reply", [
    Reply(status=503),
    Reply(body=b"\x00\xffnot json{{"),
    Reply(body=b"<html>bad gateway</html>", content_type="text/plain"),
    Reply(body=b"<html>bad gateway</html>\nnot json{{", content_type="text/event-stream"),
], ids=["http-503", "garbage-json", "garbage-text", "garbage-stream"])
def test_garbage_and_errors_become_language_model_errors(reply):
    with OpenAIServer(scripted(reply)) as server:
        messages = list(both_ways(open_model(config_for(server.url))))
    assert all(message.startswith("test-model (openai-compatible at") for message in messages)


def test_ollama_at_a_closed_port_fails_the_same_way():
    model = open_model(LLMConfig(OLLAMA, "some-model", f"http://127.0.0.1:{free_port()}",
                                 timeout=5))
    assert all("cannot connect" in message for message in both_ways(model))


def test_the_api_key_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CORROBORATE_LLM_API_KEY", "sekrit-1")
    with OpenAIServer(scripted("ok")) as server:
        config = config_for(server.url)
        open_model(config).complete(QUESTION)
    assert server.requests[0].headers["Authorization"] == "Bearer sekrit-1"
    assert "sekrit" not in repr(config)


def test_the_token_limit_and_model_reach_the_server():
    with OpenAIServer(scripted("ok")) as server:
        open_model(config_for(server.url, max_tokens=33)).complete(QUESTION)
    assert server.requests[0].body["max_tokens"] == 33
    assert server.requests[0].body["model"] == "test-model"


# -- configuration ------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, says", [
    ({"provider": "gpt", "model": "m", "url": "http://x"}, "use one of"),
    ({"provider": OPENAI_COMPATIBLE, "model": "", "url": "http://x"}, "--llm-model"),
    ({"provider": OPENAI_COMPATIBLE, "model": "m"}, "--llm-url"),
    ({"provider": OLLAMA, "model": "m", "timeout": 0}, "--llm-timeout"),
])
def test_an_unusable_configuration_is_refused_with_the_flag_to_fix(kwargs, says):
    with pytest.raises(ConfigurationError, match=says):
        LLMConfig(**kwargs)


def test_ollama_defaults_to_the_local_server():
    assert LLMConfig(OLLAMA, "m").describe() == "m (ollama at http://127.0.0.1:11434)"


def test_without_the_llm_extra_the_message_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "llama_index.llms.openai_like", None)  # import fails
    with pytest.raises(ConfigurationError, match=r'pip install -e "\.\[llm\]"'):
        open_model(config_for("http://127.0.0.1:1/v1"))
