"""Does the FAQ entry we would quote speak about what the customer asks? The words it never mentions.

multilingual-e5-small scores "do you have a swimming pool?" against "is there wifi?" (0.87) as close
as a real paraphrase: the question's frame ("do you have …?") carries most of the vector. What
tells them apart is the customer's content words that the entry never mentions, and how much of
the message they carry. "swimming pool" is the whole point of the message (its cosine to the
message 0.95) and is nothing like the Wi-Fi entry (0.80); "exactly" in "where exactly is the
school" is filler (0.85) and the address entry stays a good answer.

Content words: the message's words (``segment.words``: Lao and Thai segmented by dictionary) that
the tenant's intent examples do not use as everyday customer wording (two or more examples in the
language), and that no word of the entry (its question variants and answer in the message's
language) shares a stem with. The residue of those words is embedded once (a ~5-word query,
~5 ms) and compared with the message and with the entry's own texts.

Measured on the tenant development packs (benchmarks/bench_tenants.py), see the commit message.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np

from .embeddings import Embedder
from .knowledge import KnowledgeStore
from .knowledge.entry import Entry
from .knowledge.relevance import min_score_for
from .models import KnowledgeHit
from .segment import words
from .taxonomy import Taxonomy

# The residue must carry the message (its cosine to the message) by this much more than it relates
# to the entry (best cosine to the entry's question variants and answer). On the five development
# packs: unanswerable questions 0.07-0.15, answerable ones' filler words mostly under 0.07.
CENTRAL_MARGIN = 0.085
# Share of the language's distance from 1 to its FAQ floor that the message may move when the words
# the entry lacks are taken out (en: cosine >= 0.94, ru 0.944, uk and lo 0.952, hy 0.96).
MEANING_SHARE = 0.4
# A residue this close (cosine) to one of the entry's texts is about the entry's topic, in other words.
RELATED = 0.85
_COMMON_DF = 2  # a word used in this many intent examples of the language is everyday customer wording
_STEM = 5  # shared leading letters that make two words one (Slavic and Armenian endings vary after them)
_MIN_STEM = 3


def _unspaced(word: str) -> bool:
    """Thai and Lao: dictionary-segmented words, compared whole (or as a part of a longer one)."""
    return any(0x0E00 <= ord(ch) < 0x0F00 for ch in word)


def _same_word(a: str, b: str) -> bool:
    if _unspaced(a) or _unspaced(b):
        return a == b or (min(len(a), len(b)) >= 3 and (a in b or b in a))
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= _MIN_STEM and n >= min(_STEM, len(a), len(b))


def _lower_words(text: str) -> list[str]:
    return [w.casefold() for w in words(text)]


_EVERYDAY: dict[int, tuple[Taxonomy, dict[str, dict[str, list[str]]]]] = {}


def _everyday(taxonomy: Taxonomy) -> dict[str, dict[str, list[str]]]:
    """language -> first two letters -> words used in at least _COMMON_DF intent examples (per taxonomy
    object: a tenant's taxonomy is loaded once; the object is kept so its id is not reused)."""
    cached = _EVERYDAY.get(id(taxonomy))
    if cached is not None and cached[0] is taxonomy:
        return cached[1]
    df: dict[str, Counter[str]] = {}
    for intent in taxonomy.intents:
        for lang, texts in intent.examples.items():
            counter = df.setdefault(lang, Counter())
            for text in texts:
                counter.update(set(_lower_words(text)))
    out: dict[str, dict[str, list[str]]] = {}
    for lang, counter in df.items():
        index: dict[str, list[str]] = {}
        for w, n in counter.items():
            if n >= _COMMON_DF:
                index.setdefault(w[:2], []).append(w)
        out[lang] = index
    if len(_EVERYDAY) > 64:
        _EVERYDAY.clear()
    _EVERYDAY[id(taxonomy)] = (taxonomy, out)
    return out


def _entry_words(entry: Entry) -> set[str]:
    return {w for t in (entry.text, *(d.text for d in entry.documents)) for w in _lower_words(t)}


_BUSINESS: dict[tuple[int, str], tuple[dict[str, Entry], dict[str, list[tuple[str, frozenset[str]]]]]] = {}
# A word found in at most this many of the tenant's entries (in one language) points at them: "адрес",
# "вегетарианские", "переобувка" name one topic; "вы", "цена" or the business's name are everywhere.
DISTINCT_ENTRIES = 2


def _business_words(entries: dict[str, Entry], language: str) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """first two letters -> (word, ids of the entries using it) for every word of the tenant's entries
    in the language (its own vocabulary)."""
    cached = _BUSINESS.get((id(entries), language))
    if cached is not None and cached[0] is entries:
        return cached[1]
    users: dict[str, set[str]] = {}
    for e in entries.values():
        if e.language == language:
            for w in _entry_words(e):
                users.setdefault(w, set()).add(e.id)
    index: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for w, ids in users.items():
        index.setdefault(w[:2], []).append((w, frozenset(ids)))
    if len(_BUSINESS) > 256:
        _BUSINESS.clear()
    _BUSINESS[(id(entries), language)] = (entries, index)
    return index


def _content_words(text: str, language: str, taxonomy: Taxonomy) -> list[str]:
    """The message's words that are not everyday customer wording (nor digits, nor 1–2 letter words)."""
    common = _everyday(taxonomy).get(language, {})
    return [w for w in _lower_words(text)
            if not w.isdigit() and (len(w) >= 3 or _unspaced(w))
            and not any(_same_word(w, c) for c in common.get(w[:2], ()))]


def unmatched_words(text: str, language: str, entry: Entry, taxonomy: Taxonomy,
                    business: dict[str, Entry] | None = None) -> list[str]:
    """The message's content words that the entry never mentions (in the message's language).

    With the tenant's entries (`business`), a word another of its entries uses is not counted: "salon"
    in "any parking spots near the salon?" is the business's own word, not a topic the parking entry
    misses (which entry fits best is ranking's job, not this check's)."""
    own = _business_words(business, language) if business else {}
    entry_words = _entry_words(entry)
    return [w for w in _content_words(text, language, taxonomy)
            if not any(_same_word(w, o) for o, _ in own.get(w[:2], ()))
            and not any(_same_word(w, e) for e in entry_words)]


def distinct_words(text: str, language: str, entry: Entry, taxonomy: Taxonomy, business: dict[str, Entry]) -> list[str]:
    """The message's content words that this entry uses and at most one other of the tenant's entries:
    lexical evidence that the entry is about what was asked ("адресу" in "підкажіть адресу школи")."""
    own = _business_words(business, language)
    out = []
    for w in _content_words(text, language, taxonomy):
        ids = frozenset().union(*(users for o, users in own.get(w[:2], ()) if _same_word(w, o)))
        if entry.id in ids and len(ids) <= DISTINCT_ENTRIES:
            out.append(w)
    return out


@lru_cache(maxsize=2048)
def _entry_vectors(embedder: Embedder, questions: tuple[str, ...], answer: str) -> np.ndarray:
    vectors = [embedder.embed_queries(list(questions))] if questions else []
    return np.vstack([*vectors, embedder.embed_passages([answer])])


def _without(text: str, residue: list[str]) -> str:
    """The message with the given words taken out (case-insensitive; Lao and Thai words are substrings)."""
    for w in residue:
        text = re.sub(re.escape(w), " ", text, flags=re.IGNORECASE)
    return " ".join(text.split()) or "."


def kept_meaning(language: str) -> float:
    """How close (cosine) the message without the entry's missing words must stay to the message for
    those words to be filler. Scaled like the language's FAQ floor: e5 packs Armenian and Lao texts
    closer together, so the same change of meaning moves their cosines less."""
    return 1.0 - MEANING_SHARE * (1.0 - min_score_for("faq", language))


def strays(message_vector: np.ndarray, text: str, language: str, entry: Entry, taxonomy: Taxonomy,
           embedder: Embedder, business: dict[str, Entry] | None = None) -> list[str]:
    """The words that make the entry the wrong answer ([] when it speaks about what was asked): the
    content words it never mentions, when taking them out changes what the message means ("can I come
    with my dog" without "dog" is another question) or they carry the message far more than they
    relate to the entry."""
    residue = unmatched_words(text, language, entry, taxonomy, business)
    if not residue:
        return []
    vector, rest = embedder.embed_queries([" ".join(residue), _without(text, residue)])
    message = np.asarray(message_vector, dtype=np.float32).reshape(-1)
    questions = tuple(d.text for d in entry.documents if d.role == "question")
    relevance = float((_entry_vectors(embedder, questions, entry.text) @ vector).max())
    # A residue near the entry is its topic in other words ("учусь в универе" and the student-discount
    # entry's "я студент"); one far from it that the message cannot do without is another topic.
    if relevance < RELATED and float(message @ rest) < kept_meaning(language):
        return residue
    return residue if float(message @ vector) - relevance >= CENTRAL_MARGIN else []


def mark_unmatched(hits: list[KnowledgeHit], *, vector: np.ndarray, text: str, language: str, store: KnowledgeStore,
                   tenant: str, taxonomy: Taxonomy, embedder: Embedder) -> None:
    """Note on the top FAQ hit in the customer's language the central words it never mentions, so it is
    listed but not quoted (`is_clear_answer`): a neighbouring entry is not an answer (H10); else the
    customer's words that point at it (`distinct_words`), evidence that it answers them."""
    top = hits[0] if hits else None
    if top is None or top.kind != "faq" or top.language != language:
        return
    entries = store.local_entries(tenant)
    entry = entries.get(top.id)
    if entry is not None:
        top.unmatched = strays(vector, text, language, entry, taxonomy, embedder, entries)
        top.matched = [] if top.unmatched else distinct_words(text, language, entry, taxonomy, entries)
