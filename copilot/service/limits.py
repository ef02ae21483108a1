"""Per-caller limits on the /v1 routes: a rate limit and a concurrency limit, both 429 + Retry-After.

The caller is its API key (`Authorization: Bearer …`, hashed) or, without one, its client address.
Rates are counted by the `limits` library: in memory per worker by default (`memory://`), or in a
store every replica shares (`COPILOT_LIMITS_STORAGE=redis://host:6379`), so N replicas together
allow the configured rate, not N times it. The concurrency limit is per worker process: it keeps
one caller's slow requests (long conversations, a hanging model) from taking every thread.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import Counter

from limits import parse_many
from limits.storage import storage_from_string
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from . import metrics
from .errors import send_error

LIMITED_PREFIX = "/v1/"


def caller_id(scope: Scope) -> str:
    """'key:<hash>' for a bearer key (never the key itself), else 'ip:<address>'."""
    auth = dict(scope["headers"]).get(b"authorization", b"")
    if auth[:7].lower() == b"bearer " and len(auth) > 7:
        return "key:" + hashlib.sha256(auth[7:].strip()).hexdigest()[:16]
    client = scope.get("client")
    return f"ip:{client[0] if client else 'unknown'}"


class CallerLimits:
    def __init__(self, app: ASGIApp, *, rate: str, concurrent: int, storage: str = "memory://") -> None:
        self.app = app
        self.rates = parse_many(rate) if rate.strip() else []
        self.concurrent = concurrent
        self.limiter = MovingWindowRateLimiter(storage_from_string(f"async+{storage}" if "+" not in storage
                                                                   else storage))
        self.active: Counter[str] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(LIMITED_PREFIX):
            await self.app(scope, receive, send)
            return
        who = caller_id(scope)
        for rate in self.rates:
            if not await self.limiter.hit(rate, who):
                stats = await self.limiter.get_window_stats(rate, who)
                wait = max(1, math.ceil(stats.reset_time - time.time()))
                metrics.LIMITED.labels("rate").inc()
                await send_error(send, 429, None, f"Rate limit of {rate} reached; retry in {wait} s.",
                                 headers={"Retry-After": str(wait)})
                return
        if self.active[who] >= self.concurrent:
            metrics.LIMITED.labels("concurrency").inc()
            await send_error(send, 429, None, f"Over {self.concurrent} requests at once from one caller.",
                             headers={"Retry-After": "1"})
            return
        self.active[who] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active[who] -= 1
            if not self.active[who]:
                del self.active[who]
