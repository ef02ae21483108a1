"""The multilingual text utilities the rules stand on."""

from __future__ import annotations

import pytest

from copilot.rules.facts import concrete_time, dates_in, days_named, names_day, numbers_in, parse_number, prices, times_in
from copilot.rules.field_names import FIELDS
from copilot.rules.text import asks_question, lexicon, mask_urls, option_labels, question_count, split_sentences, terms_matcher


@pytest.mark.parametrize(("sentence", "n"), [
    ("Could you send me your order number?", 1),
    ("See https://velo.example/track?id=1&x=2 for details.", 0),
    ("Где мой заказ?", 1),
    ("Որտե՞ղ է իմ պատվերը։", 1),  # Armenian: the mark sits on the word
    ("Ե՞րբ և որտե՞ղ կհասնի։", 2),  # two marks, two questions
    ("Ո՞ր գույնն եք ուզում?", 1),  # ՞ and '?' on one question count once
    ("Պատվերը ճանապարհին է։", 0),
    ("ທ່ານສະດວກຮັບສິນຄ້າມື້ອື່ນບໍ່", 1),  # Lao: question particle, no '?'
    ("ທ່ານຕ້ອງການລຸ້ນໃດ", 1),
    ("ສິນຄ້າກຳລັງສົ່ງ", 0),
])
def test_questions_are_counted_by_each_scripts_own_marks(sentence: str, n: int) -> None:
    assert question_count(sentence) == n


@pytest.mark.parametrize(("message", "asks"), [
    ("can I return a helmet I didn't use", True),  # no question mark: the opener says it
    ("I bought it last week. Is it still under warranty", True),
    ("I want to return my order", False),
    ("можно вернуть шлем, если не пользовался", True),
    ("Хочу вернуть заказ.", False),
    ("чи можна повернути шолом", True),
    ("Хочу повернути замовлення", False),
    ("Կարելի է վերադարձնել սաղավարտը", True),
    ("Ուզում եմ վերադարձնել պատվերը", False),
    ("ສົ່ງໄປກຸມຣີຈັກມື້ຈຶ່ງຮອດ", True),  # Lao: "how many" mid-sentence
    ("ຢາກສົ່ງລົດຈັກຄືນ", False),  # "ລົດຈັກ" is a motorbike, not "how many"
    ("за сколько часов можно отменить запись чтоб занятие не сгорело", True),  # one preposition first
    ("до скольки вы сегодня работаете", True),
    ("о котрій ви відкриваєтесь", True),
    ("at what time do you open on saturday", True),
    ("за заказ спасибо", False),
    ("в пятницу заберу заказ", False),
    # the next sentence opened in lower case, as customers type it; "т. е." opens none
    ("мы команда из 4 человек, переезжаем в Ереван. сколько у вас кабинет на четверых в месяц", True),
    ("I bought it last week. is it still under warranty", True),
    ("т. е. сколько", False),
    ("hello. my order is late", False),
])
def test_a_customers_question_is_recognised_with_or_without_a_mark(message: str, asks: bool) -> None:
    assert asks_question(message) is asks


def test_sentences_keep_their_offsets_and_ignore_abbreviation_and_url_dots() -> None:
    text = "Send it to anna@example.com today. Ուղարկեք ձեր էլ. փոստը։ Done!\nNext line"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Send it to anna@example.com today.", "Ուղարկեք ձեր էլ. փոստը։", "Done!",
                                           "Next line"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_lao_phrases_separated_by_spaces_are_sentences() -> None:
    assert [s.text for s in split_sentences("ສະບາຍດີ ທ່ານຕ້ອງການຂະໜາດໃດ")] == ["ສະບາຍດີ", "ທ່ານຕ້ອງການຂະໜາດໃດ"]


@pytest.mark.parametrize(("raw", "value"), [
    ("540", 540.0), ("540.00", 540.0), ("540,00", 540.0), ("1 200", 1200.0), ("1,200.50", 1200.5),
    ("1.200,50", 1200.5), ("12.5", 12.5),
])
def test_numbers_are_normalised_across_locales(raw: str, value: float) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize(("text", "labels"), [
    ("are you interested in (1) prices, (2) booking, or (3) help?", ["1", "2", "3"]),
    ("Option A: City 3 – 540 EUR\nOption B: City 3 Pro – 690 EUR", ["A", "B"]),
    ("Вариант А: City 3\nВариант Б: City 3 Pro", ["A", "B"]),
    ("Տարբերակ Ա՝ City 3։\nՏարբերակ Բ՝ City 3 Pro։", ["A", "B"]),
    ("1️⃣ prices 2️⃣ booking", ["1", "2"]),
    ("We open at 10:00 (Mon–Sat).", []),
])
def test_option_labels_are_found_in_every_style(text: str, labels: list[str]) -> None:
    assert option_labels(text) == labels


@pytest.mark.parametrize(("text", "dates"), [
    ("on 25 November", {"11-25"}), ("November 25th", {"11-25"}), ("25 ноября", {"11-25"}),
    ("25 листопада", {"11-25"}), ("նոյեմբերի 25", {"11-25"}), ("25 ພະຈິກ", {"11-25"}),
    ("2026-11-25", {"11-25"}), ("25.11.2026", {"11-25"}), ("costs 4.50 EUR", set()),
])
def test_dates_are_read_in_every_language(text: str, dates: set[str]) -> None:
    assert dates_in(text) == dates


@pytest.mark.parametrize(("text", "days"), [
    ("31го до скольки работаете?", {"31": "31го"}), ("а 31-го відкриті?", {"31": "31-го"}),
    ("are you open on the 31st?", {"31": "31st"}), ("ວັນທີ 31 ເປີດບໍ່", {"31": "ວັນທີ 31"}),
    ("r u open on dec 2nd?", {"12-02": "dec 2nd"}), ("1 января работаете?", {"01-01": "1 января"}),
    ("до 15:30 успею?", {}), ("скидка 10%", {}),
])
def test_the_days_a_message_names_are_read_with_or_without_their_month(text: str, days: dict[str, str]) -> None:
    assert days_named(text) == days


def test_a_day_said_alone_is_named_by_any_month_and_a_dated_day_by_its_own() -> None:
    holidays = "31 декабря — до 15:00, 1 января закрыто."
    assert names_day(holidays, {"31"}) and names_day(holidays, {"01-01"})
    assert not names_day(holidays, {"12-30"}) and not names_day("с 8:00 до 19:00 без выходных", {"31"})


def test_times_are_read_as_24h_clock() -> None:
    assert times_in("by 15:30, or 5 pm, or 9:15am") == {"15:30", "17:00", "09:15"}


@pytest.mark.parametrize(("text", "found"), [
    ("within 30 minutes", True), ("в течение 30 минут", True), ("протягом 30 хвилин", True),
    ("30 րոպեի ընթացքում", True), ("ພາຍໃນ 30 ນາທີ", True), ("до 15:00", True), ("через полчаса", True),
    ("գործում է 6 ամիս", True), ("6 ամսով", True),
    ("soon", False), ("скоро", False), ("շուտով", False),
])
def test_a_concrete_time_is_recognised_in_every_language(text: str, found: bool) -> None:
    assert bool(concrete_time(text)) is found


def test_urls_are_masked_without_moving_offsets() -> None:
    text = "Track: https://x.example/a?b=1 now?"
    masked = mask_urls(text)
    assert len(masked) == len(text) and "?" not in masked[:-1]


@pytest.mark.parametrize(("text", "amounts"), [
    ("It costs 540 EUR.", {540.0}), ("It costs €540.00.", {540.0}), ("540 € or 1 200,50 ₽", {540.0, 1200.5}),
    ("Ціна 540 грн", {540.0}), ("գինը 540 դրամ է", {540.0}), ("ລາຄາ 540 ກີບ", {540.0}), ("20% off today", {20.0}),
    ("order A-10234, call +37491234567", set()),
])
def test_prices_are_found_with_their_currency_and_normalised(text: str, amounts: set[float]) -> None:
    assert {n for hit in prices(text) for n in numbers_in(hit.group())} == amounts


@pytest.mark.parametrize(("name", "text", "found"), [
    ("CTA", "Пришлите, пожалуйста, номер заказа", "Пришлите"),  # whole word
    ("EMPATHY", "Понимаю, как это неприятно", "Понимаю"),  # prefix term понима*
    ("CHOICE", "Վերադարձնե՞լ գումարը, թե՞ փոխել", "թե՞"),  # the mark on the word does not hide it
    ("FIELDS_ORDER", "Пришлите номер телефона для заказа", None),  # words of a term must follow each other
    ("FIELDS_ORDER", "Send the order number, please", "order number"),
    ("STOCK", "ລົດຖີບ City 3 ມີໃນສະຕັອກ", "ມີໃນສະຕັອກ"),  # Lao: inside a run without spaces
    ("SLANG", "Hey dude", "dude"),
    ("SLANG", "Hey dudes and ladies", None),  # 'dude' is a whole-word term
])
def test_lexicons_match_inflected_marked_and_unspaced_words(name: str, text: str, found: str | None) -> None:
    matcher = terms_matcher(FIELDS["order_id"]) if name == "FIELDS_ORDER" else lexicon(name)
    hit = matcher.search(text)
    assert (hit.group() if hit else None) == found
