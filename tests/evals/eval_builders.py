"""Builders of real eval data for the eval tests: cases and Suggestions are our own pydantic objects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from copilot.evals.dataset import EvalCase
from copilot.evals.results import CaseRun
from copilot.evals.scorers import score_case
from copilot.models import (Decision, Draft, HygieneReport, IntentResult, KnowledgeHit, RuleCheck, Span, Suggestion,
                            Trace)


def make_case(case_id: str = "en-case-01", text: str = "where is my order??", *, asserts: list[dict] | None = None,
              **expect: Any) -> EvalCase:
    return EvalCase.model_validate({
        "id": case_id, "recipe": 7, "moment": "missing_field",
        "conversation": {"messages": [{"role": "customer", "text": text}], "customer": {"language": "en"}},
        "expect": expect, "assert": asserts or [],
    })


def make_suggestion(*, intent: str = "order_status", fields: dict[str, Any] | None = None,
                    missing: list[str] | None = None, action: str = "continue", reasons: list[str] | None = None,
                    draft: str = "Hi, I'll check your order. Could you send me your order number?",
                    moment: str = "ask_missing", checks: list[RuleCheck] | None = None,
                    citations: list[str] | None = None, knowledge: list[KnowledgeHit] | None = None,
                    timings: dict[str, float] | None = None, **trace_extra: Any) -> Suggestion:
    checks = checks if checks is not None else [
        RuleCheck(rule="H3", name="one-question", severity="warn", status="pass", passed=True),
        RuleCheck(rule="H6", name="no-placeholder", severity="block", status="pass", passed=True),
    ]
    blocking = any(c.status == "fail" and c.severity == "block" for c in checks)
    judged = [c for c in checks if c.status in ("pass", "fail")]
    return Suggestion(
        intent=IntentResult(id=intent, confidence=0.9), language="en", fields=fields or {},
        missing_fields=missing if missing is not None else [], knowledge=knowledge or [],
        draft=Draft(text=draft, moment=moment, language="en", citations=citations or []),
        hygiene=HygieneReport(passed=not blocking, score=sum(c.passed for c in judged) / len(judged) if judged else 1.0,
                              checks=checks),
        decision=Decision(action=action, reasons=reasons or []),
        trace=Trace(timings_ms=timings or {"understand": 3.0, "draft": 1.0}, **trace_extra),
    )


def fail_check(rule: str, *, severity: str = "block", span: tuple[int, int] | None = None, detail: str = "bad") -> RuleCheck:
    return RuleCheck(rule=rule, name=rule.lower(), severity=severity, status="fail", passed=False, detail=detail,
                     span=Span(start=span[0], end=span[1]) if span else None)


def scored(case: EvalCase, suggestion: Suggestion | None, **run: Any) -> CaseRun:
    r = CaseRun(case=case, suggestion=suggestion, error=None if suggestion else "boom", **run)
    r.scores = score_case(case, r)
    return r


def write_cases(path: Path, cases: list[dict[str, Any]]) -> Path:
    path.write_text(yaml.safe_dump({"cases": cases}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# Three real cases for runner tests: an ask for the order number, a refund hand-off, a greeting.
TINY_CASES = [
    {"id": "t-order", "recipe": 7, "moment": "missing_field",
     "conversation": {"channel": "whatsapp", "customer": {"language": "en"},
                      "messages": [{"role": "customer", "text": "where is my order?? ordered a helmet last week"}]},
     "expect": {"intent": "order_status", "missing": ["order_id"], "escalate": False,
                "rules_must_pass": ["H3", "H6", "H7", "H12"]}},
    {"id": "t-refund", "recipe": 8, "moment": "handoff",
     "conversation": {"channel": "email", "customer": {"language": "en", "name": "Maria"},
                      "messages": [{"role": "customer", "text": "I want my money back for order VN-10502"}]},
     "expect": {"intent": "refund", "fields": {"order_id": "VN-10502"}, "escalate": True, "reasons": ["E-refund"]}},
    {"id": "t-hello", "recipe": 1, "moment": "first_reply",
     "conversation": {"channel": "instagram", "customer": {"language": "ru"},
                      "messages": [{"role": "customer", "text": "здравствуйте"}]},
     "expect": {"intent": "greeting", "escalate": False, "rules_must_pass": ["H6", "H12"]}},
]

