"""COPILOT_CHROMA_URL: the same store through a real `chroma run` server and chromadb.HttpClient."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import chroma_server, free_port

from copilot.errors import KnowledgeError
from copilot.knowledge import KnowledgeStore
from copilot.settings import Settings


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url


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
        KnowledgeStore(Settings(chroma_url=f"http://127.0.0.1:{free_port()}", data_dir=tmp_path))
