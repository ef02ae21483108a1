"""Eval matrix wall time: 2 prompts × 2 models × the starter cases against the fake model server,
cold and then with a warm response cache; and the offline 1,000-case run, sequential and threaded.

    .venv/bin/python benchmarks/bench_eval_matrix.py [--data-dir DIR] [--delay-ms 0] [--concurrency 8]
                                                     [--parallel-configs 4] [--offline-cases 1000]

The fake server (tests/llm/fake_server.py, real HTTP on 127.0.0.1) answers every suggest/revise
prompt like a careful model (the template draft, a candidate intent), after `--delay-ms`. The cold
run empties DIR/llm-cache first; the warm run asks the same questions again into a new run dir, so
every answer comes from the cache. Model loading happens once before any clock starts.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

import copilot  # noqa: F401  (offline environment first)
from copilot.evals.runner import copilot_for, run_suite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "llm"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_eval import replicated_suite  # noqa: E402
from fake_server import FakeLLMServer, echo_template  # noqa: E402


def matrix_suite(folder: Path, url: str, concurrency: int, parallel: int) -> Path:
    starter = yaml.safe_load((ROOT / "evals" / "starter.yaml").read_text(encoding="utf-8"))
    suite = {
        "name": "matrix", "now": starter["now"], "scorers": starter["scorers"],
        "datasets": [str(ROOT / "evals" / d) for d in starter["datasets"]],
        "matrix": {"axes": {"prompt": {"v1": {"prompt_versions": {"suggest": "v1"}},
                                       "v2": {"prompt_versions": {"suggest": "v2"}}},
                            "model": {"a": {"model": "openai/fake-a"}, "b": {"model": "openai/fake-b"}}},
                   "settings": {"api_base": url, "retries": 0, "timeout_s": 30}, "concurrency": concurrency},
        "parallel_configs": parallel,
    }
    path = folder / "matrix.yaml"
    path.write_text(yaml.safe_dump(suite, sort_keys=False), encoding="utf-8")  # axis order names the configs
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=None, help="Settings.data_dir (default: a temp dir).")
    ap.add_argument("--delay-ms", type=float, default=0.0, help="The fake model's answer time.")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--parallel-configs", type=int, default=4)
    ap.add_argument("--offline-cases", type=int, default=1000)
    args = ap.parse_args()
    os.environ.setdefault("COPILOT_API_KEY", "sk-fake")  # the fake server takes any key
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data_dir = args.data_dir or folder / "data"
        base = {"data_dir": data_dir}
        t0 = time.perf_counter()
        copilot_for(base).warm_up()
        print(f"warm-up (models, knowledge): {time.perf_counter() - t0:.1f} s")

        server = FakeLLMServer(responder=echo_template(delay_s=args.delay_ms / 1000)).start()
        try:
            suite = matrix_suite(folder, server.url, args.concurrency, args.parallel_configs)
            shutil.rmtree(Path(data_dir) / "llm-cache", ignore_errors=True)
            for label, out in (("cold cache", "cold"), ("warm cache", "warm")):
                before = len(server.requests)
                t0 = time.perf_counter()
                result = run_suite(suite, out_dir=folder / out, base_settings=base, progress=False)
                wall = time.perf_counter() - t0
                runs = sum(len(r.cases) for r in result.results)
                cached = sum(r.metrics.get("llm.cached_calls") or 0 for r in result.results)
                fallbacks = sum(r.metrics.get("failures.fallbacks") or 0 for r in result.results)
                print(f"matrix 2 prompts x 2 models x {runs // len(result.results)} cases, {label}: "
                      f"{wall:.1f} s wall, {runs / wall:.1f} case runs/s, {len(server.requests) - before} model "
                      f"requests, {cached:.0f} cached answers, {fallbacks:.0f} fallbacks "
                      f"(concurrency {args.concurrency}, {args.parallel_configs} configs at once, "
                      f"fake model delay {args.delay_ms:.0f} ms)")
        finally:
            server.stop()

        for workers in (1, 2):
            suite = replicated_suite(folder, args.offline_cases)
            data = yaml.safe_load(suite.read_text(encoding="utf-8"))
            data["configs"] = [{"name": "offline", "concurrency": workers}]
            suite.write_text(yaml.safe_dump(data), encoding="utf-8")
            t0 = time.perf_counter()
            result = run_suite(suite, out_dir=folder / f"offline-{workers}", base_settings=base, progress=False)
            wall = time.perf_counter() - t0
            n = len(result.results[0].cases)
            print(f"offline {n} cases, {workers} thread(s): {wall:.1f} s wall, {n / wall:.1f} cases/s")


if __name__ == "__main__":
    main()
