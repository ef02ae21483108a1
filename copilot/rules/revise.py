"""Deterministic offline repair of a failed draft, used once by the pipeline after check_draft.

Fixes what can be fixed without a model: placeholders (H6), unbacked claims (H10), re-asked
fields (H7), extra questions (H3), a missing next step (H2), length (H5). Tone, language and
empathy need rewriting, not editing; they are left to the drafter (or the LLM path).
"""

from __future__ import annotations

import re
from typing import Any

from ..models import HygieneReport
from . import lexicon as lx
from .draft import DraftView, is_easy_question, next_step
from .grounding import Backing, claims, field_regex, reasking
from .hygiene import placeholders
from .registry import RuleContext
from .text import lexicon, remove_spans, tidy

_BRACKETS = re.compile(r"^(?:\{\{|\$\{|[\[{<%]|__)\s*|\s*(?:\}\}|[\]}>%]|__)$")


def _format(value: Any) -> str:
    if isinstance(value, dict) and "amount" in value:
        amount = value["amount"]
        amount = int(amount) if isinstance(amount, float) and amount.is_integer() else amount
        return f"{amount} {value.get('currency') or ''}".strip()
    return str(value)


def _value_for(inner: str, ctx: RuleContext) -> str | None:
    key = re.sub(r"[\s-]+", "_", inner.strip().lower())
    if key in lx.NAME_PLACEHOLDERS or key.endswith("name") and "order" not in key:
        name = ctx.customer_name or ctx.fields.get("name")
        return str(name).split()[0] if name else None
    if key in ctx.fields:
        return _format(ctx.fields[key])
    for field, value in ctx.fields.items():
        pattern = field_regex(field)
        if pattern and pattern.search(inner):
            return _format(value)
    return None


def fill_placeholders(text: str, ctx: RuleContext) -> str:
    """H6: fill each placeholder from the fields / customer name, else cut it out cleanly."""
    for m in reversed(placeholders(text)):
        token = m.group()
        value = None if token.startswith("{%") else _value_for(_BRACKETS.sub("", token), ctx)
        text = text[: m.start()] + (value or "") + text[m.end():]
    return tidy(text)


def drop_unbacked_claims(text: str, ctx: RuleContext) -> str:
    """H10: drop each sentence stating a fact the knowledge does not back."""
    backing = Backing.of(ctx)
    bad = [c.span for c in claims(text) if not backing.supports(c)]
    view = DraftView(text)
    spans = {s.span for s in view.sentences for b in bad if s.start <= b[0] < s.end}
    return remove_spans(text, spans) if len(spans) < len(view.sentences) else text


def drop_reasks(text: str, ctx: RuleContext) -> str:
    """H7: drop sentences asking again for what the customer gave."""
    return remove_spans(text, [s.span for s, _, _ in reasking(DraftView(text), ctx)])


def keep_one_question(text: str, ctx: RuleContext) -> str:
    """H3: keep the most important main question — the one asking for the first missing field, else
    the easiest to answer (a choice), else the last — and cut the others."""
    view = DraftView(text)
    questions = view.main_questions
    if len(questions) < 2:
        return text
    wanted = [field_regex(f) for f in (ctx.missing_fields[0].split("|") if ctx.missing_fields else [])]
    choice = lexicon("CHOICE")
    keep = (next((q for q in questions if any(p and p.search(q.sentence.text) for p in wanted)), None)
            or next((q for q in questions if choice.search(q.sentence.text)
                     and is_easy_question(q.sentence.text, view.labels)), None)
            or questions[-1])
    return remove_spans(text, [q.sentence.span for q in questions if q is not keep])


def add_next_step(text: str, ctx: RuleContext) -> str:
    """H2: end with a neutral call to action in the customer's language."""
    phrase = lx.NEXT_STEP.get(ctx.language, lx.NEXT_STEP["en"])
    return text.rstrip() + ("\n" if "\n" in text.strip() else " ") + phrase


def trim(text: str, limit: int) -> str:
    """H5: cut whole sentences from the middle/end until it fits, keeping the closing ask (the
    choice question goes last); a single over-long sentence is cut at a word boundary."""
    if len(text) <= limit:
        return text
    view = DraftView(text)
    last = next_step(view)
    budget = limit - (len(last.text) + 1 if last else 0)
    body = [s for s in view.sentences if last is None or s.end <= last.start]
    prefix = ""
    for s in body:
        if s.end > budget:
            break
        prefix = text[: s.end]
    if not prefix:
        cut = text[: max(0, budget - 1)].rsplit(" ", 1)[0].rstrip(" ,;:—–-")
        prefix = cut + "…" if cut else ""
    if last is None:
        return prefix or text[: limit - 1] + "…"
    sep = "\n" if "\n" in text[len(prefix):last.start] else " "
    out = (prefix + sep + last.text).strip()
    return out if len(out) <= limit else last.text[: limit - 1] + "…"


def break_lines(text: str, width: int) -> str:
    """H5: a line longer than the channel's paragraph limit is broken at sentence ends."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        current = ""
        for s in DraftView(line).sentences:
            if current and len(current) + 1 + len(s.text) > width:
                out.append(current)
                current = s.text
            else:
                current = f"{current} {s.text}".strip()
        out.append(current)
    return "\n".join(out)


def revise_draft(text: str, report: HygieneReport, ctx: RuleContext) -> str:
    """Repair the rules ``report`` failed, once, deterministically. H2 and H5 are judged again on
    the edited text: cutting sentences can remove the closing ask, adding one can add length."""
    failed = {c.rule for c in report.checks if c.status == "fail"}
    original = text
    if "H6" in failed:
        text = fill_placeholders(text, ctx)
    if "H10" in failed:
        text = drop_unbacked_claims(text, ctx)
    if "H7" in failed:
        text = drop_reasks(text, ctx)
    if "H3" in failed:
        text = keep_one_question(text, ctx)
    if ("H2" in failed or text != original) and text.strip() and next_step(DraftView(text)) is None:
        text = add_next_step(text, ctx)
    limits = ctx.limits
    hard, style = limits.for_text(text)
    if "H5" in failed or len(text) > hard:
        text = break_lines(trim(text, style), limits.paragraph)
    return text
