"""revise_draft repairs what it can, so that check_draft then passes the rules it fixed."""

from __future__ import annotations

import pytest

from copilot.rules import check_draft, revise_draft

from .context import make_ctx


def _revised(draft: str, ctx) -> tuple[str, dict[str, str]]:  # noqa: ANN001
    text = revise_draft(draft, check_draft(draft, ctx), ctx)
    return text, {c.rule: c.status for c in check_draft(text, ctx).checks}


def test_placeholders_are_filled_from_the_fields_and_the_customers_name() -> None:
    ctx = make_ctx("en", name="Anna Petrova", fields={"order_id": "A-10234"})
    text, status = _revised("Hi [Name], your order {{ order_id }} ships today. Reply here if anything changes.", ctx)
    assert text == "Hi Anna, your order A-10234 ships today. Reply here if anything changes."
    assert status["H6"] == "pass"


@pytest.mark.parametrize(("lang", "draft", "expected"), [
    ("en", "Hi [Name], your order ships today. Reply here if anything changes.",
     "Hi, your order ships today. Reply here if anything changes."),
    ("ru", "Здравствуйте, [Имя]! Ваш заказ отправлен. Напишите, если что-то изменится.",
     "Здравствуйте! Ваш заказ отправлен. Напишите, если что-то изменится."),
    ("hy", "Բարև, {{ անուն }}։ Ձեր պատվերն ուղարկված է։ Գրեք, եթե հարցեր ունեք։",
     "Բարև։ Ձեր պատվերն ուղարկված է։ Գրեք, եթե հարցեր ունեք։"),
])
def test_an_unfillable_placeholder_is_cut_out_cleanly(lang: str, draft: str, expected: str) -> None:
    text, status = _revised(draft, make_ctx(lang))
    assert text == expected
    assert status["H6"] == "pass"


def test_a_filled_order_number_placeholder_uses_the_field_named_in_the_customers_language() -> None:
    ctx = make_ctx("ru", fields={"order_id": "A-10234"})
    text, _ = _revised("Ваш заказ [номер заказа] отправлен. Напишите, если что-то изменится.", ctx)
    assert text.startswith("Ваш заказ A-10234 отправлен.")


def test_extra_questions_are_cut_keeping_the_one_for_the_missing_field() -> None:
    ctx = make_ctx("en", moment="ask_missing", missing=["order_id", "email"])
    text, status = _revised("When did you order? Could you send me your order number? And what is your email?", ctx)
    assert text == "Could you send me your order number?"
    assert status["H3"] == "pass" and status["H7"] == "pass"


def test_extra_questions_are_cut_keeping_the_choice_question() -> None:
    text, status = _revised("Order 123123: the frame is scratched. What happened? Refund or exchange? Is it urgent?",
                            make_ctx("en", fields={"order_id": "123123"}))
    assert text == "Order 123123: the frame is scratched. Refund or exchange?"
    assert status["H3"] == "pass" and status["H2"] == "pass"


def test_armenian_extra_questions_are_counted_by_their_marks_and_cut() -> None:
    text, status = _revised("Որտե՞ղ եք ապրում։ Կուղարկե՞ք պատվերի համարը։", make_ctx("hy", moment="ask_missing",
                                                                                    missing=["order_id"]))
    assert text == "Կուղարկե՞ք պատվերի համարը։"
    assert status["H3"] == "pass"


@pytest.mark.parametrize(("lang", "draft"), [
    ("en", "Your order A-10234 has been packed and handed to the courier."),
    ("ru", "Ваш заказ A-10234 собран и передан курьеру."),
    ("uk", "Ваше замовлення A-10234 зібране і передане кур'єру."),
    ("hy", "Ձեր պատվերը A-10234 հավաքված է և փոխանցված է առաքիչին։"),
    ("lo", "ຄຳສັ່ງຊື້ A-10234 ຖືກຈັດສົ່ງແລ້ວ"),
])
def test_a_dead_end_gets_a_next_step_in_the_customers_language(lang: str, draft: str) -> None:
    text, status = _revised(draft, make_ctx(lang))
    assert text.startswith(draft) and len(text) > len(draft)
    assert status["H2"] == "pass" and status["H12"] in ("pass", "skip")


@pytest.mark.parametrize(("lang", "channel"), [("en", "sms"), ("ru", "sms"), ("en", "instagram"), ("ru", "telegram")])
def test_a_draft_too_long_for_the_channel_is_trimmed_at_a_sentence_and_keeps_its_question(
        lang: str, channel: str) -> None:
    body = {"en": "Your City 3 bike left our warehouse this morning and is now with the courier. ",
            "ru": "Ваш велосипед City 3 сегодня утром передан курьеру. "}[lang] * 20
    ask = {"en": "Shall I send you the tracking link?", "ru": "Прислать ссылку для отслеживания?"}[lang]
    draft = body * (6 if channel == "telegram" else 1) + ask
    text, status = _revised(draft, make_ctx(lang, channel=channel))
    assert status["H5"] == "pass"
    assert text.endswith(ask)
    assert text[: -len(ask)].rstrip().endswith((".", "…"))  # cut at a sentence end, or visibly shortened


def test_a_sentence_re_asking_a_given_order_number_is_dropped() -> None:
    ctx = make_ctx("en", fields={"order_id": "A-10234"}, allowed=["15:30"])
    text, status = _revised("Thanks! Could you send me your order number? I'll check the delivery and update you by "
                            "15:30.", ctx)
    assert text == "Thanks! I'll check the delivery and update you by 15:30."
    assert status["H7"] == "pass" and status["H2"] == "pass"


def test_a_russian_re_ask_is_dropped_and_a_next_step_added_when_it_was_the_last_sentence() -> None:
    ctx = make_ctx("ru", fields={"order_id": "A-10234"})
    text, status = _revised("Спасибо, заказ A-10234 нашла. Пришлите, пожалуйста, номер заказа.", ctx)
    assert "номер заказа" not in text
    assert status["H7"] == "pass" and status["H2"] == "pass"


def test_an_unbacked_price_sentence_is_dropped() -> None:
    text, status = _revised("The City 3 bike costs 499 EUR. Shall I reserve one for you?", make_ctx("en"))
    assert text == "Shall I reserve one for you?"
    assert status["H10"] == "pass"


def test_a_draft_that_passes_is_left_as_it_is() -> None:
    draft = "Hi Anna, could you send me your order number?"
    ctx = make_ctx("en", name="Anna", moment="ask_missing", missing=["order_id"])
    assert revise_draft(draft, check_draft(draft, ctx), ctx) == draft
