"""The CI gate: the suite's thresholds checked against a run's metrics, with a readable summary."""

from __future__ import annotations

import operator

from .results import GateCheck, ConfigResult
from .suite import parse_threshold

_OPS = {">=": operator.ge, "<=": operator.le, "==": operator.eq, ">": operator.gt, "<": operator.lt}


def check_gate(metrics: dict[str, float | None], thresholds: dict[str, str]) -> list[GateCheck]:
    """One GateCheck per threshold; a metric the run did not produce fails (a gate never passes by absence)."""
    out = []
    for metric, rule in thresholds.items():
        op, limit = parse_threshold(rule)
        value = metrics.get(metric)
        if value is None:
            out.append(GateCheck(metric=metric, threshold=rule, value=None, passed=False,
                                 detail="not measured in this run (no case scored it, or an unknown metric name)"))
            continue
        # Rates are compared at 4 decimals so 0.95 == 19/20 is not lost to float noise.
        ok = _OPS[op](round(value, 4), limit)
        out.append(GateCheck(metric=metric, threshold=rule, value=value, passed=ok))
    return out


def gate_summary(result: ConfigResult) -> str:
    """Plain text: one line per threshold, the failing ones first, then the critical cases."""
    if not result.gate:
        return f"{result.config}: no gate thresholds in suite {result.suite!r}"
    lines = [f"gate {'PASSED' if result.gate_passed else 'FAILED'} — suite {result.suite!r}, config {result.config!r}"]
    for g in sorted(result.gate, key=lambda g: g.passed):
        shown = "—" if g.value is None else f"{g.value:.4g}"
        lines.append(f"  {'ok  ' if g.passed else 'FAIL'} {g.metric:<32} {shown:>8}  (needs {g.threshold})"
                     + (f"  {g.detail}" if g.detail else ""))
    critical = [(r.case.id, s.reason) for r in result.cases for s in r.scores if s.critical and s.status == "fail"]
    if critical:
        lines.append(f"  critical failures ({len(critical)}):")
        lines.extend(f"    {cid}: {reason}" for cid, reason in critical[:20])
    return "\n".join(lines)
