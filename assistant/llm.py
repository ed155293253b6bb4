"""The one door to a language model: :class:`LanguageModel`, and its two implementations.

* :class:`LlamaIndexModel` is the real one: llama-index's ``OpenAILike`` (any OpenAI-compatible
  server: llama.cpp, vLLM, LM Studio, a hosted service) or ``Ollama``, built by
  :func:`open_model` from an :class:`LLMConfig`. The integrations are imported only then, so
  Corroborate without the ``llm`` extra works as before.
* :class:`ScriptedModel` answers from a script, in memory, for unit tests.

Both keep one contract (``tests/contracts/llm_contract.py``): ``complete`` returns the reply's
text and ``stream`` yields it in pieces that join to the same text; every failure of the outside
system (refused connection, timeout, HTTP error, a body that is not the protocol, an empty reply)
is raised as :class:`LanguageModelError` with a message a person can act on, and nothing else
escapes. Callers turn that error into a result (see :mod:`assistant.llm_composer`).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from index.errors import ConfigurationError

OPENAI_COMPATIBLE = "openai-compatible"
OLLAMA = "ollama"
PROVIDERS = (OPENAI_COMPATIBLE, OLLAMA)
OLLAMA_URL = "http://127.0.0.1:11434"
# Read in this order; local servers need no key, so without either a placeholder is sent.
API_KEY_VARIABLES = ("CORROBORATE_LLM_API_KEY", "OPENAI_API_KEY")
INSTALL_HINT = 'pip install -e ".[llm]"'


class LanguageModelError(Exception):
    """The model could not give a reply: the message says why (and names the endpoint)."""


@dataclass(frozen=True)
class Message:
    """One chat message: ``role`` is "system", "user" or "assistant"."""

    role: str
    content: str


@runtime_checkable
class LanguageModel(Protocol):
    """A chat model. ``name`` says which model it is (shown to users)."""

    name: str

    def complete(self, messages: Sequence[Message]) -> str:
        """The whole reply; raises :class:`LanguageModelError` on any failure or empty reply."""

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """The reply in pieces as they arrive; the same failures raise the same error, at the
        point they happen (possibly after some pieces)."""


@dataclass(frozen=True)
class LLMConfig:
    """Which model to use and how long to wait for it.

    ``timeout`` is in seconds, per request (connecting, and each wait for more of the reply).
    The API key is not kept here (a config may be printed or logged): it is read from
    :data:`API_KEY_VARIABLES` when the model is opened.
    """

    provider: str
    model: str
    url: str | None = None
    timeout: float = 60.0
    max_tokens: int = 400

    def __post_init__(self) -> None:
        if self.provider not in PROVIDERS:
            raise ConfigurationError(f"--llm {self.provider!r}: use one of {', '.join(PROVIDERS)}")
        if not self.model:
            raise ConfigurationError("--llm needs --llm-model NAME (or CORROBORATE_LLM_MODEL)")
        if self.provider == OPENAI_COMPATIBLE and not self.url:
            raise ConfigurationError("--llm openai-compatible needs --llm-url "
                                     "http://HOST:PORT/v1 (or CORROBORATE_LLM_URL)")
        if self.timeout <= 0 or self.max_tokens <= 0:
            raise ConfigurationError("--llm-timeout and the token limit must be positive")

    @property
    def endpoint(self) -> str:
        return self.url or (OLLAMA_URL if self.provider == OLLAMA else "")

    def describe(self) -> str:
        """"MODEL (PROVIDER at URL)", for the page and the CLI."""
        return f"{self.model} ({self.provider} at {self.endpoint})"


def open_model(config: LLMConfig) -> LanguageModel:
    """The real model for ``config``; raises ConfigurationError when the ``llm`` extra is not
    installed. Nothing is sent to the endpoint until the first question."""
    try:
        llm = _ollama(config) if config.provider == OLLAMA else _openai_like(config)
    except ImportError as exc:
        raise ConfigurationError(f"the {config.provider} client is not installed ({exc.name}); "
                                 f"install it with `{INSTALL_HINT}`") from exc
    return LlamaIndexModel(llm, config.describe())


def _openai_like(config: LLMConfig):
    from llama_index.llms.openai_like import OpenAILike

    key = next((os.environ[v] for v in API_KEY_VARIABLES if os.environ.get(v)), "not-needed")
    # No retries: a slow or failing endpoint must give way to the extractive answer within
    # one timeout, not three.
    return OpenAILike(model=config.model, api_base=config.url, api_key=key, is_chat_model=True,
                      timeout=config.timeout, max_retries=0, max_tokens=config.max_tokens,
                      temperature=0.0)


def _ollama(config: LLMConfig):
    from llama_index.llms.ollama import Ollama

    return Ollama(model=config.model, base_url=config.endpoint, request_timeout=config.timeout,
                  temperature=0.0, additional_kwargs={"num_predict": config.max_tokens})


class LlamaIndexModel:
    """A llama-index LLM behind :class:`LanguageModel`, its errors translated."""

    def __init__(self, llm, name: str) -> None:
        self._llm = llm
        self.name = name

    def complete(self, messages: Sequence[Message]) -> str:
        with _translated(self.name):
            text = self._llm.chat(self._chat(messages)).message.content or ""
        return _non_empty(text, self.name)

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        seen = False
        with _translated(self.name):
            for chunk in self._llm.stream_chat(self._chat(messages)):
                if chunk.delta:
                    seen = seen or bool(chunk.delta.strip())
                    yield chunk.delta
        # A body that is not server-sent events ends the stream silently: no text is a failure.
        _non_empty("x" if seen else "", self.name)

    @staticmethod
    def _chat(messages: Sequence[Message]):
        from llama_index.core.llms import ChatMessage

        return [ChatMessage(role=m.role, content=m.content) for m in messages]


class _translated:
    """Every exception from the client library becomes a LanguageModelError naming the model.

    The client raises many unrelated types for one cause (openai's APIError family, httpx errors,
    json's JSONDecodeError, AttributeError on a text body, UnicodeDecodeError on a binary
    stream), so the boundary catches them all; a generator being closed is not a failure.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, trace) -> bool:
        if error is None or isinstance(error, (GeneratorExit, KeyboardInterrupt,
                                               LanguageModelError)):
            return False
        raise LanguageModelError(f"{self._name}: {_reason(error)}") from error


def _reason(error: BaseException) -> str:
    kind = type(error).__name__
    if "Timeout" in kind:
        return "no reply within the timeout"
    if "Connect" in kind or isinstance(error, ConnectionError):
        return "cannot connect (is the server running?)"
    status = getattr(error, "status_code", None)
    if status is not None:
        return f"HTTP {status}"
    return f"the reply is not a valid answer ({kind})"


def _non_empty(text: str, name: str) -> str:
    if not text.strip():
        raise LanguageModelError(f"{name}: the model returned no text")
    return text


class ScriptedModel:
    """An in-memory :class:`LanguageModel` for unit tests.

    Replies are given in turn, the last one again once they run out; a reply that is an
    exception is raised (as a LanguageModelError, like the real model's failures). ``requests``
    holds the messages of every call.
    """

    def __init__(self, *replies: str | Exception, name: str = "scripted") -> None:
        if not replies:
            raise ValueError("ScriptedModel needs at least one reply")
        self.name = name
        self.requests: list[tuple[Message, ...]] = []
        self._replies = list(replies)
        self._lock = threading.Lock()

    def complete(self, messages: Sequence[Message]) -> str:
        return _non_empty(self._next(messages), self.name)

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        reply = self._next(messages)
        yield from _pieces(_non_empty(reply, self.name))

    def _next(self, messages: Sequence[Message]) -> str:
        with self._lock:
            self.requests.append(tuple(messages))
            reply = self._replies.pop(0) if len(self._replies) > 1 else self._replies[0]
        if isinstance(reply, LanguageModelError):
            raise reply
        if isinstance(reply, Exception):
            raise LanguageModelError(f"{self.name}: {reply}") from reply
        return reply


def _pieces(text: str) -> Iterable[str]:
    """Word-sized pieces, each with the white space after it, as servers stream them."""
    return re.findall(r"\S+\s*|\s+", text)
