"""Where a suggestion's CPU work runs: a pool of one thread per core, apart from the event loop's
default executor.

Python threads beyond the cores add no throughput to CPU work (the GIL; the embedder's own threads
already use the cores) but each one more competes for the GIL with the event loop thread that reads
sockets and answers /healthz. Measured with 64 concurrent clients on 2 cores, one worker
(benchmarks/bench_load.py, load average 8.4): the default executor (6 threads) 33.9 req/s and
/healthz p95 305 ms; two threads 70.3 req/s and 141 ms. Requests beyond the pool wait in its queue,
which the per-caller concurrency limit and `COPILOT_MAX_CONNECTIONS` bound. Keeping it apart from the
default executor keeps small off-loop work (API key checks, readiness, database calls) from
queueing behind suggestions.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class CpuPool:
    def __init__(self, threads: int = 0) -> None:
        self.threads = threads or os.cpu_count() or 2
        self._executor: ThreadPoolExecutor | None = None

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`asyncio.to_thread`, on this pool (with the caller's context: request ids in logs)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.threads, thread_name_prefix="copilot-cpu")
        call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)
