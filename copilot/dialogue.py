"""The state of a conversation, read from all of it: what is being asked for, what we asked and
offered last, how the customer's latest turn relates to that, and which language we talk in.

Most messages are not first messages: they answer our question ("it's 48213"), confirm ("yes",
"2"), correct ("actually Saturday"), chase ("any news?") or open a new topic. The state says which,
so intent, fields, moment and escalation are judged in context (H7: nothing given is asked again).
Everything here is lexical and cheap (no model): a 40-message conversation reads in about a millisecond
or two; the one model call (the embedding of the open request) stays in `understand`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from .dialogue_cues import CONFIRM_EMOJI, cue, ordinal
from .models import Conversation, Message
from .rules import lexicon as lx
from .rules.field_names import FIELDS
from .rules.draft import DraftView, is_yes_no_question
from .rules.grounding import field_regex
from .rules.text import asks_question, labelled_options, lexicon, tokens
from .segment import words as segment_words

TurnKind = Literal["first", "request", "answer", "confirm", "decline", "choice", "chase", "thanks"]
# Turns that carry on the open request rather than state one of their own.
CONTINUING: frozenset[str] = frozenset({"answer", "confirm", "decline", "choice", "chase", "thanks"})

_ANSWER_MAX_WORDS = 10  # an answer to our question is short; a longer turn is read as a request
_SHORT_WORDS = 4  # "actually Saturday", "Lviv", "the red one": carries on whatever we talked about
_LAO_RUN = re.compile("[\u0e80-\u0eff]+")
_ID_OR_CONTACT = re.compile(r"\S+@\S+|\S*\d\S*")
_LABEL_ONLY = re.compile(r"^\W*(?:option\s+|вариант\s+|варіант\s+|տարբերակ\s+|ທາງເລືອກ\s*)?"
                         r"([1-9]|[A-CАБВԱԲԳ])\W*$", re.IGNORECASE)
_CYR_TO_LATIN = {"А": "A", "Б": "B", "В": "C", "Ա": "A", "Բ": "B", "Գ": "C"}


@dataclass(frozen=True)
class OurTurn:
    """A message of ours (agent or bot) and what it asked of the customer."""

    index: int  # message number, from 1
    text: str
    asked: tuple[str, ...]  # fields it asks for (H7 vocabulary), most prominent first
    options: dict[str, str]  # label -> option text, when it offered a numbered / lettered choice
    confirm: bool  # a yes/no question that asks for no field ("Shall I book it?")
    rating: bool  # a satisfaction question (M9): only then is a bare "2" a score


@dataclass(frozen=True)
class CustomerTurn:
    """A run of customer messages with nothing of ours in between."""

    indexes: tuple[int, ...]
    text: str
    kind: TurnKind
    after: OurTurn | None


@dataclass
class DialogueState:
    turns: list[CustomerTurn]
    ours: list[OurTurn]
    asked_before: dict[int, tuple[str, ...]] = field(default_factory=dict)  # customer message -> fields we had asked
    confirmed: dict[int, tuple[int, str]] = field(default_factory=dict)  # customer message -> our proposal (index, text)
    choice: str | None = None  # option label the latest turn picked
    chosen: str | None = None  # that option's text

    @property
    def last(self) -> CustomerTurn:
        return self.turns[-1]

    @property
    def replied(self) -> bool:
        """We (agent or bot) have written before the customer's latest turn."""
        return self.last.after is not None

    @property
    def last_ours(self) -> OurTurn | None:
        return self.last.after

    @property
    def continues(self) -> bool:
        """The latest turn carries on the open request (an answer, a yes, a pick, a chase, thanks)."""
        return self.last.kind in CONTINUING

    @property
    def open_request(self) -> CustomerTurn | None:
        """The request the conversation is about, stated before the latest turn (None on a first turn)."""
        for turn in reversed(self.turns[:-1]):
            if turn.kind in ("first", "request"):
                return turn
        return None

    @property
    def chases(self) -> int:
        """Customer turns that chase ("any news?") since the request was stated."""
        return sum(t.kind == "chase" for t in self.turns)

    def times_asked(self, name: str) -> int:
        return sum(name in o.asked for o in self.ours)


def read_dialogue(conversation: Conversation) -> DialogueState:
    """The dialogue state of ``conversation`` (only the last customer turn's kind depends on its end)."""
    ours: list[OurTurn] = []
    turns: list[CustomerTurn] = []
    run: list[tuple[int, Message]] = []
    current: OurTurn | None = None

    def close_run() -> None:
        if run:
            text = "\n".join(m.text.strip() for _, m in run)
            turns.append(CustomerTurn(tuple(i for i, _ in run), text, turn_kind(text, current), current))
            run.clear()

    for index, message in enumerate(conversation.messages, start=1):
        if message.role == "customer":
            run.append((index, message))
        else:
            close_run()
            current = read_ours(index, message.text)
            ours.append(current)
    close_run()
    state = DialogueState(turns=turns, ours=ours)
    for turn in turns:
        if turn.after is None:
            continue
        for i in turn.indexes:
            if turn.after.asked:
                state.asked_before[i] = turn.after.asked
            if turn.kind == "confirm" and turn.after.confirm:
                state.confirmed[i] = (turn.after.index, turn.after.text)
    last = state.last
    if last.kind == "choice" and last.after is not None:
        state.choice = picked_label(last.text, last.after.options)
        state.chosen = last.after.options.get(state.choice or "")
    return state


def read_ours(index: int, text: str) -> OurTurn:
    asked, options, confirm, rating = _analyse_ours(text)
    return OurTurn(index, text, asked, dict(options), confirm, rating)


@lru_cache(maxsize=2048)
def _analyse_ours(text: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], bool, bool]:
    """What a message of ours asks (cached: every turn of a conversation re-reads the same history)."""
    view = DraftView(text)
    change = lexicon("CHANGE")  # "if you need to reschedule, reply here" asks nothing
    asks = [s for s in view.sentences if view.is_ask(s) and not change.search(s.text)]
    asked: list[str] = []
    for s in asks:
        if lexicon("OPTIONAL").search(s.text):
            continue
        for name in FIELDS:
            pattern = field_regex(name)
            if pattern and pattern.search(s.text) and name not in asked:
                asked.append(name)
    options = labelled_options(text)
    questions = [q.sentence.text for q in view.main_questions]
    satisfaction = any(lexicon("SATISFACTION").search(q) for q in questions) or any(t in text for t in lx.ONE_TAP)
    confirm = bool(questions) and not asked and len(options) < 2 and is_yes_no_question(questions[-1])
    return tuple(asked), tuple(options) if len(options) >= 2 else (), confirm, satisfaction and not asked


def _words(text: str) -> list[str]:
    return [t.norm for t in tokens(text)]


def word_count(text: str) -> int:
    """Words, counting a Lao run (no spaces between words) as the words the segmenter finds in it."""
    lao = sum(max(1, len(segment_words(run))) - 1 for run in _LAO_RUN.findall(text))
    return len(_words(text)) + lao


def _rest_after(matcher_names: tuple[str, ...], text: str) -> str:
    """``text`` once the cues are taken out (and the emoji)."""
    for name in matcher_names:
        text = cue(name).sub(" ", text)
    for e in CONFIRM_EMOJI:
        text = text.replace(e, " ")
    return text


def is_only(names: tuple[str, ...], text: str, *, leftover: int = 0) -> bool:
    """The turn is nothing but these cues (up to ``leftover`` other words, e.g. a name or "please")."""
    hit = any(cue(n).search(text) for n in names) or (
        "CONFIRM" in names and any(e in text for e in CONFIRM_EMOJI))
    return hit and word_count(_rest_after(names, text)) <= leftover


def picked_label(text: str, options: dict[str, str]) -> str | None:
    """The option a short turn picks: "2", "B", "option 2", "the second one"."""
    if m := _LABEL_ONLY.match(text.strip()):
        label = m.group(1).upper()
        label = _CYR_TO_LATIN.get(label, label)
        return label if label in options else None
    labels = list(options)
    for n in (1, 2, 3):
        if n <= len(labels) and ordinal(n).search(text):
            return labels[n - 1]
    return None


def turn_kind(text: str, before: OurTurn | None) -> TurnKind:
    """How a customer turn relates to our message before it."""
    if before is None:
        return "first"
    return _kind(text, before.text)


@lru_cache(maxsize=4096)
def _kind(text: str, ours: str) -> TurnKind:
    before = read_ours(0, ours)
    words = word_count(text)
    question = asks_question(text)
    if before.options and words <= 4 and picked_label(text, before.options):
        return "choice"
    if (cue("CHASE").search(text) and is_only(("CHASE", "FRUSTRATION_WEAK"), text, leftover=2)) \
            or text.strip(" ?!.՞") == "":
        return "chase"
    if is_only(("DECLINE", "THANKS"), text, leftover=1) and cue("DECLINE").search(text):
        return "decline"  # "no thanks" declines; it does not close with thanks
    if is_only(("THANKS", "CONFIRM"), text, leftover=1) and cue("THANKS").search(text):
        return "thanks"
    if is_only(("CONFIRM",), text, leftover=1):
        return "confirm"
    content = word_count(_ID_OR_CONTACT.sub(" ", text))
    if (before.asked or before.confirm or cue("CORRECTION").search(text)) and not question and (
            words <= _ANSWER_MAX_WORDS or content <= 4):
        return "answer"  # an answer to our question, or a change to what we proposed ("actually Saturday")
    if not question and words <= _SHORT_WORDS:
        return "answer"
    return "request"


def without_greeting(text: str) -> str:
    """The request without the greeting it opens with ("здравствуйте, заказ так и не пришёл"): the
    classifier reads a short request behind a greeting as a greeting."""
    hit = lexicon("GREETING").search(text)
    if hit is None or text[:hit.start()].strip():
        return text
    rest = text[hit.end():].lstrip(" ,!.\n-—–")
    return rest if word_count(rest) >= 2 else text
