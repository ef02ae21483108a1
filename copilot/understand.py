"""Stage 1 — understand: language, intent, fields and what the last message signals (mood,
vagueness, feedback). Escalation is assessed from this in its own step (`policy.assess_escalation`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any
from datetime import datetime

import numpy as np

from .classifier import OTHER
from .conversation_language import conversation_language, served_reading
from .dialogue import CONTINUING, DialogueState, read_dialogue, without_greeting
from .dialogue_cues import cue
from .embeddings import Embedder
from .escalation_context import declines_refund
from .fields import extract_fields, extract_from_text, identified_by, missing_fields
from .knowledge.words import TenantWords
from .language import LanguageGuess
from .models import Conversation, IntentAlternative, IntentResult
from .resources import Tenant
from .romanised import LANGUAGES as ROMANISED
from .romanised import native_form
from .routing import routed_by_place, routed_intent
from .settings import Settings
from .signals import is_negative_feedback, is_upset, is_vague
from .taxonomy import NOT_A_TOPIC_KINDS, OTHER_SPEC, IntentSpec

_UNSURE_OPTION = 0.5  # below this the classifier's reading of a picked option loses to its place in the menu
_RUNNER_UP = 0.15  # a runner-up intent that fits our question must have at least this probability
_OWN_REQUEST = 0.85  # an answer classified this surely is read as its own request, not the open one's

# A message detected in a language without templates this surely goes to a person (offline);
# below it ("ok thx" read as Indonesian) the default language's templates answer.
_SURE_OF_LANGUAGE = 0.6


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
    dialogue: DialogueState | None = None  # how the latest turn relates to the conversation (copilot.dialogue)
    spec: IntentSpec = field(default_factory=lambda: OTHER_SPEC)  # what the intent is, `other` included
    earlier_spec: IntentSpec | None = None
    unsupported_language: bool = False  # the customer writes a language the tenant has no templates for
    asked_language: str = ""  # that language's code ("de"): a model may answer in it (copilot.foreign_language)

    @property
    def topic_change(self) -> bool:
        """M6: the customer moved from one request to another (greetings and thanks are not topics)."""
        if self.earlier is None or self.earlier_spec is None:
            return False
        # Greetings, thanks and "any news?" are not requests of their own (their intent's kind).
        return (self.earlier.id != self.intent.id and OTHER not in (self.earlier.id, self.intent.id)
                and self.spec.is_topic and self.earlier_spec.is_topic)


def understand(conversation: Conversation, tenant: Tenant, settings: Settings, *, embedder: Embedder,
               now: datetime, words: TenantWords | None = None) -> Understanding:
    state = read_dialogue(conversation)
    customer_texts = [m.text for m in conversation.customer_messages]
    default_lang = "en" if tenant.templates.has_language("en") else next(iter(tenant.templates.languages))
    language = served_reading(conversation_language(conversation.customer.language, customer_texts,
                                                    default=default_lang), customer_texts[-1], tenant.config.languages)
    unsupported, asked = False, ""
    if not tenant.templates.has_language(language.code):
        # We can only reply in a language we have templates for; say so in the trace (H12).
        unsupported = language.method in ("stated", "script") or language.confidence >= _SURE_OF_LANGUAGE
        asked = language.code if unsupported else ""
        language = LanguageGuess(default_lang, language.confidence, f"no-templates-for-{language.code}")

    # Russian, Ukrainian or Armenian typed in Latin letters is classified and searched in its own script, the
    # business's own words (`words`, its entries) spelled as it writes them.
    own = words.native_keys(language.code) if words is not None and language.code in ROMANISED else None
    text = native_form(conversation.query_text, language.code, own)
    open_request = state.open_request
    earlier_text = (native_form(without_greeting(open_request.text), language.code, own)
                    if open_request is not None and state.replied else None)
    # One embedding call: the earlier request's vector is usually cached from the previous turn.
    texts = [text] + ([earlier_text] if earlier_text else []) + ([state.chosen] if state.chosen else [])
    vectors = embedder.embed_queries(texts)
    vector = vectors[0]
    intent = tenant.classifier.predict_vector(vector, text=text)
    earlier = tenant.classifier.predict_vector(vectors[1], text=earlier_text) if earlier_text else None
    intent, text, vector = _in_context(state, tenant, intent, text, vector, earlier, earlier_text,
                                       vectors[1] if earlier_text else None, vectors[-1] if state.chosen else None)
    if intent.id == "refund" and declines_refund(state.last.text) and tenant.intent("return_exchange"):
        # "An exchange instead of the money back": the refund words are there, the request is an exchange.
        intent = IntentResult(id="return_exchange", confidence=intent.confidence, alternatives=intent.alternatives)

    spec = tenant.intent(intent.id)
    needs = [n for entry in (spec.required_fields if spec else []) for n in entry.split("|")]
    wanted = {i: ("order_id",) for t in state.turns for i in t.indexes} if "order_id" in needs else None
    extracted = extract_fields(conversation, language=language.code, now=now, timezone=tenant.timezone,
                               catalogue=tenant.catalogue, asked=state.asked_before, confirmed=state.confirmed,
                               wanted=wanted)
    if state.chosen:  # "2" picked an option we offered: what it names (a product) is given
        index = state.last.indexes[-1]
        for name, value in extract_from_text(state.chosen, language=language.code, base=now,
                                             catalogue=tenant.catalogue).items():
            if name in ("product", "size", "colour", "city", "date", "time"):
                extracted.values[name] = value
                extracted.sources[name] = f"message {index} (option {state.choice})"
    u = _read(conversation, tenant, language=language, intent=intent, text=text, vector=vector,
              fields=extracted.values, sources=extracted.sources, earlier=earlier, earlier_text=earlier_text or "",
              dialogue=state)
    return replace(u, unsupported_language=unsupported, asked_language=asked)


def _in_context(state: DialogueState, tenant: Tenant, intent: IntentResult, text: str, vector: np.ndarray,
                earlier: IntentResult | None, earlier_text: str | None, earlier_vector: np.ndarray | None,
                chosen: np.ndarray | None) -> tuple[IntentResult, str, np.ndarray]:
    """The intent of the latest turn in context: an answer, a "yes" or a pick carries on the open
    request; a pick among our routing options ("2" → booking) is the option's intent; a chase is a
    follow-up and a closing thank-you is feedback. A turn with a request of its own keeps its own."""
    kind = state.last.kind
    if kind == "choice" and chosen is not None and (earlier is None or _no_topic(earlier.id, tenant)):
        if (routed := routed_intent(state.chosen or "", tenant.templates)) and tenant.intent(routed) is not None:
            return IntentResult(id=routed, confidence=0.9, alternatives=[]), state.chosen or text, chosen
        picked = tenant.classifier.predict_vector(chosen, text=state.chosen)
        if picked.id == OTHER and picked.alternatives:
            # Our own option names a topic of ours ("help with an existing order"): take its best intent.
            best = picked.alternatives[0]
            picked = IntentResult(id=best.id, confidence=best.confidence, alternatives=picked.alternatives[1:])
        known = frozenset(tenant.taxonomy.ids)
        if picked.confidence < _UNSURE_OPTION and (placed := routed_by_place(state, tenant.templates, known)):
            # One unfamiliar word ("գրանցումը"): a routing menu like ours, so its place says what it is.
            return IntentResult(id=placed, confidence=0.6, alternatives=[]), state.chosen or text, chosen
        if picked.id != OTHER:
            return picked, f"{earlier_text or ''}\n{state.chosen}".strip(), chosen
    if kind == "chase" and (chasing := tenant.of_kind("follow_up")) is not None:
        return IntentResult(id=chasing, confidence=max(intent.confidence, 0.9) if intent.id == chasing
                            else 0.9, alternatives=intent.alternatives), text, vector
    if kind == "answer" and intent.confidence >= _OWN_REQUEST and not _no_topic(intent.id, tenant):
        return intent, text, vector  # an answer that states a request of its own ("an exchange, not a refund")
    if earlier is not None and kind in CONTINUING:
        earlier = _fits_our_question(earlier, state, tenant)
    if (kind in CONTINUING and earlier_text and text.startswith(earlier_text) and not _no_topic(intent.id, tenant)
            and (earlier is None or intent.confidence >= earlier.confidence)):
        return intent, text, vector  # the request and its short answer, read together ("…not arrived\nVN-10620")
    if kind in CONTINUING and earlier is not None and earlier.id != OTHER and tenant.kind(earlier.id) != "greeting":
        # The answer itself ("oksana@…", "yes") says nothing to search knowledge with: the request does.
        return earlier, state.last.text, earlier_vector
    if kind == "thanks" and (thanked := tenant.of_kind("feedback")) is not None:
        return IntentResult(id=thanked, confidence=0.9, alternatives=intent.alternatives), text, vector
    return intent, text, vector


def _no_topic(intent_id: str, tenant: Tenant) -> bool:
    """Not a request of its own (none, a greeting, a chase, feedback): moving to or from it is no change of topic (M6)."""
    return intent_id == OTHER or tenant.kind(intent_id) in NOT_A_TOPIC_KINDS


def _fits_our_question(earlier: IntentResult, state: DialogueState, tenant: Tenant) -> IntentResult:
    """What we asked is evidence of the request: after "send me your order number" an open request the
    classifier half reads as `info` is more likely the close runner-up that needs an order number."""
    asked = set(state.last_ours.asked) if state.last_ours is not None else set()
    if not asked:
        return earlier
    ranked = [IntentAlternative(id=earlier.id, confidence=earlier.confidence), *earlier.alternatives]
    for alt in ranked:
        spec = tenant.intent(alt.id)
        needs = {n for entry in (spec.required_fields if spec else []) for n in entry.split("|")}
        if needs & asked:
            if alt.id == earlier.id or alt.confidence < max(_RUNNER_UP, earlier.confidence / 2):
                return earlier
            rest = [a for a in ranked if a.id != alt.id]
            return IntentResult(id=alt.id, confidence=alt.confidence, alternatives=rest[:3])
    return earlier


def reinterpret(u: Understanding, conversation: Conversation, tenant: Tenant, *, intent: IntentResult,
                fields: dict[str, Any]) -> Understanding:
    """The same message read with another intent or fields (the model's, in LLM mode): what is
    missing and what the message signals follow the final intent."""
    if intent.id == u.intent.id and fields == u.fields:
        return u
    again = _read(conversation, tenant, language=u.language, intent=intent, text=u.text, vector=u.vector,
                  fields=fields, sources=u.field_sources, earlier=u.earlier, earlier_text=u.earlier_text,
                  dialogue=u.dialogue)
    return replace(again, unsupported_language=u.unsupported_language, asked_language=u.asked_language)


_WHEN = ("date", "time")  # what a change needs only to move, not to cancel


def _required(spec: IntentSpec, words: str) -> list[str]:
    """The intent's required fields; a cancellation (kind `cancel`, the customer's words cancel and do
    not move) needs no new date or time."""
    if spec.kind != "cancel" or not cue("CANCEL").search(words) or cue("MOVE").search(words):
        return spec.required_fields
    return [e for e in spec.required_fields if not set(e.split("|")) <= set(_WHEN)]


def _read(conversation: Conversation, tenant: Tenant, *, language: LanguageGuess, intent: IntentResult, text: str,
          vector: np.ndarray, fields: dict[str, Any], sources: dict[str, str], earlier: IntentResult | None,
          earlier_text: str, dialogue: DialogueState | None = None) -> Understanding:
    spec = tenant.taxonomy.behaviour(intent.id)
    missing = missing_fields(identified_by(_required(spec, f"{text}\n{earlier_text}"), tenant.config.identifier),
                             fields)
    last = conversation.last_customer_message.text
    native = native_form(last, language.code)  # "eto uzhas": the signal words are written natively
    upset = is_upset(last, language.code, tenant.signals) or (
        native != last and is_upset(native, language.code, tenant.signals))
    ours = dialogue.last_ours if dialogue is not None else None
    # A digit that picks one of our options is a choice; only after a satisfaction question is it a score.
    negative = (not (dialogue is not None and dialogue.last.kind == "choice")
                and is_negative_feedback(conversation, spec, language.code, tenant.signals, upset=upset,
                                         asked_rating=None if dialogue is None else bool(ours and ours.rating)))
    return Understanding(
        language, intent, text, vector, fields, sources, missing, upset,
        vague=is_vague(last, spec, intent.confidence),
        negative_feedback=negative, earlier=earlier, earlier_text=earlier_text, dialogue=dialogue, spec=spec,
        earlier_spec=tenant.taxonomy.behaviour(earlier.id) if earlier else None,
    )
