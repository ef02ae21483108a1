"""A small two-language knowledge folder (FAQ, one policy, catalogue) written into tmp dirs."""

from __future__ import annotations

from pathlib import Path

import pytest

import copilot  # noqa: F401  (offline environment before chromadb is imported)
from copilot.knowledge import KnowledgeStore
from copilot.settings import Settings

FAQ = """\
business: Velo Nord
entries:
  - id: hours
    intent: info
    tags: [hours]
    questions:
      en: ["what are your opening hours", "when are you open", "until what time do you work"]
      ru: ["до скольки вы работаете", "какой у вас график работы"]
    answers:
      en: "We are open Mon–Sat 10:00–19:00."
      ru: "Мы работаем пн–сб с 10:00 до 19:00."
  - id: delivery_cost
    intent: delivery
    questions:
      en: ["how much is delivery", "what does shipping cost"]
      ru: ["сколько стоит доставка", "доставка платная?"]
    answers:
      en: "Delivery in Yerevan is free; elsewhere it costs 5 EUR."
      ru: "Доставка по Еревану бесплатная, в другие города — 5 EUR."
  - id: payment
    questions:
      en: ["can I pay by card", "which payment methods do you accept"]
      ru: ["можно оплатить картой", "какие способы оплаты"]
    answers:
      en: "We accept cards, bank transfer and cash on delivery."
      ru: "Принимаем карты, банковский перевод и оплату при получении."
"""

RETURNS_EN = """\
# Returns

## Return window
You can return any bike within 14 days of delivery if it is unused and in its original box.

## Refunds
Refunds are paid to the original payment method within 5 working days after we receive the bike.
"""

CATALOGUE = """\
currency: EUR
items:
  - id: bike-city-3
    names: {en: "City 3 bike", ru: "велосипед City 3"}
    aliases: ["city 3", "сити 3"]
    price: 540
    attributes: {size: [S, M, L], colour: [black, green]}
    stock: 4
    summaries: {en: "3-speed city bike with rack and lights", ru: "городской велосипед, 3 скорости, багажник и фары"}
  - id: helmet-pro
    names: {en: "Pro helmet"}
    price: 79.5
    stock: 0
    summaries: {en: "light road helmet"}
cities:
  - id: yerevan
    names: {en: Yerevan, ru: Ереван}
    delivery_days: 1
"""


def write_knowledge(root: Path) -> Path:
    (root / "policies").mkdir(parents=True, exist_ok=True)
    (root / "faq.yaml").write_text(FAQ, encoding="utf-8")
    (root / "policies" / "returns.en.md").write_text(RETURNS_EN, encoding="utf-8")
    (root / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    return root


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    return write_knowledge(tmp_path / "knowledge")


@pytest.fixture
def store(tmp_path: Path) -> KnowledgeStore:
    return KnowledgeStore(Settings(data_dir=tmp_path / "data", chroma_url=None))


@pytest.fixture(scope="session")
def make_knowledge():  # type: ignore[no-untyped-def]
    """`make_knowledge(root)` writes the sample folder there (for module-scoped stores)."""
    return write_knowledge
