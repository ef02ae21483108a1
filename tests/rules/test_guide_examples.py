"""The guide's own example templates (RULEBOOK §7), filled with real data, pass every rule that
applies at their moment; the guide's listed mistakes each fail the rule that names them."""

from __future__ import annotations

import pytest

from copilot.rules import check_draft

from .context import make_ctx

BOOKED = {"date": "2026-11-25", "time": "17:00", "name": "Anna"}

TEMPLATES = [
    ("en", "vague_opener", {"name": "Anna"},
     "Hi Anna, thanks for writing. So I can help quickly: are you interested in (1) prices, (2) booking, or "
     "(3) help with an existing order? Pick one and I'll guide the next step."),
    ("ru", "vague_opener", {"name": "Анна"},
     "Здравствуйте, Анна, спасибо, что написали. Чтобы помочь быстрее: вас интересуют (1) цены, (2) бронирование "
     "или (3) помощь с текущим заказом? Выберите один вариант, и я подскажу следующий шаг."),
    ("en", "first_reply", {"name": "Anna"},
     "Hi Anna, got it. To suggest the right option I need one thing: what is your main goal now — commuting, "
     "weekend trips or sport? You can also describe it in one sentence."),
    ("ru", "first_reply", {"name": "Анна"},
     "Здравствуйте, Анна, поняла. Чтобы предложить подходящий вариант, мне нужно одно: какая у вас сейчас главная "
     "цель — поездки на работу, прогулки по выходным или спорт? Можно описать одним предложением."),
    ("en", "options", {},
     "Based on what you said there are two good options:\n"
     "Option A: City 3 bike – 540 EUR. Includes: 3 speeds, rack, lights. Good if you ride in town.\n"
     "Option B: City 3 Pro – 690 EUR. Includes: 7 speeds, hydraulic brakes. Good if you ride hills.\n"
     "My recommendation: B, because you mentioned hills. Which one shall I confirm for you?"),
    ("ru", "options", {},
     "По вашему описанию подходят два варианта:\n"
     "Вариант А: City 3 — 540 EUR. Включает: 3 скорости, багажник, фары. Хорош для города.\n"
     "Вариант Б: City 3 Pro — 690 EUR. Включает: 7 скоростей, гидравлические тормоза. Хорош для холмов.\n"
     "Моя рекомендация: Б, потому что вы упомянули холмы. Какой вариант подтвердить?"),
    ("en", "closing", {"name": "Anna", "fields": BOOKED},
     "Great, your booking is confirmed. Day: Wednesday, November 25 · Time: 17:00 (Yerevan, UTC+4) · "
     "Place: https://velo.example/shop · Name: Anna. If you need to reschedule, just reply with a new preferred "
     "time and I'll update it."),
    ("ru", "closing", {"name": "Анна", "fields": BOOKED | {"name": "Анна"}},
     "Отлично, ваша бронь подтверждена. День: среда, 25 ноября · Время: 17:00 (Ереван, UTC+4) · "
     "Место: https://velo.example/shop · Имя: Анна. Если нужно перенести, просто ответьте с новым удобным "
     "временем, и я всё обновлю."),
    ("en", "follow_up", {"name": "Anna"},
     "Hi Anna, a quick check: would you like to continue with the City 3 booking, or shall I close this request "
     "for now? If timing is the issue, tell me when to get back to you."),
    ("ru", "follow_up", {"name": "Анна"},
     "Здравствуйте, Анна, коротко уточню: продолжаем с бронированием City 3 или пока закрыть заявку? Если дело "
     "во времени, напишите, когда к вам вернуться."),
    ("en", "angry", {"missing": ["order_id|email"], "upset": True, "allowed": ["15:30"]},
     "I understand why this is frustrating, and I'm here to fix it. To solve it quickly, please send your order "
     "number or email. Once I have it I'll check the delivery and update you by 15:30."),
    ("ru", "angry", {"missing": ["order_id|email"], "upset": True, "allowed": ["15:30"]},
     "Понимаю, почему это так неприятно, и я здесь, чтобы всё исправить. Чтобы решить быстрее, пришлите номер "
     "заказа или почту. Как только получу, проверю доставку и напишу вам до 15:30."),
    ("en", "answer", {"fields": {"order_id": "123123"}},
     "Order 123123: the frame arrived scratched. Refund or exchange?"),
    ("ru", "answer", {"fields": {"order_id": "123123"}},
     "Заказ 123123: рама пришла поцарапанной. Возврат денег или обмен?"),
]


@pytest.mark.parametrize(("lang", "moment", "ctx", "draft"), TEMPLATES,
                         ids=[f"{t[0]}-{t[1]}" for t in TEMPLATES])
def test_the_guides_template_filled_with_real_data_passes_every_applicable_rule(
        lang: str, moment: str, ctx: dict, draft: str) -> None:
    report = check_draft(draft, make_ctx(lang, moment=moment, **ctx))
    failed = [f"{c.rule} {c.name}: {c.detail}" for c in report.checks if c.status == "fail"]
    assert not failed
    assert report.passed and report.score == 1.0
    moment_rules = [c for c in report.checks if c.rule.startswith("M") and c.status == "pass"]
    assert len(moment_rules) <= 1  # exactly the moment's own rule applies (answer has none)


MISTAKES = [
    ("too many questions", "H3", "en", {},
     "What is your order number? When did you order? Which bike was it? Where should we deliver?"),
    ("too many questions", "H3", "ru", {},
     "Какой номер заказа? Когда вы заказывали? Какой велосипед? Куда доставить?"),
    ("too long for SMS", "H5", "en", {"channel": "sms"},
     "Thank you so much for reaching out to us about your order. We have looked into it carefully and can "
     "confirm that the parcel left our warehouse this morning and is now with the courier service, which "
     "normally delivers within one working day. You will get a tracking link by e-mail shortly. Reply here "
     "if anything is unclear."),
    ("too long for SMS", "H5", "ru", {"channel": "sms"},
     "Большое спасибо, что написали нам о заказе. Мы всё внимательно проверили: посылка сегодня утром покинула "
     "склад и уже у курьерской службы, которая обычно доставляет за один рабочий день. Ссылку для отслеживания "
     "пришлём на почту. Напишите, если что-то непонятно, мы всегда на связи и готовы помочь."),
    ("no next step", "H2", "en", {}, "We have received your message about the delivery."),
    ("no next step", "H2", "ru", {}, "Мы получили ваше сообщение о доставке."),
    ("placeholder left", "H6", "en", {}, "Hi [Name], your order {order_id} is on its way. Reply here with questions."),
    ("placeholder left", "H6", "hy", {}, "Բարև, [Անուն], ձեր պատվերը ճանապարհին է։ Գրեք, եթե հարցեր ունեք։"),
    ("re-asked order id", "H7", "en", {"fields": {"order_id": "A-10234"}, "moment": "answer"},
     "Thanks! Could you send me your order number so I can check?"),
    ("re-asked order id", "H7", "ru", {"fields": {"order_id": "A-10234"}, "moment": "answer"},
     "Спасибо! Пришлите, пожалуйста, номер заказа, чтобы я проверила."),
    ("wrong language", "H12", "ru", {}, "Hi, thanks for your message! Your order is on its way. Reply here if needed."),
    ("wrong language", "H12", "hy", {}, "Здравствуйте! Ваш заказ уже в пути, напишите, если нужна помощь."),
]


@pytest.mark.parametrize(("mistake", "rule", "lang", "ctx", "draft"), MISTAKES,
                         ids=[f"{m[0]}-{m[2]}" for m in MISTAKES])
def test_each_mistake_the_guide_lists_fails_the_rule_that_names_it(
        mistake: str, rule: str, lang: str, ctx: dict, draft: str) -> None:
    report = check_draft(draft, make_ctx(lang, **ctx))
    check = next(c for c in report.checks if c.rule == rule)
    assert check.status == "fail", check.detail
    if check.severity == "block":
        assert not report.passed and check in report.blocking
