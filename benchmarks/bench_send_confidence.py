"""send_confidence and auto_send: calibration on data the model was not fitted on, and what gets sent.

    .venv/bin/python benchmarks/bench_send_confidence.py [--cache /tmp/send-rows.pkl]

* calibration: reliability table and ECE of send_confidence, (a) cross-fitted over the dev sets
  (each draft scored by the model fitted on the other 4 folds), (b) the shipped model on
  evals/datasets/off_topic_heldout.yaml, which nothing was fitted or tuned on.
* auto-send under the default policy (knowledge/send_policy.yaml): off-topic held-out drafts that quote
  an entry and are auto-sent (target <= 1 of 80); retrieval_dev questions the entry answers auto-sent
  with it (target >= 60 %; the requests labelled `ask`/`handoff` counted apart), cross-fitted and with
  the shipped model.
* the threshold table (target precision -> threshold, share auto-sent) on the dev sets, cross-fitted.
* --heldout-packs DIR: the shipped model's reliability on business packs it was never fitted on.
* --levers: each answer-check input alone (AUROC on the quoted dev drafts: does it rank right
  answers above wrong entries and off-topic quotes?), and the quoted model's cross-fitted AUROC with
  the earlier inputs and with the shipped ones.
--cache keeps the pipeline's outputs between runs (the rows take minutes to collect).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

import numpy as np
import yaml

import copilot  # noqa: F401  (offline environment first)
from copilot import Copilot
from copilot import calibration
from copilot.calibration import (LEVERS, collect, cross_fitted, eligible_mask, ece, fit, format_reliability,
                                 format_thresholds, threshold_table)
from copilot.labelled import DATASETS, TENANTS, LabelledCase, fitting_cases, pack_cases
from copilot.paths import KNOWLEDGE_DIR
from copilot.send_confidence import FILE as MODEL_FILE
from copilot.send_confidence import load_model
from copilot.send_policy import load_send_policy
from copilot.settings import Settings


def heldout_cases() -> list[LabelledCase]:
    held = yaml.safe_load((DATASETS / "off_topic_heldout.yaml").read_text(encoding="utf-8"))
    return [LabelledCase(text=t, language=lang, entry=None, source="off_topic_heldout")
            for lang, texts in held.items() for t in texts]


def levers(dev: list) -> None:
    from sklearn.metrics import roc_auc_score

    quoted = [r for r in dev if r.quoted]
    y = np.array([r.right for r in quoted])
    print(f"levers: quoted dev drafts {len(quoted)}, right {int(y.sum())}; AUROC of each input alone "
          "(below 0.5: higher means wrong)")
    for name in LEVERS:
        print(f"  {name:<14} {roc_auc_score(y, [r.evidence.values.get(name, 0.0) for r in quoted]):.3f}")
    mask = np.array([r.quoted for r in dev])
    yd = np.array([r.right for r in dev])
    shipped = calibration.QUOTED_FEATURES
    for label, names in (("earlier inputs", ["q_off_gap", "q_novelty", "intent_margin"]), ("shipped inputs", shipped)):
        calibration.QUOTED_FEATURES = names
        p = cross_fitted(dev)
        print(f"  quoted model, {label} {', '.join(names)}: cross-fitted AUROC {roc_auc_score(yd[mask], p[mask]):.3f}")
    calibration.QUOTED_FEATURES = shipped
    print()


def _ece_floor(p: np.ndarray, draws: int = 200) -> float:
    rng = np.random.default_rng(0)
    return float(np.median([ece(p, (rng.random(len(p)) < p).astype(float)) for _ in range(draws)]))


def _set(row: object) -> str:
    """The data set a row belongs to: a demo dev set, or one business pack."""
    src = row.case.source  # type: ignore[attr-defined]
    return ":".join(src.split(":")[:2])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, help="pickle of the collected rows (reused when present)")
    parser.add_argument("--levers", action="store_true", help="AUROC of each answer-check input")
    parser.add_argument("--heldout-packs", type=Path, action="append", default=[],
                        help="a folder of business packs nothing was fitted on (evals/datasets/blind_packs, or one "
                             "set of it): the shipped model's reliability on them (repeatable)")
    args = parser.parse_args()

    if args.cache and args.cache.is_file():
        dev, held = pickle.loads(args.cache.read_bytes())
    else:
        c = Copilot(Settings(model=None, tenants_dir=TENANTS))  # COPILOT_DATA_DIR: cached classifiers and stores
        dev, held = collect(c, fitting_cases()), collect(c, heldout_cases())
        if args.cache:
            args.cache.write_bytes(pickle.dumps((dev, held)))

    if args.levers:
        levers(dev)
    policy = load_send_policy(KNOWLEDGE_DIR)
    shipped = load_model(KNOWLEDGE_DIR / MODEL_FILE)
    y = np.array([r.right for r in dev], dtype=float)
    p_cv = cross_fitted(dev)
    sets = [_set(r) for r in dev]
    print(f"fitting data: {len(dev)} drafts, {int(y.sum())} right; sets "
          + ", ".join(f"{s} {sets.count(s)}" for s in sorted(set(sets))))
    print("\n(a) cross-fitted (the demo shop's sets: 5 folds by text hash; each business pack: its own fold, so it is "
          "scored by a model fitted on no question of that business):")
    print(format_reliability(p_cv, y))
    packs = np.array([s.startswith("pack:") for s in sets])
    print("  (floor: the median ECE a perfectly calibrated model shows on as many drafts, labels drawn from its "
          "own probabilities: small sets cannot measure below it)")
    groups = [("demo shop", ~packs), ("business packs", packs),
              *((src, np.array([s == src for s in sets])) for src in sorted(set(sets)))]
    for name, m in groups:
        print(f"  {name:<26} n={m.sum():4d}  mean predicted {p_cv[m].mean():.3f}  right {y[m].mean():.3f}  "
              f"ECE {ece(p_cv[m], y[m]):.3f}  floor {_ece_floor(p_cv[m]):.3f}")

    pooled: list[tuple[np.ndarray, np.ndarray]] = []
    for folder in args.heldout_packs:
        c = Copilot(Settings(model=None, tenants_dir=TENANTS))
        rows = collect(c, pack_cases(folder))
        pooled.append((np.array([shipped.probability(r.evidence) for r in rows]),
                       np.array([r.right for r in rows], dtype=float)))
        print(f"\n(c) shipped model on the packs in {folder} (never fitted on):")
        print(format_reliability(*pooled[-1]))
        print(f"  floor {_ece_floor(pooled[-1][0]):.3f}")
    if len(pooled) > 1:
        p_all, y_all = (np.concatenate(parts) for parts in zip(*pooled, strict=True))
        print(f"\n(c) all {len(pooled)} folders of held-out packs together:")
        print(format_reliability(p_all, y_all))
        print(f"  floor {_ece_floor(p_all):.3f}")

    p_held = np.array([shipped.probability(r.evidence) for r in held])
    y_held = np.array([r.right for r in held], dtype=float)
    print("\n(b) shipped model on off_topic_heldout.yaml (never fitted or tuned on):")
    print(format_reliability(p_held, y_held))

    print(f"\nauto-send under the default policy (bar {policy.bar:.2f}; intents {', '.join(policy.intents)}):")
    held_sent = eligible_mask(held, policy.intents) & (p_held >= policy.bar)
    quoted_held = np.array([r.quoted for r in held])
    print(f"  off_topic_heldout: {int(quoted_held.sum())}/{len(held)} drafts quote an entry; auto-sent among them "
          f"{int((held_sent & quoted_held).sum())}/{len(held)} (target <= 1); auto-sent in all "
          f"{int(held_sent.sum())}/{len(held)}")
    elig = eligible_mask(dev, policy.intents)
    ret = np.array([r.case.source == "retrieval_dev" for r in dev])
    right = np.array([r.right for r in dev])
    shipped_sent = elig & (np.array([shipped.probability(r.evidence) for r in dev]) >= policy.bar)
    cv_sent = elig & (p_cv >= policy.bar)
    # The denominator: rows whose right move is quoting the entry (not a request to ask a field for,
    # not a hand-off; evals/datasets/retrieval_dev.jsonl says which).
    quote = ret & np.array([r.case.ask is None and not r.case.handoff for r in dev])
    ask = ret & np.array([r.case.ask is not None for r in dev])
    handoff = ret & np.array([bool(r.case.handoff) for r in dev])
    print(f"  retrieval_dev, {int(quote.sum())} questions the entry answers: auto-sent with it: shipped model "
          f"{int((shipped_sent & quote & right).sum())}/{int(quote.sum())} "
          f"({(shipped_sent & quote & right).sum() / max(quote.sum(), 1):.1%}), cross-fitted "
          f"{int((cv_sent & quote & right).sum())}/{int(quote.sum())} (target >= 60 %); quoted right at all "
          f"{int((quote & right).sum())}, of them auto-sent "
          f"{(shipped_sent & quote & right).sum() / max((quote & right).sum(), 1):.0%} (shipped)")
    print(f"  retrieval_dev, {int(ask.sum())} requests (the entry or an ask for the field is right): auto-sent right "
          f"{int((cv_sent & ask & right).sum())}, wrong {int((cv_sent & ask & ~right).sum())} (cross-fitted); "
          f"right at all {int((ask & right).sum())}; {int(handoff.sum())} hand-offs: auto-sent "
          f"{int((cv_sent & handoff).sum())}")
    for src in sorted(set(sets)):
        m = np.array([s == src for s in sets])
        sent = cv_sent & m
        print(f"  {src:<26} auto-sent (cross-fitted) {int(sent.sum()):4d}/{int(m.sum())}, of them wrong "
              f"{int((sent & ~right).sum())}")
    # The packs as benchmarks/bench_tenants.py counts them (own questions), each business scored by a
    # model fitted without it: answerable questions auto-sent with the right fact, and auto-sent
    # drafts quoting an entry without the right fact (a wrong fact).
    kind = np.array([r.case.source.rsplit(":", 1)[-1] if r.case.source.startswith("pack:") else "" for r in dev])
    quoted = np.array([r.quoted for r in dev])
    answerable = kind == "answerable"
    print(f"  business packs, each scored without its own business: answerable auto-sent with the right fact "
          f"{int((cv_sent & answerable & right).sum())}/{int(answerable.sum())} (target >= 60 %); auto-sent with a "
          f"wrong fact {int((cv_sent & packs & quoted & ~right).sum())} (target 0); shipped model (fitted on them): "
          f"{int((shipped_sent & answerable & right).sum())} and {int((shipped_sent & packs & quoted & ~right).sum())}")

    print(f"  all dev drafts at the default bar (cross-fitted): {int(cv_sent.sum())} of {len(dev)} auto-sent, "
          f"{int((cv_sent & (y < 0.5)).sum())} of them wrong")
    print("\nthreshold table on the dev sets (cross-fitted; eligible = allowed intent, continue, hygiene passed):")
    print(format_thresholds(threshold_table(p_cv, y, elig), len(dev)))
    refit = fit(dev)
    same = np.allclose([refit.probability(r.evidence) for r in dev[:50]],
                       [shipped.probability(r.evidence) for r in dev[:50]], atol=1e-3)
    print(f"\nshipped coefficients reproduce from these rows: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
