"""Stage 2 — retrieve: the tenant's knowledge for this message, with the vector understand made."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from . import places
from .answer_coverage import (SENTENCE, asks_only_a_price, asks_only_what_it_says, beyond_catalogue, distinct_words,
                              mark_unmatched, one_question, strays)
from .dialogue_cues import asks_price, cue, duration_asking, price_asking
from .fields.datewords import WEEKDAYS
from .fields.money import states_price
from .intent_from_knowledge import asks_of_item, item_reading, names_item
from .knowledge import is_clear_answer
from .knowledge.files import KINDS
from .knowledge.relevance import WORDS_REACH, min_score_for, names_entry
from .knowledge.words import entry_words, lower_words, same_word
from .models import KnowledgeHit
from .resources import Resources, Tenant
from .rules.facts import days_named, names_day
from .rules.registry import Lookup
from .understand import Understanding

_OPTIONS_MIN_SCORE = 0.8
# A price or stock question the classifier is this sure of asks about the item, whatever else it names
# ("how much is a kilogram of the Ethiopia?": the entry says "1 kg"); the customers' other questions that
# name an item were read at 0.42-0.79 (shipping it to London, whether it is waterproof).
_SURE_ABOUT_ITEM = 0.8
# A sentence of a reply sits further from the FAQ's questions than a customer's question does; the floor
# only keeps unrelated entries out, since H10 then looks for the claim's very number or words in them.
_ABOUT_MIN_SCORE = 0.8
# How long a session lasts, as an FAQ answer states it: minutes or hours, not the days of a turnaround
# (rules.facts.durations): "how long does a reformer class last?" is not answered by "a pass is valid for 30 days".
_DURATION = re.compile(r"\d\s*(?:min|minutes?|hours?|h\b|хв|мин|час|годин|րոպե|ժամ|ນາທີ|ຊົ່ວໂມງ)", re.IGNORECASE)
_NOT_CATALOGUE = tuple(k for k in KINDS if k != "catalogue")
_DAY_WORDS = frozenset(w for names in WEEKDAYS.values() for w in names)


def retrieve(resources: Resources, u: Understanding, tenant: Tenant) -> list[KnowledgeHit]:
    """Stage 2: the tenant's knowledge nearest to the customer's message, in their language first.
    A product the customer named leads for price and stock questions: its catalogue entry is the
    fact to quote (H10), whatever FAQ happens to sit nearer in embedding space."""
    if tenant.knowledge_dir is None:
        return []
    # "How much is a bike?" wants products; "how much is delivery?" wants the FAQ. Price questions
    # all sit close in embedding space, so the deciding signal is whether they name what we sell.
    wants_products = bool(tenant.catalogue and tenant.catalogue.mentions_products(u.text))
    # The catalogue is consulted for product questions only (each kind costs a Chroma query).
    use = u.spec.catalogue if u.spec else "none"  # how the intent uses the catalogue (taxonomy `catalogue:`)
    kinds = KINDS if wants_products or use != "none" else _NOT_CATALOGUE
    hits = resources.store.search(u.vector, tenant=tenant.id, language=u.language.code, k=3, kinds=kinds,
                                  text=u.text, intents=u.intent.probabilities(), taxonomy=tenant.taxonomy,
                                  business=tenant.business_words)
    # The top FAQ entry is quoted only if it speaks about what was asked (copilot/answer_coverage.py).
    _mark(resources, u, tenant, hits)
    if not (hits and is_clear_answer(hits[0], u.language.code)):
        hits = _named_by_words(resources, u, tenant, hits)
    hits = _asked_usual(resources, u, tenant, hits)
    hits = _on_the_day(resources, u, tenant, hits)
    if wants_options(u) and wants_products and not _faq_answers(resources, u, tenant, hits):
        # No product named: the two nearest catalogue items make a decision package (M3).
        # A lower floor than for quoting one item: these are offered, not asserted.
        items = resources.store.search(u.vector, tenant=tenant.id, language=u.language.code, k=8,
                                       kinds=("catalogue",), min_score=_OPTIONS_MIN_SCORE, text=u.text)
        # Those that can be offered first: the list keeps four, and an out-of-stock bike is no option.
        offerable = {h.id for h in items if (item := tenant.catalogue.item_of(h.id)) and item.offerable}
        items.sort(key=lambda h: h.id not in offerable)
        hits = [*items, *(h for h in hits if h.kind != "catalogue")][:4]
    product = u.fields.get("product")
    # Out of scope to the classifier but about the item it names ("Biofinity по 6 штук почем?"), and no FAQ entry
    # clearly answers it: the item leads, under the same check (intent_from_knowledge.item_reading).
    asked = asks_of_item(u, tenant)
    faq_answers = bool(hits) and hits[0].kind == "faq" and is_clear_answer(hits[0], u.language.code) and (
        not asked or _states_what_was_asked(hits[0], u, tenant))
    item_question = bool(product) and not faq_answers and item_reading(u, tenant) is not None
    # A price question naming an item, with no FAQ price that answers it, asks the item's price, however the intent
    # uses the catalogue ("Royal Canin Mini Adult 4 кг почем?" read as ordering it; a replacing taxonomy's pricing
    # that only searches it).
    price_question = bool(product) and u.spec.kind != "escalate" and not faq_answers and asked \
        and names_item(u, tenant, as_written=True)
    if product and (use in ("facts", "options") or item_question or price_question):
        named = resources.store.get(f"catalogue:{product}:{u.language.code}", tenant=tenant.id)
        if named:
            others = [h for h in hits if h.id != named.id]
            # "is the Urban helmet waterproof?" names an item but asks what its entry does not say: a
            # clear FAQ answer leads; with none, the item is listed but not quoted (H10).
            sure = u.intent.confidence >= _SURE_ABOUT_ITEM and use in ("facts", "options")
            beyond = [] if sure and not item_question else _beyond_item(
                resources, u, tenant, named, product)
            topic = _tagged_topic(resources, u, tenant, others[0], named) if others and not beyond else []
            lead = others[:1] if (beyond or topic) and others and others[0].kind != "catalogue" \
                and is_clear_answer(others[0], u.language.code) else []  # an FAQ answer, not the item in English
            named.unmatched = [] if lead else beyond
            hits = [*lead, named, *others[len(lead):]][:3]
    return hits


def _mark(resources: Resources, u: Understanding, tenant: Tenant, hits: list[KnowledgeHit]) -> None:
    """The answer check on the top hit (answer_coverage.mark_unmatched), for this message and tenant."""
    mark_unmatched(hits, vector=u.vector, text=u.text, language=u.language.code, store=resources.store,
                   tenant=tenant.id, taxonomy=tenant.taxonomy, embedder=resources.embedder, currency=tenant.currency,
                   town=tenant.config.town)


def _near_faq(resources: Resources, u: Understanding, tenant: Tenant, *, k: int) -> list[KnowledgeHit]:
    """The FAQ entries up to WORDS_REACH under the language's floor, nearest first: those the customer's words,
    the question every business is asked or the day named may still lead."""
    return resources.store.search(u.vector, tenant=tenant.id, language=u.language.code, k=k, kinds=("faq",),
                                  min_score=min_score_for("faq", u.language.code) - WORDS_REACH, text=u.text,
                                  intents=u.intent.probabilities(), taxonomy=tenant.taxonomy,
                                  business=tenant.business_words)


def _states_what_was_asked(hit: KnowledgeHit, u: Understanding, tenant: Tenant) -> bool:
    """A clear FAQ entry answers a duration question when it states minutes or hours ("how long does the eye test
    take?" and the eye-test entry), a price question when it states a price and words beyond asking one and naming
    the item point at it: "how much is delivery of the bike?" and the delivery entry; not "how much to clean a pair
    of sneakers?" and the price per kilo of washing, which only "much" points at, nor "can I book a wheel alignment,
    how much is it?" and the tyre-change entry, which only the item's own "wheel" does."""
    if duration_asking(u.text) and _DURATION.search(hit.text):
        return True
    found = tenant.catalogue.find_product_span(u.text, u.language.code) if tenant.catalogue else None
    asked = [w for part in [*price_asking(u.text), u.text[slice(*found[1])] if found else ""] for w in lower_words(part)]
    # with a story around the one question, only the question's words point ("house" in "just moved into a house in
    # Sisattanak, whats the monthly price for the 300 mbps fibre?" is no question about installing it)
    question = [w.lower() for w in lower_words(one_question(u.text) or u.text)]
    return asks_price(u.text) and states_price(hit.text) \
        and any(not any(same_word(w.lower(), a) for a in asked) for w in hit.pointers or () if w.lower() in question)


def _named_by_words(resources: Resources, u: Understanding, tenant: Tenant,
                    hits: list[KnowledgeHit]) -> list[KnowledgeHit]:
    """The FAQ entry up to WORDS_REACH under the cosine floor that the customer's distinct words name, when the
    best hit cannot be quoted (or one over the floor that covers the place the top one does not): e5 packs
    Armenian and Lao texts so close that "ԻՆԳՈ-ից պոլիս ունեմ" (a policy from INGO) scores the hours entry 0.897
    and the insurance entry, the only one naming INGO, 0.884 (hy floor 0.90)."""
    lang = u.language.code
    floor = min_score_for("faq", lang)
    near = _near_faq(resources, u, tenant, k=3)
    index = resources.store.words(tenant.id)
    top = hits[0].id if hits else None
    for hit in near:
        entry = index.entries.get(hit.id) if index is not None else None
        if hit.language != lang or entry is None or hit.id == top or hit.score < resources.settings.answer_min_score:
            continue  # (under COPILOT_ANSWER_MIN_SCORE it could lead but never be quoted)
        # Over the floor too, an entry that covers the place the message names when the top one does not
        # ("в Капан отправляете?": shipping across Armenia, not delivery in Yerevan), if other words of the message
        # point at it as well ("отправляете"; "a showroom in Kyiv?" is no question for shipping across Ukraine).
        inside, outside = places.place_words(u.text, lang, entry.text,
                                             [d.text for d in entry.documents if d.role == "question"])
        where = set() if outside else {w.lower() for w in inside}
        if hit.score >= floor and not where:
            continue
        if not where and not names_entry(distinct_words(u.text, lang, entry, tenant.taxonomy, index)):
            continue  # no word names it (cheap, lexical): spare the check's embedding
        _mark(resources, u, tenant, [hit])
        if is_clear_answer(hit, lang) and (not where or set(hit.pointers or ()) - where):
            return [hit, *(h for h in hits if h.id != hit.id)][:3]
    return hits


# The questions every business is asked (dialogue_cues): where it is, when it is open.
_USUAL = ("WHERE_ASK", "HOURS_ASK")


def _asked_usual(resources: Resources, u: Understanding, tenant: Tenant,
                 hits: list[KnowledgeHit]) -> list[KnowledgeHit]:
    """A customer asking one of the questions every business is asked (where it is, when it is open) gets the entry
    written for that question (its question variants ask it: dialogue_cues WHERE_ASK, HOURS_ASK) when it is a clear
    answer, over a nearer one that is not written for it: "Մաշտոցի վրա կոնկրետ որտեղ եք, ինչի մոտ?" sits nearer
    the contact-lens entry, "підкажіть де ви територіально? хочу зайти після роботи документи занести" nearer the
    documents one, "а вы до скольки сегодня? успею после работы к девяти подъехать?" nearer the live-queue one."""
    index = resources.store.words(tenant.id)
    asked = next((c for name in _USUAL if (c := cue(name)).search(u.text)), None) if index is not None else None
    if asked is None:
        return hits
    lang = u.language.code

    def written_for_it(hit: KnowledgeHit) -> int:  # how many of its question variants ask it
        entry = index.entries.get(hit.id)
        return sum(1 for d in entry.documents if d.role == "question" and asked.search(d.text)) if entry else 0

    if hits and hits[0].language == lang and written_for_it(hits[0]):
        best = hits[0]  # the nearest is written for it: "are you open over new years?" and the holidays entry
    else:
        near = _near_faq(resources, u, tenant, k=5)
        written = sorted(((n, h) for h in near if h.language == lang and (n := written_for_it(h))),
                         key=lambda x: -x[0])
        # Several: the one most of whose variants ask it ("when are you open" beside one "what time does the sauna
        # open"); one variant each ("до скольки работает кухня", "… ресепшен") leaves "а вы до скольки?" to nobody.
        if not written or (len(written) > 1 and (written[0][0] < 2 or written[0][0] == written[1][0])):
            return hits
        best = written[0][1]
    if best.score < resources.settings.answer_min_score:
        return hits
    if not hits or best is not hits[0]:
        _mark(resources, u, tenant, [best])
    if not best.unmatched and not best.matched:  # the question it was written for names it ("де ви", "ເປີດຈັກໂມງ")
        best.matched = [m.group() for m in asked.finditer(u.text)]
    return [best, *(h for h in hits if h.id != best.id)][:3] if is_clear_answer(best, lang) else hits


def _on_the_day(resources: Resources, u: Understanding, tenant: Tenant,
                hits: list[KnowledgeHit]) -> list[KnowledgeHit]:
    """A day the customer asks about that an FAQ entry names leads over one that does not name it: "31го до скольки
    киоск работает?" is answered by the holidays entry ("31 декабря — до 15:00"), not the usual hours, which e5 puts
    nearer ("31го" is no "31 декабря" to it)."""
    days = days_named(u.text)
    lang = u.language.code
    if not days or (hits and names_day(hits[0].text, days)):
        return hits
    dated = next((h for h in _near_faq(resources, u, tenant, k=5) if h.language == lang and names_day(h.text, days)),
                 None)
    if dated is None or dated.score < resources.settings.answer_min_score:
        return hits
    _mark(resources, u, tenant, [dated])
    if not dated.unmatched and not dated.matched:  # the day it names is what points at it
        dated.matched = list(days.values())
    return [dated, *(h for h in hits if h.id != dated.id)][:3] if is_clear_answer(dated, lang) else hits


def _tagged_topic(resources: Resources, u: Understanding, tenant: Tenant, faq: KnowledgeHit,
                  item: KnowledgeHit) -> list[str]:
    """The FAQ entry's own topic words (its tags, as the business wrote them, or the customer's words that it shares
    with at most one other entry, `matched`, and asks in its question variants) that the customer uses and the named
    item's entry never does: "warranty" in "whats the warranty on the timemore grinder" is the warranty entry's topic,
    not the grinder's price; "sew" in "how much just to sew a sinh from it?" the own-fabric entry's ("how much to sew
    with my own material"), not the fabric's price."""
    index = resources.store.words(tenant.id)
    entry = index.entries.get(item.id) if index is not None else None
    own = index.entries.get(faq.id) if index is not None else None
    if faq.kind != "faq" or entry is None or own is None:
        return []
    if asks_only_what_it_says(u.text, u.language.code, entry, index, tenant.taxonomy):
        return []  # the one question asks the item's price; "не срочно" before it is the story, not the urgent entry
    said, has = lower_words(u.text), entry_words(entry)
    asks = {w for d in own.documents if d.role == "question" for w in lower_words(d.text)}
    # how it asks, and the item's name as written, are no topic: "стоит" in "сколько стоит паджеро на неделю?" is the
    # airport entry's word too, "арку" in "арку из шаров метра на 3 сколько будет стоить?" the balloon entry's; nor is
    # a tag the price is asked with (a spa's price list tagged ລາຄາ, price, for "ນວດນ້ຳມັນ 2ຊມ ລາຄາເທົ່າໃດ")
    span = tenant.catalogue.find_product_span(u.text, u.language.code) if tenant.catalogue else None
    named = u.text[slice(*span[1])] if span else ""
    asking = {w for part in (*price_asking(u.text), *duration_asking(u.text), named) for w in lower_words(part)}
    found = [w for w in faq.matched if w not in asking and any(same_word(w, q) for q in asks)
             and not any(same_word(w, h) for h in has)]
    for tag in faq.tags:
        words = lower_words(tag)
        if tag != "policy" and words and all(any(same_word(w, s) for s in said) for w in words) \
                and not all(w in asking for w in words) and not any(same_word(w, h) for w in words for h in has):
            found.append(tag)
    return found


def _beyond_item(resources: Resources, u: Understanding, tenant: Tenant, hit: KnowledgeHit, item_id: str) -> list[str]:
    """The customer's central words that the named item's catalogue entry (name, summary, price) never
    mentions (answer_coverage.strays, against the item alone): "beginner" in "is the Trail 29 good for a
    beginner?"; not "exactly" in "how much is the Trail 29 exactly?", nor a size it comes in."""
    index = resources.store.words(tenant.id)
    entry = index.entries.get(hit.id) if index is not None else None
    product = tenant.catalogue.item(item_id) if tenant.catalogue else None
    if entry is None or product is None:
        return []
    lang = u.language.code
    text, vector = _sentence_naming(resources, u, tenant)
    words = strays(vector, text, lang, entry, tenant.taxonomy, resources.embedder)
    if words and asks_only_what_it_says(u.text, lang, entry, index, tenant.taxonomy):
        return []  # "Բարև Ձեզ, կնոջս տարեդարձն է, 51 կարմիր վարդը ինչ արժի?": whose birthday is the story
    if words and states_price(hit.text) and asks_only_a_price(u.text, lang, tenant.taxonomy, entry):
        return []  # "… surprise her with a pedicure for her birthday. how much is that": the pedicure's price
    if states_price(hit.text):  # how a price is asked, and for which day, pick what the entry states: "скока будет
        # шатер на двоих со вторника на среду?" asks the tent's weekday price, not something its entry never says
        asking = {w for part in price_asking(u.text) for w in lower_words(part)}
        words = [w for w in words if w not in asking and not (asking and w in _DAY_WORDS)]
    return [w for w in words if not any(tenant.catalogue.match_attribute(a, w, lang, item=product)
                                        for a in product.attributes)]


def _sentence_naming(resources: Resources, u: Understanding, tenant: Tenant) -> tuple[str, np.ndarray]:
    """The sentence that names the item, and its vector: "yes, still interested. how much was the Trail 29?"
    asks only the second about the item."""
    found = tenant.catalogue.find_product_span(u.text, u.language.code) if tenant.catalogue else None
    sentence = next((m.group().strip() for m in SENTENCE.finditer(u.text)
                     if found and m.start() <= found[1][0] < m.end()), u.text)
    if sentence == u.text.strip() or not sentence:
        return u.text, u.vector
    return sentence, resources.embedder.embed_queries([sentence])[0]


def _faq_answers(resources: Resources, u: Understanding, tenant: Tenant, hits: list[KnowledgeHit]) -> bool:
    """A price question naming no item whose words point at a clear FAQ answer beyond the catalogue, words
    nearer that entry than any example of the intent: "rent" in "how much is it to rent a bike for a day?"
    is what the rental entry answers (two bikes to buy would not); "ціни" (prices) in "які ціни на
    електровелосипеди" is how the intent asks, though only the repair-prices entry writes it."""
    top = hits[0] if hits else None
    index = resources.store.words(tenant.id)
    if top is None or top.kind != "faq" or index is None or not is_clear_answer(top, u.language.code):
        return False
    words = beyond_catalogue(top, index)
    entry_vectors = index.vectors(index.entries[top.id]) if top.id in index.entries else None
    if not words or entry_vectors is None:
        return False
    vectors = resources.embedder.embed_queries(words)  # each alone: "стоит аренда" reads as a price question
    return any(float((entry_vectors @ v).max()) > tenant.classifier.nearest_example(v, u.intent.id)
               for v in vectors)


def knowledge_about(resources: Resources, tenant: Tenant, language: str) -> Lookup:
    """What the tenant's knowledge says about one sentence of a draft (`RuleContext.lookup`, H10): the
    catalogue items it names (tagged `in_stock` / `out_of_stock`), then (`near`) the FAQ and policy entries
    nearest to it. A person's reply may state any fact of the business ("Option B: City 3 Pro – 690 EUR"),
    not only what was found for the question."""

    @lru_cache(maxsize=64)
    def named(sentence: str) -> list[KnowledgeHit]:
        out, rest = [], sentence
        while tenant.catalogue and len(out) < 4 and (found := tenant.catalogue.find_product_span(rest, language)):
            item, (start, end) = found
            if hit := resources.store.get(f"catalogue:{item.id}:{language}", tenant=tenant.id):
                # its availability state from the catalogue: a tenant words it its own way (availability.yaml)
                state = [] if item.stock is None else ["in_stock" if item.stock > 0 else "out_of_stock"]
                out.append(hit.model_copy(update={"tags": [*hit.tags, *state]}))
            rest = rest[:start] + " " * (end - start) + rest[end:]
        return out

    @lru_cache(maxsize=64)
    def nearest(sentence: str) -> list[KnowledgeHit]:
        vector = resources.embedder.embed_queries([sentence])[0]
        return resources.store.search(vector, tenant=tenant.id, language=language, k=5, kinds=_NOT_CATALOGUE,
                                      min_score=_ABOUT_MIN_SCORE, text=sentence)

    def lookup(sentence: str, *, near: bool = True) -> list[KnowledgeHit]:
        if tenant.knowledge_dir is None:
            return []
        return [*named(sentence), *(nearest(sentence) if near else [])]

    return lookup


def wants_options(u: Understanding) -> bool:
    """No item named where the intent offers options (M3): two catalogue items make a decision package."""
    return bool(u.spec and u.spec.catalogue == "options" and "product" in u.missing)

