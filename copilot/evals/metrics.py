"""Aggregates over cases: the figures a suite reports and gates on.

Metric names are dotted and stable (the gate and `compare` refer to them):
intent.accuracy, intent.macro_f1, language.accuracy, reask.none_rate, fields.precision, fields.recall, fields.missing_accuracy,
escalation.precision, escalation.recall, escalation.critical_misses, escalation.reasons_accuracy,
moment.accuracy, hygiene.pass_rate, hygiene.pass_rate.<rule>, hygiene.errors, hygiene.drafts_passed,
hygiene.must_pass_rate, hygiene.unrevised_rate, grounding.facts_rate, grounding.citation_validity, similarity.mean,
decision.within_rate, decision.mean_turns, latency.median_ms, latency.p95_ms, cost.tokens,
cost.usd, judge.pass_rate, judge.errors, copilot.errors, cases, and the system-under-test failures of
failures.py: failures.rate, failures.fallbacks, failures.fallback.<reason>, failures.timeouts,
failures.copilot_errors, failures.judge_errors, llm.calls, llm.cached_calls; factuality.pass_rate,
factuality.errors, agreement.<grader>, agreement.<grader>.kappa, agreement.<grader>.n; assertions.pass_rate.
``<tag>:<metric>`` is a metric over the cases tagged so (e.g. ``multiturn:intent.accuracy``).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable

from .factuality import agreement
from .failures import failure_metrics
from .results import CaseRun, Score


# Which way is good, for `compare`: these fall when things improve; "cases" and cache hits are neither.
_LOWER_IS_BETTER = ("latency.", "cost.", "failures.", "copilot.errors", "hygiene.errors", "judge.errors",
                    "factuality.errors", "escalation.critical_misses", "decision.mean_turns")
_NEUTRAL = ("cases", "llm.calls", "llm.cached_calls")  # more model calls is what an LLM config is; cost says the rest
# Movements smaller than this are float noise (0.8999991 vs 0.9), not a change; gates round the same way.
NOISE = 5e-5


def direction(metric: str) -> int:
    """+1 if a higher value is better, -1 if lower is better, 0 if neither."""
    if metric in _NEUTRAL or metric.endswith(".n"):  # counts of what was measured
        return 0
    return -1 if metric.startswith(_LOWER_IS_BETTER) else 1


def _rate(scores: list[Score]) -> float | None:
    judged = [s for s in scores if s.status in ("pass", "fail")]
    return sum(s.status == "pass" for s in judged) / len(judged) if judged else None


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100): p95 of 20 values is the 19th, no interpolation."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def _named(runs: list[CaseRun], name: str) -> list[Score]:
    return [s for r in runs for s in r.scores if s.name == name]


def intent_table(runs: list[CaseRun]) -> dict[str, dict[str, float]]:
    """Per intent: support, precision, recall, F1 over cases that name an expected intent."""
    pairs = [(r.case.expect.intent, r.suggestion.intent.id) for r in runs
             if r.case.expect.intent is not None and r.suggestion is not None]
    labels = sorted({e for e, _ in pairs} | {g for _, g in pairs})
    table: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(e == g == label for e, g in pairs)
        fp = sum(g == label != e for e, g in pairs)
        fn = sum(e == label != g for e, g in pairs)
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        table[label] = {"support": float(tp + fn), "precision": p, "recall": rc,
                        "f1": 2 * p * rc / (p + rc) if p + rc else 0.0}
    return table


def rule_table(runs: list[CaseRun]) -> dict[str, dict[str, float | None]]:
    """Per rule: pass / fail / error / skip counts and the pass rate over pass + fail (None when no case
    was judged: a rule that never applied has no pass rate, it is not 100 %)."""
    counts: dict[str, dict[str, float | None]] = defaultdict(lambda: {"pass": 0.0, "fail": 0.0, "error": 0.0, "skip": 0.0})
    for r in runs:
        for s in r.scores:
            rule = s.name.removeprefix("hygiene.")
            if s.name.startswith("hygiene.") and rule not in ("draft", "must_pass", "unrevised"):
                counts[rule][s.status] += 1
    for c in counts.values():
        judged = c["pass"] + c["fail"]
        c["pass_rate"] = c["pass"] / judged if judged else None
    return dict(counts)


def aggregate(runs: list[CaseRun]) -> dict[str, float | None]:
    """Every metric over one repeat's case runs."""
    m: dict[str, float | None] = {"cases": float(len(runs))}
    m["copilot.errors"] = float(sum(r.suggestion is None for r in runs))

    m["intent.accuracy"] = _rate(_named(runs, "intent"))
    m["language.accuracy"] = _rate(_named(runs, "language"))
    m["reask.none_rate"] = _rate(_named(runs, "reask"))
    table = intent_table(runs)
    expected = {r.case.expect.intent for r in runs if r.case.expect.intent}
    m["intent.macro_f1"] = _mean([v["f1"] for k, v in table.items() if k in expected]) if expected else None

    recall = _named(runs, "fields.recall")
    m["fields.recall"] = _mean([s.value for s in recall if s.value is not None])
    precision = _named(runs, "fields.precision")
    m["fields.precision"] = _mean([s.value for s in precision if s.value is not None])
    m["fields.missing_accuracy"] = _rate(_named(runs, "fields.missing"))

    esc = [(r.case.expect.escalate, r.suggestion.decision.action == "escalate") for r in runs
           if r.case.expect.escalate is not None and r.suggestion is not None]
    tp = sum(e and g for e, g in esc)
    m["escalation.precision"] = tp / sum(g for _, g in esc) if any(g for _, g in esc) else None
    m["escalation.recall"] = tp / sum(e for e, _ in esc) if any(e for e, _ in esc) else None
    m["escalation.accuracy"] = _rate(_named(runs, "escalation"))
    m["escalation.critical_misses"] = float(sum(s.critical for s in _named(runs, "escalation")))
    m["escalation.reasons_accuracy"] = _rate(_named(runs, "escalation.reasons"))
    m["moment.accuracy"] = _rate(_named(runs, "moment"))

    rules = rule_table(runs)
    judged = sum(c["pass"] + c["fail"] for c in rules.values())
    m["hygiene.pass_rate"] = sum(c["pass"] for c in rules.values()) / judged if judged else None
    m["hygiene.errors"] = float(sum(c["error"] for c in rules.values()))
    for rule, c in sorted(rules.items()):
        m[f"hygiene.pass_rate.{rule}"] = c["pass_rate"]
    m["hygiene.drafts_passed"] = _rate(_named(runs, "hygiene.draft"))
    m["hygiene.must_pass_rate"] = _rate(_named(runs, "hygiene.must_pass"))
    m["hygiene.unrevised_rate"] = _rate(_named(runs, "hygiene.unrevised"))

    m["grounding.facts_rate"] = _rate(_named(runs, "grounding.facts"))
    m["grounding.citation_validity"] = _rate(_named(runs, "grounding.citations"))
    m["similarity.mean"] = _mean([s.value for s in _named(runs, "similarity") if s.value is not None])

    m["decision.within_rate"] = _rate(_named(runs, "decision"))
    m["decision.mean_turns"] = _mean([s.value for s in _named(runs, "decision") if s.value is not None])

    lat = [s.value for s in _named(runs, "latency") if s.value is not None]
    m["latency.median_ms"] = statistics.median(lat) if lat else None
    m["latency.p95_ms"] = percentile(lat, 95)
    tokens = [s.value for s in _named(runs, "cost.tokens") if s.value is not None]
    m["cost.tokens"] = sum(tokens) if tokens else None
    usd = [s.value for s in _named(runs, "cost.usd") if s.value is not None]
    m["cost.usd"] = sum(usd) if usd else None

    m["judge.pass_rate"] = _rate(_named(runs, "judge"))
    m["judge.errors"] = float(sum(s.status == "error" for s in _named(runs, "judge")))
    m["factuality.pass_rate"] = _rate(_named(runs, "factuality"))
    m["factuality.errors"] = float(sum(s.status == "error" for s in _named(runs, "factuality")))
    for grader in ("judge", "factuality"):  # agreement with the human labels of a labelled sample
        pairs = [(r.case.labels[grader], s.status) for r in runs if grader in r.case.labels
                 for s in r.scores if s.name == grader and s.status in ("pass", "fail")]
        if pairs:
            agreed = agreement(pairs)
            m[f"agreement.{grader}"], m[f"agreement.{grader}.kappa"] = agreed["rate"], agreed["kappa"]
            m[f"agreement.{grader}.n"] = agreed["n"]
    m["assertions.pass_rate"] = _rate([s for r in runs for s in r.scores if s.name.startswith("assert.")])
    m.update(failure_metrics(runs))
    return m


def tagged(runs: list[CaseRun], tags: Iterable[str]) -> dict[str, float | None]:
    """Every metric over the cases carrying each tag, named "<tag>:<metric>" (a gate on one part of a suite)."""
    out: dict[str, float | None] = {}
    for tag in tags:
        for name, value in aggregate([r for r in runs if tag in r.case.tags]).items():
            out[f"{tag}:{name}"] = value
    return out


def over_repeats(per_repeat: list[dict[str, float | None]]) -> tuple[dict[str, float | None], dict[str, float]]:
    """Mean and standard deviation of each metric across repeats (LLM configs vary; offline must not)."""
    names = list(dict.fromkeys(k for m in per_repeat for k in m))
    mean: dict[str, float | None] = {}
    std: dict[str, float] = {}
    for name in names:
        values = [m[name] for m in per_repeat if m.get(name) is not None]
        mean[name] = statistics.fmean(values) if values else None
        if len(values) > 1:
            std[name] = statistics.pstdev(values)
    return mean, std
