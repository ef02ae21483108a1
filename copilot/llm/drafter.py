"""LLM mode drafting: one call per turn for intent + fields + draft, one more only to revise.

The pipeline hands over what the offline stages found (candidates, fields, knowledge, the
template draft) and gets back an LLMDraft. Policy decisions and the honesty check (H10) stay in
the pipeline: the model only proposes. Customer text reaches the model as delimited data.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..models import FIELD_NAMES as _FIELD_VOCABULARY
from ..models import Conversation, KnowledgeHit, RuleCheck
from ..settings import Settings
from .budget import (
    count_message_tokens,
    count_tokens,
    fit_knowledge,
    json_mode_tokens,
    knowledge_line,
    trim_conversation,
)
from .client import CallRecord, LLMClient
from .rule_judge import LLMRuleJudge
from .prompts import Prompt, as_data, load_prompt
from .schemas import reply_schema

__all__ = ["Candidate", "DraftInput", "LLMDraft", "LLMDrafter", "LLMRuleJudge"]

# The field vocabulary of docs/knowledge.md; anything else the model returns is dropped.
FIELD_NAMES = frozenset(_FIELD_VOCABULARY)
MAX_CANDIDATES = 5
KNOWLEDGE_SHARE = 0.4  # of what the fixed prompt leaves; the conversation gets the rest
MIN_CONVERSATION_TOKENS = 100
SAFETY_TOKENS = 24  # our count of instructor's schema message is an estimate; stay clear of the budget
# instructor's JSON mode appends this (plus the schema) to the system message; counted, not sent by us.
def keep_next_step(draft: str, template: str | None, char_limit: int) -> str:
    """Give a draft back the template's closing line when the model dropped it.

    Seen on Qwen2.5-Coder-1.5B (benchmarks/bench_real_model.py): it keeps the template's facts
    and drops its last line ("Does this answer your question? …", "Which time suits you?"), so
    the reply asks nothing and ends on the facts. (H2 let it pass: a clock time in the last
    sentence reads as a commitment.) When the draft asks nothing at all and the template's last
    line asks, that line is appended, if the channel allows the length."""
    from ..rules.draft import DraftView

    lines = (template or "").strip().splitlines()
    view = DraftView(draft)
    if len(lines) < 2 or any(view.is_ask(s) for s in view.sentences):
        return draft  # a one-line template has no closing line of its own to give back
    last = lines[-1].strip()
    closing = DraftView(last)
    if not last or last in draft or not any(closing.is_ask(s) for s in closing.sentences):
        return draft
    joined = f"{draft.rstrip()}\n{last}"
    return joined if len(joined) <= char_limit else draft


class Candidate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    description: str = ""
    confidence: float = Field(default=0.0, ge=0, le=1)


class DraftInput(BaseModel):
    """Everything one drafting call needs; built by the pipeline from the offline stages."""

    model_config = ConfigDict(extra="forbid")

    conversation: Conversation
    candidates: list[Candidate] = Field(default_factory=list, description="Intent candidates, best first.")
    fields: dict[str, Any] = Field(default_factory=dict, description="Fields extracted so far (offline).")
    missing_fields: list[str] = Field(default_factory=list, description="Most important first; only [0] is asked (H7).")
    knowledge: list[KnowledgeHit] = Field(default_factory=list)
    template_draft: str | None = Field(default=None, description="The offline template draft: the model to follow.")
    language: str
    channel: str = "webchat"
    char_limit: int = Field(default=600, ge=20)
    moment: str = "first_reply"
    reply_by: str = Field(default="", description="Concrete time the customer hears back, e.g. '15:30 UTC' (H11).")
    rules: list[str] = Field(
        default_factory=list, description="Extra one-line instructions; the core hygiene rules are in the prompt file."
    )


class LLMDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: str
    confidence: float
    fields: dict[str, Any] = Field(default_factory=dict)
    draft: str
    citations: list[str] = Field(default_factory=list)
    calls: list[CallRecord] = Field(default_factory=list)
    prompt_version: str


def _conversation_block(rows: list[dict[str, str]]) -> str:
    return "\n".join(f"{r['role']}: {as_data(r['text'])}" for r in rows)


def _ask_for(missing: list[str]) -> str:
    if not missing:
        return "nothing: do not ask for data"
    options = missing[0].split("|")  # "order_id|phone|email": any one of them (docs/knowledge.md)
    return options[0] if len(options) == 1 else "one of " + ", ".join(options)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str) if value else "none"


class LLMDrafter:
    """Drafts with the model; every call goes through LLMClient and is recorded."""

    def __init__(self, settings: Settings, client: LLMClient | None = None) -> None:
        self.settings = settings
        self.client = client or LLMClient(settings)
        pinned = settings.prompt_versions  # an eval matrix compares prompt versions side by side
        self._suggest = load_prompt("suggest", pinned.get("suggest"), prompts_dir=settings.prompts_dir)
        self._revise = load_prompt("revise", pinned.get("revise"), prompts_dir=settings.prompts_dir)

    @property
    def model(self) -> str:
        return self.settings.draft_model or self.settings.model or ""

    # ------------------------------------------------------------------ prompt building

    def _schema(self, inp: DraftInput, knowledge: list[KnowledgeHit]) -> type[BaseModel]:
        ids = tuple(c.id for c in inp.candidates[:MAX_CANDIDATES])
        return reply_schema(ids, tuple(h.id for h in knowledge), inp.char_limit)

    def _common(self, inp: DraftInput) -> dict[str, Any]:
        candidates = "\n".join(
            f"- {c.id} ({c.confidence:.2f}): {c.description}".rstrip(": ") for c in inp.candidates[:MAX_CANDIDATES]
        )
        return {
            "language": inp.language,
            "channel": inp.channel,
            "char_limit": inp.char_limit,
            "reply_by": inp.reply_by or "a concrete time",
            "candidates": candidates or "(none)",
            "fields": _json(inp.fields),
            "ask_for": _ask_for(inp.missing_fields),
        }

    def _fit(self, prompt: Prompt, variables: dict[str, Any], inp: DraftInput) -> tuple[list[dict], list[KnowledgeHit]]:
        """Render `prompt` within settings.prompt_budget_tokens: fixed parts first, then knowledge, then turns."""
        probe_schema = reply_schema((), (), inp.char_limit)  # the enum grows by the candidate ids, added below
        fixed = count_message_tokens(prompt.render(**variables, knowledge="", conversation=""), self.model)
        fixed += json_mode_tokens(probe_schema.model_json_schema(), self.model)
        fixed += sum(count_tokens(f'"{c.id}",', self.model) + 2 for c in inp.candidates[:MAX_CANDIDATES])
        available = self.settings.prompt_budget_tokens - fixed - SAFETY_TOKENS
        knowledge = fit_knowledge(inp.knowledge, budget_tokens=max(int(available * KNOWLEDGE_SHARE), 0))
        knowledge_text = "\n".join(knowledge_line(h) for h in knowledge)
        left = available - count_tokens(knowledge_text, self.model)
        rows = trim_conversation(
            inp.conversation.messages, budget_tokens=max(left, MIN_CONVERSATION_TOKENS), fields=inp.fields
        )
        messages = prompt.render(
            **variables,
            knowledge=knowledge_text or "(none: state no facts beyond the conversation)",
            conversation=_conversation_block(rows),
        )
        return messages, knowledge

    def suggest_messages(self, inp: DraftInput) -> tuple[list[dict], type[BaseModel]]:
        """The messages and answer schema of a suggest call (exposed for the benchmark and evals)."""
        variables = {
            **self._common(inp),
            "moment": inp.moment,
            "template_draft": inp.template_draft or "",
            "extra_rules": list(dict.fromkeys(inp.rules)),
        }
        messages, knowledge = self._fit(self._suggest, variables, inp)
        return messages, self._schema(inp, knowledge)

    def _revise_messages(self, inp: DraftInput, draft: str, violations: list[RuleCheck]) -> tuple[list[dict], type[BaseModel]]:
        lines = [
            f"- {v.rule} {v.name}: {v.detail or 'failed'}" + (f" → {v.fix}" if v.fix else "") for v in violations
        ]
        variables = {**self._common(inp), "draft": as_data(draft), "violations": "\n".join(lines) or "(none)"}
        messages, knowledge = self._fit(self._revise, variables, inp)
        return messages, self._schema(inp, knowledge)

    # ------------------------------------------------------------------ results

    def _result(self, reply: Any, record: CallRecord, inp: DraftInput, version: str) -> LLMDraft:
        allowed = FIELD_NAMES | set(inp.fields) | {f for m in inp.missing_fields for f in m.split("|")}
        fields = {k: v for k, v in reply.fields.items() if k in allowed and v not in (None, "", [], {})}
        return LLMDraft(
            intent=reply.intent,
            confidence=reply.confidence,
            fields=fields,
            draft=keep_next_step(reply.draft.strip(), inp.template_draft, inp.char_limit),
            citations=list(reply.citations),
            calls=[record],
            prompt_version=version,
        )

    # ------------------------------------------------------------------ calls

    def suggest(self, inp: DraftInput) -> LLMDraft:
        """ONE model call: intent (a candidate or 'other'), fields, and a grounded draft."""
        messages, schema = self.suggest_messages(inp)
        version = f"suggest/{self._suggest.version}"
        reply, record = self.client.generate(schema, messages, stage="draft", prompt_version=version, model=self.model)
        return self._result(reply, record, inp, version)

    async def asuggest(self, inp: DraftInput) -> LLMDraft:
        messages, schema = self.suggest_messages(inp)
        version = f"suggest/{self._suggest.version}"
        reply, record = await self.client.agenerate(
            schema, messages, stage="draft", prompt_version=version, model=self.model
        )
        return self._result(reply, record, inp, version)

    def revise(self, inp: DraftInput, draft: str, violations: list[RuleCheck]) -> LLMDraft:
        """A second call, only when a block rule failed: each violation's rule, detail and fix are listed."""
        messages, schema = self._revise_messages(inp, draft, violations)
        version = f"revise/{self._revise.version}"
        reply, record = self.client.generate(schema, messages, stage="revise", prompt_version=version, model=self.model)
        return self._result(reply, record, inp, version)

    async def arevise(self, inp: DraftInput, draft: str, violations: list[RuleCheck]) -> LLMDraft:
        messages, schema = self._revise_messages(inp, draft, violations)
        version = f"revise/{self._revise.version}"
        reply, record = await self.client.agenerate(
            schema, messages, stage="revise", prompt_version=version, model=self.model
        )
        return self._result(reply, record, inp, version)

    async def astream(self, inp: DraftInput) -> AsyncIterator[str | LLMDraft]:
        """Yield the draft's text as it is written (str deltas), then the final LLMDraft."""
        messages, schema = self.suggest_messages(inp)
        version = f"suggest/{self._suggest.version}"
        shown = ""
        async for item in self.client.astream(schema, messages, stage="draft", prompt_version=version, model=self.model):
            if isinstance(item, tuple):
                result = self._result(*item, inp, version)
                if result.draft.startswith(shown) and len(result.draft) > len(shown):
                    yield result.draft[len(shown) :]  # the rest, with any next step given back
                yield result
                return
            text = getattr(item, "draft", None) or ""
            if len(text) > len(shown) and text.startswith(shown):
                yield text[len(shown) :]
                shown = text
