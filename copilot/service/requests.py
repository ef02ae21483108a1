"""The outermost middleware: request id, one access log line, request metrics, header count (431),
the request deadline (503) and the last-resort 500.

Starlette's own error middleware answers an unexpected exception and then re-raises it, and
uvicorn closes a connection whose application raised after answering: a pooled client's next
request then fails too. Here the exception stops: the caller gets the JSON error body with the
request id, the log gets the traceback with the same id, and the connection stays open.
"""

from __future__ import annotations

import asyncio
import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import metrics
from .context import start_request
from .errors import send_error

log = logging.getLogger("copilot.http")

MAX_HEADERS = 100
MAX_HEADER_BYTES = 16 * 1024  # h11 refuses a head that arrives incomplete above this; this, one that arrives whole


def _route(scope: Scope) -> str:
    """The route template ("/v1/suggest"), never the raw path: unknown paths would flood the metrics."""
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


class RequestContext:
    def __init__(self, app: ASGIApp, *, deadline_s: float = 30.0) -> None:
        self.app, self.deadline_s = app, deadline_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        rid = start_request(headers.get(b"x-request-id", b"").decode("latin-1") or None)
        started = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        if len(scope["headers"]) > MAX_HEADERS or sum(len(k) + len(v) for k, v in scope["headers"]) > MAX_HEADER_BYTES:
            await send_error(send_with_id, 431, "headers", f"Over {MAX_HEADERS} request headers or "
                             f"{MAX_HEADER_BYTES} bytes of them.")
            metrics.observe_request(scope["method"], "unmatched", 431, time.perf_counter() - started)
            return
        metrics.IN_FLIGHT.inc()
        try:
            async with asyncio.timeout(self.deadline_s):
                await self.app(scope, receive, send_with_id)
        except TimeoutError:
            log.warning("request deadline", extra={"request_id": rid, "route": _route(scope)})
            if status == 0:
                status = 503
                await send_error(send_with_id, 503, None, f"The request ran past its {self.deadline_s:g} s deadline.",
                                 headers={"Retry-After": "1"})
        except Exception:
            log.exception("internal error", extra={"request_id": rid, "route": _route(scope)})
            if status == 0:
                status = 500
                await send_error(send_with_id, 500, None, "Internal error; the request was not completed. "
                                 "Quote the request_id when reporting it.")
            # Else the response had started (a stream): the route ends its stream with an error event.
        finally:
            metrics.IN_FLIGHT.dec()
            seconds = time.perf_counter() - started
            route = _route(scope)
            metrics.observe_request(scope["method"], route, status, seconds)
            # Method, route, status and time only: never the body or query (customer text).
            log.info("request", extra={"request_id": rid, "method": scope["method"], "route": route,
                                       "status": status, "ms": round(seconds * 1000, 1)})
