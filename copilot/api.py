"""HTTP API (FastAPI). Stateless: any replica answers any request; knowledge lives in Chroma and
conversations of the automated mode in its database (copilot/automation/).

Bad input is a 4xx that names the field; nothing a caller sends can produce a 500. The serving
concerns (errors, request ids and logs, limits, metrics, health, offline docs) live in
`copilot.service`; this module declares the routes and wires those in.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Body, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sse_starlette.sse import EventSourceResponse

from .automation.routes import install as install_automation
from .errors import CopilotError, KnowledgeError
from .models import Conversation, HygieneReport, IsoDateTime, Suggestion
from .pipeline import RESET, Copilot
from .rules import RuleInfo, describe_rules
from .service import metrics, tracing
from .automation.db import Database
from .automation.metrics import AutomationCollector
from .service.auth import Authentication, authorize_tenant
from .service.body import BodyGuard
from .service.docs import install_offline_docs
from .service.errors import copilot_error_response, error_responses, install_error_handlers, json_error
from .service.health import install_readiness
from .service.keys import KeyStore
from .service.limits import CallerLimits
from .service.liveness import Liveness, favour_the_event_loop, liveness_body
from .service.requests import RequestContext
from .version import __version__

log = logging.getLogger("copilot.api")

# Statuses the POST routes can answer, each documented with the error body.
_POST_ERRORS = error_responses(400, 401, 403, 404, 408, 413, 415, 422, 429, 431, 500, 503)

_EXAMPLE_CONVERSATION = {
    "messages": [{"role": "customer", "text": "Hi, where is my order VN-10711?", "sent_at": "2026-11-24T10:00:00Z"}],
    "channel": "whatsapp",
    "customer": {"name": "Anna", "language": "en"},
}


# One server-sent event of `?stream=true`; `data` is JSON: {"text"} for delta, the Suggestion, the error body.
_STREAM: dict[int | str, dict[str, Any]] = {200: {"content": {"text/event-stream": {"schema": {
    "type": "object", "required": ["event", "data"],
    "properties": {"event": {"enum": ["delta", "reset", "suggestion", "error"]}, "data": {"type": "string"}},
}}}}}


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"conversation": _EXAMPLE_CONVERSATION, "draft": "Thanks, Anna! Your order VN-10711 ships today."}]})
    conversation: Conversation = Field(description="The conversation the reply answers.")
    draft: str = Field(min_length=1, max_length=20_000, description="The reply text to check before sending.")


def _event_error(response: Response) -> dict[str, str]:
    return {"event": "error", "data": bytes(response.body).decode()}


def create_app(copilot: Copilot | None = None, *, warm: bool = True, keys: KeyStore | None = None,
               tracer: Any = None) -> FastAPI:
    copilot = copilot or Copilot.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        favour_the_event_loop()
        if warm:
            # Say what is being built: a cold data dir takes a minute before the first answer.
            say = logging.getLogger("uvicorn.error").info
            copilot.resources.progress = say
            try:
                await app.state.copilot_warm()
                say(f"tenant {copilot.settings.tenant}: ready")
            except KnowledgeError as exc:
                # Start anyway, not ready (/readyz retries the warm-up): a store outage must not crash-loop.
                log.error("warm-up failed, not ready: %s", exc)
        async with app.state.automation.running():  # the in-process worker (embedded default)
            yield

    app = FastAPI(
        title="Reply Copilot",
        version=__version__,
        description="Suggested replies for customer messaging that follow the message-hygiene rulebook. "
                    'Every error has the body `{"error": {status, field, message, detail, request_id}}`.',
        lifespan=lifespan,
        docs_url=None,  # served from packaged assets (install_offline_docs): works with no internet
        redoc_url=None,
    )

    async def copilot_warm() -> None:
        await asyncio.to_thread(copilot.warm_up)
        app.state.warmed = True

    app.state.copilot_warm = copilot_warm
    install_error_handlers(app)
    install_offline_docs(app)
    install_readiness(app, copilot)
    install_automation(app, copilot)  # POST /v1/inbound, the operators' endpoints (docs/automation.md)
    app.state.automation_metrics = AutomationCollector(lambda: app.state.automation.db,
                                                       lambda: app.state.automation.clock.now())

    @app.get("/healthz")
    async def healthz() -> Response:
        """Liveness: the process answers (`{"status": "ok", "version", "mode"}`). Whether it can serve
        suggestions is `/readyz`."""
        # Served by service.liveness before routing; this route documents it (and serves an app without it).
        return Response(liveness_body(_mode(copilot.settings)), media_type="application/json")

    @app.get("/v1/tenants/{tenant}/ready", responses={
        **error_responses(401, 403, 404),
        200: {"description": "The tenant is built: `{\"tenant\": …, \"ready\": true, \"state\": \"ready\"}`."},
        503: {"description": "Not ready: `state` is `building` or `error: …` naming the file to fix."}})
    async def tenant_ready(tenant: str, request: Request) -> JSONResponse:
        """Whether this tenant is built (classifier, knowledge, templates) and answers in normal time.
        200 when ready; 503 while it builds (the first call starts the build) or when its files are
        wrong (the error names the path)."""
        authorize_tenant(request, tenant)  # before the lookup: a 404 would tell another tenant exists
        resources = copilot.resources
        resources.tenant_root(tenant)  # an unknown tenant is a 404 naming the field
        state = resources.state(tenant)
        if state == "not loaded":
            asyncio.get_running_loop().run_in_executor(None, _build_quietly, resources, tenant)
            state = "building"
        ready = state == "ready"
        return JSONResponse(status_code=200 if ready else 503, content={"tenant": tenant, "ready": ready, "state": state})

    @app.post("/v1/suggest", response_model=Suggestion, responses={**_POST_ERRORS, **_STREAM})
    async def suggest(
        request: Request,
        conversation: Conversation = Body(openapi_examples={"order status": {"value": _EXAMPLE_CONVERSATION}}),
        stream: bool = Query(False, description="Server-sent events: `delta` draft text as it is written, "
                                                "`reset` if a revision replaced it (discard the deltas so far), "
                                                "then one `suggestion` event with the full Suggestion. A failure "
                                                "ends the stream with an `error` event carrying the error body."),
        now: IsoDateTime | None = Query(None, description="Answer as if at this time (ISO 8601; no zone = UTC): "
                                     "reproducible drafts for eval tools. Default: the last customer message's "
                                     "sent_at, else the server clock. Clamped into 1900–2999 like `sent_at`."),
    ) -> Any:
        """Intent, fields, knowledge, a rule-checked draft and a continue/escalate decision."""
        authorize_tenant(request, conversation.tenant or copilot.settings.tenant)
        if not stream:
            suggestion = await copilot.asuggest(conversation, now=now)
            metrics.observe_suggestion(suggestion)
            # Encoded on the CPU pool, not re-validated on the event loop (FastAPI's response_model
            # path dumps, validates and encodes it again there: milliseconds per answer under load).
            body = await copilot.cpu.run(suggestion.model_dump_json)
            return Response(body, media_type="application/json")

        # An unknown tenant is a 404 before the stream starts, not an error event after its 200.
        await asyncio.to_thread(copilot.resources.tenant, conversation.tenant)

        async def events() -> AsyncIterator[dict[str, str]]:
            try:
                async for item in copilot.astream(conversation, now=now):
                    if item is RESET:
                        yield {"event": "reset", "data": "{}"}
                    elif isinstance(item, str):
                        yield {"event": "delta", "data": json.dumps({"text": item}, ensure_ascii=False)}
                    else:
                        metrics.observe_suggestion(item)
                        yield {"event": "suggestion", "data": item.model_dump_json()}
            except CopilotError as exc:
                yield _event_error(copilot_error_response(exc))
            except Exception:
                # The 200 is already sent: end the stream with an error event, not a cut connection.
                log.exception("internal error in a stream")
                yield _event_error(json_error(500, None, "Internal error; the suggestion was not completed."))

        return EventSourceResponse(events())

    @app.post("/v1/check", response_model=HygieneReport, responses=_POST_ERRORS)
    async def check(body: CheckRequest, request: Request) -> HygieneReport:
        """Check any reply text (e.g. typed by a human agent) against the rulebook in its conversation."""
        authorize_tenant(request, body.conversation.tenant or copilot.settings.tenant)
        return await asyncio.to_thread(copilot.check, body.conversation, body.draft)

    @app.get("/v1/rules", response_model=list[RuleInfo])
    async def rules() -> list[RuleInfo]:
        """Every rule: id, name, severity, description, moments."""
        return describe_rules()

    @app.get("/metrics", include_in_schema=False)
    async def prometheus_metrics() -> Response:
        # Queue depths are read from the automation database: off the event loop.
        body, content_type = await asyncio.to_thread(metrics.exposition, app.state.automation_metrics)
        return Response(body, media_type=content_type)

    s = copilot.settings
    app.add_middleware(BodyGuard, max_bytes=s.max_body_bytes)
    app.add_middleware(Authentication, keys=keys or KeyStore(Database.from_settings(s)))
    app.add_middleware(CallerLimits, rate=s.rate_limit, concurrent=s.max_concurrent_per_caller, storage=s.limits_storage)
    tracer = tracer if tracer is not None else tracing.configure(s)
    if tracer is not None:  # COPILOT_OTEL_ENDPOINT: a span per request, inside the request id's context
        app.add_middleware(tracing.Tracing, tracer=tracer)
    app.add_middleware(RequestContext, deadline_s=s.request_timeout_s)  # request id, access log, last-resort 500
    app.add_middleware(Liveness, mode=_mode(s))  # outermost: /healthz unstarved
    return app


def _mode(settings: Any) -> str:
    return "llm" if settings.llm_enabled else "offline"


def _build_quietly(resources: Any, tenant: str) -> None:
    try:
        resources.tenant(tenant)
    except CopilotError:
        pass  # kept in resources.state(tenant) for the next readiness call


def asgi_app() -> FastAPI:
    """Uvicorn factory: `uvicorn --factory copilot.api:asgi_app`."""
    return create_app()
