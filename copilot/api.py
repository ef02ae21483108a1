"""HTTP API (FastAPI). Stateless: any replica answers any request; knowledge lives in Chroma.

Bad input is a 4xx that names the field; nothing a caller sends can produce a 500.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sse_starlette.sse import EventSourceResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ConfigError, CopilotError, InputError, KnowledgeError, LLMError
from .models import Conversation, HygieneReport, Suggestion
from .pipeline import RESET, Copilot
from .rules import RuleInfo, describe_rules
from .version import __version__


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    conversation: Conversation
    draft: str = Field(min_length=1, max_length=20_000, description="The reply text to check before sending.")


class BodyGuard:
    """Rejects oversized (413) and non-UTF-8 (400) bodies before FastAPI parses them."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            await _error(send, 413, "body", f"Request body is over the {self.max_bytes} byte limit.")
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _error(send, 413, "body", f"Request body is over the {self.max_bytes} byte limit.")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as exc:
            await _error(send, 400, "body", f"Request body is not valid UTF-8 (byte {exc.start}).")
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _error(send: Send, status: int, field: str, message: str) -> None:
    payload = json.dumps({"error": {"status": status, "field": field, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "body"


def create_app(copilot: Copilot | None = None, *, warm: bool = True) -> FastAPI:
    copilot = copilot or Copilot.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        if warm:
            await app.state.copilot_warm()
        yield

    app = FastAPI(
        title="Reply Copilot",
        version=__version__,
        description="Suggested replies for customer messaging that follow the message-hygiene rulebook.",
        lifespan=lifespan,
    )

    async def copilot_warm() -> None:
        import asyncio

        await asyncio.to_thread(copilot.warm_up)

    app.state.copilot_warm = copilot_warm

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        fields = sorted({_field_name(tuple(e.get("loc", ()))) for e in errors})
        detail = [{"field": _field_name(tuple(e.get("loc", ()))), "message": e.get("msg", ""), "type": e.get("type")}
                  for e in errors]
        return JSONResponse(status_code=422, content={"error": {
            "status": 422, "field": fields[0] if fields else "body",
            "message": f"Invalid request: {', '.join(fields)}", "detail": detail}})

    @app.exception_handler(CopilotError)
    async def _copilot_error(request: Request, exc: CopilotError) -> JSONResponse:
        if isinstance(exc, InputError):
            status = 404 if exc.field == "tenant" else 422
            return JSONResponse(status_code=status, content={"error": {
                "status": status, "field": exc.field, "message": str(exc)}})
        # Operator-side faults: the caller did nothing wrong, so say so plainly.
        status = 503 if isinstance(exc, (KnowledgeError, LLMError)) else 500
        kind = "configuration" if isinstance(exc, ConfigError) else type(exc).__name__
        return JSONResponse(status_code=status, content={"error": {"status": status, "field": None,
                                                                    "message": f"{kind}: {exc}"}})

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__,
                "mode": "llm" if copilot.settings.llm_enabled else "offline"}

    @app.post("/v1/suggest", response_model=Suggestion)
    async def suggest(
        conversation: Conversation,
        stream: bool = Query(False, description="Server-sent events: `delta` draft text as it is written, "
                                                "`reset` if a revision replaced it (discard the deltas so far), "
                                                "then one `suggestion` event with the full Suggestion."),
        now: datetime | None = Query(None, description="Answer as if at this time (ISO 8601; no zone = UTC): "
                                     "reproducible drafts for eval tools. Default: the last customer message's "
                                     "sent_at, else the server clock."),
    ) -> Any:
        """Intent, fields, knowledge, a rule-checked draft and a continue/escalate decision."""
        if not stream:
            return await copilot.asuggest(conversation, now=now)

        async def events() -> AsyncIterator[dict[str, str]]:
            async for item in copilot.astream(conversation, now=now):
                if item is RESET:
                    yield {"event": "reset", "data": "{}"}
                elif isinstance(item, str):
                    yield {"event": "delta", "data": json.dumps({"text": item}, ensure_ascii=False)}
                else:
                    yield {"event": "suggestion", "data": item.model_dump_json()}

        return EventSourceResponse(events())

    @app.post("/v1/check", response_model=HygieneReport)
    async def check(request: CheckRequest) -> HygieneReport:
        """Check any reply text (e.g. typed by a human agent) against the rulebook in its conversation."""
        import asyncio

        return await asyncio.to_thread(copilot.check, request.conversation, request.draft)

    @app.get("/v1/rules", response_model=list[RuleInfo])
    async def rules() -> list[RuleInfo]:
        """Every rule: id, name, severity, description, moments."""
        return describe_rules()

    app.add_middleware(BodyGuard, max_bytes=copilot.settings.max_body_bytes)
    return app


def asgi_app() -> FastAPI:
    """Uvicorn factory: `uvicorn --factory copilot.api:asgi_app`."""
    return create_app()
