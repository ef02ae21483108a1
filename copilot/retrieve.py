"""Stage 2 — retrieve: the tenant's knowledge for this message, with the vector understand made."""

from __future__ import annotations

from .knowledge.files import KINDS
from .models import KnowledgeHit
from .resources import Resources, Tenant
from .understand import Understanding

_OPTIONS_MIN_SCORE = 0.8
# Intents answered from the catalogue entry of a named product (price, stock).
_PRODUCT_FACTS = {"pricing", "availability", "info"}
_CATALOGUE_INTENTS = _PRODUCT_FACTS | {"estimate", "other", "greeting"}
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
    kinds = KINDS if wants_products or u.intent.id in _CATALOGUE_INTENTS else _NOT_CATALOGUE
    hits = resources.store.search(u.vector, tenant=tenant.id, language=u.language.code, k=3, kinds=kinds,
                                  text=u.text, intents=u.intent.probabilities())
    if u.intent.id == "pricing" and "product" in u.missing and wants_products:
        # No product named: the two nearest catalogue items make a decision package (M3).
        # A lower floor than for quoting one item: these are offered, not asserted.
        items = resources.store.search(u.vector, tenant=tenant.id, language=u.language.code, k=4,
                                       kinds=("catalogue",), min_score=_OPTIONS_MIN_SCORE, text=u.text)
        hits = [*items, *(h for h in hits if h.kind != "catalogue")][:4]
    product = u.fields.get("product")
    if product and u.intent.id in _PRODUCT_FACTS:
        named = resources.store.get(f"catalogue:{product}:{u.language.code}", tenant=tenant.id)
        if named:
            hits = [named, *(h for h in hits if h.id != named.id)][:3]
    return hits
