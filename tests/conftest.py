"""Shared fixtures. Tests run on the offline default unless a test starts the fake LLM server."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import copilot  # noqa: F401  (sets the offline environment before anything imports litellm)

# No test may reach a real provider: LLM settings come only from the tests themselves.
for _var in ("COPILOT_MODEL", "COPILOT_API_BASE", "COPILOT_API_KEY", "COPILOT_CHROMA_URL", "COPILOT_TENANTS_DIR",
             "OPENAI_API_KEY", "ANTHROPIC_API_KEY"):
    os.environ.pop(_var, None)
# Tests send many requests from 127.0.0.1: no rate limit unless a test configures one.
os.environ["COPILOT_RATE_LIMIT"] = ""


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedded Chroma store and classifier cache for the session (ingest once, reuse).
    COPILOT_TEST_DATA_DIR keeps it across runs on a developer's machine (caches are content-keyed)."""
    kept = os.environ.get("COPILOT_TEST_DATA_DIR")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        return Path(kept)
    return tmp_path_factory.mktemp("copilot-data")


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> copilot.Settings:
    return copilot.Settings(data_dir=data_dir)


@pytest.fixture(scope="session")
def offline_copilot(settings: copilot.Settings) -> "copilot.Copilot":
    from copilot import Copilot

    return Copilot(settings)


@pytest.fixture(scope="module")
def base_url(offline_copilot: "copilot.Copilot") -> Iterator[str]:
    """The HTTP API on a free port of 127.0.0.1 (a real server, as `make serve` runs it)."""
    import uvicorn

    from copilot.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(offline_copilot), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # the first start warms the models and ingests the demo knowledge
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
