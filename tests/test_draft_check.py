"""Checking a person's reply (`Copilot.check`, as POST /v1/check): a draft may state any fact of the
business, not only what was found for the question; what it says of a named item must be what that item's
entry says; the time a writer commits to reply by is theirs to keep; and over the development set of good
and bad drafts (evals/datasets/drafts, written from the guide) good ones go out and bad ones are stopped."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from copilot import Copilot

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # as benchmarks/bench_draft_check.py
DRAFTS = Path(__file__).resolve().parents[1] / "evals" / "datasets" / "drafts"


def _failed(copilot: Copilot, says: str, draft: str, **customer: str) -> dict[str, str]:
    conversation = {"channel": "whatsapp", "customer": customer, "messages": [{"role": "customer", "text": says}]}
    report = copilot.check(conversation, draft, now=NOW)
    return {c.rule: c.detail for c in report.checks if c.status == "fail"}


@pytest.mark.parametrize(("says", "draft"), [
    ("looking for a bike to commute, budget up to 700",
     "Hi Lucas! Two good options for a flat commute:\nOption A: City 3 bike – €540.\nOption B: City 7 bike – €690.\n"
     "Which one shall I reserve for you, A or B?"),
    ("по городу катаюсь, что посоветуете?",
     "Лукас, есть два варианта:\nВариант A: City 3 — 540 €.\nВариант B: City 7 — 690 €.\n"
     "Какой вам отложить — A или B?"),
    ("գյումրի առաքում կա? ինչ արժի",
     "Այո, Լուկաս, Գյումրի առաքում ենք։ Արժեքը՝ 10 €, իսկ 300 €-ից սկսվող պատվերների դեպքում՝ անվճար։ "
     "Գրեք, խնդրում եմ, որ ապրանքն եք ուզում։"),
], ids=["en-options", "ru-options", "hy-delivery"])
def test_a_reply_may_state_any_fact_of_the_business_its_sentences_speak_about(offline_copilot: Copilot, says: str,
                                                                              draft: str) -> None:
    assert "H10" not in _failed(offline_copilot, says, draft, name="Lucas")


def test_what_a_reply_says_of_a_named_item_is_what_its_entry_says(offline_copilot: Copilot) -> None:
    says = "is the ridge 27.5 available in M?"
    wrong = _failed(offline_copilot, says, "Yes, the Ridge 27.5 is in stock in size M! Shall I reserve it for you?")
    assert "in stock" in wrong.get("H10", ""), "the catalogue has none left"
    right = _failed(offline_copilot, says, "Sorry, the Ridge 27.5 is out of stock right now. "
                                           "Shall I suggest a similar bike?")
    assert "H10" not in right


def test_a_made_up_price_stays_blocked_though_the_item_is_named(offline_copilot: Copilot) -> None:
    failed = _failed(offline_copilot, "how much is the trail 29?",
                     "The Trail 29 mountain bike costs €790. Shall I reserve one for you?")
    assert "790" in failed.get("H10", "")


@pytest.mark.parametrize(("says", "draft"), [
    ("по городу, бюджет до 700", "Для города и бюджета до 700 € есть City 3 — 540 €."),
    ("for the city, my budget is 700", "With a budget of up to 700 €, the City 3 at 540 € fits."),
], ids=["ru", "en"])
def test_the_customers_own_budget_restated_is_their_number_not_a_price(offline_copilot: Copilot, says: str,
                                                                       draft: str) -> None:
    assert "H10" not in _failed(offline_copilot, says, draft)


@pytest.mark.parametrize(("says", "draft"), [
    ("по городу, бюджет до 700", "City 7 стоит 700 €, как раз под ваш бюджет."),
    ("my budget is 600", "With a budget of 700 €, the City 3 at 540 € fits."),
], ids=["a price of ours", "not their number"])
def test_a_budget_word_backs_only_the_customers_number_right_after_it(offline_copilot: Copilot, says: str,
                                                                      draft: str) -> None:
    assert "700" in _failed(offline_copilot, says, draft).get("H10", "")


@pytest.mark.parametrize(("says", "draft"), [
    ("is the City 7 in white at the Kyiv shop?",
     "I'll check whether the City 7 in white is at our Kyiv shop and reply here by 16:00 today."),
    ("мне списали деньги дважды",
     "Передала ваш вопрос Марине из отдела оплат, она напишет вам здесь сегодня до 15:00."),
    ("ເອົາລົດໄປກວດເຊັກ ມໍເຕີບໍ່ເຮັດວຽກ",
     "ຂ້ອຍໄດ້ສົ່ງເລື່ອງນີ້ໃຫ້ຜູ້ຈັດການແລ້ວ. ລາວຈະຕິດຕໍ່ທ່ານ ກ່ອນ 12:00 ມື້ອື່ນເຈົ້າ."),
], ids=["en", "ru", "lo"])
def test_the_time_a_writer_commits_to_reply_by_is_theirs_not_an_invented_fact(offline_copilot: Copilot, says: str,
                                                                              draft: str) -> None:
    assert "H10" not in _failed(offline_copilot, says, draft)


def test_a_reply_promised_sooner_than_the_business_replies_is_not_backed(offline_copilot: Copilot) -> None:
    says = "is the City 7 in white at the Kyiv shop?"
    soon = _failed(offline_copilot, says, "I'll check whether the City 7 in white is there and reply here by 10:05.")
    assert "10:05" in soon.get("H10", ""), "the business itself replies by 12:30 Kyiv time (10:00 UTC + its SLA)"


def test_a_business_fact_the_knowledge_does_not_hold_is_still_blocked(offline_copilot: Copilot) -> None:
    failed = _failed(offline_copilot, "are you open on sundays?", "Yes, on Sundays we are open until 21:00. See you!")
    assert "21:00" in failed.get("H10", "")


def test_a_model_name_that_carries_a_field_word_asks_no_field(offline_copilot: Copilot) -> None:
    conversation = {"channel": "telegram", "messages": [
        {"role": "customer", "text": "how much is the E-City 500 with delivery to Vientiane?"},
        {"role": "agent", "text": "The E-City 500 is €1,890 and delivery to Vientiane takes 7 days. Shall I order it?"},
        {"role": "customer", "text": "let me think"}]}
    report = offline_copilot.check(conversation, "Of course! Are you still keen on the E-City 500, or shall I "
                                                 "close this for now?", now=NOW)
    assert next(c for c in report.checks if c.rule == "H7").status != "fail"


def _cases() -> list[dict]:
    return [c for path in sorted(DRAFTS.glob("*.yaml")) for c in yaml.safe_load(path.read_text("utf-8"))["cases"]]


def test_over_the_development_drafts_good_ones_go_out_and_bad_ones_are_stopped(offline_copilot: Copilot) -> None:
    cases = _cases()
    good = [c for c in cases if c["label"] == "good"]
    bad = [c for c in cases if c["label"] == "bad"]
    assert len(good) >= 100 and len(bad) >= 100, "20 of each in each of the five languages"
    sent = [c["id"] for c in good if offline_copilot.check(c["conversation"], c["draft"], now=NOW).passed]
    flagged = [c["id"] for c in bad
               if any(r.status == "fail" for r in offline_copilot.check(c["conversation"], c["draft"], now=NOW).checks)]
    assert len(sent) >= 0.95 * len(good), sorted({c["id"] for c in good} - set(sent))
    assert len(flagged) >= 0.90 * len(bad), sorted({c["id"] for c in bad} - set(flagged))
