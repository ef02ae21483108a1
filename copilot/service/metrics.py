"""Prometheus metrics (`GET /metrics`): requests, latencies per stage, fallbacks, decisions, limits.

With several worker processes each keeps its own numbers; `copilot serve --workers N` sets
PROMETHEUS_MULTIPROC_DIR so that /metrics adds up every worker's (prometheus_client's
multiprocess mode).
"""

from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.registry import Collector

from ..models import Suggestion
from . import tracing

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)

REQUESTS = Counter("copilot_requests_total", "HTTP requests answered.", ["method", "route", "status"])
REQUEST_SECONDS = Histogram("copilot_request_seconds", "HTTP request latency.", ["route"], buckets=_LATENCY_BUCKETS)
IN_FLIGHT = Gauge("copilot_requests_in_flight", "HTTP requests being served.", multiprocess_mode="livesum")
STAGE_SECONDS = Histogram("copilot_stage_seconds", "Pipeline stage latency (understand, retrieve, draft, "
                          "check, decide).", ["stage"], buckets=_LATENCY_BUCKETS)
SUGGESTIONS = Counter("copilot_suggestions_total", "Suggestions made, by decision (continue = may be "
                      "auto-sent, escalate = hand-off) and mode.", ["action", "mode"])
AUTO_SEND = Counter("copilot_auto_send_total", "Suggestions by whether the tenant's send policy would send them "
                    "without a person (decision.auto_send): the API's auto-send rate.", ["auto_send"])
HANDOFF_REASONS = Counter("copilot_handoff_reasons_total", "Reason codes of hand-offs.", ["reason"])
FALLBACKS = Counter("copilot_llm_fallbacks_total", "LLM-mode suggestions that fell back to offline.", ["reason"])
LIMITED = Counter("copilot_limited_total", "Requests refused by a limit (429).", ["limit"])
STORE_UNAVAILABLE = Counter("copilot_store_unavailable_total", "Requests answered 503: knowledge store down.")


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method, route, str(status)).inc()
    REQUEST_SECONDS.labels(route).observe(seconds)


def observe_suggestion(s: Suggestion) -> None:
    for stage, ms in s.trace.timings_ms.items():
        STAGE_SECONDS.labels(stage).observe(ms / 1000)
    SUGGESTIONS.labels(s.decision.action, s.trace.mode).inc()
    AUTO_SEND.labels(str(s.decision.auto_send).lower()).inc()
    for reason in s.decision.reasons:
        HANDOFF_REASONS.labels(reason).inc()
    if s.trace.fallback:
        FALLBACKS.labels(s.trace.fallback).inc()
    # The same facts on the request's trace (a no-op unless COPILOT_OTEL_ENDPOINT is set).
    tracing.record_stages(s.trace.timings_ms, {"copilot.tenant": s.trace.tenant or "", "copilot.intent": s.intent.id,
                                               "copilot.action": s.decision.action, "copilot.mode": s.trace.mode,
                                               "copilot.auto_send": s.decision.auto_send})


def exposition(*shared: Collector) -> tuple[bytes, str]:
    """The text format, summed over worker processes when PROMETHEUS_MULTIPROC_DIR is set, plus the
    `shared` collectors' (numbers read from a shared store at scrape time, e.g. queue depth)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY as registry
    extra = CollectorRegistry()
    for collector in shared:
        extra.register(collector)
    return generate_latest(registry) + generate_latest(extra), CONTENT_TYPE_LATEST
