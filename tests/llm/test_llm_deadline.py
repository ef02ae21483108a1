"""COPILOT_TIMEOUT_S bounds the request up to the model's answer, retries included: a hanging model
gives the offline suggestion within the timeout (was: one timeout per attempt, 6.8 s for a 3 s
timeout; then a full timeout after the offline stages, and ~1 s of tenant indexes built on the
first request's fallback: 3.85 s at load 7)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from copilot import Copilot
from copilot.api import create_app

from fake_server import FakeLLMServer

WHERE = {"messages": [{"role": "customer", "text": "hi, where is my order A-10234?",
                       "sent_at": "2026-11-24T10:00:00Z"}], "channel": "whatsapp"}


def _hanging(make_settings, fake_llm: FakeLLMServer, data_dir: Path) -> Copilot:
    """A copilot whose model answers each request after 30 s, with a 3 s timeout and 2 retries."""
    for _ in range(3):
        fake_llm.enqueue_json({"intent": "order_status", "confidence": 0.9, "fields": {}, "draft": "late",
                               "citations": []}, delay_s=30.0)
    copilot = Copilot(make_settings(data_dir=data_dir, timeout_s=3.0, retries=2))
    copilot.warm_up()  # models and knowledge loaded: only the model stage is timed
    return copilot


async def test_a_hanging_model_gives_the_offline_suggestion_within_the_timeout_over_http(
        make_settings, fake_llm: FakeLLMServer, data_dir: Path) -> None:
    copilot = _hanging(make_settings, fake_llm, data_dir)
    offline = Copilot(make_settings(data_dir=data_dir, model=None)).suggest(WHERE)
    app = create_app(copilot, warm=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api", timeout=60) as client:
        started = time.perf_counter()
        r = await client.post("/v1/suggest", json=WHERE)
        took = time.perf_counter() - started
    body = r.json()
    assert r.status_code == 200 and body["trace"]["fallback"] == "llm:timeout"
    assert body["draft"]["text"] == offline.draft.text
    # One 3 s budget over HTTP too, not a second attempt (6 s+). Warmed up, nothing else is slow: 3.03 s on an
    # idle box, 3.70 s once in a fresh clone's CI; the cold first request is the next test's.
    assert took <= 4.5, f"{took:.2f} s"


async def test_the_offline_stages_before_the_model_count_against_the_timeout(
        make_settings, fake_llm: FakeLLMServer, data_dir: Path) -> None:
    """A cold process's first request spends time in the offline stages (loading the tenant) before
    the model is asked: the model gets only what they left of the 3 s, not 3 s more."""
    for _ in range(3):
        fake_llm.enqueue_json({"intent": "order_status", "confidence": 0.9, "fields": {}, "draft": "late",
                               "citations": []}, delay_s=30.0)
    copilot = Copilot(make_settings(data_dir=data_dir, timeout_s=3.0, retries=2))  # not warmed up
    _ = copilot.drafter  # litellm's import is not what this test is about
    started = time.perf_counter()
    s = await copilot.asuggest(WHERE)
    model_done = time.perf_counter() - (s.trace.timings_ms["check"] + s.trace.timings_ms["decide"]) / 1000
    assert s.trace.fallback == "llm:timeout"
    # The offline stages took a share of the budget here (~1 s at load 11: the model was asked then).
    assert model_done - started <= 3.3, f"{model_done - started:.2f} s"


def test_the_sync_path_spends_one_timeout_across_its_retries(make_settings, fake_llm: FakeLLMServer,
                                                            data_dir: Path) -> None:
    copilot = _hanging(make_settings, fake_llm, data_dir)
    started = time.perf_counter()
    s = copilot.suggest(WHERE)
    took = time.perf_counter() - started
    # One 3 s budget, not three attempts of 3 s (~10 s): the offline stages around it are not bounded
    # by it, and on a loaded CI box they add a second or so, hence the margin.
    assert s.trace.fallback == "llm:timeout" and took < 6.0, f"{took:.2f} s"
