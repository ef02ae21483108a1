"""COPILOT_CHROMA_URL: the same store through a real `chroma run` server and chromadb.HttpClient."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from copilot.errors import KnowledgeError
from copilot.knowledge import KnowledgeStore
from copilot.settings import Settings

CHROMA = Path(sys.executable).parent / "chroma"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    exe = str(CHROMA) if CHROMA.exists() else shutil.which("chroma")
    if exe is None:
        pytest.skip("the chroma CLI (part of the chromadb package) is not installed")
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("wb")
    proc = subprocess.Popen(
        [exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path / "db")],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
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


def test_ingest_search_and_tenant_isolation_work_through_a_chroma_server(
    chroma_url: str, knowledge_dir: Path, tmp_path: Path
) -> None:
    store = KnowledgeStore(Settings(chroma_url=chroma_url, data_dir=tmp_path / "data"))
    report = store.ingest(knowledge_dir, tenant="velo")
    assert "faq:hours:ru" in report.added and report.embedded > 0

    hits = store.search_text("во сколько вы открываетесь?", tenant="velo", language="ru")
    assert hits[0].id == "faq:hours:ru"
    assert hits[0].text == "Мы работаем пн–сб с 10:00 до 19:00."

    # The server, not a local file, holds the knowledge: nothing embedded under data_dir.
    assert not (tmp_path / "data" / "chroma").exists()

    other = tmp_path / "other"
    other.mkdir()
    (other / "faq.yaml").write_text(
        "entries:\n  - id: hours\n    questions: {en: [when are you open]}\n    answers: {en: 'Other opens at 08:00.'}\n"
    )
    store.ingest(other, tenant="other")
    assert [h.text for h in store.search_text("when are you open", tenant="other", min_score=0.0)] == ["Other opens at 08:00."]
    assert all("Other" not in h.text for h in store.search_text("when are you open", tenant="velo", k=10, min_score=0.0))

    # A second client (another worker process) sees the manifest and skips the ingest.
    again = KnowledgeStore(Settings(chroma_url=chroma_url, data_dir=tmp_path / "data"))
    assert again.ensure_ingested(knowledge_dir, tenant="velo").skipped


def test_an_unreachable_chroma_server_is_a_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="Chroma server"):
        KnowledgeStore(Settings(chroma_url=f"http://127.0.0.1:{_free_port()}", data_dir=tmp_path))
