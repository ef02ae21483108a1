"""OpenTelemetry traces, off by default: `COPILOT_OTEL_ENDPOINT=http://collector:4317` (OTLP/gRPC).

One server span per request (`POST /v1/suggest`, continuing a caller's W3C `traceparent`), with the
request id, route and status; under it one span per pipeline stage (understand, retrieve, draft,
check, decide…) from the suggestion's own timings, laid end to end as the stages run. Like the logs,
spans carry no customer text: ids, codes and times only. Exported in batches off the request path;
with no endpoint set nothing is created (no cost).
"""

from __future__ import annotations

import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..settings import Settings
from ..version import __version__
from .context import request_id

_tracer: Any = None  # set by `configure`; None = tracing off


def configure(settings: Settings, *, exporter: Any = None) -> Any:
    """The tracer for this process, or None when tracing is off. `exporter` (tests): spans go there
    synchronously instead of to the OTLP endpoint."""
    global _tracer
    if exporter is None and not settings.otel_endpoint:
        _tracer = None
        return None
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": "reply-copilot",
                                                        "service.version": __version__}))
    if exporter is None:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        endpoint = str(settings.otel_endpoint)
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint,
                                                                        insecure=endpoint.startswith("http://"))))
    else:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    _tracer = provider.get_tracer("copilot")
    return _tracer


class Tracing:
    """A server span around each HTTP request (inside RequestContext: the request id is known)."""

    def __init__(self, app: ASGIApp, *, tracer: Any) -> None:
        self.app, self.tracer = app, tracer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from opentelemetry.propagate import extract
        from opentelemetry.trace import SpanKind, Status, StatusCode

        carrier = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        status = 0

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        with self.tracer.start_as_current_span(scope["method"], context=extract(carrier), kind=SpanKind.SERVER) as span:
            try:
                await self.app(scope, receive, send_status)
            finally:
                route = getattr(scope.get("route"), "path", None) or "unmatched"
                span.update_name(f"{scope['method']} {route}")
                span.set_attributes({"http.request.method": scope["method"], "http.route": route,
                                     "http.response.status_code": status, "copilot.request_id": request_id() or ""})
                if status >= 500:
                    span.set_status(Status(StatusCode.ERROR))


def record_stages(timings_ms: dict[str, float], attributes: dict[str, Any]) -> None:
    """Child spans of the current request for the pipeline's stages, from their measured times."""
    if _tracer is None:
        return
    from opentelemetry import trace

    current = trace.get_current_span()
    if not current.is_recording():
        return
    current.set_attributes(attributes)
    end = time.time_ns()
    start = end - int(sum(timings_ms.values()) * 1e6)
    for stage, ms in timings_ms.items():
        span = _tracer.start_span(stage, start_time=start)
        start += int(ms * 1e6)
        span.end(end_time=start)
