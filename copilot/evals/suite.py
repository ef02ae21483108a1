"""The suite file: which datasets, which configs to compare, which scorers, and the CI gate.

    name: starter
    datasets: [datasets/starter/en.yaml]        # relative to the suite file
    now: 2026-11-24T10:00:00+00:00              # default answer time of every case
    configs:
      - name: offline                           # the offline default: no overrides
      - name: gpt4o-mini
        settings: {model: openai/gpt-4o-mini}
        concurrency: 8
    scorers: [intent, fields, escalation, hygiene, grounding, latency]
    gate:
      hygiene.block_pass_rate: ">= 0.95"
      escalation.recall: "== 1.0"
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..settings import Settings
from .assertions import Assertion
from .dataset import DatasetError

_THRESHOLD = re.compile(r"^\s*(>=|<=|==|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")
# Settings a config must never carry in a file that is committed and copied into results.
SECRET_SETTINGS = frozenset({"api_key"})
DEFAULT_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
# Settings that are folders: relative ones resolve against the suite file, like its datasets.
_PATH_SETTINGS = frozenset({"tenants_dir", "knowledge_dir", "prompts_dir"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ConfigSpec(_Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    settings: dict[str, Any] = Field(default_factory=dict, description="Settings overrides; {} = offline default.")
    concurrency: int = Field(default=4, ge=1, le=64, description="Threads for LLM configs (offline runs sequentially).")
    max_failure_rate: float | None = Field(
        default=None, ge=0, le=1, description="Share of cases the system under test may fail (fall back, raise) "
        "before the run fails naming the cause; default: the suite's.")

    @field_validator("settings")
    @classmethod
    def _known_settings(cls, v: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(v) - set(Settings.model_fields))
        if unknown:
            raise ValueError(f"unknown settings {unknown}; see copilot/settings.py")
        secret = sorted(set(v) & SECRET_SETTINGS)
        if secret:
            raise ValueError(f"{secret} must come from the environment (COPILOT_API_KEY), not the suite file")
        return v

    axes: dict[str, str] = Field(default_factory=dict, description="Matrix axis -> value this config stands for.")

    @property
    def is_llm(self) -> bool:
        return bool(self.settings.get("model"))

    @property
    def workers(self) -> int:
        """Threads for this config's cases: LLM configs wait on the network; an offline config only if asked."""
        return self.concurrency if self.is_llm or "concurrency" in self.model_fields_set else 1


class Matrix(_Strict):
    """Configs as the product of axes: every combination of one value per axis is one config.

        matrix:
          axes:
            prompt: {v1: {prompt_versions: {suggest: v1}}, v2: {prompt_versions: {suggest: v2}}}
            model:  {small: {model: openai/gpt-4o-mini}, local: {model: ollama/qwen2.5, api_base: ...}}
          settings: {timeout_s: 10}      # under every combination
          concurrency: 8
    """

    axes: dict[str, dict[str, dict[str, Any]]] = Field(min_length=1)
    settings: dict[str, Any] = Field(default_factory=dict)
    concurrency: int = Field(default=4, ge=1, le=64)
    max_failure_rate: float | None = Field(default=None, ge=0, le=1)

    def configs(self) -> list[ConfigSpec]:
        import itertools

        names = list(self.axes)
        out = []
        for combo in itertools.product(*(self.axes[a].items() for a in names)):
            settings = dict(self.settings)
            for _, overrides in combo:
                settings = _merge(settings, overrides)
            out.append(ConfigSpec(name="-".join(v for v, _ in combo), settings=settings, concurrency=self.concurrency,
                                  max_failure_rate=self.max_failure_rate,
                                  axes={a: v for a, (v, _) in zip(names, combo, strict=True)}))
        return out


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Settings overrides layered; mappings (prompt_versions) merge key by key."""
    out = dict(base)
    for k, v in over.items():
        out[k] = {**out[k], **v} if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


class Suite(_Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    description: str = ""
    datasets: list[str] = Field(min_length=1)
    now: datetime = Field(default=DEFAULT_NOW, description="Answer time of cases that give none.")
    configs: list[ConfigSpec] = Field(default_factory=lambda: [ConfigSpec(name="offline")])
    matrix: Matrix | None = Field(default=None, description="More configs: the product of prompt × model × settings axes.")
    parallel_configs: int = Field(default=1, ge=1, le=16, description="Configs run at once (LLM configs mostly wait).")
    scorers: list[str] | None = Field(default=None, description="Scorer names; default: every registered scorer.")
    judge: dict[str, Any] = Field(default_factory=dict, description="Settings overrides for the LLM judge; {} = off.")
    factuality: dict[str, Any] = Field(default_factory=dict, description="Settings overrides for the factuality "
                                       "grader (factuality.py); {} = off.")
    gate: dict[str, str] = Field(default_factory=dict, description="metric -> threshold, e.g. '>= 0.95'.")
    assert_: list[Assertion] = Field(default_factory=list, alias="assert",
                                     description="Assertions every case gets, before its own.")
    max_failure_rate: float = Field(
        default=0.05, ge=0, le=1, description="Share of cases a config's model (or the judge) may fail on before "
        "the run fails naming the cause (failures.py).")
    cases: list[str] = Field(default_factory=list,
                             description="Run only these case ids (a sample for a slow local model); [] = all.")
    # Where the suite file is: dataset paths resolve against it (set by load_suite).
    base_dir: Path = Field(default=Path("."), exclude=True)

    @field_validator("gate")
    @classmethod
    def _thresholds(cls, v: dict[str, str]) -> dict[str, str]:
        for metric, rule in v.items():
            if not _THRESHOLD.match(str(rule)):
                raise ValueError(f"gate {metric!r}: {rule!r} is not a threshold like '>= 0.95'")
        return v

    @model_validator(mode="after")
    def _expand_matrix(self) -> Suite:
        if self.matrix is not None:
            explicit = self.configs if "configs" in self.model_fields_set else []
            self.configs = [*explicit, *self.matrix.configs()]
            self.matrix = None  # expanded once; a re-validation must not add the combinations twice
        names = [c.name for c in self.configs]
        if len(set(names)) != len(names):
            raise ValueError(f"config names must be unique: {names}")
        return self

    def dataset_paths(self) -> list[Path]:
        return [(self.base_dir / d).resolve() for d in self.datasets]

    def select(self, cases: list[Any]) -> list[Any]:
        """The suite's `cases` sample of the loaded cases (all when it names none); an unknown id is an error."""
        if not self.cases:
            return cases
        by_id = {c.id: c for c in cases}
        unknown = [i for i in self.cases if i not in by_id]
        if unknown:
            raise DatasetError(f"suite {self.name!r} names cases its datasets do not have: {unknown}")
        return [by_id[i] for i in self.cases]

    def config(self, name: str) -> ConfigSpec:
        for c in self.configs:
            if c.name == name:
                return c
        raise DatasetError(f"suite {self.name!r} has no config {name!r}; it has {[c.name for c in self.configs]}")


def parse_threshold(rule: str) -> tuple[str, float]:
    m = _THRESHOLD.match(rule)
    if not m:
        raise DatasetError(f"{rule!r} is not a threshold like '>= 0.95'")
    return m.group(1), float(m.group(2))


def load_suite(path: Path | str) -> Suite:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DatasetError(f"cannot read suite {str(path)!r}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise DatasetError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DatasetError(f"{path}: a suite is a mapping (name, datasets, configs, scorers, gate)")
    try:
        suite = Suite.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise DatasetError(f"{path}: {problems}") from exc
    suite.base_dir = path.resolve().parent
    for config in suite.configs:  # a tenants folder next to the suite is found from any working directory
        for key in _PATH_SETTINGS & set(config.settings):
            if not Path(config.settings[key]).is_absolute():
                config.settings[key] = str(suite.base_dir / config.settings[key])
    for p in suite.dataset_paths():
        if not p.is_file():
            raise DatasetError(f"{path}: dataset {str(p)!r} does not exist")
    return suite
