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

import numpy as np

from .dialogue_cues import asks_price, duration_asking, price_asking
from .embeddings import Embedder
from .knowledge import KnowledgeStore
from .knowledge.entry import Entry
from .knowledge.relevance import min_score_for
from .knowledge.standing import standing
from .knowledge.words import TenantWords, entry_words, lower_words, same_word, taxonomy_words, unspaced
from .models import KnowledgeHit
from .places import place_words
from .rules.text import asks_question, lexicon
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
# ... and this much nearer than to the tenant's other FAQ entries on average.
RELATED_GAP = 0.02
# A word found in at most this many of the tenant's entries (in one language) points at them: "адрес",
# "вегетарианские", "переобувка" name one topic; "вы", "цена" or the business's name are everywhere.
DISTINCT_ENTRIES = 2
# Any word of the message (everyday wording too) found in this entry and in at most this share of the
# tenant's FAQ entries in the language (or DISTINCT_ENTRIES, whichever is more) points at the entry
# (`pointing_words`): two of ten entries, seven of the demo shop's 35. On the development packs and the demo
# sets (relevance.UNPOINTED_MARGIN 0.07) 0.25 quotes the same, 0.15 one on_topic answer fewer; 0.1 loses 9
# retrieval_dev answers (0.2: 1), 0.3 keeps 4 of the 6 wrong quotes 0.2 stops.
POINTING_SHARE = 0.2


def _unmatched(content: list[str], language: str, entry: Entry, index: TenantWords | None) -> list[str]:
    own = index.users(language) if index is not None else {}
    # An entry of the index in the message's language: its words are among the tenant's own already (met by their
    # first letters), unless the customer typed the language in Latin letters ("Mashtotsi" and "Մաշտոցի").
    inside = index is not None and index.entries.get(entry.id) is entry and entry.language == language
    latin = language != "en" and any(w.isascii() for w in content)
    words = frozenset() if inside and not latin else entry_words(entry)
    percent = "%" in entry.text
    return [w for w in content if not any(same_word(w, o) for o, _ in own.get(w[:2], ()))
            and not any(same_word(w, e) for e in words) and not (percent and lexicon("PERCENT").search(w))]


def unmatched_words(text: str, language: str, entry: Entry, taxonomy: Taxonomy,
                    index: TenantWords | None = None) -> list[str]:
    """The message's content words that the entry never mentions (in the message's language).

    With the tenant's word index (`index`, the entry among its entries), a word another of its entries
    uses is not counted either: "salon" in "any parking spots near the salon?" is the business's own
    word, not a topic the parking entry misses (which entry fits best is ranking's job, not this check's)."""
    return _unmatched(taxonomy_words(taxonomy).content_words(text, language), language, entry, index)


def _used_by_few(words: list[str], language: str, entry: Entry, index: TenantWords, few: float) -> list[str]:
    """The words this entry uses that at most `few` of the tenant's entries in the language use."""
    own = index.users(language)
    out = []
    for w in words:
        ids = frozenset().union(*(users for o, users in own.get(w[:2], ()) if same_word(w, o)))
        if entry.id in ids and len(ids) <= few:
            out.append(w)
    return out


def _distinct(content: list[str], language: str, entry: Entry, index: TenantWords) -> list[str]:
    return _used_by_few(content, language, entry, index, DISTINCT_ENTRIES)


def pointing_words(text: str, language: str, entry: Entry, index: TenantWords) -> list[str]:
    """The message's words, everyday customer wording too, that this entry uses and few of the tenant's entries
    in the language do (at most DISTINCT_ENTRIES, or POINTING_SHARE of its FAQ entries): what points the
    message at this entry rather than at the business in general ("open" at the hours entry, "телефон" at
    the contacts entry; not "you", "сколько" or the business's name). A question about a
    topic the business never writes about ("how long does delivery take?" asked of a garage) has none."""
    faq = sum(1 for e in index.entries.values() if e.kind == "faq" and e.language == language)
    words = [w for w in lower_words(text) if not w.isdigit() and (len(w) >= 3 or unspaced(w))]
    return _used_by_few(words, language, entry, index, max(DISTINCT_ENTRIES, POINTING_SHARE * faq))


def beyond_catalogue(hit: KnowledgeHit, index: TenantWords) -> list[str]:
    """The words pointing the message at this FAQ entry (`hit.pointers`) that no catalogue item uses: "rent" in
    "how much is it to rent a bike for a day?" ("bike" names items)."""
    own = index.users(hit.language or "")
    return [w for w in hit.pointers or ()
            if not any(i.startswith("catalogue:") for o, users in own.get(w[:2], ()) if same_word(w, o) for i in users)]


def distinct_words(text: str, language: str, entry: Entry, taxonomy: Taxonomy, index: TenantWords) -> list[str]:
    """The message's content words that this entry uses and at most one other of the tenant's entries:
    lexical evidence that the entry is about what was asked ("адресу" in "підкажіть адресу школи")."""
    return _distinct(taxonomy_words(taxonomy).content_words(text, language), language, entry, index)


def _entry_vectors(entry: Entry, embedder: Embedder, index: TenantWords | None) -> np.ndarray:
    """The entry's question variants and answer as vectors: the store's own (fetched once per entry and
    load), else embedded here."""
    stored = index.vectors(entry) if index is not None else None
    if stored is not None:
        return stored
    questions = [d.text for d in entry.documents if d.role == "question"]
    vectors = [embedder.embed_queries(questions)] if questions else []
    return np.vstack([*vectors, embedder.embed_passages([entry.text])])


def _mean_other(vector: np.ndarray, entry: Entry, index: TenantWords | None) -> float:
    """The mean of the tenant's other FAQ entries' best cosine to `vector` (the entry's language); -1 when
    there are none to compare with."""
    if index is None:
        return -1.0
    ids, matrix, starts = index.faq_vectors(entry.language or "")
    if len(ids) < 2 or entry.id not in ids:
        return -1.0
    best = np.maximum.reduceat(matrix @ vector, starts)
    return float(np.delete(best, ids.index(entry.id)).mean())


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


def _strays(content: list[str], message_vector: np.ndarray, text: str, language: str, entry: Entry,
            embedder: Embedder, index: TenantWords | None) -> list[str]:
    residue = _unmatched(content, language, entry, index)
    if not residue:
        return []
    vector, rest = embedder.embed_queries([" ".join(residue), _without(text, residue)])
    message = np.asarray(message_vector, dtype=np.float32).reshape(-1)
    relevance = float((_entry_vectors(entry, embedder, index) @ vector).max())
    # A residue near the entry is its topic in other words ("учусь в универе" and the student-discount
    # entry's "я студент"); one far from it that the message cannot do without is another topic. Near means
    # nearer than to the tenant's other entries too: e5 puts a word 0.85+ from every entry of some tenants.
    related = relevance >= RELATED and relevance - _mean_other(vector, entry, index) >= RELATED_GAP
    if not related and float(message @ rest) < kept_meaning(language):
        return residue
    return residue if float(message @ vector) - relevance >= CENTRAL_MARGIN else []


def strays(message_vector: np.ndarray, text: str, language: str, entry: Entry, taxonomy: Taxonomy,
           embedder: Embedder, index: TenantWords | None = None) -> list[str]:
    """The words that make the entry the wrong answer ([] when it speaks about what was asked): the
    content words it never mentions, when taking them out changes what the message means ("can I come
    with my dog" without "dog" is another question) or they carry the message far more than they
    relate to the entry."""
    content = taxonomy_words(taxonomy).content_words(text, language)
    return _strays(content, message_vector, text, language, entry, embedder, index)


# A sentence, as customers end them (";" too: "how much is it; I need it today").
SENTENCE = re.compile(r"[^.!?։;\n]+[.!?։;]*")


def _clauses(text: str) -> list[str]:
    """The message's sentences cut at commas; a condition stays with the question it conditions."""
    clauses: list[str] = []
    for m in SENTENCE.finditer(text):
        for i, part in enumerate(m.group().split(",")):
            hit = lexicon("CONDITION").search(clauses[-1].strip()) if i else None
            if hit is not None and hit.start() == 0:
                clauses[-1] += "," + part
            else:
                clauses.append(part)
    return [c.strip() for c in clauses if c.strip()]


def asks_only_what_it_says(text: str, language: str, entry: Entry, index: TenantWords, taxonomy: Taxonomy) -> bool:
    """The entry has every word of the one question the message asks, but how it asks a price or a duration
    ("диагностика скока стоит?"); the rest is the story around it."""
    asked = _the_question(text, language, entry, index)
    return asked is not None and not _unmatched(_asked_content(asked, language, taxonomy), language, entry, index)


def _asked_content(question: str, language: str, taxonomy: Taxonomy) -> list[str]:
    """The question's content words but those that ask a price or a duration ("скока стоит", "how long")."""
    asking = {w for part in (*price_asking(question), *duration_asking(question)) for w in lower_words(part)}
    return [w for w in taxonomy_words(taxonomy).content_words(question, language) if w.lower() not in asking]


def one_question(text: str) -> str | None:
    """The one question of a message of several clauses ("hi! just moved into a house in Sisattanak, whats the
    monthly price for the 300 mbps fibre?"); None when it is one clause or asks more than one question. With no
    clause that asks as questions open, the one that asks a price, however it opens ("ամսական ինչքան ա լինում", a
    month how much does it come to); not "I will pay whatever it costs" beside a question."""
    clauses = _clauses(text)
    questions = [c for c in clauses if asks_question(c)] or [c for c in clauses if asks_price(c)]
    return questions[0] if len(clauses) > 1 and len(questions) == 1 else None


def asks_the_price(text: str) -> bool:
    """Whether the customer asks what something costs; with a story around one question, the question asks it or
    nothing does ("what do you count as one page? … I want to estimate the cost" asks what a page is)."""
    return asks_price(one_question(text) or text)


def asks_only_a_price(text: str, language: str, taxonomy: Taxonomy, item: Entry | None = None) -> bool:
    """The one question of a message of several clauses asks a price and says nothing else ("how much is that",
    "сколько это будет?"), or nothing but the `item` entry's own words ("… I want to put her in an English group.
    how much is it a month": "a month" is how the course is priced): what it asks the price of was said before it,
    with the story around it."""
    question = one_question(text)
    if question is None or not asks_price(question):
        return False
    content = _asked_content(question, language, taxonomy)
    return not content or (item is not None and not _unmatched(content, language, item, None))


def _the_question(text: str, language: str, entry: Entry, index: TenantWords) -> str | None:
    """The one question among the message's sentences and clauses, when a word of it points at the entry and it
    does not point back at the rest: "Hi! What documents do I need to sign up? I'm Polish, living in Dnipro for 2
    years" asks for the documents, "going to jermuk in january, do ur cars have snow tyres on" for the winter tyres;
    the rest is who asks and why. Not "we need 6 bridesmaid sinhs, any discount for that many?" (the discount is
    for what was said before it) nor "if I want the sofa in another colour, how long will I wait?" (one question).
    None when the message is one clause or asks more than one question."""
    question = one_question(text)
    if question is None or lexicon("REFERS_BACK").search(question) is not None:
        return None
    return question if pointing_words(question, language, entry, index) else None


def mark_unmatched(hits: list[KnowledgeHit], *, vector: np.ndarray, text: str, language: str, store: KnowledgeStore,
                   tenant: str, taxonomy: Taxonomy, embedder: Embedder, currency: str | None,
                   town: str | None = None) -> None:
    """Note on the top FAQ hit in the customer's language the central words it never mentions, so it is
    listed but not quoted (`is_clear_answer`): a neighbouring entry is not an answer (H10); else the
    customer's words that point at it (`distinct_words`), evidence that it answers them; any of their words,
    everyday ones too, that point at it (`pointing_words`); and how far it stands out from the tenant's other
    entries (`knowledge/standing.py`)."""
    top = hits[0] if hits else None
    if top is None or top.kind != "faq" or top.language != language:
        return
    index = store.words(tenant)
    entry = index.entries.get(top.id) if index is not None else None
    if entry is not None:
        inside, outside = place_words(text, language, entry.text,
                                      [d.text for d in entry.documents if d.role == "question"],
                                      index.home(currency, town))
        # A place its answer covers is no stray ("Dilijan" in Armenia: the entry on shipping there), nor what names the
        # entry: "…, թե միայն Երևանում եք" (or only in Yerevan?) is no question about delivery in Yerevan.
        covered = {w for p in inside for w in lower_words(p)}
        content = [w for w in taxonomy_words(taxonomy).content_words(text, language)  # once for both checks
                   if w not in covered]
        found = _strays(content, vector, text, language, entry, embedder, index)
        if found and asks_only_what_it_says(text, language, entry, index, taxonomy):
            found = []
        top.unmatched = found or outside
        top.matched = [] if top.unmatched else _distinct(content, language, entry, index)
        top.pointers = pointing_words(text, language, entry, index)
        top.standing = standing(vector, *index.faq_vectors(language))
