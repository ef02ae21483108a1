"""`copilot tenant check` as a new business runs it (docs/knowledge.md, step 4): the first tenant on a
fresh data dir, then a second tenant that extends the default taxonomy with two intents of its own and
brings its own off_domain.yaml, on the same data dir.

    python benchmarks/bench_tenant_check.py [--first evals/datasets/tenants/aria_beauty]

Prints wall and CPU time (user + sys of the child) of each, and the load average: on a shared box the
wall time follows the load, the CPU time much less.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECOND = {
    "tenant.yaml": "business: River Tours\nlanguages: [en, ru]\nvocabulary: booking\ntaxonomy: extend\n",
    "taxonomy/intents.yaml": """version: 1
intents:
  - id: book_tour
    description: The customer wants to book a day tour.
    required_fields: ["date"]
    kind: book
    examples:
      en: ["I want to book the waterfall tour", "can we join the boat trip tomorrow", "two seats on the cave tour"]
      ru: ["хочу забронировать экскурсию к водопаду", "можно на лодочную прогулку завтра", "два места в пещеры"]
  - id: airport_pickup
    description: The customer asks for a transfer from or to the airport.
    required_fields: ["date", "time"]
    examples:
      en: ["can you pick us up at the airport", "we need a transfer to the airport", "airport pickup on friday"]
      ru: ["можете встретить в аэропорту", "нужен трансфер в аэропорт", "встреча в аэропорту в пятницу"]
""",
    "off_domain.yaml": 'en: ["do you repair bikes?", "can you sell me a sim card"]\nru: ["вы чините велосипеды?"]\n',
    "knowledge/faq.yaml": """business: River Tours
entries:
  - id: waterfall_price
    intent: pricing
    questions: {en: ["how much is the waterfall tour", "price of the waterfall trip"], ru: ["сколько стоит тур к водопаду", "цена поездки на водопад"]}
    answers: {en: "The waterfall tour is 350,000 LAK per person.", ru: "Тур к водопаду стоит 350 000 LAK с человека."}
""",
}


def _check(name: str, tenants: Path, data_dir: Path) -> None:
    env = {**os.environ, "COPILOT_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "copilot.cli", "tenant", "check", name, "--tenants-dir", str(tenants)],
                   env=env, check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"tenant check {name:<14} wall {wall:7.1f} s  cpu {cpu:6.1f} s  (load {load:.1f} -> {os.getloadavg()[0]:.1f})")


def _cpu() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "cpu ?"
    return next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("model name")), "cpu ?")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--first", type=Path, default=ROOT / "evals" / "datasets" / "tenants" / "aria_beauty",
                        help="A tenant folder checked first, on the fresh data dir.")
    opts = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {_cpu()}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        data_dir, tenants = Path(tmp) / "data", Path(tmp) / "tenants"
        first = opts.first.resolve()
        (tenants / first.name).parent.mkdir(parents=True)
        (tenants / first.name).symlink_to(first, target_is_directory=True)
        for path, text in SECOND.items():
            (tenants / "second" / path).parent.mkdir(parents=True, exist_ok=True)
            (tenants / "second" / path).write_text(text, encoding="utf-8")
        _check(first.name, tenants, data_dir)  # fresh data dir: everything is embedded
        _check("second", tenants, data_dir)  # extends the default taxonomy: its own texts only


if __name__ == "__main__":
    main()
