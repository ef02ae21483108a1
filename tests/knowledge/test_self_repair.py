"""A damaged index is found, rebuilt and logged — at start (embedded store, a fresh process) and on
read (a Chroma server restarted with a segment gone) — and an unopenable store is set aside; an
ingest by another process is picked up by a running store without a restart."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY
from servers import chroma_server, free_port, serving, token_proxy

from copilot import Copilot
from copilot.api import create_app
from copilot.errors import KnowledgeError
from copilot.knowledge import KnowledgeStore
from copilot.knowledge.chroma import SEARCH_EF
from copilot.knowledge.store import collection_name
from copilot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _faq(directory: Path, n: int = 60, extra: str = "") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    lines = ["entries:"]
    for i in range(n):
        lines += [f"  - id: e{i}", f"    questions: {{en: [question number {i} about topic {i * 7}]}}",
                  f"    answers: {{en: 'Answer {i}.'}}"]
    (directory / "faq.yaml").write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return directory


def _small_batches(store: KnowledgeStore, tenant: str) -> None:
    """Chroma writes a collection's vectors to its HNSW folder (and drops them from its log) only past
    `sync_threshold` documents (1,000 by default, like the demo's FAQ). A low threshold makes a
    60-entry store behave like a big one, so deleting the folder really loses the vectors. `ef_search` as the store
    sets it: else opening the collection rewrites its configuration, a write that once met "database is locked"."""
    store._client.create_collection(collection_name(tenant, "faq"), embedding_function=store._ef,
                                    configuration={"hnsw": {"space": "cosine", "sync_threshold": 10, "batch_size": 10,
                                                            "ef_search": SEARCH_EF}},
                                    metadata={"tenant": tenant, "kind": "faq"})


def _vector_folders(chroma_dir: Path) -> list[Path]:
    return [p for p in chroma_dir.iterdir() if p.is_dir() and (p / "header.bin").exists()]


def _fresh_process(data_dir: Path, knowledge: Path, question: str) -> subprocess.CompletedProcess[str]:
    """What a restarted server does: open the store, ensure the tenant's knowledge, answer a question."""
    script = textwrap.dedent(f"""
        import logging, sys
        logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
        from pathlib import Path
        from copilot.knowledge import KnowledgeStore
        from copilot.settings import Settings
        store = KnowledgeStore(Settings(data_dir=Path({str(data_dir)!r})))
        store.ensure_ingested(Path({str(knowledge)!r}), tenant="t")
        print(" ".join(h.id for h in store.search_text({question!r}, tenant="t", language="en", k=1, min_score=0)))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)


def _ingest_pets_elsewhere(tmp_path: Path, data_dir: Path, tenant: str) -> Path:
    """Another process (the CLI) ingests a folder that adds a pets entry into the same data dir."""
    newer = _faq(tmp_path / "newer", n=3, extra="  - id: pets\n    questions: {en: [can I bring my dog]}\n"
                                               "    answers: {en: 'Dogs are welcome.'}\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COPILOT_DATA_DIR": str(data_dir)}
    done = subprocess.run([sys.executable, "-m", "copilot.cli", "knowledge", "ingest", str(newer), "--tenant", tenant],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return newer


def test_a_deleted_index_segment_is_found_at_start_rebuilt_and_logged(tmp_path: Path) -> None:
    data, knowledge = tmp_path / "data", _faq(tmp_path / "knowledge")
    store = KnowledgeStore(Settings(data_dir=data))
    _small_batches(store, "t")
    store.ingest(knowledge, tenant="t")
    del store
    folders = _vector_folders(data / "chroma")
    assert folders
    for folder in folders:
        shutil.rmtree(folder)

    first = _fresh_process(data, knowledge, "question number 7 about topic 49")
    assert first.returncode == 0, first.stderr[-2000:]
    assert "faq:e7:en" == first.stdout.strip()
    assert "is damaged" in first.stderr and "rebuilt from" in first.stderr

    again = _fresh_process(data, knowledge, "question number 7 about topic 49")  # repaired for good
    assert again.stdout.strip() == "faq:e7:en" and "damaged" not in again.stderr


def test_an_unopenable_store_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    data, knowledge = tmp_path / "data", _faq(tmp_path / "knowledge", n=3)
    KnowledgeStore(Settings(data_dir=data)).ingest(knowledge, tenant="t")
    sqlite = data / "chroma" / "chroma.sqlite3"
    with sqlite.open("r+b") as f:  # a bad copy: the SQLite header overwritten
        f.seek(0)
        f.write(b"\0" * 4096)

    result = _fresh_process(data, knowledge, "question number 2 about topic 14")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "faq:e2:en"
    assert "knowledge store" in result.stderr and "is unreadable" in result.stderr and "moved aside" in result.stderr
    assert list(data.glob("chroma.corrupt-*/chroma.sqlite3"))  # kept for a post-mortem


def test_a_chroma_server_restarted_without_a_segment_is_found_on_read_and_rebuilt(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    port, knowledge = free_port(), _faq(tmp_path / "knowledge")
    with chroma_server(tmp_path / "chroma", port) as url:
        store = KnowledgeStore(Settings(chroma_url=url, data_dir=tmp_path / "data"))
        _small_batches(store, "t")
        store.ingest(knowledge, tenant="t")
        assert [h.id for h in store.search_text("question number 7 about topic 49", tenant="t", k=1)] == ["faq:e7:en"]
    for folder in _vector_folders(tmp_path / "chroma" / "db"):
        shutil.rmtree(folder)
    repairs = REGISTRY.get_sample_value("copilot_knowledge_repairs_total", {"kind": "faq"}) or 0.0
    with chroma_server(tmp_path / "chroma", port), caplog.at_level(logging.WARNING, logger="copilot.knowledge"):
        hits = store.search_text("question number 7 about topic 49", tenant="t", k=1)
    assert [h.id for h in hits] == ["faq:e7:en"]
    assert REGISTRY.get_sample_value("copilot_knowledge_repairs_total", {"kind": "faq"}) == repairs + 1
    assert any("is damaged" in r.getMessage() and "rebuilt" in r.getMessage() for r in caplog.records)


def test_a_passing_chroma_server_error_is_an_outage_not_a_rebuild(tmp_path: Path) -> None:
    """A 5xx on the way (Chroma's own transient error, or a proxy's 502 page) is a KnowledgeError (the
    API's 503): the collection is not deleted and rebuilt, and the next call finds it intact."""
    knowledge = _faq(tmp_path / "knowledge", n=3)
    failures: list[tuple[str, int, str]] = []
    with chroma_server(tmp_path / "chroma", free_port()) as upstream, \
            token_proxy(upstream, None, failures=failures) as (url, _):
        settings = Settings(chroma_url=url, data_dir=tmp_path / "data")
        KnowledgeStore(settings).ingest(knowledge, tenant="t")
        repairs = REGISTRY.get_sample_value("copilot_knowledge_repairs_total", {"kind": "faq"}) or 0.0

        restarted = KnowledgeStore(settings)  # its start probes the index: the probe's read fails once
        failures.append(("/get", 500, '{"error": "InternalError", "message": "database is locked"}'))
        with pytest.raises(KnowledgeError, match="unavailable"):
            restarted.ensure_ingested(knowledge, tenant="t")
        assert not failures
        failures.append(("/query", 502, "<html><body>502 Bad Gateway</body></html>"))
        with pytest.raises(KnowledgeError, match="unavailable"):
            restarted.search_text("question number 2 about topic 14", tenant="t", k=1)
        assert not failures

        assert restarted.ensure_ingested(knowledge, tenant="t").skipped
        hits = restarted.search_text("question number 2 about topic 14", tenant="t", k=1)
    assert [h.id for h in hits] == ["faq:e2:en"]
    assert (REGISTRY.get_sample_value("copilot_knowledge_repairs_total", {"kind": "faq"}) or 0.0) == repairs


def test_an_ingest_by_another_process_is_picked_up_without_a_restart(tmp_path: Path) -> None:
    data, knowledge = tmp_path / "data", _faq(tmp_path / "knowledge", n=3)
    store = KnowledgeStore(Settings(data_dir=data))  # a running server's store
    store.ensure_ingested(knowledge, tenant="t")
    ask = "can I bring my dog?"
    assert all(h.id != "faq:pets:en" for h in store.search_text(ask, tenant="t", k=3, min_score=0))
    assert not store.refresh_if_changed("t")  # nothing changed: nothing reloaded

    _ingest_pets_elsewhere(tmp_path, data, "t")

    assert store.refresh_if_changed("t")
    hit = store.search_text(ask, tenant="t", k=1)[0]
    assert hit.id == "faq:pets:en" and hit.text == "Dogs are welcome."


def _installed_elsewhere(tmp_path: Path, *, edit: str = "") -> Path:
    """This package copied now (every module with a new modification time), as a replica or deploy job
    installed at another time has it; `edit` appended to a module makes it another version."""
    install = tmp_path / "install"
    shutil.copytree(ROOT / "copilot", install / "copilot", copy_function=shutil.copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    for bundled in ("knowledge", "prompts"):
        (install / bundled).symlink_to(ROOT / bundled)
    with (install / "copilot" / "version.py").open("a", encoding="utf-8") as f:
        f.write(edit)
    return install


def _ingest_from(install: Path, data: Path, knowledge: Path) -> bool:
    """`ensure_ingested` in a process running `install`'s code; whether it found the store up to date."""
    script = textwrap.dedent(f"""
        from pathlib import Path
        from copilot.knowledge import KnowledgeStore
        from copilot.settings import Settings
        store = KnowledgeStore(Settings(data_dir=Path({str(data)!r})))
        print(store.ensure_ingested(Path({str(knowledge)!r}), tenant="t").skipped)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(install)}, cwd=install)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split()[-1] == "True"


def test_a_replica_installed_at_another_time_finds_the_store_up_to_date(tmp_path: Path) -> None:
    """Replicas sharing one store install the same code at different times. Each must take the other's
    ingest for its own: otherwise every look re-ingests and writes a generation the other reloads."""
    data, knowledge = tmp_path / "data", _faq(tmp_path / "knowledge", n=3)
    assert not KnowledgeStore(Settings(data_dir=data)).ensure_ingested(knowledge, tenant="t").skipped
    assert _ingest_from(_installed_elsewhere(tmp_path), data, knowledge)


def test_an_ingest_of_the_same_files_by_another_version_keeps_this_ones_answer_checks(tmp_path: Path) -> None:
    """A replica of another version (a rolling deploy) ingests the same folder. This process reloads and
    keeps its entries and the answer checks' word index: without them it would quote the nearest entry
    for any question (answer_coverage) and score drafts without the checks (send_confidence)."""
    data, knowledge = tmp_path / "data", _faq(tmp_path / "knowledge", n=3)
    store = KnowledgeStore(Settings(data_dir=data))  # a running server's store
    store.ensure_ingested(knowledge, tenant="t")
    assert not _ingest_from(_installed_elsewhere(tmp_path, edit="# another version\n"), data, knowledge)

    assert store.refresh_if_changed("t")
    assert store.words("t") is not None and set(store.local_entries("t")) == {"faq:e0:en", "faq:e1:en", "faq:e2:en"}


def test_an_ingest_from_files_this_process_cannot_read_drops_what_it_read_from_the_old_ones(tmp_path: Path) -> None:
    """Another process ingested a folder that is gone by the time this one looks: its hits then come
    from the store's metadata, and no index built from the old files (entries, wording, the answer
    checks' words) stays to judge the new entries by old texts."""
    data, knowledge = tmp_path / "data", _faq(tmp_path / "knowledge", n=3)
    store = KnowledgeStore(Settings(data_dir=data))
    store.ensure_ingested(knowledge, tenant="t")
    assert store.words("t") is not None and store.local_entries("t")

    shutil.rmtree(_ingest_pets_elsewhere(tmp_path, data, "t"))

    assert store.refresh_if_changed("t")
    assert store.words("t") is None and store.local_entries("t") == {}
    hit = store.search_text("can I bring my dog?", tenant="t", k=1)[0]
    assert hit.id == "faq:pets:en" and hit.text == "Dogs are welcome."


def test_a_running_server_answers_from_an_ingest_another_process_made(
        data_dir: Path, offline_copilot: Copilot, tmp_path: Path) -> None:
    offline_copilot.warm_up()  # the session's classifier caches exist even when this test runs alone
    tenants = tmp_path / "tenants"
    _faq(tenants / "shop" / "knowledge", n=3)
    data = tmp_path / "data"
    data.mkdir()
    (data / "classifiers").symlink_to(data_dir / "classifiers", target_is_directory=True)  # warm caches, own store
    copilot = Copilot(Settings(data_dir=data, tenants_dir=tenants))
    ask = {"tenant": "shop", "messages": [{"role": "customer", "text": "Can I bring my dog?"}]}
    with serving(create_app(copilot, warm=False)) as url, httpx.Client(base_url=url, timeout=60) as client:
        before = client.post("/v1/suggest", json=ask).json()
        assert all("Dogs are welcome" not in k["text"] for k in before["knowledge"])

        _ingest_pets_elsewhere(tmp_path, data, "shop")

        time.sleep(1.1)  # a server looks at most once a second
        after = client.post("/v1/suggest", json=ask).json()
        assert after["knowledge"][0]["text"] == "Dogs are welcome."
