"""The rulebook's reasons to hand a conversation to a person (§4), as the codes decisions carry."""

from __future__ import annotations

# Rulebook §4, in its order: "Hand over to a person … when: …"
REASONS: dict[str, str] = {
    "E-refund": "refund requests",
    "E-legal": "legal requests or threats",
    "E-technical": "complex technical problems (still stuck after one round of help)",
    "E-vip": "VIP customers",
    "E-angry": "sensitive complaints / angry customers",
    "E-payment": "payment problems",
    "E-high-value": "high-value orders",
    "E-human": "the customer asks for a human",
    "E-negative-feedback": "negative feedback",
    "E-low-confidence": "the automation is not confident",
    "E-loop": "the conversation loops (the same question again, no progress)",
    "hygiene_block": "the draft still breaks a blocking hygiene rule after one revision",
    "E-language": "the customer writes in a language the business has no templates for (offline)",
}
UNSUPPORTED_LANGUAGE = "E-language"
