"""The words of one tenant's knowledge, indexed once per (re)load by the store (`KnowledgeStore._remember`).

The answer checks ask the same questions of a tenant's entries: which words an entry uses
(`answer_coverage`), which entries use a word, how rare a word's stem is among the entries and the
intent examples (`answer_check`), and the entry's own vectors. One index per tenant answers them all,
built lazily from the entries the store loaded (no second read of the knowledge folder) and dropped
when the store reloads the tenant. The taxonomy's side (everyday customer wording) is kept per
taxonomy object (`TaxonomyWords`): a tenant's taxonomy is loaded once.

Two word forms, as the checks were measured with them:
* `lower_words`: the words of `segment.words` (Lao and Thai segmented by dictionary), casefolded;
  compared by `same_word` (five shared leading letters; unspaced scripts whole or as a part).
* `stems`: letters-only content stems (three letters or more cut to five; Lao words whole).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from ..demo_trade import DEMO_TRADE
from ..fields.datewords import RELATIVE_DAYS
from ..places import written_places
from ..rules.lexicon import LAO_POLITE_PARTICLES, LAO_QUESTION_PARTICLES
from ..rules.lexicon_questions import QUESTION_OPENER
from ..segment import words
from ..taxonomy import Taxonomy
from ..transliteration import latin_key
from .entry import Entry

_STEM = 5  # shared leading letters that make two words one (Slavic and Armenian endings vary after them)
_MIN_STEM = 3
# A word shorter than _STEM is the same as a longer one only with an ending this long at most: "car" ~
# "cars", "сын" ~ "сына"; not "was" ~ "washed", "not" ~ "notarise", "can" ~ "cancel": a customer's
# "can I get my car washed" is not everyday wording because "was" is.
_SHORT_ENDING = 2
# English short words take only these endings ("car" ~ "cars", "box" ~ "boxes", "fix" ~ "fixed"; "use" ~
# "used"): "car" is not "card", nor "bus" "bust".
_ENGLISH_ENDINGS = ("s", "es", "ed", "'s")
_LAO = re.compile(r"[\u0e80-\u0eff]")
_DIGIT = re.compile(r"\d")
# A word used in this many intent examples of the language is everyday customer wording.
COMMON_DF = 2
# "today", "tonight", "завтра", "ມື້ນີ້" say when, never what: "what time u close tonight?" asks the hours entry
# whether or not its answer says "tonight" (the time is the date parser's, fields/when.py).
_WHEN_WORDS = frozenset(w for phrases in RELATIVE_DAYS.values() for p in phrases
                        if len(ws := words(p.casefold())) == 1 for w in ws)  # not ຄືນ of ຄືນນີ້: also "back"
# Words that ask or soften, never say what, however few examples a tenant's own taxonomy writes them in: Lao's
# question and politeness particles ("ບໍ" in "ໃຊ້ບັດເຄຣດິດຈ່າຍໄດ້ບໍ"), and the words questions open with ("որքան", how
# much, named a salon's gift cards for "պատվերը որքան ժամանակում կբերեք", when will you bring my order).
_ASKING_WORDS = frozenset((*LAO_QUESTION_PARTICLES, *LAO_POLITE_PARTICLES,
                           *(w for terms in QUESTION_OPENER.values() for w in terms if " " not in w)))


def unspaced(word: str) -> bool:
    """Thai and Lao: dictionary-segmented words, compared whole (or as a part of a longer one)."""
    return any(0x0E00 <= ord(ch) < 0x0F00 for ch in word)


def english_base(word: str) -> str:
    """An English "-ing" form without it ("parking" -> "park", "shipping" -> "ship", "booking" -> "book"), so
    "can I park" meets the parking entry: the short-word and five-letter rules below cannot see it."""
    if len(word) < 6 or not word.endswith("ing") or not word.isascii():
        return word
    base = word[:-3]
    if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "aeiouls":
        base = base[:-1]  # a doubled consonant: shopp(ing), runn(ing); not sell(ing), pass(ing)
    return base


def same_word(a: str, b: str) -> bool:
    if unspaced(a) or unspaced(b):
        return a == b or (min(len(a), len(b)) >= 3 and (a in b or b in a))
    if a.isascii() != b.isascii():  # one typed in Latin letters: "mashtotsi" is the entry's "Մաշտոցի"
        a, b = latin_key(a), latin_key(b)
        if not (a and b):
            return False
    if english_base(a) == b or english_base(b) == a:  # exactly: "was" is still not "washing"
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    short = min(len(a), len(b))
    if short < _STEM:  # a short word: the whole of it, then a short ending
        if not (n == short >= _MIN_STEM and abs(len(a) - len(b)) <= _SHORT_ENDING):
            return False
        base, longer = sorted((a, b), key=len)
        ending = longer[len(base):]
        return not (ending and longer.isascii()) or ending in _ENGLISH_ENDINGS or (ending == "d" and base[-1] == "e")
    return n >= _STEM


# Armenian emphasis, exclamation and question marks sit inside a word ("անո՞ւմ" is "անում"), where the
# segmenter splits it in two; Russian "ё" is mostly typed "е" ("почём" is "почем").
_FOLD = str.maketrans({"\u055b": None, "\u055c": None, "\u055e": None, "ё": "е", "Ё": "Е"})


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z]")


def _names_in(text: str) -> set[str]:
    """The names in an intent example, what a customer asks about, never how they ask: places ("Գյումրի առաքում
    անու՞մ եք") and Latin-letter words in an example written in another script ("TelCell-ով", "ເລກບັນຊີ BCEL")."""
    latin = _LATIN_WORD.findall(text)
    if latin and len(_OTHER_SCRIPT.findall(text)) <= sum(map(len, latin)):
        latin = []  # in Latin letters throughout: romanised Armenian, English
    return {w for name in (*latin, *written_places(text)) for w in lower_words(name)}


def lower_words(text: str) -> list[str]:
    return [w.casefold() for w in words(text.translate(_FOLD))]


def stems(text: str) -> frozenset[str]:
    """Content-word stems: letters only; Latin/Cyrillic/Armenian words of three letters or more cut to
    their first five, Lao words (segmented, often one syllable) whole."""
    out = set()
    for w in words(text.translate(_FOLD).lower()):
        if _DIGIT.search(w):
            continue
        if _LAO.search(w):
            out.add(w)
        elif len(w) >= 3:
            out.add(english_base(w)[:_STEM])
    return frozenset(out)


def entry_words(entry: Entry) -> frozenset[str]:
    """Every word of the entry's text and documents (question variants, answer), casefolded."""
    return frozenset(w for t in (entry.text, *(d.text for d in entry.documents)) for w in lower_words(t))


class TaxonomyWords:
    """What the intent examples say about everyday customer wording, per language."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.examples: dict[str, list[str]] = {}
        for intent in taxonomy.intents:
            for lang, texts in intent.examples.items():
                self.examples.setdefault(lang, []).extend(texts)
        self._everyday: dict[str, dict[str, list[str]]] = {}

    def everyday(self, language: str) -> dict[str, list[str]]:
        """first two letters -> words used in at least COMMON_DF intent examples of the language (built per
        language on first use: an English message never segments the Lao examples)."""
        index = self._everyday.get(language)
        if index is None:
            counter: Counter[str] = Counter()
            for text in self.examples.get(language, ()):
                counter.update(set(lower_words(text)) - _names_in(text))
            for w in _WHEN_WORDS | _ASKING_WORDS:
                counter[w] += COMMON_DF
            index = self._everyday[language] = {}
            for w, n in counter.items():
                # the demo shop's trade is not everyday wording: "repair" in "do you repair ceramics?" asks a pottery
                # studio something its entries may not say, though the default examples say it often
                if n >= COMMON_DF and not DEMO_TRADE.search(w):
                    index.setdefault(w[:2], []).append(w)
        return index

    def content_words(self, text: str, language: str) -> list[str]:
        """The message's words that are not everyday customer wording (nor digits, nor 1–2 letter words)."""
        common = self.everyday(language)
        return [w for w in lower_words(text)
                if not w.isdigit() and (len(w) >= 3 or unspaced(w))
                and not any(same_word(w, c) for c in common.get(w[:2], ()))]


_TAXONOMIES: dict[int, tuple[Taxonomy, TaxonomyWords]] = {}


def taxonomy_words(taxonomy: Taxonomy) -> TaxonomyWords:
    """The taxonomy's words, built once per taxonomy object (the object is kept so its id is not reused)."""
    cached = _TAXONOMIES.get(id(taxonomy))
    if cached is not None and cached[0] is taxonomy:
        return cached[1]
    if len(_TAXONOMIES) > 64:
        _TAXONOMIES.clear()
    built = TaxonomyWords(taxonomy)
    _TAXONOMIES[id(taxonomy)] = (taxonomy, built)
    return built


@dataclass(frozen=True)
class StemDoc:
    questions: frozenset[str]
    everything: frozenset[str]


class Rarity:
    """How rare each stem is per language, among the tenant's entries and its intent examples: everyday
    words of customer messages ("can", "you", "open") weigh little, the object of a question much; so do
    the words of the business's own name ("near the studio" names the place, not a topic).
    Counted per language on first use (a CLI call pays only for the message's language)."""

    def __init__(self, docs: Callable[[str], StemDoc | None], language: dict[str, str],
                 examples: dict[str, list[str]], own: frozenset[str] = frozenset()) -> None:
        self._docs, self._language, self._examples, self._own = docs, language, examples, own
        self._counts: dict[str, tuple[int, Counter[str]]] = {}

    def _count(self, language: str) -> tuple[int, Counter[str]]:
        got = self._counts.get(language)
        if got is None:
            df: Counter[str] = Counter()
            texts = self._examples.get(language, [])
            for t in texts:
                df.update(stems(t))
            ids = [i for i, lang in self._language.items() if lang == language]
            for entry_id in ids:
                doc = self._docs(entry_id)
                if doc is not None:
                    df.update(doc.everything)
            got = self._counts[language] = (len(texts) + len(ids), df)
        return got

    def idf(self, stem: str, language: str) -> float:
        """Rare stems weigh most; a stem no entry of the language uses weighs most of all."""
        n, df = self._count(language)
        return math.log((n + 1) / ((n if stem in self._own else df.get(stem, 0)) + 0.5))


class TenantWords:
    """One tenant's entries as words: built by the store from the entries it loaded, each part on first use."""

    def __init__(self, entries: Iterable[Entry],
                 vectors: Callable[[list[Entry]], dict[str, np.ndarray]] | None = None) -> None:
        self.entries: dict[str, Entry] = {e.id: e for e in entries}
        self.language: dict[str, str] = {e.id: e.language for e in self.entries.values()}
        self._fetch_vectors = vectors
        self._words: dict[str, frozenset[str]] = {}
        self._users: dict[str, dict[str, list[tuple[str, frozenset[str]]]]] = {}
        self._stems: dict[str, StemDoc] = {}
        self._rarity: dict[tuple[int, str], tuple[Taxonomy, Rarity]] = {}
        self._vectors: dict[str, np.ndarray] = {}
        self._faq: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}
        self._home: dict[str | None, frozenset[str]] = {}
        self._keys: dict[str, dict[str, str]] = {}

    def words_of(self, entry: Entry) -> frozenset[str]:
        """Every word of the entry's text and documents (question variants, answer), casefolded."""
        own = self.entries.get(entry.id) is entry
        got = self._words.get(entry.id) if own else None
        if got is None:
            got = entry_words(entry)
            if own:
                self._words[entry.id] = got
        return got

    def users(self, language: str) -> dict[str, list[tuple[str, frozenset[str]]]]:
        """first two letters -> (word, ids of the entries using it) for every word of the tenant's
        entries in the language (its own vocabulary)."""
        got = self._users.get(language)
        if got is None:
            users: dict[str, set[str]] = {}
            for e in self.entries.values():
                if e.language == language:
                    for w in self.words_of(e):
                        users.setdefault(w, set()).add(e.id)
            got = {}
            for w, ids in users.items():
                got.setdefault(w[:2], []).append((w, frozenset(ids)))
            self._users[language] = got
        return got

    def native_keys(self, language: str) -> dict[str, str]:
        """Latin key (``transliteration.latin_key``) -> the word of the tenant's entries in the language that has it,
        the most used first: how "araqumy" and "Gexardi" are written in the business's own Armenian."""
        got = self._keys.get(language)
        if got is None:
            used = Counter(w for e in self.entries.values() if e.language == language for w in self.words_of(e))
            got = {}
            for word, _ in used.most_common():
                got.setdefault(latin_key(word), word)
            self._keys[language] = got
        return got

    def stem_doc(self, entry_id: str) -> StemDoc | None:
        """The stems of the entry's question variants, and of everything it says (text, title, tags)."""
        doc = self._stems.get(entry_id)
        e = self.entries.get(entry_id)
        if doc is None and e is not None:
            qs = frozenset().union(*(stems(d.text) for d in e.documents if d.role == "question")) \
                if e.documents else frozenset()
            tags = " ".join(str(e.extra.get("tags") or "").split(","))
            doc = self._stems[entry_id] = StemDoc(qs, qs | stems(e.text) | stems(e.title) | stems(tags))
        return doc

    def rarity(self, taxonomy: Taxonomy, business: str = "") -> Rarity:
        """Stem rarity over the entries and the taxonomy's intent examples (per taxonomy object), the
        words of `business` (the tenant's name) weighing as everyday words."""
        cached = self._rarity.get((id(taxonomy), business))
        if cached is None or cached[0] is not taxonomy:
            cached = (taxonomy, Rarity(self.stem_doc, self.language, taxonomy_words(taxonomy).examples,
                                       stems(business)))
            self._rarity[(id(taxonomy), business)] = cached
        return cached[1]

    def coverage(self, message: frozenset[str], entry_id: str, rarity: Rarity, *, questions_only: bool = False) -> float:
        """Share of the message's stems (`stems`), weighted by `rarity`, that the entry holds (its question
        variants, or everything it says: answer, title, tags too), 0..1."""
        doc = self.stem_doc(entry_id)
        if doc is None or not message:
            return 0.0
        lang = self.language[entry_id]
        have = doc.questions if questions_only else doc.everything
        weights = [rarity.idf(s, lang) for s in message]
        total = sum(weights)
        return sum(w for s, w in zip(message, weights, strict=True) if s in have) / total if total > 0 else 0.0

    def home(self, currency: str | None, town: str | None = None) -> frozenset[str]:
        """The business's town: the one it names (tenant.yaml `town`), else the one the FAQ answers name most
        (`places.home_places`)."""
        got = self._home.get((currency, town))
        if got is None:
            from ..places import home_places, town_place  # the gazetteer is built only when a place is judged

            got = self._home[(currency, town)] = (
                frozenset(p for p in [town_place(town, currency)] if p) if town else home_places(
                    ((e.id.split(":")[1], e.text, e.language) for e in self.entries.values() if e.kind == "faq"),
                    currency))
        return got

    def vectors(self, entry: Entry) -> np.ndarray | None:
        """The stored vectors of the entry's documents (None when the store has none for it)."""
        if self.entries.get(entry.id) is not entry:
            return None
        self._fetch([entry])
        return self._vectors.get(entry.id)

    def _fetch(self, entries: list[Entry]) -> None:
        missing = [e for e in entries if e.id not in self._vectors]
        if missing and self._fetch_vectors is not None:
            self._vectors.update(self._fetch_vectors(missing))

    def prefetch(self) -> None:
        """Fetch every FAQ entry's stored vectors now (one read), not on a request's clock."""
        self._fetch([e for e in self.entries.values() if e.kind == "faq"])

    def faq_vectors(self, language: str) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The FAQ entries of the language with stored vectors: (ids, their documents' vectors stacked,
        the row where each entry's documents start)."""
        got = self._faq.get(language)
        if got is None:
            faq = [e for e in self.entries.values() if e.kind == "faq" and e.language == language]
            self._fetch(faq)
            have = [e for e in faq if e.id in self._vectors]
            blocks = [self._vectors[e.id] for e in have]
            starts = np.cumsum([0, *(len(b) for b in blocks[:-1])]) if blocks else np.zeros(0, dtype=np.int64)
            matrix = np.vstack(blocks) if blocks else np.zeros((0, 0), dtype=np.float32)
            got = self._faq[language] = ([e.id for e in have], matrix, np.asarray(starts, dtype=np.int64))
        return got
