"""An ordinary first message of each of the 19 default intents, in each of the five languages.

The messages are plain, typical wordings, written for this test and not taken from the taxonomy's
examples or the dev set. Each must get its intent, a clean draft in the customer's language with at
most one question, and the escalation the rulebook asks for (E: refund, payment, legal, a human).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from copilot import Copilot
from copilot.language import detect_language

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
_PLACEHOLDER = re.compile(r"[\[\]{}<>]|%[A-Z_]+%")
_QUESTION = re.compile(r"[?՞]")
ESCALATES = {"refund", "payment_issue", "legal", "human_request"}

ORDINARY: dict[str, dict[str, str]] = {
    "greeting": {
        "en": "Hello!", "ru": "Здравствуйте!", "uk": "Доброго дня!", "hy": "Բարև ձեզ", "lo": "ສະບາຍດີເຈົ້າ",
    },
    "info": {
        "en": "What are your opening hours on weekends?",
        "ru": "Какой у вас график работы в выходные?",
        "uk": "Який у вас графік роботи у вихідні?",
        "hy": "Ի՞նչ ժամերի եք աշխատում հանգստյան օրերին",
        "lo": "ວັນເສົາອາທິດຮ້ານເປີດຈັກໂມງ",
    },
    "pricing": {
        "en": "How much does the Trail 29 cost?",
        "ru": "Сколько стоит Trail 29?",
        "uk": "Скільки коштує Trail 29?",
        "hy": "Ինչքա՞ն արժե Trail 29-ը",
        "lo": "Trail 29 ລາຄາເທົ່າໃດ",
    },
    "availability": {
        "en": "Do you have the City 3 in size M in stock?",
        "ru": "Есть ли в наличии City 3 размера M?",
        "uk": "Чи є в наявності City 3 розміру M?",
        "hy": "City 3-ը M չափսով առկա՞ է",
        "lo": "City 3 ໄຊສ໌ M ມີໃນສະຕັອກບໍ່",
    },
    "booking": {
        "en": "I'd like to book a bike service for Friday.",
        "ru": "Хочу записаться на обслуживание велосипеда в пятницу.",
        "uk": "Хочу записатися на обслуговування велосипеда в п'ятницю.",
        "hy": "Ուզում եմ գրանցվել հեծանիվի սպասարկման ուրբաթ օրը",
        "lo": "ຢາກຈອງຄິວເຊີວິສລົດຖີບວັນສຸກ",
    },
    "reschedule_cancel": {
        "en": "I need to cancel my appointment tomorrow.",
        "ru": "Мне нужно отменить запись на завтра.",
        "uk": "Мені потрібно скасувати запис на завтра.",
        "hy": "Պետք է չեղարկեմ վաղվա գրանցումս",
        "lo": "ຂໍຍົກເລີກນັດມື້ອື່ນແດ່",
    },
    "order_status": {
        "en": "Where is my order? It hasn't arrived yet.",
        "ru": "Где мой заказ? Он ещё не пришёл.",
        "uk": "Де моє замовлення? Воно ще не прийшло.",
        "hy": "Որտե՞ղ է պատվերս, դեռ չի հասել",
        "lo": "ສິນຄ້າທີ່ສັ່ງໄປຍັງບໍ່ທັນມາຮອດ ຢູ່ໃສແລ້ວ",
    },
    "return_exchange": {
        "en": "The helmet is too small, I want to exchange it for a bigger size.",
        "ru": "Шлем оказался мал, хочу обменять на размер больше.",
        "uk": "Шолом замалий, хочу обміняти на більший розмір.",
        "hy": "Սաղավարտը փոքր է, ուզում եմ փոխել ավելի մեծ չափսով",
        "lo": "ໝວກກັນກະທົບນ້ອຍໄປ ຢາກປ່ຽນເປັນໄຊສ໌ໃຫຍ່ກວ່າ",
    },
    "refund": {
        "en": "I returned the bike two weeks ago and still haven't got my money back.",
        "ru": "Я вернул велосипед две недели назад, а деньги так и не вернули.",
        "uk": "Я повернув велосипед два тижні тому, а гроші досі не повернули.",
        "hy": "Երկու շաբաթ առաջ վերադարձրել եմ հեծանիվը, բայց գումարս դեռ չեք վերադարձրել",
        "lo": "ສົ່ງລົດຖີບຄືນສອງອາທິດແລ້ວ ແຕ່ຍັງບໍ່ໄດ້ເງິນຄືນເລີຍ",
    },
    "complaint": {
        "en": "Your courier was two hours late and very rude, I'm really disappointed.",
        "ru": "Курьер опоздал на два часа и нагрубил, я очень разочарован.",
        "uk": "Кур'єр запізнився на дві години і нагрубив, я дуже розчарований.",
        "hy": "Առաքիչը երկու ժամ ուշացավ ու կոպիտ էր, շատ հիասթափված եմ",
        "lo": "ພະນັກງານສົ່ງຂອງມາຊ້າສອງຊົ່ວໂມງ ແລະ ເວົ້າບໍ່ສຸພາບ ຜິດຫວັງຫຼາຍ",
    },
    "technical_support": {
        "en": "My e-bike display shows error E21 and the motor won't start.",
        "ru": "На дисплее электровелосипеда ошибка E21, мотор не запускается.",
        "uk": "На дисплеї електровелосипеда помилка E21, мотор не запускається.",
        "hy": "Էլեկտրոհեծանիվի էկրանին E21 սխալ է, շարժիչը չի միանում",
        "lo": "ໜ້າຈໍລົດຖີບໄຟຟ້າຂຶ້ນ error E21 ມໍເຕີບໍ່ເຮັດວຽກ",
    },
    "estimate": {
        "en": "Can you give us a quote for 15 city bikes for our company staff?",
        "ru": "Посчитайте, пожалуйста, стоимость 15 городских велосипедов для сотрудников компании.",
        "uk": "Порахуйте, будь ласка, вартість 15 міських велосипедів для працівників компанії.",
        "hy": "Կարո՞ղ եք գնահատել 15 քաղաքային հեծանիվի արժեքը մեր ընկերության աշխատակիցների համար",
        "lo": "ຂໍໃບສະເໜີລາຄາລົດຖີບ 15 ຄັນສຳລັບພະນັກງານບໍລິສັດແດ່",
    },
    "payment_issue": {
        "en": "I was charged twice for the same order.",
        "ru": "С меня дважды списали деньги за один заказ.",
        "uk": "З мене двічі зняли гроші за одне замовлення.",
        "hy": "Նույն պատվերի համար երկու անգամ գումար են գանձել",
        "lo": "ຖືກຕັດເງິນສອງເທື່ອສຳລັບອໍເດີດຽວກັນ",
    },
    "legal": {
        "en": "If you don't solve this, I will file a complaint with consumer protection and go to court.",
        "ru": "Если не решите вопрос, я подам жалобу в защиту прав потребителей и в суд.",
        "uk": "Якщо не вирішите питання, я подам скаргу до захисту прав споживачів і до суду.",
        "hy": "Եթե հարցը չլուծեք, կդիմեմ սպառողների պաշտպանության մարմին և դատարան",
        "lo": "ຖ້າບໍ່ແກ້ໄຂ ຂ້ອຍຈະຮ້ອງຮຽນໄປອົງການປົກປ້ອງຜູ້ບໍລິໂພກ ແລະ ຟ້ອງສານ",
    },
    "human_request": {
        "en": "Can I talk to a real person please?",
        "ru": "Можно поговорить с живым человеком?",
        "uk": "Можна поговорити з живою людиною?",
        "hy": "Կարո՞ղ եմ խոսել իրական մարդու հետ",
        "lo": "ຂໍລົມກັບພະນັກງານແດ່",
    },
    "feedback": {
        "en": "Thanks a lot, the bike rides perfectly after the service!",
        "ru": "Большое спасибо, после обслуживания велосипед едет идеально!",
        "uk": "Дуже дякую, після обслуговування велосипед їде ідеально!",
        "hy": "Շատ շնորհակալություն, սպասարկումից հետո հեծանիվը հիանալի է աշխատում",
        "lo": "ຂອບໃຈຫຼາຍໆ ຫຼັງເຊີວິສແລ້ວລົດຖີບຂີ່ດີຫຼາຍ",
    },
    "follow_up": {
        "en": "Any news on my question from yesterday? Still waiting for an answer.",
        "ru": "Есть новости по моему вчерашнему вопросу? Всё ещё жду ответа.",
        "uk": "Є новини щодо мого вчорашнього питання? Досі чекаю відповіді.",
        "hy": "Երեկվա հարցիս վերաբերյալ նորություն կա՞, դեռ սպասում եմ պատասխանի",
        "lo": "ເລື່ອງທີ່ຖາມມື້ວານມີຄວາມຄືບໜ້າບໍ່ ຍັງລໍຖ້າຄຳຕອບຢູ່",
    },
    "internal_request": {
        "en": "Hi, this is Anna from accounting, please send me the signed supplier contract.",
        "ru": "Привет, это Анна из бухгалтерии, пришлите, пожалуйста, подписанный договор с поставщиком.",
        "uk": "Привіт, це Анна з бухгалтерії, надішліть, будь ласка, підписаний договір з постачальником.",
        "hy": "Բարև, Աննան եմ հաշվապահությունից, խնդրում եմ ուղարկեք մատակարարի հետ ստորագրված պայմանագիրը",
        "lo": "ສະບາຍດີ ຂ້ອຍແອນນາຝ່າຍບັນຊີ ຂໍສັນຍາກັບຜູ້ສະໜອງທີ່ເຊັນແລ້ວແດ່",
    },
    "other": {
        "en": "Who won the chess championship in 1972?",
        "ru": "Кто выиграл чемпионат мира по шахматам в 1972 году?",
        "uk": "Хто виграв чемпіонат світу з шахів у 1972 році?",
        "hy": "Ո՞վ հաղթեց շախմատի աշխարհի առաջնությունում 1972 թվականին",
        "lo": "ໃຜຊະນະການແຂ່ງຂັນໝາກຮຸກໂລກປີ 1972",
    },
}
CASES = [(intent, lang, text) for intent, by_lang in ORDINARY.items() for lang, text in by_lang.items()]


@pytest.mark.parametrize(("intent", "language", "text"), CASES)
def test_an_ordinary_first_message_gets_its_intent_and_a_clean_draft(
    offline_copilot: Copilot, intent: str, language: str, text: str
) -> None:
    s = offline_copilot.suggest({"messages": [{"role": "customer", "text": text}], "channel": "whatsapp"}, now=NOW)
    assert (s.intent.id, s.language) == (intent, language)
    assert not _PLACEHOLDER.search(s.draft.text), s.draft.text
    assert len(_QUESTION.findall(s.draft.text)) <= 1, s.draft.text
    drafted = detect_language(s.draft.text)
    assert drafted is not None and drafted.code == language, s.draft.text
    if intent in ESCALATES:
        assert s.decision.action == "escalate"
