"""The factuality grader: is every factual claim of a draft supported by the knowledge it cites?

An LLM lists the draft's claims about the business and checks each against the cited knowledge
entries (all retrieved entries when the draft cites none). Like the rubric judge, a grader call
that fails is an 'error', never a 'fail'. How far to trust it is measured, not assumed: cases may
carry a human label (``labels: {factuality: pass}``) and the run reports the grader's agreement
with them (metrics.py: agreement.factuality, agreement.factuality.kappa).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from ..errors import CopilotError
from ..models import Suggestion
from .dataset import EvalCase
from .criteria_judge import PromptedGrader
from .results import Score


class Claim(BaseModel):
    claim: str = Field(min_length=1)
    supported: bool
    source: str | None = None


class FactualityVerdict(BaseModel):
    claims: list[Claim] = Field(default_factory=list)
    verdict: Literal["grounded", "ungrounded"]
    reason: str = Field(min_length=1)


def cited_knowledge(suggestion: Suggestion) -> list[Any]:
    """The entries the draft cites; every retrieved entry when it cites none (its facts must come from somewhere)."""
    cited = [k for k in suggestion.knowledge if k.id in suggestion.draft.citations]
    return cited or list(suggestion.knowledge)


class FactualityGrader(PromptedGrader):
    """Every factual claim of the draft checked against the knowledge it cites."""

    task = "eval_factuality"

    def __call__(self, case: EvalCase, suggestion: Suggestion) -> Score:
        from ..llm.budget import knowledge_line
        from ..llm.prompts import as_data

        knowledge = cited_knowledge(suggestion)
        messages = self.prompt.render(
            language=suggestion.language,
            knowledge="\n".join(knowledge_line(k) for k in knowledge) or "(none)",
            conversation="\n".join(f"{m.role}: {as_data(m.text)}" for m in case.conversation.messages[-8:]),
            draft=as_data(suggestion.draft.text),
        )
        try:
            verdict, _ = self.client.generate(FactualityVerdict, messages, stage="eval_factuality",
                                              prompt_version=self.version,
                                              model=self.settings.judge_model or self.settings.model)
        except CopilotError as exc:
            return Score(name="factuality", status="error", reason=f"grader unavailable: {exc}")
        unsupported = [c.claim for c in verdict.claims if not c.supported]
        # The list and the verdict must agree; a grader contradicting itself has not graded.
        if (verdict.verdict == "grounded") == bool(unsupported):
            return Score(name="factuality", status="error",
                         reason=f"grader said {verdict.verdict} but listed {len(unsupported)} unsupported claims")
        share = 1 - len(unsupported) / len(verdict.claims) if verdict.claims else 1.0
        return Score(name="factuality", status="pass" if not unsupported else "fail", value=round(share, 4),
                     reason=("unsupported: " + "; ".join(unsupported)) if unsupported else
                     f"{len(verdict.claims)} claims, all in the cited knowledge" if verdict.claims else verdict.reason)


def factuality_score(grader: FactualityGrader | None, case: EvalCase, suggestion: Suggestion | None) -> list[Score]:
    if grader is None or suggestion is None:
        return []
    return [grader(case, suggestion)]


def agreement(pairs: list[tuple[str, str]]) -> dict[str, float | None]:
    """Share of (label, grader) verdict pairs that agree, and Cohen's kappa (agreement beyond chance)."""
    if not pairs:
        return {"rate": None, "kappa": None, "n": 0.0}
    rate = sum(a == b for a, b in pairs) / len(pairs)
    labels = [a for a, _ in pairs]
    graded = [b for _, b in pairs]
    if len(set(labels) | set(graded)) < 2:
        kappa = 1.0 if rate == 1.0 else None   # one class only: kappa is undefined
    else:
        from sklearn.metrics import cohen_kappa_score

        kappa = float(cohen_kappa_score(labels, graded))
    return {"rate": rate, "kappa": kappa, "n": float(len(pairs))}
