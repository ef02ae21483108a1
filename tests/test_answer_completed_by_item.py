"""An answer that says what the customer asked but not the price they asked is completed by the item they named, with
its prices: the cap rules say reception sells caps, the cap's catalogue entry what one costs (docs/knowledge.md,
"catalogue"). Both are cited; a question that asks no price gets the entry alone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from copilot import Copilot, Settings

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
CAP_RULES = {"en": "A swim cap is mandatory for everyone, children too. If you forget yours, reception sells them.",
             "ru": "Шапочка обязательна для всех, и для детей тоже. Если забыли свою, её можно купить на ресепшене."}
FAQ = {"business": "Pool", "entries": [
    {"id": "cap_rules", "intent": "info",
     "questions": {"en": ["do I need a swim cap", "is a cap mandatory", "I forgot my cap, what do I do"],
                   "ru": ["нужна ли шапочка", "шапочка обязательна?", "забыл шапочку, что делать"]},
     "answers": CAP_RULES},
    {"id": "hours", "intent": "info", "questions": {"en": ["when are you open", "opening hours"],
                                                    "ru": ["когда вы работаете", "часы работы"]},
     "answers": {"en": "We are open 07:00–22:00 every day.", "ru": "Работаем ежедневно с 07:00 до 22:00."}}]}
CATALOGUE = {"currency": "AMD", "items": [
    {"id": "swim_cap", "names": {"en": "Swim cap", "ru": "Шапочка для плавания"}, "aliases": ["cap", "шапочк*"],
     "variants": [{"id": "fabric", "names": {"en": "fabric", "ru": "тканевая"}, "price": 2000},
                  {"id": "silicone", "names": {"en": "silicone", "ru": "силиконовая"}, "price": 3500}], "stock": 40}]}


@pytest.fixture(scope="module")
def copilot(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Copilot:
    root = tmp_path_factory.mktemp("tenants") / "pool"
    (root / "knowledge").mkdir(parents=True)
    (root / "taxonomy").mkdir()
    (root / "tenant.yaml").write_text(yaml.safe_dump({"languages": ["en", "ru"], "timezone": "Asia/Yerevan",
                                                      "currency": "AMD", "taxonomy": "extend"}), encoding="utf-8")
    # its general questions name the cap often: they quote FAQ entries, not items (the check's advice)
    (root / "taxonomy" / "intents.yaml").write_text("intents:\n  - id: info\n    catalogue: none\n", encoding="utf-8")
    (root / "knowledge" / "faq.yaml").write_text(yaml.safe_dump(FAQ, allow_unicode=True), encoding="utf-8")
    (root / "knowledge" / "catalogue.yaml").write_text(yaml.safe_dump(CATALOGUE, allow_unicode=True), encoding="utf-8")
    return Copilot(Settings(data_dir=data_dir, tenants_dir=root.parent))


def _ask(copilot: Copilot, text: str):  # noqa: ANN202
    return copilot.suggest({"tenant": "pool", "messages": [{"role": "customer", "text": text}]}, now=NOW)


@pytest.mark.parametrize(("text", "price"), [
    ("I forgot my cap at home, can I buy one at reception? how much is it", "2,000 AMD"),
    ("забыла шапочку дома, можно купить у вас на ресепшене? сколько стоит", "2 000 AMD"),
])
def test_a_price_the_answer_does_not_state_comes_from_the_item_named(copilot: Copilot, text: str, price: str) -> None:
    s = _ask(copilot, text)
    assert s.draft.citations == [f"faq:cap_rules:{s.language}", f"catalogue:swim_cap:{s.language}"]
    assert CAP_RULES[s.language] in s.draft.text and price in s.draft.text and s.hygiene.passed


@pytest.mark.parametrize("text", ["I forgot my cap at home, can I buy one at reception?",
                                  "забыла шапочку дома, можно купить у вас на ресепшене?",
                                  # a price said in the story around the one question is not asked (as the
                                  # auto-send gate reads it: send_decision.price_unanswered)
                                  "I forgot my cap at home, I will pay whatever it costs. can I buy one at reception?",
                                  "забыла шапочку дома, цена неважна. можно купить у вас на ресепшене?"])
def test_a_question_that_asks_no_price_gets_the_entry_alone(copilot: Copilot, text: str) -> None:
    s = _ask(copilot, text)
    assert s.draft.citations == [f"faq:cap_rules:{s.language}"] and "AMD" not in s.draft.text
