"""A tenant whose files are wrong is the operator's error, answered 503 naming the tenant and the path
(and logged), never a 500; the request itself was fine. Fixed files are served without a restart."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from copilot import Copilot, Settings
from copilot.api import create_app
from servers import serving

FAQ = """business: Lumi
entries:
  - id: hours
    intent: info
    questions: {en: ["when are you open", "what are your opening hours"]}
    answers: {en: "We are open Mon-Fri 9:00-18:00."}
"""
QUESTION = [{"role": "customer", "text": "when are you open?"}]


def _good(root: Path) -> None:
    (root / "knowledge").mkdir(parents=True)
    (root / "tenant.yaml").write_text("business: Lumi\nlanguages: [en]\n", encoding="utf-8")
    (root / "knowledge" / "faq.yaml").write_text(FAQ, encoding="utf-8")


def _demo_folder(root: Path) -> Path:
    """The default library's layout copied: the business's files in demo/ instead of knowledge/."""
    (root / "knowledge").rename(root / "demo")
    return root / "demo"


def _unknown_folder(root: Path) -> Path:
    (root / "faqs").mkdir()
    (root / "knowledge" / "faq.yaml").rename(root / "faqs" / "faq.yaml")
    shutil.rmtree(root / "knowledge")
    return root / "faqs"


def _misspelt_key(root: Path) -> Path:
    (root / "tenant.yaml").write_text("business: Lumi\nlanguages: [en]\nvocabluary: appointment\n", encoding="utf-8")
    return root / "tenant.yaml"


BROKEN = {"demo folder": _demo_folder, "unknown folder": _unknown_folder, "misspelt tenant.yaml key": _misspelt_key}


@pytest.fixture(scope="module")
def tenants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tenants")


@pytest.fixture(scope="module")
def base_url(tenants: Path, data_dir: Path) -> Iterator[str]:
    with serving(create_app(Copilot(Settings(data_dir=data_dir, tenants_dir=tenants)), warm=False)) as url:
        yield url


def _says_tenant_and_path(r: httpx.Response, tenant: str, path: Path) -> None:
    assert r.status_code == 503, r.text
    error = r.json()["error"]
    assert error["status"] == 503 and error["field"] is None  # the server's files, not a field of the request
    assert f"tenant {tenant!r}" in error["message"] and str(path) in error["message"]
    assert error["request_id"] == r.headers["x-request-id"]


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_a_tenant_with_wrong_files_is_a_503_naming_it_and_the_path_on_every_route_that_reads_it(
        tenants: Path, base_url: str, broken: str, caplog: pytest.LogCaptureFixture) -> None:
    name = "lumi-" + broken.replace(" ", "-").replace(".", "-")
    root = tenants / name
    _good(root)
    path = BROKEN[broken](root)
    conversation = {"tenant": name, "messages": QUESTION}
    with httpx.Client(base_url=base_url, timeout=120) as client, caplog.at_level(logging.ERROR, "copilot.api"):
        _says_tenant_and_path(client.post("/v1/suggest", json=conversation), name, path)
        _says_tenant_and_path(client.post("/v1/suggest?stream=true", json=conversation), name, path)
        _says_tenant_and_path(client.post("/v1/check", json={"conversation": conversation, "draft": "Hi! We open at 9."}),
                              name, path)
        ready = client.get(f"/v1/tenants/{name}/ready")
        assert ready.status_code == 503 and str(path) in ready.json()["state"]
    logged = [r for r in caplog.records if r.levelno == logging.ERROR and str(path) in r.getMessage()]
    assert logged, "the operator reads it in the server's log too, without the caller's report"


def test_a_fixed_tenant_is_served_without_a_restart(tenants: Path, base_url: str) -> None:
    root = tenants / "lumi-fixed"
    _good(root)
    _demo_folder(root)
    conversation = {"tenant": "lumi-fixed", "messages": QUESTION}
    with httpx.Client(base_url=base_url, timeout=120) as client:
        assert client.post("/v1/suggest", json=conversation).status_code == 503
        (root / "demo").rename(root / "knowledge")
        r = client.post("/v1/suggest", json=conversation)
    assert r.status_code == 200, r.text
    assert "Mon-Fri 9:00-18:00" in r.json()["draft"]["text"]
