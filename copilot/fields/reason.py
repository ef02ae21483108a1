"""Why a customer returns something (recipe 8): size, defect, not_as_expected, late.

The first reason mentioned in a message is the main one ("wrong size, and it came late" → size).
"other" is never guessed: it is for the agent to set when none of these fits.
"""

from __future__ import annotations

import re

from .text import B, E, MessageText

# Regex fragments per reason, every language in one list (customers mix them). Stems end open.
_LEXICON: dict[str, tuple[str, ...]] = {
    "size": (
        r"too (?:small|big|large|tight|loose|short|long)", r"(?:does ?n[o'’]?t|did ?n[o'’]?t|dont|didnt|not) fit",
        r"wrong size", r"size (?:is|was) wrong", r"(?:smaller|bigger) size",
        r"не подош[её]?л\w* (?:по )?размер\w*", r"размер не подош\w*", r"не (?:тот|мой|по) размер\w*", r"мал[аы]?",
        r"маловат\w*", r"великоват\w*",
        r"маломерит", r"большемерит", r"жм[её]т", r"не соответствует размер",
        r"не підійш\w* (?:по |за )?розмір\w*", r"розмір не підійш\w*", r"не (?:той|мій|по) розмір\w*", r"замал\w*", r"завелик\w*",
        r"չափսը չի", r"չափսը սխալ", r"չափսը փոքր", r"չափսը մեծ", r"փոքր է", r"մեծ է", r"չի սազում",
        r"ຂະໜາດບໍ່ພໍດີ", r"ບໍ່ພໍດີ", r"ນ້ອຍເກີນໄປ", r"ໃຫຍ່ເກີນໄປ", r"ໄຊບໍ່ພໍດີ",
    ),
    "defect": (
        r"broken", r"broke", r"defect\w*", r"damaged", r"faulty", r"cracked", r"scratch\w*", r"brak",
        r"(?:does ?n[o'’]?t|dont|not|stopped) work\w*", r"falls apart", r"ripped", r"torn",
        r"брак\w*", r"слома\w*", r"сломал\w*", r"не работает", r"перестал\w* работать", r"дефект\w*", r"поврежд\w*",
        r"царапин\w*", r"трещин\w*", r"порван\w*",
        r"зламал?\w*", r"не працює", r"перестав\w* працювати", r"пошкодж\w*", r"подряпин\w*", r"тріщин\w*",
        r"розірван\w*",
        r"թերություն\w*", r"թերի", r"կոտրված", r"կոտրվել", r"չի աշխատում", r"վնասված", r"ճաք\w*", r"քերծված\w*",
        r"ເປ່ເພ", r"ເສຍຫາຍ", r"ແຕກແລ້ວ", r"ພັງ", r"ບໍ່ເຮັດວຽກ", r"ຊຳລຸດ", r"ມີຕຳໜິ",
    ),
    "not_as_expected": (
        r"not as (?:described|expected|pictured|advertised)", r"not what i (?:expected|ordered)",
        r"(?:different|differs) from the (?:photo|picture|description)", r"wrong (?:colou?r|item|model|product)",
        r"(?:do ?n[o'’]?t|did ?n[o'’]?t) like", r"looks different", r"not like (?:the|on the|in the) (?:photo|picture)",
        r"не соответствует", r"не как на (?:фото|картинке)", r"не такой", r"не такая", r"не понравил\w*",
        r"не тот цвет", r"друг(?:ой|ого) цвет\w*", r"не то,? что (?:я )?заказывал\w*", r"ожидал\w*",
        r"не відповідає", r"не як на фото", r"не сподоба\w*", r"не той колір", r"інш(?:ий|ого) колір\w*",
        r"не такий", r"не така", r"очікував\w*",
        r"նկարում այլ", r"նկարին չի", r"չի համապատասխանում նկարին", r"ուրիշ գույն", r"այլ գույն", r"չհավանեցի",
        r"չի համապատասխանում նկարագրությանը",
        r"ບໍ່ຄືຮູບ", r"ບໍ່ຄືກັບຮູບ", r"ບໍ່ມັກ", r"ບໍ່ຄືທີ່ຄາດ", r"ຜິດສີ", r"ຜິດແບບ",
    ),
    "late": (
        r"late", r"delayed", r"delay", r"took (?:too long|forever|ages)",
        r"still (?:has ?n[o'’]?t|not) (?:arrived|come)",
        r"опоздал\w*", r"поздно", r"задерж\w*", r"(?:слишком|очень|так) долго", r"не вовремя",
        r"до сих пор не (?:пришел|пришёл|пришла|пришло)",
        r"запізн\w*", r"пізно", r"затрим\w*", r"(?:занадто|дуже|так) довго", r"досі не (?:прийшов|прийшла|прийшло)",
        r"ուշ է", r"դեռ չի հասել", r"ուշացավ", r"ուշացել",
        r"ຊ້າ", r"ມາຊ້າ", r"ລ່າຊ້າ", r"ຍັງບໍ່ທັນມາຮອດ",
    ),
}
_PATTERNS = [
    # Lao has no spaces between words, so its phrases match anywhere; the rest need word edges.
    (reason, re.compile(p if "\u0e80" <= p[0] <= "\u0eff" else rf"{B}(?:{p}){E}", re.IGNORECASE))
    for reason, patterns in _LEXICON.items() for p in patterns
]


def find_reason(msg: MessageText) -> tuple[str, int, int] | None:
    """The earliest reason named in the message (longest phrase on a tie)."""
    text = msg.free
    best: tuple[int, int, str] | None = None
    for reason, regex in _PATTERNS:
        m = regex.search(text)
        if m and (best is None or (m.start(), -m.end()) < (best[0], -best[1])):
            best = (m.start(), m.end(), reason)
    return (best[2], best[0], best[1]) if best else None
