"""Ingest: files become entries, re-ingest writes only what changed, bad files are named errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.errors import KnowledgeError
from copilot.knowledge import KnowledgeStore, collection_name, load_knowledge
from copilot.knowledge.chunking import count_tokens

ALL_IDS = {
    "faq:hours:en", "faq:hours:ru", "faq:delivery_cost:en", "faq:delivery_cost:ru",
    "faq:payment:en", "faq:payment:ru", "policy:returns:en:1", "policy:returns:en:2",
    "catalogue:bike-city-3:en", "catalogue:bike-city-3:ru", "catalogue:helmet-pro:en",
}


def test_first_ingest_adds_every_entry_and_file(store: KnowledgeStore, knowledge_dir: Path) -> None:
    report = store.ingest(knowledge_dir, tenant="shop")
    assert set(report.added) == ALL_IDS
    assert report.updated == report.removed == report.unchanged == []
    assert report.files_added == ["faq.yaml", "policies/returns.en.md", "catalogue.yaml"]
    # 3 + 2 + 2 + 2 + 2 + 2 question variants, one answer per (entry, language), 2 sections, 3 items
    assert report.embedded == 13 + 6 + 2 + 3
    assert {h.id for h in store.entries(tenant="shop")} == ALL_IDS


def test_reingesting_an_unchanged_folder_embeds_and_writes_nothing(store: KnowledgeStore, knowledge_dir: Path) -> None:
    store.ingest(knowledge_dir, tenant="shop")
    again = store.ingest(knowledge_dir, tenant="shop")
    assert again.embedded == 0
    assert set(again.unchanged) == ALL_IDS
    assert again.added == again.updated == again.removed == []
    assert again.files_unchanged == ["faq.yaml", "policies/returns.en.md", "catalogue.yaml"]


def test_editing_one_answer_updates_only_that_entry(store: KnowledgeStore, knowledge_dir: Path) -> None:
    store.ingest(knowledge_dir, tenant="shop")
    faq = knowledge_dir / "faq.yaml"
    faq.write_text(faq.read_text().replace("Mon–Sat 10:00–19:00", "every day 09:00–21:00"))
    report = store.ingest(knowledge_dir, tenant="shop")
    assert report.updated == ["faq:hours:en"]
    assert report.added == report.removed == []
    assert report.embedded == 4  # three question variants and the answer of that one entry
    assert report.files_updated == ["faq.yaml"]
    hours = {h.id: h for h in store.entries(tenant="shop", kind="faq")}["faq:hours:en"]
    assert hours.text == "We are open every day 09:00–21:00."


def test_dropping_a_question_variant_leaves_no_stale_vector(store: KnowledgeStore, knowledge_dir: Path) -> None:
    store.ingest(knowledge_dir, tenant="shop")
    exact = store.search_text("until what time do you work", tenant="shop", kinds=("faq",), min_score=0.0)
    assert exact[0].id == "faq:hours:en" and exact[0].score > 0.99  # the variant itself is stored
    faq = knowledge_dir / "faq.yaml"
    faq.write_text(faq.read_text().replace(', "until what time do you work"', ""))
    store.ingest(knowledge_dir, tenant="shop")
    after = store.search_text("until what time do you work", tenant="shop", kinds=("faq",), min_score=0.0)
    assert after[0].score < 0.99


def test_deleting_a_file_removes_its_entries(store: KnowledgeStore, knowledge_dir: Path) -> None:
    store.ingest(knowledge_dir, tenant="shop")
    (knowledge_dir / "policies" / "returns.en.md").unlink()
    report = store.ingest(knowledge_dir, tenant="shop")
    assert sorted(report.removed) == ["policy:returns:en:1", "policy:returns:en:2"]
    assert report.files_removed == ["policies/returns.en.md"]
    assert store.entries(tenant="shop", kind="policy") == []
    assert store.search_text("can I return the bike", tenant="shop", kinds=("policy",), min_score=0.0) == []


def test_ensure_ingested_skips_an_unchanged_folder_and_catches_a_change(
    store: KnowledgeStore, knowledge_dir: Path
) -> None:
    first = store.ensure_ingested(knowledge_dir, tenant="shop")
    assert not first.skipped and set(first.added) == ALL_IDS
    second = store.ensure_ingested(knowledge_dir, tenant="shop")
    assert second.skipped and second.embedded == 0
    policy = knowledge_dir / "policies" / "returns.en.md"
    policy.write_text(policy.read_text() + "\n## Exchanges\nSizes can be exchanged free of charge.\n")
    third = store.ensure_ingested(knowledge_dir, tenant="shop")
    assert not third.skipped
    assert third.added == ["policy:returns:en:3"] and third.embedded == 1


def test_a_new_store_on_the_same_data_dir_finds_the_ingested_knowledge(tmp_path: Path, knowledge_dir: Path) -> None:
    from copilot.settings import Settings

    settings = Settings(data_dir=tmp_path / "data", chroma_url=None)
    KnowledgeStore(settings).ingest(knowledge_dir, tenant="shop")
    reopened = KnowledgeStore(settings)
    assert reopened.ensure_ingested(knowledge_dir, tenant="shop").skipped
    assert len(reopened.entries(tenant="shop")) == len(ALL_IDS)


# ---------------------------------------------------------------- entries from files


def test_faq_entries_are_one_per_language_titled_by_the_first_question(knowledge_dir: Path) -> None:
    entries = {e.id: e for e in load_knowledge(knowledge_dir).entries}
    hours_ru = entries["faq:hours:ru"]
    assert hours_ru.title == "до скольки вы работаете"
    assert hours_ru.text == "Мы работаем пн–сб с 10:00 до 19:00."
    assert hours_ru.language == "ru" and hours_ru.source == "faq.yaml"


def test_numbers_among_an_entrys_tags_are_words(knowledge_dir: Path) -> None:
    """A driving school tagged its age entry `tags: [age, 18, 17]`; the loader said "Input should be a valid
    string"."""
    faq = knowledge_dir / "faq.yaml"
    faq.write_text(faq.read_text().replace("tags: [hours]", "tags: [hours, 10, 19]", 1))
    entries = {e.id: e for e in load_knowledge(knowledge_dir).entries}
    assert entries["faq:hours:en"].extra["tags"] == "hours,10,19"


def test_policy_sections_become_entries_titled_by_their_heading(knowledge_dir: Path) -> None:
    entries = {e.id: e for e in load_knowledge(knowledge_dir).entries}
    refunds = entries["policy:returns:en:2"]
    assert refunds.title == "Refunds"
    assert refunds.text.startswith("Refunds are paid to the original payment method")
    assert refunds.source == "policies/returns.en.md"


def test_a_long_policy_section_is_chunked_at_paragraph_boundaries(knowledge_dir: Path) -> None:
    paragraphs = [f"Rule {i}: " + " ".join(["bikes must be returned clean and complete."] * 12) for i in range(8)]
    (knowledge_dir / "policies" / "care.en.md").write_text("## Care\n\n" + "\n\n".join(paragraphs) + "\n")
    chunks = [e for e in load_knowledge(knowledge_dir).entries if e.id.startswith("policy:care:en:1.")]
    assert len(chunks) >= 3
    assert [e.id for e in chunks] == [f"policy:care:en:1.{i}" for i in range(1, len(chunks) + 1)]
    assert all(count_tokens(e.text) <= 300 for e in chunks)
    # Nothing lost, nothing cut mid-paragraph: the chunks are the paragraphs regrouped.
    assert [p for e in chunks for p in e.text.split("\n\n")] == paragraphs


def test_catalogue_items_read_name_price_summary_and_stock_in_each_language(knowledge_dir: Path) -> None:
    entries = {e.id: e for e in load_knowledge(knowledge_dir).entries}
    assert entries["catalogue:bike-city-3:en"].text == "City 3 bike — 540 EUR — 3-speed city bike with rack and lights — in stock"
    assert entries["catalogue:bike-city-3:ru"].text.endswith("— в наличии")
    helmet = entries["catalogue:helmet-pro:en"]
    assert helmet.text == "Pro helmet — 79.50 EUR — light road helmet — out of stock"
    assert helmet.extra == {"item_id": "helmet-pro", "price": 79.5, "currency": "EUR", "stock": 0}


def test_an_unknown_faq_key_is_an_error_naming_the_file_and_the_key(knowledge_dir: Path) -> None:
    faq = knowledge_dir / "faq.yaml"
    faq.write_text(faq.read_text().replace("    answers:\n      en: \"We are open", "    answer:\n      en: \"We are open", 1))
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(knowledge_dir)
    assert "faq.yaml" in str(err.value) and "entries.0(hours).answer" in str(err.value)


def test_an_invalid_catalogue_is_an_error_naming_the_file_and_the_key(knowledge_dir: Path) -> None:
    cat = knowledge_dir / "catalogue.yaml"
    cat.write_text(cat.read_text().replace("price: 540", "prise: 540"))
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(knowledge_dir)
    assert "catalogue.yaml" in str(err.value) and "prise" in str(err.value)


def test_a_policy_file_without_a_language_in_its_name_is_rejected(knowledge_dir: Path) -> None:
    (knowledge_dir / "policies" / "warranty.md").write_text("## Warranty\nTwo years.\n")
    with pytest.raises(KnowledgeError, match="warranty.md"):
        load_knowledge(knowledge_dir)


def test_a_missing_folder_is_a_knowledge_error(store: KnowledgeStore, tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="does not exist"):
        store.ingest(tmp_path / "nowhere", tenant="shop")


TENANTS = ["a.b", "a_b", "a..b", "A-1", "x" * 64]


def test_awkward_tenant_ids_get_valid_and_separate_collections(store: KnowledgeStore, tmp_path: Path) -> None:
    assert len({collection_name(t, "faq") for t in TENANTS}) == len(TENANTS)
    for i, tenant in enumerate(TENANTS):
        folder = tmp_path / f"k{i}"
        folder.mkdir()
        (folder / "faq.yaml").write_text(
            f"entries:\n  - id: hi\n    questions: {{en: [hello]}}\n    answers: {{en: 'answer {i}'}}\n"
        )
        store.ingest(folder, tenant=tenant)
    for i, tenant in enumerate(TENANTS):
        assert [h.text for h in store.entries(tenant=tenant)] == [f"answer {i}"]
