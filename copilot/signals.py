"""What the last message signals besides its intent: upset (M8, H14), vague (M2), negative
feedback (M9), a repeat (rulebook §4 loop). Read by understanding, the moment and escalation.
The words come from the tenant's `signals.yaml` (`signal_words`); patterns of form stay here.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .models import Conversation
from .segment import word_count
from .taxonomy import IntentSpec
from .signal_words import SignalWords

_CAPS_WORD = re.compile(r"\b[A-ZА-ЯЁІЇЄҐ]{4,}\b")

# Openers that say nothing about what is wanted (M2): greeting-only, one-word price/help questions.
# Words are segmented, not split on spaces. Lao and Thai words are short and most questions end in a
# particle (ບໍ່), so three of them already name a need: "ວັນອາທິດ ເປີດ ບໍ່" is "open on Sunday?".
_VAGUE_MAX_WORDS = 3
_VAGUE_MAX_WORDS_UNSPACED = 2
_UNSPACED = re.compile(r"[\u0E00-\u0EFF]")


def is_upset(text: str, language: str, words: SignalWords) -> bool:
    """Strong negative wording (`signals.yaml`), shouting in capitals, or a run of exclamation marks."""
    if words.upset_words(text, language):
        return True
    if "!!!" in text or ("?!" in text and text.count("!") >= 2):
        return True
    return len(_CAPS_WORD.findall(text)) >= 2


def is_vague(text: str, intent: IntentSpec, confidence: float) -> bool:
    """A greeting, or a very short message that names no concrete need ("Price?", "Need help").
    Words are counted by a segmenter: Lao writes a whole question without a space."""
    if intent.kind == "greeting":
        return True
    short = word_count(text) <= (_VAGUE_MAX_WORDS_UNSPACED if _UNSPACED.search(text) else _VAGUE_MAX_WORDS)
    has_digits = any(ch.isdigit() for ch in text)
    return short and not has_digits and (intent.vague_when_short or confidence < 0.5)


def is_repeat(conversation: Conversation) -> bool:
    """The customer asks the same thing again (rulebook §4: the conversation loops)."""
    texts = [m.text.strip().lower() for m in conversation.customer_messages]
    if len(texts) < 2:
        return False
    last = texts[-1]
    return len(last) >= 12 and any(SequenceMatcher(None, last, t).ratio() >= 0.85 for t in texts[:-1])


# A rating of 1–3 out of 5 ("2", "2/5", "3 stars", "2 звезды", "★★☆☆☆"): negative feedback (M9 → E).
_LOW_RATING = re.compile(
    r"^\s*[1-3]\s*([./)]|$|\s)|(?<!\d)[1-3]\s*(/\s*5|из\s*5|з\s*5|stars?|зв[её]зд|зірк|աստղ|ດາວ)|^\s*★{1,3}☆*\s*$",
    re.IGNORECASE)


# A reply that opens with a low score ("2.", "2", "3/5 …") right after we asked for one (M9).
_RATING_REPLY = re.compile(r"^\s*[1-3]\s*(?:[.)]\s|/\s*5|$)")


def is_negative_feedback(conversation: Conversation, intent: IntentSpec, language: str, words: SignalWords, *,
                         upset: bool, asked_rating: bool | None = None) -> bool:
    """Feedback that is a complaint or a low rating, or a low score right after we asked for one (M9).
    ``asked_rating``: whether our last message asked for a score (the dialogue state knows); unknown
    (None) counts any reply of ours, so "2" after "(1) prices, (2) booking" is not read as a score."""
    last = conversation.last_customer_message.text
    asked = conversation.has_our_reply if asked_rating is None else asked_rating
    return (intent.kind == "feedback" and (
        upset or bool(_LOW_RATING.search(last)) or words.negative_words(last, language)
    )) or (asked and bool(_RATING_REPLY.match(last)))
