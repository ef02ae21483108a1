"""check_draft as a whole: rulebook order, skips, score, blocking, and the optional LLM judge."""

from __future__ import annotations

import pytest

from copilot.models import KnowledgeHit, RuleCheck
from copilot.rules import RuleContext, RuleInfo, check_draft, describe_rules

from .context import make_ctx

GOOD = "Hi Anna, could you send me your order number?"


def test_the_catalogue_lists_every_hygiene_and_moment_rule_once_in_rulebook_order() -> None:
    ids = [r.id for r in describe_rules()]
    # H1–H14 from the rulebook, H15 (substance) from a real model's echo (issue 20), then M1–M9.
    assert ids == [f"H{i}" for i in range(1, 16)] + [f"M{i}" for i in range(1, 10)]
    assert len({r.name for r in describe_rules()}) == len(ids)


def test_only_the_rules_the_brief_names_block_sending() -> None:
    blocking = {r.id for r in describe_rules() if r.severity == "block"}
    # The brief's five, and H15 (an echo or an empty reply) that issue 20 asked to block.
    assert blocking == {"H5", "H6", "H7", "H10", "H12", "H15"}


def test_each_moment_rule_applies_at_exactly_its_moment() -> None:
    moments = {r.id: r.moments for r in describe_rules() if r.id.startswith("M")}
    assert moments == {"M1": ["first_reply"], "M2": ["vague_opener"], "M3": ["options"], "M4": ["closing"],
                       "M5": ["reopen"], "M6": ["handoff"], "M7": ["follow_up"], "M8": ["angry"],
                       "M9": ["feedback"]}
    assert all(not r.moments for r in describe_rules() if r.id.startswith("H"))


def test_the_report_has_one_check_per_rule_in_catalogue_order_with_inapplicable_rules_skipped() -> None:
    report = check_draft(GOOD, make_ctx("en", moment="ask_missing", missing=["order_id"], name="Anna"))
    assert [c.rule for c in report.checks] == [r.id for r in describe_rules()]
    status = {c.rule: c.status for c in report.checks}
    assert all(status[f"M{i}"] == "skip" for i in range(1, 10))
    assert status["H11"] == "skip" and status["H14"] == "skip"
    assert status["H7"] == "pass" and status["H8"] == "pass"
    assert report.passed and report.score == 1.0


def test_the_score_is_the_share_of_applicable_rules_that_passed() -> None:
    report = check_draft("Why did you order it? And when? [Name]", make_ctx("en"))
    judged = [c for c in report.checks if c.status in ("pass", "fail")]
    assert report.score == pytest.approx(sum(c.status == "pass" for c in judged) / len(judged))
    assert 0 < report.score < 1
    assert not report.passed  # H6 blocks
    assert {c.rule for c in report.blocking} == {"H6"}


def test_a_warning_alone_does_not_stop_the_draft() -> None:
    report = check_draft("Why did you decide to return it?", make_ctx("en"))
    assert next(c for c in report.checks if c.rule == "H4").status == "fail"
    assert report.passed


def test_a_failure_points_at_the_offending_text() -> None:
    draft = "Hi Anna, your order {order_id} ships today. Reply here if anything changes."
    check = next(c for c in check_draft(draft, make_ctx("en")).checks if c.rule == "H6")
    assert draft[check.span.start:check.span.end] == "{order_id}"


DISCOUNTS = KnowledgeHit(
    id="faq:discounts:uk", title="Знижки", kind="faq", score=0.93, source="kermo_drive/faq.yaml",
    text="Студентам денної форми — знижка 5% на курс B. Якщо записуєтесь удвох, кожен отримує 700 грн знижки. "
         "Знижки не сумуються.")


def test_an_entry_quoted_whole_is_one_job_whatever_it_speaks_of() -> None:
    """H1: the business's own answer to the one question asked (a price, a sign-up, a discount) is not three
    jobs mixed by the draft; the same words written by the draft are."""
    draft = f"Ось що можу підказати:\n{DISCOUNTS.text}\nЧи вдалося відповісти на Ваше запитання?"
    says = "є знижка для студентів?"
    quoted = check_draft(draft, make_ctx("uk", knowledge=[DISCOUNTS], says=says))
    written = check_draft(draft, make_ctx("uk", knowledge=[], says=says))
    assert next(c for c in quoted.checks if c.rule == "H1").status == "pass"
    assert next(c for c in written.checks if c.rule == "H1").status == "fail"


class RaisingJudge:
    """A judge whose model call fails, as a real LLM client does on timeout."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, rule: RuleInfo, text: str, ctx: RuleContext) -> RuleCheck:
        self.asked.append(rule.id)
        raise TimeoutError("judge model did not answer in 20s")


def test_a_judge_that_fails_marks_its_rules_error_not_fail() -> None:
    judge = RaisingJudge()
    report = check_draft(GOOD, make_ctx("en", upset=True), judge=judge)
    assert sorted(judge.asked) == ["H1", "H14", "H9"]
    for rule_id in ("H1", "H9", "H14"):
        check = next(c for c in report.checks if c.rule == rule_id)
        assert check.status == "error" and check.passed
        assert "judge failed" in check.detail and "TimeoutError" in check.detail
    judged = [c for c in report.checks if c.status in ("pass", "fail")]
    assert report.score == pytest.approx(sum(c.status == "pass" for c in judged) / len(judged))


def test_a_judge_decides_its_rules_under_the_catalogues_id_name_and_severity() -> None:
    def strict_judge(rule: RuleInfo, text: str, ctx: RuleContext) -> RuleCheck:
        return RuleCheck(rule="whatever", name="x", severity="block", status="fail", passed=True,
                         detail=f"{rule.name}: too cold")

    report = check_draft(GOOD, make_ctx("en"), judge=strict_judge)
    tone = next(c for c in report.checks if c.rule == "H9")
    assert (tone.name, tone.severity, tone.status, tone.passed) == ("tone", "warn", "fail", False)
    assert tone.detail == "tone: too cold"
    assert report.passed  # a judged warn-rule failure does not block


def test_a_judge_returning_something_else_is_an_error() -> None:
    report = check_draft(GOOD, make_ctx("en"), judge=lambda rule, text, ctx: "looks fine")
    assert next(c for c in report.checks if c.rule == "H1").status == "error"
