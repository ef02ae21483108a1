"""A warm start reads a tenant's unchanged entries from the data dir, never stale ones."""

from __future__ import annotations

from pathlib import Path

from copilot.knowledge import KnowledgeStore, load_knowledge
from copilot.knowledge.entry_cache import cached_entries
from copilot.settings import Settings


def test_cached_entries_equal_the_folders_and_survive_a_damaged_file(tmp_path: Path, knowledge_dir: Path) -> None:
    cache = tmp_path / "cache"
    fresh = load_knowledge(knowledge_dir).entries
    assert cached_entries(knowledge_dir, "m1", cache, tenant="shop") == fresh
    assert cached_entries(knowledge_dir, "m1", cache, tenant="shop") == fresh  # now from the file
    (only,) = cache.glob("*.json")
    only.write_text("{not json", encoding="utf-8")
    assert cached_entries(knowledge_dir, "m1", cache, tenant="shop") == fresh


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
