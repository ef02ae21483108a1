"""Evals inside a team's own test suite.

    # tests/test_replies.py
    from copilot.evals.pytest_plugin import assert_suite_passes

    def test_our_reply_suite_passes_its_gate(tmp_path):
        assert_suite_passes("evals/ours.yaml", out_dir=tmp_path)

or, with ``pytest_plugins = ["copilot.evals.pytest_plugin"]`` in conftest.py, the ``eval_suite``
fixture: ``result = eval_suite("evals/ours.yaml")`` runs it into the test's tmp_path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .runner import RunResult, run_suite


def assert_suite_passes(path: Path | str, *, configs: list[str] | None = None, out_dir: Path | str | None = None,
                        **settings: Any) -> RunResult:
    """Run the suite (offline configs by default as the file says) and fail the test with the gate
    summary when a threshold is missed. `settings` are Settings overrides under every config."""
    result = run_suite(path, configs=configs, out_dir=out_dir, base_settings=settings or None, progress=False)
    if not result.passed:
        pytest.fail(f"eval suite {str(path)!r} failed its gate:\n{result.summary()}", pytrace=False)
    return result


@pytest.fixture
def eval_suite(tmp_path: Path) -> Callable[..., RunResult]:
    """A function running a suite into this test's tmp_path; it returns the RunResult (no assertion)."""

    def run(path: Path | str, **kwargs: Any) -> RunResult:
        kwargs.setdefault("out_dir", tmp_path / "eval-run")
        kwargs.setdefault("progress", False)
        return run_suite(path, **kwargs)

    return run
