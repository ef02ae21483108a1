"""The test tables: for every rule, drafts that pass and drafts that fail, per language.

Each case isolates one rule: the draft may break other rules, only the named one is asserted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    rule: str
    lang: str
    expect: str  # pass | fail | skip
    draft: str
    ctx: dict[str, Any] = field(default_factory=dict)
    severity: str | None = None  # asserted when given (H5 block vs warn, H7 re-ask vs missing)

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.lang}-{self.expect}-{self.draft[:30]}"


def c(rule: str, lang: str, expect: str, draft: str, severity: str | None = None, **ctx: Any) -> Case:
    return Case(rule, lang, expect, draft, ctx, severity)


# "Are you open on Saturday?" as customers write it.
SAT = {"en": "are you open on Saturday?", "ru": "вы открыты в субботу?", "uk": "ви працюєте в суботу?",
       "hy": "Բարև, շաբաթ օրը բաց եք?", "lo": "ເປີດວັນເສົາບໍ່"}

LONG_EN = "\n\n".join(["Your City 3 bike left our warehouse this morning and is now with the courier, who usually "
                        "delivers within one working day to addresses in the city."] * 10)
LONG_RU = "Ваш велосипед City 3 сегодня утром передан курьеру, обычно он доставляет за один рабочий день. " * 4
LONG_HY = "Ձեր City 3 հեծանիվը այսօր առավոտյան փոխանցվել է առաքիչին, ով սովորաբար առաքում է մեկ օրում։ " * 4
LONG_LO = "ລົດຖີບ City 3 ຂອງທ່ານຖືກມອບໃຫ້ພະນັກງານຂົນສົ່ງແລ້ວໃນເຊົ້ານີ້ ປົກກະຕິຈະສົ່ງຮອດພາຍໃນໜຶ່ງມື້ " * 4

HYGIENE: list[Case] = [
    # H1 one-job: price + booking + policy + upsell mixed, unless in labelled lines
    c("H1", "en", "pass", "Hi Anna, the City 3 bike costs 540 EUR. Would you like me to reserve one?"),
    c("H1", "en", "pass", "Price: 540 EUR\nBooking: test rides on Saturdays\nReturns: within 14 days\nWhich one do you need?"),
    c("H1", "en", "fail", "The City 3 bike costs 540 EUR, you can book a test ride on Saturday, returns are accepted "
                          "within 14 days under our policy, and don't miss our special offer on helmets. Shall I book it?"),
    c("H1", "ru", "pass", "Велосипед City 3 стоит 540 EUR. Забронировать его для вас?"),
    c("H1", "ru", "fail", "Велосипед City 3 стоит 540 EUR, записаться на тест-драйв можно в субботу, возврат возможен "
                          "в течение 14 дней, а ещё у нас скидка на шлемы. Оформить заказ?"),
    c("H1", "hy", "pass", "City 3 հեծանիվի գինը 540 EUR է։ Ամրագրե՞մ ձեզ համար։"),
    c("H1", "hy", "fail", "City 3 հեծանիվի գինը 540 EUR է, կարող եք ամրագրել փորձարկում շաբաթ օրը, վերադարձը "
                          "հնարավոր է 14 օրվա ընթացքում, և սաղավարտների վրա զեղչ ունենք։ Պատվիրե՞նք։"),
    c("H1", "lo", "pass", "ລົດຖີບ City 3 ລາຄາ 540 EUR ທ່ານຕ້ອງການຈອງບໍ່?"),
    c("H1", "lo", "fail", "ລົດຖີບ City 3 ລາຄາ 540 EUR ທ່ານສາມາດຈອງທົດລອງຂີ່ໄດ້ ນະໂຍບາຍຄືນເງິນ 14 ມື້ "
                          "ແລະ ມີສ່ວນຫຼຸດສຳລັບໝວກກັນກະທົບ"),
    # H2 next-step
    c("H2", "en", "pass", "Your order A-10234 is packed. Reply here if you want to change the address."),
    c("H2", "en", "pass", "Could you send me your order number? Thanks!"),
    c("H2", "en", "pass", "Got it. I'll check the delivery and update you by 15:30."),
    c("H2", "en", "fail", "Your order A-10234 has been packed and handed to the courier."),
    c("H2", "en", "fail", "Thanks for your message, we have received it. Have a nice day!"),
    c("H2", "ru", "pass", "Заказ A-10234 собран. Напишите, если нужно изменить адрес."),
    c("H2", "ru", "fail", "Ваш заказ A-10234 собран и передан курьеру."),
    c("H2", "uk", "pass", "Замовлення A-10234 зібране. Напишіть, якщо потрібно змінити адресу."),
    c("H2", "uk", "fail", "Ваше замовлення A-10234 зібране і передане кур'єру."),
    c("H2", "hy", "pass", "Ձեր պատվերը A-10234 պատրաստ է։ Գրեք, եթե ցանկանում եք փոխել հասցեն։"),
    c("H2", "hy", "fail", "Ձեր պատվերը A-10234 հավաքված է և փոխանցված է առաքիչին։"),
    c("H2", "lo", "pass", "ຄຳສັ່ງຊື້ A-10234 ກຽມພ້ອມແລ້ວ ກະລຸນາຕອບຖ້າຕ້ອງການປ່ຽນທີ່ຢູ່"),
    c("H2", "lo", "fail", "ຄຳສັ່ງຊື້ A-10234 ຖືກຈັດສົ່ງແລ້ວ ຂອບໃຈ"),
    # H3 one-question
    c("H3", "en", "pass", "Could you send me your order number?"),
    c("H3", "en", "pass", "Could you send me your order number? If you already know the size, could you add it too?"),
    c("H3", "en", "pass", "Track it here: https://velo.example/track?order=A-10234&lang=en. Is the address still correct?"),
    c("H3", "en", "fail", "Could you send me your order number?, and what is your email?"),
    c("H3", "en", "fail", "Could you send me your order number? And what is your email?"),
    c("H3", "ru", "pass", "Подскажите, пожалуйста, номер заказа?"),
    c("H3", "ru", "fail", "Какой у вас номер заказа? И на какой адрес доставить?"),
    c("H3", "uk", "fail", "Який у вас номер замовлення? І на яку адресу доставити?"),
    c("H3", "hy", "pass", "Կուղարկե՞ք ձեր պատվերի համարը։"),
    c("H3", "hy", "fail", "Որտե՞ղ եք ապրում։ Ե՞րբ եք պատվիրել։"),
    c("H3", "hy", "fail", "Ո՞ր չափսն է ձեզ պետք? Ո՞ր գույնը։"),
    c("H3", "lo", "pass", "ທ່ານສະດວກຮັບສິນຄ້າມື້ອື່ນບໍ່"),
    c("H3", "lo", "fail", "ທ່ານຕ້ອງການຂະໜາດໃດ ແລະ ສີຫຍັງ"),
    c("H3", "lo", "fail", "ທ່ານຢູ່ເມືອງໃດ? ທ່ານຕ້ອງການສີຫຍັງ?"),
    # H4 easy-answer
    c("H4", "en", "pass", "Shall I send you the tracking link?"),
    c("H4", "en", "pass", "Order 123123: the frame is scratched. Refund or exchange?"),
    c("H4", "en", "skip", "Your order ships today. Reply here if anything changes."),
    c("H4", "en", "fail", "Why did you decide to return the bike?"),
    c("H4", "en", "fail", "Pick one: (1) prices, (2) booking, (3) delivery, (4) returns, (5) other. Which one?"),
    c("H4", "ru", "pass", "Возврат или обмен?"),
    c("H4", "ru", "fail", "Почему вы решили вернуть велосипед?"),
    c("H4", "hy", "pass", "Վերադարձնե՞լ գումարը, թե՞ փոխել ապրանքը։"),
    c("H4", "hy", "fail", "Ինչու՞ եք որոշել վերադարձնել հեծանիվը։"),
    c("H4", "lo", "pass", "ທ່ານຕ້ອງການຄືນເງິນ ຫຼື ປ່ຽນສິນຄ້າ?"),
    c("H4", "lo", "fail", "ເປັນຫຍັງທ່ານຈຶ່ງຢາກສົ່ງຄືນ?"),
    # H5 brevity: hard limit blocks, style limit warns
    c("H5", "en", "pass", "Order A-10234 ships today. Reply here to change the address.", channel="sms"),
    c("H5", "en", "fail", LONG_EN[:400], "block", channel="sms"),
    c("H5", "en", "fail", LONG_EN[:200], "warn", channel="sms"),
    c("H5", "en", "fail", LONG_EN, "warn", channel="whatsapp"),
    c("H5", "en", "fail", LONG_EN[:1200], "block", channel="instagram"),
    c("H5", "en", "pass", LONG_EN[:1200], channel="email"),
    c("H5", "ru", "pass", "Заказ A-10234 отправлен. Ответьте, если нужно изменить адрес.", channel="whatsapp"),
    c("H5", "ru", "fail", LONG_RU[:150], "warn", channel="sms"),  # Cyrillic SMS: 70 characters a segment
    c("H5", "ru", "fail", LONG_RU[:300], "block", channel="sms"),
    c("H5", "hy", "pass", "Պատվերը ճանապարհին է։", channel="sms"),
    c("H5", "hy", "fail", LONG_HY[:300], "block", channel="sms"),
    c("H5", "lo", "pass", "ສິນຄ້າກຳລັງສົ່ງ", channel="sms"),
    c("H5", "lo", "fail", LONG_LO * 3, "warn", channel="telegram"),
    # H6 no-placeholder
    c("H6", "en", "pass", "Hi Anna, your order A-10234 ships today 🙂 Reply here if anything changes."),
    c("H6", "en", "pass", "Write to <support@velo.example> or see https://velo.example/{help}. Pick (1) or (2)."),
    c("H6", "en", "fail", "Hi [Name], your order ships today."),
    c("H6", "en", "fail", "Your order {order_id} ships today."),
    c("H6", "en", "fail", "Hi {{ name }}, your order ships today."),
    c("H6", "en", "fail", "Hi <name>, your order ships today."),
    c("H6", "en", "fail", "Hi %NAME%, your order ships today."),
    c("H6", "en", "fail", "Hi __name__, your order ships today."),
    c("H6", "en", "fail", "Hi {% if name %}Anna{% endif %}, your order ships today."),
    c("H6", "ru", "pass", "Здравствуйте, Анна! Варианты: (1) доставка, (2) самовывоз. Что удобнее?"),
    c("H6", "ru", "fail", "Здравствуйте, [Имя]! Ваш заказ отправлен."),
    c("H6", "uk", "fail", "Вітаю, {ім'я}! Ваше замовлення відправлено."),
    c("H6", "hy", "pass", "Բարև, Աննա։ Ձեր պատվերն ուղարկված է։"),
    c("H6", "hy", "fail", "Բարև, [Անուն]։ Ձեր պատվերն ուղարկված է։"),
    c("H6", "lo", "pass", "ສະບາຍດີ ສົມໃຈ ສິນຄ້າຂອງທ່ານສົ່ງແລ້ວ"),
    c("H6", "lo", "fail", "ສະບາຍດີ [ຊື່] ສິນຄ້າຂອງທ່ານສົ່ງແລ້ວ"),
    # H7 ask-missing: re-asking a given field blocks; not asking the missing one warns
    c("H7", "en", "fail", "Could you send me your order number?", "block", fields={"order_id": "A-10234"}),
    c("H7", "en", "pass", "Is your order number A-10234? Reply yes or no.", fields={"order_id": "A-10234"}),
    c("H7", "en", "pass", "Could you send me your order number?", moment="ask_missing", missing=["order_id|phone|email"]),
    c("H7", "en", "fail", "Could you tell me more about the problem?", "warn", moment="ask_missing", missing=["order_id"]),
    c("H7", "en", "fail", "Could you send your order number and your email?", "warn", moment="ask_missing",
      missing=["order_id", "email"]),
    c("H7", "en", "pass", "Booked for 17:00. If you need to change the time, just reply with a new preferred time.",
      fields={"time": "17:00"}),
    c("H7", "ru", "fail", "Пришлите, пожалуйста, номер заказа.", "block", fields={"order_id": "A-10234"}),
    c("H7", "ru", "pass", "Подскажите, пожалуйста, вашу электронную почту?", moment="ask_missing", missing=["email"]),
    c("H7", "ru", "fail", "Спасибо! Мы всё проверим.", "warn", moment="ask_missing", missing=["email"]),
    c("H7", "uk", "pass", "Надішліть, будь ласка, номер замовлення.", moment="ask_missing", missing=["order_id"]),
    c("H7", "uk", "fail", "Вкажіть, будь ласка, вашу пошту.", "block", fields={"email": "anna@example.com"}),
    c("H7", "hy", "fail", "Խնդրում եմ ուղարկեք ձեր պատվերի համարը։", "block", fields={"order_id": "A-10234"}),
    c("H7", "hy", "pass", "Կուղարկե՞ք ձեր էլ. փոստը։", moment="ask_missing", missing=["email"]),
    c("H7", "lo", "fail", "ກະລຸນາສົ່ງເລກຄຳສັ່ງຊື້ຂອງທ່ານ", "block", fields={"order_id": "A-10234"}),
    c("H7", "lo", "pass", "ກະລຸນາແຈ້ງເບີໂທຂອງທ່ານ", moment="ask_missing", missing=["phone"]),
    # H8 personal
    c("H8", "en", "pass", "Hi Anna, your order ships today.", name="Anna"),
    c("H8", "en", "fail", "Hi, your order ships today.", name="Anna"),
    c("H8", "en", "skip", "Hi, your order ships today."),
    c("H8", "ru", "pass", "Анна, ваш заказ отправлен.", name="Анна"),
    c("H8", "ru", "pass", "Спасибо, Марии уже всё отправили.", name="Мария Петрова"),
    c("H8", "ru", "fail", "Здравствуйте! Ваш заказ отправлен.", name="Анна"),
    c("H8", "uk", "pass", "Вітаю, Анно! Ваше замовлення відправлено.", name="Анна"),
    c("H8", "hy", "pass", "Բարև, Աննա, ձեր պատվերն ուղարկված է։", name="Աննա"),
    c("H8", "hy", "fail", "Բարև, ձեր պատվերն ուղարկված է։", name="Աննա"),
    c("H8", "lo", "pass", "ສະບາຍດີ ສົມໃຈ ສິນຄ້າຂອງທ່ານສົ່ງແລ້ວ", name="ສົມໃຈ"),
    c("H8", "lo", "fail", "ສະບາຍດີ ສິນຄ້າຂອງທ່ານສົ່ງແລ້ວ", name="ສົມໃຈ"),
    # H9 tone
    c("H9", "en", "pass", "Hi Anna, sorry for the wait! Your order ships today."),
    c("H9", "en", "pass", "Your SMS code and PDF invoice are in the VIP area. Reply OK to confirm."),
    c("H9", "en", "fail", "Hey dude, gonna check it asap."),
    c("H9", "en", "fail", "As I already said, your order ships today."),
    c("H9", "en", "fail", "YOUR ORDER SHIPS TODAY."),
    c("H9", "en", "fail", "Your order ships today!!!"),
    c("H9", "ru", "pass", "Анна, простите за ожидание. Заказ уже в пути."),
    c("H9", "ru", "fail", "Блин, опять доставка задерживается."),
    c("H9", "ru", "fail", "Как я уже писал, заказ отправлен."),
    c("H9", "ru", "fail", "СРОЧНО ОТВЕТЬТЕ на письмо."),
    c("H9", "uk", "fail", "Як я вже казав, замовлення відправлене."),
    c("H9", "hy", "pass", "Ներողություն սպասելու համար։ Պատվերը ճանապարհին է։"),
    c("H9", "hy", "fail", "Ինչպես արդեն ասացի, պատվերը ճանապարհին է։"),
    c("H9", "lo", "pass", "ຂໍອະໄພທີ່ໃຫ້ລໍຖ້າ ສິນຄ້າກຳລັງສົ່ງ"),
    c("H9", "lo", "fail", "ຕາມທີ່ບອກແລ້ວ ສິນຄ້າກຳລັງສົ່ງ"),
    # H10 honest: every price, date, time, stock claim and promise has a source
    c("H10", "en", "pass", "The City 3 bike costs 540 EUR and is in stock."),
    c("H10", "en", "pass", "The City 3 bike costs €540.00."),
    c("H10", "en", "pass", "Delivery is free on orders over 500 EUR."),
    c("H10", "en", "pass", "Your order from 20 November is on its way.", says="I ordered on 20 November, where is it?"),
    c("H10", "en", "pass", "A colleague will reply by 15:30.", allowed=["15:30"]),
    c("H10", "en", "fail", "A colleague will reply by 15:30."),
    c("H10", "en", "fail", "The City 3 bike costs 499 EUR.", "block"),
    c("H10", "en", "fail", "It will arrive on 28 November."),
    c("H10", "en", "fail", "We guarantee delivery tomorrow."),
    c("H10", "en", "fail", "Yes, it's in stock.", knowledge=[]),
    c("H10", "en", "fail", "You get 20% off today."),
    c("H10", "en", "fail", "Sure, 400 EUR is fine for the City 3.", says="Can I have the City 3 for 400 EUR?"),
    c("H10", "ru", "pass", "Велосипед City 3 стоит 540 EUR, есть в наличии."),
    c("H10", "ru", "fail", "Велосипед City 3 стоит 450 евро."),
    c("H10", "ru", "fail", "Доставим 28 ноября."),
    c("H10", "uk", "pass", "Велосипед City 3 коштує 540 EUR, є в наявності."),
    c("H10", "uk", "fail", "Доставка безкоштовна, гарантуємо."),
    c("H10", "hy", "pass", "City 3 հեծանիվի գինը 540 EUR է, առկա է։"),
    c("H10", "hy", "fail", "City 3 հեծանիվի գինը 450 EUR է։"),
    c("H10", "hy", "fail", "Երաշխավորում ենք առաքումը վաղը։"),
    c("H10", "lo", "pass", "ລົດຖີບ City 3 ລາຄາ 540 EUR ມີໃນສະຕັອກ"),
    c("H10", "lo", "fail", "ລົດຖີບ City 3 ລາຄາ 450 EUR"),
    # H11 time-expectation: at hand-off, reopen, angry, or when escalating
    c("H11", "en", "pass", "A colleague will take over within 30 minutes.", moment="handoff"),
    c("H11", "en", "pass", "I've passed this to our manager, who will reply by 16:00.", escalate=True),
    c("H11", "en", "fail", "A colleague will take over soon.", moment="handoff"),
    c("H11", "en", "skip", "Your order ships today."),
    c("H11", "ru", "pass", "Коллега подключится в течение 30 минут.", moment="handoff"),
    c("H11", "ru", "fail", "Коллега скоро подключится.", moment="handoff"),
    c("H11", "uk", "pass", "Колега відповість до 15:00.", moment="reopen"),
    c("H11", "hy", "pass", "Գործընկերս կպատասխանի 30 րոպեի ընթացքում։", moment="handoff"),
    c("H11", "hy", "fail", "Գործընկերս շուտով կպատասխանի։", moment="handoff"),
    c("H11", "lo", "pass", "ພະນັກງານຈະຕອບພາຍໃນ 30 ນາທີ", moment="handoff"),
    c("H11", "lo", "fail", "ພະນັກງານຈະຕອບໄວໆນີ້", moment="handoff"),
    # H12 language
    c("H12", "en", "pass", "Hi Anna, your order is on its way. Reply here if you need anything."),
    c("H12", "en", "fail", "Здравствуйте! Ваш заказ уже в пути, ответьте, если нужно изменить адрес."),
    c("H12", "en", "skip", "Ok, Anna! 👍"),
    c("H12", "ru", "pass", "Здравствуйте, Anna! Ваш велосипед City 3 Pro (заказ A-10234) уже в пути."),
    c("H12", "ru", "fail", "Hi Anna, your order is on its way. Reply here if you need anything."),
    c("H12", "uk", "pass", "Вітаю! Ваше замовлення вже в дорозі, напишіть, якщо потрібно змінити адресу."),
    c("H12", "uk", "fail", "Здравствуйте! Ваш заказ уже отправлен, спасибо за ожидание."),
    c("H12", "hy", "pass", "Բարև, Anna։ Ձեր City 3 Pro հեծանիվը ճանապարհին է։"),
    c("H12", "hy", "fail", "Hi Anna, your order is on its way. Reply here if you need anything."),
    c("H12", "lo", "pass", "ສະບາຍດີ Anna ລົດຖີບ City 3 Pro ຂອງທ່ານກຳລັງສົ່ງ"),
    c("H12", "lo", "fail", "Здравствуйте! Ваш заказ уже в пути, ответьте, если нужно изменить адрес."),
    # H13 text-first
    c("H13", "en", "pass", "Could you send a photo of the scratch on the frame?"),
    c("H13", "en", "pass", "Could you send a screenshot of the error message?"),
    c("H13", "en", "fail", "Feel free to send a voice message with the details."),
    c("H13", "en", "fail", "Please send a screenshot of your order confirmation."),
    c("H13", "en", "fail", "Could you send a photo of the receipt?"),
    c("H13", "ru", "pass", "Пришлите, пожалуйста, фото повреждения."),
    c("H13", "ru", "fail", "Пришлите голосовое сообщение с деталями."),
    c("H13", "ru", "fail", "Пришлите скриншот переписки."),
    c("H13", "uk", "fail", "Надішліть фото чека, будь ласка."),
    c("H13", "hy", "pass", "Ուղարկեք վնասի լուսանկարը։"),
    c("H13", "hy", "fail", "Ուղարկեք ձայնային հաղորդագրություն։"),
    c("H13", "lo", "pass", "ກະລຸນາສົ່ງຮູບຄວາມເສຍຫາຍ"),
    c("H13", "lo", "fail", "ກະລຸນາສົ່ງຂໍ້ຄວາມສຽງ"),
    # H14 empathy: an upset customer hears the feeling acknowledged first
    c("H14", "en", "pass", "I'm really sorry about the delay. Please send your order number.", upset=True),
    c("H14", "en", "pass", "Hi Anna!\nI understand how frustrating this is. Please send your order number.", upset=True),
    c("H14", "en", "fail", "Please send your order number. Sorry for the delay.", upset=True),
    c("H14", "en", "skip", "Please send your order number."),
    c("H14", "ru", "pass", "Понимаю, как это неприятно. Пришлите номер заказа, и я всё проверю.", upset=True),
    c("H14", "ru", "fail", "Пришлите номер заказа.", moment="angry"),
    c("H14", "uk", "pass", "Розумію, як це прикро. Надішліть номер замовлення.", upset=True),
    c("H14", "hy", "pass", "Ներողություն անհարմարության համար։ Ուղարկեք պատվերի համարը։", upset=True),
    c("H14", "hy", "fail", "Ուղարկեք պատվերի համարը։", upset=True),
    c("H14", "lo", "pass", "ຂໍອະໄພສຳລັບຄວາມບໍ່ສະດວກ ກະລຸນາສົ່ງເລກຄຳສັ່ງຊື້", upset=True),
    c("H14", "lo", "fail", "ກະລຸນາສົ່ງເລກຄຳສັ່ງຊື້", upset=True),
    # H15 substance: the customer's own question echoed back, or nothing said and no next step, blocks.
    # The Armenian echo is what Qwen2.5-Coder-1.5B drafted (issue 20); 16:55 UTC was our reply-by time.
    c("H15", "hy", "fail", "Բարև, շաբաթ օրը բաց եք? 16:55 UTC", says=SAT["hy"], allowed=["16:55 UTC"]),
    c("H15", "hy", "fail", "Բարև, շաբաթ օրը բաց եք? 16:55 UTC", says=SAT["hy"]),
    c("H15", "hy", "fail", "Շնորհակալություն, ստացանք ձեր հաղորդագրությունը։", says=SAT["hy"]),
    c("H15", "hy", "pass", "Բարև։ Այո, շաբաթ օրը բաց ենք 10:00–19:00։ Սպասում ենք ձեզ։", says=SAT["hy"]),
    c("H15", "hy", "pass", "Բարև։ Կստուգեմ և կպատասխանեմ մինչև 16:55։", says=SAT["hy"]),
    c("H15", "en", "fail", "Hi! Are you open on Saturday? 16:55 UTC", says=SAT["en"]),
    c("H15", "en", "fail", "Where is your order A-10234?", says="hi, where is my order A-10234?"),
    c("H15", "en", "fail", "We are open on Saturday?", says=SAT["en"]),
    c("H15", "en", "fail", "Thanks for your message, we have received it. Have a nice day!"),
    c("H15", "en", "fail", "Ok."),
    c("H15", "en", "pass", "We are open on Saturday."),
    c("H15", "en", "pass", "Yes, we are open Mon–Sat 10:00–19:00. See you!", says=SAT["en"]),
    c("H15", "en", "pass", "Your order A-10234 has been packed and handed to the courier."),
    c("H15", "en", "pass", "Could you send me your order number?"),
    c("H15", "en", "pass", "You'd like to know where your City 3 bike is: could you send me the order number?"),
    c("H15", "ru", "fail", "Здравствуйте! Вы открыты в субботу?", says=SAT["ru"]),
    c("H15", "ru", "fail", "Спасибо за сообщение, мы его получили. Хорошего дня!"),
    c("H15", "ru", "pass", "Да, в субботу работаем с 10:00 до 19:00. Ждём вас!", says=SAT["ru"]),
    c("H15", "ru", "pass", "Пришлите, пожалуйста, номер заказа."),
    c("H15", "uk", "fail", "Добрий день! Ви працюєте в суботу?", says=SAT["uk"]),
    c("H15", "uk", "fail", "Дякуємо за повідомлення, ми його отримали."),
    c("H15", "uk", "pass", "Так, у суботу працюємо з 10:00 до 19:00. Чекаємо на вас!", says=SAT["uk"]),
    c("H15", "lo", "fail", "ສະບາຍດີ ເປີດວັນເສົາບໍ່? 16:55 UTC", says=SAT["lo"]),
    c("H15", "lo", "fail", "ຂອບໃຈ", says=SAT["lo"]),
    c("H15", "lo", "pass", "ສະບາຍດີ ວັນເສົາເປີດ 10:00–19:00 ເຊີນມາໄດ້ເລີຍ", says=SAT["lo"]),
]
