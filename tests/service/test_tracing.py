"""OpenTelemetry (COPILOT_OTEL_ENDPOINT): a server span per request that continues the caller's
trace, a child span per pipeline stage, and no customer text in any of them. Off by default."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from copilot import Copilot, Settings
from copilot.api import create_app
from copilot.service import tracing

from .conftest import serving

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TEXT = "Hi, I'm Anna (anna@example.com), where is my order VN-10711?"


@pytest.fixture()
def spans(offline_copilot: Copilot) -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    tracer = tracing.configure(offline_copilot.settings, exporter=exporter)
    with serving(create_app(offline_copilot, tracer=tracer)) as url, httpx.Client(base_url=url, timeout=60) as client:
        r = client.post("/v1/suggest", json={"messages": [{"role": "customer", "text": TEXT}]},
                        headers={"traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01"})
        assert r.status_code == 200
        yield exporter
    tracing.configure(Settings())  # off again for the other tests


def test_a_suggest_request_is_one_trace_with_its_stages_and_no_customer_text(spans: InMemorySpanExporter) -> None:
    finished = spans.get_finished_spans()
    server = next(s for s in finished if s.name == "POST /v1/suggest")
    assert format(server.context.trace_id, "032x") == TRACE_ID  # the caller's trace continues
    assert server.attributes["http.response.status_code"] == 200 and len(server.attributes["copilot.request_id"]) == 16
    assert server.attributes["copilot.intent"] == "order_status"
    stages = [s for s in finished if s.parent is not None and s.parent.span_id == server.context.span_id]
    assert {"understand", "retrieve", "check"} <= {s.name for s in stages}
    assert all(server.start_time <= s.start_time <= s.end_time <= server.end_time for s in stages)
    dumped = " ".join(str(dict(s.attributes or {})) + s.name for s in finished)
    for secret in ("Anna", "anna@example.com", "VN-10711", "where is my order"):
        assert secret not in dumped


def test_tracing_is_off_without_an_endpoint() -> None:
    assert tracing.configure(Settings()) is None
