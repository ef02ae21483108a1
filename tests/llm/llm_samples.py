"""Conversations and drafting inputs shared by the LLM tests and the overhead benchmark."""

from __future__ import annotations

from copilot.llm import Candidate, DraftInput
from copilot.models import Conversation, KnowledgeHit, Message

FIRST_REQUEST = "Hi, I ordered a City 3 bike last week and it still has not arrived. Where is it?"

_AGENT = [
    "Thanks for writing! I'll check where your order is. Could you send me your order number?",
    "Thank you. I'm checking with the warehouse now and will update you by 15:30.",
    "Quick update: the warehouse has your parcel; I'm waiting for the courier's tracking link.",
    "Sorry for the wait. The courier confirmed pickup; I'll send the link as soon as I have it.",
]
_CUSTOMER = [
    "It's A-10234. I really need it before the weekend, it's a birthday present for my son.",
    "Any news? The tracking page still says 'processing' and nobody has called me.",
    "OK. Can you also tell me whether the bike comes with lights and a rack, or do I buy them?",
    "Also my neighbour says deliveries to Yerevan take a day, is that right for my address too?",
]


def conversation(turns: int) -> Conversation:
    """Exactly `turns` messages, alternating, ending on the customer; the first customer one is FIRST_REQUEST."""
    messages = [Message(role="customer", text=FIRST_REQUEST)]
    if turns % 2 == 0:  # an even count that ends on the customer starts with the bot's greeting
        messages.insert(0, Message(role="bot", text="Hi! This is Velo Nord. How can we help?"))
    i = 0
    while len(messages) < turns:
        if messages[-1].role == "customer":
            messages.append(Message(role="agent", text=f"{_AGENT[i % len(_AGENT)]} (#{len(messages)})"))
        else:
            messages.append(Message(role="customer", text=f"{_CUSTOMER[i % len(_CUSTOMER)]} (#{len(messages)})"))
            i += 1
    return Conversation(messages=messages, channel="whatsapp")


KNOWLEDGE = [
    KnowledgeHit(
        id="faq:delivery_time:en",
        title="Delivery time",
        text="Delivery within Yerevan takes 1 day; other cities 2-4 days. Tracking links are sent by SMS.",
        score=0.82,
        source="demo/faq.yaml",
    ),
    KnowledgeHit(
        id="catalogue:bike-city-3",
        title="City 3 bike",
        text="3-speed city bike with rack and lights. Price 540 EUR. Sizes S, M, L. In stock: 4.",
        score=0.74,
        source="demo/catalogue.yaml",
        kind="catalogue",
    ),
    KnowledgeHit(
        id="policy:returns:en:1",
        title="Returns",
        text="Unused items can be returned within 14 days with the order number. Refunds are handled by a person.",
        score=0.41,
        source="demo/policies/returns.en.md",
        kind="policy",
    ),
]

CANDIDATES = [
    Candidate(id="order_status", description="The customer asks where their order is or when it arrives.", confidence=0.83),
    Candidate(id="delivery_info", description="Delivery times, costs and cities.", confidence=0.09),
    Candidate(id="product_info", description="Questions about a product's features.", confidence=0.05),
]


def draft_input(turns: int = 4, **overrides: object) -> DraftInput:
    values: dict[str, object] = {
        "conversation": conversation(turns),
        "candidates": CANDIDATES,
        "fields": {"order_id": "A-10234", "product": "bike-city-3"},
        "missing_fields": [],
        "knowledge": KNOWLEDGE,
        "template_draft": "Hi, I'll check where your order A-10234 is and update you by 15:30 UTC. Is that OK?",
        "language": "en",
        "channel": "whatsapp",
        "char_limit": 600,
        "moment": "reopen",
        "reply_by": "15:30 UTC",
        "rules": ["M5: recall the request, say what has been done, give the next time, offer an alternative."],
    }
    values.update(overrides)
    return DraftInput(**values)


def reply(**overrides: object) -> dict[str, object]:
    """A valid model answer for draft_input()."""
    out: dict[str, object] = {
        "intent": "order_status",
        "confidence": 0.9,
        "fields": {"order_id": "A-10234"},
        "draft": "Hi! Your order A-10234 is with the courier; delivery in Yerevan takes 1 day. "
        "I'll send the tracking link by 15:30 UTC. Shall I also text it to you?",
        "citations": ["faq:delivery_time:en"],
    }
    out.update(overrides)
    return out
