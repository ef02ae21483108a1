"""Does any of the tenant's FAQ entries stand out for this message, or does the message land in a crowd?

multilingual-e5-small packs Lao texts so close together that a question nothing in the knowledge
answers ("ມີສະລອຍນ້ຳບໍ່", do you have a swimming pool?) scores as high against a neighbouring entry
(the waterfall tour, 0.955) as a paraphrase does against its own. In absolute terms they cannot be
told apart; against the same tenant's other entries they can: for a question the knowledge answers,
the best entry stands out from the rest; for an unanswerable one, the best is one of a crowd. The
standing is the best entry's cosine (each entry its best document, the message's language) minus the
mean of the other entries', in standard deviations of theirs: a per-tenant, per-message normalisation.
It is the best by cosine, not the entry ranking picked (lexical, translation and intent votes may pick
a neighbour of it): those votes keep deciding which entry; the standing says whether any.

On the development packs (benchmarks/bench_tenants.py), right answers quoted stand 2.2 or more but
one (1.45, a Lao check-out question the translation votes answer); the Lao unanswerable questions'
1.55-1.67; the demo shop's right answers (retrieval_dev, off_topic_dev on_topic) 1.88 or more. Below
MIN_ENTRIES entries the crowd is too small to say (a standing is bounded by the number of entries),
so none is given.
"""

from __future__ import annotations

import numpy as np

MIN_ENTRIES = 8  # FAQ entries in the message's language needed for a standing


def standing(message_vector: np.ndarray, ids: list[str], matrix: np.ndarray, starts: np.ndarray) -> float | None:
    """The best entry's standing among the language's FAQ entries (`words.TenantWords.faq_vectors`), or None."""
    if len(ids) < MIN_ENTRIES:
        return None
    sims = matrix @ np.asarray(message_vector, dtype=np.float32).reshape(-1)
    best = np.maximum.reduceat(sims, starts)
    i = int(best.argmax())
    others = np.delete(best, i)
    spread = float(others.std())
    return round(float(best[i] - others.mean()) / spread, 4) if spread > 0 else None
