"""LLMClient against the fake OpenAI-compatible server: the real litellm + instructor path."""

from __future__ import annotations

from typing import Literal

import pytest
from pydantic import BaseModel

from copilot.errors import ConfigError, LLMError
from copilot.llm import CallRecord, LLMClient
from copilot.settings import Settings

MESSAGES = [
    {"role": "system", "content": "Classify the message."},
    {"role": "user", "content": "where is my order A-10234?"},
]


class Verdict(BaseModel):
    intent: Literal["order_status", "other"]
    order_id: str | None = None


GOOD = {"intent": "order_status", "order_id": "A-10234"}


def generate(settings: Settings) -> tuple[Verdict, CallRecord]:
    return LLMClient(settings).generate(Verdict, MESSAGES, stage="understand", prompt_version="test/v1")


def test_a_valid_reply_takes_one_http_call_and_is_recorded(fake_llm, make_settings):
    fake_llm.enqueue_json(GOOD)

    result, record = generate(make_settings())

    assert result.model_dump() == GOOD
    assert len(fake_llm.requests) == 1
    assert fake_llm.requests[0].model == "fake-model"
    assert fake_llm.requests[0].body["response_format"] == {"type": "json_object"}
    assert record.stage == "understand" and record.prompt_version == "test/v1"
    assert record.model == "openai/fake-model"
    assert record.prompt_tokens == fake_llm.requests[0].prompt_tokens
    assert record.completion_tokens > 0
    assert record.attempts == 1 and not record.cached
    assert record.cost_usd is None  # a custom model has no price


def test_invalid_json_is_reasked_once_with_the_error_then_succeeds(fake_llm, make_settings):
    fake_llm.enqueue_text('{"intent": "order_status", "order_id": ')  # truncated JSON
    fake_llm.enqueue_json(GOOD)

    result, record = generate(make_settings())

    assert result.order_id == "A-10234"
    assert len(fake_llm.requests) == 2
    reask = fake_llm.requests[1].messages
    assert reask[-2]["role"] == "assistant"
    assert "Correct your JSON" in reask[-1]["content"]
    assert record.attempts == 2
    assert record.prompt_tokens == sum(r.prompt_tokens for r in fake_llm.requests)


def test_a_value_outside_the_schema_is_reasked_like_broken_json(fake_llm, make_settings):
    fake_llm.enqueue_json({"intent": "refund_please"})
    fake_llm.enqueue_json(GOOD)

    result, _ = generate(make_settings())

    assert result.intent == "order_status"
    assert "refund_please" in fake_llm.requests[1].messages[-1]["content"]


def test_output_still_invalid_after_the_reask_raises_invalid_output(fake_llm, make_settings):
    fake_llm.enqueue_text("sorry, I cannot do JSON")
    fake_llm.enqueue_text("still not JSON")

    with pytest.raises(LLMError) as info:
        generate(make_settings())

    assert info.value.reason == "invalid_output"
    assert len(fake_llm.requests) == 2


def test_a_reply_slower_than_the_timeout_raises_timeout(fake_llm, make_settings):
    fake_llm.enqueue_json(GOOD, delay_s=3)

    with pytest.raises(LLMError) as info:
        generate(make_settings(timeout_s=0.5))

    assert info.value.reason == "timeout"
    assert len(fake_llm.requests) == 1


@pytest.mark.parametrize(("status", "reason"), [(429, "rate_limited"), (500, "server_error"), (503, "server_error")])
def test_http_errors_raise_llm_error_with_a_reason_and_no_hidden_retry(fake_llm, make_settings, status, reason):
    fake_llm.enqueue_error(status)

    with pytest.raises(LLMError) as info:
        generate(make_settings())

    assert info.value.reason == reason
    assert len(fake_llm.requests) == 1  # neither litellm nor the OpenAI SDK retried on its own


def test_configured_retries_retry_a_server_error(fake_llm, make_settings):
    fake_llm.enqueue_error(500)
    fake_llm.enqueue_json(GOOD)

    result, _ = generate(make_settings(retries=1))

    assert result.intent == "order_status"
    assert len(fake_llm.requests) == 2


@pytest.mark.parametrize("status", [429, 500])
def test_router_falls_back_to_the_next_model_on_rate_limit_or_server_error(fake_llm, make_settings, status):
    fake_llm.enqueue_error(status)
    fake_llm.enqueue_json(GOOD)

    result, record = generate(make_settings(fallbacks=["openai/fake-backup"]))

    assert result.intent == "order_status"
    assert [r.model for r in fake_llm.requests] == ["fake-model", "fake-backup"]
    assert record.model == "openai/fake-backup"


def test_router_raises_when_every_model_fails(fake_llm, make_settings):
    fake_llm.enqueue_error(500)
    fake_llm.enqueue_error(429)

    with pytest.raises(LLMError) as info:
        generate(make_settings(fallbacks=["openai/fake-backup"]))

    assert info.value.reason == "server_error"  # litellm re-raises the primary model's failure
    assert len(fake_llm.requests) == 2


def test_a_cache_hit_makes_no_http_call(fake_llm, make_settings):
    settings = make_settings(llm_cache=True)
    fake_llm.enqueue_json(GOOD)

    first, _ = generate(settings)
    second, record = generate(settings)  # a new client: the cache is on disk

    assert second.model_dump() == first.model_dump()
    assert len(fake_llm.requests) == 1
    assert record.cached and record.attempts == 0 and record.cost_usd == 0.0


def test_the_cache_key_changes_with_the_prompt_version(fake_llm, make_settings):
    settings = make_settings(llm_cache=True)
    fake_llm.enqueue_json(GOOD)
    fake_llm.enqueue_json(GOOD)
    client = LLMClient(settings)

    client.generate(Verdict, MESSAGES, stage="understand", prompt_version="test/v1")
    client.generate(Verdict, MESSAGES, stage="understand", prompt_version="test/v2")

    assert len(fake_llm.requests) == 2


def test_the_cache_key_changes_with_the_sampling_settings_but_not_with_the_timeout(fake_llm, make_settings):
    for _ in range(3):
        fake_llm.enqueue_json(GOOD)
    for settings in (make_settings(llm_cache=True), make_settings(llm_cache=True, temperature=0.9),
                     make_settings(llm_cache=True, max_tokens=300), make_settings(llm_cache=True, timeout_s=9)):
        LLMClient(settings).generate(Verdict, MESSAGES, stage="understand", prompt_version="test/v1")

    assert len(fake_llm.requests) == 3   # the timeout does not change the answer: the last call was a hit


def test_without_the_cache_setting_identical_calls_both_reach_the_model(fake_llm, make_settings):
    fake_llm.enqueue_json(GOOD)
    fake_llm.enqueue_json(GOOD)
    client = LLMClient(make_settings())

    client.generate(Verdict, MESSAGES, stage="understand", prompt_version="test/v1")
    client.generate(Verdict, MESSAGES, stage="understand", prompt_version="test/v1")

    assert len(fake_llm.requests) == 2


def test_cost_comes_from_litellms_price_map_for_a_known_model(fake_llm, make_settings):
    import litellm

    fake_llm.enqueue_json(GOOD)

    _, record = generate(make_settings(model="openai/gpt-4o-mini"))

    price = litellm.model_cost["gpt-4o-mini"]
    expected = record.prompt_tokens * price["input_cost_per_token"] + record.completion_tokens * price["output_cost_per_token"]
    assert record.cost_usd == pytest.approx(expected)
    assert record.cost_usd > 0


def test_the_stage_model_override_is_sent(fake_llm, make_settings):
    fake_llm.enqueue_json(GOOD)

    LLMClient(make_settings()).generate(
        Verdict, MESSAGES, stage="judge", prompt_version="test/v1", model="openai/fake-judge"
    )

    assert fake_llm.requests[0].model == "fake-judge"


async def test_agenerate_makes_one_http_call(fake_llm, make_settings):
    fake_llm.enqueue_json(GOOD)

    result, record = await LLMClient(make_settings()).agenerate(
        Verdict, MESSAGES, stage="understand", prompt_version="test/v1"
    )

    assert result.order_id == "A-10234"
    assert len(fake_llm.requests) == 1 and record.attempts == 1


async def test_agenerate_maps_a_server_error(fake_llm, make_settings):
    fake_llm.enqueue_error(502)

    with pytest.raises(LLMError) as info:
        await LLMClient(make_settings()).agenerate(Verdict, MESSAGES, stage="understand", prompt_version="test/v1")

    assert info.value.reason == "server_error"


def test_a_refused_connection_raises_connection(make_settings):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    with pytest.raises(LLMError) as info:
        generate(make_settings(api_base=f"http://127.0.0.1:{port}/v1"))

    assert info.value.reason == "connection"


def test_building_a_client_without_a_model_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="COPILOT_MODEL"):
        LLMClient(Settings(data_dir=tmp_path))


async def test_async_calls_fall_back_through_the_router_too(fake_llm, make_settings):
    fake_llm.enqueue_error(503)
    fake_llm.enqueue_json(GOOD)

    result, record = await LLMClient(make_settings(fallbacks=["openai/fake-backup"])).agenerate(
        Verdict, MESSAGES, stage="understand", prompt_version="test/v1"
    )

    assert result.intent == "order_status"
    assert [r.model for r in fake_llm.requests] == ["fake-model", "fake-backup"]
    assert record.model == "openai/fake-backup"
