"""The runner through the real offline Copilot: results, resumability, repeats, the pytest helper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copilot.evals.pytest_plugin import assert_suite_passes
from copilot.evals.results import ConfigResult, read_case_rows
from copilot.evals.runner import run_suite


def test_a_tiny_suite_runs_through_the_offline_copilot_and_records_everything(tiny_suite: Path, tmp_path: Path,
                                                                              data_dir: Path) -> None:
    result = run_suite(tiny_suite, out_dir=tmp_path / "run", base_settings={"data_dir": data_dir}, progress=False)
    r = result["offline"]
    assert [c.case.id for c in r.cases] == ["t-hello", "t-order", "t-refund"]   # sorted ids
    refund = next(c for c in r.cases if c.case.id == "t-refund")
    assert refund.suggestion is not None and refund.suggestion.decision.action == "escalate"
    assert refund.score("escalation").status == "pass"
    assert r.metrics["cases"] == 3 and r.metrics["escalation.recall"] == 1.0
    assert r.mode == "offline" and r.copilot_version
    assert "H7" in r.per_rule and set(r.per_intent) >= {"order_status", "refund", "greeting"}
    saved = json.loads((tmp_path / "run" / "offline.results.json").read_text(encoding="utf-8"))
    assert saved["suite"] == "tiny" and len(saved["cases"]) == 3
    assert result.passed, result.summary()


def test_a_rerun_into_the_same_dir_only_runs_the_cases_that_are_missing(tiny_suite: Path, tmp_path: Path,
                                                                        data_dir: Path) -> None:
    run_dir = tmp_path / "run"
    run_suite(tiny_suite, out_dir=run_dir, base_settings={"data_dir": data_dir}, progress=False)
    rows = (run_dir / "offline.cases.jsonl").read_text(encoding="utf-8").splitlines()
    kept = rows[:1]
    (run_dir / "offline.cases.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")

    result = run_suite(tiny_suite, out_dir=run_dir, base_settings={"data_dir": data_dir}, progress=False)
    after = (run_dir / "offline.cases.jsonl").read_text(encoding="utf-8").splitlines()
    assert after[:1] == kept                       # the kept row was not run again
    assert len(after) == 3                         # exactly the two deleted cases were appended
    assert {r.case.id for r in read_case_rows(run_dir / "offline.cases.jsonl")} == {"t-hello", "t-order", "t-refund"}
    assert len(result["offline"].cases) == 3


def test_repeats_report_zero_variance_on_the_deterministic_offline_default(tiny_suite: Path, tmp_path: Path,
                                                                            data_dir: Path) -> None:
    result = run_suite(tiny_suite, repeat=2, out_dir=tmp_path / "run", base_settings={"data_dir": data_dir},
                       progress=False)
    r: ConfigResult = result["offline"]
    assert len(r.cases) == 6 and r.repeat == 2
    assert r.metrics_std["intent.accuracy"] == 0.0
    assert r.metrics_std["hygiene.pass_rate"] == 0.0


def test_multi_turn_cases_count_the_customer_turns_to_a_decision(tmp_path: Path, data_dir: Path) -> None:
    import yaml

    from eval_builders import write_cases

    write_cases(tmp_path / "d.yaml", [{
        "id": "turns", "conversation": {"messages": [
            {"role": "customer", "text": "my parcel still hasnt arrived"},
            {"role": "bot", "text": "Hi, I'll check where your order is. Could you send me your order number?"},
            {"role": "customer", "text": "VN-10620"}]},
        "expect": {"intent": "order_status", "decision_within": 2}}])
    (tmp_path / "s.yaml").write_text(yaml.safe_dump({"name": "turns", "datasets": ["d.yaml"]}))
    r = run_suite(tmp_path / "s.yaml", out_dir=tmp_path / "run", base_settings={"data_dir": data_dir},
                  progress=False)["offline"]
    case = r.cases[0]
    assert [t.turn for t in case.turns] == [1, 2]
    assert case.turns[0].missing                    # turn 1: the order number is missing
    assert case.score("decision").status == "pass" and case.score("decision").value == 2.0


def test_assert_suite_passes_fails_the_test_with_the_gate_summary(tmp_path: Path, data_dir: Path) -> None:
    import yaml

    from eval_builders import TINY_CASES, write_cases

    wrong = [{**TINY_CASES[1], "expect": {"escalate": False}}]   # a refund must escalate: this expectation is wrong
    write_cases(tmp_path / "d.yaml", wrong)
    (tmp_path / "s.yaml").write_text(yaml.safe_dump({"name": "w", "datasets": ["d.yaml"],
                                                     "gate": {"escalation.accuracy": ">= 1.0"}}))
    with pytest.raises(pytest.fail.Exception, match="escalation.accuracy"):
        assert_suite_passes(tmp_path / "s.yaml", out_dir=tmp_path / "run", data_dir=data_dir)
