"""The optional LLM judge: grades a draft against a case's free-form rubric criteria.

Behind a small interface (``CriteriaJudge``) so a team can plug in another grader. A judge call
that fails is an 'error' score — an outage says nothing about the draft, so it is never a 'fail'.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field

from ..errors import CopilotError
from ..models import Suggestion
from ..settings import Settings
from .dataset import EvalCase
from .results import Score

PROMPTS_DIR = Path(__file__).resolve().parent / "prompts"


class CriterionVerdict(BaseModel):
    criterion: str
    verdict: Literal["pass", "fail"]
    reason: str = Field(min_length=1)


class RubricVerdict(BaseModel):
    criteria: list[CriterionVerdict]


class CriteriaJudge(Protocol):
    """Grade `suggestion` for `case` against `case.expect.judge`; one Score named 'judge'."""

    def __call__(self, case: EvalCase, suggestion: Suggestion) -> Score: ...


class PromptedGrader:
    """An LLM grader: its prompt (copilot/evals/prompts/<task>/) on copilot.llm's LLMClient (cached,
    retried, costed like every model call)."""

    task = ""

    def __init__(self, settings: Settings) -> None:
        from ..llm import LLMClient
        from ..llm.prompts import load_prompt

        self.settings = settings
        self.client = LLMClient(settings)
        self.prompt = load_prompt(self.task, prompts_dir=PROMPTS_DIR)
        self.version = f"{self.task}/{self.prompt.version}"
        self.calls: list[Any] = []


class LLMCriteriaJudge(PromptedGrader):
    """The rubric judge: one verdict per criterion of `expect.judge`."""

    task = "eval_judge"

    def __call__(self, case: EvalCase, suggestion: Suggestion) -> Score:
        from ..llm.prompts import as_data

        criteria = case.expect.judge
        messages = self.prompt.render(
            language=suggestion.language,
            conversation="\n".join(f"{m.role}: {as_data(m.text)}" for m in case.conversation.messages[-8:]),
            draft=as_data(suggestion.draft.text),
            criteria="\n".join(f"{i}. {c}" for i, c in enumerate(criteria, 1)),
        )
        try:
            verdict, record = self.client.generate(
                RubricVerdict, messages, stage="eval_judge", prompt_version=self.version,
                model=self.settings.judge_model or self.settings.model,
            )
        except CopilotError as exc:
            return Score(name="judge", status="error", reason=f"judge unavailable: {exc}")
        self.calls.append(record)
        if len(verdict.criteria) != len(criteria):
            return Score(name="judge", status="error",
                         reason=f"judge graded {len(verdict.criteria)} of {len(criteria)} criteria")
        failed = [v for v in verdict.criteria if v.verdict == "fail"]
        return Score(name="judge", status="fail" if failed else "pass",
                     value=1 - len(failed) / len(criteria),
                     reason="; ".join(f"{v.criterion}: {v.reason}" for v in failed) or "every criterion met")


def judge_score(judge: CriteriaJudge | None, case: EvalCase, suggestion: Suggestion | None) -> list[Score]:
    if judge is None or suggestion is None or not case.expect.judge:
        return []
    return [judge(case, suggestion)]
