"""Fixtures of the eval tests (builders live in eval_builders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eval_builders import TINY_CASES, write_cases


@pytest.fixture
def tiny_suite(tmp_path: Path) -> Path:
    """A suite of TINY_CASES on the offline default, with a gate the offline default should meet."""
    write_cases(tmp_path / "tiny.yaml", TINY_CASES)
    suite = {
        "name": "tiny", "datasets": ["tiny.yaml"],
        "configs": [{"name": "offline"}],
        "gate": {"escalation.recall": ">= 1.0", "hygiene.must_pass_rate": ">= 1.0", "hygiene.unrevised_rate": ">= 1.0"},
    }
    path = tmp_path / "tiny-suite.yaml"
    path.write_text(yaml.safe_dump(suite), encoding="utf-8")
    return path
