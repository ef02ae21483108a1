"""Assertions written in the dataset: each kind on real suggestions, strict validation, custom scorers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from copilot.evals.dataset import DatasetError, load_dataset
from copilot.evals.results import case_verdict
from copilot.evals.runner import run_suite
from eval_builders import TINY_CASES, fail_check, make_case, make_suggestion, scored, write_cases

DRAFT = "Hi Maria, I'm passing your refund for VN-10502 to a colleague, who will reply by 10:30."


def verdicts(asserts: list[dict], **suggestion) -> dict[str, str]:
    case = make_case(asserts=asserts)
    run = scored(case, make_suggestion(draft=DRAFT, **suggestion))
    return {s.name: s.status for s in run.scores if s.name.startswith("assert.")}


@pytest.mark.parametrize(("assertion", "status"), [
    ({"type": "contains", "value": "VN-10502"}, "pass"),
    ({"type": "contains", "value": "vn-10502"}, "fail"),
    ({"type": "icontains", "value": "vn-10502"}, "pass"),
    ({"type": "not-contains", "value": "approved"}, "pass"),
    ({"type": "not-icontains", "value": "REFUND"}, "fail"),
    ({"type": "regex", "value": r"\b\d{1,2}:\d{2}\b"}, "pass"),
    ({"type": "not-regex", "value": r"\[\w+\]"}, "pass"),
    ({"type": "equals", "path": "$.decision.action", "value": "escalate"}, "pass"),
    ({"type": "equals", "path": "$.intent.id", "value": "order_status"}, "fail"),
    ({"type": "not-equals", "path": "$.intent.id", "value": "order_status"}, "pass"),
    ({"type": "contains", "path": "$.decision.reasons", "value": "E-refund"}, "pass"),
    ({"type": "equals", "path": "$.fields.order_id", "value": "vn-10502"}, "pass"),
    ({"type": "regex", "path": "$.hygiene.checks[?rule = 'H6'].status", "value": "^fail$"}, "pass"),
    ({"type": "rule", "rule": "H6", "status": "fail"}, "pass"),
    ({"type": "rule", "rule": "H6"}, "fail"),
    ({"type": "rule", "rule": "H3"}, "pass"),
    ({"type": "python", "value": "len(draft) < 120 and s.decision.action == 'escalate'"}, "pass"),
    ({"type": "python", "value": "'sorry' in draft.lower()"}, "fail"),
    ({"type": "python", "value": "s.no_such_attribute"}, "error"),
])
def test_each_kind_of_assertion_judges_the_suggestion(assertion: dict, status: str) -> None:
    got = verdicts([assertion], intent="refund", action="escalate", reasons=["E-refund"],
                   fields={"order_id": "VN-10502"},
                   checks=[fail_check("H6", detail="placeholder"),
                           make_suggestion().hygiene.checks[0]])
    assert list(got.values()) == [status], got


def test_a_failed_assertion_fails_the_case_and_a_passing_one_does_not() -> None:
    ok = scored(make_case(asserts=[{"type": "contains", "value": "order number"}]), make_suggestion())
    bad = scored(make_case(asserts=[{"type": "contains", "value": "tracking link", "name": "gives link"}]),
                 make_suggestion())
    assert case_verdict(ok) == "pass" and case_verdict(bad) == "fail"
    assert bad.score("assert.gives link").reason.startswith('$.draft.text: "Hi, I\'ll check')


@pytest.mark.parametrize(("assertion", "named"), [
    ({"type": "contains", "valeu": "x"}, "assert.0.contains.valeu"),
    ({"type": "contians", "value": "x"}, "assert.0"),
    ({"type": "regex", "value": "(unclosed"}, "invalid regex"),
    ({"type": "equals", "path": "$..[", "value": 1}, "not a JSONPath"),
    ({"type": "rule", "rule": "H99"}, "unknown rule 'H99'"),
    ({"type": "python", "value": "draft ==="}, "not a Python expression"),
])
def test_a_typo_in_an_assertion_is_an_error_naming_the_case_and_the_key(tmp_path: Path, assertion: dict,
                                                                        named: str) -> None:
    with pytest.raises(DatasetError) as err:
        load_dataset(write_cases(tmp_path / "d.yaml", [{**TINY_CASES[1], "assert": [assertion]}]))
    assert "case 't-refund'" in str(err.value) and named in str(err.value)


SCORER = '''
from copilot.evals.results import Score

def short(case, run):
    return len(run.suggestion.draft.text) < 400

def mentions_order(case, run):
    found = "VN-" in run.suggestion.draft.text
    return Score(name="custom.mentions_order", status="pass" if found else "fail", reason="order id in draft")
'''


def test_suite_defaults_and_a_custom_scorer_by_dotted_path_run_on_every_case(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "team_scorers.py").write_text(SCORER, encoding="utf-8")
    write_cases(tmp_path / "d.yaml", [{**TINY_CASES[1], "assert": [{"type": "icontains", "value": "maria"}]},
                                      TINY_CASES[2]])
    suite = {"name": "custom", "datasets": ["d.yaml"],
             "scorers": ["escalation", "team_scorers.short", "team_scorers:mentions_order"],
             "assert": [{"type": "not-regex", "value": r"\[\w+\]", "name": "no placeholder"}]}
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(suite), encoding="utf-8")
    r = run_suite(tmp_path / "s.yaml", out_dir=tmp_path / "run", base_settings={"data_dir": data_dir},
                  progress=False)["offline"]
    refund, hello = sorted(r.cases, key=lambda c: c.case.id, reverse=True)
    assert refund.case.id == "t-refund"
    assert refund.score("assert.no placeholder").status == "pass"          # the suite's default
    assert refund.score("assert.icontains 'maria'").status == "pass"        # the case's own
    assert hello.score("assert.no placeholder").status == "pass" and hello.score("assert.icontains 'maria'") is None
    assert refund.score("short").status == "pass"
    assert refund.score("custom.mentions_order").status == "pass"
    assert hello.score("custom.mentions_order").status == "fail"
    assert r.metrics["assertions.pass_rate"] == 1.0


def test_an_unloadable_custom_scorer_is_a_usage_error(tmp_path: Path, data_dir: Path) -> None:
    write_cases(tmp_path / "d.yaml", TINY_CASES[:1])
    (tmp_path / "s.yaml").write_text(yaml.safe_dump({"name": "x", "datasets": ["d.yaml"],
                                                     "scorers": ["nowhere.tone"]}), encoding="utf-8")
    with pytest.raises(DatasetError, match="nowhere.tone"):
        run_suite(tmp_path / "s.yaml", out_dir=tmp_path / "run", base_settings={"data_dir": data_dir}, progress=False)
