"""What a message says against what we know (rulebook §2): fields, name, facts, time, language.

H7 ask-missing · H8 personal · H10 honest · H11 time-expectation · H12 language
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..fields.datewords import RELATIVE_DAYS, WEEKDAYS
from . import lexicon as lx
from .draft import DraftView
from .field_names import FIELDS
from .registry import RuleContext, Verdict, fail, ok, rule, skip
from ..locale_format import parse_number
from .facts import concrete_time, dates, dates_in, durations, numbers_in, prices, times, times_in
from .text import Matcher, Sentence, lexicon, mask_urls, terms_matcher


@lru_cache(maxsize=32)
def field_regex(name: str) -> Matcher | None:
    """How a draft names the field when it asks for it (H7); None for fields without a lexicon."""
    return terms_matcher(FIELDS[name]) if name in FIELDS else None


def value_strings(value: Any) -> list[str]:
    """The ways a field value can appear in text: 'A-10234', '120', '120.0'…"""
    if isinstance(value, dict):
        return [s for v in value.values() if v is not None for s in value_strings(v)]
    if isinstance(value, float) and value.is_integer():
        return [str(int(value)), str(value)]
    return [str(value)] if value not in (None, "") else []


def _mentions_value(text: str, value: Any) -> bool:
    low = text.lower()
    return any(v.lower() in low for v in value_strings(value))


def _asks(d: DraftView) -> list[Sentence]:
    change = lexicon("CHANGE")  # "If you need to reschedule, reply with a new time": not a re-ask
    return [s for s in d.sentences if d.is_ask(s) and not change.search(s.text)]


def _names_field(pattern: Matcher, text: str) -> bool:
    """Whether the text names the field, not a model that carries its word: "City 3", "E-City 500"."""
    return any(not re.match(r"\s?\d", text[m.end():]) and text[max(0, m.start() - 1):m.start()] != "-"
               for m in pattern.finditer(text))


def reasking(d: DraftView, ctx: RuleContext) -> list[tuple[Sentence, str, Any]]:
    """Sentences that ask for a field the customer already gave (and do not quote its value)."""
    out = []
    missing = [p for group in ctx.missing_fields for f in group.split("|") if (p := field_regex(f))]
    for s in _asks(d):
        if any(_names_field(p, s.text) for p in missing):
            continue  # asks for a missing field; "size" in "size, defect or not as expected?" is an option
        for name, value in ctx.fields.items():
            pattern = field_regex(name)
            if pattern and value not in (None, "", [], {}) and _names_field(pattern, s.text) \
                    and not _mentions_value(s.text, value):
                out.append((s, name, value))
                break
    return out


# Moments where a missing field must be asked for now; elsewhere (hand-off, closing…) it need not.
_ASK_MOMENTS = {"first_reply", "ask_missing", "angry"}


@rule("H7", "ask-missing", severity="block", source="§2 H7 (000, 001)",
      description="Ask for exactly the single most important missing field; never re-ask what was given.",
      applies=lambda ctx: bool(ctx.fields or ctx.missing_fields))
def asks_only_for_what_is_missing(d: DraftView, ctx: RuleContext) -> Verdict:
    asks = _asks(d)
    if reasks := reasking(d, ctx):
        s, name, value = reasks[0]
        return fail(f"Asks again for the {name.replace('_', ' ')} the customer already gave "
                    f"({', '.join(value_strings(value))}).", span=s.span,
                    fix="Drop the question and use the value you have.")
    if not ctx.missing_fields or ctx.moment not in _ASK_MOMENTS:
        return ok("Re-asks nothing the customer gave.")
    first = [f for f in ctx.missing_fields[0].split("|") if field_regex(f)]
    if not first:
        return ok(f"Re-asks nothing; cannot recognise a question for {ctx.missing_fields[0]!r}.")
    main_asks = [s for s in asks if not lexicon("OPTIONAL").search(s.text)]
    if not any(field_regex(f).search(s.text) for f in first for s in main_asks):
        return fail(f"Does not ask for the missing {' or '.join(first).replace('_', ' ')}.",
                    fix=f"Ask one short question for the {first[0].replace('_', ' ')}.", severity="warn")
    for later in ctx.missing_fields[1:]:
        for f in later.split("|"):
            pattern = field_regex(f)
            hit = next((s for s in main_asks if pattern and pattern.search(s.text)), None)
            if hit and f not in first:
                return fail(f"Also asks for the {f.replace('_', ' ')}; ask only for the most important field now.",
                            span=hit.span, fix="Ask for one field per message.", severity="warn")
    return ok(f"Asks for the {first[0].replace('_', ' ')} and nothing already given.")


@rule("H8", "personal", source="§2 H8 (000, 002)",
      description="Address the customer by name when it is known.",
      applies=lambda ctx: bool(ctx.customer_name and ctx.customer_name.strip()))
def uses_the_name(d: DraftView, ctx: RuleContext) -> Verdict:
    first = (ctx.customer_name or "").split()[0]
    if re.search("[\u0e80-\u0eff]", first):  # Lao: no word boundaries
        found = first in d.text
    else:  # "Анна" → "Анне", "Мария" → "Марии", "Աննա" → "Աննային": the name less its last letter
        stem = first if len(first) <= 3 else first[: max(3, len(first) - 1)]
        tail = r"(?!\w)" if len(first) <= 3 else r"\w*"
        found = bool(re.search(rf"(?<!\w){re.escape(stem)}{tail}", d.text, re.IGNORECASE))
    if found:
        return ok(f"Addresses {first} by name.")
    return fail(f"The customer's name ({first}) is known but not used.", fix=f"Greet them: 'Hi {first}, …'.")


@dataclass(frozen=True)
class Claim:
    kind: str
    text: str
    span: tuple[int, int]


def claims(text: str) -> list[Claim]:
    """Prices, percentages, dates, clock times, durations, stock and promises stated in a draft (H10)."""
    masked = mask_urls(text)
    found = [("price", prices(masked)), ("date", [h for h, _ in dates(masked)]),
             ("time", [h for h, _ in times(masked)]), ("duration", durations(masked))]
    found += [(kind.lower(), lexicon(kind).finditer(masked)) for kind in ("STOCK", "GUARANTEE", "FREE", *lx.SETTLEMENTS)]
    out: list[Claim] = []
    for kind, hits in found:
        for h in hits:
            if any(c.span[0] <= h.start() < c.span[1] for c in out):
                continue  # "100%" is a guarantee already counted as a number
            if kind.upper() in lx.SETTLEMENTS and kind != "legal_position" and _hedged(masked, h.start()):
                continue  # "we'll check whether we can refund you" promises nothing
            out.append(Claim(kind, text[h.start():h.end()], h.span()))
    return sorted(out, key=lambda c: c.span)


def _hedged(text: str, start: int) -> bool:
    """A hedge or negation earlier in the same sentence ("whether", "can't", "если", "ບໍ່")."""
    sentence_start = max(text.rfind(ch, 0, start) for ch in ".!?\n։")
    if lexicon("SETTLEMENT_HEDGE").search(text[sentence_start + 1:start]):
        return True
    ends = [i for ch in ".!?\n" if (i := text.find(ch, start)) >= 0]
    return any(h in text[start:min(ends, default=len(text))] for h in lx.LAO_TRAILING_HEDGE)


@dataclass
class Backing:
    """What a claim may rest on. Prices and promises only on the business's own words (knowledge,
    earlier agent messages, the pipeline's facts); dates and times also on what the customer said."""

    business: str
    everything: str
    numbers: set[float]
    dates: set[str]
    times: set[str]
    catalogue: bool

    @classmethod
    def of(cls, ctx: RuleContext) -> Backing:
        knowledge = [f"{k.title}\n{k.text}" for k in ctx.knowledge]
        ours = [m.text for m in ctx.conversation.messages if m.role != "customer"]
        theirs = [m.text for m in ctx.conversation.messages if m.role == "customer"]
        fields = [s for v in ctx.fields.values() for s in value_strings(v)]
        business = "\n".join(knowledge + ours + list(ctx.allowed_facts))
        everything = "\n".join([business, *theirs, *fields])
        dates = dates_in(everything) | {v[5:10] for v in fields if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)}
        return cls(business, everything, numbers_in(business) | {n for v in fields if (n := parse_number(v))},
                   dates, times_in(everything), any(k.kind == "catalogue" for k in ctx.knowledge))

    def supports(self, claim: Claim) -> bool:
        if claim.kind in ("price", "duration"):
            nums = numbers_in(claim.text)
            pool = self.numbers if claim.kind == "price" else self.numbers | numbers_in(self.everything)
            return bool(nums) and nums <= pool
        if claim.kind == "date":
            return bool(dates_in(claim.text) <= self.dates)
        if claim.kind == "time":
            return times_in(claim.text) <= self.times
        if claim.kind == "stock":
            return self.catalogue or bool(lexicon("STOCK").search(self.business))
        return bool(lexicon(claim.kind.upper()).search(self.business))


def _backed(claim: Claim, d: DraftView, ctx: RuleContext, backing: Backing) -> bool:
    """Whether the knowledge retrieved for the question, the conversation, or the knowledge the claim's own
    sentence speaks about (`ctx.lookup`: "Option B: City 3 Pro – 690 EUR" names the item) holds the claim.
    A reply time the writer commits to ("I'll reply here by 16:00", "a colleague will write by 18:00") is
    theirs to keep (H11 asks for it, decision.promise gives it an owner) when the business can keep it."""
    # The claim's sentence with its neighbours: Lao is split at its spaces, which also end phrases ("ແລ້ວຕອບໃນ
    # ແຊັດນີ້ | ກ່ອນ 16:00": "then reply in this chat | before 16:00").
    at = next((i for i, s in enumerate(d.sentences) if s.span[0] <= claim.span[0] < s.span[1]), None)
    sentence = d.text if at is None else " ".join(s.text for s in d.sentences[max(0, at - 1):at + 2])
    if claim.kind == "stock" and ctx.lookup is not None:  # about a named item: what the catalogue says of it
        said_out = bool(lexicon("STOCK_OUT").search(sentence))
        states = [h.tags for h in ctx.lookup(sentence, near=False) if {"in_stock", "out_of_stock"} & set(h.tags)]
        if states:
            return any(("out_of_stock" in tags) == said_out for tags in states)
    if backing.supports(claim):
        return True
    if claim.kind == "price" and _restated_budget(claim, d.text, ctx):
        return True
    if claim.kind == "time" and lexicon("REPLY_PROMISE").search(sentence) and _keepable(claim, sentence, ctx):
        return True
    about = ctx.lookup(sentence) if ctx.lookup is not None else []
    return bool(about) and Backing.of(replace(ctx, knowledge=[*ctx.knowledge, *about])).supports(claim)


def _restated_budget(claim: Claim, text: str, ctx: RuleContext) -> bool:
    """The customer's own number restated right after the word budget ("для бюджета до 700 €" to "бюджет до
    700"): theirs, not a price of ours; a price of ours never rests on the customer's words."""
    before = re.split(r"[.!?\n]", text[:claim.span[0]])[-1]
    said = [m.end() for m in lexicon("BUDGET").finditer(before)]
    if not said or len(before[said[-1]:].split()) > 3:  # "budget of up to 700 €", "бюджета до 700 €"
        return False
    theirs = set().union(*(numbers_in(m.text) for m in ctx.conversation.messages if m.role == "customer"))
    return numbers_in(claim.text) <= theirs


_LATER_DAY = terms_matcher([*RELATIVE_DAYS[1], *RELATIVE_DAYS[2], *(w for ws in WEEKDAYS.values() for w in ws)])


def _keepable(claim: Claim, sentence: str, ctx: RuleContext) -> bool:
    """A reply promised no earlier than the business's own reply-by time (the pipeline's, in
    `ctx.allowed_facts`), or on a later day ("tomorrow by 12:00"): a person promising 16:00 at 10:00 can
    keep it; a reply "by 10:15" when the business answers by 10:30 may not be."""
    own = times_in(" ".join(ctx.allowed_facts))
    if not own:
        return False
    return bool(_LATER_DAY.search(sentence)) or min(times_in(claim.text), default="") >= min(own)


_SETTLEMENT_NAMES = {"refund_promise": "a refund", "compensation_promise": "compensation",
                     "discount_promise": "a discount", "delivery_promise": "a delivery date",
                     "legal_position": "a legal position"}


@rule("H10", "honest", severity="block", source="§2 H10 (002)",
      description="Prices, stock, dates and promises must come from the business's knowledge, never invented.")
def only_backed_facts(d: DraftView, ctx: RuleContext) -> Verdict:
    found = claims(d.text)
    if not found:
        return ok("States no prices, dates, stock or promises.")
    settles = next((c for c in found if c.kind.upper() in lx.SETTLEMENTS), None)
    if settles is not None and ctx.escalate:
        return fail(f"The conversation needs a person, but the draft settles it: {settles.text!r} "
                    f"({_SETTLEMENT_NAMES[settles.kind]}).", span=settles.span,
                    fix="Promise no outcome: say a colleague takes this over and when they will reply.")
    backing = Backing.of(ctx)
    unbacked = [c for c in found if not _backed(c, d, ctx, backing)]
    if not unbacked:
        return ok(f"All {len(found)} fact(s) appear in the knowledge or the conversation.")
    listed = "; ".join(f"{c.text!r} ({_SETTLEMENT_NAMES.get(c.kind, c.kind)})" for c in unbacked)
    if unbacked[0].kind in _SETTLEMENT_NAMES:
        fix = "Promise only what the business's knowledge or policy grants; otherwise hand it to a colleague."
    else:
        fix = "State only what a knowledge entry says (and cite it), or drop the claim."
    return fail(f"Not backed by the knowledge or the conversation: {listed}.", span=unbacked[0].span, fix=fix)


@rule("H11", "time-expectation", source="§2 H11 (000, 002)",
      description="If the resolution takes time, say when the customer will hear back (a concrete time).",
      applies=lambda ctx: ctx.escalate or ctx.moment in ("handoff", "reopen", "angry"))
def says_when(d: DraftView, ctx: RuleContext) -> Verdict:
    if m := concrete_time(d.text):
        return ok(f"Says when: {m.group()!r}.")
    return fail("Does not say when the customer will hear back.",
                fix="Add a concrete time: 'I'll update you by 15:30' or 'a colleague replies within 30 minutes'.")


_MIN_LETTERS = 12  # below this a detector guesses; "Ok, Anna!" says nothing about the language


@rule("H12", "language", severity="block", source="§2 H12",
      description="Reply in the customer's language.")
def in_the_customers_language(d: DraftView, ctx: RuleContext) -> Verdict:
    if len(re.findall(r"[^\W\d_]", d.language_text)) < _MIN_LETTERS:
        return skip("Too short to tell the language.")
    guess = d.language
    if guess is None:
        return skip("No letters to tell the language by.")
    if guess.code == ctx.language:
        return ok(f"Written in {guess.code}.")
    if {guess.code, ctx.language} <= {"ru", "uk"} and guess.confidence < 0.75:
        return skip(f"Cannot tell Russian from Ukrainian here (guess {guess.code}, {guess.confidence:.2f}).")
    return fail(f"Written in {guess.code!r}, the customer writes {ctx.language!r}.",
                fix=f"Write the reply in {ctx.language!r}.")
