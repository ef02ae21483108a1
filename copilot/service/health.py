"""Liveness (`/healthz`: the process answers) and readiness (`/readyz`: it can serve suggestions now).

A load balancer sends traffic only to ready replicas and restarts only dead ones, so the two differ:
a replica whose knowledge store is down is alive (restarting it would not help) but not ready.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from ..errors import CopilotError
from .errors import UNAVAILABLE_RETRY_AFTER_S

if TYPE_CHECKING:  # only the entry points import the pipeline (tests/test_layout.py)
    from ..pipeline import Copilot


def readiness(app: FastAPI, copilot: Copilot) -> dict[str, Any]:
    """What is usable now: the models and the default tenant loaded, and the knowledge store answering.
    A warm-up that failed at start (store down) is tried again here, so readiness comes back by itself."""
    checks: dict[str, Any] = {}
    try:
        store = copilot.resources.store
        checks["knowledge"] = "ok" if store.heartbeat() else "unavailable"
    except CopilotError as exc:
        checks["knowledge"] = f"unavailable: {exc}"
    if not getattr(app.state, "warmed", False) and checks["knowledge"] == "ok":
        try:
            copilot.warm_up()
            app.state.warmed = True
        except CopilotError as exc:
            checks["models"] = f"unavailable: {exc}"
    checks.setdefault("models", "ok" if getattr(app.state, "warmed", False) else "loading")
    ready = all(v == "ok" for v in checks.values())
    return {"status": "ready" if ready else "unavailable", "checks": checks}


def install_readiness(app: FastAPI, copilot: Copilot) -> None:
    @app.get("/readyz", responses={503: {"description": "Not ready: `checks` says what is not usable."}})
    async def readyz() -> JSONResponse:
        """Readiness: 200 when models are loaded and the knowledge store answers; 503 + Retry-After if not."""
        body = await asyncio.to_thread(readiness, app, copilot)
        if body["status"] == "ready":
            return JSONResponse(body)
        return JSONResponse(body, status_code=503, headers={"Retry-After": str(UNAVAILABLE_RETRY_AFTER_S)})
