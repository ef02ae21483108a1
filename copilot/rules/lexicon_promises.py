"""H10 word lists: settlements only the business can grant, the words that hedge them, and the
promise to reply later. Kept apart from ``lexicon.py`` (same term syntax, see its docstring) and
re-exported there, so ``text.lexicon("REFUND_PROMISE")`` finds them like any other list."""

from __future__ import annotations

Lexicon = dict[str, tuple[str, ...]]

# H10: outcomes only the business can grant (RULEBOOK §4: refunds and legal threats go to a person).
# Each counts as backed only when the business's own words (knowledge, earlier agent messages) use
# the same kind of term; in a conversation that must be handed off it is never backed.
REFUND_PROMISE: Lexicon = {
    "en": ("refund approved", "refund is approved", "refund has been approved", "approved your refund",
           "approved the refund", "we'll refund", "we will refund", "i'll refund", "i will refund",
           "refund you", "refunded", "issue a refund", "issued a refund", "issue your refund", "process your refund",
           "processed your refund", "get your money back", "you'll get your money", "you will get your money",
           "return your money", "money will be returned", "money back today", "we refund", "refund will arrive",
           "back on your card", "money will arrive"),
    "ru": ("возврат одобрен", "одобрили возврат", "вернём деньги", "вернем деньги", "вернём вам деньги",
           "вернем вам деньги", "вернём вам", "вернем вам", "деньги вернутся", "деньги вернём", "деньги вернем",
           "оформили возврат", "оформим возврат", "возврат оформлен", "получите деньги", "деньги поступят",
           "возвращаем деньги", "деньги возвращаем", "деньги придут", "поступят на карту", "поступят на вашу карту"),
    "uk": ("повернення схвалено", "схвалили повернення", "повернемо гроші", "повернемо вам гроші",
           "повернемо вам", "гроші повернуться", "кошти повернуться", "оформили повернення",
           "оформимо повернення", "повернення оформлено", "отримаєте гроші", "кошти надійдуть", "повертаємо гроші",
           "гроші повертаємо", "гроші надійдуть", "надійдуть на картку", "надійдуть на вашу картку"),
    "hy": ("գումարը կվերադարձնենք", "կվերադարձնենք գումար", "կվերադարձնենք Ձեր գումար", "վերադարձը հաստատված",
           "գումարը կվերադարձվի", "փողը կվերադարձնենք", "գումարը կստանաք", "կստանաք Ձեր գումար",
           "գումարը վերադարձնում ենք", "վերադարձնում ենք գումար"),
    "lo": ("ຄືນເງິນໃຫ້", "ອະນຸມັດການຄືນເງິນ", "ອະນຸມັດຄືນເງິນ", "ຈະໄດ້ເງິນຄືນ", "ຈະໄດ້ຮັບເງິນ", "ໂອນເງິນຄືນ",
           "ເງິນຈະເຂົ້າບັນຊີ", "ເງິນຈະເຂົ້າບັດ"),
}
# Verb forms and "as compensation": "your compensation request is with a manager" promises nothing.
COMPENSATION_PROMISE: Lexicon = {
    "en": ("we'll compensate", "we will compensate", "i'll compensate", "compensate you", "as compensation",
           "as a goodwill", "voucher for you", "give you a voucher", "store credit of", "credit your account",
           "as an apology", "to make up for"),
    "ru": ("компенсируем", "компенсирую", "в качестве компенсации", "дадим ваучер", "ваучер для вас",
           "в качестве извинения", "в знак извинения", "в качестве извинений"),
    "uk": ("компенсуємо", "компенсую", "як компенсацію", "дамо ваучер", "ваучер для вас", "на знак вибачення",
           "як вибачення", "в якості вибачення"),
    "hy": ("կփոխհատուցենք", "կփոխհատուցեմ", "որպես փոխհատուցում", "որպես ներողություն", "ի նշան ներողության"),
    "lo": ("ຈະຊົດເຊີຍ", "ເປັນຄ່າຊົດເຊີຍ", "ເປັນການຂໍໂທດ", "ເພື່ອເປັນການຂໍໂທດ"),
}
DISCOUNT_PROMISE: Lexicon = {
    "en": ("give you a discount", "discount for you", "a discount on", "special price for you", "knock off",
           "discount you", "i can do it for", "we can do it for", "we're giving you", "here's a discount",
           "% off your next"),
    "ru": ("сделаем скидку", "сделаю скидку", "дадим скидку", "дам скидку", "скидку вам", "скидка для вас",
           "со скидкой для вас", "уступим", "дарим вам скидку", "дарим скидку", "дарю скидку"),
    "uk": ("зробимо знижку", "зроблю знижку", "дамо знижку", "дам знижку", "знижку вам", "знижка для вас",
           "поступимося", "даруємо вам знижку", "даруємо знижку", "дарую знижку"),
    "hy": ("զեղչ կանենք", "զեղչ կտանք", "կտանք զեղչ", "կանենք զեղչ", "զեղչ կանեմ", "Ձեզ համար զեղչ", "զեղչ ենք տալիս",
           "նվիրում ենք զեղչ"),
    "lo": ("ຫຼຸດລາຄາໃຫ້", "ໃຫ້ສ່ວນຫຼຸດ", "ຫຼຸດໃຫ້", "ມອບສ່ວນຫຼຸດ"),
}
DELIVERY_PROMISE: Lexicon = {
    "en": ("arrive tomorrow", "arrive today", "arrives tomorrow", "arrives today", "deliver tomorrow",
           "deliver it tomorrow", "deliver today", "deliver it today", "delivered tomorrow", "delivered today",
           "get it tomorrow", "get it today", "have it tomorrow", "have it today", "tomorrow morning for sure",
           "there tomorrow", "with you tomorrow", "at your door tomorrow"),
    "ru": ("доставим завтра", "доставим сегодня", "привезём завтра", "привезем завтра", "привезём сегодня",
           "привезем сегодня", "будет у вас завтра", "будет у вас сегодня", "получите завтра", "получите сегодня",
           "точно будет у вас", "точно доставим", "точно привезём", "точно привезем"),
    "uk": ("доставимо завтра", "доставимо сьогодні", "привеземо завтра", "привеземо сьогодні",
           "буде у вас завтра", "отримаєте завтра", "отримаєте сьогодні", "точно буде у вас", "точно доставимо",
           "точно привеземо"),
    "hy": ("վաղը կառաքենք", "այսօր կառաքենք", "վաղը կստանաք", "այսօր կստանաք", "վաղը կհասնի", "այսօր կհասնի",
           "Ձեզ մոտ կլինի", "անպայման կհասցնենք", "անպայման կառաքենք"),
    "lo": ("ສົ່ງຮອດມື້ອື່ນ", "ຮອດມື້ອື່ນ", "ໄດ້ຮັບມື້ອື່ນ", "ໄດ້ຮັບມື້ນີ້", "ຮອດແນ່ນອນ", "ມື້ອື່ນເຊົ້າຮອດ"),
}
LEGAL_POSITION: Lexicon = {
    "en": ("you are entitled", "you're entitled", "you have the right", "not liable", "no liability",
           "accept liability", "accept responsibility", "not responsible", "under the law", "legally", "by law",
           "legal grounds", "legal basis", "grounds to sue", "no case against", "lose in court",
           "won't win in court"),
    "ru": ("по закону", "вы имеете право", "имеете полное право", "не несём ответственност*",
           "не несем ответственност*", "признаём вину", "признаем вину", "юридически", "юридических оснований",
           "правовых оснований", "оснований для иска", "оснований для суда", "проиграете в суде", "суд не примет"),
    "uk": ("за законом", "ви маєте право", "маєте повне право", "не несемо відповідальност*", "визнаємо провину",
           "юридично", "юридичних підстав", "правових підстав", "підстав для позову", "підстав для суду",
           "програєте в суді", "суд не прийме"),
    "hy": ("օրենքով", "իրավունք ունեք", "պատասխանատվություն չենք կրում", "մեղքն ընդունում ենք", "իրավական հիմք*",
           "դատարանում կպարտվեք"),
    "lo": ("ຕາມກົດໝາຍ", "ທ່ານມີສິດ", "ບໍ່ຮັບຜິດຊອບ", "ທາງກົດໝາຍ", "ສານກໍຈະບໍ່", "ສານຈະບໍ່"),
}
# Words before a settlement in its sentence that make it no promise: "we'll check whether we can
# refund you", "we can't refund you", "если сможем вернуть деньги"; not the customer's condition ("if you
# order today, it arrives tomorrow for sure" promises). A legal position is one, negated or not.
SETTLEMENT_HEDGE: Lexicon = {
    "en": ("whether", "if we", "if i", "if it's possible", "if possible", "can't", "cannot", "won't", "will not",
           "not able", "unable", "unfortunately",
           "no longer", "may", "might", "possible"),
    "ru": ("ли", "если смож*", "если получится", "если мы", "если это возможно", "не можем", "не сможем", "не могу",
           "не будем", "к сожалению", "возможно", "нельзя"),
    "uk": ("чи", "якщо зможемо", "якщо вийде", "якщо ми", "якщо це можливо", "не можемо", "не зможемо", "не можу",
           "не будемо", "на жаль", "можливо", "не можна"),
    "hy": ("արդյոք", "եթե կարողանանք", "եթե հնարավոր", "չենք կարող", "չեմ կարող", "ցավոք", "հնարավոր է"),
    "lo": ("ຫຼືບໍ່", "ຖ້າ", "ບໍ່", "ເສຍໃຈ"),
}
# Lao asks "can we … or not" after the verb: these end the question the settlement sits in.
LAO_TRAILING_HEDGE = ("ຫຼືບໍ່", "ໄດ້ບໍ່")
SETTLEMENTS = ("REFUND_PROMISE", "COMPENSATION_PROMISE", "DISCOUNT_PROMISE", "DELIVERY_PROMISE", "LEGAL_POSITION")

# A reply the writer promises to send later ("I'll check and reply here by 16:00"): someone must keep it.
# Also a colleague's ("a colleague checks the slot and confirms it here by 12:30": a booking with no
# booking system to confirm it; a person must).
REPLY_PROMISE: Lexicon = {
    "en": ("i'll reply", "i will reply", "we'll reply", "we will reply", "reply here by", "get back to you",
           "i'll update you", "update you here", "i'll confirm", "i'll send", "i'll check", "we'll check",
           "will update you", "you'll get an update", "you will hear from", "confirms it here", "will confirm it",
           "will reply", "will get back to you", "will contact you", "will write to you", "will message you",
           "reply to you here", "confirm it here", "we'll offer you", "will offer you"),
    "ru": ("отвечу", "ответим", "напишу", "напишем", "пришлю", "пришлём", "пришлем", "подтвержу", "подтвердит",
           "подтвердим", "сообщу", "сообщим", "вернусь к вам", "свяжемся", "ответит", "напишет", "свяжется",
           "сообщит", "отпишусь", "перезвоню", "перезвонит", "предложим вам", "предложу вам", "ответ придёт",
           "ответ придет"),
    "uk": ("відповім", "відповімо", "напишу", "напишемо", "надішлю", "надішлемо", "підтверджу", "підтвердить",
           "підтвердимо", "повідомлю", "повідомимо", "зв'яжемося", "відповість", "напише", "зв'яжеться", "зв’яжеться",
           "повідомить", "відпишу", "передзвоню", "передзвонить", "запропонуємо вам", "запропоную вам",
           "відповідь надійде"),
    "hy": ("կպատասխանեմ", "կպատասխանենք", "կգրեմ", "կգրենք", "կուղարկեմ", "կուղարկենք", "կհաստատեմ",
           "կհաստատի", "կհաստատենք", "կտեղեկացնեմ", "կտեղեկացնենք", "կգրի", "կպատասխանի", "կկապվի", "կտեղեկացնի",
           "կզանգահարի", "կառաջարկենք Ձեզ", "կառաջարկեմ Ձեզ"),
    "lo": ("ຕອບກັບ", "ຈະແຈ້ງ", "ຈະຢືນຢັນ", "ຢືນຢັນການຈອງ", "ຈະສົ່ງ", "ຈະຕິດຕໍ່ກັບ", "ຈະຕອບ", "ແລ້ວຕອບ", "ຈະຕິດຕໍ່",
           "ແຈ້ງໃຫ້ທ່ານ", "ຕອບທ່ານ"),
}

# A promise that someone will act later without saying when ("our team takes it from here", "updates
# will come to this chat"): it too needs an owner (decision.promise), or nobody keeps it.
VAGUE_PROMISE: Lexicon = {
    "en": ("takes it from here", "take it from here", "updates will come", "we'll keep you posted",
           "we will keep you posted", "we'll keep you updated", "we will keep you updated", "will be in touch",
           "we'll look into it", "we will look into it", "we'll take care of it", "we will take care of it"),
    "ru": ("берём всё в работу", "берем все в работу", "берём в работу", "берем в работу", "возьмём в работу",
           "возьмем в работу", "новости будут в этом чате", "будем держать вас в курсе", "будем держать в курсе"),
    "uk": ("беремо все в роботу", "беремо в роботу", "візьмемо в роботу", "новини будуть у цьому чаті",
           "триматимемо вас в курсі", "триматимемо в курсі"),
    "hy": ("հաջորդ քայլը մեր թիմինն է", "նորությունները կստանաք այս չաթում", "կտեղեկացնենք ձեզ"),
    "lo": ("ທີມງານຂອງພວກເຮົາຈະດຳເນີນການ", "ແຈ້ງຄວາມຄືບໜ້າໃນແຊັດນີ້"),
}
