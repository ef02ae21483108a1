"""Wall time of one CLI call as a user runs it: `copilot --help` and `copilot suggest FILE` on a warm
data dir (classifier, off-domain and knowledge caches built by a first call that is not counted).

    python benchmarks/bench_cli.py [--runs 5] [--data-dir DIR]

Prints median and p95 wall time, the CPU the child used (user + sys, both threads), and the load
average: on a shared box the wall time follows the load, the CPU time does not. Targets: --help
<= 1 s, a warm suggest <= 2 s (issue 15).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MESSAGES = {
    "en": "I want my money back for order A-10234",
    "ru": "где мой заказ? жду уже неделю",
}


def _run(args: list[str], env: dict[str, str], stdin: bytes | None = None) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, input=stdin, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _report(name: str, samples: list[tuple[float, float]]) -> None:
    walls = sorted(w for w, _ in samples)
    cpus = [c for _, c in samples]
    p95 = walls[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))]
    print(f"{name:<28} wall median {statistics.median(walls):6.2f} s  p95 {p95:6.2f} s  "
          f"cpu median {statistics.median(cpus):5.2f} s  (n={len(samples)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", default=os.environ.get("COPILOT_DATA_DIR"))
    opts = parser.parse_args()
    env = {**os.environ}
    if opts.data_dir:
        env["COPILOT_DATA_DIR"] = opts.data_dir
    cli = [sys.executable, "-m", "copilot.cli"]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at start")

    _report("copilot --help", [_run([*cli, "--help"], env) for _ in range(opts.runs)])
    with tempfile.TemporaryDirectory() as tmp:
        for lang, text in MESSAGES.items():
            path = Path(tmp) / f"{lang}.json"
            path.write_text(json.dumps({"messages": [{"role": "customer", "text": text}]}), encoding="utf-8")
            _run([*cli, "suggest", str(path)], env)  # warms the data dir; not counted
            _report(f"copilot suggest ({lang}, warm)", [_run([*cli, "suggest", str(path)], env)
                                                         for _ in range(opts.runs)])
    print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
