"""Versioned prompt files: ``prompts/<task>/v<N>.md``.

A prompt file is a small YAML front matter declaring its variables, then one ``## system`` and
one ``## user`` section of Jinja2 text::

    ---
    description: Draft the next reply.
    variables: [language, conversation]
    ---
    ## system
    You draft replies in {{ language }}.
    ## user
    {{ conversation }}

The declared variables must be exactly the ones the text uses (checked on load), and rendering
without one is a ConfigError naming it. The version (``v1``) is recorded in every CallRecord and
trace, so an eval result says which prompt produced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ConfigError

_FRONT = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)
_SECTION = re.compile(r"^## (system|user)[ \t]*$", re.M)
_VERSION = re.compile(r"^v(\d+)\.md$")
# Plain text out, not HTML; undefined variables are errors, never silent blanks (H6).
_DATA_TAG = re.compile(r"</?\s*(conversation|draft)\s*>", re.I)
_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=False, autoescape=False)


class _FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    variables: list[str]


@dataclass(frozen=True)
class Prompt:
    """One prompt version, ready to render into chat messages."""

    task: str
    version: str
    variables: set[str]
    description: str = ""
    sections: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    def render(self, **variables: Any) -> list[dict[str, str]]:
        """Chat messages with `variables` filled in; a missing or unknown variable is a ConfigError."""
        missing = sorted(self.variables - variables.keys())
        if missing:
            raise ConfigError(f"prompt {self.task}/{self.version} needs variable(s) {', '.join(map(repr, missing))}")
        unknown = sorted(variables.keys() - self.variables)
        if unknown:
            raise ConfigError(
                f"prompt {self.task}/{self.version} does not declare variable(s) {', '.join(map(repr, unknown))}"
            )
        return [{"role": role, "content": _template(text).render(**variables).strip()} for role, text in self.sections]


def as_data(text: str) -> str:
    """Customer (or draft) text made inert inside a delimited block: its own closing tags are removed
    and continuation lines indented, so it cannot end the block or forge an 'agent:' line."""
    return _DATA_TAG.sub("", text).replace("\n", "\n  ")


@lru_cache(maxsize=64)
def _template(text: str) -> jinja2.Template:
    return _ENV.from_string(text)


def _versions(task_dir: Path) -> list[tuple[int, Path]]:
    found = [(int(m.group(1)), p) for p in task_dir.glob("v*.md") if (m := _VERSION.match(p.name))]
    return sorted(found)


def load_prompt(task: str, version: str | None = None, *, prompts_dir: Path) -> Prompt:
    """Load ``prompts_dir/<task>/<version>.md`` (the highest ``vN`` when `version` is None)."""
    task_dir = Path(prompts_dir) / task
    if version is None:
        versions = _versions(task_dir)
        if not versions:
            raise ConfigError(f"no prompt files for task {task!r} in {task_dir} (expected v1.md, v2.md, …)")
        path = versions[-1][1]
    else:
        path = task_dir / f"{version}.md"
    return _load(path.resolve(), task)


@lru_cache(maxsize=32)
def _load(path: Path, task: str) -> Prompt:
    if not path.is_file():
        raise ConfigError(f"prompt file {str(path)!r} not found")
    text = path.read_text(encoding="utf-8")
    m = _FRONT.match(text)
    if not m:
        raise ConfigError(f"{path}: must start with a '---' front matter block declaring 'variables'")
    try:
        front = _FrontMatter.model_validate(yaml.safe_load(m.group(1)) or {})
    except (yaml.YAMLError, ValidationError) as e:
        raise ConfigError(f"{path}: invalid front matter: {e}") from e

    parts = _SECTION.split(m.group(2))
    sections = tuple((parts[i], parts[i + 1].strip()) for i in range(1, len(parts), 2))
    if [role for role, _ in sections] != ["system", "user"]:
        raise ConfigError(f"{path}: needs one '## system' then one '## user' section")

    try:
        used = set().union(*(jinja2.meta.find_undeclared_variables(_ENV.parse(body)) for _, body in sections))
    except jinja2.TemplateSyntaxError as e:
        raise ConfigError(f"{path}:{e.lineno}: {e.message}") from e
    declared = set(front.variables)
    if used != declared:
        raise ConfigError(
            f"{path}: declared variables {sorted(declared)} differ from those used {sorted(used)}"
        )
    return Prompt(task=task, version=path.stem, variables=declared, description=front.description, sections=sections)
