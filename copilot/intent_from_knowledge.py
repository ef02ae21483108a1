"""When the classifier hesitates between a request and a question, a clear FAQ match decides.

"ArCa քարտով կարո՞ղ եմ վճարել" (can I pay by ArCa card?) reads as payment_issue 0.40 / info 0.33
to the classifier, and a payment problem hands off; the tenant's FAQ entry on payment methods,
written for `info`, matches it clearly. When the top FAQ hit is a clear answer, its entry's intent
is one knowledge answers (or the entry states terms, tag `policy`), the classifier gives that intent
(or the intents knowledge answers, together) a real probability and is itself unsure, the message is
taken as that intent. Policy is derived
again from the new intent; what the customer states outright ("money back", "charged twice") still
escalates on its own (policy.stated_escalations). A chase in the customer's words ("досі чекаю
відповіді") read as follow_up is never taken as the question of the entry its other words touch.
"""

from __future__ import annotations

from .classifier import OTHER
from .dialogue_cues import asks_price, cue, duration_asking
from .knowledge import is_clear_answer
from .knowledge.relevance import min_score_for
from .knowledge.words import same_word, taxonomy_words
from .models import Conversation, IntentAlternative, IntentResult, KnowledgeHit
from .moments import exemplar_outranks
from .name_match import normalise
from .resources import Tenant
from .rules.text import asks_question
from .settings import Settings
from .taxonomy import IntentSpec
from .understand import Understanding, reinterpret

SURE = 0.65  # a classifier this confident keeps its intent ...
# ... unless it hands off, the message asks a question and the tenant's FAQ question is nearer to it than
# every taxonomy example by this much: the business wrote the question itself ("do you take apple pay" is
# its payment-methods entry; the default taxonomy's nearest example, "cant pay with apple pay on your
# site", is a payment problem). A message that is the FAQ's question word for word asks it, mark or not
# ("Apple Pay ընդունում եք"). Only hand-offs: a sure request ("можно перенести нашу поездку к слонам на
# день позже?", reschedule) is nearer to the elephant-trip entry too, and a request answered with the
# entry is ignored, while a question handed off as a problem waits for a person. What the customer
# states outright ("payment failed", "money back") escalates on its own (policy.stated_escalations).
NEARER_THAN_EXAMPLES = 0.01
VERBATIM = 0.98
PLAUSIBLE = 0.15  # the entry's intent must be a real candidate, not a stray one
# ... and 0.1 against a hand-off the classifier is unsure of: a question it splits between two hand-offs
# ("ຈ່າຍເງິນທາງໃດໄດ້ແດ່ ຂ້ອຍບໍ່ມີເງິນສົດ", how can I pay, I have no cash: refund 0.43, payment_issue 0.43, info 0.12)
# waits for a person while the payment-methods entry answers it; what is stated outright still hands off.
PLAUSIBLE_FOR_HANDOFF = 0.1


# An out-of-scope message naming an item is about it when the classifier's readings about items together have this.
ABOUT_ITEMS = 0.5
# A classifier reading below this is no reading against an entry the customer's words name.
NO_READING = 0.3


def item_reading(u: Understanding, tenant: Tenant) -> IntentResult | None:
    """The reading of a message that names one of the tenant's items as a question about the item: its likeliest
    reading among the intents whose answer is a named item's entry (`catalogue: facts | options`).

    - Out of scope to the classifier ("Biofinity по 6 штук почем у вас?": far from every example), when its readings
      are mostly about items (intents that quote the catalogue or need a `product`). "is the snail essence cruelty
      free?" (mostly read otherwise) has none.
    - Asking the price of it ("բարև, զննումը ինչ արժի" read as feedback; "а лечение каналов почём?" as a question
      about treatment), or how long it takes (`asks_of_item`), read as anything but a request, a cancellation or a
      hand-off (which keep theirs: moments._asks_price).

    Never an item named only in everyday customer wording. Retrieval lets the item lead only when no FAQ entry
    clearly answers the message ("через сколько будут готовы анализы крови?" is the test-results entry's question),
    and never quotes it for what its entry does not say (retrieve._beyond_item)."""
    if not u.fields.get("product") or tenant.catalogue is None or u.spec.catalogue in ("facts", "options"):
        return None
    price = u.spec.kind not in ("book", "collect", "cancel", "escalate") and asks_of_item(u, tenant)
    if u.intent.id != OTHER and not price:
        return None
    if not names_item(u, tenant, as_written=price):
        return None
    specs = {a.id: spec for a in u.intent.alternatives if (spec := tenant.intent(a.id)) is not None}
    about_items = sum(a.confidence for a in u.intent.alternatives if a.id in specs and (
        specs[a.id].catalogue != "none" or any("product" in f.split("|") for f in specs[a.id].required_fields)))
    answering = [a for a in u.intent.alternatives if a.id in specs and _quotes_items(specs[a.id])]
    if price and not answering:  # a price question none of whose readings quotes items: the tenant's intent that does
        answering = [IntentAlternative(id=spec.id, confidence=0.0) for spec in tenant.taxonomy.intents
                     if _quotes_items(spec)][:1]
    if not answering or (about_items < ABOUT_ITEMS and not price):
        return None
    best = answering[0]
    return IntentResult(id=best.id, confidence=best.confidence,
                        alternatives=[IntentAlternative(id=u.intent.id, confidence=u.intent.confidence),
                                      *(a for a in u.intent.alternatives if a.id != best.id)][:3])


def asks_of_item(u: Understanding, tenant: Tenant) -> bool:
    """The message asks a price, or how long the item it names takes when the item's entry says
    (`duration_minutes`): "how long does a reformer class last?"."""
    if asks_price(u.text):
        return True
    product = u.fields.get("product")
    item = tenant.catalogue.item(product) if product and tenant.catalogue else None
    return item is not None and item.duration_minutes is not None and bool(duration_asking(u.text))


def names_item(u: Understanding, tenant: Tenant, *, as_written: bool = False) -> bool:
    """The message names its `product` in words that are no everyday customer wording (not "your office water plan"
    for a coworking's private office); with `as_written`, also by one of the item's names or aliases as written, or
    inflected ("маникюр", "Click 125", "маникюра"), never by a look-alike ("left" read as the Loft hall, "take" as
    packing tape)."""
    found = tenant.catalogue.find_product_span(u.text, u.language.code) if tenant.catalogue else None
    if found is None:
        return False
    item, span = found
    said = normalise(u.text[slice(*span)]).split()
    return (as_written and any(_inflected(normalise(n).split(), said) for n in (*item.names.values(), *item.aliases))) \
        or bool(taxonomy_words(tenant.taxonomy).content_words(u.text[slice(*span)], u.language.code))


def _inflected(name: list[str], said: list[str]) -> bool:
    """The words said are the name's, inflected at most ("անհատական պարապմունքի" for "անհատական պարապմունք"), not a
    look-alike ("left" for "loft")."""
    return len(name) == len(said) and all(same_word(a, b) for a, b in zip(name, said, strict=True))


def _quotes_items(spec: IntentSpec) -> bool:
    return spec.answers_first and spec.catalogue in ("facts", "options")


def reconsider_intent(conversation: Conversation, u: Understanding, hits: list[KnowledgeHit], tenant: Tenant,
                      settings: Settings) -> Understanding:
    top = hits[0] if hits else None
    if top is not None and top.id == f"catalogue:{u.fields.get('product')}:{u.language.code}" \
            and is_clear_answer(top, u.language.code) and (reading := item_reading(u, tenant)) is not None:
        return reinterpret(u, conversation, tenant, intent=reading, fields=u.fields)  # the item retrieval let lead
    if top is None or top.kind != "faq" or not top.intent or top.intent == u.intent.id:
        return u
    if u.intent.confidence >= SURE and (
            u.spec.kind != "escalate" or not (asks_question(u.text) or top.score >= VERBATIM)
            or top.score < tenant.classifier.nearest_example(u.vector) + NEARER_THAN_EXAMPLES):
        return u
    if u.spec.kind == "follow_up" and cue("CHASE").search(u.text):
        return u  # "still waiting for an answer" is about what was asked before, whatever entry its words touch
    lang = u.language.code
    # An entry under the floor, reached by the customer's rarer words (retrieve._named_by_words), answers them but
    # is no evidence against the classifier ("ուզում եմ գրանցվել … ֆունկցիոնալին" is a booking, not the schedule).
    # Unless the classifier has no reading to speak of and the customer's own words point at the entry (`matched`):
    # "… եթե դուռը չբացի առաքիչը ինչքան կսպասի" (if nobody opens the door, how long does the courier wait; feedback
    # 0.21, pricing 0.18) and the recipient-absent entry's "դուռը".
    under_floor = top.score < max(settings.answer_min_score, min_score_for("faq", lang))
    if top.language != lang or not is_clear_answer(top, lang) or (under_floor and not (
            top.matched and u.intent.confidence < NO_READING and u.spec.kind not in ("book", "collect", "cancel"))):
        return u
    spec = tenant.taxonomy.get(top.intent)
    if spec is None or not (spec.answers_first or "policy" in top.tags):
        return u
    probabilities = u.intent.probabilities()
    p = probabilities.get(top.intent, 0.0)
    # The entry's intent is a candidate when the classifier gives it a real probability; an entry written for
    # an intent knowledge answers, also when the classifier gives those intents one together, however it
    # spreads it among them ("can I pay monthly?" in Armenian: refund 0.38, info 0.25, the instalments
    # entry's pricing 0.03); any entry, when the customer's own words point at it ("вегетарианские",
    # "адресу"; answer_coverage.distinct_words). A message read as such an intent is answered already; an
    # upset one is a complaint to act on (M8), not a question.
    answering = 0.0 if u.spec.answers_first or u.upset or not spec.answers_first else sum(
        q for i, q in probabilities.items() if (other := tenant.taxonomy.get(i)) and other.answers_first)
    plausible = PLAUSIBLE_FOR_HANDOFF if u.spec.kind == "escalate" else PLAUSIBLE
    if max(p, answering) < plausible and not top.matched:
        return u
    if exemplar_outranks(u, top, tenant):
        return u
    alternatives = [IntentAlternative(id=u.intent.id, confidence=u.intent.confidence),
                    *(a for a in u.intent.alternatives if a.id != top.intent)][:3]
    intent = IntentResult(id=top.intent, confidence=p, alternatives=alternatives)
    return reinterpret(u, conversation, tenant, intent=intent, fields=u.fields)
