"""A warm start reads a tenant's unchanged entries from the data dir, never stale ones."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from copilot.knowledge import KnowledgeStore, load_knowledge
from copilot.knowledge.entry_cache import cached_entries
from copilot.settings import Settings


def _repairs() -> float:
    return REGISTRY.get_sample_value("copilot_knowledge_repairs_total", {"kind": "entries"}) or 0.0


@pytest.mark.parametrize("damage", ["{not json", '[{"id": "faq:x:en"}]', "[1, 2]"])
def test_a_damaged_entry_file_is_set_aside_logged_counted_and_rebuilt(
        tmp_path: Path, knowledge_dir: Path, damage: str, caplog: pytest.LogCaptureFixture) -> None:
    cache = tmp_path / "cache"
    fresh = load_knowledge(knowledge_dir).entries
    before = _repairs()
    assert cached_entries(knowledge_dir, "m1", cache, tenant="shop") == fresh
    assert cached_entries(knowledge_dir, "m1", cache, tenant="shop") == fresh  # now from the file
    assert _repairs() == before  # not cached yet is no damage
    (only,) = cache.glob("*.json")
    only.write_text(damage, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="copilot"):
        assert cached_entries(knowledge_dir, "m1", cache, tenant="shop") == fresh
    assert _repairs() == before + 1
    assert any(r.levelno == logging.WARNING and "knowledge entry cache" in r.getMessage() for r in caplog.records)
    assert len(list(cache.glob("*.json.corrupt-*"))) == 1  # kept for a post-mortem
    assert len(list(cache.glob("*.json"))) == 1  # rewritten
    assert cached_entries(knowledge_dir, "m1", cache, tenant="shop") == fresh and _repairs() == before + 1


def test_a_new_manifest_replaces_the_tenants_cached_entries(tmp_path: Path, knowledge_dir: Path) -> None:
    cache = tmp_path / "cache"
    cached_entries(knowledge_dir, "m1", cache, tenant="shop")
    cached_entries(knowledge_dir, "m1", cache, tenant="other")
    cached_entries(knowledge_dir, "m2", cache, tenant="shop")
    assert len(list(cache.glob("*.json"))) == 2  # shop's m2 and other's m1


def test_a_restarted_store_answers_from_an_unchanged_folder_and_sees_an_edit(tmp_path: Path, knowledge_dir: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", chroma_url=None)
    first = KnowledgeStore(settings)
    first.ingest(knowledge_dir, tenant="shop")
    again = KnowledgeStore(settings)
    assert again.ensure_ingested(knowledge_dir, tenant="shop").skipped
    hits = again.search_text("what are your opening hours?", tenant="shop", language="en", k=1)
    assert hits and hits[0].id == "faq:hours:en"
    faq = knowledge_dir / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("10:00–19:00", "09:00–19:00"), encoding="utf-8")
    third = KnowledgeStore(settings)
    assert not third.ensure_ingested(knowledge_dir, tenant="shop").skipped
    assert "09:00–19:00" in third.search_text("what are your opening hours?", tenant="shop", language="en", k=1)[0].text


def test_a_second_read_of_a_folder_sees_a_same_size_edit(knowledge_dir: Path) -> None:
    first = load_knowledge(knowledge_dir).entries
    assert load_knowledge(knowledge_dir).entries == first
    faq = knowledge_dir / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("10:00–19:00", "09:00–19:00"), encoding="utf-8")
    hours = next(e for e in load_knowledge(knowledge_dir).entries if e.id == "faq:hours:en")
    assert hours.text == "We are open Mon–Sat 09:00–19:00."
