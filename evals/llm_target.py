"""Eval targets that answer with the language-model composer (``--target MODULE:FUNCTION``).

* :func:`smollm2_target`: the small local model of :mod:`evals.local_model`, served on loopback
  and reached through llama-index's OpenAILike over HTTP, exactly as a configured model is.
* :func:`configured_target`: whatever ``CORROBORATE_LLM*`` configure (see the README).

Both answer like :func:`evals.runner.chat_target` (a new chat per case), with the model writing.
"""

from __future__ import annotations

import atexit
import functools

from assistant import Assistant
from assistant.llm import OPENAI_COMPATIBLE, LLMConfig
from assistant.settings import load_settings
from evals.runner import Target, chat_target

# Generous: the small model shares two CPU cores with the eval itself. The prompt asks for three
# short sentences, so 160 tokens leave room without letting a looping reply run long.
SMOLLM2_TIMEOUT = 300.0
SMOLLM2_MAX_TOKENS = 160


def smollm2_target(assistant: Assistant) -> Target:
    server = _smollm2_server()
    config = LLMConfig(OPENAI_COMPATIBLE, server.model, server.url, timeout=SMOLLM2_TIMEOUT,
                       max_tokens=SMOLLM2_MAX_TOKENS)
    return chat_target(_writing(assistant, config))


def configured_target(assistant: Assistant) -> Target:
    config = load_settings().llm_config()
    if config is None:
        raise ValueError("no language model configured: set CORROBORATE_LLM and "
                         "CORROBORATE_LLM_MODEL (and CORROBORATE_LLM_URL)")
    return chat_target(_writing(assistant, config))


def _writing(assistant: Assistant, config: LLMConfig) -> Assistant:
    """The same store and embedder, answering through the model."""
    return Assistant(store=assistant.store, embedder=assistant.embedder, llm=config)


@functools.lru_cache(maxsize=1)
def _smollm2_server():
    """One server for the whole run (the model loads once), stopped when the process ends."""
    from evals.local_model import serve

    running = serve()
    server = running.__enter__()
    atexit.register(running.__exit__, None, None, None)
    return server
