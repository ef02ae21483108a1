"""Request bodies are checked before FastAPI parses them: size (413), media type (415), UTF-8 (400),
and time (408: a client that trickles its body must not hold a worker's connection)."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import send_error

BODY_TIMEOUT_S = 10.0  # between two chunks of a body


def _is_json(content_type: bytes) -> bool:
    media = content_type.split(b";", 1)[0].strip().lower()
    return media == b"application/json" or (media.startswith(b"application/") and media.endswith(b"+json"))


class BodyGuard:
    """Rejects oversized (413), non-JSON (415), non-UTF-8 (400) and slow (408) bodies."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            await send_error(send, 413, "body", f"Request body is over the {self.max_bytes} byte limit.")
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            try:
                message = await asyncio.wait_for(receive(), BODY_TIMEOUT_S)
            except TimeoutError:
                await send_error(send, 408, "body", f"The body did not arrive within {BODY_TIMEOUT_S:.0f} s.")
                return
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await send_error(send, 413, "body", f"Request body is over the {self.max_bytes} byte limit.")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if body and not _is_json(headers.get(b"content-type", b"")):
            await send_error(send, 415, "content-type", "Send the body as JSON with "
                             "`Content-Type: application/json`.")
            return
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as exc:
            await send_error(send, 400, "body", f"Request body is not valid UTF-8 (byte {exc.start}).")
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
