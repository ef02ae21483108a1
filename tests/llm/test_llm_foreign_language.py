"""A message in a language the business has no templates for (German to a shop with en ru uk hy lo).

In LLM mode the model answers in the customer's language and H12 checks that language; an English
answer to a German message is not sent as if it were right. Without a model answer a person answers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fake_server import FakeLLMServer

from copilot import Copilot

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
GERMAN = {"messages": [{"role": "customer", "text": "Guten Tag, wo ist meine Bestellung A-10234? Ich warte schon lange."}],
          "channel": "whatsapp"}
IN_GERMAN = ("Guten Tag! Ich prüfe Ihre Bestellung A-10234 jetzt und melde mich hier bis 10:30 UTC. "
             "Schreiben Sie gern hier, falls sich etwas ändert.")
IN_ENGLISH = "Hi! I'm checking order A-10234 now and will update you here by 10:30 UTC. Reply here if anything changes."


def _reply(draft: str) -> dict:
    return {"intent": "order_status", "confidence": 0.9, "fields": {"order_id": "A-10234"}, "draft": draft,
            "citations": []}


@pytest.fixture
def llm_copilot(make_settings, data_dir: Path) -> Copilot:
    return Copilot(make_settings(data_dir=data_dir))


SPANISH = {"messages": [{"role": "customer", "text": "Hola, ¿dónde está mi pedido A-10234? Llevo días esperando."}],
           "channel": "whatsapp"}
IN_SPANISH = ("¡Hola! Estoy revisando su pedido A-10234 ahora y le escribo aquí antes de las 10:30 UTC. "
              "Si algo cambia, escríbanos por aquí.")


@pytest.mark.parametrize(("conversation", "answer", "language"), [(GERMAN, IN_GERMAN, "de"),
                                                                  (SPANISH, IN_SPANISH, "es")])
def test_the_model_answers_in_the_customers_language_and_h12_checks_it(
        llm_copilot, fake_llm: FakeLLMServer, conversation: dict, answer: str, language: str) -> None:
    fake_llm.enqueue_json(_reply(answer))
    s = llm_copilot.suggest(conversation, now=NOW)
    prompt = " ".join(str(m.get("content")) for m in fake_llm.requests[0].messages)
    assert f"write your whole reply in '{language}'" in prompt  # the model is told which language to write
    assert s.trace.mode == "llm" and s.trace.fallback is None
    assert s.draft.text == answer and s.language == language and s.draft.language == language
    h12 = next(c for c in s.hygiene.checks if c.rule == "H12")
    assert h12.status == "pass" and language in h12.detail
    assert "E-language" not in s.decision.reasons
    assert s.follow_ups == []  # follow-ups are written from templates: there are none in German


def test_an_english_answer_to_a_german_message_is_not_sent_as_right(llm_copilot, fake_llm: FakeLLMServer) -> None:
    fake_llm.enqueue_json(_reply(IN_ENGLISH))
    fake_llm.enqueue_json(_reply(IN_ENGLISH))  # the revision is English again
    s = llm_copilot.suggest(GERMAN, now=NOW)
    assert len(fake_llm.requests) == 2
    assert "H12" in " ".join(str(m.get("content")) for m in fake_llm.requests[1].messages)
    assert s.trace.fallback == "llm:revision_still_blocks"
    assert s.decision.action == "escalate" and "E-language" in s.decision.reasons


def test_a_failing_model_leaves_a_german_message_to_a_person(llm_copilot, fake_llm: FakeLLMServer) -> None:
    fake_llm.enqueue_error(500)
    s = llm_copilot.suggest(GERMAN, now=NOW)
    assert s.trace.fallback == "llm:server_error"
    assert s.decision.action == "escalate" and "E-language" in s.decision.reasons
