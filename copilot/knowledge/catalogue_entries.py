"""Catalogue items as knowledge entries: one per (item, language), so prices and stock are cited (H10).

The catalogue file itself is owned by ``copilot.catalogue`` (the same model feeds field
extraction); it is imported lazily so FAQ-only tenants never load it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from babel.units import format_unit

from ..errors import ConfigError, KnowledgeError
from ..locale_format import MoneyStyle, babel_locale, format_money, price_from
from ..tenant_config import load_tenant_config
from .availability import availability_words
from .entry import Document, Entry

if TYPE_CHECKING:
    from ..catalogue import Catalogue, CatalogueItem

def _load(path: Path) -> Catalogue:
    from ..catalogue import load_catalogue

    try:
        return load_catalogue(path)
    except ConfigError as exc:  # the store reports every bad knowledge file as a KnowledgeError
        raise KnowledgeError(str(exc)) from exc


_MINUTES = {"en": "min", "ru": "мин", "uk": "хв", "hy": "րոպե", "lo": "ນາທີ"}
# What follows a variant's name before its price: Armenian's "՝" ("մինչև 12:00՝ 10 000 ֏"), where a colon after a
# time reads as the Armenian full stop "։".
_NAME_END = {"hy": "՝"}


def duration_text(minutes: int, lang: str) -> str:
    """"40 min", "90 min", "2 hours 30 min", "12 часов": a day trip is not "720 min" (a newcomer's tour agency); under
    two hours, minutes as salons write them."""
    if minutes < 120:
        return f"{minutes} {_MINUTES.get(lang, 'min')}"
    hours, rest = divmod(minutes, 60)
    whole = format_unit(hours, "duration-hour", length="long", locale=babel_locale(lang))
    return f"{whole} {rest} {_MINUTES.get(lang, 'min')}" if rest else whole


def price_text(item: CatalogueItem, currency: str, lang: str, *, style: MoneyStyle | None = None,
               own: str | None = None) -> str:
    """"540 EUR", "250 г: 390 грн; 1 кг: 1 290 грн", "35 000 ֏ за ночь", "малий: 550 грн/год; середній: 650 грн/год":
    numbers grouped for ``lang``, the currency as the business writes it (``style`` for its ``own`` currency). The unit
    follows every price, glued ("/год") or worded ("за годину"): after the last price only, two newcomers read it as
    the last variant's alone."""
    unit = item.unit.get(lang) or item.unit.get("en") or ""
    after = unit if unit.startswith("/") else f" {unit}" if unit else ""

    def money(price: float | str, starting: bool) -> str:
        amount = format_money(price, currency, lang, style=style, own=own)
        return (price_from(amount, lang) if starting else amount) + after

    if item.variants:
        return "; ".join(f"{v.names.get(lang) or next(iter(v.names.values()))}{_NAME_END.get(lang, ':')} "
                         f"{money(v.price, v.price_from or item.price_from)}" for v in item.variants)
    return "" if item.price is None else money(item.price, item.price_from)


def catalogue_entries(path: Path, rel: str) -> list[Entry]:
    catalogue = _load(path)
    # Stock wording in the entry's own language (knowledge/availability.yaml, the tenant's first):
    # the text is quoted verbatim in drafts (H10, H12).
    availability = availability_words(path.parent)
    try:  # a tenant's knowledge/ sits beside its tenant.yaml, which says how it writes its currency
        config = load_tenant_config(path.parent.parent)
    except ConfigError as exc:
        raise KnowledgeError(str(exc)) from exc
    own = config.currency or catalogue.currency
    out: list[Entry] = []
    for pos, item in enumerate(catalogue.items):
        currency = catalogue.currency
        for lang, name in item.names.items():
            summary = item.summaries.get(lang, "")
            parts = [name] + [p for p in [price_text(item, currency, lang, style=config.money, own=own)] if p]
            if item.duration_minutes:
                parts.append(duration_text(item.duration_minutes, lang))
            if summary:
                parts.append(summary)
            if item.kind == "product" and item.stock is not None:  # "in stock" only where stock exists
                parts.append(availability.say("in_stock" if item.stock > 0 else "out_of_stock", lang))
            text = " — ".join(parts)
            # Embed what a customer would type: the name, aliases and summary, not the price words.
            variant_names = [v.names.get(lang, "") for v in item.variants]
            doc = " — ".join([name, *item.aliases[:5], *([summary] if summary else []), *filter(None, variant_names)])
            extra: dict[str, str | int | float | bool] = {
                "item_id": item.id,
                "price": item.amount,
                "currency": currency,
                "stock": item.stock if item.stock is not None else -1,
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
