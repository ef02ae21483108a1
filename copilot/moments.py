"""Stage 3a — where in the conversation we are (rulebook §3): the moment picks the template and
switches on the moment rules (M1–M9, `rules/moment_rules.py`) in the hygiene check.
"""

from __future__ import annotations

from .dialogue_cues import asks_price, duration_asking
from .fields.money import states_price
from .knowledge import is_clear_answer
from .knowledge.relevance import names_entry, outweighs_exemplar
from .knowledge.words import lower_words, same_word, taxonomy_words
from .models import Conversation, KnowledgeHit, Moment, Option
from .resources import Tenant
from .rules.facts import durations
from .rules.text import asks_question
from .settings import Settings
from .segment import word_count
from .understand import Understanding

_UNSURE = 0.5  # intent confidence below which a question is not treated as that intent's request
_BARE_OPENER_WORDS = 2  # "price?", "how much?", "ລາຄາ ເທົ່າໃດ": a menu, even when some FAQ matches


def choose_moment(conversation: Conversation, u: Understanding, hits: list[KnowledgeHit], options: list[Option],
                  tenant: Tenant, settings: Settings, *, escalate: bool) -> Moment:
    """The drafting situation, most urgent first: an upset customer before everything (M8).

    In context (`u.dialogue`): once we have replied, a message is never a first reply; an upset
    message after our reply (angry after a delay) gets M8 with what we already hold; a chase
    reopens (M5); a closing thank-you gets the one-tap satisfaction question (M9)."""
    what = u.spec.kind  # what the intent is (taxonomy `kind`), never its id
    replied = conversation.has_our_reply
    kind = u.dialogue.last.kind if u.dialogue is not None else ("request" if replied else "first")
    if u.upset and (u.missing or replied):
        return "angry"  # empathy → the one datum → action + deadline
    if escalate:
        return "handoff"
    # A first message the classifier only guesses is a follow-up ("ມີສະປາບໍ່", do you have a spa?, at 0.37)
    # chases no request of ours: "our team is working on it" would promise work nobody started (H10).
    if kind == "chase" or (what == "follow_up" and (replied or not unsure_question(u))):
        return "reopen"
    if kind == "thanks" and not u.negative_feedback:
        return "feedback"
    if kind == "confirm" and u.spec.answers_first and not _we_asked_for_fields(u):
        return "feedback"  # "ok" to an answer: nothing was agreed for a team to carry out; ask how we did (M9)
    if kind == "confirm" and (not u.missing or informational(u)):
        return "closing"  # "yes" to what we proposed: confirm it (M4), do not answer the question again
    # Feedback rates a resolution: a first message is feedback only when surely so and asking nothing ("great
    # service, thanks!"); "хороший сервис, а есть прокат?" and "բարև, զննումը ինչ արժի" (hello, what does a
    # check-up cost?, feedback at 0.30) want an answer, not "are you satisfied?".
    if what == "feedback" and (replied or (u.intent.confidence >= _UNSURE and not asks_question(u.text))):
        return "handoff" if u.negative_feedback else "feedback"
    if options:
        return "options"
    text = conversation.last_customer_message.text
    answerable = _answerable(u, hits, tenant, settings)
    # A short message the knowledge clearly answers ("в воскресенье работаете?", "hello, check-in time?")
    # names its need: the answer beats a menu. A bare "price?" still gets the menu.
    names_need = answerable and word_count(text) > _BARE_OPENER_WORDS
    if u.vague and not conversation.has_our_reply and not names_need:
        # "is there wifi?", "маєте евакуатор?": short, but it names what it asks about and needs no field: a
        # person checks and replies; the menu is for what names nothing ("price?") or a guessed request
        asks_about = what != "greeting" and not u.spec.required_fields and _names_something(text, u, tenant)
        return "first_reply" if asks_about else "vague_opener"
    if answerable:
        return "answer"
    if unsure_question(u) and not replied:
        return "first_reply"  # a guessed request is neither asked for its fields nor taken as agreed
    if u.missing and not replied and informational(u) and hits and hits[0].kind == "faq" and hits[0].unmatched:
        # A question whose best entry misses what it is about ("how much is delivery to Vanadzor?": the delivery
        # entry names other cities) is checked and answered by a person, not asked for an item it never named.
        return "first_reply"
    if u.missing:
        return "ask_missing"
    if what in ("book", "cancel") or replied:
        return "closing"  # what was agreed, the next phase, the reference data (M4)
    return "first_reply"


def _names_something(text: str, u: Understanding, tenant: Tenant) -> bool:
    """A word of the message that is no everyday customer wording of the tenant's intent examples."""
    return bool(taxonomy_words(tenant.taxonomy).content_words(text, u.language.code))


def _we_asked_for_fields(u: Understanding) -> bool:
    ours = u.dialogue.last_ours if u.dialogue is not None else None
    return ours is not None and bool(ours.asked)


def informational(u: Understanding) -> bool:
    """Knowledge may answer it outright: an informational intent, or a question whose intent the
    classifier is unsure of (then a clear knowledge match is better evidence than a guessed request)."""
    return u.spec.answers_first or unsure_question(u)


def unsure_question(u: Understanding) -> bool:
    """A question whose intent the classifier is unsure of: "is the Urban helmet waterproof?" read as
    availability at 0.42 is not asked which city to deliver to."""
    return u.intent.confidence < _UNSURE and asks_question(u.text)


def _answerable(u: Understanding, hits: list[KnowledgeHit], tenant: Tenant, settings: Settings) -> bool:
    """The best knowledge hit may be quoted as the answer.

    A request to act (book, track, return…) is acted on, not answered with how-to knowledge; but a
    question about the terms ("can I return a helmet I didn't use?") gets them quoted first.
    """
    top = hits[0] if hits else None
    if top is None:
        return False
    named_product = top.kind == "catalogue" and top.score >= 1.0
    return (top.score >= settings.answer_min_score and is_clear_answer(top, u.language.code)
            and not exemplar_outranks(u, top, tenant)
            and (top.kind in ("faq", "policy") or named_product)
            and top.language in (None, u.language.code)  # quoted verbatim: must be their language (H12)
            and (informational(u) or _asks_about_terms(u, top) or _names_an_answer(u, top, tenant)
                 or _asks_beside_request(u, top, tenant) or _asks_price(u, top, tenant)
                 or _asks_of_its_entry(u, top, tenant)))


def exemplar_outranks(u: Understanding, top: KnowledgeHit, tenant: Tenant) -> bool:
    """An off-domain exemplar ("ticket to Paris") is nearer than the FAQ entry and the intent examples, and the
    customer's own words do not point at the entry enough to outweigh it."""
    if top.kind != "faq" or outweighs_exemplar(top, u.language.code):
        return False
    return tenant.off_domain.outranks(u.vector, top.score, tenant.classifier.nearest_example(u.vector))


def _informational_entry(top: KnowledgeHit, tenant: Tenant) -> bool:
    """The entry was written for an informational intent (taxonomy `kind: answer` or `greeting`)."""
    spec = tenant.intent(top.intent) if top.intent else None
    return spec is not None and spec.answers_first


def _names_an_answer(u: Understanding, top: KnowledgeHit, tenant: Tenant) -> bool:
    """A question whose own rarer words name an FAQ entry written for an informational intent: "how far ahead do
    I order a wedding cake?" read as ordering a cake gets the wedding entry, not a question about the date."""
    return (top.kind == "faq" and names_entry(top.matched) and _informational_entry(top, tenant)
            and asks_question(u.text))


def _asks_beside_request(u: Understanding, top: KnowledgeHit, tenant: Tenant) -> bool:
    """A question asked beside a request ("are you open mondays? I want to bring my dog for a trim"): the words
    pointing at an FAQ entry of an informational intent are none of the request's own example words, so the
    entry answers the question, and the request's field is asked after it."""
    if top.kind != "faq" or not top.pointers or u.spec.kind not in ("book", "collect") or not asks_question(u.text):
        return False
    if not _informational_entry(top, tenant):
        return False
    own = {w for text in u.spec.examples.get(u.language.code, ()) for w in lower_words(text)}
    return any(not any(same_word(p, w) for w in own) for p in top.pointers)


def _asks_price(u: Understanding, top: KnowledgeHit, tenant: Tenant) -> bool:
    """A price question about what a request is for ("how much is the small room for an hour?" read as booking it, a
    coworking's examples all naming its rooms; "Royal Canin Mini Adult 4 кг почем?" read as ordering it): the item it
    names, or the FAQ entry of an informational intent that states prices, answers it; the request's field is asked
    after it."""
    if u.spec.kind not in ("book", "collect") or not asks_price(u.text):
        return False
    if top.kind == "catalogue":
        return True  # the item the customer named (_answerable), with its price
    return top.kind == "faq" and _informational_entry(top, tenant) and states_price(top.text)


def _asks_of_its_entry(u: Understanding, top: KnowledgeHit, tenant: Tenant) -> bool:
    """How long a request takes or what it costs, answered by an FAQ entry the business wrote for the request's own
    intent that states a duration or a price ("if i get a sinh tailored today how many days till its done?" read as a
    tailoring order, and its tailoring-time entry); how long, by an informational entry the customer's words point at
    ("can I come in for a skin consultation? how long does it take" read as booking, and the consultation entry's
    "20-minute"). The entry answers it, then the request's field is asked. Not any question: "do you rent sinh?"
    read as tailoring would get the tailoring terms."""
    if top.kind != "faq" or u.spec.kind not in ("book", "collect", "cancel"):
        return False
    how_long = bool(duration_asking(u.text)) and bool(durations(top.text))
    if top.intent == u.intent.id:
        return how_long or (asks_price(u.text) and states_price(top.text))
    return how_long and _informational_entry(top, tenant) and bool(top.pointers)


def _asks_about_terms(u: Understanding, top: KnowledgeHit) -> bool:
    """A question whose best knowledge is a policy: answer it, then ask for the field the request needs."""
    return (top.kind == "policy" or "policy" in top.tags) and asks_question(u.text)
