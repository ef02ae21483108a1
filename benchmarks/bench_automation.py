"""Automated mode: inbound ack, turn latency and sustained turns/s, on SQLite and PostgreSQL.

The API app in-process (httpx ASGI transport, no network), one worker in the same process (as
`copilot serve` runs it on SQLite), the outbound receiver in-process too: what is measured is
our store, our worker and the offline pipeline, not a network.

- inbound ack: POST /v1/inbound → 202, median and p99 (while the worker drafts);
- turn latency: inbound → outbound POST received, one message every 150 ms (below capacity),
  median and p95, with the debounce set to 0 (add the tenant's debounce_seconds in production);
- sustained: 300 messages in 300 conversations posted at once; turns/s from the first post to the
  last outbound.

    .venv/bin/python benchmarks/bench_automation.py [--postgres URL] [--paced 100] [--flood 300]
PostgreSQL default: COPILOT_TEST_POSTGRES_URL or the role/database `.ci/run` creates; skipped
when none answers. Set COPILOT_DATA_DIR to reuse a warm classifier cache.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import copilot  # noqa: F401  (before numpy: thread settings)

PG_DEFAULT = os.environ.get("COPILOT_TEST_POSTGRES_URL",
                            "postgresql+psycopg://copilot:copilot@127.0.0.1:5432/copilot_test")
QUESTIONS = ["What are your opening hours?", "Do you deliver to Kyiv?", "How much is the Urban 3 bike?",
             "Какие у вас часы работы?", "Сколько стоит доставка?", "Чи є у вас шоломи?", "hi",
             "can I return a helmet I didn't use?", "Ձեր խանութը քանիսին է բացվում?", "thanks!"]


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


async def run(url: str, cp: Any, *, paced: int, flood: int) -> dict[str, float]:
    import httpx

    from copilot.api import create_app
    from copilot.automation.db import Database
    from copilot.automation.outbox import HttpSender
    from copilot.automation.service import Automation
    from copilot.automation.worker import Worker

    db = Database(url)
    db.migrate()
    automation = Automation(cp, db=db)
    base = automation.policies.get("default")
    automation.policies._cache["default"] = base.model_copy(update={"debounce_seconds": 0, "max_debounce_seconds": 0})
    arrived: dict[str, float] = {}

    def receiver(request: httpx.Request) -> httpx.Response:
        import json

        for mid in json.loads(request.content)["in_reply_to"]:
            arrived[mid] = time.perf_counter()
        return httpx.Response(200)

    sender = HttpSender("http://receiver.local/", "bench", transport=httpx.MockTransport(receiver))
    worker = Worker(db, cp, automation.policies, sender=sender, batch=4)
    automation.worker = worker
    app = create_app(cp, warm=False)
    app.state.automation = automation
    stop = asyncio.Event()
    loop_task = asyncio.create_task(worker.run(stop, poll_s=0.05))
    acks: list[float] = []
    posted: dict[str, float] = {}
    run_id = f"{time.time():.0f}"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as client:
        async def post(i: int, phase: str) -> None:
            mid = f"{phase}-{run_id}-{i}"
            body = {"channel": "webchat", "conversation_id": mid, "message_id": mid, "role": "customer",
                    "text": QUESTIONS[i % len(QUESTIONS)]}
            t = time.perf_counter()
            r = await client.post("/v1/inbound", json=body)
            acks.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 202, r.text
            posted[mid] = t

        async def drain(ids: list[str], timeout: float = 600) -> None:
            deadline = time.perf_counter() + timeout
            while not all(i in arrived for i in ids):
                assert time.perf_counter() < deadline, "outbound messages missing"
                await asyncio.sleep(0.005)

        await post(-1, "warm")  # first turn loads the tenant
        await drain([f"warm-{run_id}--1"])
        acks.clear()
        for i in range(paced):
            await post(i, "paced")
            await asyncio.sleep(0.15)
        paced_ids = [f"paced-{run_id}-{i}" for i in range(paced)]
        await drain(paced_ids)
        latency = [(arrived[m] - posted[m]) * 1000 for m in paced_ids]
        t0 = time.perf_counter()
        for i in range(flood):
            await post(i, "flood")
        flood_ids = [f"flood-{run_id}-{i}" for i in range(flood)]
        await drain(flood_ids)
        elapsed = max(arrived[m] for m in flood_ids) - t0
    stop.set()
    await loop_task
    await worker.aclose()
    db.dispose()
    return {"ack_median": statistics.median(acks), "ack_p99": pct(acks, 99),
            "turn_median": statistics.median(latency), "turn_p95": pct(latency, 95),
            "turns_per_s": flood / elapsed, "n_acks": len(acks)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default=PG_DEFAULT)
    parser.add_argument("--paced", type=int, default=100)
    parser.add_argument("--flood", type=int, default=300)
    args = parser.parse_args()
    from copilot import Copilot, Settings

    data_dir = Path(os.environ.get("COPILOT_DATA_DIR") or tempfile.mkdtemp())
    # A connector posts as fast as messages come; the per-caller limits of the API are not what is measured.
    cp = Copilot(Settings(data_dir=data_dir, rate_limit="100000/second", max_concurrent_per_caller=10_000))
    cp.warm_up()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    targets = [("sqlite", f"sqlite:///{tempfile.mkdtemp()}/automation.sqlite3")]
    try:
        from sqlalchemy import create_engine, text

        with create_engine(args.postgres).connect() as c:
            c.execute(text("SELECT 1"))
        targets.append(("postgres", args.postgres))
    except Exception as exc:  # noqa: BLE001
        print(f"postgres: skipped ({type(exc).__name__})")
    for name, url in targets:
        r = asyncio.run(run(url, cp, paced=args.paced, flood=args.flood))
        print(f"{name:8} inbound ack median {r['ack_median']:.1f} ms, p99 {r['ack_p99']:.1f} ms ({r['n_acks']:.0f} posts) | "
              f"turn inbound→outbound median {r['turn_median']:.0f} ms, p95 {r['turn_p95']:.0f} ms | "
              f"sustained {r['turns_per_s']:.1f} turns/s ({args.flood} at once)")


if __name__ == "__main__":
    main()
