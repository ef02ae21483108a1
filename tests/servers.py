"""Real servers for tests: a free port, and a `chroma run` process (import as `servers`)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest


@contextmanager
def serving(app: Any, **config: Any) -> Iterator[str]:
    """Serve an ASGI app on a free port in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", **config))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # the first start warms the models and ingests the demo knowledge
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


CHROMA = Path(sys.executable).parent / "chroma"


@contextmanager
def chroma_server(path: Path, port: int | None = None) -> Iterator[str]:
    """A real `chroma run` on 127.0.0.1 storing under `path`; yields its URL, stops it on exit.
    Skips the test when the chroma CLI (part of the chromadb package) is missing."""
    exe = str(CHROMA) if CHROMA.exists() else shutil.which("chroma")
    if exe is None:
        pytest.skip("the chroma CLI (part of the chromadb package) is not installed")
    port = port or free_port()
    path.mkdir(parents=True, exist_ok=True)
    log = (path / "server.log").open("ab")
    proc = subprocess.Popen([exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path / "db")],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chroma server did not start: {(path / 'server.log').read_text()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@contextmanager
def token_proxy(upstream: str, token: str | None, *, certfile: Path | None = None, keyfile: Path | None = None,
                failures: list[tuple[str, int, str]] | None = None) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """What docs/deployment.md puts in front of `chroma run` (which checks no token itself): a
    reverse proxy that answers 401 without `Authorization: Bearer <token>` (None: no check) and
    forwards the rest, over TLS when given a certificate. Yields its URL and the headers of every
    request it saw. `failures` (path suffix, status, body), appended to while it runs: the next
    request whose path ends so is answered with that status and body instead, once."""
    from starlette.requests import Request
    from starlette.responses import Response

    seen: list[dict[str, str]] = []
    client = httpx.AsyncClient(base_url=upstream, timeout=30)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        seen.append(dict(request.headers))
        if token is not None and request.headers.get("authorization") != f"Bearer {token}":
            await Response('{"error": "unauthorized"}', status_code=401, media_type="application/json")(scope, receive, send)
            return
        for i, (suffix, status, body) in enumerate(failures or []):
            if request.url.path.endswith(suffix):
                del failures[i]  # type: ignore[union-attr]
                kind = "application/json" if body.startswith("{") else "text/html"
                await Response(body, status_code=status, media_type=kind)(scope, receive, send)
                return
        headers = {k: v for k, v in request.headers.items() if k not in ("host", "authorization", "content-length")}
        upstream_response = await client.request(request.method, request.url.path, params=request.query_params,
                                                 content=await request.body(), headers=headers)
        await Response(upstream_response.content, status_code=upstream_response.status_code,
                       headers={k: v for k, v in upstream_response.headers.items()
                                if k in ("content-type",)})(scope, receive, send)

    config = {"ssl_certfile": str(certfile), "ssl_keyfile": str(keyfile)} if certfile and keyfile else {}
    with serving(app, **config) as url:
        yield (url.replace("http://", "https://") if certfile else url), seen


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (the openssl CLI; skips without it)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key
