"""Stage 4 — check the draft against the rulebook; a blocking failure gets one revision.

In LLM mode the model revises its own draft once; if that fails or still blocks, the offline
template draft takes over. Offline, the deterministic reviser (`rules.revise_draft`) repairs what
it can. Either way at most one revision, and the final draft is checked again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .llm_stage import model_call
from .models import Conversation, Draft, HygieneReport, KnowledgeHit, Moment, RuleCheck
from .names import reply_name
from .resources import Tenant
from .rules import RuleContext, RuleJudge, check_draft, revise_draft
from .rules.registry import Lookup
from .understand import Understanding

if TYPE_CHECKING:
    from .llm import CallRecord, LLMDraft

# The model's second call: (its draft, the blocking checks) -> a revised draft.
ModelReviser = Callable[[str, list[RuleCheck]], "LLMDraft"]


@dataclass(frozen=True)
class Checked:
    draft: Draft
    report: HygieneReport
    revised: bool
    fallback: str | None = None  # why the model's draft gave way to the offline one
    calls: list[CallRecord] = field(default_factory=list)  # the revision call, when it answered


def rule_context(conversation: Conversation, u: Understanding, hits: list[KnowledgeHit], tenant: Tenant, *,
                 moment: Moment, escalate: bool, reply_by: str, eta_minutes: int,
                 lookup: Lookup | None = None) -> RuleContext:
    return RuleContext(
        conversation=conversation, language=u.language.code, channel=conversation.channel,
        moment=moment, intent=u.intent.id, fields=u.fields, missing_fields=u.missing, knowledge=hits,
        customer_name=reply_name(conversation.customer.name, u.fields), escalate=escalate,
        # Facts the pipeline itself promises (H11), so H10 does not read them as invented.
        upset=u.upset, allowed_facts=[reply_by, f"{eta_minutes} minutes"], channels=tenant.channels, lookup=lookup,
    )


def check_and_revise(draft: Draft, ctx: RuleContext, *, judge: RuleJudge | None = None,
                     model_reviser: ModelReviser | None = None, offline: Draft | None = None) -> Checked:
    """`model_reviser` and `offline` are given when `draft` is the model's (LLM mode)."""

    def check(text: str) -> HygieneReport:
        return check_draft(text, ctx, judge=judge)

    report = check(draft.text)
    if report.passed:
        return Checked(draft, report, False)
    fallback, calls = None, []
    if model_reviser is not None:
        with model_call() as call:
            out = model_reviser(draft.text, report.blocking)
            calls = list(out.calls)
            revised = draft.model_copy(update={"text": out.draft})
            revised_report = check(revised.text)
            if revised_report.passed:
                return Checked(revised, revised_report, True, calls=calls)
            call.fallback = "llm:revision_still_blocks"
        # The model could not produce a sendable draft: the offline template draft takes over.
        fallback, draft = call.fallback, offline or draft
        report = check(draft.text)
        if report.passed:
            return Checked(draft, report, False, fallback, calls)
    fixed = revise_draft(draft.text, report, ctx)
    if fixed == draft.text:
        return Checked(draft, report, False, fallback, calls)
    return Checked(draft.model_copy(update={"text": fixed}), check(fixed), True, fallback, calls)
