"""Date and time words per language, for the cheap pass that runs before (and often instead of)
dateparser. dateparser 1.5 knows hy and lo month names and "tomorrow", but reads no clock time in
"վաղը ժամը 5-ին" or "ມື້ອື່ນ 5 ໂມງ", and every call costs milliseconds; these lists cover what
customers write most: today / tomorrow / the day after / yesterday, weekdays, and "at 5".
"""

from __future__ import annotations

# Day offset from the message's date.
RELATIVE_DAYS: dict[int, tuple[str, ...]] = {
    0: ("today", "tonight", "this evening", "сегодня", "седня", "сьогодні", "сьогодня", "այսօր", "ມື້ນີ້", "ຄືນນີ້"),
    1: ("tomorrow", "tmrw", "tmr", "tomorow", "tommorow", "tommorrow", "завтра", "վաղը", "ມື້ອື່ນ"),
    2: ("day after tomorrow", "the day after tomorrow", "послезавтра", "післязавтра", "վաղը չէ մյուս օրը",
        "մյուս օրը", "ມື້ຮື"),
    -1: ("yesterday", "вчера", "вчора", "учора", "երեկ", "ມື້ວານ", "ມື້ວານນີ້"),
}

# Monday = 0. Inflected forms are listed because "в пятницу" / "у п'ятницю" / "ուրբաթ օրը" is how
# they are written; Armenian "շաբաթ" alone also means "week", so Saturday needs "օր(ը)".
WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("monday", "понедельник", "понедельника", "понеділок", "понеділка", "երկուշաբթի", "ວັນຈັນ"),
    1: ("tuesday", "tues", "tue", "вторник", "вторника", "вівторок", "вівторка", "երեքշաբթի", "ວັນອັງຄານ"),
    2: ("wednesday", "wed", "среда", "среду", "среды", "середа", "середу", "середи", "չորեքշաբթի", "ວັນພຸດ"),
    3: ("thursday", "thurs", "thu", "четверг", "четверга", "четвер", "четверга", "հինգշաբթի", "ວັນພະຫັດ"),
    4: ("friday", "fri", "пятница", "пятницу", "пятницы", "пятнице", "п'ятниця", "п'ятницю", "пʼятницю",
        "п’ятницю", "пятниця", "пятницю", "ուրբաթ", "ວັນສຸກ"),
    5: ("saturday", "sat", "суббота", "субботу", "субботы", "субота", "суботу", "суботи", "շաբաթ օրը",
        "շաբաթ օր", "ວັນເສົາ"),
    6: ("sunday", "воскресенье", "воскресенья", "неділя", "неділю", "неділі", "կիրակի", "ວັນອາທິດ"),
}

# Parts of the day that fix am/pm.
PM_WORDS = ("pm", "p.m.", "p.m", "evening", "in the evening", "afternoon", "вечера", "вечером", "дня",
            "вечора", "ввечері", "увечері", "дня", "երեկոյան", "կեսօրից հետո", "ແລງ", "ຕອນແລງ", "ຄ່ຳ", "ບ່າຍ",
            "ຕອນບ່າຍ")
AM_WORDS = ("am", "a.m.", "a.m", "morning", "in the morning", "утра", "утром", "ранку", "вранці", "зранку",
            "առավոտյան", "ເຊົ້າ", "ຕອນເຊົ້າ")
# Said before the hour: "at 5", "в 5", "о 17:00", "ժամը 5-ին", "ເວລາ 5 ໂມງ".
TIME_MARKERS = ("at", "around", "by", "@", "в", "во", "к", "около", "о", "об", "близько", "ժամը", "ժ.",
                "ເວລາ", "ຕອນ")
# Said after the hour: "5 o'clock", "в 5 часов", "5-ին", "5 ໂມງ".
HOUR_WORDS = ("o'clock", "oclock", "h", "часов", "часа", "час", "годині", "години", "-ին", "ին", "ໂມງ")

# Month names, only as a cheap trigger for dateparser (it knows the inflections): a month word next
# to a day number means an absolute date worth parsing.
MONTH_STEMS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "январ", "феврал", "март", "апрел", "мая", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
    "декабр", "січ", "лют", "берез", "квіт", "трав", "черв", "лип", "серп", "верес", "жовт", "листопад", "груд",
    "հունվար", "փետրվար", "մարտ", "ապրիլ", "մայիս", "հունիս", "հուլիս", "օգոստոս", "սեպտեմբեր", "հոկտեմբեր",
    "նոյեմբեր", "դեկտեմբեր", "ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ", "ກໍລະກົດ", "ສິງຫາ",
    "ກັນຍາ", "ຕຸລາ", "ພະຈິກ", "ທັນວາ",
)
# Relative spans dateparser resolves well in en/ru/uk ("in 3 days", "через неделю", "next week").
RELATIVE_TRIGGERS = (
    r"in \d+ (?:days?|weeks?)", r"in a week", r"next week", r"через \d* ?(?:дн|день|недел|тижд|тижн)\w*",
    r"на следующей неделе", r"наступного тижня", r"на наступному тижні",
)
