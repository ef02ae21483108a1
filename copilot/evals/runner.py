"""Run a suite: every case through the real Copilot, once per config (and per repeat), scored.

    result = run_suite("evals/starter.yaml")
    result.passed, result["offline"].metrics["intent.accuracy"]

Cases run in sorted id order. Each finished case is appended to ``<run dir>/<config>.cases.jsonl``,
so re-running into the same run dir skips what is done (a long LLM run survives an interruption).
LLM configs run their cases on threads (`concurrency`), offline configs only when given one; a suite's
`parallel_configs` runs several configs at once (a prompt × model matrix mostly waits on the network).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..version import __version__
from ..errors import CopilotError
from ..models import Conversation
from ..settings import Settings
from .dataset import EvalCase, load_datasets
from .factuality import factuality_score
from .failures import health_check, judge_check
from .gate import check_gate, gate_summary
from .criteria_judge import CriteriaJudge, LLMCriteriaJudge, judge_score
from .metrics import aggregate, intent_table, over_repeats, rule_table, tagged
from .results import (CaseRun, ConfigResult, Score, TurnOutcome, append_case_row, cases_path, read_case_rows,
                      write_result)
from .scorers import SCORERS, llm_calls, load_scorer, score_case
from .suite import ConfigSpec, Suite, load_suite

DEFAULT_RUNS_DIR = Path("evals") / "runs"


@dataclass
class RunResult:
    """A suite run: one ConfigResult per config, all in `run_dir`."""

    suite: str
    run_dir: Path
    results: list[ConfigResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(r.gate_passed for r in self.results)

    def __getitem__(self, config: str) -> ConfigResult:
        for r in self.results:
            if r.config == config:
                return r
        raise KeyError(config)

    def summary(self) -> str:
        return "\n".join(gate_summary(r) for r in self.results)


# Copilots are expensive to build (embedder, classifier, store): one per distinct settings per process.
_COPILOTS: dict[str, Any] = {}
_COPILOTS_LOCK = threading.Lock()


# Settings that only change the model call: configs differing in these alone (a prompt × model matrix)
# share one set of loaded resources (embedder, classifiers, knowledge store) instead of one each.
LLM_ONLY = frozenset({"model", "api_base", "api_key", "timeout_s", "retries", "temperature", "max_tokens", "fallbacks",
                      "understand_model", "draft_model", "judge_model", "prompt_budget_tokens", "llm_cache",
                      "prompt_versions"})


def _key(overrides: dict[str, Any]) -> str:
    return json.dumps(overrides, sort_keys=True, default=str)


def copilot_for(overrides: dict[str, Any]) -> Any:
    """The Copilot for these Settings overrides, built once per process."""
    from ..pipeline import Copilot

    key = _key(overrides)
    with _COPILOTS_LOCK:
        if key not in _COPILOTS:
            copilot = Copilot(Settings(**overrides))
            base_key = _key({k: v for k, v in overrides.items() if k not in LLM_ONLY})
            if base_key != key:
                base = _COPILOTS.get(base_key) or Copilot(Settings(**json.loads(base_key)))
                _COPILOTS[base_key] = base
                _share_resources(copilot, base)
            _COPILOTS[key] = copilot
        return _COPILOTS[key]


def _share_resources(copilot: Any, base: Any) -> None:
    """Read-only caches of files (resources.py) loaded once, whatever model drafts on top of them."""
    r, b = copilot.resources, base.resources
    r._tenants, r._lock = b._tenants, b._lock
    r.__dict__["embedder"] = b.embedder
    r.__dict__["store"] = b.store


def _replay(copilot: Any, conv: Conversation, now: datetime, last: Any) -> list[TurnOutcome]:
    """The copilot's state after each customer turn (agent turns are the dataset's script)."""
    ends = [i for i, m in enumerate(conv.messages) if m.role == "customer"]
    out = []
    for turn, end in enumerate(ends, 1):
        if end == len(conv.messages) - 1 and last is not None:
            s = last
        else:
            prefix = conv.model_copy(update={"messages": conv.messages[: end + 1]})
            s = copilot.suggest(prefix, now=now)
        out.append(TurnOutcome(turn=turn, missing=s.missing_fields, action=s.decision.action, moment=s.draft.moment))
    return out


def run_case(copilot: Any, case: EvalCase, *, now: datetime, repeat: int = 0, scorers: list[str] | None = None,
             judge: CriteriaJudge | None = None, grader: Any = None, custom: dict[str, Any] | None = None) -> CaseRun:
    """One case through the copilot, scored. Input and copilot errors become an 'error' case; bugs raise."""
    conv = case.conversation.to_conversation()
    when = case.conversation.now or now
    started = time.perf_counter()
    suggestion, error = None, None
    try:
        suggestion = copilot.suggest(conv, now=when)
    except (CopilotError, ValidationError) as exc:
        error = f"{type(exc).__name__}: {exc}"
    wall = (time.perf_counter() - started) * 1000
    turns = _replay(copilot, conv, when, suggestion) if case.expect.decision_within and suggestion else []
    run = CaseRun(case=case, repeat=repeat, suggestion=suggestion, error=error, wall_ms=round(wall, 2), turns=turns)
    run.scores = (score_case(case, run, scorers, custom) + judge_score(judge, case, suggestion)
                  + factuality_score(grader, case, suggestion))
    return run


class _Unavailable:
    """Stands in when a judge cannot even be built: every judged case is an 'error', never a 'fail'."""

    def __init__(self, name: str, why: str) -> None:
        self.name, self.why = name, why

    def __call__(self, case: EvalCase, suggestion: Any) -> Score:
        return Score(name=self.name, status="error", reason=f"{self.name} unavailable: {self.why}")


def _llm_grader(name: str, factory: Any, overrides: dict[str, Any], cache: bool) -> Any:
    """The suite's judge or grader on its Settings overrides; None when the suite has none."""
    if not overrides:
        return None
    try:
        return factory(Settings(**{**overrides, "llm_cache": cache}))
    except CopilotError as exc:
        return _Unavailable(name, str(exc))


def _progress(total: int, desc: str, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="case", file=sys.stderr, disable=not enabled or total == 0, leave=False)


def _effective_settings(config: ConfigSpec, cache: bool, base: dict[str, Any]) -> dict[str, Any]:
    settings = {**base, **config.settings}
    if config.is_llm:
        settings["llm_cache"] = cache  # same prompt, same answer: reruns cost nothing
    return settings


def _seen(runs: Iterable[CaseRun]) -> tuple[list[str], list[str]]:
    models: set[str] = set()
    versions: set[str] = set()
    for r in runs:
        for c in llm_calls(r):
            if c.get("model"):
                models.add(str(c["model"]))
            if c.get("prompt_version"):
                versions.add(str(c["prompt_version"]))
        versions.update(r.suggestion.trace.prompt_versions if r.suggestion else [])
    return sorted(models), sorted(versions)


def run_config(suite: Suite, config: ConfigSpec, cases: list[EvalCase], run_dir: Path, *, repeat: int = 1,
               cache: bool = True, base_settings: dict[str, Any] | None = None, progress: bool = True,
               custom: dict[str, Any] | None = None) -> ConfigResult:
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    settings = _effective_settings(config, cache, base_settings or {})
    path = cases_path(run_dir, config.name)
    wanted = {(c.id, rep) for c in cases for rep in range(repeat)}
    done = {r.key: r for r in read_case_rows(path) if r.key in wanted}
    todo = [(c, rep) for rep in range(repeat) for c in cases if (c.id, rep) not in done]

    if todo:
        copilot = copilot_for(settings)
        copilot.warm_up()  # models and knowledge load now, not inside the first case's latency
        copilot.prefetch([c.conversation.to_conversation() for c, _ in todo])  # batched embedding
        from .factuality import FactualityGrader

        judge = _llm_grader("judge", LLMCriteriaJudge, suite.judge, cache)
        grader = _llm_grader("factuality", FactualityGrader, suite.factuality, cache)
        lock = threading.Lock()
        bar = _progress(len(todo), f"{suite.name}/{config.name}", progress)

        def one(task: tuple[EvalCase, int]) -> None:
            case, rep = task
            row = run_case(copilot, case, now=suite.now, repeat=rep, scorers=suite.scorers, judge=judge, grader=grader,
                           custom=custom)
            with lock:
                append_case_row(path, row)
                done[row.key] = row
                bar.update(1)

        try:
            if config.workers > 1:
                with ThreadPoolExecutor(max_workers=config.workers) as pool:
                    list(pool.map(one, todo))
            else:
                for task in todo:
                    one(task)
        finally:
            bar.close()

    rows = sorted(done.values(), key=lambda r: (r.repeat, r.case.id))
    gated_tags = sorted({m.split(":", 1)[0] for m in suite.gate if ":" in m})
    per_repeat = [{**aggregate(part), **tagged(part, gated_tags)}
                  for part in ([r for r in rows if r.repeat == rep] for rep in range(repeat))]
    metrics, std = over_repeats(per_repeat)
    models, versions = _seen(rows)
    first = [r for r in rows if r.repeat == 0]
    max_rate = suite.max_failure_rate if config.max_failure_rate is None else config.max_failure_rate
    # The system under test's own failures come first: a fallen-back model measures nothing.
    health = [c for c in (health_check(rows, settings, max_rate), judge_check(rows, max_rate)) if c is not None]
    failed = [c.detail for c in health if not c.passed]
    result = ConfigResult(
        suite=suite.name, config=config.name, settings={k: str(v) if isinstance(v, Path) else v for k, v in settings.items()},
        mode="llm" if config.is_llm else "offline", axes=config.axes, models=models, prompt_versions=versions,
        copilot_version=__version__, started_at=started_at, duration_s=round(time.perf_counter() - t0, 3),
        repeat=repeat, cache=cache, datasets=[str(p) for p in suite.dataset_paths()], metrics=metrics,
        metrics_std=std, per_intent=intent_table(first), per_rule=rule_table(first),
        gate=health + check_gate(metrics, suite.gate), failure="; ".join(failed) or None, cases=rows,
    )
    write_result(result, run_dir)
    return result


def default_run_dir(suite: Suite) -> Path:
    return DEFAULT_RUNS_DIR / f"{suite.name}-{datetime.now().strftime('%Y%m%d-%H%M%S')}"


def run_suite(suite_path: Path | str, *, configs: list[str] | None = None, repeat: int = 1, cache: bool = True,
              out_dir: Path | str | None = None, base_settings: dict[str, Any] | None = None,
              progress: bool = True) -> RunResult:
    """Run `suite_path` for each config (all, or those named) into `out_dir` (resumed if it has rows).

    `base_settings` are Settings overrides under every config's own (e.g. a shared data_dir).
    """
    suite = load_suite(suite_path)
    custom = {n: load_scorer(n, suite.base_dir) for n in suite.scorers or [] if "." in n or ":" in n}
    unknown = [n for n in suite.scorers or [] if n not in SCORERS and n not in custom and n != "judge"]
    if unknown:
        from .dataset import DatasetError

        raise DatasetError(f"suite {suite.name!r} names unknown scorers {unknown}; known: {sorted(SCORERS)} "
                           "or a dotted path to your own (my_scorers.tone)")
    chosen = [suite.config(n) for n in configs] if configs else suite.configs
    cases = [c.model_copy(update={"assert_": [*suite.assert_, *c.assert_]}) if suite.assert_ else c
             for c in suite.select(load_datasets(suite.dataset_paths()))]
    run_dir = Path(out_dir) if out_dir else default_run_dir(suite)
    run_dir.mkdir(parents=True, exist_ok=True)
    def one(config: ConfigSpec) -> ConfigResult:
        return run_config(suite, config, cases, run_dir, repeat=repeat, cache=cache, base_settings=base_settings,
                          progress=progress, custom=custom)

    if suite.parallel_configs > 1 and len(chosen) > 1:
        with ThreadPoolExecutor(max_workers=suite.parallel_configs) as pool:
            results = list(pool.map(one, chosen))
    else:
        results = [one(c) for c in chosen]
    return RunResult(suite=suite.name, run_dir=run_dir, results=results)
