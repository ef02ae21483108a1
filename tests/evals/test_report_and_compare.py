"""The HTML report (self-contained, opens in a browser) and the case-by-case comparison."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from copilot.evals.compare import compare_runs, format_comparison, render_comparison
from copilot.evals.gate import check_gate
from copilot.evals.metrics import aggregate, intent_table, rule_table
from copilot.evals.report_html import render_report
from copilot.evals.results import ConfigResult, load_result, write_result
from copilot.models import RuleCheck
from eval_builders import fail_check, make_case, make_suggestion, scored

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def _result(config: str, runs: list, gate: dict[str, str] | None = None) -> ConfigResult:
    metrics = aggregate(runs)
    return ConfigResult(suite="demo", config=config, settings={}, started_at="2026-11-24T10:00:00+00:00",
                        duration_s=1.0, metrics=metrics, per_intent=intent_table(runs), per_rule=rule_table(runs),
                        gate=check_gate(metrics, gate or {"escalation.recall": ">= 1.0"}), cases=runs)


def _runs(*, broken: bool) -> list:
    draft = "Hi [Name], could you send your order number? And your email?"
    checks = [fail_check("H6", span=(3, 9), detail="placeholder [Name]"),
              fail_check("H3", severity="warn", span=(40, 60), detail="two questions")] if broken else [
        RuleCheck(rule="H6", name="no-placeholder", severity="block", status="pass", passed=True)]
    return [
        scored(make_case("a-order", intent="order_status", rules_must_pass=["H6"]),
               make_suggestion(draft=draft if broken else "Hi, could you send your order number?", checks=checks)),
        scored(make_case("b-refund", text="money back <script>alert(1)</script>", intent="refund", escalate=True),
               make_suggestion(intent="refund", action="continue" if broken else "escalate")),
    ]


def test_the_report_is_self_contained_and_marks_rule_spans_in_the_draft() -> None:
    html = render_report([_result("broken", _runs(broken=True))])
    assert "<script" not in html.replace("&lt;script&gt;", "")   # customer text is escaped, and we add no JS
    assert not re.search(r"""(src|href)=["']?https?://""", html)  # no external assets
    assert '<mark class="block"' in html and ">[Name]</mark>" in html
    assert "The CI gate FAILED" in html and "escalation.recall" in html
    assert html.count("<details>") == 2
    assert "H6</b> no-placeholder" in html or "H6</b> h6" in html


def test_a_passing_run_says_so_in_plain_words() -> None:
    html = render_report([_result("fixed", _runs(broken=False))])
    assert "The CI gate passed." in html and "2 of 2 cases met every expectation" in html


def test_compare_lists_the_cases_that_regressed_and_improved(tmp_path: Path) -> None:
    a = _result("fixed", _runs(broken=False))
    b = _result("broken", _runs(broken=True))
    write_result(a, tmp_path)
    cmp = compare_runs(load_result(tmp_path, config="fixed"), b)
    regressed = {(c.case_id, c.score) for c in cmp.regressions}
    assert ("a-order", "hygiene.must_pass") in regressed and ("b-refund", "escalation") in regressed
    assert not cmp.improvements
    text = format_comparison(cmp)
    assert "REGRESSIONS" in text and "b-refund" in text and "escalation.recall" in text
    back = compare_runs(b, a)
    assert {(c.case_id, c.score) for c in back.improvements} == regressed
    assert "regressions" in render_comparison(cmp)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it: apt-get install chromium)")
def test_the_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_report([_result("broken", _runs(broken=True))]), encoding="utf-8")
    png = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         f"--screenshot={png}", "--window-size=1280,2000", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000   # a rendered page, not a blank canvas


def test_a_rule_that_never_applied_has_no_pass_rate_rather_than_100_percent() -> None:
    skipped = RuleCheck(rule="M7", name="follow-up", severity="warn", status="skip", passed=True)
    runs = [scored(make_case("x"), make_suggestion(checks=[skipped]))]
    assert rule_table(runs)["M7"]["pass_rate"] is None
    assert aggregate(runs)["hygiene.pass_rate.M7"] is None
    assert check_gate(aggregate(runs), {"hygiene.pass_rate.M7": ">= 0.9"})[0].passed is False
    html = render_report([_result("r", runs)])
    m7 = re.search(r"<tr><td><b>M7</b>.*?</tr>", html).group(0)
    assert "never applied" in m7 and "<td class='num'>n/a</td>" in m7 and "%" not in m7


def test_compare_ignores_float_noise_and_knows_which_direction_is_good() -> None:
    a = _result("a", _runs(broken=False))
    b = a.model_copy(update={"config": "b", "metrics": {
        **a.metrics, "hygiene.pass_rate": a.metrics["hygiene.pass_rate"] - 8.9e-07,
        "latency.p95_ms": 40.0, "escalation.recall": 0.5, "cost.usd": 0.2, "llm.calls": 44.0}})
    a = a.model_copy(update={"metrics": {**a.metrics, "latency.p95_ms": 55.0, "cost.usd": 0.1}})
    moved = {n: verdict for n, _, _, _, verdict in compare_runs(a, b).moved()}
    assert "hygiene.pass_rate" not in moved
    assert moved["latency.p95_ms"] == "better" and moved["cost.usd"] == "worse"
    assert moved["escalation.recall"] == "worse"
    assert moved["llm.calls"] == ""                      # an LLM config makes calls; cost says whether it is worse
    text = format_comparison(compare_runs(a, b))
    assert "latency.p95_ms" in text and "▼ better" in text and "hygiene.pass_rate " not in text
