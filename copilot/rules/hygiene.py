"""The shape of a message (rulebook §2): next step, questions, length, placeholders, text-first.

H2 next-step · H3 one-question · H4 easy-answer · H5 brevity · H6 no-placeholder · H13 text-first
"""

from __future__ import annotations

import re

from .draft import DraftView, is_easy_question, next_step
from .registry import RuleContext, Verdict, fail, ok, rule, skip
from .text import lexicon, mask_urls


@rule("H2", "next-step", source="§2 H2 (000, 003)",
      description="Every message ends with an explicit next step or call to action; never a dead end.")
def ends_with_next_step(d: DraftView, ctx: RuleContext) -> Verdict:
    if next_step(d):
        return ok("Ends with a next step.")
    last = d.substantive[-1] if d.sentences else None
    return fail("The message ends without telling the customer what to do next.",
                span=last.span if last else None,
                fix="End with one call to action: 'Reply A or B', 'Send the order number', 'Pick a time slot'.")


@rule("H3", "one-question", source="§2 H3 (000)",
      description="At most one main question; extra questions only as clearly optional.")
def one_main_question(d: DraftView, ctx: RuleContext) -> Verdict:
    n = d.main_question_count
    if n <= 1:
        return ok(f"{n} main question(s).")
    extra = d.main_questions[1] if len(d.main_questions) > 1 else d.main_questions[0]
    return fail(f"Asks {n} questions; the customer will answer one of them at best.",
                span=extra.sentence.span,
                fix="Keep the single most important question; mark any other as optional "
                    "('If you already know X, add it too').")


@rule("H4", "easy-answer", source="§2 H4 (003, 000)",
      description="Prefer questions answerable with yes / no / OK or a choice among 2–3 labelled options.")
def easy_to_answer(d: DraftView, ctx: RuleContext) -> Verdict:
    if not d.main_questions:
        return skip("No question to judge.")
    if len(d.labels) > 3:
        return fail(f"Offers {len(d.labels)} options; 2–3 are easy to choose from.",
                    fix="Cut the options to the 2–3 that fit best.")
    for q in d.main_questions:
        if not is_easy_question(q.sentence.text, d.labels):
            return fail("An open question makes the customer write an essay.", span=q.sentence.span,
                        fix="Ask so they can answer yes/no or pick A/B: 'Refund or exchange?'")
    return ok("The question is easy to answer.")


_LINES = re.compile(r"[^\n]+")  # on a phone a paragraph is what runs between line breaks


@rule("H5", "brevity", severity="block", source="§2 H5 (000, 003); knowledge/channels.yaml",
      description="Short, short paragraphs; over the channel's hard limit it cannot be sent, "
                  "over its style limit it is noise.")
def short_for_the_channel(d: DraftView, ctx: RuleContext) -> Verdict:
    limits = ctx.limits
    hard, style = limits.for_text(d.text)
    n = len(d.text)
    if n > hard:
        return fail(f"{n} characters: {ctx.channel} accepts at most {hard}.", span=(hard, n),
                    fix=f"Cut it below {style} characters: keep the essentials and the question.")
    if n > style:
        return fail(f"{n} characters: too long for {ctx.channel} (aim for {style} or less).", span=(style, n),
                    fix="Drop what the customer did not ask for; keep the question last.", severity="warn")
    for m in _LINES.finditer(d.text):
        if len(m.group().strip()) > limits.paragraph:
            return fail(f"A paragraph of {len(m.group().strip())} characters reads as a wall of text "
                        f"(aim for {limits.paragraph} or less).", span=m.span(),
                        fix="Split it into short lines with labels.", severity="warn")
    return ok(f"{n} characters, within {ctx.channel}'s limits.")


# Template placeholders in every bracket style; not e-mails (<a@b.com>), URLs, "[1]" or "(1)".
PLACEHOLDER = re.compile(
    r"\{%.*?%\}"  # leftover Jinja statement
    r"|\{\{.*?\}\}"  # {{ name }}
    r"|\$\{[^{}\n]{1,40}\}"  # ${name}
    r"|\{[^{}\n]{1,40}\}"  # {order_id}, {ім'я}
    r"|\[(?!\s*\d+\s*\])[^\[\]\n]{1,40}\](?!\()"  # [Name], [Անուն], not [1] or a markdown link
    r"|<(?![^<>\n]*[@/:])[^\W\d][^<>\n]{0,39}>"  # <name>, not <a@b.com> or <https://…>
    r"|%[^\W\d_]\w{0,39}%"  # %NAME%
    r"|__[^\W\d_]\w{0,38}__",  # __name__
    re.DOTALL,
)


def placeholders(text: str) -> list[re.Match[str]]:
    return list(PLACEHOLDER.finditer(mask_urls(text)))


@rule("H6", "no-placeholder", severity="block", source="§2 H6 (000)",
      description="No unfilled template placeholder ever reaches a customer.")
def no_placeholder(d: DraftView, ctx: RuleContext) -> Verdict:
    found = placeholders(d.text)
    if not found:
        return ok("No placeholders.")
    names = ", ".join(d.text[m.start():m.end()] for m in found)
    return fail(f"Unfilled placeholder(s): {names}.", span=found[0].span(),
                fix="Fill it from the conversation (name, order number…) or remove it.")


@rule("H13", "text-first", source="§2 H13 (003)",
      description="Do not ask for voice messages, or for screenshots/photos of text; "
                  "a picture of a defect or an error screen is fine.")
def text_first(d: DraftView, ctx: RuleContext) -> Verdict:
    voice, shot, photo = lexicon("VOICE"), lexicon("SCREENSHOT"), lexicon("PHOTO")
    text_object, defect = lexicon("TEXT_OBJECT"), lexicon("DEFECT")
    for s in d.sentences:
        if not d.is_ask(s):
            continue
        if m := voice.search(s.text):
            return fail("Asks for a voice message: it cannot be searched or skimmed.",
                        span=(s.start + m.start(), s.start + m.end()), fix="Ask them to type the details.")
        if defect.search(s.text):
            continue  # a photo of the damage or the error screen is the best evidence
        m = shot.search(s.text) or (photo.search(s.text) if text_object.search(s.text) else None)
        if m:
            return fail("Asks for a picture of text: it cannot be searched or copied.",
                        span=(s.start + m.start(), s.start + m.end()),
                        fix="Ask for the details as text (order number, amount, date).")
    return ok("Asks for nothing but text (or a picture of a defect).")
