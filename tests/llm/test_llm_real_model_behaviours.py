"""What a real small model did (Qwen2.5-Coder-1.5B-Instruct on llama.cpp, issue 20), replayed by
the fake server so CI keeps the product safe from it. Each test names the behaviour it replays;
benchmarks/bench_real_model.py is where they were seen."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fake_server import FakeLLMServer
from llm_samples import draft_input, reply

from copilot import Copilot, Settings
from copilot.llm import LLMDraft, LLMDrafter

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
SATURDAY_HY = {"messages": [{"role": "customer", "text": "Բարև, շաբաթ օրը բաց եք?"}], "channel": "whatsapp"}


@pytest.fixture
def llm_copilot(make_settings, data_dir: Path):
    def make(**overrides) -> Copilot:
        return Copilot(make_settings(data_dir=data_dir, **overrides))

    return make


@pytest.fixture
def offline(data_dir: Path) -> Copilot:
    return Copilot(Settings(data_dir=data_dir))


def _reply(draft: str, intent: str, citations: list[str] | None = None) -> dict:
    return {"intent": intent, "confidence": 0.8, "fields": {}, "draft": draft, "citations": citations or []}


def test_the_customers_question_echoed_back_is_revised_then_replaced_by_the_template(
        llm_copilot, offline: Copilot, fake_llm: FakeLLMServer) -> None:
    off = offline.suggest(SATURDAY_HY, now=NOW)
    echo = "Բարև, շաբաթ օրը բաց եք? 10:30 UTC"  # the question, and our reply-by time
    fake_llm.enqueue_json(_reply(echo, off.intent.id))
    fake_llm.enqueue_json(_reply(echo, off.intent.id))  # the revision echoes again
    s = llm_copilot().suggest(SATURDAY_HY, now=NOW)
    assert len(fake_llm.requests) == 2, "the echo costs one revision call, no more"
    assert "H15" in fake_llm.requests[1].messages[-1]["content"]
    assert s.trace.fallback == "llm:revision_still_blocks"
    assert s.draft.text == off.draft.text and s.hygiene.passed


def test_an_echo_the_revision_fixes_is_sent_revised(llm_copilot, offline: Copilot, fake_llm: FakeLLMServer) -> None:
    off = offline.suggest(SATURDAY_HY, now=NOW)
    fixed = "Բարև։ Կստուգեմ և կպատասխանեմ այստեղ մինչև 10:30 UTC։"
    fake_llm.enqueue_json(_reply("Բարև, շաբաթ օրը բաց եք? 10:30 UTC", off.intent.id))
    fake_llm.enqueue_json(_reply(fixed, off.intent.id))
    s = llm_copilot().suggest(SATURDAY_HY, now=NOW)
    assert s.trace.revised and s.trace.fallback is None
    assert s.draft.text == fixed and s.hygiene.passed


@pytest.mark.parametrize("draft", ["Thank you for your message!", "Ok."])
def test_a_draft_that_says_nothing_and_offers_no_step_is_not_sent(llm_copilot, offline, fake_llm, draft) -> None:
    conv = {"messages": [{"role": "customer", "text": "hi, where is my order A-10234?"}], "channel": "whatsapp"}
    off = offline.suggest(conv, now=NOW)
    fake_llm.enqueue_json(_reply(draft, off.intent.id))
    fake_llm.enqueue_json(_reply(draft, off.intent.id))
    s = llm_copilot().suggest(conv, now=NOW)
    assert s.draft.text != draft and s.hygiene.passed
    assert s.trace.fallback == "llm:revision_still_blocks"


async def test_a_stream_without_usage_is_counted_as_sent(fake_llm: FakeLLMServer, make_settings) -> None:
    """llama.cpp's server streams no usage; the local estimate once left out instructor's JSON-mode
    frame and the indented schema (863 counted vs 965 sent, by tiktoken, on the real server)."""
    fake_llm.stream_usage = False
    fake_llm.enqueue_json(reply())
    items = [item async for item in LLMDrafter(make_settings()).astream(draft_input())]
    final = items[-1]
    assert isinstance(final, LLMDraft)
    sent = fake_llm.requests[0].prompt_tokens  # tiktoken on the messages the server received
    assert abs(final.calls[0].prompt_tokens - sent) <= 0.02 * sent


SUNDAY = {"messages": [{"role": "customer", "text": "r u open on sunday? till what time"}], "channel": "whatsapp"}
# What the model wrote for SUNDAY (en-r01-answer-01): the template's facts, its closing question dropped.
FACTS_ONLY = ("Our Yerevan and Kyiv shops are open Mon–Sat 10:00–19:00 and Sun 11:00–17:00. "
              "The repair workshop works Mon–Sat 10:00–18:00 and is closed on Sundays.")


def test_a_dropped_closing_question_is_given_back_from_the_template(llm_copilot, offline, fake_llm) -> None:
    off = offline.suggest(SUNDAY, now=NOW)
    closing = off.draft.text.strip().splitlines()[-1]
    fake_llm.enqueue_json(_reply(FACTS_ONLY, off.intent.id, [h.id for h in off.knowledge[:1]]))
    s = llm_copilot().suggest(SUNDAY, now=NOW)
    assert len(fake_llm.requests) == 1
    assert s.draft.text == f"{FACTS_ONLY}\n{closing}"
    assert s.hygiene.passed


def test_a_draft_that_ends_with_its_own_step_is_left_as_written(llm_copilot, offline, fake_llm) -> None:
    off = offline.suggest(SUNDAY, now=NOW)
    own = FACTS_ONLY + " Shall I book you a slot on Sunday?"
    fake_llm.enqueue_json(_reply(own, off.intent.id))
    assert llm_copilot().suggest(SUNDAY, now=NOW).draft.text == own


async def test_streamed_text_adds_up_to_the_draft_with_the_closing_line(fake_llm, make_settings) -> None:
    fake_llm.enqueue_json(reply(draft="Hi! Your order A-10234 is with the courier."))
    inp = draft_input(template_draft="Hi, I'm checking order A-10234.\nShall I text you the tracking link?")
    items = [item async for item in LLMDrafter(make_settings()).astream(inp)]
    final = items[-1]
    assert isinstance(final, LLMDraft)
    assert final.draft == "Hi! Your order A-10234 is with the courier.\nShall I text you the tracking link?"
    assert "".join(items[:-1]) == final.draft
