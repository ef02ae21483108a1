"""What a good reply contains at each moment of a conversation (rulebook §3, M1–M9).

Each rule applies only at its moment (docs/knowledge.md, moments table) and lists what is missing,
so the detail reads as a to-do for the drafter.
"""

from __future__ import annotations

import re

from .draft import DraftView, acknowledges_feeling, is_easy_question, is_yes_no_question, next_step
from .registry import RuleContext, Verdict, fail, ok, rule
from .facts import concrete_time, dates_in, prices, times_in
from .text import lexicon
from . import lexicon as lx


def _verdict(missing: list[str], good: str, fix: str) -> Verdict:
    if not missing:
        return ok(good)
    return fail("Missing: " + "; ".join(missing) + ".", fix=fix)


def _asks_or_directs(d: DraftView) -> bool:
    return d.main_question_count > 0 or next_step(d) is not None


@rule("M1", "first-reply", moments=("first_reply",), source="§3 M1",
      description="Short greeting (with name if known) · what you understood · one question that unlocks "
                  "the next step · time expectation if needed.")
def first_reply(d: DraftView, ctx: RuleContext) -> Verdict:
    missing = []
    if not (d.sentences and lexicon("GREETING").search(d.sentences[0].text)):
        missing.append("a short greeting first")
    if not _asks_or_directs(d):
        missing.append("one question or call to action that unlocks the next step")
    if d.main_question_count > 1:
        missing.append("only one question")
    return _verdict(missing, "Greets and asks one thing.",
                    "Greet, confirm what you understood, ask the one question that moves it forward.")


@rule("M2", "vague-opener", moments=("vague_opener",), source="§3 M2",
      description="Reflect the request · route with 2–3 numbered options · ask to pick one.")
def vague_opener(d: DraftView, ctx: RuleContext) -> Verdict:
    missing = []
    n = len(d.labels)
    if not 2 <= n <= 3:
        missing.append(f"2–3 numbered options (found {n})")
    if not _asks_or_directs(d):
        missing.append("an ask to pick one")
    return _verdict(missing, f"Routes with {n} options and asks to pick.",
                    "Offer (1) prices, (2) booking, (3) help with an order, and ask them to pick one.")


def _prices(text: str) -> list[str]:
    return [h.group() for h in prices(text) if "%" not in h.group()]


@rule("M3", "decision-package", moments=("options",), source="§3 M3",
      description="Option A (name – price – what is included), Option B, a recommendation tied to the need, "
                  "one simple choice question.")
def decision_package(d: DraftView, ctx: RuleContext) -> Verdict:
    missing = []
    if len(d.labels) < 2:
        missing.append("at least two labelled options (A/B)")
    if len(_prices(d.text)) < 2:
        missing.append("a price for each option")
    if d.main_question_count > 1 or not next_step(d):  # "Which one?" or "Reply A or B."
        missing.append("one choice question at the end")
    return _verdict(missing, "A decision package with prices and one choice question.",
                    "Option A: name – price – includes…; Option B: …; my recommendation; 'Which one shall I confirm?'")


_REFERENCE_ID = re.compile(r"(?<!\w)(?:[A-Z]{1,4}-?\d{3,}|#\d{3,}|\d{5,})(?!\w)")


@rule("M4", "closing", moments=("closing",), source="§3 M4",
      description="Confirm what was agreed · the next phase · reference data (order ID, date/time, address) "
                  "· one way to change it.")
def closing(d: DraftView, ctx: RuleContext) -> Verdict:
    missing = []
    values = [str(v) for v in ctx.fields.values() if isinstance(v, str | int) and len(str(v)) >= 3]
    if not (_REFERENCE_ID.search(d.text) or dates_in(d.text) or times_in(d.text)
            or any(v.lower() in d.text.lower() for v in values)):
        missing.append("reference data (order ID, date/time, address)")
    if not lexicon("CHANGE").search(d.text):
        missing.append("how to change it ('reply here to reschedule')")
    return _verdict(missing, "Confirms with reference data and how to change it.",
                    "Add the order ID or date/time, and 'If you need to change it, just reply here'.")


@rule("M5", "reopen", moments=("reopen",), source="§3 M5",
      description="Recall the request · what has been done · next expected time · an alternative if urgent. "
                  "Never defensive.")
def reopen(d: DraftView, ctx: RuleContext) -> Verdict:
    missing = []
    if not concrete_time(d.text):
        missing.append("the next expected time")
    if m := lexicon("DEFENSIVE").search(d.text):
        missing.append(f"a non-defensive tone (drop {m.group()!r})")
    return _verdict(missing, "Gives the next time, without defending.",
                    "Recall the request, say what was done and when they will hear next.")


@rule("M6", "handoff", moments=("handoff",), source="§3 M6, §4 E",
      description="A hand-off must not look like a dead end: say who takes over and when.")
def handoff(d: DraftView, ctx: RuleContext) -> Verdict:
    missing = []
    if not lexicon("WHO_TAKES_OVER").search(d.text):
        missing.append("who takes over (a colleague, our manager)")
    if not concrete_time(d.text):
        missing.append("when they take over")
    return _verdict(missing, "Says who takes over and when.",
                    "'A colleague from our team will take over within 30 minutes.'")


@rule("M7", "follow-up", moments=("follow_up",), source="§3 M7, §5 T",
      description="No pressure: ask whether to continue or close the request for now.")
def follow_up(d: DraftView, ctx: RuleContext) -> Verdict:
    missing = []
    if not lexicon("CONTINUE").search(d.text):
        missing.append("an offer to continue")
    if not lexicon("CLOSE").search(d.text):
        missing.append("an offer to close for now")
    if not _asks_or_directs(d):
        missing.append("a question")
    return _verdict(missing, "Offers to continue or close.",
                    "'Would you like to continue, or shall I close this request for now?'")


@rule("M8", "angry", moments=("angry",), source="§3 M8, §2 H14",
      description="Empathy first → the one datum needed → the action you will take and by when.")
def angry(d: DraftView, ctx: RuleContext) -> Verdict:
    missing = []
    if not acknowledges_feeling(d):
        missing.append("empathy first")
    if not lexicon("ACTION").search(d.text):
        missing.append("the action you will take")
    if not concrete_time(d.text):
        missing.append("a deadline")
    return _verdict(missing, "Empathy, action and deadline.",
                    "'I understand why this is frustrating… Once I have it I'll [action] and update you by [time].'")


@rule("M9", "feedback", moments=("feedback",), source="§3 M9",
      description="After resolution: a one-tap satisfaction question.")
def feedback(d: DraftView, ctx: RuleContext) -> Verdict:
    missing = []
    if not lexicon("SATISFACTION").search(d.text):
        missing.append("a satisfaction question")
    one_tap = any(t in d.text for t in lx.ONE_TAP)
    easy = any(is_yes_no_question(q.sentence.text) or is_easy_question(q.sentence.text, d.labels)
               and len(d.labels) >= 2 for q in d.main_questions)
    if not (one_tap or easy):
        missing.append("a one-tap answer (yes/no, 👍/👎 or 1–5)")
    if d.main_question_count > 1:
        missing.append("only one question")
    return _verdict(missing, "Asks for one-tap satisfaction.",
                    "'Did everything go well with your order? Reply 👍 or 👎.'")
