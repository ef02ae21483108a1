"""The language of a conversation, not of its last message (H12).

A turn that is only an e-mail, an order code, a number, an emoji or a city name says nothing about
the language the customer writes in: "olga.p@example.ru" is not English, "Львів" in an English chat
is not a switch to Ukrainian. Such turns keep the conversation's language; a turn with words of its
own, or an explicit request ("in English please"), decides.
"""

from __future__ import annotations

import re

from .dialogue_cues import LANGUAGE_SWITCH, language_switch
from .language import SURE_LINGUA, LanguageGuess, detect_language, reply_language
from .romanised import LEANING_SHARE, romanised

# Tokens that carry no language: e-mails, URLs, anything with a digit (ids, times, prices).
_NEUTRAL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+|\S*\d\S*", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_OWN_LETTERS = 12  # fewer letters than this (a name, "ok", a city) does not set the language alone


def language_text(text: str) -> str:
    """The words of ``text`` that can tell its language."""
    return _NEUTRAL.sub(" ", text)


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def stated_switch(text: str) -> str | None:
    """The language the customer asks us to use, if they ask ("по-русски, пожалуйста")."""
    for code in LANGUAGE_SWITCH:
        if language_switch(code).search(text):
            return code
    return None


def conversation_language(stated: str | None, customer_texts: list[str], *, default: str = "en") -> LanguageGuess:
    """The language to reply in: the customer's stated language, an explicit switch, the latest
    turn with words of its own, else the earlier turns' language."""
    if stated:
        return LanguageGuess(stated, 1.0, "stated")
    if len(customer_texts) <= 1:
        return reply_language(None, customer_texts, default=default)
    cleaned = [language_text(t) for t in customer_texts]
    for text, words in zip(reversed(customer_texts), reversed(cleaned)):
        if code := stated_switch(text):
            return LanguageGuess(code, 1.0, "switch")
        if _letters(words) >= _OWN_LETTERS:
            break  # a turn with words of its own came after any earlier request to switch
    last = cleaned[-1]
    if _letters(last) >= _OWN_LETTERS:
        guess = detect_language(last)
        if guess and guess.method != "short" and guess.confidence >= 0.25:
            return guess
    for text in reversed(cleaned[:-1]):
        if _letters(text) >= _OWN_LETTERS:  # short turns ("any news?") fool a detector
            guess = detect_language(text)
            if guess and guess.method != "short" and guess.confidence >= 0.25:
                return LanguageGuess(guess.code, guess.confidence, "conversation")
    return reply_language(None, cleaned, default=default)


_SIBLINGS = {"ru": "uk", "uk": "ru"}


def served_reading(guess: LanguageGuess, text: str, served: list[str]) -> LanguageGuess:
    """A doubtful call of lingua's goes to a language the business answers in:
    * a close ru/uk call (no distinctive letter or word): "завтрак входит в цену номера?" reads 0.46 uk / 0.42 ru,
      and a guesthouse that serves lo, en and ru should not reply in Ukrainian;
    * an unsure one of a language it does not serve, when the message leans to one it serves typed in Latin
      letters: "barev, mer shuny poqrik a, kareli a iran el berenq?" is Turkish at 0.32 to lingua, and the
      Armenian words are fewer than ``romanised`` asks of a message alone."""
    if guess.method != "lingua" or guess.code in served:
        return guess
    sibling = _SIBLINGS.get(guess.code)
    if sibling in served:
        return LanguageGuess(sibling, guess.confidence, "lingua-served")
    found = romanised(language_text(text), LEANING_SHARE) if guess.confidence < SURE_LINGUA else None
    if found is not None and found.language in served:
        return LanguageGuess(found.language, 0.5 + 0.5 * found.share, "romanised-served")
    return guess
