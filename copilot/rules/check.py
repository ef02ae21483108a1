"""Check a draft against every registered rule: one RuleCheck per rule, in rulebook order."""

from __future__ import annotations

from ..models import HygieneReport, RuleCheck
from .draft import DraftView
from .registry import Rule, RuleContext, RuleInfo, RuleJudge, make_check, rules, skip


def _judged(rule: Rule, judge: RuleJudge, text: str, ctx: RuleContext) -> RuleCheck:
    """The judge's verdict under our id, name and severity; a failing judge is an 'error', never a 'fail'."""
    info: RuleInfo = rule.info
    try:
        result = judge(info, text, ctx)
        if not isinstance(result, RuleCheck):
            raise TypeError(f"judge returned {type(result).__name__}, expected RuleCheck")
    except Exception as exc:  # noqa: BLE001 - reported as the rule's 'error' status, not swallowed
        return RuleCheck(rule=info.id, name=info.name, severity=info.severity, status="error", passed=True,
                         detail=f"The judge failed ({type(exc).__name__}: {exc}); rule not checked.")
    return result.model_copy(update={"rule": info.id, "name": info.name, "severity": info.severity,
                                     "passed": result.status != "fail"})


def check_draft(text: str, ctx: RuleContext, *, judge: RuleJudge | None = None) -> HygieneReport:
    """Every rule of the registry on ``text``. ``passed`` is False when a block-severity rule fails;
    ``score`` is the share of applicable rules (pass or fail; skip and error excluded) that passed."""
    view = DraftView(text)  # analysed once, shared by all rules (the language detector is the slow part)
    checks: list[RuleCheck] = []
    for r in rules():
        if not r.applicable(ctx):
            checks.append(make_check(r.info, skip(f"Not applicable (moment {ctx.moment!r}).")))
        elif judge is not None and r.info.judgeable:
            checks.append(_judged(r, judge, text, ctx))
        else:
            checks.append(make_check(r.info, r.check(view, ctx)))
    judged = [c for c in checks if c.status in ("pass", "fail")]
    passed = sum(c.status == "pass" for c in judged)
    return HygieneReport(
        passed=not any(c.status == "fail" and c.severity == "block" for c in checks),
        score=passed / len(judged) if judged else 1.0,
        checks=checks,
    )
