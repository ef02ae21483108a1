"""Shared fixtures. Tests run on the offline default unless a test starts the fake LLM server."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
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


@pytest.fixture(scope="session")
def packs_copilot(data_dir: Path) -> "copilot.Copilot":
    """The evaluation businesses of evals/datasets/tenants/ (a salon, a garage, a guesthouse…), one copilot for
    every module that asks them."""
    from copilot import Copilot

    return Copilot(copilot.Settings(data_dir=data_dir,
                                    tenants_dir=Path(__file__).resolve().parent.parent / "evals" / "datasets" / "tenants"))


@pytest.fixture(scope="session")
def ask_pack(packs_copilot: "copilot.Copilot") -> "Callable[[str, str], copilot.models.Suggestion]":
    """Ask one evaluation business one message, on the packs' date (2026-11-24 10:00 UTC)."""
    from datetime import UTC, datetime

    now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    return lambda tenant, text: packs_copilot.suggest(
        {"tenant": tenant, "messages": [{"role": "customer", "text": text}]}, now=now)


@pytest.fixture(scope="module")
def base_url(offline_copilot: "copilot.Copilot") -> Iterator[str]:
    """The HTTP API on a free port of 127.0.0.1 (a real server, as `make serve` runs it)."""
    from servers import serving

    from copilot.api import create_app

    with serving(create_app(offline_copilot)) as url:
        yield url
