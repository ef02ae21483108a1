"""Words that say how a customer's turn relates to the conversation (en, ru, uk, hy, lo).

Term syntax is the rule lexicons' (``rules/lexicon.py``): words in order, ``*`` an open ending,
Lao terms as substrings. Short and high-precision: a confirmation read wrongly confirms a booking,
a frustration marker read wrongly hands a calm customer to a person.
"""

from __future__ import annotations

from functools import lru_cache

from .rules.text import Matcher, terms_matcher

Lexicon = dict[str, tuple[str, ...]]

# "yes" to our yes/no question ("Shall I book it?"): the whole turn is one of these (plus emoji).
CONFIRM: Lexicon = {
    "en": ("yes", "yeah", "yep", "yup", "sure", "ok", "okay", "k", "fine", "sounds good", "go ahead", "please do",
           "do it", "perfect", "great", "confirm", "confirmed", "deal", "correct", "right", "exactly", "that's right",
           "that works", "works for me", "good", "alright", "all right", "of course", "absolutely", "please", "book it",
           "let's do it", "yes please", "sure thing"),
    "ru": ("да", "ага", "ок", "окей", "хорошо", "давайте", "давай", "конечно", "подтверждаю", "отлично", "договорились",
           "годится", "верно", "точно", "именно", "норм", "подходит", "устраивает", "бронируйте", "оформляйте",
           "пожалуйста", "да пожалуйста", "супер", "ладно"),
    "uk": ("так", "ага", "ок", "окей", "добре", "давайте", "давай", "звісно", "звичайно", "підтверджую", "чудово",
           "домовились", "домовилися", "годиться", "вірно", "точно", "саме так", "підходить", "влаштовує",
           "бронюйте", "оформлюйте", "будь ласка", "супер", "гаразд"),
    "hy": ("այո", "հա", "լավ", "օկ", "ok", "համաձայն եմ", "իհարկե", "հաստատում եմ", "ճիշտ է", "հենց այդպես",
           "հարմար է", "ամրագրեք", "ձևակերպեք", "խնդրում եմ", "գերազանց", "լավ է", "եկեք"),
    "lo": ("ແມ່ນແລ້ວ", "ແມ່ນ", "ເຈົ້າ", "ໂອເຄ", "ໄດ້ເລີຍ", "ໄດ້", "ຕົກລົງ", "ຢືນຢັນ", "ເອົາ", "ດີ", "ຖືກຕ້ອງ", "ຈອງເລີຍ"),
}
CONFIRM_EMOJI = ("👍", "👌", "✅", "🙏", "🆗", "✔")

DECLINE: Lexicon = {
    "en": ("no", "nope", "nah", "not now", "no thanks", "no thank you", "not yet", "don't", "cancel"),
    "ru": ("нет", "не надо", "не нужно", "не сейчас", "пока нет", "нет спасибо", "отмена"),
    "uk": ("ні", "не треба", "не потрібно", "не зараз", "поки ні", "ні дякую", "скасуйте"),
    "hy": ("ոչ", "չէ", "պետք չէ", "հիմա ոչ", "դեռ ոչ", "ոչ շնորհակալություն"),
    "lo": ("ບໍ່ເອົາ", "ບໍ່ຕ້ອງ", "ບໍ່ເອົາດອກ", "ຍັງກ່ອນ"),  # not bare ບໍ່: it negates anything
}

# A change to what was said or proposed: "actually Saturday", "лучше в пятницу".
CORRECTION: Lexicon = {
    "en": ("actually", "instead", "rather", "would be better", "change it to", "make it", "sorry i meant", "i meant",
           "correction"),
    "ru": ("вернее", "точнее", "лучше", "на самом деле", "вместо", "поменяйте на", "исправлю", "ой"),
    "uk": ("вірніше", "точніше", "краще", "насправді", "замість", "змініть на", "виправлю"),
    "hy": ("ավելի լավ", "ավելի ճիշտ", "փոխարենը", "ներողություն", "փոխեք"),
    "lo": ("ແທນ", "ປ່ຽນເປັນ", "ຂໍອະໄພ ແມ່ນ", "ດີກວ່າ"),
}

# Turning a refund down ("an exchange instead of the money back"): not a refund request (E-refund).
NOT_REFUND: Lexicon = {
    "en": ("instead of a refund", "instead of the refund", "instead of money back", "instead of the money back",
           "instead of getting my money back", "rather than a refund", "no refund", "not a refund",
           "don't want a refund", "dont want a refund", "don't need a refund", "don't want my money back"),
    "ru": ("вместо возврата", "вместо денег", "не нужно возвращать деньги", "не надо возвращать деньги",
           "деньги не нужны", "деньги возвращать не надо", "без возврата денег", "не хочу возврат"),
    "uk": ("замість повернення", "замість грошей", "не треба повертати гроші", "не потрібно повертати гроші",
           "гроші не потрібні", "гроші повертати не треба", "без повернення грошей", "не хочу повернення"),
    "hy": ("գումարի վերադարձի փոխարեն", "գումարը վերադարձնելու փոխարեն", "փողի փոխարեն", "գումարը պետք չէ",
           "փողը պետք չէ"),
    "lo": ("ແທນການຄືນເງິນ", "ບໍ່ຕ້ອງຄືນເງິນ", "ບໍ່ເອົາເງິນຄືນ"),
}

# A closing thank-you (M4/M9), when the turn holds nothing else.
THANKS: Lexicon = {
    "en": ("thanks", "thank you", "thank u", "thx", "ty", "many thanks", "thanks a lot", "cheers", "appreciate it",
           "much appreciated", "great thanks", "perfect thanks", "that's all", "that is all", "bye", "have a nice day",
           "all good", "got it", "awesome"),
    "ru": ("спасибо", "спс", "благодарю", "большое спасибо", "это всё", "это все", "всё понятно", "все понятно",
           "понятно", "до свидания", "хорошего дня", "всего доброго"),
    "uk": ("дякую", "дяка", "щиро дякую", "це все", "все зрозуміло", "зрозуміло", "до побачення", "гарного дня",
           "всього доброго"),
    "hy": ("շնորհակալություն", "շնորհակալ եմ", "մերսի", "շատ շնորհակալ", "պարզ է", "հասկացա", "ցտեսություն",
           "բարի օր"),
    "lo": ("ຂອບໃຈ", "ຂອບໃຈຫຼາຍ", "ຂອບໃຈຫຼາຍໆ", "ເຂົ້າໃຈແລ້ວ", "ລາກ່ອນ"),
}

# "Any news?" (M5): chasing what was asked before.
CHASE: Lexicon = {
    "en": ("any news", "any update", "any updates", "an update", "news?", "update?", "still waiting", "waiting",
           "what's happening", "whats happening", "what is happening", "what's going on", "any progress",
           "anything yet", "so?", "hello?", "hellooo", "did you check", "did you find out", "have you checked",
           "is there news", "status?", "anyone there", "anybody there", "is anyone there",
           "where is the answer", "where's the answer", "any answer", "any reply"),
    "ru": ("есть новости", "какие новости", "новости?", "что там", "ну что", "ну как", "жду ответа", "всё ещё жду",
           "все еще жду", "до сих пор жду", "ау", "алло", "что по", "удалось узнать", "проверили",
           "где ответ", "есть кто", "кто-нибудь"),
    "uk": ("є новини", "які новини", "новини?", "що там", "ну що", "ну як", "чекаю відповіді", "досі чекаю",
           "все ще чекаю", "ау", "алло", "що по", "вдалося дізнатися", "перевірили", "де відповідь", "є хто",
           "хто-небудь"),
    "hy": ("ինչ նորություն", "նորություն կա", "նորություններ կան", "ինչ եղավ", "ինչ վիճակ", "սպասում եմ",
           "դեռ սպասում եմ", "ստուգեցի՞ք", "ստուգեցիք", "ալո", "որտեղ է պատասխանը", "կա՞ մեկը"),
    "lo": ("ມີຂ່າວບໍ", "ມີຂ່າວຫຍັງ", "ຄືບໜ້າ", "ເປັນແນວໃດແລ້ວ", "ຍັງລໍຖ້າ", "ລໍຖ້າຢູ່", "ກວດແລ້ວບໍ", "ມີໃຜຢູ່ບໍ"),
}

# Frustration that builds over turns (rulebook §4 E-angry): one strong cue is enough.
FRUSTRATION_STRONG: Lexicon = {
    "en": ("third time", "3rd time", "second time", "2nd time", "fourth time", "already asked", "i already told",
           "already told you", "already sent", "already gave", "asked twice", "asked three times",
           "nobody answered", "no one answered", "nobody replied", "no one replied", "nobody responded",
           "no one responded", "no reply", "no response", "no answer", "never answered", "never replied",
           "days and nothing", "still nothing", "still no answer", "still no reply", "still no response", "and nothing", "but nothing",
           "how long do i have to wait", "how long should i wait", "ignoring me", "ignored", "for days",
           "keep asking", "keep writing", "again and again", "you are silent", "you're silent", "ignoring",
           "radio silence"),
    "ru": ("третий раз", "в третий раз", "второй раз", "во второй раз", "уже спрашивал*", "уже писал*",
           "уже отправлял*", "уже говорил*", "уже сообщал*", "никто не ответил", "никто не отвечает",
           "ответа нет", "нет ответа", "без ответа", "не отвечаете", "не ответили", "неделю жду", "сколько ждать", "сколько можно", "так и нет", "так и не ответили", "до сих пор нет ответа", "и ничего", "а ничего", "но ничего", "игнорир*", "до сих пор ничего",
           "снова и снова", "уже который раз", "который раз", "молчите", "тишина"),
    "uk": ("третій раз", "втретє", "вдруге", "другий раз", "вже питав*", "вже писав*", "вже надсилав*",
           "вже казав*", "вже повідомляв*", "ніхто не відповів", "ніхто не відповідає", "відповіді немає",
           "немає відповіді", "без відповіді", "не відповідаєте", "не відповіли", "тиждень чекаю", "скільки чекати", "скільки можна", "так і немає", "так і не відповіли", "досі немає відповіді", "і нічого", "а нічого", "але нічого", "ігнору*", "досі нічого", "вкотре", "мовчите", "тиша"),
    "hy": ("երրորդ անգամ", "երկրորդ անգամ", "արդեն հարցրել եմ", "արդեն գրել եմ", "արդեն ուղարկել եմ",
           "արդեն ասել եմ", "ոչ ոք չպատասխանեց", "ոչ ոք չի պատասխանում", "պատասխան չկա", "չեք պատասխանում",
           "չպատասխանեցիք", "մեկ շաբաթ է սպասում", "որքան սպասեմ",
           "ինչքան սպասեմ", "անտեսում եք", "դեռ ոչինչ", "լռում եք", "ու ոչինչ", "բայց ոչինչ", "քանի անգամ"),
    "lo": ("ເທື່ອທີສາມ", "ເທື່ອທີ 3", "ເທື່ອທີສອງ", "ເທື່ອທີ 2", "ຖາມແລ້ວ", "ຖາມຫຼາຍເທື່ອ", "ສົ່ງໄປແລ້ວ", "ບອກແລ້ວ",
           "ບໍ່ມີໃຜຕອບ", "ບໍ່ມີຄຳຕອບ", "ບໍ່ຕອບ", "ລໍຖ້າດົນ", "ຕ້ອງລໍຖ້າດົນປານໃດ",
           "ຍັງບໍ່ມີຫຍັງ", "ງຽບ"),
}
# Weak cues: one in a chase with repeated question marks counts as frustration.
# Durations are weak: "two days and no answer" is frustration, "delivery in two days?" is a question.
FRUSTRATION_WEAK: Lexicon = {
    "en": ("again", "still", "yesterday", "seriously", "come on", "really?", "hello??", "waiting",
           "two days", "2 days", "three days", "3 days", "a week", "nothing", "passed"),
    "ru": ("опять", "снова", "всё ещё", "все еще", "вчера", "серьёзно", "серьезно", "ну сколько", "жду",
           "два дня", "2 дня", "три дня", "3 дня", "неделю", "неделя", "ничего", "прошло", "прошла"),
    "uk": ("знову", "досі", "все ще", "вчора", "серйозно", "чекаю", "два дні", "2 дні", "три дні", "3 дні",
           "тиждень", "нічого", "минуло", "пройшло"),
    "hy": ("նորից", "էլի", "դեռ", "երեկ", "լուրջ", "սպասում եմ", "երկու օր", "2 օր", "երեք օր", "3 օր",
           "մեկ շաբաթ", "ոչինչ", "անցավ", "անցել է"),
    "lo": ("ອີກແລ້ວ", "ມື້ວານ", "ລໍຖ້າ", "ສອງມື້", "2 ມື້", "ສາມມື້", "3 ມື້", "ອາທິດ", "ບໍ່ມີຫຍັງ"),
}
# "Two days have passed": a duration with a word saying it went by (frustration, not "delivery in 2 days?").
DURATION: Lexicon = {
    "en": ("two days", "2 days", "three days", "3 days", "a week", "48 hours", "24 hours", "since yesterday",
           "since monday", "all day"),
    "ru": ("два дня", "2 дня", "три дня", "3 дня", "неделю", "неделя", "48 часов", "сутки", "со вчера", "весь день"),
    "uk": ("два дні", "2 дні", "три дні", "3 дні", "тиждень", "48 годин", "добу", "з учора", "з вчора", "весь день"),
    "hy": ("երկու օր", "2 օր", "երեք օր", "3 օր", "մեկ շաբաթ", "48 ժամ", "երեկվանից", "ամբողջ օրը"),
    "lo": ("ສອງມື້", "2 ມື້", "ສາມມື້", "3 ມື້", "ອາທິດ", "ມື້ວານ", "ໝົດມື້"),
}
PASSED: Lexicon = {
    "en": ("passed", "have passed", "has passed", "gone by", "went by", "already", "waiting", "waited", "still"),
    "ru": ("прошло", "прошли", "прошла", "прошёл", "прошел", "уже", "жду", "ждала", "ждал", "до сих пор"),
    "uk": ("минуло", "минув", "минула", "пройшло", "вже", "чекаю", "чекала", "чекав", "досі"),
    "hy": ("անցավ", "անցել", "արդեն", "սպասում եմ", "սպասել եմ", "դեռ"),
    "lo": ("ຜ່ານໄປ", "ແລ້ວ", "ລໍຖ້າ", "ຍັງ"),
}

# A request for a person in the middle of a conversation (E-human), beyond the policy's markers.
PERSON: Lexicon = {
    "en": ("a manager", "your manager", "the manager", "supervisor", "real human", "human being",
           "someone real", "a colleague", "somebody else", "phone me"),
    "ru": ("менеджер*", "руководител*", "живого", "человеком", "позвоните мне",
           "перезвоните"),
    "uk": ("менеджер*", "керівник*", "живу", "живого", "людиною", "зателефонуйте мені", "передзвоніть"),
    "hy": ("մենեջեր*", "ղեկավար*", "մարդու", "զանգեք ինձ", "հետ զանգեք"),
    "lo": ("ຜູ້ຈັດການ", "ຫົວໜ້າ", "ໂທຫາຂ້ອຍ", "ໂທກັບ"),
}

# A change request (intent kind `cancel`: move or cancel) that only cancels needs no new date: "cancel
# order VN-10877" was asked "Which day suits you best?". MOVE wins when both appear ("cancel friday and
# move it to monday").
CANCEL: Lexicon = {
    "en": ("cancel*",),
    "ru": ("отмен*", "отказаться"),
    "uk": ("скасу*", "скасов*", "відмін*", "відмовитися"),
    "hy": ("չեղարկ*", "հրաժարվ*"),
    "lo": ("ຍົກເລີກ",),
}
MOVE: Lexicon = {
    "en": ("reschedul*", "move", "moving", "postpon*", "another day", "another time", "different day",
           "different time", "new date", "new time", "change the date", "change the time"),
    "ru": ("перенес*", "перенос*", "сдвин*", "другой день", "другое время", "другую дату"),
    "uk": ("перенес*", "перенос*", "інший день", "інший час", "іншу дату"),
    "hy": ("տեղափոխ*", "հետաձգ*", "այլ օր", "այլ ժամ", "ուրիշ օր", "ուրիշ ժամ"),
    "lo": ("ເລື່ອນ", "ປ່ຽນມື້", "ປ່ຽນເວລາ", "ມື້ອື່ນ"),
}

# Asking what something costs: "how much is the small room for an hour?", "почем", "ինչքա՞ն արժե", "ຈັກກີບ".
PRICE_ASK: Lexicon = {
    "en": ("how much", "price", "prices", "pricing", "cost", "costs", "what's the rate", "what are the rates",
           "rate for", "rates for", "fee", "fees", "you charge", "u charge", "charge for", "charges",
           "whats the damage", "what's the damage", "cost more", "cost extra", "costs extra", "costs more",
           "extra charge", "charge extra", "surcharge", "pay extra", "how much extra", "your rate", "your rates"),
    # "сколько будет" with no verb asks a price too ("переобуть 4 колеса R16 сколько будет"); "скока", as typed
    "ru": ("сколько стоит", "сколько стоят", "сколько будет", "сколько за", "почем", "почём", "по чем", "цена",
           "цены", "цену", "цене", "стоимость", "прайс", "расценки", "скок стоит", "скока стоит", "скоко стоит",
           "скок стоят", "скока стоят", "скока будет", "скоко будет", "скок будет", "сколько это будет",
           "сколько это стоит", "сколько выйдет", "сколько это выйдет", "во сколько обойд*", "во сколько встан*",
           "по деньгам", "доплата", "доплату", "сколько в месяц", "сколько в неделю", "сколько в сутки"),
    "uk": ("скільки коштує", "скільки коштують", "скільки буде", "скільки коштуватиме", "скільки за",
           "почому", "по чому", "ціна", "ціни", "ціну", "ціні", "вартість", "прайс", "розцінки", "скіки коштує",
           "скіко коштує", "скіки буде", "скіко буде", "скільки це буде", "скільки це коштує", "скільки вийде",
           "у скільки обійд*", "в скільки обійд*", "по грошах", "доплата", "доплату", "скільки на місяць",
           "скільки в місяць", "скільки на тиждень", "скільки на добу"),
    "hy": ("ինչ արժ*", "ինչքան արժ*", "որքան արժ*", "ինչքան կարժ*", "ինչ կարժ*", "ինչքան կլինի",
           "ինչքան ա լինելու", "ինչքան կլնի", "ինչքան կնստի", "ինչքան է արժ*", "ինչքան ա արժ*",
           "հավելավճար*", "գին*", "արժեք*", "ինչքան ա լինում", "ինչքան է լինում", "քանի դրամ*", "ինչքան դրամ*",
           "ինչքան պիտի վճարե*", "ինչքան պետք է վճարե*", "ինչքան վճարե*"),
    # not bare ເທົ່າໃດ (how many of anything); "ມື້ລະເທົ່າໃດ" is how much a day; ທໍ່ໃດ is how much as said ("ຈານນຶ່ງທໍ່ໃດ",
    # a plate); ຈັກເງິນ and ເທົ່າໃດເງິນ, how much money; ເສຍເທົ່າໃດ, what does it cost me (ເທົາໃດ, as typed)
    "lo": ("ລາຄາ", "ຈັກກີບ", "ເທົ່າໃດກີບ", "ລະເທົ່າໃດ", "ຄ່າບໍລິການ", "ເສຍເພີ່ມ", "ເສຍເງິນເພີ່ມ", "ຈ່າຍເພີ່ມ", "ທໍ່ໃດ",
           "ຈັກເງິນ", "ເທົ່າໃດເງິນ", "ເສຍເທົ່າໃດ", "ເສຍເທົາໃດ"),
}

# The questions every business is asked, whatever other words the message has (retrieve._asked_usual): where it is
# ("підкажіть де ви територіально? хочу зайти після роботи документи занести" is nearer the documents entry), and
# when it is open (HOURS_ASK).
WHERE_ASK: Lexicon = {
    "en": ("where are you", "where r u", "where is your", "where's your", "whats your address", "what's your address",
           "your address", "exact address", "your location", "how do i get to you", "how to get to you", "find you"),
    "ru": ("где вы", "где у вас", "где находит*", "где ваш*", "адрес*", "как до вас", "как вас найти",
           "территориально", "локаци*", "геолокаци*"),
    "uk": ("де ви", "де у вас", "де знаходит*", "де ваш*", "адрес*", "як до вас", "як вас знайти", "територіально",
           "локаці*", "геолокаці*"),
    "hy": ("որտեղ եք", "որտեղ է գտնվում", "որտեղ եք գտնվում", "հասցե*", "ոնց գամ", "ինչպես գամ", "ինչպես հասնել",
           "լոկացիա*", "որ փողոցում"),
    "lo": ("ຢູ່ໃສ", "ຢູ່ແຖວໃດ", "ທີ່ຢູ່", "ທີ່ຕັ້ງ", "ໂລເຄຊັ່ນ", "ໂລເຄເຊິນ", "ໄປທາງໃດ", "ໄປຮ້ານແນວໃດ"),
}

# Asking when the business is open, in words that say so ("до скольки вы работаете"; not a bare "до скольки", which
# also asks how late a booking can be cancelled).
HOURS_ASK: Lexicon = {
    "en": ("are you open", "r u open", "u open", "you guys open", "opening hours", "open hours", "working hours",
           "business hours", "what time do you open", "what time do you close", "what time u close",
           "what time you close", "when do you open", "when do you close", "when are you open", "how late are you open",
           "until what time are you", "till what time are you", "what are your hours", "how late do you",
           "what time do u close", "when do u close", "when do u open"),
    "ru": ("до скольки вы", "вы до скольки", "до скольки работ*", "до скольки открыт*", "во сколько открыва*",
           "во сколько закрыва*", "со скольки работ*", "часы работы", "график работы", "режим работы",
           "когда вы работаете", "когда работаете", "вы открыты", "график", "в воскресенье работаете",
           "в субботу работаете", "работаете сегодня", "работаете в воскресенье", "работаете в субботу",
           "до скольких вы", "вы до скольких", "до скольких работ*"),
    "uk": ("до котрої ви", "ви до котрої", "до котрої працю*", "до котрої відчин*", "о котрій відчиня*",
           "о котрій зачиня*", "з котрої працю*", "години роботи", "графік роботи", "режим роботи",
           "коли ви працюєте", "коли працюєте", "ви відчинені", "графік", "в неділю працюєте", "в суботу працюєте",
           "працюєте сьогодні", "працюєте в неділю", "працюєте в суботу", "до скількох ви", "ви до скількох",
           "до скількох працю*", "до скількох відчин*"),
    "hy": ("քանիսն եք բաց", "քանիսին եք բաց", "քանիսն եք աշխատում", "քանիսին եք աշխատում", "քանիսին եք փակ*",
           "քանիսն եք փակ*", "քանիսից եք բաց*", "երբ եք աշխատում", "երբ եք բաց", "աշխատանքային ժամ*", "բաց եք",
           "մինչև ուշ եք", "մինչև քանիսն եք", "մինչև քանիսը եք", "մինչև ժամը քանիսն եք"),
    # not bare ເປີດບໍ່: "ໂທລະທັດເປີດບໍ່ຕິດ" is a TV that does not turn on
    "lo": ("ເປີດຈັກໂມງ", "ປິດຈັກໂມງ", "ເປີດມື້ໃດ", "ຮ້ານເປີດບໍ່", "ມື້ນີ້ເປີດບໍ່", "ວັນອາທິດເປີດບໍ່", "ເປີດບໍ່ເຈົ້າ",
           "ເປີດບໍ່ຈ້າ", "ເປີດບໍ່ຄັບ", "ເປີດທຸກມື້", "ເວລາເປີດ", "ເວລາປິດ", "ເປີດເຖິງຈັກໂມງ", "ເປີດຮອດຈັກໂມງ"),
}

# How long something takes: asked of a named service ("how long does a reformer class last?"), the duration its
# catalogue entry states answers it (intent_from_knowledge.asks_of_item).
DURATION_ASK: Lexicon = {
    # how long something stays valid is asked as when it expires: "ມີກຳນົດໝົດອາຍຸບໍ" (does it have an expiry date?)
    "en": ("how long does", "how long do", "how long is", "how long will", "how many minutes", "how many hours",
           "how many days", "how many weeks", "how many months", "duration", "expire", "expires", "expiry"),
    "ru": ("сколько длится", "сколько длятся", "сколько по времени", "длительность", "как долго", "сколько минут",
           "сколько часов", "сколько дней", "за сколько дней", "через сколько дней", "сколько недель",
           "сколько месяцев", "срок действия", "срок годности"),
    "uk": ("скільки триває", "скільки тривають", "скільки по часу", "тривалість", "як довго", "скільки хвилин",
           "скільки годин", "скільки днів", "за скільки днів", "через скільки днів", "скільки тижнів",
           "скільки місяців", "термін дії", "термін придатності"),
    "hy": ("ինչքան է տևում", "ինչքան ա տևում", "որքան է տևում", "ինչքան ժամանակ", "քանի րոպե", "քանի ժամ",
           "քանի օր*", "քանի շաբաթ*", "քանի ամիս*", "տևողություն*", "գործողության ժամկետ*"),
    "lo": ("ດົນປານໃດ", "ດົນບໍ່", "ຈັກນາທີ", "ຈັກຊົ່ວໂມງ", "ຈັກມື້", "ຈັກອາທິດ", "ຈັກເດືອນ", "ໃຊ້ເວລາ", "ໝົດອາຍຸ"),
}

# Ordinal answers to numbered options: "the second one", "второй", "другий", "երկրորդը", "ອັນທີສອງ".
ORDINALS: dict[int, tuple[str, ...]] = {
    1: ("first", "1st", "первый", "первая", "первое", "первый вариант", "перший", "перша", "перше", "առաջին*",
        "ທີໜຶ່ງ", "ທີ 1", "ອັນທຳອິດ"),
    2: ("second", "2nd", "второй", "вторая", "второе", "другий", "друга", "друге", "երկրորդ*", "ທີສອງ", "ທີ 2"),
    3: ("third", "3rd", "третий", "третья", "третье", "третій", "третя", "третє", "երրորդ*", "ທີສາມ", "ທີ 3"),
}

# Saying which language to use: "in English please", "можно по-русски", "українською".
LANGUAGE_SWITCH: dict[str, tuple[str, ...]] = {
    "en": ("in english", "english please", "speak english", "write in english", "по-английски", "по-англійськи",
           "англійською", "անգլերեն", "ພາສາອັງກິດ"),
    "ru": ("по-русски", "по русски", "на русском", "in russian", "russian please", "російською", "ռուսերեն",
           "ພາສາລັດເຊຍ"),
    "uk": ("українською", "по-українськи", "на українській", "in ukrainian", "ukrainian please", "по-украински",
           "на украинском", "ուկրաիներեն"),
    "hy": ("հայերեն", "in armenian", "armenian please", "по-армянски", "на армянском", "вірменською"),
    "lo": ("ພາສາລາວ", "in lao", "lao please", "по-лаосски", "лаоською"),
}


@lru_cache(maxsize=32)
def cue(name: str) -> Matcher:
    """The matcher of one of the lexicons above by name."""
    return terms_matcher(globals()[name])


@lru_cache(maxsize=8)
def ordinal(n: int) -> Matcher:
    return terms_matcher(ORDINALS[n])


@lru_cache(maxsize=8)
def language_switch(code: str) -> Matcher:
    return terms_matcher(LANGUAGE_SWITCH[code])


def asks_price(text: str) -> bool:
    """Whether the customer asks what something costs (PRICE_ASK)."""
    return cue("PRICE_ASK").search(text) is not None


def price_asking(text: str) -> list[str]:
    """The parts of the message that ask a price ("how much", "скільки коштуватиме")."""
    return [hit.group() for hit in cue("PRICE_ASK").finditer(text)]


def duration_asking(text: str) -> list[str]:
    """The parts of the message that ask how long something takes ("how long does", "скільки триває")."""
    return [hit.group() for hit in cue("DURATION_ASK").finditer(text)]
