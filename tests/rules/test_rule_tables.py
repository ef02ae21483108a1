"""Every registered rule against its table of good and bad drafts, in several languages."""

from __future__ import annotations

import pytest

from copilot.rules import check_draft, describe_rules

from .cases import HYGIENE, Case
from .cases_moments import MOMENTS
from .context import make_ctx

ALL_CASES = HYGIENE + MOMENTS


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_rule_judges_the_draft_as_expected(case: Case) -> None:
    report = check_draft(case.draft, make_ctx(case.lang, **case.ctx))
    check = next(ch for ch in report.checks if ch.rule == case.rule)
    assert check.status == case.expect, check.detail
    assert check.passed is (case.expect != "fail")
    if case.severity:
        assert check.severity == case.severity
    if case.expect == "fail":
        assert check.detail and check.fix, "a failure says what is wrong and what to do"


def test_every_registered_rule_has_passing_and_failing_cases_in_english_russian_and_armenian_or_lao() -> None:
    covered: dict[str, set[tuple[str, str]]] = {}
    for case in ALL_CASES:
        covered.setdefault(case.rule, set()).add((case.lang, case.expect))
    missing = []
    for info in describe_rules():
        got = covered.get(info.id, set())
        for lang in ("en", "ru"):
            for expect in ("pass", "fail"):
                if (lang, expect) not in got:
                    missing.append(f"{info.id}: no {expect} case in {lang}")
        for expect in ("pass", "fail"):
            if not {("hy", expect), ("lo", expect)} & got:
                missing.append(f"{info.id}: no {expect} case in hy or lo")
    assert not missing, "\n".join(missing)


def test_the_tables_name_only_registered_rules() -> None:
    ids = {info.id for info in describe_rules()}
    assert {case.rule for case in ALL_CASES} <= ids
