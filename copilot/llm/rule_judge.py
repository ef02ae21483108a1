"""An LLM judge for the rules patterns cannot judge well (H1 one-job, H9 tone, H14 empathy).

It implements the rule engine's RuleJudge protocol: ``judge(rule, text, ctx) -> RuleCheck``. A failed
call raises LLMError; the rule engine turns that into status "error" (not a fail), so an outage
never blocks a draft on its own.
"""

from __future__ import annotations

from typing import Any

from ..models import RuleCheck
from ..settings import Settings
from .budget import trim_conversation
from .client import CallRecord, LLMClient
from .prompts import as_data, load_prompt
from .schemas import JudgeVerdict

# The judge needs the latest exchange, not the whole history.
JUDGE_CONVERSATION_TOKENS = 400


class LLMRuleJudge:
    """Judge one rule on one draft; `calls` keeps the record of every call for cost accounting."""

    def __init__(self, settings: Settings, client: LLMClient | None = None) -> None:
        self.settings = settings
        self.client = client or LLMClient(settings)
        self.prompt = load_prompt("judge", prompts_dir=settings.prompts_dir)
        self.calls: list[CallRecord] = []

    def __call__(self, rule: Any, text: str, ctx: Any) -> RuleCheck:
        conversation = getattr(ctx, "conversation", None)
        rows = (
            trim_conversation(conversation.messages, budget_tokens=JUDGE_CONVERSATION_TOKENS, fields={})
            if conversation is not None
            else []
        )
        messages = self.prompt.render(
            rule_id=rule.id,
            rule_name=getattr(rule, "name", ""),
            rule_description=getattr(rule, "description", ""),
            language=getattr(ctx, "language", None) or "unknown",
            moment=getattr(ctx, "moment", None) or "unknown",
            conversation="\n".join(f"{r['role']}: {as_data(r['text'])}" for r in rows) or "(none)",
            draft=as_data(text),
        )
        verdict, record = self.client.generate(
            JudgeVerdict,
            messages,
            stage=f"judge:{rule.id}",
            prompt_version=f"judge/{self.prompt.version}",
            model=self.settings.judge_model or self.settings.model,
        )
        self.calls.append(record)
        return RuleCheck(
            rule=rule.id,
            name=getattr(rule, "name", ""),
            severity=getattr(rule, "severity", "warn"),
            status=verdict.verdict,
            passed=verdict.verdict == "pass",
            detail=verdict.reason,
        )
