"""Fixtures for LLM-mode tests: a fake OpenAI-compatible server, and no way to reach a real provider.

Like pydantic-ai's ``ALLOW_MODEL_REQUESTS = False``: provider keys are removed from the
environment, and any socket connection or DNS lookup to a non-loopback host fails the test.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

import copilot  # noqa: F401  (offline env for litellm/tiktoken before they are imported)
from copilot.settings import Settings

from fake_server import FakeLLMServer  # tests/llm is on sys.path (rootdir conftest, no packages)

_PROVIDER_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_API_BASE",
    "ANTHROPIC_API_KEY",
    "AZURE_API_KEY",
    "AZURE_OPENAI_API_KEY",
    "GEMINI_API_KEY",
    "GOOGLE_API_KEY",
    "GROQ_API_KEY",
    "MISTRAL_API_KEY",
    "OPENROUTER_API_KEY",
    "TOGETHER_API_KEY",
    "DEEPSEEK_API_KEY",
    "COHERE_API_KEY",
    "OLLAMA_API_BASE",
)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _no_real_providers(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name in _PROVIDER_ENV or name.startswith("COPILOT_"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)

    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(str(address[0])):
            raise AssertionError(f"test tried to reach {address!r}: only the fake server on loopback is allowed")
        return real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not _is_loopback(host.decode() if isinstance(host, bytes) else str(host)):
            raise AssertionError(f"test tried to resolve {host!r}: only the fake server on loopback is allowed")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def fake_llm() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer().start()
    yield server
    server.stop()
    assert server.unexpected == 0, f"{server.unexpected} request(s) reached the fake server with no scripted reply"


@pytest.fixture
def make_settings(fake_llm: FakeLLMServer, tmp_path: Path) -> Callable[..., Settings]:
    """Settings pointing at the fake server; deterministic retries (0) unless a test asks."""

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "model": "openai/fake-model",
            "api_base": fake_llm.url,
            "api_key": "sk-fake",
            "timeout_s": 5.0,
            "retries": 0,
            "data_dir": tmp_path / "data",
            "llm_cache": False,
        }
        values.update(overrides)
        settings = Settings(**values)
        host = urlparse(settings.api_base or "").hostname or ""
        assert _is_loopback(host), f"api_base {settings.api_base!r} is not loopback"
        return settings

    return make
