"""The draft check on good and bad drafts: how many good ones it lets through, how many bad ones it stops.

    .venv/bin/python benchmarks/bench_draft_check.py [--verbose] [--json]

Reads evals/datasets/drafts/*.yaml: conversations with the demo shop and a reply draft each, labelled
from the guide (good: a careful agent sends it as is; bad: it clearly breaks the rules listed). Every
draft goes through `Copilot.check`, the same check as `POST /v1/check` and the live pipeline. Per
language and overall it prints:

* good drafts passed: no blocking failure (`hygiene.passed`), so they can be sent (target >= 0.95);
  and spotless: no failure at all, not even a warning;
* bad drafts flagged: at least one rule fails (target >= 0.90); blocked: a blocking rule fails; and
  caught by the rule named first in the label.

--verbose lists every good draft with a failure and every bad draft not flagged, with the verdicts.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import yaml

import copilot  # noqa: F401  (offline environment first)
from copilot import Copilot
from copilot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = ROOT / "evals" / "datasets" / "drafts"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # a Tuesday morning: shops open, "by 16:00" still ahead


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--drafts", type=Path, default=DRAFTS, help="Folder of *.yaml draft sets.")
    ap.add_argument("--data-dir", type=Path, default=None, help="Default: a temporary one (cold build).")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    bot = Copilot(Settings(data_dir=args.data_dir or Path(tempfile.mkdtemp(prefix="bench-drafts-"))))
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: list[str] = []

    def count(lang: str, metric: str, ok: bool) -> None:
        for key in (lang, "all"):
            counts[key][metric][0] += int(ok)
            counts[key][metric][1] += 1

    for path in sorted(args.drafts.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            report = bot.check(case["conversation"], case["draft"], now=NOW)
            failed = [c for c in report.checks if c.status == "fail"]
            verdict = ", ".join(f"{c.rule}({c.severity}): {c.detail[:90]}" for c in failed) or "nothing failed"
            lang = path.stem
            if case["label"] == "good":
                count(lang, "good passed", report.passed)
                count(lang, "good spotless", not failed)
                if failed:
                    misses.append(f"{case['id']} good, {'passed' if report.passed else 'BLOCKED'}: {verdict}")
            else:
                named = case["rules"][0]
                count(lang, "bad flagged", bool(failed))
                count(lang, "bad blocked", not report.passed)
                count(lang, "bad caught by its rule", any(c.rule == named for c in failed))
                if not failed or named not in {c.rule for c in failed}:
                    misses.append(f"{case['id']} bad {case['rules']} ({case.get('note', '')}): {verdict}")

    if args.json:
        print(json.dumps({k: dict(v) for k, v in counts.items()}, ensure_ascii=False))
        return 0
    metrics = ["good passed", "good spotless", "bad flagged", "bad blocked", "bad caught by its rule"]
    print(f"{'lang':<6}" + "".join(f"{m:>24}" for m in metrics))
    for lang in sorted(counts, key=lambda k: (k == "all", k)):
        cells = "".join(f"{f'{ok}/{n} ({ok / n:.2f})':>24}" for ok, n in (counts[lang][m] for m in metrics))
        print(f"{lang:<6}{cells}")
    if args.verbose:
        print("\n".join(["", *misses]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
