"""An "ok" to an answer from knowledge closes nothing a team must carry out: the customer gets the
one-tap satisfaction question (M9), not "everything is agreed, our team takes it from here" (M4),
which promised work nobody owned and sent the conversation to a person in automated mode."""

from __future__ import annotations

import pytest

from copilot import Copilot

# The customer's question, our answer (the demo FAQ's words), the customer's bare acknowledgement.
ANSWERED_THEN_OK = {
    "en": ("How much is delivery?", "Delivery is 5 € in Yerevan and Kyiv.", "ok"),
    "ru": ("Сколько стоит доставка?", "Доставка стоит 5 € по Еревану и Киеву.", "хорошо"),
    "uk": ("Скільки коштує доставка?", "Доставка коштує 5 € по Єревану та Києву.", "добре"),
    "hy": ("Ինչ արժե առաքումը?", "Առաքումն արժե 5 € Երևանում և Կիևում։", "լավ"),
    "lo": ("ຄ່າສົ່ງເທົ່າໃດ?", "ຄ່າສົ່ງ 5 € ໃນເຢເຣວານ ແລະ ກີຢິບ.", "ໂອເຄ"),
}


@pytest.mark.parametrize("language", sorted(ANSWERED_THEN_OK))
def test_ok_to_an_answer_gets_the_satisfaction_question_and_promises_no_work(
        offline_copilot: Copilot, language: str) -> None:
    asked, answer, ok = ANSWERED_THEN_OK[language]
    s = offline_copilot.suggest({"channel": "whatsapp", "messages": [
        {"role": "customer", "text": asked}, {"role": "agent", "text": answer}, {"role": "customer", "text": ok}]})
    assert s.language == language
    assert s.trace.moment == "feedback"
    assert s.decision.action == "continue" and s.decision.promise is None


def test_ok_after_we_asked_for_a_detail_is_not_taken_as_satisfaction(offline_copilot: Copilot) -> None:
    s = offline_copilot.suggest({"channel": "whatsapp", "messages": [
        {"role": "customer", "text": "How much is the bike?"},
        {"role": "agent", "text": "Which model do you mean? Send me its name."},
        {"role": "customer", "text": "ok"}]})
    assert s.trace.moment != "feedback"
