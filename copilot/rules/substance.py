"""A reply must say something of its own (rulebook §1 clarity, §2 H2 "never a dead end").

H15 substance. Found on a real small model (Qwen2.5-Coder-1.5B, issue 20): to an Armenian "are
you open on Saturday?" it drafted «Բարև, շաբաթ օրը բաց եք? 16:55 UTC» — the customer's own
question with a time appended. Every other rule passed it: it is short, in the right language,
ends with a question and states no unbacked fact. Two shapes are blocked here:

* an **echo**: apart from the greeting, the customer's name and clock times, the draft is the
  customer's own words (verbatim, or their question asked back with at most one word changed);
* **nothing at all**: no next step (H2's test) and no information — no number, id or time the
  customer did not write, no wording taken from the knowledge we retrieved, no statement on the
  customer's own topic.

A draft that answers in the customer's words ("We are open on Saturday.") is not an echo: it
states, it does not ask back. The other H2 failures (a statement without a next step) only warn.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .draft import DraftView, next_step
from .facts import times
from .registry import RuleContext, Verdict, fail, ok, rule
from .text import lexicon, mask_urls, norm, question_count, tokens

# Verbatim: the draft's words, in order, are this close to one customer message (difflib ratio).
ECHO_RATIO = 0.9
# Asked back: a question whose words are the customer's but for at most this many of its own.
ASKED_BACK_NEW_WORDS = 1
# Words that another wording of a knowledge entry must share with it to count as information.
KNOWLEDGE_WORDS = 3
# Words a statement must share with the customer's message to count as an answer to it.
TOPIC_WORDS = 2
_PREFIX = 5  # inflected languages: "заказ"/"заказа", "պատվեր"/"պատվերը" compare on their first letters
_DIGIT = re.compile(r"\d")


def _stem(word: str) -> str:
    return word[:_PREFIX] if len(word) > _PREFIX + 1 else word


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    out = list(text)
    for start, end in spans:
        out[start:end] = " " * (end - start)
    return "".join(out)


def content_words(text: str, *, name: str | None = None, drop: list[str] = ()) -> list[str]:
    """The words that carry the message: no greeting, sign-off, customer's name, clock time, or
    the pipeline's own stated facts (`drop`, e.g. the reply-by time)."""
    text = mask_urls(text)
    spans = [h.span() for h in lexicon("GREETING").finditer(text)]
    spans += [h.span() for h in lexicon("SIGN_OFF").finditer(text)]
    spans += [hit.span() for hit, _ in times(text)]
    for phrase in [*drop, *(name.split() if name else [])]:
        spans += [m.span() for m in re.finditer(re.escape(phrase), text, re.IGNORECASE)] if phrase else []
    words = [t.norm for t in tokens(_blanked(text, spans))]
    return [w for w in words if w not in {"utc", "gmt"} and (len(w) > 1 or w.isdigit())]


def _customer_turn(ctx: RuleContext) -> list[str]:
    """The messages being answered: the customer's, after the last reply of ours."""
    out: list[str] = []
    for m in reversed(ctx.conversation.messages):
        if m.role != "customer":
            break
        out.append(m.text)
    return out[::-1] or [ctx.conversation.last_customer_message.text]


def echoed(d: DraftView, ctx: RuleContext) -> str | None:
    """The customer's message the draft echoes, or None."""
    said = _customer_turn(ctx)
    mine = content_words(d.text, name=ctx.customer_name, drop=ctx.allowed_facts)
    if not mine:
        return None
    asks = any(question_count(s.text) for s in d.sentences)
    for text in [*said, " ".join(said)] if len(said) > 1 else said:
        theirs = content_words(text, name=ctx.customer_name)
        if not theirs:
            continue
        if SequenceMatcher(None, mine, theirs, autojunk=False).ratio() >= ECHO_RATIO:
            return text
        own = [w for w in mine if _stem(w) not in {_stem(t) for t in theirs}]
        if asks and len(mine) >= 2 and len(own) <= ASKED_BACK_NEW_WORDS and len(own) * 4 <= len(mine):
            return text
    return None


def informs(d: DraftView, ctx: RuleContext) -> bool:
    """The draft states something the customer did not write: a number, id or time, or knowledge."""
    said = " ".join(_customer_turn(ctx))
    theirs = {_stem(w) for w in content_words(said)}
    own = [w for w in content_words(d.text, name=ctx.customer_name) if _stem(w) not in theirs]
    if any(_DIGIT.search(w) for w in own):
        return True
    own_stems = {_stem(w) for w in own}
    # A statement on the customer's own topic answers it ("We are open on Saturday."): it shares
    # their words and adds its own, without asking them back.
    for s in d.sentences:
        if not question_count(s.text):
            words = {_stem(w) for w in content_words(s.text, name=ctx.customer_name)}
            if len({w for w in words if len(w) >= 3} & theirs) >= TOPIC_WORDS and words - theirs:
                return True
    for hit in ctx.knowledge:
        known = {_stem(norm(t.norm)) for t in tokens(f"{hit.title} {hit.text}")}
        if len(own_stems & known) >= KNOWLEDGE_WORDS:
            return True
    return False


@rule("H15", "substance", severity="block", source="§1 clarity; §2 H2 (000, 003)",
      description="The reply answers, acts or asks: it does not echo the customer's own message, "
                  "and a reply without a next step must at least inform.")
def says_something(d: DraftView, ctx: RuleContext) -> Verdict:
    if (message := echoed(d, ctx)) is not None:
        return fail(f"Echoes the customer's message ({message[:60]!r}) instead of answering it.",
                    span=(0, len(d.text)),
                    fix="Answer the question from KNOWLEDGE, or say you will check and reply by a concrete time.")
    if next_step(d) is None and not informs(d, ctx):
        return fail("Answers nothing and offers no next step.", span=(0, len(d.text)),
                    fix="Give the answer, or ask the one question that moves the request on, "
                        "or say when they will hear back.")
    return ok("Says something of its own.")
