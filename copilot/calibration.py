"""Fit and measure `send_confidence` on labelled conversations; the auto-send threshold table.

    python -m copilot.calibration fit        # refit knowledge/send_confidence.json on the dev sets + packs
    copilot eval calibrate FILE              # a tenant's labelled conversations → threshold table

What a labelled conversation says, and which ones the shipped model is fitted on: `labelled.py`.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ConfigError
from .labelled import TENANTS, LabelledCase, fitting_cases, load_labelled
from .models import Suggestion
from .paths import KNOWLEDGE_DIR
from .send_confidence import FILE as MODEL_FILE
from .send_confidence import SEGMENTS, Evidence, Logistic, SendModel, evidence, load_model, segment

FOLDS = 5
TARGETS = (0.8, 0.85, 0.9, 0.95, 0.98, 0.99)


@dataclass
class Row:
    case: LabelledCase
    evidence: Evidence
    right: bool
    suggestion: Suggestion

    @property
    def fold(self) -> str:
        return self.case.group or str(int(hashlib.sha256(self.case.key.encode()).hexdigest(), 16) % FOLDS)

    @property
    def quoted(self) -> bool:
        return bool(self.suggestion.draft.citations)


def collect(copilot: Any, cases: Iterable[LabelledCase], *, tenant: str | None = None) -> list[Row]:
    """Run every case through the offline pipeline and keep the model's inputs with the label."""
    from .llm_stage import ModelCall
    from .pipeline import finish, prepare

    cases = list(cases)
    convs = [c.to_conversation(tenant) for c in cases]
    copilot.prefetch(convs)
    rows = []
    for case, conv in zip(cases, convs, strict=True):
        p = prepare(conv, copilot.resources, now=case.now)
        s = finish(p, ModelCall(), copilot.resources)  # offline: no model call
        right = case.is_right(s)
        if right is None:  # unlabelled: neither fitted nor measured
            continue
        ev = evidence(u=p.u, hits=p.hits, tenant=p.tenant, draft=s.draft, report=s.hygiene, decision=s.decision,
                      first_turn=not conv.has_our_reply, words=copilot.resources.store.words(p.tenant.id))
        rows.append(Row(case, ev, right, s))
    return rows


# The quoted segment's inputs (`answer_check`): the share of the question's words, weighted by rarity,
# that the quoted entry holds, and whether it is an FAQ entry (a catalogue item or policy section
# quoted for a question is wrong more often). Quoted dev drafts, 5-fold cross-fitted AUROC
# (benchmarks/bench_send_confidence.py --levers): 0.59 with the earlier inputs (off-domain gap,
# novel words, intent margin), 0.77 coverage alone, 0.83 with the FAQ flag (0.62 / 0.85 after
# issue 13's answerability checks). With the business packs and other businesses' questions in the
# fitting data (each business its own fold), those two gave 0.835; adding the coverage gap to the best
# other entry, the rarest uncovered word, the wording overlap and the top hit's clearance: 0.854, and
# at the default bar the packs' wrong facts sent 9 → 5, their right facts 103 → 109 of 147, all wrong
# sends 28 → 23 of ~345, the demo's right quotes sent 67 → 60 of 145 (the same bench, issue 17).
# Whether no intent fitted the message (q_intent_other), ninth session, chosen on the dev sets: cross-fitted
# demo right quotes sent 74 → 77 of 145, packs' wrong facts sent 5 → 4, off-topic dev unchanged, AUROC 0.861
# (0.860 after the refit that followed the question-opener change).
QUOTED_FEATURES = ["q_cover_all", "q_faq", "q_cover_gap", "q_uncovered", "q_wording", "q_clear", "q_intent_other"]
# Inputs printed by the bench's --levers (AUROC of each alone on the quoted dev drafts).
LEVERS = ["q_cover", "q_cover_all", "q_cover_gap", "q_uncovered", "q_wording", "q_intent_fit", "q_faq", "q_novelty",
          "q_off_gap", "q_score", "q_clear", "intent_margin"]


def fit(rows: list[Row], *, c: float = 0.5, base: SendModel | None = None) -> SendModel:
    """One standardised L2 logistic regression per segment (lbfgs: deterministic for the same rows).
    A segment without both right and wrong drafts keeps `base`'s model (a tenant that labelled only
    FAQ questions still gets the shipped model for drafts that quote nothing)."""
    models = {}
    for seg in SEGMENTS:
        part = [r for r in rows if segment(r.evidence) == seg]
        if {r.right for r in part} != {True, False}:
            if base is None:
                raise ConfigError(f"cannot fit: the {seg} drafts need both right and wrong examples; "
                                  "label more conversations")
            models[seg] = base.segments[seg]
            continue
        names = QUOTED_FEATURES if seg == "quoted" else sorted(
            k for k in part[0].evidence.values if not k.startswith("q_") and k != "quoted")
        models[seg] = _logistic(part, names, c)
    return SendModel(models)


def _logistic(rows: list[Row], names: list[str], c: float) -> Logistic:
    from sklearn.linear_model import LogisticRegression

    x = np.stack([r.evidence.vector(names) for r in rows])
    y = np.array([r.right for r in rows], dtype=int)
    mean, scale = x.mean(0), x.std(0)
    scale[scale < 1e-9] = 1.0
    lr = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    return Logistic(names, mean, scale, lr.coef_[0].astype(np.float64), float(lr.intercept_[0]))


def cross_fitted(rows: list[Row], *, c: float = 0.5, base: SendModel | None = None) -> np.ndarray:
    """Each row's probability from the model fitted on the other folds (data it was not fitted on):
    5 folds by text hash, and each business of the packs a fold of its own."""
    out = np.zeros(len(rows))
    for k in sorted({r.fold for r in rows}):
        train = [r for r in rows if r.fold != k]
        model = fit(train, c=c, base=base)
        for i, r in enumerate(rows):
            if r.fold == k:
                out[i] = model.probability(r.evidence)
    return out


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[tuple[float, float, int, float, float]]:
    """(low, high, n, mean predicted, share right) per equal-width bin with cases."""
    edges = np.linspace(0, 1, bins + 1)
    out = []
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (p >= lo) & ((p < hi) | (hi == 1.0))
        if m.any():
            out.append((float(lo), float(hi), int(m.sum()), float(p[m].mean()), float(y[m].mean())))
    return out


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: the bins' |predicted − observed|, weighted by their share of cases."""
    return float(sum(n * abs(mp - fy) for _, _, n, mp, fy in reliability(p, y, bins)) / max(len(p), 1))


@dataclass
class ThresholdRow:
    target: float
    threshold: float | None
    auto_sent: int
    eligible: int
    precision: float | None


def threshold_table(p: np.ndarray, y: np.ndarray, eligible: np.ndarray,
                    targets: Iterable[float] = TARGETS) -> list[ThresholdRow]:
    """Per target precision: the lowest threshold at which the drafts the policy would send
    (eligible: intent allowed, decision continue, hygiene passed) are right at least that often."""
    out = []
    cands = np.unique(p[eligible])
    for target in targets:
        best = None
        for t in cands:  # ascending: the first that reaches the target sends the most
            sent = eligible & (p >= t)
            if sent.any() and y[sent].mean() >= target:
                best = float(t)
                break
        sent = eligible & (p >= best) if best is not None else np.zeros_like(eligible)
        out.append(ThresholdRow(target, best, int(sent.sum()), int(eligible.sum()),
                                float(y[sent].mean()) if sent.any() else None))
    return out


def format_reliability(p: np.ndarray, y: np.ndarray) -> str:
    lines = ["  bin          n   predicted  right", *(
        f"  {lo:.1f}–{hi:.1f}  {n:5d}   {mp:8.3f}  {fy:6.3f}" for lo, hi, n, mp, fy in reliability(p, y))]
    return "\n".join(lines + [f"  ECE {ece(p, y):.4f} over {len(p)} drafts ({int(y.sum())} right)"])


def format_thresholds(table: list[ThresholdRow], total: int) -> str:
    lines = ["  target precision  threshold  auto-sent (of all)   precision"]
    for r in table:
        thr = f"{r.threshold:.3f}" if r.threshold is not None else "  none"
        prec = f"{r.precision:.3f}" if r.precision is not None else "  —"
        lines.append(f"  {r.target:>16.2f}  {thr:>9}  {r.auto_sent:5d} ({r.auto_sent / max(total, 1):6.1%})"
                     f"      {prec}")
    return "\n".join(lines)


def eligible_mask(rows: list[Row], intents: list[str]) -> np.ndarray:
    """Drafts the policy could send at some threshold: allowed intent, continue, hygiene passed, and
    no promised reply (someone must keep it: never sent unread)."""
    from .send_policy import answered_intent

    return np.array([answered_intent(r.suggestion.intent.id, r.suggestion.draft.citations, r.suggestion.knowledge)
                     in intents and r.suggestion.decision.action == "continue" and r.suggestion.hygiene.passed
                     and r.suggestion.decision.promise is None for r in rows])


def calibrate_report(path: Path, *, tenant: str | None = None, copilot: Any = None, fit_to: Path | None = None) -> str:
    """`copilot eval calibrate`: how the shipped send_confidence fares on a tenant's own labelled
    conversations, and which threshold reaches which precision on them. With `fit_to`, also fit a
    model on them (for the tenant's folder) and report it cross-fitted, on rows it was not fitted on."""
    from . import Copilot
    from .send_policy import load_send_policy
    from .settings import Settings

    cases = load_labelled(path)
    if not cases:
        raise ConfigError(f"{path}: no labelled conversations")
    copilot = copilot or Copilot(Settings(model=None))
    rows = collect(copilot, cases, tenant=tenant)
    t = copilot.resources.tenant(tenant)
    policy = load_send_policy(copilot.settings.knowledge_dir, t.root, frozenset(i.id for i in t.taxonomy.intents))
    p = np.array([r.suggestion.decision.send_confidence for r in rows])
    y = np.array([r.right for r in rows], dtype=float)
    eligible = eligible_mask(rows, policy.intents)
    sent = np.array([r.suggestion.decision.auto_send for r in rows])
    lines = [f"{path}: {len(rows)} labelled conversations, {int(y.sum())} drafts right to send unedited "
             f"(tenant {t.id!r})", "", "send_confidence against what was right (reliability):", format_reliability(p, y),
             "", f"your policy now: intents {', '.join(policy.intents) or '(none)'}; send_confidence >= {policy.bar:.3f}",
             f"  auto-sent {int(sent.sum())} of {len(rows)} ({sent.mean():.1%}), of them right "
             f"{int(y[sent].sum())} ({y[sent].mean() if sent.any() else float('nan'):.1%})", "",
             "threshold table (drafts your policy could send: allowed intent, decision continue, hygiene passed):",
             format_thresholds(threshold_table(p, y, eligible), len(rows)), "",
             "Put the threshold of the precision you need in your send_policy.yaml as `threshold: …` (docs/auto-send.md)."]
    if fit_to is not None:
        model_path = t.root / MODEL_FILE if (t.root / MODEL_FILE).is_file() else copilot.settings.knowledge_dir / MODEL_FILE
        lines += ["", *_fit_tenant_model(rows, fit_to, eligible, load_model(model_path))]
    return "\n".join(lines)


def _fit_tenant_model(rows: list[Row], target: Path, eligible: np.ndarray, base: SendModel) -> list[str]:
    model = fit(rows, base=base)
    kept = [seg for seg in SEGMENTS if model.segments[seg] is base.segments[seg]]
    p = cross_fitted(rows, base=base)
    y = np.array([r.right for r in rows], dtype=float)
    target.write_text(model.to_json(about="send_confidence model fitted by copilot eval calibrate --fit",
                                    n=len(rows), right=int(y.sum()), cross_fitted_ece=round(ece(p, y), 4)) + "\n",
                      encoding="utf-8")
    return [f"fitted a model on these {len(rows)} conversations → {target} (put it in the tenant's folder as "
            f"{MODEL_FILE})" + (f"; kept the shipped model for {', '.join(kept)} drafts (no right and wrong "
                                "examples of them)" if kept else "") + ".",
            "cross-fitted, each conversation scored by a model not fitted on it:",
            format_reliability(p, y), "threshold table with that model (cross-fitted):",
            format_thresholds(threshold_table(p, y, eligible), len(rows)), ""]


def main(argv: list[str]) -> int:
    if argv[:1] != ["fit"]:
        print(__doc__)
        return 2
    from . import Copilot
    from .settings import Settings

    copilot = Copilot(Settings(model=None, tenants_dir=TENANTS))
    rows = collect(copilot, fitting_cases())
    model = fit(rows)
    p = cross_fitted(rows)
    y = np.array([r.right for r in rows], dtype=float)
    target = KNOWLEDGE_DIR / MODEL_FILE
    target.write_text(model.to_json(
        about="send_confidence model: python -m copilot.calibration fit (copilot/calibration.py)",
        fitted_on=sorted({r.case.source for r in rows}), n=len(rows), right=int(y.sum()),
        cross_fitted_ece=round(ece(p, y), 4)) + "\n", encoding="utf-8")
    print(f"wrote {target}: {len(rows)} drafts, {int(y.sum())} right")
    print(format_reliability(p, y))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
