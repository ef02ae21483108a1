"""Loading and importing taxonomies: YAML, folders, CSV (intent or category header), JSONL, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from copilot.errors import TaxonomyError
from copilot.paths import KNOWLEDGE_DIR
from copilot.taxonomy import Taxonomy, import_taxonomy, load_taxonomy

SMALL = {
    "version": 1,
    "intents": [
        {
            "id": "order_status",
            "description": "Where is my order.",
            "required_fields": ["order_id|phone|email"],
            "examples": {"en": ["where is my order"], "ru": ["где мой заказ"]},
        },
        {"id": "refund", "escalate": True, "examples": {"en": ["I want my money back"]}},
    ],
}


def write_yaml(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_yaml_taxonomy_loads_with_fields_and_languages(tmp_path: Path) -> None:
    tax = load_taxonomy(write_yaml(tmp_path / "intents.yaml", SMALL))
    assert tax.ids == ["order_status", "refund"]
    assert tax.get("refund").escalate is True
    assert tax.get("order_status").required_fields == ["order_id|phone|email"]
    assert ("где мой заказ", "order_status") in tax.examples()


def test_folder_with_intents_yaml_loads_that_file(tmp_path: Path) -> None:
    write_yaml(tmp_path / "intents.yaml", SMALL)
    write_yaml(tmp_path / "notes.yaml", {"unrelated": True})  # ignored: intents.yaml wins
    assert load_taxonomy(tmp_path).ids == ["order_status", "refund"]


def test_folder_of_several_yaml_files_is_merged(tmp_path: Path) -> None:
    write_yaml(tmp_path / "a.yaml", {"intents": [SMALL["intents"][0]]})
    write_yaml(tmp_path / "b.yaml", {"intents": [SMALL["intents"][1]]})
    assert load_taxonomy(tmp_path).ids == ["order_status", "refund"]


def test_an_id_defined_in_two_files_names_both(tmp_path: Path) -> None:
    write_yaml(tmp_path / "a.yaml", {"intents": [SMALL["intents"][0]]})
    write_yaml(tmp_path / "b.yaml", {"intents": [SMALL["intents"][0]]})
    with pytest.raises(TaxonomyError, match=r"b\.yaml.*'order_status'.*a\.yaml"):
        load_taxonomy(tmp_path)


def test_csv_with_intent_header_groups_rows_by_intent(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "t.csv", ["text,intent", "where is my parcel,track", '"refund, please",refund',
                                            "has it shipped yet,track"])
    tax = load_taxonomy(path)
    assert tax.ids == ["track", "refund"]
    assert tax.get("track").examples == {"und": ["where is my parcel", "has it shipped yet"]}
    assert tax.get("refund").example_texts() == ["refund, please"]


def test_csv_with_banking77_category_header_is_accepted(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "b.csv", ["text,category", "I am still waiting on my card?,card_arrival",
                                            "How do I top up?,top_up"])
    assert load_taxonomy(path).ids == ["card_arrival", "top_up"]


def test_oos_rows_are_dropped_and_never_become_an_intent(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.csv", ["text,intent", "play some jazz,oos", "where is my parcel,track"])
    assert load_taxonomy(path, oos_label="oos").ids == ["track"]
    assert load_taxonomy(path).ids == ["oos", "track"]  # without the label, oos is just a name


def test_the_reserved_other_label_is_rejected_with_a_hint(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.csv", ["text,intent", "hmm,other"])
    with pytest.raises(TaxonomyError, match=r"c\.csv:2.*reserved.*oos_label='other'"):
        load_taxonomy(path)
    with pytest.raises(TaxonomyError, match="no labelled rows"):
        load_taxonomy(path, oos_label="other")


def test_csv_with_a_wrong_header_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "bad.csv", ["message,label", "hi,greeting"])
    with pytest.raises(TaxonomyError, match=r"bad\.csv.*text,intent"):
        load_taxonomy(path)


def test_csv_row_with_empty_text_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "bad.csv", ["text,intent", "hi,greeting", ",greeting"])
    with pytest.raises(TaxonomyError, match=r"bad\.csv:3"):
        load_taxonomy(path)


def test_jsonl_rows_with_text_or_messages_are_read(tmp_path: Path) -> None:
    rows = [
        {"text": "where is my order", "intent": "order_status", "language": "en"},
        {"intent": "order_status", "messages": [
            {"role": "customer", "text": "my parcel has not arrived"},
            {"role": "agent", "text": "Could you send the order number?"},
            {"role": "customer", "text": "A-10234"},
        ]},
    ]
    path = write_lines(tmp_path / "t.jsonl", [json.dumps(r) for r in rows])
    tax = load_taxonomy(path)
    # The order number alone carries no intent: the previous customer turn is kept with it.
    assert tax.get("order_status").examples == {
        "en": ["where is my order"], "und": ["my parcel has not arrived\nA-10234"],
    }


def test_jsonl_row_without_text_or_messages_names_the_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "t.jsonl", [json.dumps({"text": "hi", "intent": "greeting"}),
                                              json.dumps({"intent": "greeting"})])
    with pytest.raises(TaxonomyError, match=r"t\.jsonl:2.*`text` or `messages`"):
        load_taxonomy(path)


def test_unknown_key_is_an_error_naming_file_intent_and_key(tmp_path: Path) -> None:
    bad = {"intents": [{"id": "refund", "exampels": {"en": ["money back"]}, "examples": {"en": ["refund"]}}]}
    with pytest.raises(TaxonomyError, match=r"intents\.yaml.*intents\.0\(refund\)\.exampels"):
        load_taxonomy(write_yaml(tmp_path / "intents.yaml", bad))


def test_a_reason_code_not_in_the_rulebook_is_an_error_naming_it_and_the_codes(tmp_path: Path) -> None:
    bad = {"intents": [{"id": "complaint", "kind": "escalate", "escalation_reason": "E-furious",
                        "examples": {"en": ["this is outrageous"]}}]}
    with pytest.raises(TaxonomyError, match=r"intents\.0\(complaint\)\.escalation_reason.*'E-furious'.*E-angry"):
        load_taxonomy(write_yaml(tmp_path / "intents.yaml", bad))


def test_duplicate_intent_ids_are_an_error(tmp_path: Path) -> None:
    bad = {"intents": [SMALL["intents"][1], SMALL["intents"][1]]}
    with pytest.raises(TaxonomyError, match="duplicate intent id 'refund'"):
        load_taxonomy(write_yaml(tmp_path / "intents.yaml", bad))


@pytest.mark.parametrize("examples", [{}, {"en": []}, {"en": ["  "]}])
def test_an_intent_without_usable_examples_is_an_error(tmp_path: Path, examples: dict) -> None:
    bad = {"intents": [{"id": "refund", "examples": examples}]}
    with pytest.raises(TaxonomyError, match=r"intents\.0\(refund\)\.examples"):
        load_taxonomy(write_yaml(tmp_path / "intents.yaml", bad))


def test_import_writes_intents_yaml_that_loads_back_identically(tmp_path: Path) -> None:
    src = write_lines(tmp_path / "train.csv", ["text,category", "card not here yet,card_arrival",
                                               "привет,greeting", "noise,oos"])
    dest = tmp_path / "tenants" / "bank" / "taxonomy"
    imported = import_taxonomy(src, dest, oos_label="oos")
    assert (dest / "intents.yaml").is_file()
    reloaded = load_taxonomy(dest)
    assert reloaded == imported
    assert reloaded.content_hash() == imported.content_hash()
    assert "привет" in (dest / "intents.yaml").read_text(encoding="utf-8")  # unicode kept readable


def test_content_hash_changes_when_an_example_changes() -> None:
    a = Taxonomy.model_validate(SMALL)
    changed = json.loads(json.dumps(SMALL))
    changed["intents"][1]["examples"]["en"].append("refund now")
    assert a.content_hash() == Taxonomy.model_validate(SMALL).content_hash()
    assert a.content_hash() != Taxonomy.model_validate(changed).content_hash()


def test_default_taxonomy_loads_when_present() -> None:
    folder = KNOWLEDGE_DIR / "taxonomy"
    if not (folder / "intents.yaml").is_file():
        pytest.skip("default taxonomy not written yet")
    tax = load_taxonomy(folder)
    assert len(tax.intents) >= 10
    assert "other" not in tax.ids
