"""H7: how each field is named when a draft asks for it, per language (term syntax as in ``lexicon.py``).

Read by the grounding rules (does a draft ask again for what the customer gave?) and by the dialogue
state (what did our last message ask for?).
"""

from __future__ import annotations

from .lexicon import Lexicon

# The fields of docs/knowledge.md's field vocabulary.
FIELDS: dict[str, Lexicon] = {
    "order_id": {
        # and the vocabularies' words for it (templates' `vocabularies:`): booking and appointment numbers
        "en": ("order number", "order id", "order no", "order #", "order reference", "booking reference",
               "booking number", "appointment reference"),
        "ru": ("номер* заказ*", "номер* брони", "номер* бронирования", "номер* записи", "номер* вашего заказ*",
               "номер* вашей брони", "номер* вашей записи"),
        "uk": ("номер* замовлен*", "номер* бронювання", "номер* запису", "номер* вашого замовлен*",
               "номер* вашого бронювання", "номер* вашого запису"),
        "hy": ("պատվերի համար*", "պատվերի կոդ*", "ամրագրման համար*", "գրանցման համար*"),
        "lo": ("ເລກຄຳສັ່ງຊື້", "ເລກທີຄຳສັ່ງຊື້", "ລະຫັດຄຳສັ່ງຊື້", "ເລກທີການຈອງ", "ເລກທີນັດໝາຍ"),
    },
    "email": {
        "en": ("email", "e-mail", "email address"),
        "ru": ("почт*", "email", "e-mail", "имейл*", "емейл*"),
        "uk": ("пошт*", "email", "e-mail", "імейл*", "емейл*"),
        "hy": ("էլ. փոստ*", "էլ․ փոստ*", "էլփոստ*", "էլեկտրոնային փոստ*", "email"),
        "lo": ("ອີເມວ", "ອີເມລ", "email"),
    },
    "phone": {
        "en": ("phone", "phone number", "mobile number"),
        "ru": ("телефон*", "номер* мобильн*"),
        "uk": ("телефон*", "номер* мобільн*"),
        "hy": ("հեռախոս*", "որ համար*"),
        "lo": ("ເບີໂທ", "ເບີໂທລະສັບ"),
    },
    "date": {
        "en": ("date", "which day", "what day"),
        "ru": ("дат*", "какого числа", "в какой день", "какой день"),
        "uk": ("дат*", "якого числа", "в який день", "який день"),
        "hy": ("ամսաթ*", "որ օր*"),
        "lo": ("ວັນທີ", "ມື້ໃດ"),
    },
    "time": {
        "en": ("what time", "which time", "time slot", "preferred time", "convenient time"),
        "ru": ("во сколько", "какое время", "удобное время", "время"),
        "uk": ("о котрій", "котра година", "який час", "зручний час", "час"),
        "hy": ("ժամը քանիս*", "որ ժամ*", "հարմար ժամ*"),
        "lo": ("ຈັກໂມງ", "ເວລາໃດ"),
    },
    "product": {
        "en": ("which product", "what product", "which model", "which item"),
        "ru": ("какой товар", "каком товаре", "какую модель", "какая модель", "какой велосипед"),
        "uk": ("який товар", "якому товарі", "яку модель", "яка модель", "який велосипед"),
        "hy": ("որ ապրանք*", "որ մոդել*"),
        "lo": ("ສິນຄ້າໃດ", "ລຸ້ນໃດ", "ລາຍການໃດ"),
    },
    "size": {
        "en": ("size",), "ru": ("размер*",), "uk": ("розмір*",), "hy": ("չափս*",), "lo": ("ຂະໜາດ", "ໄຊ"),
    },
    "colour": {
        "en": ("colour", "color"), "ru": ("цвет*",), "uk": ("колір", "кольор*"), "hy": ("գույն*",),
        "lo": ("ສີໃດ", "ສີຫຍັງ"),
    },
    "city": {
        # not a bare "address": "email address", "адрес электронной почты", "էլ. փոստի հասցե"
        "en": ("city", "town", "delivery address", "shipping address", "where should we deliver"),
        "ru": ("город*", "адрес* доставки", "куда доставить"), "uk": ("місто", "міста", "адрес* доставки", "куди доставити"),
        "hy": ("քաղաք*", "առաքման հասցե*"), "lo": ("ເມືອງ", "ທີ່ຢູ່ຈັດສົ່ງ", "ແຂວງ"),
    },
    "quantity": {
        "en": ("how many", "quantity"), "ru": ("сколько штук", "количеств*"),
        "uk": ("скільки штук", "кількіст*"), "hy": ("քանի հատ", "քանակ*"),
        "lo": ("ຈັກອັນ", "ຈັກຊິ້ນ", "ຈຳນວນເທົ່າໃດ"),  # not bare ຈຳນວນ: ຈຳນວນເງິນ is an amount
    },
    "reason": {
        "en": ("reason", "why", "not what you expected", "what went wrong"),
        "ru": ("причин*", "почему", "как вы ожидали"), "uk": ("причин*", "чому", "як ви очікували"),
        "hy": ("պատճառ*", "ինչու", "սպասելիք*"), "lo": ("ເຫດຜົນ", "ເປັນຫຍັງ", "ຄາດໄວ້"),
    },
    "name": {
        "en": ("your name", "your first name", "address you", "call you"),
        "ru": ("как вас зовут", "ваше имя", "обращаться"),
        "uk": ("як вас звати", "ваше ім'я", "звертатися"), "hy": ("ձեր անուն*", "դիմել ձեզ"),
        "lo": ("ທ່ານຊື່", "ຊື່ຂອງທ່ານ", "ຂໍຊື່"),
    },
    "money": {
        "en": ("budget", "amount"), "ru": ("бюджет*", "сумм*"), "uk": ("бюджет*", "сума", "суму", "суми", "сумою"),
        "hy": ("բյուջե*", "գումար*"), "lo": ("ງົບປະມານ", "ຈຳນວນເງິນ"),
    },
}
