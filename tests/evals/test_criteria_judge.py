"""The LLM judge scorer against the fake OpenAI-compatible server: verdicts, and outages as 'error'."""

from __future__ import annotations

from pathlib import Path

from copilot.evals.criteria_judge import LLMCriteriaJudge, judge_score
from copilot.settings import Settings
from eval_builders import make_case, make_suggestion
from fake_server import FakeLLMServer  # the LLM tests' fake server, on sys.path via conftest.py


def _judge(server: FakeLLMServer, tmp_path: Path) -> LLMCriteriaJudge:
    return LLMCriteriaJudge(Settings(model="openai/fake-judge", api_base=server.url, api_key="sk-fake", retries=0,
                                     timeout_s=5.0, data_dir=tmp_path, llm_cache=False))


CASE = make_case(judge=["Asks for the order number", "Says when they will hear back"])


def test_the_judge_fails_a_draft_that_misses_a_criterion_and_says_which(fake_llm: FakeLLMServer, tmp_path: Path) -> None:
    fake_llm.enqueue_json({"criteria": [
        {"criterion": "Asks for the order number", "verdict": "pass", "reason": "It asks."},
        {"criterion": "Says when they will hear back", "verdict": "fail", "reason": "No time is given."}]})
    [score] = judge_score(_judge(fake_llm, tmp_path), CASE, make_suggestion())
    assert score.status == "fail" and score.value == 0.5 and "No time is given" in score.reason


def test_a_judge_outage_is_an_error_never_a_fail(fake_llm: FakeLLMServer, tmp_path: Path) -> None:
    fake_llm.enqueue_error(500, "overloaded")
    [score] = judge_score(_judge(fake_llm, tmp_path), CASE, make_suggestion())
    assert score.status == "error" and "judge unavailable" in score.reason


def test_cases_without_criteria_are_not_judged(fake_llm: FakeLLMServer, tmp_path: Path) -> None:
    assert judge_score(_judge(fake_llm, tmp_path), make_case(), make_suggestion()) == []
