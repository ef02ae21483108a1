"""A real uvicorn server on 127.0.0.1 for the service tests (one per module)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from copilot import Copilot
from copilot.api import create_app
from servers import serving


@pytest.fixture(scope="module")
def base_url(offline_copilot: Copilot) -> Iterator[str]:
    with serving(create_app(offline_copilot)) as url:
        yield url


@pytest.fixture()
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as c:
        yield c
