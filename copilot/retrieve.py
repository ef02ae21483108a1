"""Stage 2 — retrieve: the tenant's knowledge for this message, with the vector understand made."""

from __future__ import annotations

from .answer_coverage import mark_unmatched
from .knowledge.files import KINDS
from .models import KnowledgeHit
from .resources import Resources, Tenant
from .understand import Understanding

_OPTIONS_MIN_SCORE = 0.8
_NOT_CATALOGUE = tuple(k for k in KINDS if k != "catalogue")


def retrieve(resources: Resources, u: Understanding, tenant: Tenant) -> list[KnowledgeHit]:
    """Stage 2: the tenant's knowledge nearest to the customer's message, in their language first.
    A product the customer named leads for price and stock questions: its catalogue entry is the
    fact to quote (H10), whatever FAQ happens to sit nearer in embedding space."""
    if tenant.knowledge_dir is None:
        return []
    # "How much is a bike?" wants products; "how much is delivery?" wants the FAQ. Price questions
    # all sit close in embedding space, so the deciding signal is whether they name what we sell.
    wants_products = bool(tenant.catalogue and tenant.catalogue.mentions_products(u.text))
    # The catalogue is consulted for product questions only (each kind costs a Chroma query).
    use = u.spec.catalogue if u.spec else "none"  # how the intent uses the catalogue (taxonomy `catalogue:`)
    kinds = KINDS if wants_products or use != "none" else _NOT_CATALOGUE
    hits = resources.store.search(u.vector, tenant=tenant.id, language=u.language.code, k=3, kinds=kinds,
                                  text=u.text, intents=u.intent.probabilities(), taxonomy=tenant.taxonomy,
                                  business=tenant.business)
    if wants_options(u) and wants_products:
        # No product named: the two nearest catalogue items make a decision package (M3).
        # A lower floor than for quoting one item: these are offered, not asserted.
        items = resources.store.search(u.vector, tenant=tenant.id, language=u.language.code, k=4,
                                       kinds=("catalogue",), min_score=_OPTIONS_MIN_SCORE, text=u.text)
        hits = [*items, *(h for h in hits if h.kind != "catalogue")][:4]
    # The top FAQ entry is quoted only if it speaks about what was asked (copilot/answer_coverage.py).
    mark_unmatched(hits, vector=u.vector, text=u.text, language=u.language.code, store=resources.store,
                   tenant=tenant.id, taxonomy=tenant.taxonomy, embedder=resources.embedder)
    product = u.fields.get("product")
    if product and use in ("facts", "options"):
        named = resources.store.get(f"catalogue:{product}:{u.language.code}", tenant=tenant.id)
        if named:
            hits = [named, *(h for h in hits if h.id != named.id)][:3]
    return hits


def wants_options(u: Understanding) -> bool:
    """No item named where the intent offers options (M3): two catalogue items make a decision package."""
    return bool(u.spec and u.spec.catalogue == "options" and "product" in u.missing)

