"""The current request's id, for error bodies and log lines (a contextvar: safe across tasks)."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("copilot_request_id", default=None)
# A caller's X-Request-ID is kept when it is a plain token (it ends up in logs and headers).
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def request_id() -> str | None:
    return _request_id.get()


def start_request(supplied: str | None) -> str:
    """Set the request id for this request: the caller's X-Request-ID if safe, else a new one."""
    rid = supplied if supplied and _SAFE_ID.match(supplied) else uuid.uuid4().hex[:16]
    _request_id.set(rid)
    return rid
