"""Failures of the system under test are results: fallbacks, timeouts, judge errors, cost.

An LLM config whose model is unreachable still answers every case (the pipeline falls back to
the offline path and says so in ``trace.fallback``), so its quality metrics look healthy and
identical to offline. These figures make that visible, and ``health_check`` fails the run with
the cause when more than a set share of cases did not get the configured system's answer.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlparse

from .results import CaseRun, GateCheck
from .scorers import llm_calls

# What each trace.fallback reason means for someone comparing models (copilot/llm/failures.py).
CAUSES = {
    "connection": "the model is unreachable (connection failed)",
    "timeout": "the model timed out",
    "rate_limited": "the model's provider rate-limited us",
    "server_error": "the model's server returned errors",
    "auth": "the provider rejected the API key",
    "bad_request": "the provider rejected the request (model name or parameters)",
    "invalid_output": "the model's answers failed validation",
    "revision_still_blocks": "the model's revisions still broke block rules",
}
GRADERS = ("judge", "factuality")  # LLM-graded scores: an outage is an 'error' of the grader


def fallback_reason(run: CaseRun) -> str | None:
    """Why the LLM path fell back on this case ('connection', 'timeout', …), None if it did not."""
    if run.suggestion is None or not run.suggestion.trace.fallback:
        return None
    return run.suggestion.trace.fallback.removeprefix("llm:")


def failure_metrics(runs: list[CaseRun]) -> dict[str, float | None]:
    """Counts over one repeat's runs: failures.rate is the share of cases the configured system did not answer."""
    reasons = Counter(r for r in map(fallback_reason, runs) if r)
    errors = sum(r.suggestion is None for r in runs)
    judge_errors = sum(s.status == "error" for r in runs for s in r.scores if s.name in GRADERS)
    rule_errors = sum(s.status == "error" for r in runs for s in r.scores
                      if s.name.startswith("hygiene.") and s.name[8:9] in ("H", "M"))
    calls = [c for r in runs for c in llm_calls(r)]
    m: dict[str, float | None] = {
        "failures.rate": (sum(reasons.values()) + errors) / len(runs) if runs else None,
        "failures.fallbacks": float(sum(reasons.values())),
        "failures.timeouts": float(reasons.get("timeout", 0)),
        "failures.copilot_errors": float(errors),
        "failures.judge_errors": float(judge_errors + rule_errors),
        "llm.calls": float(len(calls)),
        "llm.cached_calls": float(sum(bool(c.get("cached")) for c in calls)),
    }
    for reason, n in sorted(reasons.items()):
        m[f"failures.fallback.{reason}"] = float(n)
    return m


def failure_cause(runs: list[CaseRun], settings: dict[str, Any]) -> str:
    """One sentence naming why cases failed: the commonest reason, how many, and where the model is."""
    reasons = Counter(r for r in map(fallback_reason, runs) if r)
    errors = [r.error for r in runs if r.suggestion is None]
    parts = []
    if reasons:
        top, n = reasons.most_common(1)[0]
        where = settings.get("model") or "the model"
        host = urlparse(str(settings.get("api_base") or "")).netloc
        parts.append(f"{CAUSES.get(top, top)}: {n} of {len(runs)} cases fell back to the offline draft "
                     f"(llm:{top}; model {where}{' at ' + host if host else ''})")
        others = ", ".join(f"llm:{k} ×{v}" for k, v in reasons.most_common()[1:])
        if others:
            parts.append(f"also {others}")
    if errors:
        parts.append(f"{len(errors)} cases raised: {errors[0]}")
    return "; ".join(parts)


def health_check(runs: list[CaseRun], settings: dict[str, Any], max_rate: float) -> GateCheck:
    """A gate line that fails when more than `max_rate` of the cases were not the configured system's answer."""
    m = failure_metrics(runs)
    rate = m["failures.rate"] or 0.0
    ok = rate <= max_rate
    detail = "" if ok and not rate else failure_cause(runs, settings)
    if not ok:
        detail = "SYSTEM UNDER TEST FAILED — " + detail + (
            " — its quality metrics measure the offline fallback, not this config" if m["failures.fallbacks"] else "")
    return GateCheck(metric="failures.rate", threshold=f"<= {max_rate:g}", value=rate, passed=ok, detail=detail)


def judge_check(runs: list[CaseRun], max_rate: float) -> GateCheck | None:
    """A gate line for the eval judge: an outage on most judged cases is a failed run, not a quiet n/a."""
    judged = [s for r in runs for s in r.scores if s.name in GRADERS]
    if not judged:
        return None
    errors = [s for s in judged if s.status == "error"]
    rate = len(errors) / len(judged)
    ok = rate <= max_rate
    return GateCheck(metric="failures.judge_error_rate", threshold=f"<= {max_rate:g}", value=rate, passed=ok,
                     detail="" if ok else f"the LLM graders failed on {len(errors)} of {len(judged)} judged cases: "
                                          f"{errors[0].reason}")
