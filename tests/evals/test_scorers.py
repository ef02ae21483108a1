"""Scorers and aggregates on hand-built Suggestions (real pydantic objects, not mocks)."""

from __future__ import annotations

import pytest

from copilot.evals.gate import check_gate
from copilot.evals.metrics import aggregate, percentile
from copilot.evals.results import case_verdict
from copilot.models import KnowledgeHit, RuleCheck
from eval_builders import fail_check, make_case, make_suggestion, scored


def _score(run, name):
    found = run.score(name)
    assert found is not None, [s.name for s in run.scores]
    return found


def test_intent_scorer_passes_the_right_intent_and_says_what_it_got() -> None:
    good = scored(make_case(intent="order_status"), make_suggestion(intent="order_status"))
    bad = scored(make_case(intent="refund"), make_suggestion(intent="order_status"))
    assert _score(good, "intent").status == "pass"
    assert _score(bad, "intent").status == "fail" and "got order_status" in _score(bad, "intent").reason


def test_macro_f1_averages_over_expected_intents_so_a_rare_intent_counts_as_much_as_a_common_one() -> None:
    runs = [scored(make_case(f"c{i}", intent="order_status"), make_suggestion(intent="order_status")) for i in range(8)]
    runs += [scored(make_case("r1", intent="refund"), make_suggestion(intent="order_status")),
             scored(make_case("r2", intent="refund"), make_suggestion(intent="refund"))]
    m = aggregate(runs)
    assert m["intent.accuracy"] == pytest.approx(0.9)
    # order_status: P 8/9, R 1 → F1 16/17; refund: P 1, R 1/2 → F1 2/3.
    assert m["intent.macro_f1"] == pytest.approx((16 / 17 + 2 / 3) / 2)


def test_field_values_match_after_normalisation_and_money_needs_only_the_given_keys() -> None:
    case = make_case(fields={"order_id": "vn-10234", "money": {"amount": 450}}, missing=["date"])
    run = scored(case, make_suggestion(fields={"order_id": "VN-10234", "money": {"amount": 450.0, "currency": "EUR"}},
                                       missing=["date"]))
    assert _score(run, "fields.recall").value == 1.0
    assert _score(run, "fields.precision").value == 1.0
    assert _score(run, "fields.missing").status == "pass"


def test_extracting_a_field_the_case_says_is_missing_costs_precision() -> None:
    case = make_case(missing=["order_id"])
    run = scored(case, make_suggestion(fields={"order_id": "2026"}, missing=[]))
    assert _score(run, "fields.precision").value == 0.0
    assert _score(run, "fields.missing").status == "fail"


def test_a_missed_must_escalate_is_critical_and_an_unneeded_one_is_not() -> None:
    missed = scored(make_case(escalate=True, reasons=["E-refund"]), make_suggestion(action="continue"))
    extra = scored(make_case(escalate=False), make_suggestion(action="escalate", reasons=["E-low-confidence"]))
    assert _score(missed, "escalation").critical and _score(missed, "escalation").status == "fail"
    assert _score(missed, "escalation.reasons").status == "fail"
    assert not _score(extra, "escalation").critical
    m = aggregate([missed, extra, scored(make_case("ok", escalate=True), make_suggestion(action="escalate"))])
    assert m["escalation.recall"] == pytest.approx(0.5)
    assert m["escalation.precision"] == pytest.approx(0.5)
    assert m["escalation.critical_misses"] == 1


def test_per_rule_rates_come_from_the_checks_and_an_error_is_never_a_fail() -> None:
    checks = [RuleCheck(rule="H9", name="tone", severity="warn", status="error", passed=True, detail="judge down"),
              fail_check("H6"), RuleCheck(rule="H3", name="one-question", status="pass", passed=True)]
    run = scored(make_case(rules_must_pass=["H9"]), make_suggestion(checks=checks))
    assert _score(run, "hygiene.H9").status == "error"
    assert _score(run, "hygiene.must_pass").status == "error"   # H9 could not be judged: not a fail
    assert _score(run, "hygiene.draft").status == "fail"        # H6 blocks
    m = aggregate([run])
    assert m["hygiene.pass_rate.H6"] == 0.0 and m["hygiene.pass_rate.H3"] == 1.0
    assert m["hygiene.errors"] == 1
    assert "hygiene.pass_rate.H9" in m and m["hygiene.pass_rate"] == pytest.approx(0.5)


def test_rules_must_pass_fails_when_a_listed_rule_fails_and_names_it() -> None:
    run = scored(make_case(rules_must_pass=["H3", "H7"]), make_suggestion(checks=[
        RuleCheck(rule="H3", status="pass", passed=True), fail_check("H7", detail="asks again for the order number")]))
    s = _score(run, "hygiene.must_pass")
    assert s.status == "fail" and "H7" in s.reason


def test_grounding_checks_facts_and_that_every_citation_was_retrieved() -> None:
    hit = KnowledgeHit(id="faq:hours:en", title="Hours", text="Sun 11:00–17:00", score=0.9, source="faq.yaml")
    run = scored(make_case(facts_must_appear=["17:00"], facts_must_not_appear=["cash on delivery"]),
                 make_suggestion(draft="On Sunday we are open 11:00–17:00. Anything else?", knowledge=[hit],
                                 citations=["faq:hours:en", "faq:invented:en"]))
    assert _score(run, "grounding.facts").status == "pass"
    cites = _score(run, "grounding.citations")
    assert cites.status == "fail" and "faq:invented:en" in cites.reason and cites.value == 0.5


def test_facts_are_matched_ignoring_case_and_spacing_but_not_meaning() -> None:
    case = make_case(facts_must_appear=["VN-2291"], facts_must_not_appear=["refund approved"])
    ok = scored(case, make_suggestion(draft="Your booking vn-2291 is moved to Friday."))
    bad = scored(case, make_suggestion(draft="Booking VN 2291 moved. Refund  approved."))
    assert _score(ok, "grounding.facts").status == "pass"
    assert _score(bad, "grounding.facts").status == "fail" and _score(bad, "grounding.facts").value == 0.0


@pytest.mark.parametrize(("fact", "draft", "holds"), [
    ("50,000", "The check costs 450,000 kip.", False),        # a price inside a bigger price is not it
    ("8 000", "Kia Rio: 18 000 AMD a day.", False),
    ("600", "Fuel is charged at 1 600 AMD a litre.", False),
    ("600", "Fuel is charged at 600 AMD a litre.", True),
    ("50,000", "It is 50,000 kip, cash or QR.", True),
    ("16:00", "On Saturday we work until 16:00.", True),
    ("70000", "4 guests, weekend: 70\u00a0000 AMD a night.", True),  # the number as the reply's language groups it
    ("1 290", "1 kg: 1,290 UAH", True),
    ("8000", "Kia Rio: 18 000 AMD a day.", False),
    ("1,5", "Rent a bike for 1,500 AMD.", False),  # a decimal comma is no grouping
    ("450,000", "A full recharge: R32 450,000 kip, R410A 550,000 kip.", True),  # a model's number is no group
    ("32450", "A full recharge: R32 450,000 kip.", False),
])
def test_a_fact_that_is_a_number_is_found_only_as_a_whole_number(fact: str, draft: str, holds: bool) -> None:
    run = scored(make_case(facts_must_appear=[fact]), make_suggestion(draft=draft))
    assert (_score(run, "grounding.facts").status == "pass") is holds


@pytest.mark.parametrize(("fact", "draft", "holds"), [
    ("lease", "Please call us.", False),  # a word inside another word is not it
    ("lease", "Bring your ID and your house lease.", True),
    ("Idram", "We take cards and Idram.", True),
    ("ມັດຈຳ", "ພວກເຮົາຄືນມັດຈຳໃຫ້", True),  # Lao is written without spaces: any letter may begin a word
])
def test_a_fact_that_is_a_word_is_found_only_from_a_words_start(fact: str, draft: str, holds: bool) -> None:
    run = scored(make_case(facts_must_appear=[fact]), make_suggestion(draft=draft))
    assert (_score(run, "grounding.facts").status == "pass") is holds


def test_similarity_is_higher_for_a_paraphrase_than_for_an_unrelated_reply() -> None:
    case = make_case(reference="Could you send me your order number so I can check where it is?")
    near = scored(case, make_suggestion(draft="Please share your order number and I'll check where your parcel is."))
    far = scored(case, make_suggestion(draft="Our workshop is closed on Sundays."))
    assert _score(near, "similarity").value > _score(far, "similarity").value


def test_latency_and_cost_come_from_the_trace() -> None:
    calls = [{"stage": "draft", "model": "m", "prompt_tokens": 300, "completion_tokens": 50, "cost_usd": 0.001,
              "prompt_version": "suggest/v1"}]
    run = scored(make_case(), make_suggestion(timings={"understand": 10.0, "draft": 5.0}, llm_calls=calls))
    assert _score(run, "latency").value == 15.0
    assert _score(run, "cost.tokens").value == 350 and _score(run, "cost.usd").value == pytest.approx(0.001)
    offline = scored(make_case(), make_suggestion())
    assert offline.score("cost.tokens") is None


def test_a_copilot_error_is_an_error_case_not_a_failed_one() -> None:
    run = scored(make_case(intent="order_status"), None)
    assert [s.status for s in run.scores] == ["error"]
    assert case_verdict(run) == "error"
    assert aggregate([run])["copilot.errors"] == 1


def test_a_warn_rule_failing_does_not_fail_the_case_but_a_broken_expectation_does() -> None:
    warn = [fail_check("H8", severity="warn")]
    assert case_verdict(scored(make_case(intent="order_status"), make_suggestion(checks=warn))) == "pass"
    assert case_verdict(scored(make_case(intent="refund"), make_suggestion(checks=warn))) == "fail"


def test_the_gate_fails_a_missed_threshold_and_a_metric_that_was_never_measured() -> None:
    checks = check_gate({"intent.accuracy": 0.95, "escalation.recall": 0.9},
                        {"intent.accuracy": ">= 0.95", "escalation.recall": "== 1.0", "judge.pass_rate": ">= 0.8"})
    by = {c.metric: c for c in checks}
    assert by["intent.accuracy"].passed
    assert not by["escalation.recall"].passed
    assert not by["judge.pass_rate"].passed and "not measured" in by["judge.pass_rate"].detail


def test_percentile_is_nearest_rank() -> None:
    assert percentile([float(i) for i in range(1, 21)], 95) == 19.0
    assert percentile([5.0], 95) == 5.0
    assert percentile([], 95) is None


def test_the_language_scorer_compares_the_reply_language_with_the_expected_one() -> None:
    run = scored(make_case(language="uk"), make_suggestion())
    assert _score(run, "language").status == "fail" and "replied in en" in _score(run, "language").reason
    assert scored(make_case(language="en"), make_suggestion()).score("language").status == "pass"


def test_a_draft_asking_for_a_field_the_case_says_was_given_is_a_reask() -> None:
    given = make_case(fields={"order_id": "48213"})
    reask = scored(given, make_suggestion(fields={}, draft="Thanks! Could you send me your order number?"))
    uses_it = scored(given, make_suggestion(fields={"order_id": "48213"},
                                            draft="Thanks! I'm checking order 48213 and will reply here by 12:00."))
    assert _score(reask, "reask").status == "fail" and "order_id" in _score(reask, "reask").reason
    assert _score(uses_it, "reask").status == "pass"
    assert aggregate([reask, uses_it])["reask.none_rate"] == pytest.approx(0.5)


def test_tagged_metrics_aggregate_only_the_cases_with_that_tag() -> None:
    from copilot.evals.metrics import tagged

    multi = make_case("m1", intent="booking").model_copy(update={"tags": ["multiturn"]})
    runs = [scored(multi, make_suggestion(intent="booking")),
            scored(make_case("s1", intent="refund"), make_suggestion(intent="booking"))]
    m = tagged(runs, ["multiturn"])
    assert m["multiturn:intent.accuracy"] == 1.0 and m["multiturn:cases"] == 1.0
    assert aggregate(runs)["intent.accuracy"] == 0.5
