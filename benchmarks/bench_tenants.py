"""Businesses other than the demo shop: right facts, wrong quotes, leaks, escalations, reply language.

    .venv/bin/python benchmarks/bench_tenants.py [--packs evals/datasets/tenant_packs] [--json]

Each pack (`evals/datasets/tenant_packs/<tenant>.yaml`, the eval dataset schema of docs/evals.md)
holds one tenant's customer questions tagged answerable | unanswerable | transactional | escalation
and their language; the tenant's folder is `evals/datasets/tenants/<tenant>/`. Per business and
language it prints:

* fact: answerable questions whose draft contains every `facts_must_appear` string (the right fact);
* wrong: unanswerable questions whose draft quotes any knowledge entry (a wrong fact);
* other: the other packs' answerable questions asked of this tenant and answered with one of its entries
  that is not about a topic every business has, by its id or a tag (hours, address, payment, group size…:
  "what's your address?" asked of the guesthouse is rightly answered with the guesthouse's address);
* leak: drafts or hits carrying text that is not this tenant's own knowledge (cross-tenant facts);
* esc: escalation questions handed to a person (recall);
* intent: transactional questions with the expected intent and no hand-off;
* lang: drafts in the question's language;
* auto: answerable questions auto-sent (`decision.auto_send`, the automated mode's gate) with the right fact;
* autowrong: auto-sent drafts that quote a wrong or forbidden fact (an answerable question without its
  fact, an unanswerable one quoting an entry, another business's question answered with a non-generic
  entry): a failure count.

Under the table: the rates, and wrong and other together (issue 13's line names both).
Targets (issue 13, held-out packs): fact ≥ 0.90 overall and ≥ 0.75 per language, wrong ≤ 0.05,
no leak, escalation recall 1.0, reply language ≥ 0.97. Issue 17: auto ≥ 0.60 of answerable, autowrong 0.
The shipped send_confidence is fitted on the five development packs (`python -m copilot.calibration fit`),
so auto/autowrong on them are in-sample: benchmarks/bench_send_confidence.py scores each business with
a model fitted without it; held-out packs (--packs, --tenants) measure it on businesses never fitted on.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import yaml

import copilot  # noqa: F401  (offline environment first)
from copilot import Copilot, Settings
from copilot.models import Suggestion
from copilot.labelled import GENERIC_TOPICS, holds_fact, on_topic

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _wrong_for_other(s: Suggestion) -> bool:
    """A draft to another business's question quotes an entry that is not on a topic every business has
    (quoting the asked business's own entry on those answers the question)."""
    return not all(on_topic(c, s.knowledge, GENERIC_TOPICS) for c in s.draft.citations)


def _load(packs: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for path in sorted(packs.glob("*.yaml")):
        cases = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cases") or []
        out[path.stem] = cases
    return out


def _kind(case: dict) -> str:
    return case["tags"][0]


def _lang(case: dict) -> str:
    return case["tags"][1]


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("\u00a0", " ").split())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--packs", type=Path, default=ROOT / "evals" / "datasets" / "tenant_packs")
    ap.add_argument("--tenants", type=Path, default=ROOT / "evals" / "datasets" / "tenants")
    ap.add_argument("--data-dir", type=Path, default=None, help="Default: a temporary one (cold build).")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="Print every miss.")
    args = ap.parse_args()

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-tenants-"))
    bot = Copilot(Settings(data_dir=data_dir, tenants_dir=args.tenants))
    packs = _load(args.packs)
    start = time.perf_counter()
    for tenant in packs:
        bot.resources.tenant(tenant)
    print(f"built {len(packs)} tenants in {time.perf_counter() - start:.1f} s", file=sys.stderr)

    # (tenant, language) -> metric -> [hits, total]
    table: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: list[str] = []
    latencies: list[float] = []

    def count(key: tuple[str, str], metric: str, ok: bool, note: str) -> None:
        table[key][metric][0] += int(ok)
        table[key][metric][1] += 1
        if not ok:
            misses.append(f"{key[0]} {key[1]} {metric}: {note}")

    for tenant, cases in packs.items():
        own_texts = {_fold(h.text) for h in bot.resources.store.entries(tenant=tenant)}
        foreign = [c for other, cs in packs.items() if other != tenant for c in cs if _kind(c) == "answerable"]
        for case, asked_as in [*((c, "own") for c in cases), *((c, "other") for c in foreign)]:
            conv = {**case["conversation"], "tenant": tenant}
            t0 = time.perf_counter()
            s = bot.suggest(conv, now=NOW)
            latencies.append((time.perf_counter() - t0) * 1000)
            lang, kind, text = _lang(case), _kind(case), case["conversation"]["messages"][-1]["text"]
            key = (tenant, lang)
            note = f"{text!r} -> {s.intent.id}/{s.draft.moment}/{s.decision.action} {s.draft.citations} {s.draft.text[:140]!r}"
            leaked = [h.id for h in s.knowledge if _fold(h.text) not in own_texts]
            count(key, "leak", not leaked, f"{leaked} {note}")
            auto = s.decision.auto_send
            if asked_as == "other":
                count(key, "other", not _wrong_for_other(s), note)
                if auto:
                    count(key, "autowrong", not _wrong_for_other(s), f"auto-sent {note}")
                continue
            count(key, "lang", s.draft.language == lang, note)
            if kind == "answerable":
                facts = case["expect"].get("facts_must_appear") or []
                right = all(holds_fact(f, s.draft.text) for f in facts)
                count(key, "fact", right, f"{facts} {note}")
                count(key, "auto", auto and right, f"not auto-sent ({s.decision.send_confidence:.2f}) {note}")
                if auto:
                    count(key, "autowrong", right or not s.draft.citations, f"auto-sent without {facts} {note}")
            elif kind == "unanswerable":
                count(key, "wrong", not s.draft.citations, note)
                if auto:
                    count(key, "autowrong", not s.draft.citations, f"auto-sent {note}")
            elif kind == "escalation":
                count(key, "esc", s.decision.action == "escalate", note)
            elif kind == "transactional":
                want = case["expect"].get("intent")
                count(key, "intent", s.intent.id == want and s.decision.action == "continue", f"want {want}: {note}")

    metrics = ["fact", "wrong", "other", "leak", "esc", "intent", "lang", "auto", "autowrong"]
    # wrong/other/leak are shown as failure counts; the rest as successes
    rows = []
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (tenant, lang), m in sorted(table.items()):
        row = {"tenant": tenant, "language": lang}
        for name in metrics:
            ok, n = m[name]
            totals[name][0] += ok
            totals[name][1] += n
            row[name] = [n - ok, n] if name in ("wrong", "other", "leak", "autowrong") else [ok, n]
        rows.append(row)
    if args.json:
        print(json.dumps({"rows": rows, "totals": {k: v for k, v in totals.items()},
                          "latency_ms": {"median": statistics.median(latencies),
                                         "p95": statistics.quantiles(latencies, n=20)[18]}}, ensure_ascii=False))
        return 0
    width = max([15, *(len(row["tenant"]) + 1 for row in rows)])  # "phouvieng_cooking" is 17 letters
    head = f"{'tenant':<{width}}{'lang':<6}" + "".join(f"{h:>11}" for h in metrics)
    print(head)
    for row in rows:
        cells = "".join(f"{row[k][0]:>6}/{row[k][1]:<4}" if row[k][1] else f"{'—':>11}" for k in metrics)
        print(f"{row['tenant']:<{width}}{row['language']:<6}{cells}")
    print("-" * len(head))
    tot = "".join(f"{(v[1] - v[0] if k in ('wrong', 'other', 'leak', 'autowrong') else v[0]):>6}/{v[1]:<4}"
                  for k, v in ((k, totals[k]) for k in metrics))
    print(f"{'all':<{width + 6}}{tot}")
    rate = {k: (totals[k][0] / totals[k][1] if totals[k][1] else 0.0) for k in metrics}
    print(f"right fact {rate['fact']:.3f} · wrong quote (unanswerable) {1 - rate['wrong']:.3f} · wrong quote "
          f"(other tenant) {1 - rate['other']:.3f} · leaks {totals['leak'][1] - totals['leak'][0]} · escalation "
          f"recall {rate['esc']:.3f} · transactional {rate['intent']:.3f} · reply language {rate['lang']:.3f}")
    # issue 13's line counts both: "unanswerable or other-tenant questions quote a wrong fact <= 0.05"
    asked = totals["wrong"][1] + totals["other"][1]
    wrong = asked - totals["wrong"][0] - totals["other"][0]
    print(f"wrong quote (unanswerable or other tenant, together) {wrong}/{asked} = {wrong / asked if asked else 0:.3f}")
    by_tenant: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for (tenant, _), m in table.items():
        for name in ("fact", "auto", "autowrong"):
            by_tenant[tenant][name][0] += m[name][0]
            by_tenant[tenant][name][1] += m[name][1]
    for tenant, m in sorted(by_tenant.items()):
        auto, wrong = m["auto"], m["autowrong"]
        print(f"{tenant}: auto-sent with the right fact {auto[0]}/{auto[1]} answerable "
              f"({auto[0] / max(auto[1], 1):.0%}; right fact at all {m['fact'][0]}), auto-sent with a wrong fact "
              f"{wrong[1] - wrong[0]} (of {wrong[1]} auto-sent drafts to answerable, unanswerable or "
              "other-business questions)")
    print(f"suggest latency median {statistics.median(latencies):.1f} ms, p95 "
          f"{statistics.quantiles(latencies, n=20)[18]:.1f} ms over {len(latencies)} calls")
    if args.verbose:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
