"""`run_intent_eval`: the bring-your-own-taxonomy protocol on small files with the real embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copilot.errors import InputError
from copilot.evals.intents import format_report, run_intent_eval

TRAIN = [
    ("where is my order", "order_status"), ("my parcel still hasn't arrived", "order_status"),
    ("when will my package be delivered", "order_status"), ("has my order shipped yet", "order_status"),
    ("где мой заказ", "order_status"),
    ("I want my money back", "refund"), ("please refund my payment", "refund"),
    ("how do I get a refund", "refund"), ("refund me for the broken item", "refund"),
    ("верните деньги", "refund"),
    ("what time do you open", "opening_hours"), ("are you open on sunday", "opening_hours"),
    ("what are your opening hours", "opening_hours"), ("when do you close today", "opening_hours"),
    ("до скольки вы работаете", "opening_hours"),
    ("play some jazz music", "oos"),  # out-of-scope rows in train are dropped, never an intent
]
VALIDATION = [
    ("any news on my delivery?", "order_status"), ("I'd like my money returned", "refund"),
    ("is the shop open on saturday", "opening_hours"),
    ("what's the capital of Australia?", "oos"), ("recommend a pasta recipe", "oos"),
    ("who won the football match last night", "oos"),
]


def write_csv(path: Path, rows: list[tuple[str, str]], header: str = "text,intent") -> Path:
    lines = [header] + [f'"{t}",{label}' for t, label in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("intents-eval")
    test_rows = [
        {"text": "my package hasn't come yet", "intent": "order_status", "language": "en"},
        {"text": "когда придет моя посылка", "intent": "order_status", "language": "ru"},
        {"text": "can I get a refund for this", "intent": "refund", "language": "en"},
        {"intent": "opening_hours", "language": "en", "messages": [
            {"role": "customer", "text": "are you open tomorrow?"},
            {"role": "agent", "text": "Which shop do you mean?"},
            {"role": "customer", "text": "Yes"},
        ]},
        {"text": "translate 'good night' into italian", "intent": "oos", "language": "en"},
        {"text": "what's the weather in Paris", "intent": "oos", "language": "en"},
    ]
    test = d / "test.jsonl"
    test.write_text("\n".join(json.dumps(r) for r in test_rows) + "\n", encoding="utf-8")
    return {
        "train": write_csv(d / "train.csv", TRAIN, header="text,category"),
        "validation": write_csv(d / "val.csv", VALIDATION),
        "test": test,
        "cache": d / "cache",
    }


def test_protocol_picks_the_threshold_on_validation_and_scores_oos(files: dict[str, Path]) -> None:
    report = run_intent_eval(files["test"], taxonomy=files["train"], validation=files["validation"],
                             oos_label="oos", cache_dir=files["cache"])
    assert (report.n, report.n_in_scope, report.n_oos) == (6, 4, 2)
    assert report.taxonomy_intents == 3 and report.taxonomy_examples == 15
    assert report.threshold_source == "validation"
    assert report.accuracy >= 0.75
    assert report.oos_recall is not None and report.oos_recall >= 0.5
    assert report.median_ms > 0
    assert set(report.by_language) == {"en", "ru"}


def test_predicting_everything_out_of_scope_scores_zero_accuracy_and_full_oos_recall(files: dict[str, Path]) -> None:
    report = run_intent_eval(files["test"], taxonomy=files["train"], oos_label="oos", threshold=10.0,
                             cache_dir=files["cache"])
    assert report.accuracy == 0.0
    assert report.oos_recall == 1.0
    assert report.oos_precision == pytest.approx(2 / 6)
    assert report.worst[0].confused_with == "other"


def test_never_predicting_out_of_scope_scores_zero_oos_recall(files: dict[str, Path]) -> None:
    report = run_intent_eval(files["test"], taxonomy=files["train"], oos_label="oos", threshold=-10.0,
                             cache_dir=files["cache"])
    assert report.threshold_source == "fixed"
    assert report.oos_recall == 0.0
    assert report.oos_precision == 0.0


def test_oos_metrics_are_none_without_oos_rows(files: dict[str, Path], tmp_path: Path) -> None:
    test = write_csv(tmp_path / "test.csv", [("where's my parcel", "order_status"), ("refund please", "refund")])
    report = run_intent_eval(test, taxonomy=files["train"], oos_label="oos", cache_dir=files["cache"])
    assert report.threshold_source == "default"
    assert report.oos_recall is None and report.oos_precision is None
    assert report.n_oos == 0


def test_examples_per_intent_subsamples_the_taxonomy(files: dict[str, Path], tmp_path: Path) -> None:
    report = run_intent_eval(files["test"], taxonomy=files["train"], oos_label="oos", examples_per_intent=2,
                             cache_dir=tmp_path)
    assert report.taxonomy_examples == 2 * 3


def test_a_test_label_outside_the_taxonomy_is_an_input_error(files: dict[str, Path], tmp_path: Path) -> None:
    test = write_csv(tmp_path / "test.csv", [("where's my parcel", "order_status"), ("jazz please", "music")])
    with pytest.raises(InputError, match=r"test\.csv:3.*'music'"):
        run_intent_eval(test, taxonomy=files["train"], oos_label="oos", cache_dir=files["cache"])


def test_format_report_shows_the_figures_and_worst_intents(files: dict[str, Path]) -> None:
    report = run_intent_eval(files["test"], taxonomy=files["train"], oos_label="oos", threshold=10.0,
                             cache_dir=files["cache"])
    text = format_report(report)
    assert "accuracy" in text and "OOS recall" in text
    assert "order_status" in text and "other" in text
