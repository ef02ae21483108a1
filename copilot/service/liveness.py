"""Liveness that load cannot starve: `/healthz` answered at the outermost ASGI layer, and the event
loop handed the GIL sooner while pipeline threads compute.

A suggestion is CPU work in worker threads (`Copilot.asuggest`); the event loop thread that answers
/healthz must win the GIL back from them for every socket call. CPython lets a waiting thread in
only every `sys.getswitchinterval()` (5 ms by default), so under 64 concurrent suggestions a probe
queued behind several hand-offs took 100–700 ms (benchmarks/bench_load.py) and an orchestrator
could restart a busy but healthy server. Here the probe skips routing, limits, auth and logging
(a pre-encoded answer), and the switch interval is 1 ms.
"""

from __future__ import annotations

import json
import sys

from starlette.types import ASGIApp, Receive, Scope, Send

from ..version import __version__

LIVENESS_PATH = "/healthz"
SWITCH_INTERVAL_S = 0.001


def liveness_body(mode: str) -> bytes:
    return json.dumps({"status": "ok", "version": __version__, "mode": mode}).encode()


class Liveness:
    """Answers GET/HEAD /healthz before any other middleware runs."""

    def __init__(self, app: ASGIApp, *, mode: str) -> None:
        self.app = app
        self.body = liveness_body(mode)
        self.headers = [(b"content-type", b"application/json"), (b"content-length", str(len(self.body)).encode())]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == LIVENESS_PATH and scope["method"] in ("GET", "HEAD"):
            await send({"type": "http.response.start", "status": 200, "headers": self.headers})
            await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else self.body})
            return
        await self.app(scope, receive, send)


def favour_the_event_loop() -> None:
    """Hand the GIL to a waiting thread (the event loop) after 1 ms instead of 5 ms."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
