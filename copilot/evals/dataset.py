"""Eval datasets: cases of a conversation plus what a good reply copilot should do with it.

A dataset file is YAML (a list of cases, or ``{cases: [...]}``) or JSONL (one case a line).
Every key is validated with ``extra="forbid"``, so a typo is an error naming the file, the case
and the key — never a silently ignored expectation. The schema is documented in docs/evals.md.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import ConfigError
from ..models import Conversation, Moment
from .assertions import Assertion

# The guide's 12 recipes (RULEBOOK §6), by number; a case names the one it exercises.
RECIPES: dict[int, str] = {
    1: "DM to calendar",
    2: "Budget boundaries",
    3: "Estimate building",
    4: "Availability & delivery",
    5: "Booking rescue",
    6: "Onboarding",
    7: "Order tracking",
    8: "Returns & exchanges",
    9: "Reviews & referrals",
    10: "Silent-lead reactivation",
    11: "Internal request desk",
    12: "Cross-channel continuity",
}
# The moment a case exercises (what a good reply must do there), for slicing results.
CaseMoment = Literal["first_reply", "missing_field", "options", "closing", "reopen", "angry", "handoff", "answer",
                     "vague_opener", "feedback"]


class DatasetError(ConfigError):
    """A dataset file is unreadable or a case in it is invalid."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CaseConversation(Conversation):
    """A copilot Conversation plus the moment it is answered at (relative dates resolve against it)."""

    now: datetime | None = Field(default=None, description="Answer time; default: the suite's `now`.")

    def to_conversation(self) -> Conversation:
        return Conversation.model_validate(self.model_dump(exclude={"now"}))


class Expectations(_Strict):
    """What a good reply does: each key is optional; a key left out is not scored."""

    intent: str | None = Field(default=None, description="Intent id from the tenant's taxonomy.")
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$",
                                 description="The language the reply must be in (H12), ISO 639-1.")
    fields: dict[str, Any] = Field(default_factory=dict, description="Fields that must be extracted, with these values.")
    missing: list[str] | None = Field(default=None, description="Exact missing_fields (order ignored); [] = nothing.")
    escalate: bool | None = Field(default=None, description="True: the copilot must hand to a human (rulebook §4).")
    reasons: list[str] = Field(default_factory=list, description="Reason codes that must be among decision.reasons.")
    moment: Moment | None = Field(default=None, description="The drafting moment the reply should be written for.")
    rules_must_pass: list[str] = Field(default_factory=list, description="Rule ids whose check must not fail.")
    facts_must_appear: list[str] = Field(default_factory=list, description="Strings the draft must contain.")
    facts_must_not_appear: list[str] = Field(default_factory=list, description="Strings the draft must not contain.")
    reference: str | None = Field(default=None, description="A good reply, for embedding similarity.")
    judge: list[str] = Field(default_factory=list, description="Free-form criteria for the optional LLM judge.")
    decision_within: int | None = Field(
        default=None, ge=1,
        description="Multi-turn: the copilot must reach a decision (nothing missing, or escalate) by this customer turn.",
    )

    @field_validator("reasons")
    @classmethod
    def _reason_codes(cls, v: list[str]) -> list[str]:
        bad = [r for r in v if not r.startswith("E-")]
        if bad:
            raise ValueError(f"reason codes start with 'E-' (rulebook §4): {bad}")
        return v


class EvalCase(_Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
    recipe: int | None = Field(default=None, ge=1, le=12, description="Recipe number of RULEBOOK §6.")
    moment: CaseMoment | None = Field(default=None, description="The conversation moment the case exercises.")
    tags: list[str] = Field(default_factory=list)
    conversation: CaseConversation
    expect: Expectations = Field(default_factory=Expectations)
    labels: dict[str, Literal["pass", "fail"]] = Field(
        default_factory=dict, description="Human verdicts for the LLM graders (judge, factuality): their agreement "
        "with these is reported, so a grader is trusted as far as it was measured.")
    assert_: list[Assertion] = Field(default_factory=list, alias="assert",
                                     description="Assertions (assertions.py): contains, regex, equals, rule, python.")

    @property
    def language(self) -> str | None:
        """The customer's stated language, else the language the reply must be in."""
        return self.conversation.customer.language or self.expect.language


def _location(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(case)"


def _validate(raw: Any, source: str, index: int) -> EvalCase:
    case_id = raw.get("id") if isinstance(raw, dict) else None
    label = f"case {case_id!r}" if case_id else f"case #{index + 1}"
    if not isinstance(raw, dict):
        raise DatasetError(f"{source}: {label} must be a mapping, got {type(raw).__name__}")
    try:
        return EvalCase.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{_location(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise DatasetError(f"{source}: {label}: {problems}") from exc


def _read_rows(path: Path) -> list[Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DatasetError(f"cannot read dataset {str(path)!r}: {exc.strerror}") from exc
    if path.suffix == ".jsonl":
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise DatasetError(f"{path}: line {n} is not JSON: {exc.msg}") from exc
        return rows
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DatasetError(f"{path}: invalid YAML: {exc}") from exc
    if isinstance(data, dict):
        unknown = set(data) - {"cases"}
        if unknown:
            raise DatasetError(f"{path}: unknown top-level keys {sorted(unknown)}; expected 'cases'")
        data = data.get("cases")
    if not isinstance(data, list):
        raise DatasetError(f"{path}: expected a list of cases (or a mapping with 'cases')")
    return data


def load_dataset(path: Path | str) -> list[EvalCase]:
    """All cases of one file, validated; duplicate ids are an error."""
    path = Path(path)
    cases = [_validate(raw, str(path), i) for i, raw in enumerate(_read_rows(path))]
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise DatasetError(f"{path}: case {case.id!r} appears twice")
        seen.add(case.id)
    return cases


def load_datasets(paths: list[Path]) -> list[EvalCase]:
    """Cases of several files, sorted by id (deterministic order); ids must be unique across files."""
    by_id: dict[str, tuple[EvalCase, Path]] = {}
    for path in paths:
        for case in load_dataset(path):
            if case.id in by_id:
                raise DatasetError(f"case {case.id!r} is in both {by_id[case.id][1]} and {path}")
            by_id[case.id] = (case, path)
    return [by_id[k][0] for k in sorted(by_id)]
