"""Latency of `Copilot.suggest` on the offline default.

Prints: import time, first-call time (loads the embedder, classifier, templates, knowledge),
then median / p95 per suggestion over first messages in en, ru, uk, hy, lo, and the per-stage
medians, and the same for a 40-message conversation (issue 14: the dialogue state is read from the
whole conversation). Targets (issue 2): median ≤ 25 ms, p95 ≤ 60 ms on a 2-core machine.

    .venv/bin/python benchmarks/bench_suggest.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from pathlib import Path

MESSAGES = [
    "hi, where is my order? I ordered a bike last week",
    "do you deliver to Lviv?",
    "how much is the City 3 bike",
    "I want to book a service tomorrow at 5",
    "I want a refund for order A-10234",
    "где мой заказ? жду уже неделю",
    "сколько стоит доставка в Ереван",
    "хочу записаться на ремонт в пятницу",
    "де моє замовлення",
    "чи є в наявності шоломи",
    "Որտե՞ղ է իմ պատվերը",
    "ինչ արժե City 3 հեծանիվը",
    "ສິນຄ້າຂອງຂ້ອຍຢູ່ໃສ",
    "ມີໝວກກັນກະທົບບໍ",
    "hi",
    "THIS IS RIDICULOUS!!! nobody answers",
]

# 40 messages: a booking, a change, a chase, a topic switch and answers to our questions. The earlier
# turns' vectors are in the cache (the service embedded them when it answered them); the last is new.
_LONG_TURNS = [
    ("customer", "hi, I'd like to book a service for my e-bike"), ("agent", "Sure! Which day suits you best?"),
    ("customer", "friday"), ("agent", "What time works best for you on Friday?"),
    ("customer", "around 3pm"), ("agent", "Booked for Friday at 15:00. If you need to change it, reply here."),
    ("customer", "thanks"), ("agent", "You're welcome! See you on Friday."),
    ("customer", "actually can we make it saturday?"), ("agent", "Saturday at 15:00 is free. Shall I move it?"),
    ("customer", "yes please"), ("agent", "Done: Saturday at 15:00. If you need to change it, reply here."),
    ("customer", "also, how much is a helmet for kids?"), ("agent", "The Kids helmet is 35 EUR. Anything else?"),
    ("customer", "do you have it in blue?"), ("agent", "Let me check stock and reply here by 12:00."),
    ("customer", "any news?"), ("agent", "Yes, blue is in stock. Shall I reserve one for Saturday?"),
    ("customer", "👍"), ("agent", "Reserved for you until Saturday. If you need to change it, reply here."),
]
LONG = {"messages": [{"role": r, "text": t} for r, t in _LONG_TURNS * 2], "channel": "whatsapp"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--data-dir", default=None, help="reuse a data dir (its caches): the first-call figures are then warm")
    args = parser.parse_args()

    t0 = time.perf_counter()
    from copilot import Copilot, Settings

    t_import = time.perf_counter() - t0
    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="bench-suggest-"))
    copilot = Copilot(Settings(data_dir=data_dir))
    t1 = time.perf_counter()
    copilot.suggest({"messages": [{"role": "customer", "text": "hello"}]})
    t_first_cold = time.perf_counter() - t1

    # A second process start finds the classifier cache and the ingested store on disk.
    copilot2 = Copilot(Settings(data_dir=data_dir))
    t2 = time.perf_counter()
    copilot2.suggest({"messages": [{"role": "customer", "text": "hello"}]})
    t_first_warm = time.perf_counter() - t2

    convs = [{"messages": [{"role": "customer", "text": m}], "channel": "whatsapp"} for m in MESSAGES]
    for c in convs:  # first use of each language's detector and dateparser paths
        copilot.suggest(c)
    times: list[float] = []
    stages: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for c in convs:
            copilot.resources.embedder.clear()  # a new customer message every time: no cached vector
            t = time.perf_counter()
            s = copilot.suggest(c)
            times.append((time.perf_counter() - t) * 1000)
            for k, v in s.trace.timings_ms.items():
                stages.setdefault(k, []).append(v)
    long_times: list[float] = []
    copilot.suggest(LONG)
    earlier = [m["text"] for m in LONG["messages"][:-1] if m["role"] == "customer"]
    for _ in range(args.rounds):
        copilot.resources.embedder.clear()
        copilot.resources.embedder.embed_queries(earlier)  # the earlier turns were served before: cached
        t = time.perf_counter()
        copilot.suggest(LONG)
        long_times.append((time.perf_counter() - t) * 1000)
    long_times.sort()
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"machine: {platform.machine()} {platform.processor() or ''} cpus={__import__('os').cpu_count()} "
          f"python={platform.python_version()}")
    print(f"import copilot: {t_import:.2f} s")
    print(f"first call, cold data dir (index taxonomy, ingest demo knowledge): {t_first_cold:.2f} s")
    print(f"first call, new process with cached classifier + store: {t_first_warm:.2f} s")
    print(f"suggest over {len(times)} calls: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms "
          f"(targets: median <= 25 ms, p95 <= 60 ms)")
    print("stage medians: " + ", ".join(f"{k} {statistics.median(v):.1f} ms" for k, v in stages.items()))
    print(f"40-message conversation over {len(long_times)} calls: median {statistics.median(long_times):.1f} ms, "
          f"p95 {long_times[max(0, int(len(long_times) * 0.95) - 1)]:.1f} ms")


if __name__ == "__main__":
    main()
