"""Which request a picked option stands for, when the option is one of our own routing templates'.

"(1) prices, (2) booking, (3) help with an order" → "2" is a booking. One word ("запись",
"ການຈອງ") is too little for the classifier (it reads "запись" as a greeting), but the template
that offered it says where each option leads (`routes` in templates/<lang>.yaml).
"""

from __future__ import annotations

from functools import lru_cache

from typing import TYPE_CHECKING

from .rules.text import labelled_options, tokens
from .templates import TemplateLibrary

if TYPE_CHECKING:
    from .dialogue import DialogueState

_STEM = 4  # words match on their first letters: "запись" / "записи", "booking" / "bookings"
_MIN_OVERLAP = 0.5


def _stems(text: str) -> frozenset[str]:
    return frozenset(t.norm[:_STEM] for t in tokens(text) if len(t.norm) > 1)


@lru_cache(maxsize=64)
def _route_table(library_id: int, pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[frozenset[str], str]]:
    table = []
    for text, routes in pairs:
        for (_, option), intent in zip(labelled_options(text), routes):
            table.append((_stems(option), intent))
    return table


def routed_intent(option: str, templates: TemplateLibrary) -> str | None:
    """The intent a routing template assigns to ``option`` (matched on its words), or None."""
    pairs = tuple((text, tuple(routes)) for text, routes in templates.routes())
    want = _stems(option)
    if not want or not pairs:
        return None
    best, best_score = None, 0.0
    for stems, intent in _route_table(id(templates), pairs):
        if not stems:
            continue
        score = len(want & stems) / len(want | stems)
        if score > best_score:
            best, best_score = intent, score
    return best if best_score >= _MIN_OVERLAP else None


def routed_by_place(state: DialogueState, templates: TemplateLibrary, known: frozenset[str]) -> str | None:
    """The intent at the picked option's place, when our message offered as many options as the
    routing template does (an agent's own wording of the same menu). Only menus whose intents are all
    ``known``: a tenant with its own taxonomy still has the default menus of the languages it does not serve."""
    ours = state.last_ours
    if ours is None or state.choice is None:
        return None
    labels = list(ours.options)
    routes = {tuple(r) for _, r in templates.routes() if len(r) == len(labels) and known.issuperset(r)}
    if len(routes) != 1 or state.choice not in labels:
        return None
    return next(iter(routes))[labels.index(state.choice)]
