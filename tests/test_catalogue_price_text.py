"""How a catalogue item's price reads in the entry drafts quote (docs/knowledge.md, "catalogue")."""

from __future__ import annotations

from copilot.catalogue import CatalogueItem
from copilot.knowledge.catalogue_entries import price_text


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
