"""The spine, top to bottom: understand → assess escalation → retrieve → moment → template draft
(→ one model call in LLM mode) → check (→ one revision) → decide → follow-ups.

This is the only orchestrator: every stage is a function in its own module, from typed inputs to
a typed result, and is called here in order. `Copilot` is the library entry point; the HTTP API,
the CLI and the eval runner all call it. Any model failure leaves the offline result in place,
with `trace.fallback` saying why (`llm_stage.model_call`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from . import places
from .compute import CpuPool
from .deadline import FinishReserve
from .decide import decide, plan_follow_ups
from .drafting import offer_options, reply_by, template_draft, within_hours
from .foreign_language import without_model, without_templates, written_in_customers_language
from .handoff import context_header
from .intent_from_knowledge import reconsider_intent
from .language import preload_models
from .llm_stage import ModelCall, adopt_model, draft_input, model_call, rule_judge
from .models import Conversation, Draft, HygieneReport, KnowledgeHit, Moment, Suggestion, Trace, clamp_moment
from .moments import choose_moment
from .policy import assess_escalation
from .resources import Resources, Tenant
from .retrieve import knowledge_about, retrieve
from .revision import Checked, check_and_revise, rule_context
from .rules import RuleContext, check_draft
from .send_decision import complete_decision
from .settings import Settings
from .turns import recent_turns
from .understand import Understanding, understand
from .version import __version__

if TYPE_CHECKING:
    from .llm import DraftInput
    from .llm_stage import Drafter


class _Reset:
    """Stream marker: discard the draft text streamed so far (a revision or fallback replaced it)."""

    def __repr__(self) -> str:
        return "RESET"


RESET = _Reset()


class Copilot:
    """Suggested replies that follow the rulebook.

    >>> copilot = Copilot.from_env()
    >>> s = copilot.suggest({"messages": [{"role": "customer", "text": "where is my order?"}]})
    >>> s.intent.id, s.missing_fields
    ('order_status', ['order_id'])
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.resources = Resources(self.settings)
        self.cpu = CpuPool(self.settings.pipeline_threads)  # asuggest's CPU work, off the event loop
        self.reserve = FinishReserve()  # COPILOT_TIMEOUT_S's share kept for the checks after a dropped model
        preload_models()  # language detection's models load while the rest does (a CLI call chose its own)

    @classmethod
    def from_env(cls) -> Copilot:
        return cls(Settings())

    @cached_property
    def drafter(self) -> Drafter | None:
        """The LLM drafter when a model is configured (imports litellm only then)."""
        if not self.settings.llm_enabled:
            return None
        from .llm import LLMDrafter

        return LLMDrafter(self.settings)

    def warm_up(self, tenant: str | None = None) -> None:
        """Load models, taxonomy, templates and knowledge now rather than on the first request."""
        from .fields import warm_up as warm_fields

        warm_fields()
        places.gazetteer()  # built once per data dir (~5 s CPU), then read in ~0.1 s
        _ = self.drafter  # LLM mode: litellm's import takes seconds; not on the first request's clock
        # The whole offline pipeline: the checks after the model build tenant indexes on first use
        # (answer check, vocabulary: ~1 s at load), which a first request's fallback must not wait for.
        conv = _conv({"messages": [{"role": "customer", "text": "where is my order?"}], "tenant": tenant})
        p = prepare(conv, self.resources)
        if words := self.resources.store.words(p.tenant.id):
            words.prefetch()  # the answer checks' entry vectors (copilot/knowledge/words.py)
        finish(p, ModelCall(), self.resources)
        started = time.perf_counter()  # warm now: what a fallback's checks take here
        finish(p, ModelCall(), self.resources)
        self.reserve.observe(time.perf_counter() - started)

    def prefetch(self, conversations: list[Conversation | dict[str, Any]], *, batch: int = 64) -> None:
        """Embed the messages these conversations will classify, in batches (evals, bulk jobs)."""
        texts = [_conv(c).query_text for c in conversations]
        for i in range(0, len(texts), batch):
            self.resources.embedder.embed_queries(texts[i:i + batch])

    def suggest(self, conversation: Conversation | dict[str, Any], *, now: datetime | None = None) -> Suggestion:
        return run_pipeline(_conv(conversation), self.resources, drafter=self.drafter, now=now)

    async def asuggest(self, conversation: Conversation | dict[str, Any], *, now: datetime | None = None) -> Suggestion:
        conv = _conv(conversation)
        started = asyncio.get_running_loop().time()
        # Offline stages are CPU-bound and short: a worker thread keeps the event loop free.
        p = await self.cpu.run(prepare, conv, self.resources, now=now)
        with model_call() as call:
            if self.drafter is not None:
                # COPILOT_TIMEOUT_S bounds the whole suggestion, retries included: the model gets what
                # the offline stages leave of it (`deadline`; on a loaded box they take a share).
                async with asyncio.timeout_at(self.reserve.model_deadline(started, self.settings.timeout_s)):
                    call.answer = await self.drafter.asuggest(p.model_input)
        return await self._finish(p, call)

    async def _finish(self, p: Prepared, call: ModelCall) -> Suggestion:
        """`finish` on the CPU pool; how long a fallback's took is what later model calls leave room for."""
        started = time.perf_counter()
        suggestion = await self.cpu.run(finish, p, call, self.resources, drafter=self.drafter)
        if call.answer is None:
            self.reserve.observe(time.perf_counter() - started)
        return suggestion

    async def astream(self, conversation: Conversation | dict[str, Any], *,
                      now: datetime | None = None) -> AsyncIterator[str | _Reset | Suggestion]:
        """Yield the draft text as it is written, then the full Suggestion (SSE on the API).
        RESET means: drop what was streamed; the checked draft follows in one piece."""
        conv = _conv(conversation)
        started = asyncio.get_running_loop().time()
        p = await self.cpu.run(prepare, conv, self.resources, now=now)
        streamed = False
        with model_call() as call:
            if self.drafter is not None:
                async with asyncio.timeout_at(self.reserve.model_deadline(started, self.settings.timeout_s)):
                    async for item in self.drafter.astream(p.model_input):
                        if isinstance(item, str):
                            streamed = True
                            yield item
                        else:
                            call.answer = item
        suggestion = await self._finish(p, call)
        model_text = call.answer.draft if call.answer is not None else None
        if streamed and suggestion.draft.text != model_text:
            yield RESET  # what was streamed is not what passed the check: the client discards it
            streamed = False
        if not streamed:
            yield suggestion.draft.text  # what the customer would get, in one piece
        yield suggestion

    def check(self, conversation: Conversation | dict[str, Any], draft_text: str, *,
              now: datetime | None = None) -> HygieneReport:
        """Check any text (e.g. what a human agent typed) against the rules, in this conversation."""
        p = prepare(_conv(conversation), self.resources, now=now)
        return check_draft(draft_text, p.rule_context(self.resources))


@dataclass(frozen=True)
class Prepared:
    """What the offline stages found: the model call (LLM mode) and `finish` start from it."""

    conversation: Conversation
    tenant: Tenant
    u: Understanding
    reasons: list[str]  # escalation reason codes (rulebook §4); empty: automation may continue
    hits: list[KnowledgeHit]
    moment: Moment
    draft: Draft  # the template draft: the offline answer, the model's example and its fallback
    reply_by: str
    eta_minutes: int
    now: datetime
    timings: dict[str, float]

    def rule_context(self, resources: Resources) -> RuleContext:
        return rule_context(self.conversation, self.u, self.hits, self.tenant, moment=self.moment,
                            escalate=bool(self.reasons), reply_by=self.reply_by, eta_minutes=self.eta_minutes,
                            lookup=knowledge_about(resources, self.tenant, self.u.language.code))

    @property
    def model_input(self) -> DraftInput:
        return draft_input(self.conversation, self.u, self.hits, self.draft, self.tenant, reply_by=self.reply_by)


def run_pipeline(conversation: Conversation, resources: Resources, *, drafter: Drafter | None = None,
                 now: datetime | None = None) -> Suggestion:
    p = prepare(conversation, resources, now=now)  # understand → escalation → retrieve → moment → draft
    with model_call() as call:
        if drafter is not None:  # LLM mode: ONE call picks the intent among the candidates and writes the draft
            call.answer = drafter.suggest(p.model_input)
    return finish(p, call, resources, drafter=drafter)  # check (→ one revision) → decide → follow-ups


def prepare(conversation: Conversation, resources: Resources, *, now: datetime | None = None) -> Prepared:
    settings, timings = resources.settings, {}
    now = _now(conversation, now)
    conversation = recent_turns(conversation)  # a 500-message conversation must not cost seconds
    tenant = resources.tenant(conversation.tenant)

    # 1. understand: language, intent, fields and mood decide everything downstream.
    with _timed(timings, "understand"):
        u = understand(conversation, tenant, settings, embedder=resources.embedder, now=now,
                       words=resources.store.words(tenant.id))

    # 1b. escalation policy, outside any model: who must hand off, whatever the draft says.
    with _timed(timings, "escalation"):
        reasons = assess_escalation(conversation, u, tenant, settings)

    # 2. retrieve with the same vector: the message is embedded once per request.
    with _timed(timings, "retrieve"):
        hits = retrieve(resources, u, tenant)
        reread = reconsider_intent(conversation, u, hits, tenant, settings)  # a clear FAQ match decides a close call
        if reread is not u:
            u, reasons = reread, assess_escalation(conversation, reread, tenant, settings)

    # 3. the moment, then the template for it, filled only with known facts (H10).
    with _timed(timings, "draft"):
        options = offer_options(u, hits, tenant)
        moment = choose_moment(conversation, u, hits, options, tenant, settings, escalate=bool(reasons))
        if moment == "first_reply" and u.missing:  # a question read as a request it is unsure of: promised a
            u = replace(u, missing=[])  # reply, so no field of that request is awaited (reminders, hand-off)
        minutes = settings.reply_within_minutes
        by = reply_by(now, minutes=minutes, timezone=tenant.timezone, language=u.language.code, hours=tenant.hours)
        eta = minutes if within_hours(now, minutes=minutes, hours=tenant.hours) else 0  # closed: the time, `by`
        draft = template_draft(conversation, u, hits, tenant, moment=moment, options=options, reply_by_text=by,
                               eta_minutes=eta)
    return Prepared(conversation, tenant, u, reasons, hits, moment, draft, by, eta, now, timings)


def finish(p: Prepared, call: ModelCall, resources: Resources, *, drafter: Drafter | None = None) -> Suggestion:
    settings, conv, timings = resources.settings, p.conversation, dict(p.timings)
    u, reasons, draft = p.u, p.reasons, p.draft
    if call.answer is not None:  # the model's intent, fields and draft; policy follows the final intent
        u, draft = adopt_model(call.answer, conv, u, p.draft, p.tenant, p.hits)
        reasons = assess_escalation(conv, u, p.tenant, settings)
        u, draft = written_in_customers_language(u, draft)  # a language without templates: H12 checks the customer's
    else:
        reasons = without_model(u, reasons)

    # 4. check against the rulebook; a blocking failure gets one revision (the model's, or deterministic).
    with _timed(timings, "check"):
        judge = rule_judge(drafter, settings)
        ctx = rule_context(conv, u, p.hits, p.tenant, moment=p.moment, escalate=bool(reasons), reply_by=p.reply_by,
                           eta_minutes=p.eta_minutes, lookup=knowledge_about(resources, p.tenant, u.language.code))
        reviser = None
        if drafter is not None and call.answer is not None:  # the model revises its own draft, once
            reviser = partial(drafter.revise, draft_input(conv, u, p.hits, draft, p.tenant, reply_by=p.reply_by))
        checked = check_and_revise(draft, ctx, judge=judge, model_reviser=reviser, offline=p.draft)
        if checked.fallback:  # the model's answer was dropped: the offline draft cannot answer every language
            reasons = without_model(u, reasons)

    # 5. decide: policy reasons first, then a draft that still blocks goes to a human; then how sure we
    # are it is right to send (auto_send, the automated mode's gate), who keeps a promise, the timers.
    with _timed(timings, "decide"):
        decision = decide(conv, u, p.tenant, reasons=reasons, moment=p.moment, report=checked.report,
                          reply_by=p.reply_by)
        decision = complete_decision(decision, conversation=conv, u=u, hits=p.hits, tenant=p.tenant,
                                     draft=checked.draft, report=checked.report, reply_by=p.reply_by,
                                     default_dir=settings.knowledge_dir, words=resources.store.words(p.tenant.id))
        follow_ups = [] if without_templates(u) else plan_follow_ups(conv, u, p.tenant, decision, now=p.now,
                                                                      timezone=p.tenant.timezone)

    calls = [*(call.answer.calls if call.answer else []), *checked.calls, *(judge.calls if judge else [])]
    return Suggestion(
        intent=u.intent, language=u.language.code, fields=u.fields, missing_fields=u.missing, knowledge=p.hits,
        draft=checked.draft, hygiene=checked.report, decision=decision, follow_ups=follow_ups,
        trace=_trace(p, u, checked, timings, mode="llm" if call.answer else "offline",
                     fallback=checked.fallback or call.fallback, calls=[c.model_dump() for c in calls]),
        context_header=context_header(conv, u, p.tenant, reply_by=p.reply_by)
        if u.topic_change and not without_templates(u) else None,
    )


def _trace(p: Prepared, u: Understanding, checked: Checked, timings: dict[str, float], *, mode: str,
           fallback: str | None, calls: list[dict[str, Any]]) -> Trace:
    return Trace(
        mode=mode, version=__version__, tenant=p.tenant.id, moment=p.moment, timings_ms=timings,
        revised=checked.revised, fallback=fallback, field_sources=u.field_sources, citations=checked.draft.citations,
        language_method=u.language.method, language_confidence=round(u.language.confidence, 3),
        llm_calls=calls, prompt_versions=sorted({c["prompt_version"] for c in calls}),
        topic_change={"rule": "M6", "from": u.earlier.id, "to": u.intent.id} if u.topic_change and u.earlier else None,
    )


def _conv(conversation: Conversation | dict[str, Any]) -> Conversation:
    return conversation if isinstance(conversation, Conversation) else Conversation.model_validate(conversation)


def _now(conv: Conversation, now: datetime | None) -> datetime:
    if now is not None:
        return clamp_moment(now)  # a caller's ?now= at year 1 or 9999 must not overflow date arithmetic
    sent = conv.last_customer_message.sent_at
    if sent is not None:
        return sent if sent.tzinfo else sent.replace(tzinfo=UTC)
    return datetime.now(UTC)


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round((time.perf_counter() - start) * 1000, 2)
