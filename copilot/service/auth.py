"""Authentication and tenant scopes on /v1: `Authorization: Bearer KEY` (keys: `service.keys`).

While no key exists the API is open, and `copilot serve` then binds 127.0.0.1 only (`check_binding`).
Once any key exists, a /v1 request without a valid key is 401, a key without the route's role 403,
and a key acting for a tenant it is not scoped to 403 (`authorize_tenant`, called by each route
that names a tenant) — before the tenant is looked up, so status codes do not tell which tenants
exist. Liveness, readiness, metrics and docs stay open (bind /metrics privately: docs/deployment.md).
"""

from __future__ import annotations

import asyncio

from fastapi import Request
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import send_error
from .keys import KeyStore, Principal

# Route prefix -> the role it needs (None: any valid key). Anything else under /v1: admin.
ROUTE_ROLES: tuple[tuple[str, str | None], ...] = (
    ("/v1/suggest", "suggest"), ("/v1/check", "suggest"), ("/v1/rules", None),
    ("/v1/inbound", "inbound"), ("/v1/conversations", "operator"), ("/v1/queue", "operator"),
)
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def required_role(path: str) -> str | None:
    return next((role for prefix, role in ROUTE_ROLES if path.startswith(prefix)), "admin")


class Forbidden(StarletteHTTPException):
    def __init__(self, message: str, field: str) -> None:
        super().__init__(403, message)
        self.field = field


def _bearer(scope: Scope) -> str | None:
    value = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
    scheme, _, token = value.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class Authentication:
    def __init__(self, app: ASGIApp, *, keys: KeyStore) -> None:
        self.app, self.keys = app, keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1/") and await asyncio.to_thread(self.keys.any_active):
            token = _bearer(scope)
            principal = await asyncio.to_thread(self.keys.verify, token) if token else None
            if principal is None:
                await send_error(send, 401, "authorization", "A valid API key is required: `Authorization: Bearer KEY`."
                                 if token is None else "Unknown or revoked API key.",
                                 headers={"WWW-Authenticate": "Bearer"})
                return
            role = required_role(scope["path"])
            if role is not None and not principal.may(role):
                await send_error(send, 403, "authorization", f"This key lacks the {role!r} role.")
                return
            scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)


def authorize_tenant(request: Request, tenant: str) -> None:
    """403 unless the request's key may act for `tenant` (no key configured: everything is allowed)."""
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is not None and not principal.may_act_for(tenant):
        raise Forbidden(f"This key may not act for tenant {tenant!r}.", field="tenant")


def check_binding(host: str, keys: KeyStore, *, allow_open: bool) -> str:
    """What `serve` says about authentication; raises InputError when binding an open API publicly."""
    from ..errors import InputError

    if keys.any_active():
        return "API keys are configured: /v1 requires `Authorization: Bearer KEY`."
    if host in LOCAL_HOSTS:
        return f"No API keys exist: the API is open, so it listens on {host} only (this machine)."
    if allow_open:
        return f"WARNING: no API keys exist and {host} is not local: anyone who reaches it can use the API."
    raise InputError(f"No API keys exist, so binding {host!r} would open the API to the network. Create one "
                     "(`copilot keys create --tenant T --role suggest`) or pass --allow-no-keys.", field="host")
