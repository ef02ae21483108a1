"""One error body for every failure the API answers: `{"error": {status, field, message, detail, request_id}}`.

Validation errors, our own errors, unknown routes and methods, limits and internal faults all use
it, and the OpenAPI schema documents it for every status a route can answer (`ERROR_RESPONSES`).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Send

from ..errors import ConfigError, CopilotError, InputError, KnowledgeError, LLMError
from .context import request_id

log = logging.getLogger("copilot.api")

# Seconds a client should wait after a 503 (store outage) before trying again.
UNAVAILABLE_RETRY_AFTER_S = 5


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field: str = Field(description="Dotted path of the offending field, e.g. `messages.0.text`.")
    message: str = Field(description="What is wrong with it.")
    type: str | None = Field(default=None, description="Machine-readable error type, e.g. `string_too_short`.")


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: int = Field(description="The HTTP status, repeated for clients that only keep the body.")
    field: str | None = Field(description="The field (or `body`, `tenant`, `authorization`) at fault; "
                                          "null when the fault is on the server side.")
    message: str = Field(description="A sentence for a person to read.")
    detail: list[ErrorDetail] | None = Field(default=None, description="One item per invalid field (422 only).")
    request_id: str | None = Field(default=None, description="Quote it when reporting a problem: the server "
                                                             "logs carry the same id (also the X-Request-ID header).")


class ErrorResponse(BaseModel):
    """Every non-2xx answer of the API has this body."""

    model_config = ConfigDict(extra="forbid")
    error: ErrorBody


_WHEN = {
    400: "The body is not JSON, not UTF-8, or not a JSON object.",
    401: "An API key is required (`Authorization: Bearer KEY`) or the key is unknown.",
    403: "The key may not act on this tenant, or lacks the role this route needs.",
    404: "Unknown tenant, or no such route.",
    405: "The route exists but not with this method.",
    408: "The body arrived too slowly.",
    413: "The body is over the configured size limit.",
    415: "The body is not `application/json`.",
    422: "A field is invalid; `field` and `detail` name it.",
    431: "Too many request headers.",
    429: "Too many requests or too many at once for this key or client; wait `Retry-After` seconds.",
    500: "An internal fault; the connection stays usable. Report the `request_id`.",
    503: "The knowledge store is unavailable or the request ran past its deadline (retry after `Retry-After`), "
         "or the tenant's files are wrong: the message names the tenant and the path to fix.",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for these statuses, each with the error body and an example."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        example = {"error": {"status": status, "field": "channel" if status == 422 else None,
                             "message": _WHEN[status], "request_id": "4f0c1f6a9b2e4d3c"}}
        out[status] = {"model": ErrorResponse, "description": _WHEN[status],
                       "content": {"application/json": {"example": example}}}
    return out


def error_payload(status: int, field: str | None, message: str, detail: list[dict[str, Any]] | None = None) -> dict:
    body: dict[str, Any] = {"status": status, "field": field, "message": message}
    if detail is not None:
        body["detail"] = detail
    body["request_id"] = request_id()
    return {"error": body}


def json_error(status: int, field: str | None, message: str, *, detail: list[dict[str, Any]] | None = None,
               headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content=error_payload(status, field, message, detail), headers=headers)


async def send_error(send: Send, status: int, field: str | None, message: str, *,
                     headers: dict[str, str] | None = None) -> None:
    """The error body from raw ASGI middleware (before FastAPI has a request)."""
    payload = json.dumps(error_payload(status, field, message)).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "body"


def copilot_error_response(exc: CopilotError) -> JSONResponse:
    """Our own errors: the caller's (4xx naming the field) or the operator's (503/500, said plainly)."""
    if isinstance(exc, InputError):
        status = 404 if exc.field == "tenant" else 422
        return json_error(status, exc.field, str(exc))
    if isinstance(exc, KnowledgeError | LLMError):
        return json_error(503, None, f"{type(exc).__name__}: {exc}",
                          headers={"Retry-After": str(UNAVAILABLE_RETRY_AFTER_S)})
    if isinstance(exc, ConfigError):
        # The operator's files, not the caller's request: unavailable until fixed (no Retry-After, retrying
        # alone does not help), and logged so it is seen without the caller's report.
        log.error("configuration error, answered 503: %s", exc, extra={"request_id": request_id()})
        return json_error(503, None, f"configuration: {exc}")
    return json_error(500, None, f"{type(exc).__name__}: {exc}")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return json_error(400, "body", "Request body is not valid JSON.")
        if any(e.get("type") == "model_attributes_type" and tuple(e.get("loc", ())) == ("body",) for e in errors):
            return json_error(400, "body", "Request body must be a JSON object.")
        fields = sorted({_field_name(tuple(e.get("loc", ()))) for e in errors})
        # No `input` echoed back: it may be a customer's message.
        detail = [{"field": _field_name(tuple(e.get("loc", ()))), "message": e.get("msg", ""), "type": e.get("type")}
                  for e in errors]
        return json_error(422, fields[0] if fields else "body", f"Invalid request: {', '.join(fields)}", detail=detail)

    @app.exception_handler(CopilotError)
    async def _copilot_error(request: Request, exc: CopilotError) -> JSONResponse:
        return copilot_error_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {404: f"No route {request.url.path}.", 405: f"{request.method} is not allowed on {request.url.path}."}
        field = getattr(exc, "field", "path" if exc.status_code in (404, 405) else None)
        return json_error(exc.status_code, field, messages.get(exc.status_code, str(exc.detail)),
                          headers=dict(exc.headers or {}))
