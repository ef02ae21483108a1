"""The tenant's word index: built by the store from the entries it loaded, with the vectors it stored."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from copilot.knowledge import KnowledgeStore


def test_the_index_holds_the_ingested_entries_and_their_stored_vectors(store: KnowledgeStore, knowledge_dir: Path) -> None:
    store.ingest(knowledge_dir, tenant="velo")
    words = store.words("velo")
    assert words is not None and store.words("other") is None
    entry = words.entries["faq:hours:en"]
    users = {w: ids for group in words.users("en").values() for w, ids in group}
    assert users["open"] == {"faq:hours:en"} and "mon" in words.words_of(entry)
    stored = words.vectors(entry)
    questions = [d.text for d in entry.documents if d.role == "question"]
    fresh = np.vstack([store.embedder.embed_queries(questions), store.embedder.embed_passages([entry.text])])
    assert stored is not None and stored.shape == fresh.shape
    assert np.allclose(stored, fresh, atol=1e-4)  # the same texts, embedded once at ingest


def test_a_changed_entry_is_indexed_with_its_new_words_and_vectors(store: KnowledgeStore, knowledge_dir: Path) -> None:
    store.ingest(knowledge_dir, tenant="velo")
    before = store.words("velo")
    assert before is not None
    old = before.vectors(before.entries["faq:hours:en"])
    faq = knowledge_dir / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("We are open Mon–Sat 10:00–19:00.",
                                                           "Our garage opens Mon–Sat 9:00–18:00."), encoding="utf-8")
    store.ingest(knowledge_dir, tenant="velo")
    after = store.words("velo")
    assert after is not None
    entry = after.entries["faq:hours:en"]
    assert "garage" in after.words_of(entry) and "mon" in after.words_of(entry)
    new = after.vectors(entry)
    assert new is not None and old is not None and not np.allclose(new[-1], old[-1], atol=1e-3)
    assert np.allclose(new[-1], store.embedder.embed_passages([entry.text])[0], atol=1e-4)


def test_coverage_weighs_the_rare_words_an_entry_holds(store: KnowledgeStore, knowledge_dir: Path) -> None:
    from copilot.knowledge.words import Rarity, stems

    store.ingest(knowledge_dir, tenant="velo")
    words = store.words("velo")
    assert words is not None
    rarity = Rarity(words.stem_doc, words.language, {})
    message = stems("does shipping cost much to Gyumri?")
    # "shipping" and "cost" are in the delivery entry's questions; the hours entry holds none of them.
    delivery = words.coverage(message, "faq:delivery_cost:en", rarity)
    assert 0.3 < delivery < 1.0  # "Gyumri" is in no entry: part of the message stays uncovered
    assert words.coverage(message, "faq:hours:en", rarity) == 0.0
    assert words.coverage(frozenset(), "faq:hours:en", rarity) == 0.0


def test_the_words_of_the_business_name_weigh_as_everyday_words() -> None:
    from copilot.knowledge.entry import Document, Entry
    from copilot.knowledge.words import Rarity, TenantWords, stems

    def faq(name: str, questions: tuple[str, ...], answer: str) -> Entry:
        return Entry(id=f"faq:{name}:en", kind="faq", language="en", title=name, text=answer, source="faq.yaml",
                     position=0, documents=tuple(Document(q, "question") for q in questions))

    words = TenantWords([
        faq("address", ("what's the studio address", "is it near the metro"), "38 Komitas Ave, 2nd floor."),
        faq("parking", ("is there parking", "where can I leave my car"), "Free parking for 10 cars in front."),
        faq("hours", ("when do you open",), "Mon–Sat 7:00–22:00."),
        faq("trial", ("is the first class free",), "Your first class costs 3 000 AMD.")])
    message = stems("can i park near the studio")  # "studio" is the place, "park" the question
    plain = Rarity(words.stem_doc, words.language, {})
    named = Rarity(words.stem_doc, words.language, {}, stems("Kamar Fitness Studio"))
    assert words.coverage(message, "faq:address:en", plain) > words.coverage(message, "faq:parking:en", plain)
    assert words.coverage(message, "faq:parking:en", named) >= words.coverage(message, "faq:address:en", named)
    assert named.idf("studi", "en") < plain.idf("studi", "en") / 5
