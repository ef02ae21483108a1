"""LLM mode inside the pipeline: one model call refines the offline draft, one more only to revise.

The offline template draft is always made first: it is the model's example to follow and the
answer we fall back to. Policy (escalation) and the hygiene check stay outside the model, so a
customer's "ignore your instructions" cannot change what is allowed (H10, rulebook §4).

`Drafter` is the whole boundary the pipeline sees; `model_call` is the one place where a model
failure turns into "keep the offline result" with the reason in `trace.fallback`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .classifier import OTHER
from .errors import LLMError
from .foreign_language import language_note, model_language
from .models import FIELD_NAMES, Conversation, Draft, IntentAlternative, IntentResult, KnowledgeHit, RuleCheck
from .resources import Tenant
from .rules.channels import channel_limits
from .settings import Settings
from .understand import Understanding, reinterpret

if TYPE_CHECKING:  # the llm package is imported only when a model is configured
    from .llm import DraftInput, LLMClient, LLMDraft, LLMRuleJudge


class Drafter(Protocol):
    """What the pipeline needs from a model: draft, stream a draft, revise one (`llm.LLMDrafter`)."""

    client: LLMClient

    def suggest(self, inp: DraftInput) -> LLMDraft: ...

    async def asuggest(self, inp: DraftInput) -> LLMDraft: ...

    def astream(self, inp: DraftInput) -> AsyncIterator[str | LLMDraft]: ...

    def revise(self, inp: DraftInput, draft: str, violations: list[RuleCheck]) -> LLMDraft: ...


@dataclass
class ModelCall:
    """One model call's outcome: its answer, or why the offline result stands (`trace.fallback`)."""

    answer: LLMDraft | None = None
    fallback: str | None = None


@contextmanager
def model_call() -> Iterator[ModelCall]:
    """Wrap a model call (sync, async or streamed): an LLMError, or the stage's deadline passing
    (TimeoutError, COPILOT_TIMEOUT_S), leaves no answer and a fallback reason."""
    call = ModelCall()
    try:
        yield call
    except LLMError as exc:
        call.answer, call.fallback = None, f"llm:{exc.reason}"
    except TimeoutError:
        call.answer, call.fallback = None, "llm:timeout"


def draft_input(conv: Conversation, u: Understanding, hits: list[KnowledgeHit], draft: Draft, tenant: Tenant,
                *, reply_by: str) -> DraftInput:
    """What the model sees: offline candidates to choose among, fields, knowledge and the template draft."""
    from .llm import Candidate, DraftInput

    ranked = [IntentAlternative(id=u.intent.id, confidence=u.intent.confidence), *u.intent.alternatives]
    candidates = []
    for alt in ranked:
        spec = tenant.intent(alt.id)
        candidates.append(Candidate(id=alt.id, description=spec.description if spec else "", confidence=alt.confidence))
    return DraftInput(
        conversation=conv, candidates=candidates, fields=u.fields, missing_fields=u.missing, knowledge=hits,
        template_draft=draft.text, language=model_language(u), channel=conv.channel,
        char_limit=channel_limits(conv.channel, tenant.channels).style, moment=draft.moment, reply_by=reply_by,
        rules=dialogue_notes(u) + language_note(u),
    )


_KIND_NOTES = {
    "answer": "The customer's last message answers our question: use what they gave; do not ask for it again.",
    "confirm": "The customer's last message says yes to what we proposed: confirm it with its details.",
    "decline": "The customer's last message declines what we proposed: acknowledge it and offer the next step.",
    "choice": "The customer's last message picks option {choice} we offered ({chosen}).",
    "chase": "The customer is chasing the open request: recall it, say what is being done and when they hear next.",
    "thanks": "The customer's last message is a closing thank-you: do not open a new question.",
}


def dialogue_notes(u: Understanding) -> list[str]:
    """The dialogue state as instructions: the model sees the whole chat, but not what it means for
    this turn (an answer to our question, a yes to our proposal, a chase of an open request)."""
    state = u.dialogue
    if state is None or not state.replied:
        return []
    notes = ["We have already replied in this conversation: do not greet or introduce yourself as if it were "
             "the first message."]
    if (note := _KIND_NOTES.get(state.last.kind)) is not None:
        notes.append(note.format(choice=state.choice or "", chosen=state.chosen or ""))
    if (open_request := state.open_request) is not None:
        notes.append(f"The open request (message {open_request.indexes[0]}, intent {u.intent.id}): "
                     f"\u201c{open_request.text[:200]}\u201d.")
    if u.field_sources:
        given = ", ".join(f"{k} ({v})" for k, v in u.field_sources.items())
        notes.append(f"Already given, never ask again: {given}.")
    notes.append(f"Reply in the conversation's language ({u.language.code}), even if the last message is only an "
                 "e-mail, a number, a code or an emoji.")
    return notes


def adopt_model(out: LLMDraft, conv: Conversation, u: Understanding, offline: Draft, tenant: Tenant,
                hits: list[KnowledgeHit]) -> tuple[Understanding, Draft]:
    """The model's intent, fields and draft in place of the offline ones (the model only proposes:
    its intent is one of the candidates, its fields must be in the customer's words)."""
    u = reinterpret(u, conv, tenant, intent=model_intent(out, u, tenant), fields=model_fields(out, u, conv))
    return u, accept_model_draft(out, offline, hits)


def accept_model_draft(out: LLMDraft, offline: Draft, hits: list[KnowledgeHit]) -> Draft:
    """The model's draft as a Draft; a citation must name a knowledge entry we actually retrieved."""
    known = {h.id for h in hits}
    citations = [c for c in out.citations if c in known]
    return offline.model_copy(update={"text": out.draft, "citations": citations})


# Not requests (intent kinds): a model that reads "yes" or "48213" alone picks these; the dialogue state knows better.
_NOT_REQUESTS = ("greeting", "feedback")


def model_intent(out: LLMDraft, u: Understanding, tenant: Tenant) -> IntentResult:
    """The model chose among the offline candidates; keep the offline ranking as alternatives. When the
    last turn carries on the open request (an answer, a yes, a pick), a model's `other` or `greeting`
    is the last message read alone, and the request's intent stands."""
    if out.intent == u.intent.id:
        return u.intent
    reads_alone = out.intent == OTHER or tenant.kind(out.intent) in _NOT_REQUESTS
    if u.dialogue is not None and u.dialogue.continues and reads_alone:
        return u.intent
    alts = [IntentAlternative(id=u.intent.id, confidence=u.intent.confidence)]
    alts += [a for a in u.intent.alternatives if a.id != out.intent]
    return IntentResult(id=out.intent, confidence=max(0.0, min(1.0, out.confidence)), alternatives=alts[:3])


def model_fields(out: LLMDraft, u: Understanding, conv: Conversation) -> dict[str, Any]:
    """Extractor values win; a model value is added only if the customer actually wrote it."""
    said = " ".join(m.text for m in conv.customer_messages).lower()
    extra = {k: v for k, v in out.fields.items()
             if k in FIELD_NAMES and k not in u.fields and isinstance(v, str | int | float) and str(v).lower() in said}
    return {**u.fields, **extra}


def rule_judge(drafter: Drafter | None, settings: Settings) -> LLMRuleJudge | None:
    """The optional LLM judge for H1/H9/H14 (COPILOT_JUDGE_MODEL); one per request so its call
    records are this request's. A judge failure is a verdict of `error`, never a fail."""
    if drafter is None or not settings.judge_model:
        return None
    from .llm import LLMRuleJudge

    return LLMRuleJudge(settings, client=drafter.client)
