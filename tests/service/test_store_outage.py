"""A knowledge store outage is loud: 503 + Retry-After and readiness false, tested against a real
`chroma run` that is stopped (and started again: readiness comes back by itself)."""

from __future__ import annotations

import shutil
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
from servers import chroma_server, free_port

from copilot import Copilot, Settings
from copilot.api import create_app
from copilot.paths import KNOWLEDGE_DIR

from .conftest import serving

ASK = {"messages": [{"role": "customer", "text": "what are your opening hours?"}]}
FAQ = "entries:\n  - id: hours\n    questions: {en: [when are you open]}\n    answers: {en: 'We open at 10:00.'}\n"


def _small_library(tmp_path: Path) -> Path:
    """The default library with a one-entry business: ingesting the whole demo takes minutes on a busy box."""
    library = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, library, ignore=shutil.ignore_patterns("demo"))
    (library / "demo").mkdir()
    (library / "demo" / "faq.yaml").write_text(FAQ, encoding="utf-8")
    return library


def test_a_stopped_chroma_server_is_a_503_and_not_ready(data_dir: Path, tmp_path: Path) -> None:
    port = free_port()
    with ExitStack() as chroma:
        chroma_url = chroma.enter_context(chroma_server(tmp_path / "chroma", port))
        settings = Settings(data_dir=data_dir, chroma_url=chroma_url, knowledge_dir=_small_library(tmp_path))
        app = create_app(Copilot(settings))
        with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client:
            assert client.post("/v1/suggest", json=ASK).status_code == 200
            assert client.get("/readyz").json() == {"status": "ready", "checks": {"knowledge": "ok", "models": "ok"}}

            chroma.close()  # the store goes down; the API server stays up and must say so
            time.sleep(1.1)  # past the once-a-second look at the tenant's knowledge, which meets the outage too
            r = client.post("/v1/suggest", json=ASK)
            assert r.status_code == 503 and int(r.headers["retry-after"]) > 0
            assert r.json()["error"]["message"].startswith("KnowledgeError")
            ready = client.get("/readyz")
            assert ready.status_code == 503 and ready.json()["checks"]["knowledge"] == "unavailable"
            assert client.get("/healthz").status_code == 200  # alive: restarting it would not help

            with chroma_server(tmp_path / "chroma", port):  # back, with its data
                assert client.get("/readyz").status_code == 200
                assert client.post("/v1/suggest", json=ASK).status_code == 200
