"""Stock wording is data: knowledge/availability.yaml, and a tenant's own beside its catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from copilot.errors import KnowledgeError
from copilot.knowledge import KnowledgeStore, load_knowledge
from copilot.paths import KNOWLEDGE_DIR
from copilot.tenant_setup import check_layout

OWN_WORDING = "words:\n  in_stock: {en: ready to ride today}\n"


def _texts(directory: Path) -> dict[str, str]:
    return {e.id: e.text for e in load_knowledge(directory).entries if e.kind == "catalogue"}


def test_the_default_file_words_both_states_in_the_five_shipped_languages() -> None:
    words = yaml.safe_load((KNOWLEDGE_DIR / "availability.yaml").read_text(encoding="utf-8"))["words"]
    for state in ("in_stock", "out_of_stock"):
        assert set(words[state]) == {"en", "ru", "uk", "hy", "lo"}


def test_a_tenant_file_rewords_the_state_and_language_it_names_and_keeps_the_rest(knowledge_dir: Path) -> None:
    (knowledge_dir / "availability.yaml").write_text(OWN_WORDING, encoding="utf-8")
    texts = _texts(knowledge_dir)
    assert texts["catalogue:bike-city-3:en"].endswith("— ready to ride today")
    assert texts["catalogue:bike-city-3:ru"].endswith("— в наличии")  # Russian: the default still
    assert texts["catalogue:helmet-pro:en"].endswith("— out of stock")  # the other state: the default still


def test_a_changed_wording_re_ingests_the_entries_that_quote_it(store: KnowledgeStore, knowledge_dir: Path) -> None:
    store.ingest(knowledge_dir, tenant="shop")
    (knowledge_dir / "availability.yaml").write_text(OWN_WORDING, encoding="utf-8")
    report = store.ensure_ingested(knowledge_dir, tenant="shop")
    assert not report.skipped and report.updated == ["catalogue:bike-city-3:en"]
    entries = {h.id: h.text for h in store.entries(tenant="shop", kind="catalogue")}
    assert entries["catalogue:bike-city-3:en"].endswith("— ready to ride today")


@pytest.mark.parametrize(("content", "named"), [
    ("words:\n  in-stock: {en: here}\n", "in-stock"),
    ("words:\n  sold_out: {en: gone}\n", "sold_out"),  # not a state the default file defines
    ("words:\n  in_stock: {english: here}\n", "english"),
    ("words:\n  in_stock: {en: ' '}\n", "empty phrase"),
    ("wording:\n  in_stock: {en: here}\n", "wording"),
])
def test_a_bad_availability_file_is_an_error_naming_the_file_and_the_key(knowledge_dir: Path, content: str,
                                                                         named: str) -> None:
    (knowledge_dir / "availability.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=named) as exc:
        load_knowledge(knowledge_dir)
    assert "availability.yaml" in str(exc.value)


def test_a_tenant_folder_may_hold_its_availability_file(tmp_path: Path, make_knowledge) -> None:  # type: ignore[no-untyped-def]
    kdir = make_knowledge(tmp_path / "shop" / "knowledge")
    (kdir / "availability.yaml").write_text(OWN_WORDING, encoding="utf-8")
    assert check_layout(tmp_path / "shop").errors == []
