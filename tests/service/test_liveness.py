"""Liveness is not starved by suggestions: /healthz answers while every pipeline thread is busy,
and a suggestion then waits for a free thread instead of taking the event loop."""

from __future__ import annotations

import asyncio
import threading

import httpx

from copilot import Copilot, Settings
from copilot.api import create_app

from .conftest import serving

ASK = {"messages": [{"role": "customer", "text": "what are your opening hours?"}]}


def test_healthz_answers_while_every_pipeline_thread_is_busy(settings: Settings) -> None:
    copilot = Copilot(settings.model_copy(update={"pipeline_threads": 1}))
    release = threading.Event()
    with serving(create_app(copilot)) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert client.post("/v1/suggest", json=ASK).status_code == 200  # warm

        async def occupy() -> None:  # the one pipeline thread waits for us
            await copilot.cpu.run(release.wait, 30)

        runner = threading.Thread(target=lambda: asyncio.run(occupy()))
        runner.start()
        try:
            queued: list[int] = []
            waiting = threading.Thread(target=lambda: queued.append(
                httpx.post(f"{url}/v1/suggest", json=ASK, timeout=30).status_code))
            waiting.start()
            waiting.join(timeout=1.0)
            assert waiting.is_alive() and not queued  # no thread free: the suggestion waits

            live = client.get("/healthz")
            assert live.status_code == 200 and live.json()["status"] == "ok"
            assert client.head("/healthz").status_code == 200
            assert client.get("/readyz").status_code == 200  # readiness is not behind the suggestions either
        finally:
            release.set()
            runner.join(timeout=30)
        waiting.join(timeout=30)
        assert queued == [200]
