"""One draft, analysed once: sentences, questions, options, language. Rules share this view so
the expensive parts (the language detector above all) run once per check, not once per rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..language import LanguageGuess, detect_language
from . import lexicon as lx
from .facts import concrete_time
from .text import URL, Sentence, is_optional, lexicon, option_labels, question_count, split_sentences

_LAO_TEXT = re.compile("[\u0e80-\u0eff]{4,}")
_EMOJI_ONLY = re.compile(r"^[\W\d_]*$")
_NAMEISH = re.compile(r"(?<!\w)(?:[A-Z][\w'’.-]*|\w*\d[\w-]*|[A-Z]{2,}\w*)(?!\w)")
_PLACEHOLDERISH = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]|<[^<>]*>")


@dataclass(frozen=True)
class Question:
    sentence: Sentence
    count: int
    optional: bool


class DraftView:
    """Read-only analysis of a draft; every property is computed at most once."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.text)

    @cached_property
    def substantive(self) -> list[Sentence]:
        """Sentences without trailing sign-offs ("Thanks!") and emoji-only lines (H2 looks past them)."""
        signoff = lexicon("SIGN_OFF")
        out = list(self.sentences)
        while out:
            s = out[-1].text
            rest = signoff.sub("", s, count=1) if len(s) <= 40 else s
            if _EMOJI_ONLY.match(s) or (rest != s and not re.search(r"\w{3,}", _NAMEISH.sub("", rest))):
                out.pop()
            else:
                break
        return out or list(self.sentences)

    @cached_property
    def questions(self) -> list[Question]:
        out = []
        for s in self.sentences:
            n = question_count(s.text)
            if n:
                out.append(Question(s, n, is_optional(s.text)))
        return out

    @cached_property
    def main_questions(self) -> list[Question]:
        return [q for q in self.questions if not q.optional]

    @cached_property
    def main_question_count(self) -> int:
        return sum(q.count for q in self.main_questions)

    @cached_property
    def labels(self) -> list[str]:
        return option_labels(self.text)

    def is_ask(self, s: Sentence) -> bool:
        """A sentence that asks the customer for something: a question or a call to action (H2, H7)."""
        return bool(question_count(s.text)) or bool(lexicon("CTA").search(s.text))

    @cached_property
    def language_text(self) -> str:
        """The draft without what says nothing about its language: URLs, e-mails, placeholders, and
        Latin names / ids / capitalised product names (a Russian draft naming "City 3 bike" is Russian)."""
        text = URL.sub(" ", self.text)
        text = _PLACEHOLDERISH.sub(" ", text)
        return _NAMEISH.sub(" ", text)

    @cached_property
    def language(self) -> LanguageGuess | None:
        return detect_language(self.language_text)


# ---------------------------------------------------------------- judgements shared by rule families

_OPEN_LETTERS = re.compile(r"[^\W\d_]{3,}")
_EN_AUX = re.compile(r"(?:^|[,;:—–-]\s*|\b(?:and|so|then)\s+)(?:" + "|".join(lx.EN_AUX) + r")\b", re.IGNORECASE)


def next_step(view: DraftView) -> Sentence | None:
    """The sentence that gives the next step (H2), or None: the last substantive sentence must be a
    question, a call to action or our commitment with a concrete time (or follow one as a one-sentence
    addendum); or options precede it."""
    if not view.sentences:
        return None
    last = view.substantive[-1]
    if view.is_ask(last) or concrete_time(last.text) or len(view.labels) >= 2:
        return last
    # A short addendum may follow the step: "…who will reply within 30 minutes. They'll see the whole
    # chat." or the guide's "…A, B or C? You can also describe it in one sentence." (Lao phrases split
    # at spaces, so "please reply ⎵ and I'll take the next step" is two "sentences" too.)
    if len(view.substantive) >= 2:
        before = view.substantive[-2]
        if view.is_ask(before) or concrete_time(before.text):
            return before
    return None


def opening(view: DraftView) -> Sentence | None:
    """What the message opens with, past a bare greeting ("Hi Anna!"). Short pieces are joined until
    there are ~25 characters: Lao phrases split at spaces, so "ທ່ານ ສົມໃຈ ຂໍອະໄພ…" is three (H14, M8)."""
    greeting = lexicon("GREETING")
    rest = list(view.sentences)
    while rest and len(rest[0].text) < 40 and greeting.search(rest[0].text):
        leftover = greeting.sub(" ", rest[0].text, count=1)
        words = [w for w in _OPEN_LETTERS.findall(leftover) if not w[0].isupper()]  # names are capitalised
        if words or _LAO_TEXT.search(leftover):
            break  # "Hi Anna, I'm so sorry…" is greeting and content in one sentence
        rest.pop(0)
    if not rest:
        return None
    start = end = rest[0].start
    for s in rest:
        end = s.end
        if end - start >= 25:
            break
    return Sentence(start, end, view.text[start:end])


def acknowledges_feeling(view: DraftView) -> bool:
    """H14: the opening names the customer's feeling or apologises."""
    first = opening(view)
    return bool(first and lexicon("EMPATHY").search(first.text))


def is_easy_question(text: str, labels: list[str]) -> bool:
    """H4: answerable with yes / no / OK or a pick among 2–3 labelled options."""
    if 2 <= len(labels) <= 3 or lexicon("CHOICE").search(text):
        return True
    if len(labels) > 3:
        return False
    return not lexicon("OPEN_QUESTION").search(text)


def is_yes_no_question(text: str) -> bool:
    """M9: a closed question — an English auxiliary first, or (other languages) no question word."""
    if re.search(r"[A-Za-z]{3,}", text) and not re.search("[\u0400-\u04ff\u0530-\u058f\u0e80-\u0eff]", text):
        return bool(_EN_AUX.search(text))
    return not lexicon("OPEN_QUESTION").search(text)
