"""`copilot eval run | report | compare` through the CLI runner, on the real offline Copilot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from copilot.cli import app

REPO = Path(__file__).resolve().parents[2]
# What a careless template edit looks like: a placeholder and a second question (H6, H3).
BREAKAGE = " What is your email, [Name]?"


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> CliRunner:
    monkeypatch.setenv("COPILOT_DATA_DIR", str(data_dir))
    return CliRunner()


def broken_knowledge(tmp_path: Path) -> Path:
    """A copy of knowledge/ whose ask-for-a-missing-field templates break the rules."""
    target = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", target)
    for path in (target / "templates").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for template in data["templates"]:
            if template["moment"] == "ask_missing":
                template["text"] = template["text"] + BREAKAGE
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def with_configs(suite: Path, configs: list[dict]) -> Path:
    data = yaml.safe_load(suite.read_text(encoding="utf-8"))
    data["configs"] = configs
    suite.write_text(yaml.safe_dump(data), encoding="utf-8")
    return suite


def test_run_exits_zero_and_prints_the_figures_when_the_gate_passes(cli_env: CliRunner, tiny_suite: Path,
                                                                    tmp_path: Path) -> None:
    out = cli_env.invoke(app, ["eval", "run", str(tiny_suite), "--out", str(tmp_path / "run"), "--quiet"])
    assert out.exit_code == 0, out.output
    assert "gate PASSED" in out.output and "escalation.recall" in out.output
    assert (tmp_path / "run" / "offline.results.json").is_file()


def test_a_broken_template_set_fails_the_gate_with_a_readable_summary(cli_env: CliRunner, tiny_suite: Path,
                                                                      tmp_path: Path) -> None:
    broken = broken_knowledge(tmp_path)
    with_configs(tiny_suite, [{"name": "broken", "settings": {"knowledge_dir": str(broken)}}])
    out = cli_env.invoke(app, ["eval", "run", str(tiny_suite), "--out", str(tmp_path / "run"), "--quiet"])
    assert out.exit_code == 1, out.output
    assert "gate FAILED" in out.output
    assert "FAIL hygiene.unrevised_rate" in out.output


def test_report_writes_a_self_contained_html_file(cli_env: CliRunner, tiny_suite: Path, tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    assert cli_env.invoke(app, ["eval", "run", str(tiny_suite), "--out", str(run_dir), "--quiet"]).exit_code == 0
    out = cli_env.invoke(app, ["eval", "report", str(run_dir), "--out", str(tmp_path / "r.html")])
    assert out.exit_code == 0, out.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "t-order" in html and "<details>" in html


def test_compare_shows_what_the_broken_templates_regressed(cli_env: CliRunner, tiny_suite: Path, tmp_path: Path) -> None:
    broken = broken_knowledge(tmp_path)
    with_configs(tiny_suite, [{"name": "offline"},
                              {"name": "broken", "settings": {"knowledge_dir": str(broken)}}])
    cli_env.invoke(app, ["eval", "run", str(tiny_suite), "--out", str(tmp_path / "run"), "--quiet"])
    good = tmp_path / "run" / "offline.results.json"
    bad = tmp_path / "run" / "broken.results.json"
    out = cli_env.invoke(app, ["eval", "compare", str(good), str(bad), "--html", str(tmp_path / "c.html"),
                               "--fail-on-regression"])
    assert out.exit_code == 1, out.output
    assert "REGRESSIONS" in out.output and "t-order" in out.output
    assert "regressions" in (tmp_path / "c.html").read_text(encoding="utf-8")


def test_a_missing_config_name_is_a_usage_error(cli_env: CliRunner, tiny_suite: Path, tmp_path: Path) -> None:
    out = cli_env.invoke(app, ["eval", "run", str(tiny_suite), "--config", "nope", "--out", str(tmp_path / "r")])
    assert out.exit_code == 2 and "nope" in out.output
