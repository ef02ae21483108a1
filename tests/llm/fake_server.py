"""A fake OpenAI-compatible chat-completions server on 127.0.0.1, replying from a queue.

Real HTTP in a background thread, so the real litellm + instructor code path runs against it
(llm's ``MockModel.enqueue`` style). Every request is recorded, so tests count calls to the model.
Replies are scripted per request in order; a request that finds the queue empty gets a 500 and is
counted in ``unexpected`` so a test cannot pass on an unplanned call — unless a ``responder`` is set
(evals and benchmarks over hundreds of cases): it answers every unscripted request.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import tiktoken

_ENC = tiktoken.get_encoding("o200k_base")


@dataclass
class Reply:
    """One scripted answer: a JSON object, raw text, or an HTTP error, optionally after a delay."""

    content: str | None = None
    status: int = 200
    error: str = ""
    delay_s: float = 0.0
    finish_reason: str = "stop"


@dataclass
class Request:
    path: str
    body: dict[str, Any]

    @property
    def model(self) -> str:
        return self.body.get("model", "")

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body.get("messages", [])

    @property
    def prompt_tokens(self) -> int:
        """Tokens of the messages as sent, counted the way OpenAI bills chat (3 per message + 3)."""
        return sum(3 + len(_ENC.encode(_text(m.get("content")))) for m in self.messages) + 3


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


@dataclass
class FakeLLMServer:
    host: str = "127.0.0.1"
    requests: list[Request] = field(default_factory=list)
    unexpected: int = 0
    stream_chunk_chars: int = 12
    stream_usage: bool = True  # llama-cpp-python's server sends no usage in a stream: set False to replay it
    responder: Callable[[Request], Reply] | None = None

    def __post_init__(self) -> None:
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = ThreadingHTTPServer((self.host, 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    # ------------------------------------------------------------ scripting

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self._httpd.server_address[1]}/v1"

    def enqueue_json(self, obj: dict[str, Any], *, delay_s: float = 0.0) -> None:
        """A valid reply: the object as the assistant's JSON content (instructor Mode.JSON)."""
        self._queue.append(Reply(content=json.dumps(obj, ensure_ascii=False), delay_s=delay_s))

    def enqueue_text(self, text: str) -> None:
        """Raw assistant content, e.g. broken JSON to exercise the re-ask path."""
        self._queue.append(Reply(content=text))

    def enqueue_error(self, status: int, message: str = "scripted error") -> None:
        self._queue.append(Reply(status=status, error=message))

    @property
    def pending(self) -> int:
        return len(self._queue)

    # ------------------------------------------------------------ lifecycle

    def start(self) -> FakeLLMServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes slow replies so shutdown is prompt
        self._httpd.shutdown()
        self._httpd.server_close()

    # ------------------------------------------------------------ serving

    def _next(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self._queue:
                return self._queue.popleft()
            if self.responder is not None:
                return self.responder(request)
            self.unexpected += 1
            return Reply(status=500, error="fake server: no scripted reply left")

    def _wait(self, seconds: float) -> None:
        self._stop.wait(seconds)


def _handler_for(server: FakeLLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  (quiet test output)
            pass

        def do_POST(self) -> None:  # noqa: N802  (http.server naming)
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            request = Request(path=self.path, body=body)
            if not self.path.endswith("/chat/completions"):
                self._send_json(404, {"error": {"message": f"no route {self.path}"}})
                return
            reply = server._next(request)
            if reply.delay_s:
                server._wait(reply.delay_s)
            try:
                if reply.status != 200:
                    err_type = "rate_limit_error" if reply.status == 429 else "server_error"
                    self._send_json(reply.status, {"error": {"message": reply.error, "type": err_type}})
                elif body.get("stream"):
                    self._send_stream(request, reply)
                else:
                    self._send_json(200, _completion(request, reply))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test): nothing to answer

        def _send_json(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _send_stream(self, request: Request, reply: Reply) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            text = reply.content or ""
            size = server.stream_chunk_chars
            pieces = [text[i : i + size] for i in range(0, len(text), size)] or [""]
            for i, piece in enumerate(pieces):
                delta: dict[str, Any] = {"content": piece}
                if i == 0:
                    delta["role"] = "assistant"
                self._event(_chunk(request, delta, None))
            usage = _usage(request, text) if server.stream_usage else None
            self._event(_chunk(request, {}, reply.finish_reason, usage=usage))
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

        def _event(self, payload: dict[str, Any]) -> None:
            self.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
            self.wfile.flush()

    return Handler


def _usage(request: Request, completion: str) -> dict[str, int]:
    prompt = request.prompt_tokens
    done = len(_ENC.encode(completion))
    return {"prompt_tokens": prompt, "completion_tokens": done, "total_tokens": prompt + done}


def _completion(request: Request, reply: Reply) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-fake-{len(request.messages)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.content},
                "finish_reason": reply.finish_reason,
            }
        ],
        "usage": _usage(request, reply.content or ""),
    }


def _chunk(request: Request, delta: dict[str, Any], finish: str | None, usage: dict | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": "chatcmpl-fake-stream",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": request.model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    if usage:
        out["usage"] = usage
    return out


_CANDIDATE = re.compile(r"^- ([a-z_]+) \(", re.M)
_TEMPLATE = re.compile(r"MODEL DRAFT \([^)]*\):\n(.*?)\nCONVERSATION \(oldest first\)", re.S)
_REVISE = re.compile(r"^DRAFT:\n(.*?)\nCANDIDATES:", re.S | re.M)
_KNOWLEDGE = re.compile(r"^\[([^\]]+)\] [^:]*: (.*)$", re.M)


def echo_template(*, second_intent: bool = False, delay_s: float = 0.0) -> Callable[[Request], Reply]:
    """A responder that answers suggest/revise prompts like a careful model: the offline template
    draft (the prompt's MODEL DRAFT) kept as is, the first candidate intent (the second one with
    `second_intent`, so two "models" disagree), no fields, no citations."""

    def respond(request: Request) -> Reply:
        user = _text(request.messages[-1].get("content")) if request.messages else ""
        ids = _CANDIDATE.findall(user) or ["other"]
        draft = _TEMPLATE.search(user) or _REVISE.search(user)
        intent = ids[1] if second_intent and len(ids) > 1 else ids[0]
        text = draft.group(1).strip() if draft else "Thanks, we will reply by 10:30."
        cited = [k for k, body in _KNOWLEDGE.findall(user) if body[:40] and body[:40] in text]
        answer = {"intent": intent, "confidence": 0.8, "fields": {}, "draft": text, "citations": cited}
        return Reply(content=json.dumps(answer, ensure_ascii=False), delay_s=delay_s)

    return respond
