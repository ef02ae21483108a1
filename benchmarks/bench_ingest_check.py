"""The (re)ingest check on an unchanged knowledge folder: what a server does when a tenant's files
were touched (`Resources._refresh_knowledge`) and what each process start does per tenant.

Times `KnowledgeStore.ensure_ingested` (manifest read, folder hash, cached entries, index probe)
followed by the answer check's `load_knowledge` of the same folder, and the folder hash alone.
`--faq N` adds a synthetic FAQ of N entries (a bigger business); default: the demo shop's folder.

    nice .venv/bin/python benchmarks/bench_ingest_check.py [--rounds 30] [--faq 2000]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def _folder(base: Path, faq: int) -> Path:
    from copilot.paths import KNOWLEDGE_DIR

    folder = base / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR / "demo", folder)
    if faq:
        lines = ["entries:"]
        for i in range(faq):
            lines += [f"  - id: extra{i}", f"    questions: {{en: [extra question {i} about topic {i * 7}]}}",
                      f"    answers: {{en: 'Extra answer {i}, with a sentence or two of detail to read.'}}"]
        (folder / "faq.yaml").write_text((folder / "faq.yaml").read_text(encoding="utf-8") + "\n".join(lines[1:]) + "\n",
                                         encoding="utf-8")
    return folder


def _figures(name: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(f"{name:<46} median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   (n={len(ms)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--faq", type=int, default=0, help="extra synthetic FAQ entries")
    parser.add_argument("--profile", action="store_true", help="print where one check's time goes (cProfile)")
    args = parser.parse_args()

    from copilot.knowledge import KnowledgeStore, load_knowledge
    from copilot.knowledge import files
    from copilot.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        folder = _folder(base, args.faq)
        size = sum(p.stat().st_size for p in files.knowledge_files(folder))
        settings = Settings(data_dir=base / "data", chroma_url=None)
        started = time.perf_counter()
        KnowledgeStore(settings).ingest(folder, tenant="shop")
        print(f"machine: {platform.machine()}, {os.cpu_count()} cpus, load {os.getloadavg()[0]:.1f}; "
              f"folder {size / 1024:.0f} KiB; first ingest {time.perf_counter() - started:.1f} s")
        store = KnowledgeStore(settings)
        store.ensure_ingested(folder, tenant="shop")  # the first call opens the collections

        checks, hashes = [], []
        for _ in range(args.rounds):
            started = time.perf_counter()
            report = store.ensure_ingested(folder, tenant="shop")
            load_knowledge(folder)  # the answer check reads the same folder
            checks.append(time.perf_counter() - started)
            assert report.skipped
            started = time.perf_counter()
            files.manifest_hash(folder, salt="bench")
            hashes.append(time.perf_counter() - started)
        _figures("ensure_ingested (unchanged) + load_knowledge", checks)
        _figures("one hash of the folder", hashes)
        if args.profile:
            import cProfile
            import pstats

            with cProfile.Profile() as profile:
                store.ensure_ingested(folder, tenant="shop")
                load_knowledge(folder)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(18)


if __name__ == "__main__":
    main()
