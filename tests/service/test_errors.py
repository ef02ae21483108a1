"""Nothing a caller sends is a 500; every error has one shape; a fault keeps the connection usable."""

from __future__ import annotations

import json
import socket
from urllib.parse import urlparse

import httpx
import pytest

from copilot.service.requests import RequestContext

from .conftest import serving

EXTREME_DATES = ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00Z",
                 "9999-12-31T23:59:59-14:00", "9999-12-31T23:59:59", "1969-12-31T23:59:59Z"]
# Texts that reach the date, time and follow-up code: relative days, spans, numeric dates, bookings.
DATE_TEXTS = ["book a table tomorrow at 5", "can I come next week on 25.11?", "через 3 дня можно забрать?",
              "where is my order?"]


def _error(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    body = r.json()["error"]
    assert body["status"] == status and body["message"] and body["request_id"] == r.headers["x-request-id"]
    return body


@pytest.mark.parametrize("sent_at", EXTREME_DATES)
def test_an_extreme_sent_at_gets_a_suggestion(client: httpx.Client, sent_at: str) -> None:
    for text in DATE_TEXTS:
        r = client.post("/v1/suggest", json={"messages": [{"role": "customer", "text": text, "sent_at": sent_at}]})
        assert r.status_code == 200, (text, r.text)
        assert r.json()["draft"]["text"]


def test_an_extreme_sent_at_streams_to_the_final_suggestion(client: httpx.Client) -> None:
    body = {"messages": [{"role": "customer", "text": "book a table tomorrow at 5", "sent_at": EXTREME_DATES[0]}]}
    with client.stream("POST", "/v1/suggest?stream=true", json=body) as r:
        events = [line.split(":", 1)[1].strip() for line in r.iter_lines() if line.startswith("event:")]
    assert events[-1] == "suggestion"


def test_text_plain_is_a_415_and_a_json_array_a_400(client: httpx.Client) -> None:
    r = client.post("/v1/suggest", content=b"where is my order?", headers={"content-type": "text/plain"})
    assert _error(r, 415)["field"] == "content-type"
    r = client.post("/v1/suggest", content=b"[1, 2]", headers={"content-type": "application/json"})
    assert _error(r, 400)["field"] == "body"


def test_unknown_routes_and_methods_use_the_error_shape(client: httpx.Client) -> None:
    assert _error(client.get("/v1/nothing-here"), 404)["field"] == "path"
    assert _error(client.get("/v1/suggest"), 405)["field"] == "path"


def test_a_validation_error_does_not_echo_the_customers_text(client: httpx.Client) -> None:
    r = client.post("/v1/suggest", json={"messages": [{"role": "customer", "text": "secret@example.com",
                                                       "sent_at": "not a date"}]})
    body = _error(r, 422)
    assert body["field"] == "messages.0.sent_at" and "secret@example.com" not in r.text


def test_a_callers_request_id_is_kept_and_an_unsafe_one_replaced(client: httpx.Client) -> None:
    assert client.get("/v1/rules", headers={"x-request-id": "abc-123"}).headers["x-request-id"] == "abc-123"
    replaced = client.get("/v1/rules", headers={"x-request-id": "a b\tc"}).headers["x-request-id"]
    assert replaced != "a b\tc" and len(replaced) == 16


async def _raising_app(scope: dict, receive: object, send: object) -> None:
    """An application with a bug: the edge this middleware exists for."""
    raise RuntimeError("bug")


def _raw_get(sock: socket.socket, host: str) -> bytes:
    sock.sendall(f"GET /x HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            return head
        head += chunk
    header, _, body = head.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in header.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(body) < length:
        body += sock.recv(4096)
    return header + b"\r\n\r\n" + body


def test_an_internal_error_is_a_json_500_and_the_connection_stays_usable() -> None:
    with serving(RequestContext(_raising_app)) as url:
        host = urlparse(url).netloc
        hostname, port = host.split(":")
        with socket.create_connection((hostname, int(port)), timeout=10) as sock:
            first = _raw_get(sock, host)
            second = _raw_get(sock, host)  # same socket: uvicorn must not have closed it
    for raw in (first, second):
        header, _, body = raw.partition(b"\r\n\r\n")
        assert header.startswith(b"HTTP/1.1 500")
        error = json.loads(body)["error"]
        assert error["status"] == 500 and error["request_id"] and b"x-request-id: " + error["request_id"].encode() in header


def test_a_date_in_the_text_at_year_1_or_9999_is_not_a_booking_date(client: httpx.Client) -> None:
    for day in ("0001-01-01", "9999-12-31"):
        r = client.post("/v1/suggest", json={"messages": [{"role": "customer", "text": f"book a table on {day} at 7pm",
                                                           "sent_at": "0001-01-01T00:00:00Z"}]})
        assert r.status_code == 200 and r.json()["fields"].get("date") is None


def test_a_stream_for_an_unknown_tenant_is_a_404_before_it_starts(client: httpx.Client) -> None:
    r = client.post("/v1/suggest?stream=true", json={"messages": [{"role": "customer", "text": "hi"}], "tenant": "nobody"})
    assert _error(r, 404)["field"] == "tenant"
