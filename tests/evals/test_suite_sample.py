"""A suite may name the cases it runs (`cases:`): a sample for a slow local model."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.evals.dataset import DatasetError, load_datasets
from copilot.evals.suite import load_suite

DATASET = """cases:
  - id: a-1
    conversation: {messages: [{role: customer, text: "hi"}]}
  - id: b-2
    conversation: {messages: [{role: customer, text: "where is my order?"}]}
  - id: c-3
    conversation: {messages: [{role: customer, text: "price?"}]}
"""


def _suite(tmp_path: Path, cases: str) -> Path:
    (tmp_path / "d.yaml").write_text(DATASET, encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(f"name: s\ndatasets: [d.yaml]\n{cases}", encoding="utf-8")
    return path


def test_a_suite_runs_only_the_cases_it_names_in_its_order(tmp_path: Path) -> None:
    suite = load_suite(_suite(tmp_path, "cases: [c-3, a-1]\n"))
    assert [c.id for c in suite.select(load_datasets(suite.dataset_paths()))] == ["c-3", "a-1"]


def test_a_suite_without_cases_runs_them_all(tmp_path: Path) -> None:
    suite = load_suite(_suite(tmp_path, ""))
    assert len(suite.select(load_datasets(suite.dataset_paths()))) == 3


def test_a_case_the_datasets_do_not_have_is_named_in_the_error(tmp_path: Path) -> None:
    suite = load_suite(_suite(tmp_path, "cases: [a-1, zz-9]\n"))
    with pytest.raises(DatasetError, match="zz-9"):
        suite.select(load_datasets(suite.dataset_paths()))


def test_the_local_model_suite_names_starter_cases_that_exist() -> None:
    suite = load_suite(Path(__file__).resolve().parents[2] / "evals" / "local_model.yaml")
    assert len(suite.select(load_datasets(suite.dataset_paths()))) == 40
    assert [c.name for c in suite.configs] == ["offline", "qwen-1.5b-local"]
