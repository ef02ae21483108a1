"""promptfoo assertion pack: the copilot's own rules and expectations, judged by the copilot's scorers.

    assert:
      # everything the eval case expects (what `copilot eval run` scores), from the test's `case` var
      - {type: python, value: "file://copilot_asserts.py:expectations"}
      # one expectation, written inline (any key of docs/evals.md's `expect`)
      - {type: python, value: "file://copilot_asserts.py:expect", config: {escalate: true, reasons: [E-refund]}}
      # a rule of the catalogue must pass (or fail)
      - {type: python, value: "file://copilot_asserts.py:rule", config: {rule: H6}}

The provider's output is the Suggestion (copilot_provider.py). A case passes here exactly when it
passes in `copilot eval run`: the same scorers and the same verdict function decide.
"""

from __future__ import annotations

import json
from typing import Any


def _suggestion(output: Any) -> Any:
    from copilot.models import Suggestion

    data = json.loads(output) if isinstance(output, str) else output
    return Suggestion.model_validate(data)


def _grade(case_data: dict[str, Any], output: Any, scorers: list[str] | None) -> dict[str, Any]:
    import copilot  # noqa: F401  (offline environment first)
    from copilot.evals.dataset import EvalCase
    from copilot.evals.results import CaseRun, case_verdict, is_expectation
    from copilot.evals.scorers import score_case

    case = EvalCase.model_validate(case_data)
    run = CaseRun(case=case, suggestion=_suggestion(output))
    run.scores = score_case(case, run, scorers)
    judged = [s for s in run.scores if is_expectation(s)]
    verdict = case_verdict(run)
    failed = [s for s in judged if s.status != "pass"]
    return {
        "pass": verdict == "pass",
        "score": (len(judged) - len(failed)) / len(judged) if judged else 1.0,
        "reason": "; ".join(f"{s.name} {s.status}: {s.reason}" for s in failed) or f"{len(judged)} expectations met",
        "componentResults": [{"pass": s.status == "pass", "score": 1.0 if s.status == "pass" else 0.0,
                               "reason": f"{s.name}: {s.reason}"} for s in judged],
    }


def _vars(context: dict[str, Any]) -> dict[str, Any]:
    return context.get("vars") or {}


def expectations(output: Any, context: dict[str, Any]) -> dict[str, Any]:
    """The eval case in var `case` (JSON or mapping), scored with the scorers in var `scorers` (default: all)."""
    v = _vars(context)
    case = json.loads(v["case"]) if isinstance(v.get("case"), str) else v["case"]
    scorers = json.loads(v["scorers"]) if isinstance(v.get("scorers"), str) else v.get("scorers")
    return _grade(case, output, scorers)


def expect(output: Any, context: dict[str, Any]) -> dict[str, Any]:
    """The `expect` keys in the assertion's config, on the conversation in var `conversation`."""
    v = _vars(context)
    conv = json.loads(v["conversation"]) if isinstance(v.get("conversation"), str) else v["conversation"]
    config = dict(context.get("config") or {})
    asserts = config.pop("assert", [])
    return _grade({"id": "promptfoo", "conversation": conv, "expect": config, "assert": asserts}, output, None)


def rule(output: Any, context: dict[str, Any]) -> dict[str, Any]:
    """config: {rule: H6, status: pass|fail}: what the live rule check said of the draft."""
    config = context.get("config") or {}
    want = config.get("status", "pass")
    s = _suggestion(output)
    check = next((c for c in s.hygiene.checks if c.rule == config.get("rule")), None)
    if check is None or check.status in ("skip", "error"):
        got = "not checked" if check is None else check.status
        return {"pass": False, "score": 0.0, "reason": f"rule {config.get('rule')} {got}"}
    ok = check.status == want
    return {"pass": ok, "score": float(ok), "reason": f"{check.rule} {check.status} (wanted {want})"
            + (f": {check.detail}" if check.detail else "")}
