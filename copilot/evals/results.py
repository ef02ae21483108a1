"""What a run records: one verdict per scorer per case, the per-case outputs, and the aggregates.

Rows are appended to ``<run dir>/<config>.cases.jsonl`` as each case finishes (a run can be
resumed); ``<run dir>/<config>.results.json`` is the whole ConfigResult, written at the end.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import ConfigError
from ..models import Suggestion
from .dataset import EvalCase

Verdict = Literal["pass", "fail", "error", "skip"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Score(_Strict):
    """One scorer's verdict on one case (pydantic_evals style: a value and the reason for it)."""

    name: str = Field(description="Scorer name, dotted for sub-scores: 'intent', 'hygiene.H7'.")
    status: Verdict
    value: float | None = None
    reason: str = ""
    critical: bool = Field(default=False, description="A failure no average may hide (a missed hand-off).")


class TurnOutcome(_Strict):
    """The copilot's state after one customer turn of a multi-turn case (messages-to-decision)."""

    turn: int
    missing: list[str]
    action: str
    moment: str | None = None


class CaseRun(_Strict):
    case: EvalCase
    repeat: int = 0
    suggestion: Suggestion | None = None
    error: str | None = Field(default=None, description="Why the copilot raised instead of answering.")
    wall_ms: float = 0.0
    turns: list[TurnOutcome] = Field(default_factory=list)
    scores: list[Score] = Field(default_factory=list)

    @property
    def key(self) -> tuple[str, int]:
        return (self.case.id, self.repeat)

    def score(self, name: str) -> Score | None:
        return next((s for s in self.scores if s.name == name), None)


class GateCheck(_Strict):
    metric: str
    threshold: str
    value: float | None
    passed: bool
    detail: str = ""


class ConfigResult(_Strict):
    """One config's run of a suite: what `<config>.results.json` holds."""

    suite: str
    config: str
    settings: dict[str, Any] = Field(description="The config's Settings overrides (secrets never stored).")
    mode: str = "offline"
    axes: dict[str, str] = Field(default_factory=dict, description="Matrix axis -> value (prompt, model, …).")
    models: list[str] = Field(default_factory=list, description="Models seen in traces.")
    prompt_versions: list[str] = Field(default_factory=list, description="Prompt versions seen in traces.")
    copilot_version: str = ""
    started_at: str
    duration_s: float
    repeat: int = 1
    cache: bool = True
    datasets: list[str] = Field(default_factory=list)
    metrics: dict[str, float | None] = Field(default_factory=dict, description="Mean over repeats.")
    metrics_std: dict[str, float] = Field(default_factory=dict, description="Standard deviation over repeats.")
    per_intent: dict[str, dict[str, float]] = Field(default_factory=dict)
    per_rule: dict[str, dict[str, float | None]] = Field(default_factory=dict)
    gate: list[GateCheck] = Field(default_factory=list)
    failure: str | None = Field(default=None, description="Why the system under test failed the run (failures.py), "
                                "e.g. the model was unreachable and every case fell back; None when healthy.")
    cases: list[CaseRun] = Field(default_factory=list)

    @property
    def gate_passed(self) -> bool:
        return all(g.passed for g in self.gate)


def cases_path(run_dir: Path, config: str) -> Path:
    return run_dir / f"{config}.cases.jsonl"


def results_path(run_dir: Path, config: str) -> Path:
    return run_dir / f"{config}.results.json"


def read_case_rows(path: Path) -> list[CaseRun]:
    """Rows written so far; a line cut short by an interrupted run is dropped (it will re-run)."""
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(CaseRun.model_validate_json(line))
        except ValueError:
            continue
    return rows


def append_case_row(path: Path, row: CaseRun) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(row.model_dump_json() + "\n")
        f.flush()


def write_result(result: ConfigResult, run_dir: Path) -> Path:
    path = results_path(run_dir, result.config)
    path.write_text(result.model_dump_json(indent=1), encoding="utf-8")
    return path


def load_result(path: Path | str, *, config: str | None = None) -> ConfigResult:
    """A results file, or a run directory holding one (``config`` picks when it holds several)."""
    path = Path(path)
    if path.is_dir():
        found = sorted(path.glob("*.results.json"))
        if config:
            found = [p for p in found if p.name == f"{config}.results.json"]
        if len(found) != 1:
            names = [p.name.removesuffix(".results.json") for p in sorted(path.glob("*.results.json"))]
            raise ConfigError(f"{str(path)!r} holds results of configs {names}: pick one with --config")
        path = found[0]
    try:
        return ConfigResult.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise ConfigError(f"cannot read results {str(path)!r}: {exc.strerror}") from exc
    except ValueError as exc:
        raise ConfigError(f"{str(path)!r} is not an eval results file: {str(exc).splitlines()[0]}") from exc


def load_results(path: Path | str) -> list[ConfigResult]:
    """Every config's results in a run directory (or the one file given)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.results.json"))
        if not files:
            raise ConfigError(f"{str(path)!r} has no *.results.json: run `copilot eval run` first")
        return [load_result(p) for p in files]
    return [load_result(path)]


# Scores that carry an expectation of the case; per-rule checks, similarity, latency and cost are
# reported but do not decide whether a case passed (a warn rule is not a broken expectation).
_INFORMATIONAL = ("hygiene.H", "hygiene.M", "hygiene.unrevised", "similarity", "latency", "cost.")


def is_expectation(score: Score) -> bool:
    return not score.name.startswith(_INFORMATIONAL)


def case_verdict(run: CaseRun) -> str:
    """'fail' if an expectation failed, else 'error' if one could not be judged, else 'pass'."""
    judged = [s for s in run.scores if is_expectation(s)]
    if any(s.status == "fail" for s in judged):
        return "fail"
    if run.suggestion is None or any(s.status == "error" for s in judged):
        return "error"
    return "pass"
