"""HTTP routes of the automated mode: inbound events and the operators' endpoints."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.responses import JSONResponse

from ..service.auth import authorize_tenant
from ..service.errors import error_responses, json_error
from ..service.keys import ALL_TENANTS
from . import retention
from .inbound import InboundEvent, InboundResult
from .retention import Deleted
from .service import Automation, NotFound

router = APIRouter(tags=["automation"])
State = Literal["bot", "human", "closed"]
ConversationId = Annotated[int, Path(ge=1, le=2**62, description="The store's id (from GET /v1/conversations).")]
_READ_ERRORS = error_responses(401, 403, 404, 422, 429, 500)


def _automation(request: Request) -> Automation:
    return request.app.state.automation


def _scope(request: Request) -> frozenset[str] | None:
    """The tenants this request's API key may act for; None when it may act for all (or no keys exist)."""
    principal = getattr(request.state, "principal", None)
    return None if principal is None or ALL_TENANTS in principal.tenants else principal.tenants


def _not_found(what: str, value: Any) -> JSONResponse:
    return json_error(404, what, f"No {what.replace('_', ' ')} {value!r}.")


@router.post("/v1/inbound", status_code=202, response_model=InboundResult,
             responses=error_responses(400, 401, 403, 404, 413, 415, 422, 429, 500, 503))
def inbound(event: InboundEvent, request: Request) -> InboundResult:
    """Store a customer's or a human agent's message and schedule the reply (sent asynchronously
    through the outbox). The same (tenant, channel, conversation_id, message_id) again is a
    duplicate: 202 with `duplicate: true`, nothing happens twice. `role: agent` hands the
    conversation to people until it is released or resolved."""
    authorize_tenant(request, event.tenant or _automation(request).settings.tenant)
    return _automation(request).inbound(event)


@router.get("/v1/conversations", responses=_READ_ERRORS)
def conversations(request: Request, state: State | None = Query(None, description="human = the operators' queue."),
                  tenant: str | None = Query(None, max_length=64),
                  limit: int = Query(100, ge=1, le=1000)) -> list[dict[str, Any]]:
    """Conversations, oldest state change first (with `state=human`: who has waited longest),
    each with its hand-off packet."""
    return _automation(request).queue(state=state, tenant=tenant, limit=limit, tenants=_scope(request))


@router.get("/v1/conversations/{conversation}", responses=_READ_ERRORS)
def conversation(conversation: ConversationId, request: Request) -> Any:
    """Messages (ours with their delivery state), state, fields, follow-ups, each suggestion's trace."""
    try:
        return _automation(request).detail(conversation, tenants=_scope(request))
    except NotFound:
        return _not_found("conversation", conversation)


def _transition(action: str, doc: str) -> None:
    def endpoint(conversation: ConversationId, request: Request) -> Any:
        try:
            return _automation(request).set_state(conversation, action, tenants=_scope(request))
        except NotFound:
            return _not_found("conversation", conversation)

    endpoint.__doc__ = doc
    router.post(f"/v1/conversations/{{conversation}}/{action}", name=action, responses=_READ_ERRORS)(endpoint)


_transition("takeover", "A person takes the conversation: the bot stops answering and its follow-ups are cancelled.")
_transition("release", "Back to the bot: it answers the next customer message (what came before was the person's).")
_transition("resolve", "Close it; a new customer message reopens it for the bot.")


@router.get("/v1/outbox", responses=_READ_ERRORS)
def outbox(request: Request, state: Literal["pending", "sending", "delivered", "failed", "unknown", "cancelled"] | None = None,
           limit: int = Query(100, ge=1, le=1000)) -> list[dict[str, Any]]:
    """Messages we send, with their delivery state: `failed` and `unknown` need an operator."""
    return _automation(request).outbox(state=state, limit=limit, tenants=_scope(request))


@router.post("/v1/outbox/{message_id}/retry", responses=_READ_ERRORS)
def retry(message_id: Annotated[str, Path(max_length=36)], request: Request) -> Any:
    """Send a failed or unknown message again, with the same id (receivers deduplicate on it)."""
    try:
        return _automation(request).retry(message_id, tenants=_scope(request))
    except NotFound:
        return _not_found("message_id", message_id)


@router.delete("/v1/privacy/customers/{customer}", response_model=Deleted, responses=_READ_ERRORS)
def delete_customer(customer: Annotated[str, Path(min_length=1, max_length=320, description="The channel's "
                                                  "conversation id (e.g. a WhatsApp number), or the customer's e-mail or phone.")],
                    request: Request, tenant: str | None = Query(None, max_length=64, description="Default: the default tenant."),
                    channel: str | None = Query(None, max_length=32, description="Only this channel's conversations.")) -> Deleted:
    """Erase one customer's conversations with a tenant and everything in them (messages, drafts,
    follow-ups, outbox): role `admin`. Answers what was deleted; nothing found is a 200 with zeros."""
    automation = _automation(request)
    tenant = tenant or automation.settings.tenant
    authorize_tenant(request, tenant)
    return retention.delete_customer(automation.db, tenant=tenant, customer=customer, channel=channel)


def install(app: FastAPI, copilot: Any) -> Automation:
    """The hook `api.create_app` calls: routes plus the shared `Automation` on app.state."""
    automation = Automation(copilot)
    app.state.automation = automation
    app.include_router(router)
    return automation
