"""`copilot serve`: uvicorn with the limits a public endpoint needs.

- h11 (not httptools) parses requests: it caps a request head at 16 KB, so an 8 MB header or
  3,000 headers is refused at the protocol level ("400 Invalid HTTP request").
- A request head must arrive within HEAD_TIMEOUT_S (`SlowClientGuard`): a slow-loris client that
  trickles header bytes is disconnected instead of holding a connection for ever. Slow bodies are
  the body guard's (`service.body`, 408).
- `limit_concurrency` bounds open connections + requests per worker (uvicorn answers 503 beyond);
  the per-key limits of `service.limits` act before that.
- Graceful shutdown: on SIGTERM, requests in flight get `timeout_graceful_shutdown` seconds.
- JSON logs with request ids (`service.logs`); several workers share one /metrics view
  (PROMETHEUS_MULTIPROC_DIR).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from ..settings import Settings
from .logs import log_config

HEAD_TIMEOUT_S = 10.0


class SlowClientGuard(H11Protocol):
    """Closes a connection whose request head is not complete `head_timeout_s` after it started."""

    head_timeout_s = HEAD_TIMEOUT_S
    _head_timer: asyncio.TimerHandle | None = None

    def _waiting_for_head(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.head_timeout_s, self._too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _too_slow(self) -> None:
        self._head_timer = None
        if self._waiting_for_head() and not self.transport.is_closing():
            self.logger.info("closing a connection whose request head took over %.0f s", self.head_timeout_s)
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._waiting_for_head():
            self._arm()  # a new request started on a kept-alive connection
        super().data_received(data)
        if not self._waiting_for_head():
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def uvicorn_options(settings: Settings, *, workers: int) -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run` (the factory app `copilot.api:asgi_app`)."""
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Workers inherit the environment: each writes its numbers there, /metrics adds them up.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="copilot-metrics-")
    return {
        "factory": True,
        "workers": workers,
        "http": SlowClientGuard,
        "h11_max_incomplete_event_size": 16 * 1024,
        "limit_concurrency": settings.max_connections,
        "timeout_keep_alive": 5,
        "timeout_graceful_shutdown": 20,
        "log_config": log_config(settings.log_level, settings.log_format),
        "access_log": False,  # service.requests writes the access line, with the request id
        "server_header": False,
    }
