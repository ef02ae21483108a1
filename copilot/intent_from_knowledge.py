"""When the classifier hesitates between a request and a question, a clear FAQ match decides.

"ArCa քարտով կարո՞ղ եմ վճարել" (can I pay by ArCa card?) reads as payment_issue 0.40 / info 0.33
to the classifier, and a payment problem hands off; the tenant's FAQ entry on payment methods,
written for `info`, matches it clearly. When the top FAQ hit is a clear answer, its entry's intent
is one knowledge answers (or the entry states terms, tag `policy`), the classifier gives that intent
a real probability and is itself unsure, the message is taken as that intent. Policy is derived
again from the new intent; what the customer states outright ("money back", "charged twice") still
escalates on its own (policy.stated_escalations). A chase in the customer's words ("досі чекаю
відповіді") read as follow_up is never taken as the question of the entry its other words touch.
"""

from __future__ import annotations

from .dialogue_cues import cue
from .knowledge import is_clear_answer
from .models import Conversation, IntentAlternative, IntentResult, KnowledgeHit
from .resources import Tenant
from .settings import Settings
from .understand import Understanding, reinterpret

SURE = 0.65  # a classifier this confident keeps its intent
PLAUSIBLE = 0.15  # the entry's intent must be a real candidate, not a stray one


def reconsider_intent(conversation: Conversation, u: Understanding, hits: list[KnowledgeHit], tenant: Tenant,
                      settings: Settings) -> Understanding:
    top = hits[0] if hits else None
    if top is None or top.kind != "faq" or not top.intent or top.intent == u.intent.id or u.intent.confidence >= SURE:
        return u
    if u.spec.kind == "follow_up" and cue("CHASE").search(u.text):
        return u  # "still waiting for an answer" is about what was asked before, whatever entry its words touch
    lang = u.language.code
    if top.language != lang or top.score < settings.answer_min_score or not is_clear_answer(top, lang):
        return u
    spec = tenant.taxonomy.get(top.intent)
    if spec is None or not (spec.answers_first or "policy" in top.tags):
        return u
    p = u.intent.probabilities().get(top.intent, 0.0)
    # The customer's own words that point at the entry ("вегетарианские", "адресу") make its intent a
    # candidate however little the classifier gives it (answer_coverage.distinct_words).
    if p < PLAUSIBLE and not top.matched:
        return u
    if not top.matched and tenant.off_domain.outranks(u.vector, top.score, tenant.classifier.nearest_example(u.vector)):
        return u
    alternatives = [IntentAlternative(id=u.intent.id, confidence=u.intent.confidence),
                    *(a for a in u.intent.alternatives if a.id != top.intent)][:3]
    intent = IntentResult(id=top.intent, confidence=p, alternatives=alternatives)
    return reinterpret(u, conversation, tenant, intent=intent, fields=u.fields)
