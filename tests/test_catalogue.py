"""The catalogue file: validation that names file and key, and matching of what customers write."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.catalogue import Catalogue, load_catalogue
from copilot.errors import ConfigError

CATALOGUE_YAML = """\
currency: EUR
items:
  - id: bike-city-3
    names: {en: "City 3 bike", ru: "велосипед City 3", uk: "велосипед City 3", hy: "City 3 հեծանիվ", lo: "ລົດຖີບ City 3"}
    aliases: ["city 3", "сити 3", "сіті 3"]
    price: 540
    attributes: {size: [S, M, L], colour: [black, green]}
    stock: 4
    summaries: {en: "3-speed city bike with rack and lights"}
  - id: bike-trek-7
    names: {en: "Trekking 7 bike", ru: "треккинговый велосипед Trek 7"}
    aliases: ["trek 7"]
    price: 890
    attributes: {size: [M, L, XL], colour: [grey]}
  - id: helmet-pro
    names: {en: "Pro helmet", ru: "шлем Pro", uk: "шолом Pro", hy: "Pro սաղավարտ", lo: "ໝວກກັນກະທົບ Pro"}
    price: 60
    attributes: {size: [M, L], colour: [black, white, red]}
cities:
  - id: yerevan
    names: {en: Yerevan, ru: Ереван, uk: Єреван, hy: Երևան, lo: ເຢເຣວານ}
    delivery_days: 1
  - id: lviv
    names: {en: Lviv, ru: Львов, uk: Львів}
    delivery_days: 3
  - id: kyiv
    names: {en: Kyiv, ru: Киев, uk: Київ}
    delivery_days: 2
  - id: moscow
    names: {en: Moscow, ru: Москва, uk: Москва}
    delivery_days: 4
  - id: vientiane
    names: {en: Vientiane, lo: ວຽງຈັນ}
    delivery_days: 2
"""


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    path = tmp_path / "catalogue.yaml"
    path.write_text(CATALOGUE_YAML, encoding="utf-8")
    return load_catalogue(path)


def test_a_valid_file_loads_into_typed_models(catalogue):
    assert catalogue.currency == "EUR"
    city3 = catalogue.items[0]
    assert (city3.id, city3.price, city3.stock) == ("bike-city-3", 540, 4)
    assert city3.attributes["size"] == ["S", "M", "L"]
    assert city3.name("hy") == "City 3 հեծանիվ"
    assert catalogue.items[1].name("lo") == "Trekking 7 bike"  # falls back to English
    assert [c.id for c in catalogue.cities][:2] == ["yerevan", "lviv"]


@pytest.mark.parametrize(
    ("yaml_text", "key"),
    [
        (CATALOGUE_YAML.replace("    stock: 4\n", "    stok: 4\n"), "items.0(bike-city-3).stok"),  # typo in a key; the item named by its id
        (CATALOGUE_YAML.replace("price: 540", "price: cheap"), "items.0(bike-city-3).price"),
        (CATALOGUE_YAML.replace("delivery_days: 1", "delivery_days: -1"), "cities.0(yerevan).delivery_days"),
        (CATALOGUE_YAML.replace("currency: EUR", "currency: euro"), "currency"),
    ],
)
def test_invalid_data_is_a_config_error_naming_file_and_key(tmp_path, yaml_text, key):
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_catalogue(path)
    assert str(path) in str(err.value)
    assert key in str(err.value)


def test_a_numeric_id_is_read_as_an_id(tmp_path):
    path = tmp_path / "catalogue.yaml"
    path.write_text(CATALOGUE_YAML.replace("id: bike-city-3", "id: 150"), encoding="utf-8")
    assert load_catalogue(path).items[0].id == "150"


@pytest.mark.parametrize(("written", "amount"), [
    ("250,000", 250_000), ("5,500,000", 5_500_000), ("22 000", 22_000), ("1 250,50", 1250.5), ("1,250.50", 1250.5),
    ("5.500.000", 5_500_000),
])
def test_a_price_is_read_as_the_business_groups_its_digits_and_kept_as_written(tmp_path, written, amount):
    path = tmp_path / "catalogue.yaml"
    path.write_text(CATALOGUE_YAML.replace("price: 540", f'price: "{written}"'), encoding="utf-8")
    city3 = load_catalogue(path).items[0]
    assert (city3.price, city3.amount) == (written, amount)


def test_a_missing_or_broken_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="Cannot read"):
        load_catalogue(tmp_path / "nope.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("items: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_catalogue(broken)


PRODUCTS = [
    ("en", "do you have the City 3 in M?", "bike-city-3"),
    ("en", "how much is the trek 7", "bike-trek-7"),
    ("ru", "хочу сити 3, есть в наличии?", "bike-city-3"),
    ("ru", "сколько стоит велосипед City 3?", "bike-city-3"),
    ("ru", "есть шлем Pro?", "helmet-pro"),
    ("uk", "чи є шолом Pro чорного кольору", "helmet-pro"),
    ("hy", "City 3 հեծանիվը կա՞", "bike-city-3"),
    ("hy", "Pro սաղավարտ ունե՞ք", "helmet-pro"),
    ("lo", "ລົດຖີບ City 3 ມີບໍ່", "bike-city-3"),
    ("lo", "ໝວກກັນກະທົບ Pro ລາຄາເທົ່າໃດ", "helmet-pro"),
    # a two-word name the other way round, inflected ("красного Арени" for "Арени красное")
    ("ru", "а сколько Pro шлема стоит?", "helmet-pro"),
    ("en", "how much is the helmet pro", "helmet-pro"),
]


@pytest.mark.parametrize(("language", "text", "expected"), PRODUCTS)
def test_product_is_matched_by_name_or_alias(catalogue, language, text, expected):
    item = catalogue.match_product(text, language)
    assert item is not None and item.id == expected


@pytest.mark.parametrize("text", ["do you sell city bikes?", "I'm fine thanks", "шлем есть?", "city 4"])
def test_unnamed_products_do_not_match(catalogue, text):
    assert catalogue.match_product(text, "en") is None


CITIES = [
    ("en", "deliver to yerevan pls", "yerevan"),
    ("ru", "доставка в Ереване есть?", "yerevan"),  # prepositional case
    ("ru", "а в Еревне?", "yerevan"),  # a typo
    ("ru", "отправите до Москвы?", "moscow"),
    ("ru", "в Москве забрать можно", "moscow"),
    ("uk", "до Львова скільки днів", "lviv"),  # і/о alternation
    ("uk", "а в Києві є?", "kyiv"),
    ("uk", "доставка в Єревані", "yerevan"),
    ("hy", "Երևանում առաքում կա՞", "yerevan"),
    ("hy", "Երևանից եմ", "yerevan"),
    ("lo", "ສົ່ງໄປວຽງຈັນໄດ້ບໍ່", "vientiane"),
    ("lo", "ສົ່ງ ເຢເຣວານ ໄດ້ບໍ່", "yerevan"),
]


@pytest.mark.parametrize(("language", "text", "expected"), CITIES)
def test_city_is_matched_in_any_case_form(catalogue, language, text, expected):
    city = catalogue.match_city(text, language)
    assert city is not None and city.id == expected


@pytest.mark.parametrize(("language", "text"), [("ru", "ерунда какая-то"), ("en", "levels"), ("uk", "київська")])
def test_unrelated_words_are_not_cities(catalogue, language, text):
    assert catalogue.match_city(text, language) is None


COLOURS = [
    ("en", "the Black one", "black"),
    ("ru", "чёрный есть?", "black"),
    ("ru", "хочу в черном цвете", "black"),
    ("ru", "зелёную раму можно?", "green"),
    ("uk", "чорного кольору", "black"),
    ("uk", "зелений", "green"),
    ("hy", "սևը կա՞", "black"),
    ("hy", "կանաչ գույնի", "green"),
    ("lo", "ມີສີດຳບໍ່", "black"),
    ("lo", "ເອົາສີຂຽວ", "green"),
]


@pytest.mark.parametrize(("language", "text", "expected"), COLOURS)
def test_colour_synonyms_match_the_catalogue_value(catalogue, language, text, expected):
    assert catalogue.match_colour(text, language) == expected


def test_colour_is_limited_to_the_items_values(catalogue):
    trek = catalogue.items[1]
    assert catalogue.match_colour("black please", "en", item=trek) is None
    assert catalogue.match_colour("серый", "ru", item=trek) == "grey"


SIZES = [
    ("en", "do you have it in M?", "M"),
    ("en", "size m pls", "M"),
    ("en", "XL please", "XL"),
    ("en", "a large one", "L"),
    ("ru", "размер М", "M"),  # Cyrillic М
    ("uk", "розмір л", "L"),
    ("hy", "չափս S", "S"),
]


@pytest.mark.parametrize(("language", "text", "expected"), SIZES)
def test_size_is_matched(catalogue, language, text, expected):
    assert catalogue.match_size(text, language) == expected


@pytest.mark.parametrize("text", ["I'm fine", "i m here", "s/he said", "ok l8r"])
def test_lowercase_letters_without_a_size_word_are_not_sizes(catalogue, text):
    assert catalogue.match_size(text, "en") is None


def test_a_short_word_one_letter_off_a_product_name_is_not_that_product() -> None:
    from copilot.paths import KNOWLEDGE_DIR

    demo = load_catalogue(KNOWLEDGE_DIR / "demo" / "catalogue.yaml")
    assert demo.match_product("can I book a test ride on friday", "en") is None  # not the "Ridge" bike
    assert demo.match_product("how much is the ridge", "en").id == "bike-mtb-ridge-27"


# A coffee roaster's and a clinic's names as customers type them: inflected, or in another script.
NAMES_YAML = """\
currency: UAH
items:
  - id: ethiopia
    names: {uk: "Кава Ефіопія", ru: "Кофе Эфиопия", en: "Ethiopia coffee"}
    variants:
      - {id: 250g, names: {uk: "250 г", ru: "250 г", en: "250 g"}, price: 390}
      - {id: 1kg, names: {uk: "1 кг", ru: "1 кг", en: "1 kg"}, price: "1 290"}
  - id: yirgacheffe
    names: {en: "Yirgacheffe"}
    price: 450
  - id: armenian_coffee
    names: {hy: "Հայկական սուրճ", en: "Armenian coffee"}
    price: 300
  - id: lao_coffee
    names: {lo: "ກາເຟລາວ", en: "Lao coffee"}
    price: 280
  - id: cleaning
    kind: service
    names: {hy: "Ատամների մաքրում", ru: "Чистка зубов", en: "Teeth cleaning"}
    price: "25 000"
cities:
  - id: armenia
    names: {hy: "Հայաստան", en: "Armenia", ru: "Армения"}
    delivery_days: 3
  - id: lviv
    names: {uk: "Львів", ru: "Львов", en: "Lviv"}
    delivery_days: 1
"""


@pytest.fixture
def names_catalogue(tmp_path: Path) -> Catalogue:
    path = tmp_path / "catalogue.yaml"
    path.write_text(NAMES_YAML, encoding="utf-8")
    return load_catalogue(path)


TRANSLITERATED = [
    ("uk", "скільки коштує кілограм кави Ефіопії?", "ethiopia"),  # genitive, both words inflected
    ("uk", "є кава Ефіопія по 250?", "ethiopia"),
    ("uk", "skilky koshtuye kava efiopiia?", "ethiopia"),  # Ukrainian in Latin letters
    ("ru", "skolko stoit kofe efiopia 1 kg?", "ethiopia"),  # Russian in Latin letters
    ("ru", "сколько стоит Йиргачеффе?", "yirgacheffe"),  # a Latin name in Cyrillic
    ("hy", "haykakan surch uneq?", "armenian_coffee"),  # Armenian in Latin letters
    ("hy", "Հայկական սուրճը քանի՞ է", "armenian_coffee"),  # with the article
    ("hy", "atamneri maqrum inchqan arji?", "cleaning"),
    ("ru", "сколько стоит чистка зубов?", "cleaning"),
    ("lo", "ກາເຟລາວ 1 ກິໂລ ລາຄາເທົ່າໃດ", "lao_coffee"),
    ("en", "do you have yirgacheffe?", "yirgacheffe"),
]


@pytest.mark.parametrize(("language", "text", "expected"), TRANSLITERATED)
def test_a_name_is_matched_across_inflection_and_script(names_catalogue, language, text, expected):
    item = names_catalogue.match_product(text, language)
    assert item is not None and item.id == expected


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("hy", "Hayastan araqum ka?", "armenia"),
    ("hy", "Հայաստանում առաքում կա՞", "armenia"),
    ("ru", "dostavka vo Lvov?", "lviv"),
    ("en", "do you ship to Lvov", "lviv"),
])
def test_a_city_is_matched_across_script(names_catalogue, language, text, expected):
    city = names_catalogue.match_city(text, language)
    assert city is not None and city.id == expected


@pytest.mark.parametrize("text", [
    "а у вас есть кафе рядом?",  # café is not coffee ("кафе" / "кофе")
    "kafe near you?",
    "kafe mi bo?",  # "kafe" alone is not "ກາເຟລາວ" (Lao coffee): the whole name is needed
    "I'd like a coffee",  # no item is named by that word alone
    "чистые зубы после чего?",
])
def test_near_misses_across_scripts_are_not_names(names_catalogue, text):
    assert names_catalogue.match_product(text, "ru") is None


def test_a_lao_name_typed_in_latin_letters_is_that_name(names_catalogue):
    found = names_catalogue.match_product("kafe lao mi bo?", "lo")
    assert found is not None and found.id == "lao_coffee"


def test_a_name_typed_in_another_script_counts_as_naming_a_product(names_catalogue):
    assert names_catalogue.mentions_products("skolko stoit kofe?")
    assert names_catalogue.mentions_products("kava efiopiia")
    assert not names_catalogue.mentions_products("what time do you open?")


LAO_MENU = Catalogue.model_validate({"currency": "LAK", "items": [
    {"id": "sticky_rice", "names": {"lo": "ເຂົ້າໜຽວ", "en": "Sticky rice"}, "price": "10 000"},
    {"id": "coffee", "names": {"lo": "ກາເຟລາວ", "en": "Lao coffee"}, "price": "25 000"},
    {"id": "family_room", "kind": "room", "names": {"lo": "ຫ້ອງຄອບຄົວ", "en": "Family room"}, "price": "700 000"},
    {"id": "grooming", "kind": "service", "names": {"lo": "ອາບນ້ຳ ຕັດຂົນ", "en": "Bath and haircut"}, "price": "150 000"},
]})


@pytest.mark.parametrize(("text", "item"), [
    ("khao niao 2 kg", "sticky_rice"),
    ("kafe lao 1 kg tao dai?", "coffee"),
    ("mee hong khop khua bor?", "family_room"),
    ("ເຂົ້າໜຽວ ລາຄາເທົ່າໃດ", "sticky_rice"),
    ("ໝາໜັກ30ກິໂລ ອາບນ້ຳຕັດຂົນລາຄາເທົ່າໃດ", "grooming"),  # the space the business wrote in the name is not said
])
def test_a_lao_name_is_found_typed_in_lao_or_in_latin_letters(text: str, item: str) -> None:
    found = LAO_MENU.match_product(text, "lo")
    assert found is not None and found.id == item


@pytest.mark.parametrize("text", ["how much is the coffee", "khop jai lai lai", "lap please"])
def test_latin_words_that_only_sound_alike_do_not_name_a_lao_item(text: str) -> None:
    assert LAO_MENU.match_product(text, "en") is None


KEYS = Catalogue.model_validate({"currency": "UAH", "items": [
    {"id": "key-copy", "kind": "service", "names": {"en": "key copy", "uk": "дублікат ключа"}, "variants": [
        {"id": "flat", "names": {"en": "flat key", "uk": "плоский ключ"}, "price": "80"},
        {"id": "ceramic", "names": {"en": "ceramic"}, "price": "90"},
        {"id": "fob", "names": {"en": "intercom fob", "uk": "таблетка домофону"}, "aliases": ["брелок"], "price": "180"},
        {"id": "1-key", "names": {"en": "1 key"}, "price": "80"}]},
    {"id": "opening", "kind": "service", "names": {"en": "door opening", "uk": "відкриття дверей"}, "variants": [
        {"id": "flat", "names": {"en": "flat door", "uk": "квартирні двері"}, "price": "600"},
        {"id": "1-key", "names": {"en": "1 key"}, "price": "600"}]},
    {"id": "tools", "kind": "service", "names": {"en": "tool rental"}, "variants": [
        {"id": "set", "names": {"en": "lock pick set (case)"}, "price": "300"}]},
    {"id": "lock", "names": {"en": "cylinder lock"}, "variants": [
        {"id": "a", "names": {"en": "class A"}, "price": "700"}, {"id": "b", "names": {"en": "class B"}, "price": "900"}]},
    {"id": "cylinder-b", "names": {"en": "armour plate"}, "variants": [{"id": "b", "names": {"en": "class B"},
                                                                        "price": "500"}]}]})


@pytest.mark.parametrize(("text", "item"), [
    ("how much is an intercom fob?", "key-copy"),   # a variant only one item has names it
    ("скільки коштує таблетка домофону?", "key-copy"),
    ("do you have a ceramic one?", None),  # one word says which, not what
    ("do you open a flat door at night?", "opening"),
    ("how much for a door opening, it's a flat door", "opening"),  # the item's own name first
    ("how much is the class B one?", None),  # two items have it
    ("how much is 1 key?", None),  # a number counts, never names
    ("do you rent a lock pick set?", "tools"),  # the name's remark in brackets need not be said
])
def test_a_variant_names_its_item_only_when_no_other_item_has_it(text: str, item: str | None) -> None:
    found = KEYS.match_product(text, "en")
    assert (found.id if found else None) == item


BRIDAL = Catalogue.model_validate({"currency": "LAK", "items": [
    {"id": "gown", "kind": "service", "names": {"lo": "ຊຸດເຈົ້າສາວສາກົນ", "en": "Wedding gown"}, "variants": [
        {"id": "bride", "names": {"lo": "ເຈົ້າສາວ", "en": "bride"}, "price": "1,500,000"}]},
    {"id": "makeup", "kind": "service", "names": {"lo": "ແຕ່ງໜ້າ", "en": "Make-up"}, "variants": [
        {"id": "guest", "names": {"lo": "ແຕ່ງໜ້າແຂກ", "en": "guest make-up"}, "price": "300,000"}]},
]})


def test_a_lao_name_with_vowel_and_tone_marks_is_a_name_customers_say() -> None:
    # the marks (ເ◌ົ້າ) are no letters to str.isalpha(): the gown's name had been left out of the names said
    assert BRIDAL.mentions_products("ຊຸດເຈົ້າສາວສາກົນ ເຊົ່າມື້ນຶ່ງເທົ່າໃດ")
    assert not BRIDAL.mentions_products("ເປີດຈັກໂມງ")


@pytest.mark.parametrize(("text", "item"), [
    ("ແຕ່ງໜ້າແຂກ 3 ຄົນ ເທົ່າໃດ", "makeup"),  # a variant of three Lao words names its item
    ("ເຈົ້າສາວ ຕ້ອງມາລອງຊຸດກ່ອນຈັກມື້", None),  # one Lao word (the bride) says who, not what
])
def test_a_lao_variant_name_is_counted_in_lao_words(text: str, item: str | None) -> None:
    found = BRIDAL.match_product(text, "lo")
    assert (found.id if found else None) == item
