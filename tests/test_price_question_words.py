"""Which messages ask what something costs (dialogue_cues.PRICE_ASK): a price question naming an item gets the item's
price, and a request asked its price gets the price before its question (docs/knowledge.md, "catalogue"); and which
ask how long something lasts or is valid (DURATION_ASK), answered by an entry that states a duration."""

from __future__ import annotations

import pytest

from copilot.dialogue_cues import asks_price, duration_asking


@pytest.mark.parametrize("text", [
    "how much for a dedicated desk monthly?",
    "what do you charge? and the fees for delivery",
    "Royal Canin Mini Adult 4 кг почем у вас?",
    "сколько будет стоить доставка в Эчмиадзин",
    "скільки коштуватиме почистити довгий пуховик?",
    "Երկու հաճախորդի հետ հանդիպում ունեմ, փոքր սենյակը մեկ ժամով ինչքա՞ն կարժենա",
    "բարև, զննումը ինչ արժի ձեզ մոտ",
    "ຖ້າໃຫ້ມາຮັບເຄື່ອງ ຄິດຄ່າບໍລິການຈັກກີບ",
    "ລົດເວບ ເຊົ່າມື້ລະເທົ່າໃດຈ້າ",
    "what do u charge for a full regas",
    "hey whats the damage for the large or lam?",
    "переобуть 4 колеса R16 сколько будет",
    "скока будет шатер на двоих со вторника на среду?",
    "канти вже зовсім тупі, скіки буде заточка",
    "а шо по ціні за азот на всі колеса?",
    "երեխեքս 8 ու 12 տարեկան են, իրանց համար ինչքան ա լինելու",
    "can you come after work, around 7pm? does that cost more",  # what it costs on top
    "What's your rate per room?",
    "можно к часу дня? сколько это будет сверху",
    "піджак треба на завтра, скільки доплата за терміновість?",
    "30 սմ-անոց արջուկն ինչքան է արժե",
    "ວັນອາທິດມາໄດ້ບໍ່ ເສຍເພີ່ມບໍ",
    "нужна продленка на все 5 дней после школы. Сколько в месяц выйдет?",  # what it costs a month
    "повний день, п'ять днів, скільки на місяць?",
    "մինի-խումբը ամսական ինչքան ա լինում",  # how much does it come to a month
    "քանի դրամ է մեկ այցը",  # how many drams is one visit
    "առաքման համար ինչքան պիտի վճարեմ",  # how much must I pay for delivery
    "ເຂົ້າຈີ່ປາເຕ້ອັນນຶ່ງທໍ່ໃດເຈົ້າ",  # a baguette, how much (as said)
    "ເຄັກກ້ອນນ້ອຍຈັກເງິນນໍ",  # the small cake, how much money
    "ຢາກຮຽນສອງຄົນ ເສຍເທົາໃດ",  # what does it cost two of us (as typed)
])
def test_a_price_question_in_each_language_asks_the_price(text: str) -> None:
    assert asks_price(text)


@pytest.mark.parametrize("text", [
    "how many days does delivery take?",
    "сколько дней машина едет до Львова?",
    "скільки людей у групі?",
    "через сколько будут готовы анализы крови?",
    "Մաշտոցի վրա կոնկրետ որտեղ եք",
    "ສົ່ງໄປກຸມຣີເທົ່າໃດມື້ຈຶ່ງຮອດ",  # in how many days: ເທົ່າໃດ alone counts anything
    "сколько раз в неделю занятия?",
    "ինչքան ժամանակ ա լինում պատասխանը",  # how long until the result
])
def test_other_questions_do_not(text: str) -> None:
    assert not asks_price(text)


@pytest.mark.parametrize("text", [
    "how many months is the gift card valid?",
    "сертификат сколько месяцев действует?",
    "скільки тижнів чекати на випал?",
    "սերտիֆիկատը քանի ամիս ա գործում?",
    "ບັດຂອງຂວັນໃຊ້ໄດ້ຈັກເດືອນ",
    # how long it stays valid, asked as when it expires
    "she hasn't used the gift card yet, does it expire?",
    "какой срок действия у сертификата?",
    "а термін дії сертифіката який?",
    "սերտիֆիկատի գործողության ժամկետը որքա՞ն է",
    "ຊື້ບັດຂອງຂວັນໃຫ້ແມ່ ມີກຳນົດໝົດອາຍຸບໍ",
])
def test_how_many_weeks_or_months_asks_how_long(text: str) -> None:
    assert duration_asking(text)
