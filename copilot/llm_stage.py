"""LLM mode inside the pipeline: one model call refines the offline draft, one more only to revise.

The offline template draft is always made first: it is the model's example to follow and the
answer we fall back to. Policy (escalation) and the hygiene check stay outside the model, so a
customer's "ignore your instructions" cannot change what is allowed (H10, rulebook §4).
"""

from __future__ import annotations

from typing import Any

from .drafting import FIELD_NAMES
from .llm import Candidate, DraftInput, LLMDraft
from .models import Conversation, Draft, IntentAlternative, IntentResult, KnowledgeHit
from .resources import Tenant
from .rules.channels import channel_limits
from .understand import Understanding


def draft_input(conv: Conversation, u: Understanding, hits: list[KnowledgeHit], draft: Draft, tenant: Tenant,
                *, reply_by: str) -> DraftInput:
    """What the model sees: offline candidates to choose among, fields, knowledge and the template draft."""
    ranked = [IntentAlternative(id=u.intent.id, confidence=u.intent.confidence), *u.intent.alternatives]
    candidates = []
    for alt in ranked:
        spec = tenant.intent(alt.id)
        candidates.append(Candidate(id=alt.id, description=spec.description if spec else "", confidence=alt.confidence))
    return DraftInput(
        conversation=conv, candidates=candidates, fields=u.fields, missing_fields=u.missing, knowledge=hits,
        template_draft=draft.text, language=u.language.code, channel=conv.channel,
        char_limit=channel_limits(conv.channel).style, moment=draft.moment, reply_by=reply_by,
    )


def accept_model_draft(out: LLMDraft, offline: Draft, hits: list[KnowledgeHit]) -> Draft:
    """The model's draft as a Draft; a citation must name a knowledge entry we actually retrieved."""
    known = {h.id for h in hits}
    citations = [c for c in out.citations if c in known]
    return offline.model_copy(update={"text": out.draft, "citations": citations})


def model_intent(out: LLMDraft, u: Understanding) -> IntentResult:
    """The model chose among the offline candidates; keep the offline ranking as alternatives."""
    if out.intent == u.intent.id:
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

