"""decision.send_confidence, decision.auto_send (the automated mode's gate), the tenant's send policy,
and who keeps a reply the draft promises."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from copilot import Copilot, Settings
from copilot.errors import ConfigError
from copilot.paths import KNOWLEDGE_DIR
from copilot.models import KnowledgeHit
from copilot.send_policy import answered_intent, load_send_policy

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _suggest(copilot: Copilot, *texts: str, **extra):
    roles = ["customer", "agent"]
    msgs = [{"role": roles[i % 2], "text": t} for i, t in enumerate(texts)]
    return copilot.suggest({"messages": msgs, "channel": "whatsapp", **extra}, now=NOW)


def test_every_suggestion_carries_a_send_confidence_and_an_auto_send_that_follows_the_policy(
        offline_copilot: Copilot) -> None:
    policy = load_send_policy(KNOWLEDGE_DIR)
    for text in ["what are your opening hours?", "where is my order?", "hi", "I want my money back"]:
        d = _suggest(offline_copilot, text)
        s = d.decision
        assert 0.0 <= s.send_confidence <= 1.0
        expected = (answered_intent(d.intent.id, d.draft.citations, d.knowledge) in policy.intents
                    and s.send_confidence >= policy.bar
                    and s.action == "continue" and d.hygiene.passed)
        assert s.auto_send is expected, (text, d.intent.id, s)


def test_a_hand_off_is_never_auto_sent(offline_copilot: Copilot) -> None:
    s = _suggest(offline_copilot, "I want my money back for this bike, I will call my lawyer")
    assert s.decision.action == "escalate"
    assert s.decision.auto_send is False


def test_the_issue_example_refund_promise_is_blocked_by_the_check(offline_copilot: Copilot) -> None:
    conv = {"messages": [{"role": "customer", "text": "I want my money back… I will call my lawyer"}]}
    report = offline_copilot.check(conv, "Sure! Refund approved, you'll get your money today.", now=NOW)
    assert report.passed is False
    h10 = next(c for c in report.checks if c.rule == "H10")
    assert h10.status == "fail" and h10.severity == "block" and h10.span is not None and h10.fix


def test_a_first_message_nothing_answers_hands_off_with_the_promised_time_in_the_packet(
        offline_copilot: Copilot) -> None:
    s = _suggest(offline_copilot, "what is the capital of australia?")
    assert s.decision.action == "escalate"
    promise = s.decision.promise
    assert promise is not None and promise.kept_by == "handoff" and promise.by
    assert promise.by in s.draft.text
    assert s.decision.handoff is not None and s.decision.handoff.fields["promised_by"] == promise.by


def test_a_promise_in_a_conversation_that_continues_is_kept_by_a_task(offline_copilot: Copilot) -> None:
    s = _suggest(offline_copilot, "hi, my order A-10234 hasn't arrived", "Thanks! I'm checking it now.",
                 "any news about my order?")
    assert s.decision.action == "continue", s.decision
    if s.decision.promise is None:
        pytest.fail(f"the draft promises an update, the decision names no keeper: {s.draft.text}")
    assert s.decision.promise.kept_by == "task"
    assert s.decision.promise.by in s.draft.text


def test_a_draft_that_asks_a_question_promises_nothing(offline_copilot: Copilot) -> None:
    s = _suggest(offline_copilot, "where is my order?")
    assert s.draft.moment == "ask_missing"
    assert s.decision.promise is None


def _tenant(tmp: Path, policy: str | None) -> Path:
    root = tmp / "tenants"
    (root / "shop").mkdir(parents=True)
    if policy is not None:
        (root / "shop" / "send_policy.yaml").write_text(policy, encoding="utf-8")
    return root


def test_a_tenant_policy_that_allows_no_intent_sends_nothing(tmp_path: Path, data_dir: Path) -> None:
    copilot = Copilot(Settings(data_dir=data_dir, tenants_dir=_tenant(tmp_path, "intents: []\n")))
    for text in ["what are your opening hours?", "hi"]:
        s = _suggest(copilot, text, tenant="shop")
        assert s.decision.auto_send is False
        assert 0.0 <= s.decision.send_confidence <= 1.0


def test_a_tenant_threshold_replaces_the_default_target(tmp_path: Path) -> None:
    root = _tenant(tmp_path, "threshold: 0.0\n")
    policy = load_send_policy(KNOWLEDGE_DIR, root / "shop", frozenset({"info", "greeting", "pricing"}))
    assert policy.bar == 0.0 and policy.target_precision is None
    assert set(policy.intents) <= {"info", "greeting", "pricing"}
    assert policy.allows(intent="info", send_confidence=0.0, action="continue", hygiene_passed=True)
    assert not policy.allows(intent="info", send_confidence=1.0, action="escalate", hygiene_passed=True)
    assert not policy.allows(intent="info", send_confidence=1.0, action="continue", hygiene_passed=False)


@pytest.mark.parametrize(("text", "names"), [
    ("intents: [info]\nthreshold: 1.5\n", "threshold"),
    ("intents: [info]\nthreshold: 0.9\ntarget_precision: 0.9\n", "exactly one"),
    ("intents: [infoo]\n", "infoo"),
    ("intents: info\n", "intents"),
    ("- info\n", "mapping"),
    ("intents: [info]\nthreshhold: 0.5\n", "threshhold"),
])
def test_an_invalid_tenant_policy_is_a_config_error_naming_the_problem(tmp_path: Path, text: str, names: str) -> None:
    root = _tenant(tmp_path, text)
    with pytest.raises(ConfigError, match=names):
        load_send_policy(KNOWLEDGE_DIR, root / "shop", frozenset({"info", "greeting"}))


# A booking with date and time, and no booking system to confirm it (the demo shop has none): the
# draft says a colleague confirms it by a time, so the decision names who keeps that (weak spot 7).
BOOKING = {
    "en": "I want to book a service on 5 December at 14:00",
    "ru": "хочу записаться на обслуживание 5 декабря в 14:00",
    "uk": "хочу записатися на обслуговування 5 грудня о 14:00",
    "hy": "ուզում եմ գրանցվել սպասարկման դեկտեմբերի 5-ին ժամը 14:00-ին",
    "lo": "ຢາກຈອງຄິວສ້ອມແປງວັນທີ 5 ທັນວາ ເວລາ 14:00",
}


@pytest.mark.parametrize("language", sorted(BOOKING))
def test_a_booking_a_person_must_confirm_names_who_keeps_the_confirmation(offline_copilot: Copilot,
                                                                          language: str) -> None:
    s = _suggest(offline_copilot, BOOKING[language])
    assert s.intent.id == "booking" and s.draft.moment == "closing", (s.intent.id, s.draft.moment, s.draft.text)
    promise = s.decision.promise
    assert promise is not None, f"a person must confirm the booking, the decision names no keeper: {s.draft.text}"
    assert promise.kept_by == "task" and promise.by and promise.by in s.draft.text
    assert s.decision.handoff is not None and s.decision.handoff.fields["promised_by"] == promise.by
    assert s.decision.auto_send is False


def _faq(entry_id: str, intent: str) -> KnowledgeHit:
    return KnowledgeHit(id=entry_id, title="", text="", score=0.9, source="faq.yaml", kind="faq", intent=intent)


def test_a_draft_quoting_an_faq_entry_is_judged_by_the_question_that_entry_answers() -> None:
    hits = [_faq("faq:gift_cards:en", "info"), _faq("faq:refund_timing:en", "refund")]
    assert answered_intent("other", ["faq:gift_cards:en"], hits) == "info"
    assert answered_intent("other", ["faq:refund_timing:en"], hits) == "refund"  # not allowed: still not sent
    assert answered_intent("other", [], hits) == "other"  # quotes nothing: the classifier's
    assert answered_intent("pricing", [], hits) == "pricing"
    # "is breakfast included if I book?" read as a booking but answered with an info entry: an info answer
    assert answered_intent("book_room", ["faq:gift_cards:en"], hits) == "info"


# Which bike is the right question. English technical questions mostly stay under the default bar (0.08-0.76 for
# five wordings of a slipping chain since the 2026-12-05 refit; this test's old English example sat at 0.83, its
# variant with a question mark at 0.79 before it): NOTES, "Weak spots".
@pytest.mark.parametrize("text", ["у велосипеда слетает цепь, что делать?", "ланцюг на велосипеді злітає, що робити?"])
def test_asking_which_product_goes_out_unread_when_the_message_names_nothing_else(offline_copilot: Copilot,
                                                                                  text: str) -> None:
    s = _suggest(offline_copilot, text)
    assert s.draft.moment == "ask_missing" and s.missing_fields[:1] == ["product"], s.draft.text
    assert s.decision.auto_send is True, s.decision.send_confidence


@pytest.mark.parametrize("text", ["my phone screen is cracked, what do I do",  # the shop sells no phones
                                  "сколько стоит страховка на квартиру?"])
def test_a_message_about_something_the_knowledge_misses_is_promised_a_reply_by_a_person(offline_copilot: Copilot,
                                                                                       text: str) -> None:
    s = _suggest(offline_copilot, text)
    assert s.draft.moment == "first_reply" and "product" not in s.missing_fields, s.draft.text
    assert s.decision.auto_send is False, s.decision.send_confidence


CHIMNEY_FAQ = {"business": "Teplo", "entries": [
    {"id": "chimney", "intent": "info",
     "questions": {"ru": ["нужен акт проверки дымохода", "вы делаете акт на дымоход?"]},
     "answers": {"ru": "Акт проверки дымохода и вентиляции нужен для пуска газа после установки котла. Делаем его "
                       "за один выезд, мастер приезжает с видеоэндоскопом."}},
    {"id": "breakfast", "intent": "info", "questions": {"ru": ["завтрак входит в стоимость?", "есть ли завтрак"]},
     "answers": {"ru": "Завтрак включён в стоимость, с 7:00 до 10:00."}},
    {"id": "cleaning", "intent": "info", "questions": {"ru": ["что входит в чистку ноутбука", "чистка ноутбука"]},
     "answers": {"ru": "Чистка ноутбука включает разборку, очистку от пыли и замену термопасты. Занимает 2–3 часа."}},
    {"id": "licence", "intent": "info", "questions": {"ru": ["лицензия windows входит?", "нужна своя лицензия"]},
     "answers": {"ru": "Лицензия Windows не входит в стоимость установки: ставим систему с Вашим ключом."}}]}


def test_a_price_asked_is_not_auto_sent_with_knowledge_that_states_no_amount(tmp_path: Path, data_dir: Path) -> None:
    import yaml

    root = tmp_path / "teplo"
    (root / "knowledge").mkdir(parents=True)
    (root / "tenant.yaml").write_text("timezone: Europe/Kyiv\ncurrency: UAH\nlanguages: [ru]\n", encoding="utf-8")
    (root / "knowledge" / "faq.yaml").write_text(yaml.safe_dump(CHIMNEY_FAQ, allow_unicode=True), encoding="utf-8")
    (root / "send_policy.yaml").write_text("intents: [info, pricing]\nthreshold: 0.0\n", encoding="utf-8")
    copilot = Copilot(Settings(data_dir=data_dir, tenants_dir=tmp_path))
    asked = _suggest(copilot, "газовая требует акт проверки дымохода, у вас это почём?", tenant="teplo")
    assert asked.draft.citations == ["faq:chimney:ru"] and asked.decision.auto_send is False
    told = _suggest(copilot, "газовая требует акт проверки дымохода, вы его делаете?", tenant="teplo")
    assert told.draft.citations == ["faq:chimney:ru"] and told.decision.auto_send is True
    # the one question asks what the act is for; the cost is the story's
    story = _suggest(copilot, "для чего нужен акт проверки дымохода? хочу прикинуть стоимость ремонта", tenant="teplo")
    assert story.draft.citations == ["faq:chimney:ru"] and story.decision.auto_send is True
    included = _suggest(copilot, "а завтрак входит в цену?", tenant="teplo")  # "включён в стоимость" answers it
    assert included.draft.citations == ["faq:breakfast:ru"] and included.decision.auto_send is True
    # what a job includes, or what is not included, is no price: "включает разборку", "не входит в стоимость"
    job = _suggest(copilot, "чистка ноутбука с заменой термопасты сколько стоит?", tenant="teplo")
    assert job.draft.citations == ["faq:cleaning:ru"] and job.decision.auto_send is False
    licence = _suggest(copilot, "сколько стоит лицензия windows?", tenant="teplo")
    assert licence.draft.citations == ["faq:licence:ru"] and licence.decision.auto_send is False
