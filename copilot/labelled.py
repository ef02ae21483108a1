"""Labelled conversations: what a right draft does, and the development sets send_confidence is fitted on.

python -m copilot.calibration fit        # refit knowledge/send_confidence.json on the dev sets + packs
    copilot eval calibrate FILE              # a tenant's labelled conversations → threshold table

A labelled conversation (YAML list or JSONL, one per line) says what a right draft does:

    - text: "are you open on sunday?"        # or `conversation: {messages: [...]}` as for suggest
      language: en                           # optional: the customer's chosen language
      entry: hours                           # the FAQ entry that answers it; null = nothing does
      also: [catalogue:service-full]         # optional: other entries whose quote answers it too
      intent: info                           # optional; entry: null without an intent = off-topic
      handoff: false                         # optional; true = a person must take it
      ask: [order_id]                        # optional: asking for one of these fields is right too
      facts: ["21:00"]                       # optional, instead of entry: the draft must hold each
      topics: [hours, address]               # optional: another business's question; quoting only
                                             # entries on these topics is right, quoting nothing unlabelled

A draft is *right to send unedited* when its intent matches (if given), it quotes the entry that
answers (or, with ``entry: null``, quotes nothing) or, for a request with ``ask``, quotes nothing and
asks for one of those fields ("where is my parcel?" → the order number: the rulebook's H7 and
recipes 5, 7, 8), no hand-off is needed or made (a hand-off draft goes to a person, never out
unread) and no blocking rule fails. With ``facts`` (a business's question pack, where entries have no
ids to label), the draft must contain every one of them.
An off-topic message (``entry: null``, no intent) has no right draft: a person must answer it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import ConfigError, validation_problems
from .models import Conversation, KnowledgeHit, Suggestion

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "evals" / "datasets"
_UNSET = "__unset__"
_ANSWERED_FROM_KNOWLEDGE = {"info", "pricing", "availability", "estimate", "technical_support"}


class LabelledCase(BaseModel):
    """One labelled conversation (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")
    conversation: Conversation | None = None
    entry: str | None = _UNSET
    intent: str | None = None
    handoff: bool | None = None
    ask: list[str] | None = Field(default=None, description="Fields whose request is also a right draft.")
    also: list[str] = Field(default_factory=list, description="Other entries (kind:id) whose quote answers it "
                            "too: the catalogue item that states the price the FAQ lists.")
    facts: list[str] | None = Field(default=None, description="Strings the right draft contains (instead of entry).")
    topics: list[str] | None = Field(default=None, description="Another business's question: quoting only entries "
                                     "on these topics, by id or tag (every business has them: hours, address), is right.")
    group: str | None = Field(default=None, description="Cross-fitting group (a business): its rows are scored "
                              "by a model fitted without any of them. None: one of 5 folds by text hash.")
    now: datetime | None = None
    source: str = Field(default="", description="Which file it came from (for per-set figures).")

    @model_validator(mode="after")
    def _one_input(self) -> LabelledCase:
        if (self.text is None) == (self.conversation is None):
            raise ValueError("give exactly one of 'text' and 'conversation'")
        return self

    def to_conversation(self, tenant: str | None = None) -> Conversation:
        if self.conversation is not None:
            return self.conversation if tenant is None else self.conversation.model_copy(update={"tenant": tenant})
        customer = {"language": self.language} if self.language else {}
        return Conversation.model_validate({"messages": [{"role": "customer", "text": self.text}],
                                            "customer": customer, "tenant": tenant})

    @property
    def key(self) -> str:
        return self.text or self.conversation.model_dump_json()  # type: ignore[union-attr]

    def is_right(self, s: Suggestion) -> bool | None:
        """Whether this suggestion's draft is right to send unedited; None: the label does not say."""
        if self.handoff or not s.hygiene.passed or s.decision.action == "escalate":
            return False  # a hand-off is never sent unread: a person takes the conversation
        if self.intent is not None and s.intent.id != self.intent:
            return False
        if self.facts is not None:
            return all(holds_fact(f, s.draft.text) for f in self.facts)
        if self.topics is not None:  # whether asking or promising a reply is right, it does not say
            return all(on_topic(c, s.knowledge, self.topics) for c in s.draft.citations) if s.draft.citations else None
        if self.entry == _UNSET:
            return True
        cited = s.draft.citations
        if self.ask and not cited and s.draft.moment == "ask_missing" and s.missing_fields[:1] \
                and s.missing_fields[0] in self.ask:  # the draft asks for the first missing field (H7)
            return True
        if self.entry is None:  # nothing answers it: quote nothing; with no intent given it is off-topic,
            return not cited and self.intent is not None  # and off-topic needs a person, not a draft
        return any(c == self.entry or c.startswith(f"faq:{self.entry}:") or any(c.startswith(f"{a}:") for a in self.also)
                   for c in cited)


def fold_text(text: str) -> str:
    """Case and spacing folded, as the tenant packs' fact check compares (benchmarks/bench_tenants.py)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# A fact that begins or ends with a digit is a number: "50,000" is not found inside "450,000" or "50,000,000",
# "8 000" not inside "18 000", "600" not inside "1 600" (digit grouping is read away first: `_GROUPED`).
_NUMBER_BEFORE = re.compile(r"\d[,.]?$")
_NUMBER_AFTER = re.compile(r"^[,.]?\d")
# A fact that begins with a letter begins a word: "lease" is not in "please". Not in scripts written without spaces
# (Lao, Thai), where any letter may begin one.
_WORD_START = re.compile(r"(?![\u0E00-\u0EFF])[^\W\d_]")


# A number written in digit groups: "70 000", "70 000" and "70,000" are the amount a fact writes "70000" (a
# catalogue's number is written for the reply's language); the "32" of "R32 450,000 kip" is no group of it.
_GROUPED = re.compile(r"(?<!\w)\d{1,3}(?:[ ,]\d{3})+(?!\d)")


def _ungrouped(text: str) -> str:
    return _GROUPED.sub(lambda m: m.group().replace(" ", "").replace(",", ""), text)


def holds_fact(fact: str, text: str) -> bool:
    """Whether `text` states `fact`: folded case, spacing and digit grouping, a number only as a whole number, a word
    only from its start."""
    fact, text = _ungrouped(fold_text(fact)), _ungrouped(fold_text(text))
    if not fact:
        return True
    start = text.find(fact)
    while start >= 0:
        end = start + len(fact)
        if not (fact[0].isdigit() and _NUMBER_BEFORE.search(text[max(0, start - 2):start])) \
                and not (fact[-1].isdigit() and _NUMBER_AFTER.search(text[end:end + 5])) \
                and not (_WORD_START.match(fact) and _WORD_START.match(text[start - 1:start])):
            return True
        start = text.find(fact, start + 1)
    return False


def load_labelled(path: Path) -> list[LabelledCase]:
    """Labelled conversations from a YAML list or a JSONL file; errors name the row and the field."""
    try:
        text = path.read_text(encoding="utf-8")
        rows = ([json.loads(line) for line in text.splitlines() if line.strip()] if path.suffix == ".jsonl"
                else yaml.safe_load(text))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read labelled conversations: {exc}") from exc
    if not isinstance(rows, list):
        raise ConfigError(f"{path}: expected a list of labelled conversations")
    out = []
    for i, row in enumerate(rows, 1):
        try:
            out.append(LabelledCase.model_validate({**row, "source": row.get("source") or path.name}
                                                   if isinstance(row, dict) else row))
        except ValidationError as exc:
            raise ConfigError(f"{path}: row {i}: {validation_problems(exc, LabelledCase)}") from None
    return out


def dev_cases() -> list[LabelledCase]:
    """The development sets the shipped model is fitted on. Never evals/datasets/off_topic_heldout.yaml."""
    # retrieval_dev rows say what is right besides quoting the entry, by the rulebook's recipes:
    # `ask` for a request on the customer's own order or booking, `handoff` for refunds, payment
    # problems and legal requests (E-rules).
    cases = [LabelledCase(text=r["text"], language=r["language"], entry=r["faq_id"], ask=r.get("ask"),
                          also=r.get("also") or [], handoff=r.get("handoff"), source="retrieval_dev")
             for r in _jsonl(DATASETS / "retrieval_dev.jsonl")]
    dev = yaml.safe_load((DATASETS / "off_topic_dev.yaml").read_text(encoding="utf-8"))
    cases += [LabelledCase(text=t, language=lang, entry=None, source="off_topic_dev")
              for lang, texts in dev["off_topic"].items() for t in texts]
    cases += [LabelledCase(text=x["text"], language=lang, entry=x["entry"], source="on_topic_dev")
              for lang, xs in dev["on_topic"].items() for x in xs]
    # Intent dev rows: the intent is known, the entry is not, so rows of the intents knowledge answers
    # are left out (their label would not say whether the right entry was quoted); out-of-scope rows
    # are off-topic.
    for r in _jsonl(DATASETS / "intents_default_dev.jsonl"):
        oos = r["intent"] == "oos"
        if r["intent"] in _ANSWERED_FROM_KNOWLEDGE:
            continue
        cases.append(LabelledCase(text=r["text"], language=r["language"], intent=None if oos else r["intent"],
                                  entry=None if oos else _UNSET, source="intents_dev"))
    return cases


# The business question packs (evals/datasets/tenant_packs, tenants in evals/datasets/tenants): other
# businesses in their languages, so the model is fitted on more than the demo shop. Each business is
# its own cross-fitting group. The packs' clock (their hours questions assume a weekday morning).
PACKS = DATASETS / "tenant_packs"
TENANTS = DATASETS / "tenants"
PACK_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
# FAQ topics every business has: another business's question on them is answered by this one's entry
# ("what's your address?"); any other entry quoted for it is a wrong fact (benchmarks/bench_tenants.py).
GENERIC_TOPICS = ("hours", "address", "location", "contacts", "contact", "payment", "cancellation", "parking", "wifi",
                  "drinks", "waiting", "group_size")


def on_topic(citation: str, hits: Sequence[KnowledgeHit], topics: Iterable[str]) -> bool:
    """Whether a cited entry is on one of `topics`, by its id ("faq:hours:en") or a tag: a fitness studio's
    `booking_rules`, tagged "group size", answers "how many people max in a group?" as a tour's `group_size` does."""
    tags = next((h.tags for h in hits if h.id == citation), [])
    return not {citation.split(":")[1], *(t.replace(" ", "_") for t in tags)}.isdisjoint(topics)


def pack_cases(packs: Path = PACKS) -> list[LabelledCase]:
    """Tenant pack questions as labelled conversations: answerable → its facts, unanswerable → nothing
    answers it (a person must), transactional → the intent, escalation → a hand-off; and every other
    pack's answerable questions asked of this business (a draft quoting a generic-topic entry answers
    them, one quoting any other entry is a wrong fact; one quoting nothing is unlabelled)."""
    loaded = {path.stem: (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cases") or []
              for path in sorted(packs.glob("*.yaml"))}
    cases = []
    for name, pack in loaded.items():
        for c in (c for other, cs in loaded.items() if other != name for c in cs if c["tags"][0] == "answerable"):
            conv = Conversation.model_validate({**c["conversation"], "tenant": name})
            cases.append(LabelledCase(conversation=conv, now=PACK_NOW, topics=list(GENERIC_TOPICS),
                                      source=f"pack:{name}:other_business", group=name))
        for c in pack:
            kind, expect = c["tags"][0], c.get("expect") or {}
            label: dict[str, Any] = {
                "answerable": {"facts": expect.get("facts_must_appear") or []},
                "unanswerable": {"entry": None},
                "transactional": {"intent": expect.get("intent")},
                "escalation": {"handoff": True},
            }[kind]
            cases.append(LabelledCase(conversation=Conversation.model_validate(c["conversation"]), now=PACK_NOW,
                                      source=f"pack:{name}:{kind}", group=name, **label))
    return cases


def fitting_cases() -> list[LabelledCase]:
    """What the shipped model is fitted on: the demo shop's dev sets and the business packs."""
    return dev_cases() + pack_cases()


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
