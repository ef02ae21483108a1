"""Stage 1 — understand: language, intent, fields and what the last message signals (mood,
vagueness, feedback). Escalation is assessed from this in its own step (`policy.assess_escalation`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from datetime import datetime

import numpy as np

from .classifier import OTHER
from .embeddings import Embedder
from .fields import extract_fields, missing_fields
from .language import LanguageGuess, reply_language
from .models import Conversation, IntentResult, query_text
from .resources import Tenant
from .settings import Settings
from .signals import is_negative_feedback, is_upset, is_vague

# Not requests of their own: moving to or from these is not a change of topic (M6).
_NOT_A_TOPIC = {OTHER, "greeting", "follow_up", "feedback"}


@dataclass(frozen=True)
class Understanding:
    language: LanguageGuess
    intent: IntentResult
    text: str  # what was classified: the last customer turn (with the one before when very short)
    vector: np.ndarray  # its embedding: computed once, reused by retrieval
    fields: dict[str, Any]
    field_sources: dict[str, str]
    missing: list[str]
    upset: bool
    vague: bool
    negative_feedback: bool
    earlier: IntentResult | None = None  # the request before our last reply, when there was one
    earlier_text: str = ""

    @property
    def topic_change(self) -> bool:
        """M6: the customer moved from one request to another (greetings and thanks are not topics)."""
        if self.earlier is None:
            return False
        return (self.earlier.id != self.intent.id
                and self.earlier.id not in _NOT_A_TOPIC and self.intent.id not in _NOT_A_TOPIC)


def understand(conversation: Conversation, tenant: Tenant, settings: Settings, *, embedder: Embedder,
               now: datetime) -> Understanding:
    customer_texts = [m.text for m in conversation.customer_messages]
    default_lang = "en" if tenant.templates.has_language("en") else next(iter(tenant.templates.languages))
    language = reply_language(conversation.customer.language, customer_texts, default=default_lang)
    if not tenant.templates.has_language(language.code):
        # We can only reply in a language we have templates for; say so in the trace (H12).
        language = LanguageGuess(default_lang, language.confidence, f"no-templates-for-{language.code}")

    text = conversation.query_text
    earlier_text = earlier_request(conversation)
    # One embedding call: the earlier request's vector is usually cached from the previous turn.
    vectors = embedder.embed_queries([text] if earlier_text is None else [text, earlier_text])
    vector = vectors[0]
    intent = tenant.classifier.predict_vector(vector, text=text)
    earlier = tenant.classifier.predict_vector(vectors[1], text=earlier_text) if earlier_text else None

    extracted = extract_fields(conversation, language=language.code, now=now, timezone=settings.timezone,
                               catalogue=tenant.catalogue)
    return _read(conversation, tenant, language=language, intent=intent, text=text, vector=vector,
                 fields=extracted.values, sources=extracted.sources, earlier=earlier, earlier_text=earlier_text or "")


def earlier_request(conversation: Conversation) -> str | None:
    """What the customer asked before our last reply (None on a first message).

    The latest request is the run of customer turns at the end; the one before sits in front of
    the agent's or bot's reply to it.
    """
    messages = conversation.messages
    last = max(i for i, m in enumerate(messages) if m.role == "customer")
    replies = [i for i, m in enumerate(messages[:last]) if m.role != "customer"]
    if not replies:
        return None
    before = messages[: replies[-1]]
    return query_text(before) if any(m.role == "customer" for m in before) else None


def reinterpret(u: Understanding, conversation: Conversation, tenant: Tenant, *, intent: IntentResult,
                fields: dict[str, Any]) -> Understanding:
    """The same message read with another intent or fields (the model's, in LLM mode): what is
    missing and what the message signals follow the final intent."""
    if intent.id == u.intent.id and fields == u.fields:
        return u
    return _read(conversation, tenant, language=u.language, intent=intent, text=u.text, vector=u.vector,
                 fields=fields, sources=u.field_sources, earlier=u.earlier, earlier_text=u.earlier_text)


def _read(conversation: Conversation, tenant: Tenant, *, language: LanguageGuess, intent: IntentResult, text: str,
          vector: np.ndarray, fields: dict[str, Any], sources: dict[str, str], earlier: IntentResult | None,
          earlier_text: str) -> Understanding:
    spec = tenant.intent(intent.id)
    missing = missing_fields(spec.required_fields, fields) if spec else []
    last = conversation.last_customer_message.text
    upset = is_upset(last, language.code)
    return Understanding(
        language, intent, text, vector, fields, sources, missing, upset,
        vague=is_vague(last, intent.id, intent.confidence),
        negative_feedback=is_negative_feedback(conversation, intent.id, language.code, upset=upset),
        earlier=earlier, earlier_text=earlier_text,
    )
