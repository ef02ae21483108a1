"""The business catalogue (``demo/catalogue.yaml``): products, attributes, stock, delivery cities.

Matching finds what a customer names in free text: a product, an attribute value (size, colour)
or a delivery city, by the rules of ``copilot.name_match`` (inflection, typos, Lao substrings, other scripts).
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from .errors import ConfigError, validation_problems
from .locale_format import parse_number
from .name_match import Phrase, fold, is_lao, normalise, same_word, words
from .segment import word_count
from .yaml_fast import safe_load

# Letters only, Lao's vowel and tone marks too ("ຊຸດເຈົ້າສາວ": str.isalpha() is False for its marks).
_LETTERS = re.compile(r"(?:[^\W\d_]|[\u0E80-\u0ECF])+")

_REMARK = re.compile(r"\s*\([^)]*\)")  # "trekking poles (pair)": what the name says beside the thing

# Canonical colour -> how customers name it (H12: every shipped language). Lao needs the ສີ
# ("colour") prefix: bare colour syllables occur inside unrelated Lao words.
COLOUR_SYNONYMS: dict[str, tuple[str, ...]] = {
    "black": ("black", "чёрный", "чорний", "սև", "ສີດຳ"),
    "white": ("white", "белый", "білий", "սպիտակ", "ສີຂາວ"),
    "red": ("red", "красный", "червоний", "կարմիր", "ສີແດງ"),
    "blue": ("blue", "синий", "голубой", "синій", "блакитний", "կապույտ", "ສີຟ້າ"),
    "green": ("green", "зелёный", "зелений", "կանաչ", "ສີຂຽວ"),
    "yellow": ("yellow", "жёлтый", "жовтий", "դեղին", "ສີເຫຼືອງ"),
    "grey": ("grey", "gray", "серый", "сірий", "մոխրագույն", "ສີເທົາ"),
    "orange": ("orange", "оранжевый", "помаранчевий", "նարնջագույն", "ສີສົ້ມ"),
    "pink": ("pink", "розовый", "рожевий", "վարդագույն", "ສີບົວ"),
    "purple": ("purple", "фиолетовый", "фіолетовий", "մանուշակագույն", "ສີມ່ວງ"),
    "brown": ("brown", "коричневый", "коричневий", "շագանակագույն", "ສີນ້ຳຕານ"),
    "silver": ("silver", "серебристый", "сріблястий", "արծաթագույն", "ສີເງິນ"),
}
# Cyrillic look-alikes: "размер М" is usually typed on a Cyrillic keyboard.
SIZE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "S": ("small", "с"), "M": ("medium", "м"), "L": ("large", "л"), "XL": ("extra large", "хл"),
}
# A bare one-letter size ("m") is only a size right after one of these words.
SIZE_MARKERS = ("size", "sz", "размер", "размера", "розмір", "розміру", "չափս", "չափսը", "ຂະໜາດ", "ໄຊ")

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)  # `id: 150` is an id, not an error


def _written_price(v: Any) -> Any:
    """A price as the business writes it ("22 000", "1 250,50") or a number; kept as written."""
    if isinstance(v, str) and parse_number(v) is None:
        raise ValueError(f"price {v!r} is not a number (write it as the business does: 22 000, 5,500,000, 1 250.50; "
                         "a price it starts from, \"від 600 грн\", is the number with `price_from: true`)")
    return v


WrittenPrice = Annotated[float | str, BeforeValidator(_written_price)]


def price_amount(price: float | str) -> float:
    if isinstance(price, str):
        return parse_number(price) or 0.0  # validated on load (`_written_price`)
    return float(price)


_SPANS_KEPT = 256


class Variant(_Model):
    """A size, weight, room type or package with its own price (250 g / 1 kg; per night)."""

    id: str = Field(min_length=1)
    names: dict[str, str] = Field(description="Display name per language code, e.g. {en: 250 g, uk: 250 г}.")
    aliases: list[str] = Field(default_factory=list)
    price: WrittenPrice
    price_from: bool = Field(default=False, description="The price is where it starts: \"from UAH 600\".")


class CatalogueItem(_Model):
    id: str = Field(min_length=1)
    kind: Literal["product", "service", "room"] = Field(
        default="product", description="Only products have stock; a service or a room is booked, not in stock.")
    names: dict[str, str] = Field(description="Display name per language code.")
    aliases: list[str] = Field(default_factory=list, description="Other ways customers name it, any language.")
    price: WrittenPrice | None = Field(default=None, description="As the business writes it; or per variant.")
    price_from: bool = Field(default=False, description="Its price, or every variant's, is where it starts: "
                                                        "\"від 600 грн\", \"from UAH 600\".")
    unit: dict[str, str] = Field(default_factory=dict, description="What the price is for, per language: per night.")
    variants: list[Variant] = Field(default_factory=list)
    duration_minutes: int | None = Field(default=None, gt=0, description="How long a service or visit takes.")
    attributes: dict[str, list[str]] = Field(default_factory=dict, description="e.g. size: [S, M, L].")
    stock: int | None = Field(default=None, ge=0, description="Products: units in stock (0 = out of stock).")
    summaries: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _priced_once(self) -> CatalogueItem:
        if self.price is not None and self.variants:
            raise ValueError(f"item {self.id!r}: give a price or variants with their prices, not both")
        if self.kind != "product" and self.stock is not None:
            raise ValueError(f"item {self.id!r}: a {self.kind} has no stock; drop `stock`")
        return self

    @property
    def priced(self) -> bool:
        return self.price is not None or bool(self.variants)

    @property
    def prices(self) -> list[float]:
        """Its price, or each variant's (none when unpriced)."""
        return [price_amount(self.price)] if self.price is not None else [price_amount(v.price) for v in self.variants]

    @property
    def amount(self) -> float:
        """The price to compare or offer: the item's, or its cheapest variant's (0 when unpriced)."""
        return min(self.prices, default=0.0)

    @property
    def offerable(self) -> bool:
        """Can it be offered now as an option (M3): priced, and a service or room, or a product with units left."""
        return self.priced and (self.kind != "product" or (self.stock or 0) > 0)

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or next(iter(self.names.values()), self.id)


class City(_Model):
    id: str = Field(min_length=1)
    names: dict[str, str]
    delivery_days: int | None = Field(default=None, ge=0, description="Kept for the business's own records: drafts "
                                      "quote delivery times from its FAQ entry, never from here.")


class Catalogue(_Model):
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code of every price.")
    items: list[CatalogueItem] = Field(default_factory=list)
    cities: list[City] = Field(default_factory=list)
    _phrase_cache: dict[tuple[str, str], list[Phrase]] = PrivateAttr(default_factory=dict)
    # The item a message names, asked several times a request (fields, retrieval, the price and item readings).
    _span_cache: dict[tuple[str, str], tuple[CatalogueItem, tuple[int, int]] | None] = PrivateAttr(default_factory=dict)

    def item(self, item_id: str) -> CatalogueItem | None:
        return next((it for it in self.items if it.id == item_id), None)

    def item_of(self, knowledge_id: str) -> CatalogueItem | None:
        """The item a catalogue knowledge entry (`catalogue:<item>:<language>`) is about; None for any other."""
        kind, _, rest = knowledge_id.partition(":")
        return self.item(rest.rsplit(":", 1)[0]) if kind == "catalogue" else None

    # -- matching ---------------------------------------------------------------------------
    def match_product(self, text: str, language: str) -> CatalogueItem | None:
        """The item the text names (longest name or alias found wins; the language's own name first)."""
        found = self.find_product_span(text, language)
        return found[0] if found else None

    def match_city(self, text: str, language: str) -> City | None:
        """The delivery city the text names, in any language and grammatical case."""
        return self._best(text, language, self._city_phrases)

    def match_attribute(
        self, attribute: str, text: str, language: str, *, item: CatalogueItem | None = None
    ) -> str | None:
        """The value of ``attribute`` (e.g. size, colour) the text names, as the catalogue writes it."""
        values = self._values(attribute, item)
        if not values:
            return None
        folded = fold(text)
        best: tuple[int, int, str] | None = None  # (start, -length, value): earliest mention wins
        for value in values:
            for phrase in self._value_phrases(attribute, value):
                span = phrase.find(folded)
                if span and (attribute != "size" or _is_size_mention(text, span, phrase)):
                    key = (span[0], span[0] - span[1], value)
                    best = min(best, key) if best else key
        return best[2] if best else None

    def match_size(self, text: str, language: str, *, item: CatalogueItem | None = None) -> str | None:
        return self.match_attribute("size", text, language, item=item)

    def match_colour(self, text: str, language: str, *, item: CatalogueItem | None = None) -> str | None:
        return self.match_attribute("colour", text, language, item=item)

    def find_product_span(self, text: str, language: str) -> tuple[CatalogueItem, tuple[int, int]] | None:
        """Like ``match_product`` but also where in ``text`` the name was found."""
        cache, key = self._span_cache, (text, language)
        if key not in cache:
            if len(cache) >= _SPANS_KEPT:  # a long-running server: keep only recent messages
                cache.clear()
            cache[key] = self._best(text, language, self._product_phrases, with_span=True) \
                or self._best(text, language, self._variant_phrases, with_span=True)
        return cache[key]

    @cached_property
    def name_words(self) -> frozenset[str]:
        """Words of product names and aliases (4+ letters): nouns customers count ("20 trekkings")."""
        words = {w for item in self.items for n in (*item.names.values(), *item.aliases) for w in normalise(n).split()}
        return frozenset(w for w in words if len(w) >= 4 and _LETTERS.fullmatch(w))

    def mentions_products(self, text: str) -> bool:
        """Does the text name a kind of thing the catalogue sells ("bike", "велосипед", "helmet", "kofe")?"""
        folded = normalise(text)
        if is_lao(folded):  # no spaces in Lao: look for the name words inside the text
            return any(w in folded for w in self.name_words if is_lao(w))
        said = set(words(folded))
        return any(same_word(name, word) for name in self.name_words for word in said)

    # -- internals --------------------------------------------------------------------------
    @cached_property
    def _product_phrases(self) -> list[tuple[Any, str | None, Phrase]]:
        out: list[tuple[Any, str | None, Phrase]] = []
        for item in self.items:
            out += [(item, lang, Phrase(name)) for lang, name in item.names.items()]
            out += [(item, None, Phrase(alias)) for alias in item.aliases]
        return out

    @cached_property
    def _variant_phrases(self) -> list[tuple[Any, str | None, Phrase]]:
        """A variant's name or alias names its item when no item name does, if no other item has it, it has no digit
        and is more than a word: "intercom fob" is the key copy's variant; "1 kg" (every coffee's) or "2 guests"
        count, and "ceramic" or "child" say which, never what. A name's remark in brackets need not be said: "trekking
        poles" names "trekking poles (pair)"."""
        def said(v: Variant) -> set[str]:
            return {form for phrase in (*v.names.values(), *v.aliases)
                    for form in (phrase, _REMARK.sub("", phrase).strip()) if form}

        owners: dict[str, set[str]] = {}
        for item in self.items:
            for v in item.variants:
                for phrase in said(v):
                    owners.setdefault(fold(phrase), set()).add(item.id)
        return [(item, None, Phrase(phrase)) for item in self.items for v in item.variants
                for phrase in sorted(said(v))
                if len(owners[fold(phrase)]) == 1 and not any(ch.isdigit() for ch in phrase)
                and word_count(normalise(phrase)) > 1]

    @cached_property
    def _city_phrases(self) -> list[tuple[Any, str | None, Phrase]]:
        return [(city, lang, Phrase(name)) for city in self.cities for lang, name in city.names.items()]

    def _best(self, text: str, language: str, phrases: list[tuple[Any, str | None, Phrase]], *,
              with_span: bool = False) -> Any:
        folded = fold(text)
        best: tuple[tuple[int, int], Any, tuple[int, int]] | None = None
        for obj, lang, phrase in phrases:
            span = phrase.find(folded)
            if span:
                rank = (span[1] - span[0], lang == language)
                if best is None or rank > best[0]:
                    best = (rank, obj, span)
        if best is None:
            return None
        return (best[1], best[2]) if with_span else best[1]

    def _values(self, attribute: str, item: CatalogueItem | None) -> list[str]:
        items = [item] if item else self.items
        seen: dict[str, None] = {}
        for it in items:
            for value in it.attributes.get(attribute, []):
                seen[value] = None
        return list(seen)

    def _value_phrases(self, attribute: str, value: str) -> list[Phrase]:
        cache = self._phrase_cache
        key = (attribute, value)
        if key not in cache:
            synonyms = {"colour": COLOUR_SYNONYMS, "color": COLOUR_SYNONYMS, "size": SIZE_SYNONYMS}.get(attribute, {})
            names = (value, *synonyms.get(normalise(value), synonyms.get(value, ())))
            cache[key] = [Phrase(n) for n in names]
        return cache[key]


def _is_size_mention(text: str, span: tuple[int, int], phrase: Phrase) -> bool:
    """A one- or two-letter size ("M", "xl") counts only upper-case or right after a size word."""
    if len(phrase.text) > 2 or phrase.text.isdigit():
        return True
    before = normalise(text[: span[0]]).split()[-1:]
    if before and before[0].strip(":-") in SIZE_MARKERS:
        return True
    return text[span[0] : span[1]].isupper()


def load_catalogue(path: Path) -> Catalogue:
    """Read and validate a catalogue file; a bad key or value is a ConfigError naming file and key."""
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"Cannot read catalogue {str(path)!r}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"Catalogue {str(path)!r} is not valid YAML: {exc}") from exc
    try:
        catalogue = Catalogue.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {validation_problems(exc, Catalogue, data)}") from None
    return catalogue
