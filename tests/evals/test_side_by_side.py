"""The side-by-side page: a row per case, a column per config, filters that work in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from copilot.evals.compare import compare_runs, format_comparison, render_comparison
from copilot.evals.gate import check_gate
from copilot.evals.metrics import aggregate, intent_table, rule_table
from copilot.evals.results import ConfigResult
from copilot.evals.side_by_side import render_side_by_side
from browser import CHROMIUM, dom_after_scripts, screenshot
from eval_builders import fail_check, make_case, make_suggestion, scored

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it)")


def _result(config: str, runs: list) -> ConfigResult:
    metrics = aggregate(runs)
    return ConfigResult(suite="demo", config=config, settings={}, started_at="2026-11-24T10:00:00+00:00",
                        duration_s=1.0, metrics=metrics, per_intent=intent_table(runs), per_rule=rule_table(runs),
                        gate=check_gate(metrics, {}), cases=runs)


def _configs() -> tuple[ConfigResult, ConfigResult]:
    def ru_case(cid: str):
        c = make_case(cid, "где мой заказ", intent="order_status")
        return c.model_copy(update={"conversation": c.conversation.model_copy(
            update={"customer": c.conversation.customer.model_copy(update={"language": "ru"})})})

    same = make_suggestion(draft="Hi, could you send your order number?")
    a = [scored(make_case("a-order", intent="order_status"), same),
         scored(make_case("b-refund", "I want my money back", intent="refund", escalate=True),
                make_suggestion(intent="refund", action="escalate", reasons=["E-refund"],
                                draft="I'm passing this to a colleague who will reply by 10:30.")),
         scored(ru_case("c-ru"), make_suggestion(draft="Здравствуйте! Пришлите номер заказа?"))]
    b = [scored(make_case("a-order", intent="order_status"), same),
         scored(make_case("b-refund", "I want my money back", intent="refund", escalate=True),
                make_suggestion(intent="order_status", action="continue",
                                draft="Hi [Name], your refund is approved!",
                                checks=[fail_check("H6", span=(3, 9), detail="placeholder [Name]")])),
         scored(ru_case("c-ru"), make_suggestion(draft="Здравствуйте! Пришлите номер заказа?"))]
    return _result("offline", a), _result("candidate", b)


def test_one_row_per_case_and_one_column_per_config_with_what_a_reviewer_compares() -> None:
    html = render_side_by_side(list(_configs()))
    assert html.count("<tr class='case-row") == 3
    refund = re.search(r"<tr class='case-row changed'[^>]*data-rules='H6'>.*?</tr>", html, re.S)
    assert refund and "b-refund" in refund.group(0)
    cells = refund.group(0)
    assert "passing this to a colleague" in cells and ">[Name]</mark>" in cells       # both drafts, rule span marked
    assert "escalate E-refund" in cells and "continue" in cells and "order_status" in cells
    assert "data-failed='0' data-changed='0'" in html                                  # the identical case
    assert "<option value='ru'>ru</option>" in html and "<option value='H6'>H6</option>" in html
    assert not re.search(r"""(src|href)=["']?https?://""", html)


@needs_chromium
@pytest.mark.parametrize(("query", "visible"), [
    ("", {"a-order", "b-refund", "c-ru"}),
    ("?failed=1", {"b-refund"}),
    ("?changed=1", {"b-refund"}),
    ("?lang=ru", {"c-ru"}),
    ("?rule=H6", {"b-refund"}),
    ("?q=%D0%BD%D0%BE%D0%BC%D0%B5%D1%80", {"c-ru"}),   # "номер": search reaches the drafts
])
def test_the_filters_work_in_chromium(tmp_path: Path, query: str, visible: set[str]) -> None:
    page = tmp_path / "sbs.html"
    page.write_text(render_side_by_side(list(_configs())), encoding="utf-8")
    dom = dom_after_scripts(page.as_uri() + query, tmp_path / "profile")
    rows = re.findall(r"<tr class=\"case-row[^\"]*\"([^>]*)>\s*<td class=\"case\"><code>([^<]+)</code>", dom)
    shown = {cid for attrs, cid in rows if "hidden" not in attrs}
    assert shown == visible
    assert f'<b id="shown">{len(visible)}</b>' in dom


@needs_chromium
def test_the_side_by_side_page_renders_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "sbs.html"
    page.write_text(render_side_by_side(list(_configs())), encoding="utf-8")
    data = screenshot(page, tmp_path / "sbs.png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_compare_shows_both_drafts_of_each_regression_and_judges_direction() -> None:
    a, b = _configs()
    cmp = compare_runs(a, b)
    text = format_comparison(cmp)
    block = text[text.index("REGRESSIONS"):text.index("IMPROVEMENTS")]
    assert "A: I'm passing this to a colleague who will reply by 10:30." in block
    assert "B: Hi [Name], your refund is approved!" in block
    assert block.count("A: ") == 1                      # once per regressed case, not per score
    assert "escalation.recall" in text and "▼ worse" in text
    html = render_comparison(cmp)
    assert "your refund is approved" in html and "draft B" in html
