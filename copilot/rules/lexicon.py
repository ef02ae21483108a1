"""Word lists the rules match on, per concept and language (en, ru, uk, hy, lo).

Term syntax (compiled by ``text.terms_regex``): words separated by spaces must follow each other;
a word ending in ``*`` matches any ending (Slavic and Armenian inflection: ``заказ*`` → заказа,
заказом); other words match whole. Lao is written without spaces between words, so Lao terms
match as substrings. Armenian terms tolerate the stress/question marks ՞ ՛ ՜ written on a word.
Lists are deliberately short and high-precision: a rule that cries wolf gets switched off.
"""

from __future__ import annotations

Lexicon = dict[str, tuple[str, ...]]

# H2: an explicit call to action (imperatives, "let me know").
CTA: Lexicon = {
    "en": ("reply*", "respond", "send", "choose", "pick", "select", "tell me", "tell us", "let me know",
           "let us know", "write", "confirm", "click", "tap", "book", "call us", "share", "visit",
           "follow the link", "open the link", "contact", "reach out", "text me", "message me", "drop me", "add",
           "keep writing", "feel free", "please", "just write"),
    "ru": ("напиш*", "пришлите", "пришли", "отправьте", "выберите", "ответьте", "подтвердите", "сообщите",
           "укажите", "дайте знать", "нажмите", "перейдите", "позвоните", "скажите", "забронируйте",
           "запишитесь", "свяжитесь", "поделитесь", "присылайте", "допишите", "добавьте", "пожалуйста"),
    "uk": ("надішліть", "напиш*", "оберіть", "виберіть", "відповід*", "дайте знати", "підтвердіть",
           "повідомте", "вкажіть", "натисніть", "перейдіть", "зателефонуйте", "скажіть", "забронюйте",
           "запишіться", "зв'яжіться", "поділіться", "допишіть", "додайте", "будь ласка"),
    "hy": ("գրեք", "ուղարկեք", "ընտրեք", "պատասխանեք", "հաստատեք", "տեղեկացրեք", "նշեք", "սեղմեք",
           "զանգահարեք", "ասեք", "ամրագրեք", "կապվեք", "հայտնեք", "ավելացրեք", "խնդրում եմ"),
    # Lao: ສົ່ງ alone also means "ship" (ຈັດສົ່ງ); "please" (ກະລຸນາ) marks the imperative reliably.
    "lo": ("ກະລຸນາ", "ສົ່ງມາ", "ສົ່ງໃຫ້ຂ້ອຍ", "ເລືອກ", "ຕອບ", "ແຈ້ງ", "ບອກ", "ຢືນຢັນ", "ກົດ", "ໂທຫາ", "ຂຽນ", "ເພີ່ມ"),
}

# Trailing politeness that is not a next step ("Thanks!" after the question; H2 looks past it).
SIGN_OFF: Lexicon = {
    "en": ("thanks", "thank you", "have a nice day", "have a great day", "best regards", "kind regards",
           "regards", "cheers", "best"),
    "ru": ("спасибо", "хорошего дня", "с уважением", "всего доброго", "благодарю"),
    "uk": ("дякую", "гарного дня", "з повагою", "всього доброго", "гарного вечора"),
    "hy": ("շնորհակալություն", "հարգանքով", "բարի օր", "մաղթում եմ լավ օր"),
    "lo": ("ຂອບໃຈ", "ຂອບໃຈຫຼາຍໆ", "ດ້ວຍຄວາມເຄົາລົບ"),
}

GREETING: Lexicon = {
    "en": ("hi", "hello", "hey", "good morning", "good afternoon", "good evening", "dear", "greetings"),
    "ru": ("здравствуйте", "добрый день", "добрый вечер", "доброе утро", "привет", "приветствую", "доброго дня"),
    "uk": ("вітаю", "добрий день", "доброго дня", "добрий вечір", "доброго ранку", "привіт"),
    "hy": ("բարև", "բարեւ", "բարի օր", "բարի երեկո", "բարի լույս", "ողջույն"),
    "lo": ("ສະບາຍດີ",),
}

# H3: a question marked optional does not count as a main question.
OPTIONAL: Lexicon = {
    "en": ("if you already know", "if you know", "if you have it", "if you have", "optional", "optionally",
           "if possible", "if it's easy"),
    "ru": ("если вы уже знаете", "если знаете", "если есть", "по желанию", "необязательно", "если удобно",
           "если возможно"),
    "uk": ("якщо ви вже знаєте", "якщо знаєте", "якщо є", "за бажанням", "необов'язково", "не обов'язково",
           "якщо зручно"),
    "hy": ("եթե արդեն գիտեք", "եթե գիտեք", "եթե ունեք", "ցանկության դեպքում", "պարտադիր չէ"),
    "lo": ("ຖ້າທ່ານຮູ້", "ຖ້າມີ", "ບໍ່ບັງຄັບ"),
}

# H4 / M2: choice words inside a question ("A or B?").
CHOICE: Lexicon = {
    "en": ("or",), "ru": ("или",), "uk": ("чи", "або"), "hy": ("թե", "կամ"), "lo": ("ຫຼື", "ຫລື"),
}
# H4: open questions that make the customer compose an essay.
OPEN_QUESTION: Lexicon = {
    "en": ("why", "how come", "how do you", "how would you", "what do you think", "what exactly",
           "describe", "tell me more", "what happened", "explain"),
    "ru": ("почему", "зачем", "что именно", "расскажите", "опишите", "что случилось", "как вы думаете",
           "объясните"),
    "uk": ("чому", "навіщо", "що саме", "розкажіть", "опишіть", "що сталося", "як ви думаєте", "поясніть"),
    "hy": ("ինչու", "ինչպես եք կարծում", "նկարագրեք", "պատմեք", "ինչ է պատահել", "բացատրեք"),
    "lo": ("ເປັນຫຍັງ", "ຍ້ອນຫຍັງ", "ອະທິບາຍ", "ເກີດຫຍັງຂຶ້ນ"),
}

# How a customer's message asks (question openers, Lao question words, conditions, what refers back) lives in its
# own module (re-exported here).
from .lexicon_questions import (  # noqa: E402,F401
    EN_AUX, QUESTION_OPENER, QUESTION_PREPOSITION, QUESTION_LEAD, LAO_QUESTION_WORDS, CONDITION, REFERS_BACK,
)

# H6: placeholder words that stand for the customer's name.
NAME_PLACEHOLDERS = ("name", "first_name", "firstname", "customer_name", "customer", "client", "имя", "ім'я",
                     "імя", "անուն", "անունը", "ຊື່", "клиент", "клієнт")

# Words naming a street or a square: a town's name beside one names the street ("Pushkin Street", "ул. Пушкина").
STREET: Lexicon = {
    "en": ("street", "streets", "st", "avenue", "ave", "road", "rd", "lane", "boulevard", "blvd", "square", "sq",
           "highway", "embankment"),
    "ru": ("улиц*", "ул", "проспект*", "просп", "пр", "переул*", "пер", "бульвар*", "площад*", "пл", "шоссе",
           "набережн*", "наб", "проезд*"),
    "uk": ("вулиц*", "вул", "проспект*", "просп", "пр", "провул*", "пров", "бульвар*", "площ*", "пл", "шосе",
           "набережн*", "наб", "узвіз*"),
    "hy": ("փողոց*", "պողոտա*", "հրապարակ*", "նրբանցք*", "խճուղ*"),
}

# H7 exemption: "If you need to reschedule, reply with a new time" explains how to change, not a re-ask.
CHANGE: Lexicon = {
    "en": ("reschedule", "change", "update", "cancel", "different", "another time", "another day"),
    "ru": ("перенести", "перенос*", "изменить", "измен*", "отменить", "другое", "другой", "другую", "другая"),
    "uk": ("перенести", "перенес*", "змінити", "змін*", "скасувати", "інший", "інша", "інше", "іншу"),
    "hy": ("փոխել", "փոփոխ*", "տեղափոխ*", "չեղարկ*", "այլ"),
    "lo": ("ປ່ຽນ", "ຍົກເລີກ", "ເລື່ອນ", "ອື່ນ"),
}

# H9: what breaks a warm, professional tone. Mild, common forms only.
PROFANITY: Lexicon = {
    "en": ("damn", "shit*", "fuck*", "crap", "wtf", "bullshit", "stupid", "idiot*", "dumb"),
    "ru": ("блин", "хрен*", "черт", "чёрт", "бля*", "хер*", "дерьм*", "идиот*", "тупой", "тупая"),
    "uk": ("блін", "хрін*", "чорт", "лайно", "ідіот*", "дурн*"),
    "hy": ("տուֆտա", "ապուշ*", "հիմար*", "անասուն*"),
    "lo": ("ໂງ່", "ບ້າ", "ຄວາຍ"),
}
SLANG: Lexicon = {
    "en": ("gonna", "wanna", "gotta", "dude", "bro", "lol", "omg", "ur", "pls", "plz", "thx", "ya", "nope",
           "yep", "kinda", "sorta", "asap"),
    "ru": ("чё", "чо", "щас", "норм", "короче", "типа", "прикинь", "спс", "пжлст", "ок?", "ваще", "братан"),
    "uk": ("шо", "щас", "норм", "коротше", "типу", "спс", "братан", "ваще"),
    "hy": ("ախպեր", "ապեր", "դե լավ", "էլի"),
    "lo": ("ເດີ້ໆ", "555"),
}
SARCASM: Lexicon = {
    "en": ("obviously", "as i already said", "as i said", "as i already told you", "clearly you",
           "with all due respect", "good luck with that", "not our problem", "your fault",
           "you should have", "read the", "again, ", "like i said"),
    "ru": ("как я уже говорил*", "как я уже писал*", "как я уже сказал*", "очевидно же", "не наша проблема",
           "сами виноваты", "надо было", "читайте внимательн*", "ещё раз повторяю", "еще раз повторяю"),
    "uk": ("як я вже казав*", "як я вже писав*", "як я вже сказав*", "очевидно ж", "не наша проблема",
           "самі винні", "треба було", "читайте уважн*", "ще раз повторюю"),
    "hy": ("ինչպես արդեն ասացի", "ինչպես արդեն գրել եմ", "մեր խնդիրը չէ", "ինքներդ եք մեղավոր"),
    "lo": ("ຕາມທີ່ບອກແລ້ວ", "ບໍ່ແມ່ນບັນຫາຂອງພວກເຮົາ"),
}
# Acronyms an upper-case check must not read as shouting.
ACRONYMS = frozenset({"SMS", "VIP", "EUR", "USD", "RUB", "UAH", "AMD", "LAK", "GBP", "UTC", "GMT", "FAQ", "PDF",
                      "URL", "ID", "OK", "PIN", "CVV", "IBAN", "SWIFT", "DHL", "UPS", "FEDEX", "EMS", "USB"})

# H14 / M8: acknowledging the feeling.
EMPATHY: Lexicon = {
    "en": ("sorry", "apolog*", "understand*", "frustrat*", "i hear you", "unpleasant", "regret*",
           "i see why", "that's not ok", "upsetting", "annoying"),
    "ru": ("извин*", "простите", "прошу прощения", "понима*", "сожале*", "неприятн*", "жаль", "огорч*"),
    "uk": ("вибач*", "перепрошу*", "розумі*", "шкода", "прикро", "неприємн*", "засмуч*"),
    "hy": ("ներող*", "հասկանում*", "ցավում*", "ափսոս*", "տհաճ*", "ցավալի"),
    "lo": ("ຂໍອະໄພ", "ເຂົ້າໃຈ", "ເສຍໃຈ"),
}
# M8: the action we will take (first-person future; Armenian future prefix կ-).
ACTION: Lexicon = {
    "en": ("i'll", "i will", "we'll", "we will", "let me", "i am going to", "i'm going to"),
    "ru": ("провер*", "исправ*", "сделаю", "разберусь", "решу", "оформлю", "передам", "сообщу", "напишу",
           "вернусь", "вернём", "отправлю", "заменим", "вернем"),
    "uk": ("перевір*", "виправ*", "зроблю", "розберуся", "вирішу", "оформлю", "передам", "повідомлю",
           "напишу", "повернуся", "відправлю", "замінимо"),
    "hy": ("կստուգ*", "կուղղ*", "կլուծ*", "կտեղեկացն*", "կգրեմ", "կանեմ", "կուղարկ*", "կփոխարին*",
           "կվերադարձն*", "կկապվ*"),
    "lo": ("ຈະກວດ", "ຈະແກ້", "ຈະແຈ້ງ", "ຈະສົ່ງ", "ຈະຕິດຕໍ່", "ຈະ"),
}

# H1: the four "jobs" the guide says not to mix in one message.
JOB_PRICE: Lexicon = {
    "en": ("price*", "cost*"), "ru": ("цен*", "стоимост*", "стоит"), "uk": ("цін*", "вартіст*", "коштує"),
    "hy": ("գին*", "արժե"), "lo": ("ລາຄາ",),
}
JOB_BOOKING: Lexicon = {
    "en": ("book*", "appointment*", "slot*", "reserv*", "schedule"),
    "ru": ("запис*", "брон*", "забронир*"), "uk": ("запис*", "брон*", "забронюв*"),
    "hy": ("ամրագր*", "գրանցվ*"), "lo": ("ຈອງ", "ນັດໝາຍ"),
}
JOB_POLICY: Lexicon = {
    "en": ("policy", "return*", "refund*", "warranty", "terms", "conditions"),
    "ru": ("возврат*", "гарант*", "услови*", "правил*", "политик*"),
    "uk": ("поверн*", "гаранті*", "умов*", "правил*", "політик*"),
    "hy": ("վերադարձ*", "երաշխիք*", "պայման*", "քաղաքականություն*"),
    "lo": ("ນະໂຍບາຍ", "ຮັບປະກັນ", "ຄືນເງິນ", "ເງື່ອນໄຂ", "ສົ່ງຄືນ", "ປ່ຽນຄືນ"),
}
JOB_UPSELL: Lexicon = {
    "en": ("also check out", "you might also like", "don't miss", "special offer", "discount*", "promo*", "sale",
           "bestseller*", "accessor*", "recommend adding", "we'd recommend", "i'd recommend", "why not add"),
    "ru": ("также рекомендуем", "акци*", "скидк*", "спецпредложени*", "не пропустите", "хит продаж", "аксессуар*",
           "кстати, у нас есть", "советую взять", "советуем взять", "рекомендую взять", "докупить"),
    "uk": ("також радимо", "акці*", "знижк*", "спецпропозиц*", "не пропустіть", "хіт продажу", "аксесуар*",
           "до речі, у нас є", "раджу взяти", "раджу одразу взяти", "радимо взяти", "докупити"),
    "hy": ("զեղչ*", "ակցիա*", "հատուկ առաջարկ*", "բաց մի թողեք", "աքսեսուար*", "խորհուրդ եմ տալիս",
           "խորհուրդ ենք տալիս"),
    "lo": ("ສ່ວນຫຼຸດ", "ໂປຣໂມຊັນ", "ຂໍ້ສະເໜີພິເສດ", "ແນະນຳໃຫ້ເອົາ", "ຊື້ເພີ່ມ"),
}

# H10: claims that need a source.
STOCK: Lexicon = {
    "en": ("in stock", "out of stock", "available now", "last one", "last ones", "sold out"),
    "ru": ("в наличии", "нет в наличии", "есть на складе", "на складе", "закончил*", "последн* экземпляр*"),
    "uk": ("в наявності", "є в наявності", "на складі", "немає в наявності", "закінчил*"),
    "hy": ("առկա է", "առկա են", "պահեստում", "առկա չէ", "վերջացել"),
    "lo": ("ມີໃນສະຕັອກ", "ມີສິນຄ້າ", "ມີໃນສາງ", "ມີຢູ່ໃນສາງ", "ໝົດສະຕັອກ", "ສິນຄ້າໝົດ"),
}
# ... of them, those that say it is not there: a draft's claim about a named item must match the catalogue.
STOCK_OUT: Lexicon = {
    "en": ("out of stock", "sold out", "not in stock", "not available"),
    "ru": ("нет в наличии", "нет на складе", "закончил*", "распродан*"),
    "uk": ("немає в наявності", "нема в наявності", "немає на складі", "закінчил*", "розпродан*"),
    "hy": ("առկա չէ", "առկա չեն", "վերջացել"),
    "lo": ("ໝົດສະຕັອກ", "ສິນຄ້າໝົດ", "ບໍ່ມີໃນສາງ", "ບໍ່ມີສິນຄ້າ"),
}
# H10: the customer's own budget, restated ("for a budget of up to 700 €"): their number, not a price of ours.
BUDGET: Lexicon = {
    "en": ("budget*",), "ru": ("бюджет*",), "uk": ("бюджет*",), "hy": ("բյուջե*",), "lo": ("ງົບ",),
}
# H10: promises. Kept apart so "free delivery" in the knowledge does not back a "guarantee".
GUARANTEE: Lexicon = {
    "en": ("guarantee*", "promise*", "money back", "100%"),
    "ru": ("гарантир*", "гарантия", "обещаю", "обещаем", "100%"),
    "uk": ("гарантую*", "гарантуємо", "гарантія", "обіцяю", "обіцяємо", "100%"),
    "hy": ("երաշխավոր*", "խոստանում*", "երաշխիք*", "100%"),
    "lo": ("ຮັບປະກັນ", "ສັນຍາ", "100%"),
}
FREE: Lexicon = {
    "en": ("free", "for free", "free of charge", "no charge", "at no cost"),
    "ru": ("бесплатн*", "даром"),
    "uk": ("безкоштовн*", "безоплатн*"),
    "hy": ("անվճար*",),
    "lo": ("ຟຣີ", "ບໍ່ເສຍຄ່າ"),
}

# H10 settlements and the promise to reply later live in their own module (re-exported here).
from .lexicon_promises import (  # noqa: E402,F401
    REFUND_PROMISE, COMPENSATION_PROMISE, DISCOUNT_PROMISE, DELIVERY_PROMISE, LEGAL_POSITION,
    SETTLEMENT_HEDGE, LAO_TRAILING_HEDGE, SETTLEMENTS, REPLY_PROMISE, VAGUE_PROMISE,
)

# H13: voice notes, and pictures of text.
VOICE: Lexicon = {
    "en": ("voice message*", "voice note*", "audio message*", "voice memo*", "send a voice", "record a voice"),
    "ru": ("голосов*", "аудиосообщени*", "аудио сообщени*", "войс*"),
    "uk": ("голосов*", "аудіоповідомлен*", "аудіо повідомлен*", "войс*"),
    "hy": ("ձայնային հաղորդագրություն*", "ձայնագրություն*", "ձայնային"),
    "lo": ("ຂໍ້ຄວາມສຽງ", "ອັດສຽງ"),
}
SCREENSHOT: Lexicon = {
    "en": ("screenshot*", "screen shot*", "screen capture"), "ru": ("скриншот*", "скрин*"),
    "uk": ("скріншот*", "скриншот*", "скрін*"), "hy": ("սքրինշոթ*", "էկրանի նկար*"),
    "lo": ("ພາບໜ້າຈໍ", "ແຄັບໜ້າຈໍ", "ແຄັບຈໍ"),
}
PHOTO: Lexicon = {
    "en": ("photo*", "picture*", "pic", "image*"), "ru": ("фото*", "снимок", "снимк*", "картинк*"),
    "uk": ("фото*", "знімок", "знімк*", "картинк*"), "hy": ("լուսանկար*", "նկար*"), "lo": ("ຮູບ",),
}
TEXT_OBJECT: Lexicon = {
    "en": ("receipt*", "invoice*", "order confirmation", "confirmation", "chat", "message*", "page", "details",
           "card", "document*", "email", "label", "form", "text", "passport", "contract"),
    "ru": ("чек*", "квитанци*", "счёт*", "счет*", "подтверждени*", "переписк*", "сообщени*", "страниц*",
           "реквизит*", "карт*", "документ*", "письм*", "паспорт*", "договор*", "данн*"),
    "uk": ("чек*", "квитанці*", "рахун*", "підтвердженн*", "листуванн*", "повідомленн*", "сторінк*",
           "реквізит*", "карт*", "документ*", "лист*", "паспорт*", "договір*", "даних", "дані"),
    "hy": ("կտրոն*", "հաշիվ*", "հաստատում*", "նամակագրություն*", "հաղորդագրություն*", "էջ*", "տվյալ*",
           "քարտ*", "փաստաթուղթ*", "անձնագիր*", "պայմանագիր*"),
    "lo": ("ໃບບິນ", "ໃບຮັບເງິນ", "ຂໍ້ຄວາມ", "ເອກະສານ", "ບັດ", "ຂໍ້ມູນ"),
}
DEFECT: Lexicon = {
    "en": ("defect*", "damage*", "broken", "scratch*", "crack*", "error*", "fault*", "issue", "problem", "stain*"),
    "ru": ("дефект*", "брак*", "поврежд*", "сломан*", "царапин*", "трещин*", "ошибк*", "поломк*", "пятн*"),
    "uk": ("дефект*", "брак*", "пошкодж*", "зламан*", "подряпин*", "тріщин*", "помилк*", "полом*", "плям*"),
    "hy": ("թերություն*", "վնաս*", "կոտրված*", "քերծվածք*", "սխալ*", "խնդիր*", "արատ*"),
    "lo": ("ເສຍຫາຍ", "ຂໍ້ຜິດພາດ", "ແຕກ", "ຮອຍຂີດ", "ບົກຜ່ອງ", "ຜິດພາດ"),
}

# H11 / M5 / M6 / M8: a concrete time without digits.
HALF_HOUR: Lexicon = {
    "en": ("half an hour",), "ru": ("полчаса",), "uk": ("пів години", "півгодини"), "hy": ("կես ժամ*",),
    "lo": ("ເຄິ່ງຊົ່ວໂມງ",),
}
# M5: never defensive.
DEFENSIVE: Lexicon = {
    "en": ("as i said", "as i already", "i already told you", "be patient", "not our fault", "not our problem",
           "we are not responsible", "you have to wait", "nothing we can do"),
    "ru": ("как я уже", "наберитесь терпения", "не наша вина", "мы не виноваты", "мы не несем ответствен*",
           "мы не несём ответствен*", "ничего не можем", "придется подождать", "придётся подождать"),
    "uk": ("як я вже", "наберіться терпіння", "не наша вина", "ми не винні", "ми не несемо відповідальн*",
           "нічого не можемо", "доведеться почекати"),
    "hy": ("ինչպես արդեն", "համբերատար եղեք", "մեր մեղքը չէ", "մենք պատասխանատու չենք"),
    "lo": ("ຕາມທີ່ບອກແລ້ວ", "ບໍ່ແມ່ນຄວາມຜິດຂອງພວກເຮົາ", "ອົດທົນ"),
}
# Knowledge that says something costs nothing (more) answers "how much" too: "Завтрак включён в стоимость номера"
# for "завтрак входит в цену номера?" (send_decision.price_unanswered).
NO_CHARGE: Lexicon = {  # "включён в стоимость", not "чистка включает разборку" (what a job includes)
    "en": ("free", "included", "no charge", "no extra charge", "at no cost"),
    "ru": ("бесплатн*", "включен*", "включён*", "входит", "без доплат*"),
    "uk": ("безкоштовн*", "безоплатн*", "включен*", "включно", "входить", "без доплат*"),
    "hy": ("անվճար", "ներառված", "ներառում", "առանց հավելավճարի"),
    "lo": ("ຟຣີ", "ບໍ່ເສຍເງິນ", "ບໍ່ເສຍຄ່າ", "ລວມຢູ່ໃນລາຄາ", "ລວມໃນລາຄາ"),
}
# What is not included costs something the answer does not say ("a Windows licence is not included").
NOT_INCLUDED: Lexicon = {
    "en": ("not included", "isn't included", "aren't included", "not free"),
    "ru": ("не включен*", "не включён*", "не входит", "не входят"),
    "uk": ("не включен*", "не входить", "не входять"),
    "hy": ("ներառված չէ", "ներառված չեն", "չի ներառված", "չեն ներառված", "չի ներառում"),
    "lo": ("ບໍ່ລວມ",),
}
# M6: who takes over.
WHO_TAKES_OVER: Lexicon = {
    "en": ("colleague*", "manager", "specialist", "team", "agent", "human", "person", "teammate", "expert",
           "technician", "head of", "department"),
    "ru": ("коллег*", "менеджер*", "специалист*", "оператор*", "сотрудник*", "команд*", "мастер", "мастеру",
           "мастера", "мастером", "руководител*", "отдел*"),  # not "мастерская", the workshop
    "uk": ("колег*", "менеджер*", "фахів*", "оператор*", "співробітник*", "команд*", "майстер", "майстру",
           "майстрові", "майстра", "керівник*", "відділ*"),
    "hy": ("գործընկեր*", "մենեջեր*", "մասնագետ*", "օպերատոր*", "աշխատակից*", "թիմ*", "վարպետ*", "ղեկավար*",
           "բաժն*"),
    "lo": ("ຜູ້ຈັດການ", "ພະນັກງານ", "ເພື່ອນຮ່ວມງານ", "ຜູ້ຊ່ຽວຊານ", "ທີມງານ", "ທີມ", "ຫົວໜ້າ", "ຊ່າງ", "ພະແນກ"),
}
# M7: continue, or close for now.
CONTINUE: Lexicon = {
    "en": ("continue", "go ahead", "still interested", "proceed", "keep going", "carry on"),
    "ru": ("продолж*", "актуальн*", "ещё интересно", "еще интересно"),
    "uk": ("продовж*", "актуальн*", "ще цікаво"),
    "hy": ("շարունակ*", "դեռ հետաքրքիր", "արդիական"),
    "lo": ("ສືບຕໍ່", "ດຳເນີນຕໍ່", "ດຳເນີນການຕໍ່"),
}
CLOSE: Lexicon = {
    "en": ("close", "not now", "for now", "pause"),
    "ru": ("закры*", "закро*", "не сейчас", "пока"),
    "uk": ("закри*", "закриє*", "не зараз", "поки"),
    "hy": ("փակ*", "ոչ հիմա", "առայժմ"),
    "lo": ("ປິດ", "ບໍ່ແມ່ນຕອນນີ້", "ໄວ້ກ່ອນ"),
}
# M9: satisfaction.
SATISFACTION: Lexicon = {
    # Applies only at the feedback moment, so plain "ok / хорошо" in a question is enough of a signal.
    "en": ("satisf*", "happy with", "how happy", "how did we do", "how was", "rate", "did it help", "helpful",
           "go well", "went well", "ok", "okay", "good", "all good"),
    "ru": ("довол*", "понрав*", "оцен*", "помогл*", "хорошо", "устроил*", "в порядке"),
    "uk": ("задоволен*", "сподоба*", "оцін*", "допомогл*", "добре", "влаштува*", "гаразд"),
    "hy": ("գոհ*", "գնահատ*", "կգնահատ*", "օգնեց", "դուր եկավ", "լավ", "կարգին"),
    "lo": ("ພໍໃຈ", "ໃຫ້ຄະແນນ", "ຊ່ວຍໄດ້", "ເປັນແນວໃດ"),
}
# M9: a scale or emoji set answerable with one tap.
ONE_TAP = ("👍", "👎", "⭐", "😊", "🙁", "1–5", "1-5", "1 to 5", "от 1 до 5", "від 1 до 5", "1-ից 5", "yes/no",
           "да/нет", "так/ні", "այո/ոչ")
# "what percent?" is answered by an entry that writes "%" (`answer_coverage`): the word is the symbol.
PERCENT: Lexicon = {
    "en": ("percent*", "percentage*"), "ru": ("процент*",), "uk": ("відсот*",), "hy": ("տոկոս*",),
    "lo": ("ເປີເຊັນ", "ສ່ວນຮ້ອຍ"),
}
# M3: a recommendation tied to the need.
RECOMMEND: Lexicon = {
    "en": ("recommend*", "i'd suggest", "i would suggest", "best for you", "my pick"),
    "ru": ("рекоменд*", "советую", "посоветую", "лучше подойдёт", "лучше подойдет"),
    "uk": ("рекоменд*", "раджу", "порадж*", "краще підійде"),
    "hy": ("խորհուրդ եմ տալիս", "առաջարկում եմ", "կառաջարկեի"),
    "lo": ("ແນະນຳ",),
}
# M2 / M3: the word before an option label ("Option A", "Вариант Б").
OPTION_WORD = ("option", "вариант", "варіант", "տարբերակ", "ທາງເລືອກ", "ຕົວເລືອກ")

# Lao question particles at the end of a sentence (H3: Lao often drops "?").
LAO_QUESTION_PARTICLES = ("ແມ່ນບໍ", "ບໍ່ຫວາ", "ເທົ່າໃດ", "ບໍ່", "ບໍ", "ໃດ", "ຫຍັງ", "ຈັກ")
# Lao politeness particles, said after a sentence or a name ("ຂ້ອຍຊື່ນາງຄັບ"): they soften, never say what.
LAO_POLITE_PARTICLES = ("ຄັບ", "ເຈົ້າ", "ເດີ", "ນະ", "ເດ້", "ນໍ", "ຈ້າ")

# H2 repair: a neutral next step in each language (contains a CTA word above).
NEXT_STEP: dict[str, str] = {
    "en": "Just reply here and I'll take care of the next step.",
    "ru": "Просто ответьте на это сообщение, и я займусь следующим шагом.",
    "uk": "Просто відповідайте на це повідомлення, і я візьмуся за наступний крок.",
    "hy": "Պարզապես պատասխանեք այս հաղորդագրությանը, և ես կզբաղվեմ հաջորդ քայլով։",
    "lo": "ກະລຸນາຕອບກັບຂໍ້ຄວາມນີ້ ແລ້ວຂ້ອຍຈະດຳເນີນຂັ້ນຕອນຕໍ່ໄປ.",
}
