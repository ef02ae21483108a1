"""Does the quoted knowledge entry answer the question? Lexical evidence for `send_confidence`.

The embedding ranks a neighbouring entry first about as often as an off-topic one ("is the pharmacy
next to your shop open on sunday" sits next to "are you open on sunday"), so it cannot also be the
judge of its own pick. The customer's own words can: a right answer's entry (its question variants,
answer, title and tags) holds most of the question's content words, weighted by how rare they are
among the tenant's entries; a neighbouring entry or an off-topic question leaves the rare ones
uncovered, or another entry covers them better. Words are compared by their first letters (the
same crude stem `vocabulary.py` uses: "доставку" ~ "доставка"); Lao is segmented into words by
`segment.words` (LaoNLP). Measured on the dev sets' quoted drafts, cross-fitted
(`benchmarks/bench_send_confidence.py --levers`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .knowledge.files import load_knowledge
from .segment import words

if TYPE_CHECKING:
    from .knowledge.entry import Entry
    from .models import KnowledgeHit
    from .resources import Tenant

_STEM = 5
_LAO = re.compile(r"[\u0e80-\u0eff]")
_DIGIT = re.compile(r"\d")


def stems(text: str) -> frozenset[str]:
    """Content-word stems: letters only; Latin/Cyrillic/Armenian words of three letters or more cut to
    their first five, Lao words (segmented, often one syllable) whole."""
    out = set()
    for w in words(text.lower()):
        if _DIGIT.search(w):
            continue
        if _LAO.search(w):
            out.add(w)
        elif len(w) >= 3:
            out.add(w[:_STEM])
    return frozenset(out)


@dataclass(frozen=True)
class _Doc:
    questions: frozenset[str]
    everything: frozenset[str]


class EntryWords:
    """The stems of each knowledge entry of one tenant, and how rare each stem is per language."""

    def __init__(self, entries: list[Entry], background: dict[str, list[str]] | None = None) -> None:
        self.docs: dict[str, _Doc] = {}
        self.language: dict[str, str] = {}
        df: dict[str, Counter[str]] = {}
        self._n: Counter[str] = Counter()
        # Everyday words of customer messages (the intent examples) are common documents too, so
        # "can", "you", "open" weigh little and the object of the question ("pharmacy") much.
        for lang, texts in (background or {}).items():
            for t in texts:
                df.setdefault(lang, Counter()).update(stems(t))
                self._n[lang] += 1
        for e in entries:
            qs = frozenset().union(*(stems(d.text) for d in e.documents if d.role == "question")) if e.documents \
                else frozenset()
            tags = " ".join(str(e.extra.get("tags") or "").split(","))
            every = qs | stems(e.text) | stems(e.title) | stems(tags)
            self.docs[e.id] = _Doc(qs, every)
            self.language[e.id] = e.language
            df.setdefault(e.language, Counter()).update(every)
            self._n[e.language] += 1
        self._df = df

    def idf(self, stem: str, language: str) -> float:
        """Rare stems weigh most; a stem no entry of the language uses weighs most of all."""
        n = self._n.get(language, 0)
        return math.log((n + 1) / (self._df.get(language, Counter()).get(stem, 0) + 0.5))

    def coverage(self, message: frozenset[str], entry_id: str, *, questions_only: bool = False) -> float:
        """Share of the message's stems (weighted by rarity) the entry holds, 0..1."""
        doc = self.docs.get(entry_id)
        if doc is None or not message:
            return 0.0
        lang = self.language[entry_id]
        have = doc.questions if questions_only else doc.everything
        total = sum(self.idf(s, lang) for s in message)
        return sum(self.idf(s, lang) for s in message if s in have) / total if total > 0 else 0.0

    def uncovered(self, message: frozenset[str], entry_id: str) -> float:
        """The rarest of the message's stems the entry does not hold, as a share of the rarest
        possible (0 when the entry holds them all): the object an off-topic question names."""
        doc = self.docs.get(entry_id)
        if doc is None or not message:
            return 0.0
        lang = self.language[entry_id]
        top = self.idf("", lang) or 1.0  # a stem no document uses
        return max((self.idf(s, lang) / top for s in message if s not in doc.everything), default=0.0)

    def best_other(self, message: frozenset[str], entry_id: str, *, questions_only: bool = False) -> float:
        """The best coverage by another entry of the same language and kind."""
        lang, kind = self.language.get(entry_id), entry_id.partition(":")[0]
        return max((self.coverage(message, other, questions_only=questions_only)
                    for other, ol in self.language.items()
                    if ol == lang and other != entry_id and other.partition(":")[0] == kind), default=0.0)


_CACHE: dict[tuple, EntryWords] = {}


def entry_words(tenant: Tenant) -> EntryWords | None:
    """The tenant's entry index, rebuilt when its knowledge files change."""
    if tenant.knowledge_dir is None:
        return None
    key = (tenant.id, str(tenant.knowledge_dir), tenant.knowledge_signature)
    if key not in _CACHE:
        for old in [k for k in _CACHE if k[:2] == key[:2]]:
            del _CACHE[old]
        background: dict[str, list[str]] = {}
        for spec in tenant.taxonomy.intents:
            for lang, texts in spec.examples.items():
                background.setdefault(lang, []).extend(texts)
        _CACHE[key] = EntryWords(load_knowledge(tenant.knowledge_dir).entries, background)
    return _CACHE[key]


def answer_evidence(text: str, hit: KnowledgeHit | None, intent_probs: dict[str, float],
                    tenant: Tenant) -> dict[str, float]:
    """How well `hit` answers `text`: the rarity-weighted share of the message's words its question
    variants hold (an FAQ entry; other kinds: its whole text), the same over everything it says,
    that share minus the best other entry's of its kind and language (a neighbour that fits the
    words better), the n-gram wording overlap, and how likely the entry's intent is."""
    index = entry_words(tenant)
    if hit is None or index is None:
        return {"cover": 0.0, "cover_all": 0.0, "cover_gap": 0.0, "uncovered": 0.0, "wording": 0.0, "intent_fit": 0.0}
    msg = stems(text)
    questions = hit.kind == "faq"
    cover = index.coverage(msg, hit.id, questions_only=questions)
    return {
        "cover": cover,
        "cover_all": index.coverage(msg, hit.id),
        "cover_gap": cover - index.best_other(msg, hit.id, questions_only=questions),
        "uncovered": index.uncovered(msg, hit.id),
        "wording": hit.wording or 0.0,
        "intent_fit": intent_probs.get(hit.intent, 0.0) if hit.intent else 0.0,
    }
