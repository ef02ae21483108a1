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


def test_a_worded_unit_follows_the_list_of_variants_once() -> None:
    assert price_text(_van("за годину"), "UAH", "uk") == "малий: 550 UAH; середній: 650 UAH за годину"
