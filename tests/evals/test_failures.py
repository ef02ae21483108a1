"""Failures of the system under test are results: an unreachable model fails the run, naming the cause."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from copilot.cli import app
from copilot.evals.runner import run_suite
from copilot.evals.side_by_side import render_side_by_side
from browser import CHROMIUM, dom_after_scripts, screenshot
from eval_builders import TINY_CASES, write_cases


def three_config_suite(folder: Path, model_url: str, dead_url: str) -> Path:
    write_cases(folder / "tiny.yaml", TINY_CASES)
    llm = {"model": "openai/fake-model", "retries": 0, "timeout_s": 5}
    suite = {"name": "acceptance", "datasets": ["tiny.yaml"], "max_failure_rate": 0.1,
             "configs": [{"name": "offline"},
                         {"name": "fake-llm", "settings": {**llm, "api_base": model_url}, "concurrency": 2},
                         {"name": "dead-llm", "settings": {**llm, "api_base": dead_url}}],
             "gate": {"escalation.recall": ">= 1.0"}}
    (folder / "suite.yaml").write_text(yaml.safe_dump(suite), encoding="utf-8")
    return folder / "suite.yaml"


def test_an_unreachable_model_fails_the_run_with_its_cause_while_the_others_pass(
        tmp_path: Path, data_dir: Path, model_server, closed_port_url: str, llm_env: None) -> None:
    suite = three_config_suite(tmp_path, model_server.url, closed_port_url)
    result = run_suite(suite, out_dir=tmp_path / "run", base_settings={"data_dir": data_dir}, progress=False)

    dead = result["dead-llm"]
    assert dead.metrics["failures.fallbacks"] == 3 and dead.metrics["failures.fallback.connection"] == 3
    assert dead.metrics["failures.rate"] == 1.0 and dead.metrics["llm.calls"] == 0
    assert dead.failure and "unreachable" in dead.failure and "llm:connection" in dead.failure
    assert "127.0.0.1" in dead.failure and not dead.gate_passed
    assert dead.gate[0].metric == "failures.rate" and not dead.gate[0].passed   # the cause is the first line

    fake = result["fake-llm"]
    assert fake.failure is None and fake.metrics["failures.fallbacks"] == 0
    assert fake.metrics["llm.calls"] >= 3 and fake.metrics["cost.tokens"] > 0
    assert all(c.suggestion.trace.mode == "llm" for c in fake.cases)
    assert result["offline"].failure is None and result["offline"].metrics["llm.calls"] == 0
    assert not result.passed

    # The two healthy configs side by side on one page, as a browser shows it.
    page = tmp_path / "side.html"
    page.write_text(render_side_by_side([result["offline"], fake]), encoding="utf-8")
    if CHROMIUM:
        dom = dom_after_scripts(page.as_uri(), tmp_path / "profile")
        assert dom.count('class="case-row') == 3 and '<b id="shown">3</b>' in dom
        assert "<th>offline<" in dom and "<th>fake-llm<" in dom and "llm · openai/fake-model" in dom
        assert screenshot(page, tmp_path / "side.png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_cli_prints_the_failed_system_first_and_exits_1(
        tmp_path: Path, data_dir: Path, model_server, closed_port_url: str, llm_env: None,
        monkeypatch) -> None:
    monkeypatch.setenv("COPILOT_DATA_DIR", str(data_dir))
    suite = three_config_suite(tmp_path, model_server.url, closed_port_url)
    out = CliRunner().invoke(app, ["eval", "run", str(suite), "--config", "dead-llm", "--config", "offline",
                                   "--out", str(tmp_path / "run"), "--quiet", "--html", str(tmp_path / "r.html")])
    assert out.exit_code == 1, out.output
    first = out.output.index("SYSTEM UNDER TEST FAILED")
    assert first < out.output.index("acceptance · offline")          # the failed config is printed first
    assert "FAIL failures.rate" in out.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.index("System under test FAILED in dead-llm") < html.index("Eval report · acceptance")
