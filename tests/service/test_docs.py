"""`/docs` renders in headless Chromium with no network beyond the server itself."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    # Every request except to 127.0.0.1 goes to a proxy that does not exist: a CDN would fail.
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1", "--virtual-time-budget=15000",
         *args],
        check=True, capture_output=True, timeout=180, text=True,
    )


def test_docs_assets_are_served_by_the_app(client: httpx.Client) -> None:
    page = client.get("/docs").text
    assert "cdn" not in page.lower() and "/docs-assets/swagger-ui-bundle.js" in page
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it: apt-get install chromium)")
def test_docs_render_with_no_network(base_url: str, tmp_path: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", f"{base_url}/docs").stdout
    # Rendered operations, not the bare <div id="swagger-ui"> a page without its script shows.
    assert 'class="opblock' in dom and "/v1/suggest" in dom and "/v1/check" in dom
    png = tmp_path / "docs.png"
    _chromium(tmp_path, f"--screenshot={png}", "--window-size=1280,1600", f"{base_url}/docs")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
