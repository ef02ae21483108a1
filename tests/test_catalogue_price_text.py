"""How a catalogue item's price and duration read in the entry drafts quote (docs/knowledge.md, "catalogue")."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from copilot.catalogue import CatalogueItem
from copilot.knowledge.catalogue_entries import duration_text, price_text
from copilot.locale_format import MoneyStyle


def _van(unit: str) -> CatalogueItem:
    return CatalogueItem.model_validate({
        "id": "van", "kind": "service", "names": {"uk": "Фургон з водієм"}, "unit": {"uk": unit},
        "variants": [{"id": "s", "names": {"uk": "малий"}, "price": 550},
                     {"id": "m", "names": {"uk": "середній"}, "price": "650"}]})


def test_a_unit_written_from_a_slash_is_glued_to_every_price() -> None:
    assert price_text(_van("/год"), "UAH", "uk") == "малий: 550 UAH/год; середній: 650 UAH/год"


def test_a_worded_unit_follows_every_variants_price() -> None:
    # once after the list, newcomers read "UAH 750 per page" as the last variant's unit alone
    assert price_text(_van("за годину"), "UAH", "uk") == "малий: 550 UAH за годину; середній: 650 UAH за годину"


def test_an_armenian_variant_name_ends_with_the_armenian_pause_not_a_colon() -> None:
    hall = CatalogueItem.model_validate({
        "id": "hall", "kind": "room", "names": {"hy": "Լոֆթ դահլիճ"}, "unit": {"hy": "ժամը"},
        "variants": [{"id": "am", "names": {"hy": "աշխատանքային օրերին մինչև 12:00"}, "price": "7 000"},
                     {"id": "pm", "names": {"hy": "մնացած ժամերին"}, "price": "10 000"}]})
    # "12:00:" would read as a time and the Armenian full stop "։"
    assert price_text(hall, "AMD", "hy") == ("աշխատանքային օրերին մինչև 12:00՝ 7 000 AMD ժամը; "
                                             "մնացած ժամերին՝ 10 000 AMD ժամը")


def _callout(**item: object) -> CatalogueItem:
    return CatalogueItem.model_validate({
        "id": "door", "kind": "service", "names": {"uk": "Відкриття дверей", "en": "Door opening"}, **item,
        "variants": [{"id": "flat", "names": {"uk": "квартира", "en": "flat"}, "price": 600, "price_from": True},
                     {"id": "car", "names": {"uk": "авто", "en": "car"}, "price": 1200}]})


def test_a_price_it_starts_from_reads_as_the_business_writes_it() -> None:
    money = MoneyStyle(sign={"uk": "грн", "en": "UAH"}, position={"en": "before"})
    assert price_text(_callout(), "UAH", "uk", style=money, own="UAH") == "квартира: від 600 грн; авто: 1 200 грн"
    assert price_text(_callout(price_from=True), "UAH", "en", style=money, own="UAH") == \
        "flat: from UAH 600; car: from UAH 1,200"  # the item's mark stands for every variant
    tour = CatalogueItem.model_validate({"id": "t", "names": {"hy": "Շրջայց"}, "price": "8 000", "price_from": True})
    assert price_text(tour, "AMD", "hy", style=MoneyStyle(sign={"hy": "դրամ"}), own="AMD") == "սկսած 8 000 դրամից"
    assert price_text(tour, "AMD", "hy", style=MoneyStyle(sign="֏"), own="AMD") == "սկսած 8 000 ֏-ից"


def test_a_price_written_with_words_names_the_mark_for_a_starting_price() -> None:
    with pytest.raises(ValidationError, match="price_from: true"):
        CatalogueItem.model_validate({"id": "door", "names": {"uk": "Відкриття дверей"}, "price": "від 600"})


@pytest.mark.parametrize(("minutes", "lang", "text"), [
    (40, "en", "40 min"), (90, "en", "90 min"), (720, "ru", "12 часов"), (120, "hy", "2 ժամ"),
    (150, "uk", "2 години 30 хв"), (180, "lo", "3 ຊົ່ວໂມງ")])
def test_a_duration_of_two_hours_or_more_reads_in_hours(minutes: int, lang: str, text: str) -> None:
    assert duration_text(minutes, lang) == text  # a day trip is no "720 min" (a newcomer's tour agency)
