"""How a customer's message asks, per language (en, ru, uk, hy, lo): the words a question opens with when it has no
question mark, the preposition or conjunction before them, Lao question words, a condition that belongs to the question
after it, and words pointing back at what was said before (term syntax: ``lexicon.py``)."""

from __future__ import annotations

Lexicon = dict[str, tuple[str, ...]]

# H4 / M9: a closed question in English starts with an auxiliary verb.
EN_AUX = ("do", "does", "did", "is", "are", "was", "were", "can", "could", "would", "will", "shall",
          "should", "may", "have", "has", "am")

# A customer's question without a question mark ("can I return it", "можно вернуть").
QUESTION_OPENER: Lexicon = {
    "en": EN_AUX + ("how", "what", "when", "where", "which", "who", "why"),
    "ru": ("можно", "можно ли", "могу ли", "как", "какие", "какой", "когда", "где", "сколько", "скольки", "есть ли"),
    "uk": ("чи", "можна", "як", "які", "який", "коли", "де", "скільки", "котрої", "котрій"),
    "hy": ("կարելի", "կարող եմ", "ինչպես", "երբ", "որտեղ", "որքան", "ինչքան", "ինչ"),
    "lo": (),  # Lao: LAO_QUESTION_WORDS anywhere, or an end particle (LAO_QUESTION_PARTICLES)
}
# One preposition may come before the opener: "за сколько часов можно отменить", "до скольки работаете",
# "о котрій відкриваєтесь", "at what time do you open". (Armenian has postpositions; Lao: see below.)
QUESTION_PREPOSITION: Lexicon = {
    "en": ("at", "in", "on", "for", "from", "to", "by", "until", "till", "since", "about", "with"),
    "ru": ("за", "на", "в", "во", "с", "со", "до", "по", "к", "от", "через", "о", "об", "для", "после"),
    "uk": ("за", "на", "в", "у", "з", "із", "зі", "до", "по", "від", "через", "о", "об", "для", "після"),
    "hy": (),
    "lo": (),
}
# A conjunction a customer's next question opens with ("…included or extra? and how much per person").
QUESTION_LEAD: Lexicon = {
    "en": ("and", "also", "but", "so", "plus", "or"),
    "ru": ("и", "а", "но", "ну", "или", "ещё", "еще"),
    "uk": ("і", "й", "а", "та", "але", "ну", "або", "ще"),
    "hy": ("ու", "և", "իսկ", "բայց", "էլ"),
    "lo": (),
}
# Lao question words sit mid-sentence ("ສົ່ງໄປກຸມຣີຈັກມື້ຈຶ່ງຮອດ": in how many days…); "ລົດຈັກ" is a motorbike.
LAO_QUESTION_WORDS = ("(?<!ລົດ)ຈັກ", "ເທົ່າໃດ", "ແນວໃດ", "ຫຍັງ", "ຢູ່ໃສ", "ໃສ(?!່)", "ໃຜ", "ເມື່ອໃດ", "ມື້ໃດ")

# A clause opening with a condition belongs to the question after it ("if I order the sofa in grey, how long…").
CONDITION: Lexicon = {
    "en": ("if", "in case", "unless"),
    "ru": ("если", "в случае"),
    "uk": ("якщо", "у разі", "в разі"),
    "hy": ("եթե",),
    "lo": ("ຖ້າ", "ຫາກ"),
}
# A question that points back at what the customer said before it ("any discount for that many?", "how long will
# I wait for it?"): it is not asked on its own.
REFERS_BACK: Lexicon = {
    "en": ("it", "its", "that", "this", "these", "those", "them", "they", "one", "ones", "such"),
    "ru": ("это", "этого", "этом", "этим", "он", "она", "оно", "они", "его", "её", "ее", "их", "ему", "ей", "ним", "ней",
           "нему", "них", "столько", "такой", "такая", "такое", "такие", "там", "туда"),
    "uk": ("це", "цього", "цьому", "цим", "він", "вона", "воно", "вони", "його", "її", "їх", "йому", "ній", "ним",
           "нього", "неї", "них", "стільки", "такий", "така", "таке", "такі", "там", "туди"),
    "hy": ("դա", "դրա", "դրան", "դրանք", "դրանց", "այն", "այդ", "նա", "նրան", "նրա", "էդ", "էն", "էնտեղ", "այնտեղ"),
    "lo": ("ມັນ", "ນັ້ນ"),
}
