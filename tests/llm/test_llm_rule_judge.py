"""LLMRuleJudge: the rule engine's Judge protocol, backed by one model call per rule."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from llm_samples import conversation

from copilot.errors import LLMError
from copilot.llm import LLMRuleJudge
from copilot.models import Conversation


@dataclass
class Rule:  # the attributes copilot.rules gives a rule
    id: str
    name: str
    severity: str
    description: str


@dataclass
class Ctx:  # the attributes copilot.rules gives a check context
    language: str
    conversation: Conversation
    moment: str


TONE = Rule(id="H9", name="tone", severity="warn", description="Warm, direct, polite; no sarcasm, slang or profanity.")
CTX = Ctx(language="en", conversation=conversation(6), moment="reopen")


def test_a_fail_verdict_becomes_a_failed_rule_check_with_the_reason(fake_llm, make_settings):
    fake_llm.enqueue_json({"verdict": "fail", "reason": "Sarcastic: 'obviously you did not read'."})

    check = LLMRuleJudge(make_settings())(TONE, "Obviously you did not read our FAQ.", CTX)

    assert (check.rule, check.name, check.severity) == ("H9", "tone", "warn")
    assert check.status == "fail" and check.passed is False
    assert "Sarcastic" in check.detail
    assert len(fake_llm.requests) == 1


def test_a_pass_verdict_passes_and_the_prompt_names_the_rule_and_the_draft(fake_llm, make_settings):
    fake_llm.enqueue_json({"verdict": "pass", "reason": "Polite and direct."})
    judge = LLMRuleJudge(make_settings(judge_model="openai/fake-judge"))

    check = judge(TONE, "Thanks! I'll send the tracking link by 15:30 UTC.", CTX)

    assert check.status == "pass" and check.passed is True
    request = fake_llm.requests[0]
    assert request.model == "fake-judge"
    user = request.messages[-1]["content"]
    assert "RULE H9 (tone)" in user and "<draft>\nThanks! I'll send" in user
    assert judge.calls[0].stage == "judge:H9" and judge.calls[0].prompt_version == "judge/v1"


def test_a_server_error_raises_llm_error_for_the_rule_engine_to_record(fake_llm, make_settings):
    fake_llm.enqueue_error(500)

    with pytest.raises(LLMError) as info:
        LLMRuleJudge(make_settings())(TONE, "Hello.", CTX)

    assert info.value.reason == "server_error"
