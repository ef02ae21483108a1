"""Does the quoted knowledge entry answer the question? Lexical evidence for `send_confidence`.

The embedding ranks a neighbouring entry first about as often as an off-topic one ("is the pharmacy
next to your shop open on sunday" sits next to "are you open on sunday"), so it cannot also be the
judge of its own pick. The customer's own words can: a right answer's entry (its question variants,
answer, title and tags) holds most of the question's content words, weighted by how rare they are
among the tenant's entries; a neighbouring entry or an off-topic question leaves the rare ones
uncovered, or another entry covers them better. Words are compared by their first letters (the
same crude stem `vocabulary.py` uses: "доставку" ~ "доставка"); Lao is segmented into words by
`segment.words` (LaoNLP). The words and their rarity come from the tenant's index the store builds
(`knowledge/words.py`). Measured on the dev sets' quoted drafts, cross-fitted
(`benchmarks/bench_send_confidence.py --levers`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .knowledge.words import TenantWords, stems

if TYPE_CHECKING:
    from .models import KnowledgeHit
    from .taxonomy import Taxonomy

__all__ = ["answer_evidence", "stems"]


class _Check:
    """One message's stems against the tenant's entries (`TenantWords`, built by the store)."""

    def __init__(self, index: TenantWords, taxonomy: Taxonomy, message: frozenset[str], business: str) -> None:
        self.index = index
        self.language = index.language
        self.rarity = index.rarity(taxonomy, business)
        self.message = message

    def coverage(self, entry_id: str, *, questions_only: bool = False) -> float:
        """Share of the message's stems (weighted by rarity) the entry holds, 0..1."""
        return self.index.coverage(self.message, entry_id, self.rarity, questions_only=questions_only)

    def uncovered(self, entry_id: str) -> float:
        """The rarest of the message's stems the entry does not hold, as a share of the rarest
        possible (0 when the entry holds them all): the object an off-topic question names."""
        doc = self.index.stem_doc(entry_id)
        if doc is None or not self.message:
            return 0.0
        lang = self.language[entry_id]
        top = self.rarity.idf("", lang) or 1.0  # a stem no document uses
        return max((self.rarity.idf(s, lang) / top for s in self.message if s not in doc.everything), default=0.0)

    def best_other(self, entry_id: str, *, questions_only: bool = False) -> float:
        """The best coverage by another entry of the same language and kind."""
        lang, kind = self.language.get(entry_id), entry_id.partition(":")[0]
        return max((self.coverage(other, questions_only=questions_only)
                    for other, ol in self.language.items()
                    if ol == lang and other != entry_id and other.partition(":")[0] == kind), default=0.0)


def answer_evidence(text: str, hit: KnowledgeHit | None, intent_probs: dict[str, float], taxonomy: Taxonomy,
                    index: TenantWords | None, business: str = "") -> dict[str, float]:
    """How well `hit` answers `text`: the rarity-weighted share of the message's words its question
    variants hold (an FAQ entry; other kinds: its whole text), the same over everything it says,
    that share minus the best other entry's of its kind and language (a neighbour that fits the
    words better), the n-gram wording overlap, and how likely the entry's intent is. `index`: the
    tenant's words (`KnowledgeStore.words`; None without knowledge); `business`: its name (`Rarity`)."""
    if hit is None or index is None:
        return {"cover": 0.0, "cover_all": 0.0, "cover_gap": 0.0, "uncovered": 0.0, "wording": 0.0, "intent_fit": 0.0}
    check = _Check(index, taxonomy, stems(text), business)
    questions = hit.kind == "faq"
    cover = check.coverage(hit.id, questions_only=questions)
    return {
        "cover": cover,
        "cover_all": check.coverage(hit.id),
        "cover_gap": cover - check.best_other(hit.id, questions_only=questions),
        "uncovered": check.uncovered(hit.id),
        "wording": hit.wording or 0.0,
        "intent_fit": intent_probs.get(hit.intent, 0.0) if hit.intent else 0.0,
    }
