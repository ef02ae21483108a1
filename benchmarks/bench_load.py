"""Load test: `copilot serve` as a real process on 127.0.0.1, 1, 4, 16 and 64 concurrent clients,
with 1 and 2 workers. Prints throughput, p50/p95/p99 latency, errors, the server's RSS before and
after, and /healthz latency while the heaviest level runs. Bounded: a fixed number of requests.

    python benchmarks/bench_load.py                       # workers 1 and 2, 12 requests per client
    python benchmarks/bench_load.py --workers 2 --per-client 4
"""

from __future__ import annotations

import copilot  # noqa: F401  (first: sets the CPU thread environment before numpy loads)

import argparse
import asyncio
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
LEVELS = (1, 4, 16, 64)
MESSAGES = [
    "hello, do you deliver to Lviv?", "where is my order VN-10711?", "здравствуйте, вы доставляете во Львов?",
    "добрий день, чи можна повернути шолом?", "Բարև Ձեզ, առաքում ունե՞ք Լվով", "ສະບາຍດີ ມີບໍລິການສົ່ງໄປວຽງຈັນບໍ",
    "I want to book a table for two tomorrow at 7pm", "how much is the city bike?",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the uvicorn workers), from /proc."""
    pids, total = [pid], 0
    while pids:
        p = pids.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{p}/task").iterdir():
                pids += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
    return total / 1024


def _worker_rss_mb(pid: int) -> list[float]:
    """Resident memory of each direct child (a uvicorn worker), MB."""
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                status = Path(f"/proc/{child}/status").read_text()
            except FileNotFoundError:
                continue
            out.append(next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024)
    return out


def _settled(proc: subprocess.Popen, port: int, workers: int) -> None:
    """Warm until the server's memory stops growing: /readyz answers from whichever worker is ready
    first, and the others may still be loading (a 2-worker "RSS after warm-up" once read 1,182 MB,
    then 1,632 MB at the end, with the second worker's models in between)."""
    last = _tree_rss_mb(proc.pid)
    for _ in range(30):
        for text in MESSAGES * workers:
            httpx.post(f"http://127.0.0.1:{port}/v1/suggest", timeout=120,
                       json={"messages": [{"role": "customer", "text": text}]})
        time.sleep(2)
        now = _tree_rss_mb(proc.pid)
        if abs(now - last) <= 0.01 * last:
            return
        last = now


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def start(workers: int, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COPILOT_RATE_LIMIT": "", "COPILOT_LOG_LEVEL": "warning",
           "COPILOT_MAX_CONCURRENT_PER_CALLER": "1000", "COPILOT_REQUEST_TIMEOUT_S": "300"}
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "copilot.cli", "serve", "--port", str(port), "--workers",
                                 str(workers)], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(log.read_text(errors="replace")[-2000:])
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                # Each worker warms up on its own: a few requests so every worker has answered once.
                for text in MESSAGES * workers:
                    httpx.post(f"http://127.0.0.1:{port}/v1/suggest", timeout=120,
                               json={"messages": [{"role": "customer", "text": text}]})
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise RuntimeError("server did not become ready")


def _probe_health(url: str, stop: Any, results: Any) -> None:
    """GET /healthz every 0.2 s on a fresh connection each time (as a kubelet does) until `stop`."""
    times: list[float] = []
    # One client, no keep-alive: a new connection per probe without building a new client (and its
    # TLS context, tens of ms of CPU) each time.
    with httpx.Client(base_url=url, timeout=30, limits=httpx.Limits(max_keepalive_connections=0)) as http:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                http.get("/healthz")
                times.append(time.perf_counter() - started)
            except httpx.HTTPError:
                times.append(float("inf"))
            time.sleep(0.2)
    results.put(times)


def _health_alone(url: str, seconds: float = 6.0) -> list[float]:
    stop, results = multiprocessing.Event(), multiprocessing.Queue()
    probe = multiprocessing.Process(target=_probe_health, args=(url, stop, results))
    probe.start()
    time.sleep(seconds)
    stop.set()
    times = sorted(results.get(timeout=60))
    probe.join(timeout=10)
    return times


async def level(url: str, clients: int, per_client: int, probe_health: bool) -> dict:
    latencies: list[float] = []
    errors = 0
    health: list[float] = []

    async def client(i: int, http: httpx.AsyncClient) -> None:
        nonlocal errors
        for j in range(per_client):
            text = MESSAGES[(i + j) % len(MESSAGES)]
            started = time.perf_counter()
            try:
                r = await http.post("/v1/suggest", json={"messages": [{"role": "customer", "text": text}]})
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - started)
            errors += not ok

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as http:
        # The probe runs in a process of its own, like an orchestrator's: in this process it would
        # wait for this event loop, busy with the load clients, and time the client, not the server.
        stop, results = multiprocessing.Event(), multiprocessing.Queue()
        probe = multiprocessing.Process(target=_probe_health, args=(url, stop, results)) if probe_health else None
        if probe:
            probe.start()
        started = time.perf_counter()
        await asyncio.gather(*(client(i, http) for i in range(clients)))
        wall = time.perf_counter() - started
        if probe:
            stop.set()
            health = results.get(timeout=60)
            probe.join(timeout=10)
    return {"clients": clients, "requests": len(latencies), "rps": len(latencies) / wall,
            "p50": _pct(latencies, 50), "p95": _pct(latencies, 95), "p99": _pct(latencies, 99), "errors": errors,
            "health": health}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--per-client", type=int, default=12, help="requests each client sends (64 clients: 4)")
    parser.add_argument("--levels", type=int, nargs="+", default=list(LEVELS))
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; offline mode, "
          f"first messages in 5 languages")
    for workers in args.workers:
        port = _free_port()
        log = Path(tempfile.mkdtemp(prefix="bench-load-")) / "server.log"
        proc = start(workers, port, log)
        try:
            _settled(proc, port, workers)
            rss_before = _tree_rss_mb(proc.pid)
            per_worker = " + ".join(f"{mb:,.0f}" for mb in _worker_rss_mb(proc.pid)) or "in one process"
            print(f"\n--workers {workers}: RSS after warm-up {rss_before:,.0f} MB (workers {per_worker})")
            idle = _health_alone(f"http://127.0.0.1:{port}")
            print(f"/healthz with no other request (what the machine's own load costs): {len(idle)} probes, "
                  f"median {_pct(idle, 50) * 1000:.0f} ms, p95 {_pct(idle, 95) * 1000:.0f} ms")
            print(f"{'clients':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
            heaviest = max(args.levels)
            for clients in args.levels:
                per_client = max(2, args.per_client * 16 // max(clients, 16)) if clients > 16 else args.per_client
                r = asyncio.run(level(f"http://127.0.0.1:{port}", clients, per_client, clients == heaviest))
                print(f"{r['clients']:>7} {r['requests']:>8} {r['rps']:>7.1f} {r['p50'] * 1000:>8.0f} "
                      f"{r['p95'] * 1000:>8.0f} {r['p99'] * 1000:>8.0f} {r['errors']:>6}")
                if r["health"]:
                    h = sorted(r["health"])
                    print(f"{'':>7} /healthz during it: {len(h)} probes, median {_pct(h, 50) * 1000:.0f} ms, "
                          f"p95 {_pct(h, 95) * 1000:.0f} ms, max {h[-1] * 1000:.0f} ms")
            per_worker = " + ".join(f"{mb:,.0f}" for mb in _worker_rss_mb(proc.pid)) or "in one process"
            print(f"RSS after: {_tree_rss_mb(proc.pid):,.0f} MB (workers {per_worker}; load average "
                  f"{os.getloadavg()[0]:.1f})")
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
