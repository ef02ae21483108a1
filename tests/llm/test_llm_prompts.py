"""Versioned prompt files: loading, declared variables, rendering."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.errors import ConfigError
from copilot.llm import load_prompt
from copilot.paths import PROMPTS_DIR

PROMPT = """---
description: test
variables: [name, question]
---
## system
You help {{ name }}.
## user
{{ question }}
"""


def write(dir_: Path, task: str, version: str, text: str = PROMPT) -> None:
    (dir_ / task).mkdir(parents=True, exist_ok=True)
    (dir_ / task / f"{version}.md").write_text(text, encoding="utf-8")


def test_render_fills_variables_into_system_and_user_messages(tmp_path):
    write(tmp_path, "ask", "v1")

    messages = load_prompt("ask", "v1", prompts_dir=tmp_path).render(name="Anna", question="Where is it?")

    assert messages == [{"role": "system", "content": "You help Anna."}, {"role": "user", "content": "Where is it?"}]


def test_a_missing_variable_is_a_config_error_naming_it(tmp_path):
    write(tmp_path, "ask", "v1")
    prompt = load_prompt("ask", "v1", prompts_dir=tmp_path)

    with pytest.raises(ConfigError, match="'question'"):
        prompt.render(name="Anna")


def test_an_undeclared_variable_is_a_config_error(tmp_path):
    write(tmp_path, "ask", "v1")

    with pytest.raises(ConfigError, match="'extra'"):
        load_prompt("ask", "v1", prompts_dir=tmp_path).render(name="A", question="Q", extra="x")


def test_the_latest_version_is_loaded_when_none_is_named(tmp_path):
    for v in ("v1", "v2", "v10"):
        write(tmp_path, "ask", v)

    assert load_prompt("ask", prompts_dir=tmp_path).version == "v10"


def test_a_file_using_an_undeclared_variable_is_rejected_on_load(tmp_path):
    write(tmp_path, "ask", "v1", PROMPT.replace("{{ question }}", "{{ question }} {{ secret }}"))

    with pytest.raises(ConfigError, match="secret"):
        load_prompt("ask", "v1", prompts_dir=tmp_path)


def test_a_file_without_front_matter_is_rejected(tmp_path):
    write(tmp_path, "ask", "v1", "## system\nhi\n## user\nthere\n")

    with pytest.raises(ConfigError, match="front matter"):
        load_prompt("ask", "v1", prompts_dir=tmp_path)


def test_a_missing_task_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="'nope'"):
        load_prompt("nope", prompts_dir=tmp_path)


def test_customer_text_that_looks_like_a_template_is_not_rendered(tmp_path):
    write(tmp_path, "ask", "v1")

    messages = load_prompt("ask", "v1", prompts_dir=tmp_path).render(name="A", question="{{ name }} [Name]")

    assert messages[1]["content"] == "{{ name }} [Name]"


@pytest.mark.parametrize("task", ["suggest", "revise", "judge"])
def test_every_shipped_prompt_version_loads_and_the_newest_is_the_default(task):
    files = sorted((PROMPTS_DIR / task).glob("v*.md"), key=lambda p: int(p.stem[1:]))
    for path in files:  # older versions stay loadable: eval results name the version they ran
        assert load_prompt(task, path.stem, prompts_dir=PROMPTS_DIR).variables
    assert load_prompt(task, prompts_dir=PROMPTS_DIR).version == files[-1].stem
