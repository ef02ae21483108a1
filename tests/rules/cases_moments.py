"""Test tables for the moment rules (M1–M9): each applies only at its moment."""

from __future__ import annotations

from .cases import Case, c

MOMENTS: list[Case] = [
    # M1 first reply: greeting · what we understood · one question
    c("M1", "en", "pass", "Hi Anna, thanks for writing! I see you're asking about your City 3 order. "
                          "Could you send me the order number?", moment="first_reply"),
    c("M1", "en", "fail", "Your order is being processed.", moment="first_reply"),
    c("M1", "en", "skip", "Your order is being processed.", moment="answer"),
    c("M1", "ru", "pass", "Здравствуйте, Анна! Вижу, вы спрашиваете о заказе. Пришлите, пожалуйста, номер заказа.",
      moment="first_reply"),
    c("M1", "ru", "fail", "Заказ обрабатывается.", moment="first_reply"),
    c("M1", "hy", "pass", "Բարև, Աննա։ Տեսնում եմ, որ հարցնում եք պատվերի մասին։ Կուղարկե՞ք պատվերի համարը։",
      moment="first_reply"),
    c("M1", "hy", "fail", "Պատվերը մշակվում է։", moment="first_reply"),
    c("M1", "lo", "pass", "ສະບາຍດີ ຂ້ອຍເຂົ້າໃຈວ່າທ່ານຖາມກ່ຽວກັບຄຳສັ່ງຊື້ ກະລຸນາສົ່ງເລກຄຳສັ່ງຊື້", moment="first_reply"),
    c("M1", "lo", "fail", "ຄຳສັ່ງຊື້ກຳລັງດຳເນີນການ", moment="first_reply"),
    # M2 vague opener: 2–3 numbered options and an ask to pick
    c("M2", "en", "pass", "Hi Anna, thanks for writing. So I can help quickly: are you interested in (1) prices, "
                          "(2) booking, or (3) help with an existing order? Pick one and I'll guide the next step.",
      moment="vague_opener"),
    c("M2", "en", "fail", "Hi! How can I help you today?", moment="vague_opener"),
    c("M2", "ru", "pass", "Здравствуйте, Анна, спасибо, что написали. Чтобы помочь быстрее: вас интересуют (1) цены, "
                          "(2) бронирование или (3) помощь с текущим заказом? Выберите вариант, и я подскажу "
                          "следующий шаг.", moment="vague_opener"),
    c("M2", "ru", "fail", "Здравствуйте! Чем могу помочь?", moment="vague_opener"),
    c("M2", "hy", "pass", "Բարև, շնորհակալություն գրելու համար։ Ձեզ հետաքրքրում են (1) գները, (2) ամրագրումը, թե "
                          "(3) օգնություն գործող պատվերի հետ։ Ընտրեք մեկը, և ես կասեմ հաջորդ քայլը։",
      moment="vague_opener"),
    c("M2", "hy", "fail", "Բարև։ Ինչո՞վ կարող եմ օգնել։", moment="vague_opener"),
    c("M2", "lo", "pass", "ສະບາຍດີ ທ່ານສົນໃຈ (1) ລາຄາ (2) ການຈອງ ຫຼື (3) ຊ່ວຍເຫຼືອຄຳສັ່ງຊື້ ກະລຸນາເລືອກໜຶ່ງ",
      moment="vague_opener"),
    c("M2", "lo", "fail", "ສະບາຍດີ ມີຫຍັງໃຫ້ຊ່ວຍບໍ່", moment="vague_opener"),
    # M3 decision package: two priced options and one choice question
    c("M3", "en", "pass", "Based on what you said there are two good options:\n"
                          "Option A: City 3 bike – 540 EUR. Includes: 3 speeds, rack, lights.\n"
                          "Option B: City 3 Pro – 690 EUR. Includes: 7 speeds, hydraulic brakes.\n"
                          "My recommendation: B, because you mentioned hills. Which one shall I confirm for you?",
      moment="options"),
    c("M3", "en", "fail", "We have several bikes. Which one do you like?", moment="options"),
    c("M3", "ru", "pass", "По вашему запросу есть два варианта:\nВариант А: City 3 — 540 EUR, 3 скорости, багажник.\n"
                          "Вариант Б: City 3 Pro — 690 EUR, 7 скоростей.\nРекомендую Б, раз у вас холмы. Какой оформить?",
      moment="options"),
    c("M3", "ru", "fail", "У нас много велосипедов. Какой вам нравится?", moment="options"),
    c("M3", "hy", "pass", "Տարբերակ Ա՝ City 3 — 540 EUR։\nՏարբերակ Բ՝ City 3 Pro — 690 EUR։\n"
                          "Խորհուրդ եմ տալիս Բ-ն։ Ո՞րը հաստատեմ։", moment="options"),
    c("M3", "hy", "fail", "Ունենք շատ հեծանիվներ։ Ո՞րն է ձեզ դուր գալիս։", moment="options"),
    c("M3", "lo", "fail", "ພວກເຮົາມີລົດຖີບຫຼາຍແບບ ທ່ານມັກແບບໃດ", moment="options"),
    # M4 closing: reference data and how to change it
    c("M4", "en", "pass", "Great, your booking is confirmed. Day: Tuesday, November 25 · Time: 17:00 (Yerevan time) · "
                          "Place: Velo Nord, Abovyan St · Name: Anna. If you need to reschedule, just reply with a new "
                          "preferred time and I'll update it.", moment="closing"),
    c("M4", "en", "fail", "Great, your booking is confirmed. See you soon!", moment="closing"),
    c("M4", "ru", "pass", "Отлично, бронь подтверждена. День: вторник, 25 ноября · Время: 17:00 (по Еревану) · "
                          "Имя: Анна. Если нужно перенести, просто ответьте с новым удобным временем.", moment="closing"),
    c("M4", "ru", "fail", "Отлично, бронь подтверждена. До встречи!", moment="closing"),
    c("M4", "hy", "pass", "Ամրագրումը հաստատված է։ Օր՝ նոյեմբերի 25, ժամը 17:00։ Եթե ցանկանում եք փոխել, "
                          "պարզապես գրեք այստեղ։", moment="closing"),
    c("M4", "hy", "fail", "Ամրագրումը հաստատված է։", moment="closing"),
    # M5 reopen: the next time, never defensive
    c("M5", "en", "pass", "Hi Anna, thanks for checking in about order A-10234. The courier picked it up this morning; "
                          "you'll get the tracking link by 18:00 today. If it's urgent, you can collect it at our shop.",
      moment="reopen"),
    c("M5", "en", "fail", "As I said, we are working on it.", moment="reopen"),
    c("M5", "en", "fail", "As I already told you, the tracking link comes by 18:00.", moment="reopen"),
    c("M5", "ru", "pass", "Анна, спасибо, что напомнили о заказе A-10234. Курьер забрал его утром, трек-номер "
                          "пришлю до 18:00.", moment="reopen"),
    c("M5", "ru", "fail", "Как я уже писал, мы работаем над этим.", moment="reopen"),
    c("M5", "hy", "pass", "Աննա, պատվերը A-10234 առաքիչը վերցրել է այսօր առավոտյան, հետևման հղումը կուղարկեմ "
                          "մինչև 18:00։", moment="reopen"),
    c("M5", "hy", "fail", "Ինչպես արդեն ասացի, աշխատում ենք դրա վրա։", moment="reopen"),
    # M6 hand-off: who takes over and when
    c("M6", "en", "pass", "I'm passing this to my colleague from the returns team, who will reply within 30 minutes.",
      moment="handoff"),
    c("M6", "en", "fail", "I'm passing this on.", moment="handoff"),
    c("M6", "ru", "pass", "Передаю ваш вопрос коллеге из отдела возвратов, он ответит в течение 30 минут.",
      moment="handoff"),
    c("M6", "ru", "fail", "Передаю ваш вопрос дальше.", moment="handoff"),
    c("M6", "hy", "pass", "Ձեր հարցը փոխանցում եմ գործընկերոջս, նա կպատասխանի 30 րոպեի ընթացքում։", moment="handoff"),
    c("M6", "hy", "fail", "Ձեր հարցը փոխանցում եմ։", moment="handoff"),
    c("M6", "lo", "pass", "ຂ້ອຍຈະສົ່ງເລື່ອງນີ້ໃຫ້ເພື່ອນຮ່ວມງານ ເຂົາຈະຕອບພາຍໃນ 30 ນາທີ", moment="handoff"),
    # M7 follow-up: continue or close, no pressure
    c("M7", "en", "pass", "Hi Anna, a quick check: would you like to continue with the City 3 booking, or shall I close "
                          "this request for now? If timing is the issue, tell me when to get back to you.",
      moment="follow_up"),
    c("M7", "en", "fail", "Hi Anna, just checking in. Let me know.", moment="follow_up"),
    c("M7", "ru", "pass", "Анна, коротко уточню: продолжаем с бронированием или пока закрыть заявку? Если дело во "
                          "времени, напишите, когда вернуться к вопросу.", moment="follow_up"),
    c("M7", "ru", "fail", "Анна, напоминаю о себе.", moment="follow_up"),
    c("M7", "hy", "pass", "Աննա, շարունակե՞նք ամրագրումը, թե առայժմ փակեմ հարցումը։", moment="follow_up"),
    c("M7", "hy", "fail", "Աննա, հիշեցնում եմ։", moment="follow_up"),
    # M8 angry: empathy → datum → action + deadline
    c("M8", "en", "pass", "I understand why this is frustrating, and I'm here to fix it. To solve it quickly, please "
                          "send your order number or email. Once I have it I'll check the delivery and update you by "
                          "15:30.", moment="angry"),
    c("M8", "en", "fail", "Please send your order number.", moment="angry"),
    c("M8", "en", "fail", "I'm sorry about this. Please send your order number.", moment="angry"),
    c("M8", "ru", "pass", "Понимаю, как это неприятно, и я здесь, чтобы всё исправить. Чтобы решить быстрее, пришлите "
                          "номер заказа или email. Как только получу, проверю доставку и напишу вам до 15:30.",
      moment="angry"),
    c("M8", "ru", "fail", "Пришлите номер заказа.", moment="angry"),
    c("M8", "hy", "pass", "Հասկանում եմ, թե որքան տհաճ է սա։ Ուղարկեք պատվերի համարը, և ես կստուգեմ առաքումը "
                          "մինչև 15:30։", moment="angry"),
    c("M8", "hy", "fail", "Ուղարկեք պատվերի համարը։", moment="angry"),
    # M9 feedback: a one-tap satisfaction question
    c("M9", "en", "pass", "Hi Anna, did everything go well with your new bike? Reply 👍 or 👎.", moment="feedback"),
    c("M9", "en", "pass", "Hi Anna, are you happy with your new bike?", moment="feedback"),
    c("M9", "en", "fail", "Hi Anna, please tell us in detail what you thought about our service.", moment="feedback"),
    c("M9", "ru", "pass", "Анна, вы довольны покупкой? Ответьте 👍 или 👎.", moment="feedback"),
    c("M9", "ru", "fail", "Анна, расскажите подробно о вашем опыте.", moment="feedback"),
    c("M9", "hy", "pass", "Աննա, գո՞հ եք գնումից։ Պատասխանեք 👍 կամ 👎։", moment="feedback"),
    c("M9", "hy", "fail", "Աննա, շնորհակալություն գնումի համար։", moment="feedback"),
    c("M9", "lo", "pass", "ທ່ານພໍໃຈກັບສິນຄ້າບໍ່ 👍 / 👎", moment="feedback"),
    c("M9", "lo", "fail", "ຂອບໃຈທີ່ໃຊ້ບໍລິການ", moment="feedback"),
]
