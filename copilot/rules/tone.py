"""How a message reads (rulebook §2): one job, tone, empathy.

H1 one-job · H9 tone · H14 empathy. These are the rules a regex judges least well, so an LLM
judge may decide them instead (check_draft's ``judge``); the heuristics here are the offline path.
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .draft import DraftView, acknowledges_feeling, opening
from .registry import RuleContext, Verdict, fail, ok, rule
from .facts import prices
from .text import lexicon

_LABELLED_LINE = re.compile(r"^[ \t]*(?:[-•*▪]|\(?[1-9A-C][.)]|[^\W\d_][\w .'’-]{0,24}:)", re.MULTILINE)
_JOBS = (("price", "JOB_PRICE"), ("booking", "JOB_BOOKING"), ("policy", "JOB_POLICY"), ("upsell", "JOB_UPSELL"))


@rule("H1", "one-job", source="§2 H1 (000)", judgeable=True,
      description="One message, one job; do not mix price + booking + policy + upsell. "
                  "If several items are unavoidable, use short labelled lines.")
def one_job(d: DraftView, ctx: RuleContext) -> Verdict:
    # An entry of the business's knowledge quoted whole answers the one question asked, whatever it speaks
    # of ("students get 5% off … if two of you sign up together, each gets 700 UAH off").
    text = d.text
    for hit in ctx.knowledge:
        if len(hit.text) > 40:
            text = text.replace(hit.text, " ")
    jobs = [job for job, words in _JOBS if lexicon(words).search(text)]
    if "price" not in jobs and prices(text):
        jobs.insert(0, "price")
    if len(jobs) < 3:
        return ok(f"Job(s): {', '.join(jobs) or 'one'}.")
    if len(_LABELLED_LINE.findall(text)) >= 2:
        return ok(f"Mixes {', '.join(jobs)} but in labelled lines.")
    return fail(f"Mixes {len(jobs)} jobs in one message: {', '.join(jobs)}.",
                fix="Keep the one job the customer asked for; if more are unavoidable, put each on a short "
                    "labelled line ('Price: …', 'Booking: …').")


_WORD = re.compile(r"[^\W\d_]+")
_SHOUT_MARKS = re.compile(r"!{2,}|[!?]{3,}")


def _shouting(text: str) -> tuple[int, int] | None:
    """Two all-caps words in a row, or one long one (acronyms and ids excluded)."""
    caps = [m for m in _WORD.finditer(text)
            if len(m.group()) >= 3 and m.group().isupper() and m.group() not in lx.ACRONYMS]
    for a, b in zip(caps, caps[1:]):
        if not _WORD.search(text[a.end():b.start()]):
            return (a.start(), b.end())
    long = next((m for m in caps if len(m.group()) >= 7), None)
    return long.span() if long else None


@rule("H9", "tone", source="§2 H9 (000, 002)", judgeable=True,
      description="Warm, direct, polite: no sarcasm, slang, jargon or profanity; no shouting.")
def polite_tone(d: DraftView, ctx: RuleContext) -> Verdict:
    for words, what in (("PROFANITY", "profanity"), ("SARCASM", "a sarcastic or blaming phrase"),
                        ("SLANG", "slang")):
        if m := lexicon(words).search(d.text):
            return fail(f"Contains {what}: {m.group()!r}.", span=m.span(),
                        fix="Rephrase it plainly and politely.")
    if span := _shouting(d.text):
        return fail("Shouts in capital letters.", span=span, fix="Write in normal case.")
    if m := _SHOUT_MARKS.search(d.text):
        return fail("Repeated exclamation marks read as shouting.", span=m.span(), fix="Use one '!' at most.")
    return ok("Polite, plain tone.")


@rule("H14", "empathy", source="§2 H14 (000, 002)", judgeable=True,
      description="To an upset customer: acknowledge the feeling first, then the one datum, then action + time.",
      applies=lambda ctx: ctx.upset or ctx.moment == "angry")
def empathy_first(d: DraftView, ctx: RuleContext) -> Verdict:
    if acknowledges_feeling(d):
        return ok("Acknowledges the feeling first.")
    first = opening(d)
    return fail("The customer is upset, but the reply does not acknowledge it first.",
                span=first.span if first else None,
                fix="Open with it: 'I understand why this is frustrating, and I'm here to fix it.'")
