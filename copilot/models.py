"""The contract: every model that crosses the library, HTTP, CLI and eval boundaries.

Names are fixed by the foundation issue; fields may be added, never renamed.
Rule ids (H1…, M1…) and reason codes (E-…) trace to ``../shared/guide/RULEBOOK.md``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

Role = Literal["customer", "agent", "bot"]
Channel = Literal["whatsapp", "instagram", "telegram", "messenger", "viber", "webchat", "email", "sms"]
Action = Literal["continue", "escalate"]
Severity = Literal["block", "warn"]
Status = Literal["pass", "fail", "error", "skip"]
# Moments of a conversation (rulebook §3) plus the drafting situations that have their own templates.
Moment = Literal[
    "first_reply",  # M1
    "vague_opener",  # M2
    "ask_missing",  # H7: one missing field
    "answer",  # answer from knowledge (FAQ / policy / catalogue)
    "options",  # M3 decision package
    "closing",  # M4
    "reopen",  # M5
    "handoff",  # M6 / E
    "follow_up",  # M7
    "angry",  # M8 / H14
    "feedback",  # M9
]

# The field vocabulary (docs/knowledge.md): what extraction finds, templates fill and a model may add.
FieldName = Literal["order_id", "email", "phone", "date", "time", "money", "name", "product", "size", "colour",
                    "city", "quantity", "reason"]
FIELD_NAMES: tuple[str, ...] = get_args(FieldName)

MAX_MESSAGE_CHARS = 20_000
MAX_MESSAGES = 500
# sent_at is clamped into this range: dates, reply-by times and follow-ups are computed from it, and
# year 1 or 9999 with a UTC offset (or "tomorrow", "next week") overflows Python's datetime.
EARLIEST_SENT_AT = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_SENT_AT = datetime(2999, 12, 31, tzinfo=UTC)
TENANT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _iso_only(value: Any) -> Any:
    # The schema says an ISO 8601 date-time; pydantic alone would also take 862, "862" or "4.5e-65"
    # as a Unix time.
    if isinstance(value, int | float) or (isinstance(value, str) and _is_number(value)):
        raise ValueError("expected an ISO 8601 date-time, e.g. 2026-11-24T10:00:00Z")
    return value


IsoDateTime = Annotated[datetime, BeforeValidator(_iso_only)]


def clamp_moment(moment: datetime) -> datetime:
    """`moment` made aware (naive = UTC) and clamped into EARLIEST_SENT_AT..LATEST_SENT_AT."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    # Compared as local wall times shifted by the offset: converting 0001-01-01T00:00+14:00 to UTC
    # would itself overflow.
    local, offset = aware.replace(tzinfo=None), aware.utcoffset() or timedelta(0)
    if local < EARLIEST_SENT_AT.replace(tzinfo=None) + offset:
        return EARLIEST_SENT_AT
    if local > LATEST_SENT_AT.replace(tzinfo=None) + offset:
        return LATEST_SENT_AT
    return aware


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- input


class Message(_Model):
    role: Role = Field(description="Who wrote it: the customer, a human agent, or a bot.")
    # Not blank, stated as a pattern so the schema says it (clients and fuzzers generate valid text);
    # \x1c-\x1f are spaces to Python's regex, not to Unicode's: both engines must agree.
    text: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS, pattern=r"[^\s\x1c-\x1f]",
                      description="The message text; not blank.")
    sent_at: IsoDateTime | None = Field(
        default=None, description="When it was sent (ISO 8601; without an offset: UTC). Relative dates "
        "resolve against it. Dates before 1900 or after 2999 are clamped into that range.",
    )

    @field_validator("sent_at")
    @classmethod
    def _clamped(cls, v: datetime | None) -> datetime | None:
        return None if v is None else clamp_moment(v)


class Customer(_Model):
    name: str | None = Field(default=None, max_length=200, description="Name to address them by (H8).")
    vip: bool = Field(default=False, description="VIP customers always get a human (rulebook §4).")
    phone: str | None = Field(default=None, max_length=64)
    email: str | None = Field(default=None, max_length=320)
    language: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2,3}$",
        description="ISO 639-1 code the customer chose; wins over detection (H12).",
    )


class Conversation(_Model):
    messages: list[Message] = Field(
        min_length=1, max_length=MAX_MESSAGES,
        description="Oldest first; at least one has role `customer`; the last customer message is answered.",
        # The validator below, stated in the schema: generated conversations then include a customer message.
        json_schema_extra={"contains": {"type": "object", "properties": {"role": {"const": "customer"}},
                                        "required": ["role"]}},
    )
    channel: Channel = Field(default="webchat", description="Where the reply is sent; sets length limits (H5).")
    customer: Customer = Field(default_factory=Customer)
    tenant: str | None = Field(
        default=None, pattern=TENANT_PATTERN, description="Business id: selects taxonomy and knowledge."
    )

    @model_validator(mode="after")
    def _has_customer_message(self) -> Conversation:
        if not any(m.role == "customer" for m in self.messages):
            raise ValueError("messages must contain at least one message with role 'customer'")
        return self

    @property
    def last_customer_message(self) -> Message:
        return next(m for m in reversed(self.messages) if m.role == "customer")

    @property
    def customer_messages(self) -> list[Message]:
        return [m for m in self.messages if m.role == "customer"]

    @property
    def has_our_reply(self) -> bool:
        """An agent or bot has already answered in this conversation (not a first reply)."""
        return any(m.role != "customer" for m in self.messages)

    @property
    def query_text(self) -> str:
        """What the request is: the last customer turn (see `query_text`)."""
        return query_text(self.messages)


_SHORT_LETTERS = 8  # fewer letters than this ("yes", "A-1023", "?") needs the previous turn


def query_text(messages: list[Message]) -> str:
    """The text to classify: the last customer turn, with the previous one when it is very short.

    "yes", an order number or "?" carry no intent alone; the customer's previous message does.
    """
    customer = [m.text.strip() for m in messages if m.role == "customer"]
    if not customer:
        return ""
    last = customer[-1]
    if len(customer) > 1 and sum(ch.isalpha() for ch in last) < _SHORT_LETTERS:
        return f"{customer[-2]}\n{last}"
    return last


# ---------------------------------------------------------------- output parts


class IntentAlternative(_Model):
    id: str
    confidence: float = Field(ge=0, le=1)


class IntentResult(_Model):
    id: str = Field(description="Intent id from the tenant's taxonomy, or 'other' when nothing fits.")
    confidence: float = Field(ge=0, le=1, description="Calibrated probability of `id`.")
    alternatives: list[IntentAlternative] = Field(default_factory=list, description="Next best intents.")

    def probabilities(self) -> dict[str, float]:
        """Intent id -> probability, for the intent and its alternatives."""
        return {self.id: self.confidence, **{a.id: a.confidence for a in self.alternatives}}


class Money(_Model):
    amount: float
    currency: str | None = Field(default=None, description="ISO 4217 code when known.")


class KnowledgeHit(_Model):
    id: str = Field(description="Entry id; cite it to trace a fact (H10).")
    title: str
    text: str
    score: float = Field(description="Relevance in [0, 1], higher is better.")
    source: str = Field(description="File (and section) the entry was ingested from.")
    kind: Literal["faq", "policy", "template", "catalogue"] = "faq"
    language: str | None = None
    wording: float | None = Field(default=None, description="FAQ entries: share of the customer's wording found "
                                  "in the entry's questions (character n-gram Jaccard, 0..1); evidence it answers them.")
    tags: list[str] = Field(default_factory=list, description="The entry's tags; 'policy' marks terms "
                            "(returns, warranty) quoted even when the request itself needs a field first.")
    intent: str | None = Field(default=None, description="FAQ entries: the intent the entry was written for.")
    unmatched: list[str] = Field(default_factory=list, description="The top FAQ entry or the item "
                                 "the customer named: their content words it never mentions when they carry the message "
                                 "('swimming pool' against the Wi-Fi entry); such an entry is listed, not quoted "
                                 "(copilot/answer_coverage.py).")
    matched: list[str] = Field(default_factory=list, description="The top FAQ entry: the customer's content words "
                               "it shares with at most one other entry ('адресу' and the address entry); evidence it "
                               "answers them, even when the cosine clears the floor by a hair.")
    pointers: list[str] | None = Field(default=None, description="The top FAQ entry: the customer's words, everyday "
                                       "ones too, that it uses and few of the tenant's entries in the language do "
                                       "(answer_coverage.pointing_words); None when not checked. An entry no word "
                                       "points at is quoted only when it clears the floor well (relevance.UNPOINTED_MARGIN).")
    standing: float | None = Field(default=None, description="The top FAQ entry: how far the best-scoring entry "
                                   "stands out from the tenant's other entries in the language (standard deviations); "
                                   "in a crowd the top entry is listed, not quoted (copilot/knowledge/standing.py).")


class Option(_Model):
    """One item of a decision package (M3) that a channel can render as a button."""

    label: str = Field(description="What the customer replies to choose it: 'A', 'B', '1'.")
    title: str
    price: Money | None = None
    summary: str = ""
    knowledge_id: str | None = None


class Draft(_Model):
    text: str
    template_id: str | None = None
    moment: Moment = "first_reply"
    language: str
    citations: list[str] = Field(default_factory=list, description="Knowledge ids the draft's facts come from.")
    options: list[Option] = Field(default_factory=list)


class Span(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class RuleCheck(_Model):
    rule: str = Field(description="Rulebook id: H1…H14, M1…M9.")
    name: str = ""
    severity: Severity = "warn"
    status: Status = "pass"
    passed: bool = Field(description="False only for status 'fail'; an 'error' (e.g. judge outage) is not a fail.")
    detail: str = ""
    span: Span | None = None
    fix: str | None = None


class HygieneReport(_Model):
    passed: bool = Field(description="True when no `block` rule failed.")
    score: float = Field(ge=0, le=1, description="Share of applicable rules that passed.")
    checks: list[RuleCheck] = Field(default_factory=list)

    @property
    def blocking(self) -> list[RuleCheck]:
        return [c for c in self.checks if c.status == "fail" and c.severity == "block"]


class Handoff(_Model):
    """The context header (M6): Summary · Goal · Next step, with what was gathered."""

    summary: str
    goal: str
    next_step: str
    fields: dict[str, Any] = Field(default_factory=dict)


class Promise(_Model):
    """A reply the draft promises by a time ("I'll check and reply by 16:00") and who keeps it."""

    text: str = Field(description="The promising words of the draft.")
    by: str | None = Field(default=None, description="The promised time as the draft states it.")
    kept_by: Literal["handoff", "task"] = Field(
        description="'handoff': a person keeps it (the time is in decision.handoff); 'task': the automated "
        "mode creates the task that replies by then.")
    task: str | None = Field(
        default=None, description="What keeping it takes (the hand-off packet's next step; its fields, e.g. the "
        "order number, are in decision.handoff.fields).")


class Decision(_Model):
    action: Action
    reasons: list[str] = Field(default_factory=list, description="Reason codes, e.g. E-refund, E-vip.")
    handoff: Handoff | None = None
    send_confidence: float = Field(
        default=0.0, ge=0, le=1, description="Calibrated probability that this draft is right to send unedited "
        "(right intent, right knowledge or right question, no hand-off needed); docs/auto-send.md.")
    auto_send: bool = Field(
        default=False, description="The tenant's send policy would send this draft without a person: intent "
        "allowed, send_confidence at or above its threshold, action 'continue', hygiene passed.")
    promise: Promise | None = Field(default=None, description="A reply the draft promises, and who keeps it.")


class FollowUp(_Model):
    after: str = Field(description="ISO 8601 duration after the reply, e.g. PT4H.")
    trigger: str = Field(description="Rulebook follow-up trigger id, e.g. T-reminder-4h.")
    text: str


class Trace(_Model):
    """How the suggestion was made: every field declared, so /docs describes them all."""

    mode: Literal["offline", "llm"] = "offline"
    version: str = Field(default="", description="Package version that made it.")
    tenant: str | None = Field(default=None, description="Tenant whose taxonomy, templates and knowledge were used.")
    moment: Moment | None = None
    timings_ms: dict[str, float] = Field(default_factory=dict, description="Stage -> wall time in ms.")
    revised: bool = False
    fallback: str | None = Field(default=None, description="Why the LLM path fell back to offline, if it did.")
    field_sources: dict[str, str] = Field(default_factory=dict, description="Field -> where it was found.")
    citations: list[str] = Field(default_factory=list)
    language_method: str = Field(default="", description="How the reply language was chosen (profile, detection, …).")
    language_confidence: float = Field(default=0.0, ge=0, le=1)
    llm_calls: list[dict[str, Any]] = Field(
        default_factory=list, description="One record per model call: stage, model, tokens, cost, latency, prompt version.")
    prompt_versions: list[str] = Field(default_factory=list, description="Prompt versions the model calls used.")
    topic_change: dict[str, str] | None = Field(
        default=None, description="M6: the earlier request's intent (`from`) when the customer changed topic (`to`).")


class Suggestion(_Model):
    intent: IntentResult
    language: str
    fields: dict[str, Any] = Field(default_factory=dict, description="Typed, normalised values by field name.")
    missing_fields: list[str] = Field(default_factory=list, description="Required and not yet given, most important first.")
    knowledge: list[KnowledgeHit] = Field(default_factory=list)
    draft: Draft
    hygiene: HygieneReport
    decision: Decision
    follow_ups: list[FollowUp] = Field(default_factory=list)
    context_header: Handoff | None = Field(
        default=None, description="M6 context header when the customer changed topic: the earlier request "
        "stays open and the header names it (a hand-off carries its own in decision.handoff).")
    trace: Trace = Field(default_factory=Trace)
