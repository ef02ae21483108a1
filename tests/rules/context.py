"""Build RuleContexts from real Conversation objects for the rule tests."""

from __future__ import annotations

from typing import Any

from copilot.models import Conversation, Customer, KnowledgeHit, Message
from copilot.rules import RuleContext

CUSTOMER_SAYS = {
    "en": "Hi, where is my order? I ordered a City 3 bike last week.",
    "ru": "Здравствуйте, где мой заказ? Заказывала велосипед City 3 на прошлой неделе.",
    "uk": "Добрий день, де моє замовлення? Замовляла велосипед City 3 минулого тижня.",
    "hy": "Բարև, որտե՞ղ է իմ պատվերը։ Անցյալ շաբաթ պատվիրել եմ City 3 հեծանիվ։",
    "lo": "ສະບາຍດີ ສິນຄ້າຂອງຂ້ອຍຢູ່ໃສແລ້ວ ຂ້ອຍສັ່ງລົດຖີບ City 3 ອາທິດແລ້ວ",
}

CATALOGUE = KnowledgeHit(
    id="catalogue:bike-city-3", title="City 3 bike", kind="catalogue", score=0.9, source="demo/catalogue.yaml",
    text="City 3 bike — 540 EUR. 3-speed city bike with rack and lights. Sizes S, M, L. In stock: 4. "
         "City 3 Pro — 690 EUR, 7 speeds, hydraulic brakes. Delivery to Yerevan in 1 day. "
         "2-year warranty. Free delivery over 500 EUR.",
)
HOURS = KnowledgeHit(id="faq:hours:en", title="Opening hours", kind="faq", score=0.9, source="demo/faq.yaml",
                     text="We are open Mon–Sat 10:00–19:00.")


def make_ctx(language: str = "en", *, channel: str = "whatsapp", moment: str = "answer", intent: str = "order_status",
             fields: dict[str, Any] | None = None, missing: list[str] | None = None,
             knowledge: list[KnowledgeHit] | None = None, name: str | None = None, escalate: bool = False,
             upset: bool = False, allowed: list[str] | None = None, says: str | None = None) -> RuleContext:
    conversation = Conversation(
        messages=[Message(role="customer", text=says or CUSTOMER_SAYS[language])],
        channel=channel, customer=Customer(name=name),
    )
    return RuleContext(
        conversation=conversation, language=language, channel=channel, moment=moment, intent=intent,
        fields=fields or {}, missing_fields=missing or [], knowledge=[CATALOGUE, HOURS] if knowledge is None else knowledge,
        customer_name=name, escalate=escalate, upset=upset, allowed_facts=allowed or [],
    )
