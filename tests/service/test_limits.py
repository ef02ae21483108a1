"""Limits: rate and concurrency per caller (429 + Retry-After), header count and size, slow clients."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

from copilot import Copilot, Settings
from copilot.api import create_app
from copilot.service.server import SlowClientGuard

from .conftest import serving


@pytest.fixture(scope="module")
def limited_url(data_dir: Path) -> Iterator[str]:
    settings = Settings(data_dir=data_dir, rate_limit="3/minute", max_concurrent_per_caller=1)
    app = create_app(Copilot(settings), warm=False)
    with serving(app, http=SlowClientGuard, h11_max_incomplete_event_size=16 * 1024) as url:
        yield url


def _error(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    return r.json()["error"]


def test_the_rate_limit_is_a_429_with_retry_after_per_caller(limited_url: str) -> None:
    with httpx.Client(base_url=limited_url) as client:
        anna = {"authorization": "Bearer anna-key"}
        assert [client.get("/v1/rules", headers=anna).status_code for _ in range(3)] == [200, 200, 200]
        r = client.get("/v1/rules", headers=anna)
        assert _error(r, 429)["message"].startswith("Rate limit") and 0 < int(r.headers["retry-after"]) <= 60
        # Another key has its own budget; liveness is never limited.
        assert client.get("/v1/rules", headers={"authorization": "Bearer bob-key"}).status_code == 200
        assert client.get("/healthz", headers=anna).status_code == 200


def _open(url: str) -> tuple[socket.socket, str]:
    host = urlparse(url).netloc
    hostname, port = host.split(":")
    return socket.create_connection((hostname, int(port)), timeout=10), host


def test_a_second_request_at_once_from_one_caller_is_a_429(limited_url: str) -> None:
    slow, host = _open(limited_url)
    with slow:
        # A body that has not finished arriving keeps this request in flight.
        slow.sendall(f"POST /v1/check HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer carol-key\r\n"
                     "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{".encode())
        time.sleep(0.5)
        r = httpx.post(f"{limited_url}/v1/check", json={}, headers={"authorization": "Bearer carol-key"})
        assert _error(r, 429)["message"].startswith("Over 1 requests at once") and r.headers["retry-after"] == "1"


def test_too_many_or_too_large_headers_are_refused(limited_url: str) -> None:
    many = {f"x-h{i}": "v" for i in range(150)}
    assert _error(httpx.get(f"{limited_url}/v1/rules", headers=many), 431)["field"] == "headers"
    assert _error(httpx.get(f"{limited_url}/v1/rules", headers={"x-big": "v" * 100_000}), 431)["field"] == "headers"
    try:  # 8 MB: refused while it is still arriving (h11's limit), before any application code
        status = httpx.get(f"{limited_url}/healthz", headers={"x-big": "v" * 8_000_000}).status_code
    except httpx.TransportError:
        status = 0  # closed on us: also refused
    assert status in (0, 400, 431)


class _QuickGuard(SlowClientGuard):
    head_timeout_s = 1.0


def test_a_client_that_trickles_its_request_head_is_disconnected(data_dir: Path) -> None:
    async def app(scope: dict, receive: object, send: object) -> None:  # never reached
        raise AssertionError("a request head was completed")

    with serving(app, http=_QuickGuard) as url:
        sock, host = _open(url)
        with sock:
            sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: {host}\r\n".encode())
            started = time.monotonic()
            for _ in range(30):  # one header byte every 0.2 s: never completes
                try:
                    sock.sendall(b"X")
                    if sock.recv(1, socket.MSG_DONTWAIT) == b"":
                        break
                except BlockingIOError:
                    pass
                except OSError:
                    break
                time.sleep(0.2)
            closed_after = time.monotonic() - started
    assert closed_after < 3.0
