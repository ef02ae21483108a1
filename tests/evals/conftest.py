"""Fixtures of the eval tests (builders live in eval_builders.py)."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from eval_builders import TINY_CASES, write_cases

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))  # the fake LLM server (test edge)
from fake_server import FakeLLMServer, echo_template  # noqa: E402


@pytest.fixture
def tiny_suite(tmp_path: Path) -> Path:
    """A suite of TINY_CASES on the offline default, with a gate the offline default should meet."""
    write_cases(tmp_path / "tiny.yaml", TINY_CASES)
    suite = {
        "name": "tiny", "datasets": ["tiny.yaml"],
        "configs": [{"name": "offline"}],
        "gate": {"escalation.recall": ">= 1.0", "hygiene.must_pass_rate": ">= 1.0", "hygiene.unrevised_rate": ">= 1.0"},
    }
    path = tmp_path / "tiny-suite.yaml"
    path.write_text(yaml.safe_dump(suite), encoding="utf-8")
    return path


@pytest.fixture
def fake_llm() -> Iterator[FakeLLMServer]:
    """The fake server answering only what a test scripts; an unscripted request fails the test."""
    server = FakeLLMServer().start()
    yield server
    server.stop()
    assert server.unexpected == 0


@pytest.fixture
def model_server() -> Iterator[FakeLLMServer]:
    """The fake OpenAI-compatible server answering every suggest/revise prompt with the template draft."""
    server = FakeLLMServer(responder=echo_template()).start()
    yield server
    server.stop()


@pytest.fixture
def closed_port_url() -> str:
    """An api_base on loopback where nothing listens: the model is unreachable."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@pytest.fixture
def llm_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key for the fake provider (Settings reads COPILOT_API_KEY; suite files may not hold one)."""
    monkeypatch.setenv("COPILOT_API_KEY", "sk-fake")
