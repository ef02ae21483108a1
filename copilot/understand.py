"""Stage 1 — understand: language, intent, fields, mood, and the escalation facts they imply."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import numpy as np

from .classifier import OTHER, query_text
from .fields import extract_fields, missing_fields
from .language import LanguageGuess, reply_language
from .models import Conversation, IntentResult
from .moments import is_repeat, is_upset, is_vague
from .policy import escalation_reasons
from .resources import Tenant
from .settings import Settings

# Not requests of their own: moving to or from these is not a change of topic (M6).
_NOT_A_TOPIC = {OTHER, "greeting", "follow_up", "feedback"}

_NEGATIVE = {
    "en": ["bad", "poor", "not happy", "unhappy", "not satisfied", "didn't like", "did not like", "1 star", "one star"],
    "ru": ["плохо", "плох", "не понрав", "недовол", "1 звезд", "одна звезда"],
    "uk": ["погано", "погани", "не сподоба", "незадовол", "1 зірк", "одна зірка"],
    "hy": ["վատ", "դուր չեկավ", "դժգոհ"],
    "lo": ["ບໍ່ດີ", "ບໍ່ມັກ", "ບໍ່ພໍໃຈ"],
}


# A rating of 1–3 out of 5 ("2", "2/5", "3 stars", "2 звезды", "★★☆☆☆"): negative feedback (M9 → E).
_LOW_RATING = re.compile(
    r"^\s*[1-3]\s*([./)]|$|\s)|(?<!\d)[1-3]\s*(/\s*5|из\s*5|з\s*5|stars?|зв[её]зд|зірк|աստղ|ດາວ)|^\s*★{1,3}☆*\s*$",
    re.IGNORECASE)


# A reply that opens with a low score ("2.", "2", "3/5 …") right after we asked for one (M9).
_RATING_REPLY = re.compile(r"^\s*[1-3]\s*(?:[.)]\s|/\s*5|$)")


@dataclass
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
    reasons: list[str] = field(default_factory=list)
    earlier: IntentResult | None = None  # the request before our last reply, when there was one
    earlier_text: str = ""

    @property
    def escalate(self) -> bool:
        return bool(self.reasons)

    @property
    def topic_change(self) -> bool:
        """M6: the customer moved from one request to another (greetings and thanks are not topics)."""
        if self.earlier is None:
            return False
        return (self.earlier.id != self.intent.id
                and self.earlier.id not in _NOT_A_TOPIC and self.intent.id not in _NOT_A_TOPIC)


def understand(conversation: Conversation, tenant: Tenant, settings: Settings, *, embedder: Any, now: datetime) -> Understanding:
    customer_texts = [m.text for m in conversation.customer_messages]
    default_lang = "en" if tenant.templates.has_language("en") else next(iter(tenant.templates.languages))
    language = reply_language(conversation.customer.language, customer_texts, default=default_lang)
    if not tenant.templates.has_language(language.code):
        # We can only reply in a language we have templates for; say so in the trace (H12).
        language = LanguageGuess(default_lang, language.confidence, f"no-templates-for-{language.code}")

    text = query_text(conversation.messages)
    earlier_text = earlier_request(conversation)
    # One embedding call: the earlier request's vector is usually cached from the previous turn.
    vectors = embedder.embed_queries([text] if earlier_text is None else [text, earlier_text])
    vector = vectors[0]
    intent = tenant.classifier.predict_vector(vector, text=text)
    earlier = tenant.classifier.predict_vector(vectors[1], text=earlier_text) if earlier_text else None

    extracted = extract_fields(conversation, language=language.code, now=now, timezone=settings.timezone,
                               catalogue=tenant.catalogue)
    u = judge(conversation, tenant, settings, language=language, intent=intent, text=text, vector=vector,
              fields=extracted.values, sources=extracted.sources)
    return replace(u, earlier=earlier, earlier_text=earlier_text or "")


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


def judge(conversation: Conversation, tenant: Tenant, settings: Settings, *, language: LanguageGuess,
          intent: IntentResult, text: str, vector: np.ndarray, fields: dict[str, Any],
          sources: dict[str, str]) -> Understanding:
    """What intent and fields imply: missing fields, mood, escalation reasons. Run again when the
    model (LLM mode) picks another intent, so policy always follows the final intent."""
    spec = tenant.intent(intent.id)
    missing = missing_fields(spec.required_fields, fields) if spec else []
    last = conversation.last_customer_message.text
    upset = is_upset(last, language.code)
    vague = is_vague(last, intent.id, intent.confidence)
    low = last.lower()
    helped = any(m.role in ("agent", "bot") for m in conversation.messages)
    negative_feedback = (intent.id == "feedback" and (
        upset or bool(_LOW_RATING.search(last)) or any(w in low for w in _NEGATIVE.get(language.code, []))
    )) or (helped and bool(_RATING_REPLY.match(last)))
    reasons = escalation_reasons(
        conversation=conversation,
        intent=intent.id,
        intent_escalates=bool(spec and spec.escalate),
        confidence=intent.confidence,
        upset=upset,
        repeat=is_repeat(conversation),
        negative_feedback=negative_feedback,
        fields=fields,
        high_value_amount=settings.high_value_amount,
        low_confidence=settings.low_confidence,
        vague=vague or intent.id != OTHER,
    )
    return Understanding(language, intent, text, vector, fields, sources, missing, upset, vague, negative_feedback,
                         reasons)
