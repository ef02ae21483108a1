"""The pipeline, top to bottom: understand → retrieve → draft → check (→ one revision) → decide.

`Copilot` is the library entry point; the HTTP API, the CLI and the eval runner all call it.
In LLM mode one model call refines the template draft between `prepare` and `finish`; any model
failure leaves the offline result in place, with `trace.fallback` saying why.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from . import __version__
from .drafting import compose_draft, decision_package, reply_by
from .errors import LLMError
from .handoff import context_header
from .knowledge import is_clear_answer
from .models import Conversation, Decision, Draft, HygieneReport, KnowledgeHit, Moment, Suggestion, Trace
from .moments import choose_moment
from .policy import follow_up_timers, unanswered_reasons
from .resources import Resources, Tenant
from .retrieve import retrieve
from .send_decision import complete_decision
from .rules import RuleContext, check_draft, revise_draft
from .rules.text import asks_question
from .settings import Settings
from .understand import Understanding, judge, understand

# Intents whose question knowledge can answer directly; transactional ones ask for their fields first.
_ANSWER_FIRST = {"info", "pricing", "availability", "technical_support", "estimate", "other", "greeting"}
_UNSURE = 0.5  # intent confidence below which a question is not treated as that intent's request


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

    @classmethod
    def from_env(cls) -> Copilot:
        return cls(Settings())

    @cached_property
    def drafter(self) -> Any:
        """The LLM drafter when a model is configured (imports litellm only then)."""
        if not self.settings.llm_enabled:
            return None
        from .llm import LLMDrafter

        return LLMDrafter(self.settings)

    def warm_up(self, tenant: str | None = None) -> None:
        """Load models, taxonomy, templates and knowledge now rather than on the first request."""
        from .fields import warm_up as warm_fields

        warm_fields()
        prepare(_conv({"messages": [{"role": "customer", "text": "hello"}], "tenant": tenant}), self.resources)

    def prefetch(self, conversations: list[Conversation | dict[str, Any]], *, batch: int = 64) -> None:
        """Embed the messages these conversations will classify, in batches (evals, bulk jobs)."""
        from .classifier import query_text

        texts = [query_text(_conv(c).messages) for c in conversations]
        for i in range(0, len(texts), batch):
            self.resources.embedder.embed_queries(texts[i:i + batch])

    def suggest(self, conversation: Conversation | dict[str, Any], *, now: datetime | None = None) -> Suggestion:
        return run_pipeline(_conv(conversation), self.resources, drafter=self.drafter, now=now)

    async def asuggest(self, conversation: Conversation | dict[str, Any], *, now: datetime | None = None) -> Suggestion:
        conv = _conv(conversation)
        # Offline stages are CPU-bound and short: a worker thread keeps the event loop free.
        p = await asyncio.to_thread(prepare, conv, self.resources, now=now)
        if self.drafter is not None:
            try:
                p.model = await self.drafter.asuggest(p.model_input)
            except LLMError as exc:
                p.fallback = f"llm:{exc.reason}"
        return await asyncio.to_thread(finish, p, self.resources, drafter=self.drafter)

    async def astream(self, conversation: Conversation | dict[str, Any], *,
                      now: datetime | None = None) -> AsyncIterator[str | _Reset | Suggestion]:
        """Yield the draft text as it is written, then the full Suggestion (SSE on the API).
        RESET means: drop what was streamed; the checked draft follows in one piece."""
        conv = _conv(conversation)
        p = await asyncio.to_thread(prepare, conv, self.resources, now=now)
        streamed = False
        if self.drafter is not None:
            try:
                async for item in self.drafter.astream(p.model_input):
                    if isinstance(item, str):
                        streamed = True
                        yield item
                    else:
                        p.model = item
            except LLMError as exc:
                p.fallback = f"llm:{exc.reason}"
        suggestion = await asyncio.to_thread(finish, p, self.resources, drafter=self.drafter)
        model_text = p.model.draft if p.model is not None else None
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
        return check_draft(draft_text, p.rule_context)


@dataclass
class Prepared:
    """The offline stages' result, which the model call (LLM mode) and `finish` work on."""

    conversation: Conversation
    tenant: Tenant
    u: Understanding
    hits: list[KnowledgeHit]
    moment: Moment
    draft: Draft  # the template draft: the offline answer and the model's example
    reply_by: str
    eta_minutes: int
    now: datetime
    timings: dict[str, float]
    model: Any = None  # LLMDraft when a model call succeeded
    offline_draft: Draft | None = None  # kept when the model's draft replaces it, to fall back to
    fallback: str | None = None
    calls: list[Any] = field(default_factory=list)
    judges: list[Any] = field(default_factory=list)

    @property
    def rule_context(self) -> RuleContext:
        u = self.u
        return RuleContext(
            conversation=self.conversation, language=u.language.code, channel=self.conversation.channel,
            moment=self.moment, intent=u.intent.id, fields=u.fields, missing_fields=u.missing, knowledge=self.hits,
            customer_name=self.conversation.customer.name or u.fields.get("name"), escalate=u.escalate,
            # Facts the pipeline itself promises (H11), so H10 does not read them as invented.
            upset=u.upset, allowed_facts=[self.reply_by, f"{self.eta_minutes} minutes"],
        )

    @property
    def model_input(self) -> Any:
        from .llm_stage import draft_input

        return draft_input(self.conversation, self.u, self.hits, self.draft, self.tenant, reply_by=self.reply_by)


def run_pipeline(conversation: Conversation, resources: Resources, *, drafter: Any = None,
                 now: datetime | None = None) -> Suggestion:
    p = prepare(conversation, resources, now=now)  # understand → retrieve → template draft
    if drafter is not None:
        try:
            # LLM mode: ONE call picks the intent among the offline candidates and writes the draft.
            p.model = drafter.suggest(p.model_input)
        except LLMError as exc:
            p.fallback = f"llm:{exc.reason}"
    return finish(p, resources, drafter=drafter)  # check (→ one revision) → decide


def prepare(conversation: Conversation, resources: Resources, *, now: datetime | None = None) -> Prepared:
    settings = resources.settings
    timings: dict[str, float] = {}
    now = _now(conversation, now)
    tenant = resources.tenant(conversation.tenant)

    # 1. understand: language, intent and fields decide everything downstream.
    with _timed(timings, "understand"):
        u = understand(conversation, tenant, settings, embedder=resources.embedder, now=now)

    # 2. retrieve with the same vector: the message is embedded once per request.
    with _timed(timings, "retrieve"):
        hits = retrieve(resources, u, tenant)

    # 3. draft from the template for this moment, filled only with known facts (H10).
    with _timed(timings, "draft"):
        moment = _moment(conversation, u, hits, tenant, settings)
        by = reply_by(now, minutes=settings.reply_within_minutes, timezone=settings.timezone)
        draft = _template_draft(conversation, u, hits, tenant, moment, by, settings)
    return Prepared(conversation, tenant, u, hits, moment, draft, by, settings.reply_within_minutes, now, timings)


def finish(p: Prepared, resources: Resources, *, drafter: Any = None) -> Suggestion:
    settings = resources.settings
    if p.model is not None:
        p.calls.extend(p.model.calls)
        _adopt_model(p, settings)

    # 4. check against the rulebook; a blocking failure gets one revision (the model's, or deterministic).
    with _timed(p.timings, "check"):
        draft, report, revised = _check_and_revise(p, drafter, settings)

    # 5. decide: policy reasons first, then a draft that still blocks goes to a human.
    with _timed(p.timings, "decide"):
        decision = _decide(p, report)
        # send_confidence, auto_send (the automated mode's gate) and who keeps a promised reply.
        decision = complete_decision(decision, conversation=p.conversation, u=p.u, hits=p.hits, tenant=p.tenant,
                                     draft=draft, report=report, reply_by=p.reply_by,
                                     default_dir=settings.knowledge_dir)
        follow_ups = follow_up_timers(
            texts=_follow_up_texts(p),
            asked_question=decision.action == "continue" and bool(p.u.missing),
            booking_at=_booking_at(p.u.fields, settings.timezone) if p.u.intent.id == "booking" else None,
            now=p.now,
        )

    p.calls.extend(c for j in p.judges for c in j.calls)
    u = p.u
    trace = Trace(
        mode="llm" if p.model is not None else "offline", version=__version__, moment=p.moment,
        timings_ms=p.timings, revised=revised, fallback=p.fallback, field_sources=u.field_sources,
        citations=draft.citations, language_method=u.language.method,
        language_confidence=round(u.language.confidence, 3), tenant=p.tenant.id,
        llm_calls=[c.model_dump() for c in p.calls],
        prompt_versions=sorted({c.prompt_version for c in p.calls}),
        topic_change={"rule": "M6", "from": u.earlier.id, "to": u.intent.id} if u.topic_change and u.earlier else None,
    )
    return Suggestion(
        intent=u.intent, language=u.language.code, fields=u.fields, missing_fields=u.missing, knowledge=p.hits,
        draft=draft, hygiene=report, decision=decision, follow_ups=follow_ups, trace=trace,
        context_header=context_header(p.conversation, u, p.tenant, reply_by=p.reply_by) if u.topic_change else None,
    )


def _template_draft(conv: Conversation, u: Understanding, hits: list[KnowledgeHit], tenant: Tenant,
                    moment: Moment, by: str, settings: Settings) -> Draft:
    options = decision_package(hits, tenant.catalogue, u.language.code) if moment == "options" else []
    # An informational answer asks nothing more; a policy quoted for a request ends with its one field.
    missing = [] if moment == "answer" and _informational(u) else u.missing
    return compose_draft(
        tenant=tenant, language=u.language.code, intent=u.intent.id, moment=moment,
        name=conv.customer.name or u.fields.get("name"), fields=u.fields, missing=missing,
        hits=hits, options=options, reply_by_text=by, eta_minutes=settings.reply_within_minutes,
    )


def _adopt_model(p: Prepared, settings: Settings) -> None:
    """Take the model's intent, fields and draft; policy is re-derived from the final intent."""
    from .llm_stage import accept_model_draft, model_fields, model_intent

    intent = model_intent(p.model, p.u)
    fields = model_fields(p.model, p.u, p.conversation)
    if intent.id != p.u.intent.id or fields != p.u.fields:
        p.u = replace(judge(p.conversation, p.tenant, settings, language=p.u.language, intent=intent, text=p.u.text,
                            vector=p.u.vector, fields=fields, sources=p.u.field_sources),
                      earlier=p.u.earlier, earlier_text=p.u.earlier_text)
    p.offline_draft = p.draft
    p.draft = accept_model_draft(p.model, p.draft, p.hits)


def _judge(p: Prepared, drafter: Any, settings: Settings) -> Any:
    """The optional LLM judge for H1/H9/H14 (COPILOT_JUDGE_MODEL); one per request so its call
    records are this request's. A judge failure is a verdict of `error`, never a fail."""
    if drafter is None or not settings.judge_model:
        return None
    from .llm import LLMJudge

    judge = LLMJudge(settings, client=drafter.client)
    p.judges.append(judge)
    return judge


def _check_and_revise(p: Prepared, drafter: Any, settings: Settings) -> tuple[Draft, HygieneReport, bool]:
    ctx = p.rule_context
    judge = _judge(p, drafter, settings)

    def check(text: str) -> HygieneReport:
        return check_draft(text, ctx, judge=judge)

    report = check(p.draft.text)
    if report.passed:
        return p.draft, report, False
    if p.model is not None:
        try:
            out = drafter.revise(p.model_input, p.draft.text, report.blocking)
            p.calls.extend(out.calls)
            revised = p.draft.model_copy(update={"text": out.draft})
            revised_report = check(revised.text)
            if revised_report.passed:
                return revised, revised_report, True
            p.fallback = "llm:revision_still_blocks"
        except LLMError as exc:
            p.fallback = f"llm:{exc.reason}"
        # The model could not produce a sendable draft: the offline template draft takes over.
        p.draft = p.offline_draft or p.draft
        report = check(p.draft.text)
        if report.passed:
            return p.draft, report, False
    fixed = revise_draft(p.draft.text, report, ctx)
    if fixed == p.draft.text:
        return p.draft, report, False
    return p.draft.model_copy(update={"text": fixed}), check(fixed), True


def _moment(conv: Conversation, u: Understanding, hits: list[KnowledgeHit], tenant: Tenant, settings: Settings) -> Moment:
    top = hits[0] if hits else None
    named_product = bool(top and top.kind == "catalogue" and top.score >= 1.0)
    # A request to act (book, track, return…) is acted on, not answered with how-to knowledge; but a
    # question about the terms ("can I return a helmet I didn't use?") gets them quoted first.
    answerable = bool(top and top.score >= settings.answer_min_score and is_clear_answer(top, u.language.code)
                      and not _off_domain(u, top, tenant)
                      and (top.kind in ("faq", "policy") or named_product)
                      and top.language in (None, u.language.code)  # quoted verbatim: must be their language (H12)
                      and (_informational(u) or _asks_about_terms(u, top)) and not u.escalate)
    has_options = (u.intent.id == "pricing" and "product" in u.missing
                   and len(decision_package(hits, tenant.catalogue, u.language.code)) >= 2)
    return choose_moment(
        conversation=conv, intent=u.intent.id, confidence=u.intent.confidence, escalate=u.escalate,
        upset=u.upset, missing=u.missing, answerable=answerable, has_options=has_options,
        negative_feedback=u.negative_feedback,
    )


def _off_domain(u: Understanding, top: KnowledgeHit, tenant: Tenant) -> bool:
    """An off-domain exemplar ("ticket to Paris") is nearer than the FAQ entry and the intent examples."""
    return top.kind == "faq" and tenant.off_domain.outranks(u.vector, top.score, tenant.classifier.nearest_example(u.vector))


def _informational(u: Understanding) -> bool:
    """Knowledge may answer it outright: an informational intent, or a question whose intent the
    classifier is unsure of (then a clear knowledge match is better evidence than a guessed request)."""
    return u.intent.id in _ANSWER_FIRST or (u.intent.confidence < _UNSURE and asks_question(u.text))


def _asks_about_terms(u: Understanding, top: KnowledgeHit) -> bool:
    """A question whose best knowledge is a policy: answer it, then ask for the field the request needs."""
    return (top.kind == "policy" or "policy" in top.tags) and asks_question(u.text)


def _decide(p: Prepared, report: HygieneReport) -> Decision:
    reasons = list(dict.fromkeys([*p.u.reasons, *unanswered_reasons(
        conversation=p.conversation, intent=p.u.intent.id, moment=p.moment, vague=p.u.vague)]))
    reasons += [] if report.passed else ["hygiene_block"]
    if not reasons:
        return Decision(action="continue")
    return Decision(action="escalate", reasons=reasons,
                    handoff=context_header(p.conversation, p.u, p.tenant, reply_by=p.reply_by))


def _follow_up_texts(p: Prepared) -> dict[str, str]:
    templates, lang, u = p.tenant.templates, p.u.language.code, p.u
    variables = {"name": p.conversation.customer.name or u.fields.get("name") or "",
                 "topic": templates.topic(lang, u.intent.id),
                 "date": u.fields.get("date") or "", "time": u.fields.get("time") or ""}
    return {k: templates.render(v, variables) for k, v in templates.follow_ups(lang).model_dump().items() if v}


def _booking_at(fields: dict[str, Any], timezone: str) -> datetime | None:
    from zoneinfo import ZoneInfo

    if not fields.get("date") or not fields.get("time"):
        return None
    try:
        return datetime.fromisoformat(f"{fields['date']}T{fields['time']}").replace(tzinfo=ZoneInfo(timezone))
    except ValueError:
        return None


def _conv(conversation: Conversation | dict[str, Any]) -> Conversation:
    return conversation if isinstance(conversation, Conversation) else Conversation.model_validate(conversation)


def _now(conv: Conversation, now: datetime | None) -> datetime:
    if now is not None:
        return now if now.tzinfo else now.replace(tzinfo=UTC)
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
