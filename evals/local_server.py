"""A tiny OpenAI-compatible HTTP server on loopback: the LLM tests' endpoint, and the one the eval
serves the local model behind (:mod:`evals.local_model`), so both drive the product's real client.

Standard library only. The replies come from a pluggable callable::

    respond(messages: list[dict], params: dict) -> str | Iterable[str] | Reply

``messages`` are the request's chat messages (for ``/v1/completions`` one user message holding
the prompt); ``params`` is the whole request body. A string is the reply's text; an iterable of
strings is the text in pieces (each piece one chunk when the client streams); a ``Reply`` lets a
test misbehave on purpose: wait before answering, answer with another status, or send a raw body
that is not the protocol at all.

    with OpenAIServer(scripted("hello")) as server:
        OpenAILike(model=server.model, api_base=server.url, api_key="none", ...)
        server.requests  # what the client sent, in order

Endpoints: ``GET /v1/models``, ``POST /v1/chat/completions`` and ``POST /v1/completions``, each
non-streaming or, with ``"stream": true``, as server-sent events ending in ``data: [DONE]``.
"""

from __future__ import annotations

import itertools
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer



@dataclass
class Reply:
    """What the server does instead of (or before) an ordinary answer.

    ``delay``: seconds to wait before sending anything. ``status``: the HTTP status; an error
    status without ``text`` or ``body`` sends an OpenAI-style error object. ``body``: bytes sent
    as they are, with ``content_type``. ``text``: an ordinary answer with this text (after the
    delay)."""

    text: str | Iterable[str] | None = None
    status: int = 200
    body: bytes | None = None
    content_type: str = "application/json"
    delay: float = 0.0


Respond = Callable[[list[dict], dict], "str | Iterable[str] | Reply"]


def scripted(*replies: str | Iterable[str] | Reply) -> Respond:
    """A ``respond`` that gives these replies in turn, the last one again once they run out."""
    if not replies:
        raise ValueError("scripted() needs at least one reply")
    queue = list(replies)
    lock = threading.Lock()

    def respond(messages: list[dict], params: dict):
        with lock:
            return queue.pop(0) if len(queue) > 1 else queue[0]

    return respond


@dataclass
class Recorded:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict | None = None
    raw: bytes = b""

    @property
    def messages(self) -> list[dict]:
        return (self.body or {}).get("messages", [])


@dataclass
class OpenAIServer:
    """The server; ``with`` starts it on a free loopback port and stops it again."""

    respond: Respond
    model: str = "test-model"
    host: str = "127.0.0.1"
    requests: list[Recorded] = field(default_factory=list)

    def __post_init__(self):
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._ids = itertools.count(1)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        """The API base, as OpenAI clients take it: ``http://127.0.0.1:PORT/v1``."""
        return f"http://{self.host}:{self.port}/v1"

    def start(self) -> OpenAIServer:
        handler = type("Handler", (_Handler,), {"server_state": self})
        self._httpd = ThreadingHTTPServer((self.host, free_port()), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        daemon=True, name=f"openai-server-{self.port}")
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # ends any delay a handler is sitting in
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=10)
            self._httpd = None

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _record(self, request: Recorded) -> None:
        with self._lock:
            self.requests.append(request)

    def _next_id(self) -> int:
        with self._lock:
            return next(self._ids)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pieces(text: str) -> list[str]:
    """A whole reply cut into word-sized pieces (each keeps its following white space)."""
    return re.findall(r"\S+\s*|\s+", text) or [""]


class _Handler(BaseHTTPRequestHandler):
    server_state: OpenAIServer  # set on the subclass each server makes
    protocol_version = "HTTP/1.0"  # one request per connection; a stream ends when it closes

    def log_message(self, format, *args):  # keep test output quiet
        pass

    # -- plumbing ---------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_json(self, status: int, payload: dict) -> None:
        self._send(status, json.dumps(payload).encode())

    def _error(self, status: int, message: str, kind: str = "server_error") -> None:
        self._send_json(status, {"error": {"message": message, "type": kind, "code": status}})

    def _read(self) -> Recorded:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        request = Recorded(self.command, self.path, dict(self.headers.items()), raw=raw)
        if raw:
            try:
                request.body = json.loads(raw)
            except ValueError:
                request.body = None
        self.server_state._record(request)
        return request

    # -- endpoints --------------------------------------------------------------------------

    def do_GET(self):
        self._read()
        if self.path.rstrip("/") == "/v1/models":
            model = self.server_state.model
            self._send_json(200, {"object": "list", "data": [
                {"id": model, "object": "model", "created": 0, "owned_by": "tests"}]})
        else:
            self._error(404, f"no such endpoint: GET {self.path}", "invalid_request_error")

    def do_POST(self):
        request = self._read()
        path = self.path.rstrip("/")
        if path not in ("/v1/chat/completions", "/v1/completions"):
            return self._error(404, f"no such endpoint: POST {self.path}", "invalid_request_error")
        if not isinstance(request.body, dict):
            return self._error(400, "the request body is not a JSON object",
                               "invalid_request_error")
        chat = path == "/v1/chat/completions"
        params = request.body
        if chat:
            messages = params.get("messages") or []
        else:
            prompt = params.get("prompt", "")
            prompt = "".join(prompt) if isinstance(prompt, list) else str(prompt)
            messages = [{"role": "user", "content": prompt}]
        try:
            reply = self.server_state.respond(messages, params)
        except Exception as error:  # the reply generator failed: what a real server says
            return self._error(500, f"{type(error).__name__}: {error}")
        try:
            self._answer(reply, chat, params)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. its timeout ran out) before the answer was done

    def _answer(self, reply, chat: bool, params: dict) -> None:
        if isinstance(reply, Reply):
            if reply.delay and self.server_state._stopping.wait(reply.delay):
                return  # the server is being stopped
            if reply.body is not None:
                return self._send(reply.status, reply.body, reply.content_type)
            if reply.text is None:
                if reply.status >= 400:
                    return self._error(reply.status, "scripted failure")
                return self._send(reply.status, b"", reply.content_type)
            status, reply = reply.status, reply.text
        else:
            status = 200
        if params.get("stream"):
            pieces = _pieces(reply) if isinstance(reply, str) else reply
            self._stream(status, pieces, chat, params)
        else:
            text = reply if isinstance(reply, str) else "".join(reply)
            self._send_json(status, self._completion(text, chat))

    def _envelope(self, chat: bool, chunk: bool = False) -> dict:
        kind = "chat.completion" if chat else "text_completion"
        return {"id": f"{'chatcmpl' if chat else 'cmpl'}-{self.server_state._next_id()}",
                "object": kind + (".chunk" if chunk and chat else ""),
                "created": int(time.time()), "model": self.server_state.model}

    @staticmethod
    def _usage(text: str) -> dict:
        words = len(text.split())  # a rough count: the protocol wants numbers, tests don't
        return {"prompt_tokens": 0, "completion_tokens": words, "total_tokens": words}

    def _completion(self, text: str, chat: bool) -> dict:
        choice = ({"index": 0, "message": {"role": "assistant", "content": text}}
                  if chat else {"index": 0, "text": text})
        choice.update(finish_reason="stop", logprobs=None)
        return {**self._envelope(chat), "choices": [choice], "usage": self._usage(text)}

    def _stream(self, status: int, pieces: Iterable[str], chat: bool, params: dict) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        envelope = self._envelope(chat, chunk=True)

        def event(choices: list[dict], **extra) -> None:
            data = json.dumps({**envelope, "choices": choices, **extra})
            self.wfile.write(f"data: {data}\n\n".encode())
            self.wfile.flush()

        def choice(delta: dict, finish: str | None = None) -> dict:
            body = {"delta": delta} if chat else {"text": delta.get("content", "")}
            return {"index": 0, **body, "logprobs": None, "finish_reason": finish}

        if chat:
            event([choice({"role": "assistant", "content": ""})])
        text = []
        for piece in pieces:
            text.append(piece)
            event([choice({"content": piece})])
        event([choice({}, finish="stop")])
        if (params.get("stream_options") or {}).get("include_usage"):
            event([], usage=self._usage("".join(text)))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
