"""Dataset and suite files: validated strictly, errors name the file, the case and the key."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from copilot.evals.dataset import DatasetError, load_dataset, load_datasets
from copilot.evals.suite import load_suite
from eval_builders import TINY_CASES, write_cases

REPO = Path(__file__).resolve().parents[2]
STARTER = REPO / "evals" / "starter.yaml"


def test_a_misspelt_expectation_key_is_an_error_naming_the_case_and_the_key(tmp_path: Path) -> None:
    bad = [{**TINY_CASES[0], "expect": {"intnet": "order_status"}}]
    with pytest.raises(DatasetError) as err:
        load_dataset(write_cases(tmp_path / "d.yaml", bad))
    assert "t-order" in str(err.value) and "expect.intnet" in str(err.value)


def test_a_bad_role_in_a_conversation_names_the_message(tmp_path: Path) -> None:
    case = yaml.safe_load(yaml.safe_dump(TINY_CASES[1]))
    case["conversation"]["messages"][0]["role"] = "client"
    with pytest.raises(DatasetError) as err:
        load_dataset(write_cases(tmp_path / "d.yaml", [case]))
    assert "t-refund" in str(err.value) and "conversation.messages.0.role" in str(err.value)


def test_a_reason_code_must_be_an_e_code(tmp_path: Path) -> None:
    case = {**TINY_CASES[1], "expect": {"reasons": ["refund"]}}
    with pytest.raises(DatasetError, match="t-refund.*E-"):
        load_dataset(write_cases(tmp_path / "d.yaml", [case]))


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    a = write_cases(tmp_path / "a.yaml", TINY_CASES[:1])
    b = write_cases(tmp_path / "b.yaml", TINY_CASES[:1])
    with pytest.raises(DatasetError, match="t-order"):
        load_datasets([a, b])


def test_jsonl_datasets_load_and_cases_come_back_sorted_by_id(tmp_path: Path) -> None:
    import json

    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in TINY_CASES), encoding="utf-8")
    assert [c.id for c in load_datasets([path])] == ["t-hello", "t-order", "t-refund"]


def test_a_suite_refuses_an_api_key_and_unknown_settings(tmp_path: Path) -> None:
    write_cases(tmp_path / "d.yaml", TINY_CASES)
    for settings, word in (({"api_key": "sk-x"}, "environment"), ({"modle": "x"}, "unknown settings")):
        path = tmp_path / "s.yaml"
        path.write_text(yaml.safe_dump({"name": "s", "datasets": ["d.yaml"],
                                        "configs": [{"name": "c", "settings": settings}]}))
        with pytest.raises(DatasetError, match=word):
            load_suite(path)


def test_a_gate_threshold_must_read_like_a_comparison(tmp_path: Path) -> None:
    write_cases(tmp_path / "d.yaml", TINY_CASES)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump({"name": "s", "datasets": ["d.yaml"], "gate": {"intent.accuracy": "at least 0.9"}}))
    with pytest.raises(DatasetError, match="intent.accuracy"):
        load_suite(path)


# ---------------------------------------------------------------- the starter dataset itself


@pytest.fixture(scope="module")
def starter_cases() -> list:
    return load_datasets(load_suite(STARTER).dataset_paths())


def test_the_starter_dataset_covers_five_languages_twelve_recipes_and_the_moments(starter_cases: list) -> None:
    assert len(starter_cases) >= 150
    languages = Counter(c.language for c in starter_cases)
    assert set(languages) == {"en", "ru", "uk", "hy", "lo"} and min(languages.values()) >= 30
    assert {c.recipe for c in starter_cases} - {None} == set(range(1, 13))  # multi-turn cases span recipes
    assert {"first_reply", "missing_field", "options", "closing", "reopen", "angry", "handoff"} <= {
        c.moment for c in starter_cases}


def test_starter_expectations_use_only_the_default_taxonomy_and_known_rules(starter_cases: list) -> None:
    from copilot.rules import describe_rules

    taxonomy = yaml.safe_load((REPO / "knowledge" / "taxonomy" / "intents.yaml").read_text(encoding="utf-8"))
    intents = {i["id"] for i in taxonomy["intents"]} | {"other"}
    rules = {r.id for r in describe_rules()}
    for case in starter_cases:
        assert case.expect.intent is None or case.expect.intent in intents, case.id
        assert set(case.expect.rules_must_pass) <= rules, case.id


def test_every_starter_case_that_must_escalate_names_its_reason(starter_cases: list) -> None:
    # Rulebook §4: refund, payment, legal, human, angry, VIP, negative feedback, stuck technical problems.
    for case in starter_cases:
        if case.expect.escalate:
            assert case.expect.reasons, case.id
        if case.expect.intent in ("refund", "payment_issue", "legal", "human_request"):
            assert case.expect.escalate is True, case.id
        if case.conversation.customer.vip:
            assert case.expect.escalate is True and "E-vip" in case.expect.reasons, case.id


def test_a_matrix_expands_to_one_config_per_combination_of_its_axes(tmp_path: Path) -> None:
    write_cases(tmp_path / "d.yaml", TINY_CASES)
    suite = {"name": "m", "datasets": ["d.yaml"], "configs": [{"name": "offline"}],
             "matrix": {"axes": {"prompt": {"v1": {"prompt_versions": {"suggest": "v1"}},
                                            "v2": {"prompt_versions": {"suggest": "v2"}}},
                                 "model": {"a": {"model": "openai/a"}, "b": {"model": "openai/b", "temperature": 0}}},
                        "settings": {"timeout_s": 7, "prompt_versions": {"revise": "v1"}}, "concurrency": 3}}
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(suite, sort_keys=False), encoding="utf-8")
    configs = load_suite(tmp_path / "s.yaml").configs
    assert [c.name for c in configs] == ["offline", "v1-a", "v1-b", "v2-a", "v2-b"]
    v2b = configs[-1]
    assert v2b.settings == {"timeout_s": 7, "prompt_versions": {"revise": "v1", "suggest": "v2"},
                            "model": "openai/b", "temperature": 0}
    assert v2b.axes == {"prompt": "v2", "model": "b"} and v2b.workers == 3 and configs[0].workers == 1


def test_a_typo_in_a_matrix_setting_names_it(tmp_path: Path) -> None:
    write_cases(tmp_path / "d.yaml", TINY_CASES)
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(
        {"name": "m", "datasets": ["d.yaml"], "matrix": {"axes": {"model": {"a": {"modle": "openai/a"}}}}}))
    with pytest.raises(DatasetError, match="modle"):
        load_suite(tmp_path / "s.yaml")
