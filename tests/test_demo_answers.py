"""The demo business answers its customers' questions from knowledge, in their language, with citations.

Questions about hours, delivery, prices, returns and stock in each of the five languages, worded
differently from the FAQ's own question variants. Each draft must quote the entry that holds the
fact verbatim (H10) and cite it; a question about the return terms is answered before the draft
asks for the order number the return itself needs.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from copilot import Copilot

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)

QUESTIONS = [
    ("en", "when are you open on Sunday?", "faq:hours:en"),
    ("en", "how many days will delivery to Gyumri take?", "faq:delivery_time:en"),
    ("en", "what's the price of the City 3?", "catalogue:bike-city-3:en"),
    ("en", "I bought a helmet and never wore it, can I send it back?", "faq:returns:en"),
    ("en", "do you have the Trail 29 right now?", "catalogue:bike-mtb-trail-29:en"),
    ("ru", "вы работаете в воскресенье?", "faq:hours:ru"),
    ("ru", "за сколько дней доставите в Гюмри?", "faq:delivery_time:ru"),
    ("ru", "какая цена у City 3?", "catalogue:bike-city-3:ru"),
    ("ru", "купил шлем и ни разу не надел, можно его вернуть?", "faq:returns:ru"),
    ("ru", "Trail 29 сейчас есть?", "catalogue:bike-mtb-trail-29:ru"),
    ("uk", "ви працюєте в неділю?", "faq:hours:uk"),
    ("uk", "за скільки днів доставите до Гюмрі?", "faq:delivery_time:uk"),
    ("uk", "яка ціна City 3?", "catalogue:bike-city-3:uk"),
    ("uk", "купив шолом і жодного разу не вдягав, можна його повернути?", "faq:returns:uk"),
    ("uk", "Trail 29 зараз є?", "catalogue:bike-mtb-trail-29:uk"),
    ("hy", "Կիրակի օրը բա՞ց եք", "faq:hours:hy"),
    ("hy", "Քանի՞ օրում կառաքեք Գյումրի", "faq:delivery_time:hy"),
    ("hy", "City 3-ը ի՞նչ գին ունի", "catalogue:bike-city-3:hy"),
    ("hy", "Սաղավարտ եմ գնել ու չեմ օգտագործել, կարո՞ղ եմ հետ բերել", "faq:returns:hy"),
    ("hy", "Trail 29 հիմա ունե՞ք", "catalogue:bike-mtb-trail-29:hy"),
    ("lo", "ວັນອາທິດເປີດບໍ່", "faq:hours:lo"),
    ("lo", "ສົ່ງໄປກຸມຣີຈັກມື້ຈຶ່ງຮອດ", "faq:delivery_time:lo"),
    ("lo", "City 3 ລາຄາຈັກເອີໂຣ", "catalogue:bike-city-3:lo"),
    ("lo", "ຊື້ໝວກກັນກະທົບແລ້ວບໍ່ເຄີຍໃຊ້ ສົ່ງຄືນໄດ້ບໍ່", "faq:returns:lo"),
    ("lo", "ຕອນນີ້ມີ Trail 29 ບໍ່", "catalogue:bike-mtb-trail-29:lo"),
]


@pytest.mark.parametrize(("language", "text", "entry_id"), QUESTIONS)
def test_a_question_is_answered_by_quoting_the_entry_that_holds_the_fact(
    offline_copilot: Copilot, language: str, text: str, entry_id: str
) -> None:
    s = offline_copilot.suggest({"messages": [{"role": "customer", "text": text}]}, now=NOW)
    assert s.language == language
    assert s.draft.moment == "answer"
    assert s.draft.citations == [entry_id]
    assert entry_id in s.trace.citations
    entry = next(k for k in s.knowledge if k.id == entry_id)
    assert entry.text in s.draft.text  # quoted verbatim: no fact of ours in between (H10)
    assert s.hygiene.passed, [c for c in s.hygiene.checks if not c.passed]


@pytest.mark.parametrize(("language", "text"), [(lang, t) for lang, t, e in QUESTIONS if ":returns:" in e])
def test_a_question_about_the_return_terms_quotes_them_then_asks_for_the_order_number(
    offline_copilot: Copilot, language: str, text: str
) -> None:
    s = offline_copilot.suggest({"messages": [{"role": "customer", "text": text}]}, now=NOW)
    assert s.intent.id == "return_exchange"
    assert s.missing_fields[0] == "order_id"
    ask = offline_copilot.resources.tenant(None).templates.field_phrase(language, "order_id").ask
    assert s.draft.text.rstrip().endswith(ask)


@pytest.mark.parametrize(("language", "text"), [("en", "how do I send back an item I bought online?"),
                                                 ("ru", "как отправить вам обратно вещь, купленную онлайн?")])
def test_a_question_about_how_to_return_quotes_the_procedure_then_asks_for_the_order_number(
    offline_copilot: Copilot, language: str, text: str
) -> None:
    # The return procedure (courier fee, where to bring it) is terms, tagged `policy` in the FAQ: a
    # question about it is answered even though returning is a request that needs the order number.
    s = offline_copilot.suggest({"messages": [{"role": "customer", "text": text}]}, now=NOW)
    assert s.intent.id == "return_exchange"
    assert s.draft.moment == "answer" and s.draft.citations == [f"faq:return_how:{language}"]
    ask = offline_copilot.resources.tenant(None).templates.field_phrase(language, "order_id").ask
    assert s.draft.text.rstrip().endswith(ask)


@pytest.mark.parametrize("text", ["I want to return my order", "хочу обменять шлем на другой размер", "where is my order?"])
def test_a_request_to_act_asks_for_its_field_instead_of_quoting_policy(offline_copilot: Copilot, text: str) -> None:
    s = offline_copilot.suggest({"messages": [{"role": "customer", "text": text}]}, now=NOW)
    assert s.draft.moment == "ask_missing"
    assert s.draft.citations == []


OFF_TOPIC = [
    ("en", "what's the weather on Mars"),
    ("ru", "какая погода на Марсе"),
    ("uk", "яка погода на Марсі"),
    ("hy", "Ինչպիսի՞ եղանակ է Մարսի վրա"),
    ("lo", "ມື້ວານນີ້ໃຜຊະນະບານເຕະ"),
]


@pytest.mark.parametrize(("language", "text"), OFF_TOPIC)
def test_a_question_the_knowledge_cannot_answer_gets_an_honest_draft(
    offline_copilot: Copilot, language: str, text: str
) -> None:
    # Passing the relevance floor lists an entry as knowledge; quoting it needs a clear match
    # (is_clear_answer). benchmarks/bench_retrieval.py reports the share of off-topic questions quoted.
    s = offline_copilot.suggest({"messages": [{"role": "customer", "text": text}]}, now=NOW)
    assert s.draft.citations == []
    assert not any(k.text in s.draft.text for k in s.knowledge)
    assert s.draft.moment in ("first_reply", "handoff")
