"""The decide step's last part: how sure we are the draft is right to send, whether the tenant's
policy sends it unread (`auto_send`), and who keeps a reply the draft promises.

Called once per suggestion after the policy's continue/escalate decision; it never changes that
action, only adds what the automated mode gates on (docs/auto-send.md).
"""

from __future__ import annotations

from pathlib import Path

from .answer_coverage import asks_the_price
from .fields.money import states_cost
from .handoff import context_header
from .knowledge.words import TenantWords
from .models import Conversation, Decision, Draft, HygieneReport, KnowledgeHit, Promise
from .resources import Tenant
from .rules.facts import concrete_time
from .rules.text import lexicon
from .send_confidence import FILE as MODEL_FILE
from .send_confidence import evidence, load_model
from .send_policy import answered_intent, load_send_policy
from .understand import Understanding


def complete_decision(decision: Decision, *, conversation: Conversation, u: Understanding, hits: list[KnowledgeHit],
                      tenant: Tenant, draft: Draft, report: HygieneReport, reply_by: str,
                      default_dir: Path, words: TenantWords | None) -> Decision:
    """`decision` with send_confidence, auto_send and promise filled in (`words`: the tenant's word index)."""
    ev = evidence(u=u, hits=hits, tenant=tenant, draft=draft, report=report, decision=decision,
                  first_turn=not conversation.has_our_reply, words=words)
    model_path = tenant.root / MODEL_FILE if (tenant.root / MODEL_FILE).is_file() else default_dir / MODEL_FILE
    confidence = round(load_model(model_path).probability(ev), 4)
    policy = load_send_policy(default_dir, tenant.root, frozenset(i.id for i in tenant.taxonomy.intents))
    auto = policy.allows(intent=answered_intent(u.intent.id, draft.citations, hits), send_confidence=confidence,
                         action=decision.action, hygiene_passed=report.passed) and not price_unanswered(u, draft, hits)
    update: dict = {"send_confidence": confidence, "auto_send": auto}
    if promised := promised_reply(_own_words(draft, hits), reply_by):
        # Whoever keeps it, a person or the automated mode's task, gets the packet: what was asked,
        # the fields (the order number to look up) and what was promised, by when. Nothing here can
        # look up an order or process a return, so a draft that promises it is never sent unread.
        packet = decision.handoff or context_header(conversation, u, tenant, reply_by=reply_by)
        packet = packet.model_copy(update={"fields": {**packet.fields, "promised_by": promised[1] or reply_by}})
        kept_by = "handoff" if decision.action == "escalate" else "task"
        update.update(promise=Promise(text=promised[0], by=promised[1], kept_by=kept_by, task=packet.next_step),
                      handoff=packet, auto_send=False)
    return decision.model_copy(update=update)


def price_unanswered(u: Understanding, draft: Draft, hits: list[KnowledgeHit]) -> bool:
    """The customer asks what something costs and the draft quotes knowledge that states no amount (no price, no per
    cent): "газовая требует акт проверки дымохода, у вас это почём?" answered with what the act is for. A person
    reads it first, however sure the rest is."""
    cited = [h for h in hits if h.id in draft.citations]
    return bool(cited) and asks_the_price(u.text) and not any(states_cost(h.text) for h in cited)


def _own_words(draft: Draft, hits: list[KnowledgeHit]) -> str:
    """The draft without the knowledge it quotes verbatim: "we send an SMS when it is ready, within 2 hours"
    in the pickup entry is how the business works, kept by it, not a reply this draft promises."""
    text = draft.text
    for hit in hits:
        if hit.id in draft.citations and hit.text:
            text = text.replace(hit.text, " ")
    return text


def promised_reply(text: str, reply_by: str) -> tuple[str, str | None] | None:
    """(the promising words, the time promised) when the draft promises a later reply; the time is
    None for a promise without one ("our team takes it from here")."""
    words = lexicon("REPLY_PROMISE").search(text)
    if words is not None:
        if reply_by and reply_by in text:
            return words.group(), reply_by
        if when := concrete_time(text):
            return words.group(), when.group()
    vague = lexicon("VAGUE_PROMISE").search(text)
    return (vague.group(), None) if vague else None
