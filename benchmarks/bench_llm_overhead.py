"""Overhead of LLM mode on our side: prompt build + litellm/instructor call + parse, per suggest.

Runs LLMDrafter.suggest against the fake OpenAI-compatible server from tests/llm (instant
replies on 127.0.0.1), so the figure is our cost, not a model's. Also reports the prompt tokens
actually sent (counted by the server, schema included) for a 4-turn and a 40-turn conversation;
the target for 40 turns is ≤ 1,500.

    .venv/bin/python benchmarks/bench_llm_overhead.py [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory

import copilot  # noqa: F401  (offline env first)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "llm"))

from fake_server import FakeLLMServer  # noqa: E402
from llm_samples import draft_input, reply  # noqa: E402

from copilot.llm import LLMDrafter  # noqa: E402
from copilot.settings import Settings  # noqa: E402

PROMPT_TARGET = 1500


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    server = FakeLLMServer().start()
    with TemporaryDirectory() as tmp:
        settings = Settings(
            model="openai/fake-model", api_base=server.url, api_key="sk-fake", retries=0, data_dir=Path(tmp)
        )
        drafter = LLMDrafter(settings)
        server.enqueue_json(reply())
        drafter.suggest(draft_input(4))  # warm-up: litellm's first call loads provider config

        print(f"LLMDrafter.suggest overhead against an instant fake server ({args.runs} runs each)")
        for turns in (4, 40):
            inp = draft_input(turns)
            build_ms: list[float] = []
            total_ms: list[float] = []
            for _ in range(args.runs):
                server.enqueue_json(reply())
                t0 = time.perf_counter()
                drafter.suggest_messages(inp)
                build_ms.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                drafter.suggest(inp)
                total_ms.append((time.perf_counter() - t0) * 1000)
            sent = server.requests[-1].prompt_tokens
            flag = "ok" if sent <= PROMPT_TARGET else f"OVER {PROMPT_TARGET}"
            print(
                f"  {len(inp.conversation.messages):>2} messages: suggest median {statistics.median(total_ms):6.1f} ms,"
                f" p95 {_pct(total_ms, 0.95):6.1f} ms; prompt build median {statistics.median(build_ms):5.1f} ms;"
                f" prompt tokens sent {sent} ({flag})"
            )
    server.stop()


if __name__ == "__main__":
    main()
