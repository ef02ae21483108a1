"""COPILOT_TIMEOUT_S covers the whole suggestion, not only the model's call.

The offline stages before the model (`prepare`) spend part of it; the checks after the model
(`finish`) must still fit when the model hangs and its answer is dropped. So the model is given
what is left of the timeout once both are counted: the time `prepare` took, and a reserve for
`finish` — the slowest of its recent runs on the fallback path in this process (measured, so a
loaded box reserves more), at most a quarter of the timeout.
"""

from __future__ import annotations

import threading
from collections import deque

RECENT = 16  # finishes remembered
MAX_SHARE = 0.25  # of the timeout, at most, kept from the model


class FinishReserve:
    """The time to keep for the checks after a dropped model answer (thread-safe)."""

    def __init__(self) -> None:
        self._recent: deque[float] = deque(maxlen=RECENT)
        self._lock = threading.Lock()

    def observe(self, seconds: float) -> None:
        with self._lock:
            self._recent.append(seconds)

    def seconds(self, timeout_s: float) -> float:
        with self._lock:
            slowest = max(self._recent, default=0.0)
        return min(slowest, timeout_s * MAX_SHARE)

    def model_deadline(self, started: float, timeout_s: float) -> float:
        """When the model's time is up (on the clock `started` was read from)."""
        return started + timeout_s - self.seconds(timeout_s)
