"""Hand-off reasons that only the whole conversation shows (rulebook §4).

- Frustration that builds over turns: "third time I ask", "two days and nothing", a second chase
  with no answer in between, repeated question marks on a chase (E-angry).
- A loop: we asked for the same field twice and still do not have it (E-loop).
- A request for a person in the middle of a conversation ("can I talk to your manager", E-human).
The last message alone often reads calm ("hello??", "any news?"); the turns before it do not.
"""

from __future__ import annotations

import re

from .dialogue import DialogueState
from .dialogue_cues import cue

_QUESTION_RUN = re.compile(r"[?՞]{2,}")
_QUESTION_RUN_LONG = re.compile(r"[?՞]{3,}")


def frustrated(state: DialogueState) -> bool:
    """The customer's patience is running out, judged over the turns, not the last message alone.

    Only once we have replied: a first message that mentions an unanswered message elsewhere
    ("wrote you on instagram yesterday, no answer yet") is a calm reopen, and upset wording on its
    own is the policy's E-angry already."""
    if not state.replied:
        return False
    last = state.last
    if cue("FRUSTRATION_STRONG").search(last.text) or _QUESTION_RUN_LONG.search(last.text):
        return True  # "third time I ask", "nobody answered", "???"
    if cue("DURATION").search(last.text) and cue("PASSED").search(last.text):
        return True  # "two days have passed", "жду уже неделю"
    weak = bool(cue("FRUSTRATION_WEAK").search(last.text))
    if last.kind != "chase":
        return False
    earlier_chase = any(t.kind == "chase" for t in state.turns[:-1]) or len(last.indexes) >= 2
    return earlier_chase or (weak and bool(_QUESTION_RUN.search(last.text)))


def loops(state: DialogueState, missing: list[str]) -> bool:
    """We have asked for the field still missing twice already: asking a third time gets nowhere."""
    return bool(missing) and state.replied and state.times_asked(missing[0]) >= 2


def declines_refund(text: str) -> bool:
    """"An exchange instead of the money back": the refund words are there, the refund request is not."""
    return bool(cue("NOT_REFUND").search(text))


def reasons_in_context(reasons: list[str], state: DialogueState, *, intent: str, missing: list[str]) -> list[str]:
    """The policy's reasons for the last message, corrected and completed by the conversation: a
    declined refund ("an exchange instead of the money back") is not E-refund; the context adds its own."""
    if intent != "refund" and declines_refund(state.last.text):
        reasons = [r for r in reasons if r != "E-refund"]
    return list(dict.fromkeys(reasons + context_reasons(state, missing=missing)))


def context_reasons(state: DialogueState, *, missing: list[str]) -> list[str]:
    """Reason codes from the conversation as a whole (added to the policy's reasons)."""
    reasons: list[str] = []
    if frustrated(state):
        reasons.append("E-angry")
    if state.replied and cue("PERSON").search(state.last.text):
        reasons.append("E-human")
    if loops(state, missing):
        reasons.append("E-loop")
    return reasons
