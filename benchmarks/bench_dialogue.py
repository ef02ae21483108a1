"""Multi-turn understanding per language: intent, reply language, fields, re-asks, escalation, moment.

    .venv/bin/python benchmarks/bench_dialogue.py [--data-dir DIR] [--show-failures]
        [--datasets evals/datasets/multiturn/*.yaml]

Runs the multi-turn development set (evals/datasets/multiturn/, issue 14) through the offline
default at the starter suite's `now`, scored by the eval suite's own scorers, and prints one row
per language: intent accuracy, reply language, fields found (recall over the fields the case says
were given), nothing re-asked (no sentence of the draft asks for a given field, H7), escalation
recall / precision, moment accuracy, no `first_reply` after we replied, and drafts with a placeholder.
"""

from __future__ import annotations

import argparse
import glob
from pathlib import Path

import copilot  # noqa: F401  (offline environment first)
from copilot.evals.dataset import load_datasets
from copilot.evals.metrics import aggregate
from copilot.evals.runner import copilot_for, run_case
from copilot.evals.suite import load_suite

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = sorted(glob.glob(str(ROOT / "evals" / "datasets" / "multiturn" / "*.yaml")))
COLUMNS = [("intent", "intent.accuracy"), ("lang", "language.accuracy"), ("fields", "fields.recall"),
           ("no-reask", "reask.none_rate"), ("esc.R", "escalation.recall"), ("esc.P", "escalation.precision"),
           ("moment", "moment.accuracy")]


def _fmt(v: float | None) -> str:
    return "   —" if v is None else f"{v:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", nargs="*", default=DEFAULT)
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--show-failures", action="store_true")
    args = ap.parse_args()
    now = load_suite(ROOT / "evals" / "starter.yaml").now
    cases = load_datasets([Path(p) for p in args.datasets])
    c = copilot_for({"data_dir": args.data_dir} if args.data_dir else {})
    c.warm_up()
    runs = [run_case(c, case, now=now) for case in cases]
    langs = sorted({r.case.expect.language or "?" for r in runs})
    print(f"{len(runs)} conversations ({', '.join(args.datasets) if len(args.datasets) < 3 else 'evals/datasets/multiturn'})")
    print(f"{'lang':<5} {'n':>3} " + " ".join(f"{n:>8}" for n, _ in COLUMNS) + f" {'!first':>7} {'placeh.':>7}")
    for lang in [*langs, "all"]:
        part = [r for r in runs if lang == "all" or (r.case.expect.language or "?") == lang]
        m = aggregate(part)
        replied = [r for r in part if r.suggestion and any(x.role != "customer" for x in r.case.conversation.messages)]
        not_first = sum(r.suggestion.draft.moment != "first_reply" for r in replied) / len(replied) if replied else None
        placeholders = sum(1 for r in part if r.suggestion and any(
            ch.rule == "H6" and ch.status == "fail" for ch in r.suggestion.hygiene.checks))
        print(f"{lang:<5} {len(part):>3} " + " ".join(f"{_fmt(m.get(k)):>8}" for _, k in COLUMNS)
              + f" {_fmt(not_first):>7} {placeholders:>7}")
    if args.show_failures:
        for r in runs:
            bad = [s for s in r.scores if s.status == "fail" and s.name in (
                "intent", "language", "fields.recall", "reask", "escalation", "moment")]
            if bad:
                print(f"- {r.case.id}: " + "; ".join(f"{s.name}: {s.reason}" for s in bad))
                if r.suggestion is not None:
                    print(f"    draft: {r.suggestion.draft.text[:160]!r}")


if __name__ == "__main__":
    main()
