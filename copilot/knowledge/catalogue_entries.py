"""Catalogue items as knowledge entries: one per (item, language), so prices and stock are cited (H10).

The catalogue file itself is owned by ``copilot.catalogue`` (the same model feeds field
extraction); it is imported lazily so FAQ-only tenants never load it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError, KnowledgeError
from .entry import Document, Entry

if TYPE_CHECKING:
    from ..catalogue import Catalogue

# Stock wording in the entry's own language: the text is quoted verbatim in drafts (H10, H12).
_STOCK = {
    "en": ("in stock", "out of stock"),
    "ru": ("в наличии", "нет в наличии"),
    "uk": ("в наявності", "немає в наявності"),
    "hy": ("առկա է", "առկա չէ"),
    "lo": ("ມີສິນຄ້າ", "ສິນຄ້າໝົດ"),
}


def _load(path: Path) -> Catalogue:
    from ..catalogue import load_catalogue

    try:
        return load_catalogue(path)
    except ConfigError as exc:  # the store reports every bad knowledge file as a KnowledgeError
        raise KnowledgeError(str(exc)) from exc


def format_price(amount: float) -> str:
    return f"{amount:.0f}" if float(amount).is_integer() else f"{amount:.2f}"


def catalogue_entries(path: Path, rel: str) -> list[Entry]:
    catalogue = _load(path)
    out: list[Entry] = []
    for pos, item in enumerate(catalogue.items):
        currency = catalogue.currency
        for lang, name in item.names.items():
            summary = item.summaries.get(lang, "")
            parts = [name, f"{format_price(item.price)} {currency}"]
            if summary:
                parts.append(summary)
            yes, no = _STOCK.get(lang, _STOCK["en"])
            parts.append(yes if item.stock > 0 else no)
            text = " — ".join(parts)
            # Embed what a customer would type: the name, aliases and summary, not the price words.
            doc = " — ".join([name, *item.aliases[:5], *([summary] if summary else [])])
            extra: dict[str, str | int | float | bool] = {
                "item_id": item.id,
                "price": float(item.price),
                "currency": currency,
                "stock": item.stock,
            }
            out.append(
                Entry(
                    id=f"catalogue:{item.id}:{lang}",
                    kind="catalogue",
                    language=lang,
                    title=name,
                    text=text,
                    source=rel,
                    position=pos,
                    documents=(Document(doc, "item"),),
                    extra=extra,
                )
            )
    return out
