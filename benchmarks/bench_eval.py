"""Eval throughput: N cases (the starter cases replicated) scored on the offline default.

    .venv/bin/python benchmarks/bench_eval.py [--cases 1000] [--data-dir DIR]

Prints the total seconds and cases/s of `run_suite` (every scorer on, results written per case
as a resumable run does), the per-case pipeline latency median / p95 from the traces, and the
time to write the HTML report. Target: 1,000 cases in < 60 s. Model loading (embedder,
classifier, knowledge ingest) happens once before the clock starts, as in a CI job's warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import yaml

import copilot  # noqa: F401  (offline environment first)
from copilot.evals.dataset import load_datasets
from copilot.evals.metrics import percentile
from copilot.evals.report_html import render_report
from copilot.evals.runner import copilot_for, run_suite
from copilot.evals.suite import load_suite

ROOT = Path(__file__).resolve().parent.parent
STARTER = ROOT / "evals" / "starter.yaml"


def replicated_suite(folder: Path, n: int) -> Path:
    """A suite of `n` cases: the starter cases repeated with new ids (same conversations)."""
    starter = load_suite(STARTER)
    cases = load_datasets(starter.dataset_paths())
    rows = []
    for i in range(n):
        case = cases[i % len(cases)].model_dump(mode="json", exclude_none=True)
        case["id"] = f"{case['id']}-x{i // len(cases)}"
        rows.append(case)
    (folder / "cases.yaml").write_text(yaml.safe_dump({"cases": rows}, allow_unicode=True), encoding="utf-8")
    suite = {"name": "bench", "datasets": ["cases.yaml"], "now": starter.now.isoformat(),
             "scorers": starter.scorers, "gate": starter.gate}
    (folder / "suite.yaml").write_text(yaml.safe_dump(suite), encoding="utf-8")
    return folder / "suite.yaml"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--data-dir", type=Path, default=None, help="Settings.data_dir (default: a temp dir).")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = {"data_dir": args.data_dir or folder / "data"}
        suite = replicated_suite(folder, args.cases)

        t0 = time.perf_counter()
        copilot_for(base).warm_up()
        warm = time.perf_counter() - t0

        t0 = time.perf_counter()
        result = run_suite(suite, out_dir=folder / "run", base_settings=base, progress=False)
        total = time.perf_counter() - t0

        r = result.results[0]
        t0 = time.perf_counter()
        html = render_report([r])
        report = time.perf_counter() - t0

        lat = [s.value for c in r.cases for s in c.scores if s.name == "latency" and s.value is not None]
        print(f"warm-up (models, knowledge): {warm:.1f} s")
        print(f"cases: {len(r.cases)}  total: {total:.1f} s  throughput: {len(r.cases) / total:.1f} cases/s "
              f"(target: 1,000 in < 60 s)")
        print(f"pipeline latency per case: median {statistics.median(lat):.1f} ms  p95 {percentile(lat, 95):.1f} ms")
        print(f"HTML report: {report:.2f} s, {len(html) / 1e6:.1f} MB")
        print(f"gate: {'passed' if result.passed else 'FAILED'}")


if __name__ == "__main__":
    main()
