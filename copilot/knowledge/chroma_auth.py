"""Credentials and TLS for a Chroma server (`COPILOT_CHROMA_URL`).

chromadb's own client sends the token (its `TokenAuthClientProvider`: `Authorization: Bearer …` or
`X-Chroma-Token`) and verifies TLS against `chroma_server_ssl_verify` (a CA file). The `chroma run`
server of chromadb 1.5 checks no token itself (its Rust front end ships a no-op authenticator), so
the token is checked by what stands in front of it: a TLS reverse proxy (docs/deployment.md), or a
Chroma deployment that authenticates. Either way the replicas send it on every request.
"""

from __future__ import annotations

import logging
from typing import Any

from ..settings import Settings

log = logging.getLogger("copilot.knowledge")
TOKEN_PROVIDER = "chromadb.auth.token_authn.TokenAuthClientProvider"
_LOCAL = ("127.0.0.1", "localhost", "::1")


def server_settings(settings: Settings, *, host: str, ssl: bool) -> dict[str, Any]:
    """chromadb `Settings` fields for the configured token and CA bundle."""
    out: dict[str, Any] = {}
    if settings.chroma_token is not None:
        out.update(chroma_client_auth_provider=TOKEN_PROVIDER,
                   chroma_client_auth_credentials=settings.chroma_token.get_secret_value(),
                   chroma_auth_token_transport_header=settings.chroma_token_header)
        if not ssl and host not in _LOCAL:
            log.warning("COPILOT_CHROMA_TOKEN is sent to %s over plain http: use https://", host)
    if settings.chroma_ca_bundle is not None:
        out["chroma_server_ssl_verify"] = str(settings.chroma_ca_bundle)
    return out


def root_cause(exc: BaseException) -> str:
    """The innermost cause of a connection failure: chromadb says "Could not connect" for a refused
    port, a rejected certificate and a 401 alike; the operator needs to know which."""
    seen: BaseException = exc
    while (inner := seen.__cause__ or seen.__context__) is not None:
        seen = inner
    return f"{type(seen).__name__}: {seen}" if seen is not exc else str(exc)
