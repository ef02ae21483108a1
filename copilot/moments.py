"""Where in the conversation we are (rulebook §3), and whether the customer is upset (M8, H14).

The moment picks the template and switches on the moment rules (M1–M9) in the hygiene check.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .models import Conversation, Moment

# Upset markers per language (M8). Lower-case stems: matched as word prefixes.
_UPSET = {
    "en": ["angry", "furious", "ridiculous", "unacceptable", "terrible", "awful", "worst", "disgusting", "scam",
           "fed up", "sick of", "never again", "outraged", "shame on", "joke", "wtf", "useless", "horrible",
           "disappointed", "frustrat", "still nothing", "nobody answers", "no one answers", "annoyed"],
    "ru": ["безобраз", "ужас", "возмут", "отврат", "кошмар", "обман", "мошенн", "надоел", "достал", "бесит",
           "позор", "хамств", "сколько можно", "никто не отвечает", "худш", "разочарован", "издевател", "бред",
           "злой", "зла", "в ярости", "сил нет"],
    "uk": ["обурл", "жах", "жахлив", "огидн", "обман", "шахра", "набрид", "дістал", "бісить", "ганьба",
           "скільки можна", "ніхто не відповідає", "найгірш", "розчарован", "знущан", "маячня", "злий", "зла"],
    "hy": ["զայրաց", "սարսափելի", "անընդունելի", "խաբեություն", "ամոթ", "վատագույն", "հիասթափ", "ջղայն",
           "ոչ ոք չի պատասխանում", "բավական է", "զզվել"],
    "lo": ["ໃຈຮ້າຍ", "ແຍ່ຫຼາຍ", "ບໍ່ພໍໃຈ", "ຜິດຫວັງ", "ໂກງ", "ບໍ່ຍອມຮັບ", "ຮ້າຍແຮງ", "ເບື່ອ", "ບໍ່ມີໃຜຕອບ"],
}
_CAPS_WORD = re.compile(r"\b[A-ZА-ЯЁІЇЄҐ]{4,}\b")

# Openers that say nothing about what is wanted (M2): greeting-only, one-word price/help questions.
_VAGUE_MAX_WORDS = 3


def _marker_pattern(markers: list[str]) -> re.Pattern[str]:
    # Markers are word starts ("возмут" → "возмутительно"); short ones must be whole words, or
    # "зла" (angry) would fire inside "зламана" (broken). Lao has no spaces: plain substrings.
    parts = []
    for m in markers:
        if re.search(r"[\u0E80-\u0EFF]", m):
            parts.append(re.escape(m))
        elif len(m) <= 4:
            parts.append(r"(?<!\w)" + re.escape(m) + r"(?!\w)")
        else:
            parts.append(r"(?<!\w)" + re.escape(m))
    return re.compile("|".join(parts), re.IGNORECASE)


_UPSET_PATTERNS = {lang: _marker_pattern(ms + (_UPSET["en"] if lang != "en" else [])) for lang, ms in _UPSET.items()}


def is_upset(text: str, language: str) -> bool:
    """Strong negative wording, shouting in capitals, or a run of exclamation marks."""
    if _UPSET_PATTERNS.get(language, _UPSET_PATTERNS["en"]).search(text):
        return True
    if "!!!" in text or ("?!" in text and text.count("!") >= 2):
        return True
    return len(_CAPS_WORD.findall(text)) >= 2


def is_vague(text: str, intent: str, confidence: float) -> bool:
    """A greeting, or a very short message that names no concrete need ("Price?", "Need help")."""
    if intent == "greeting":
        return True
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    lao_or_short = len(text.strip()) <= 12 if not words or len(words) == 1 else len(words) <= _VAGUE_MAX_WORDS
    has_digits = any(ch.isdigit() for ch in text)
    return lao_or_short and not has_digits and (intent in ("pricing", "info", "other") or confidence < 0.5)


def is_repeat(conversation: Conversation) -> bool:
    """The customer asks the same thing again (rulebook §4: the conversation loops)."""
    texts = [m.text.strip().lower() for m in conversation.customer_messages]
    if len(texts) < 2:
        return False
    last = texts[-1]
    return len(last) >= 12 and any(SequenceMatcher(None, last, t).ratio() >= 0.85 for t in texts[:-1])


def is_first_reply(conversation: Conversation) -> bool:
    return not any(m.role in ("agent", "bot") for m in conversation.messages)


def choose_moment(
    *,
    conversation: Conversation,
    intent: str,
    confidence: float,
    escalate: bool,
    upset: bool,
    missing: list[str],
    answerable: bool,
    has_options: bool,
    negative_feedback: bool,
) -> Moment:
    """The drafting situation, most urgent first: an upset customer before everything (M8)."""
    text = conversation.last_customer_message.text
    if upset and missing:
        return "angry"  # empathy → the one datum → action + deadline
    if escalate:
        return "handoff"
    if intent == "follow_up":
        return "reopen"
    if intent == "feedback":
        return "handoff" if negative_feedback else "feedback"
    if has_options:
        return "options"
    if is_vague(text, intent, confidence) and is_first_reply(conversation):
        return "vague_opener"
    if answerable:
        return "answer"
    if missing:
        return "ask_missing"
    if intent in ("booking", "reschedule_cancel"):
        return "closing"
    return "first_reply"
