"""The README's examples run as written: its Python block, its curl request against a real server,
its CLI call, and every doctest in the package. The answers they show must stay true."""

from __future__ import annotations

import doctest
import importlib
import json
import pkgutil
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

import copilot
from copilot.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    """The README's fenced code blocks in `language` ("" for unlabelled ones), in order."""
    out: list[str] = []
    lines: list[str] | None = None
    label = ""
    for line in README.splitlines():
        if line.startswith("```") and lines is None:
            lines, label = [], line[3:].strip()
        elif line.startswith("```") and lines is not None:
            if label == language:
                out.append("\n".join(lines) + "\n")
            lines = None
        elif lines is not None:
            lines.append(line)
    return out


def _documented(block: str, key: str) -> str:
    """A "key": "value" pair the README's answer shows (the first one)."""
    match = re.search(rf'"{key}": "([^"]*)"', block)
    assert match, f"the README answer no longer shows {key!r}"
    return match.group(1)


@pytest.fixture()
def env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("COPILOT_DATA_DIR", str(data_dir))  # Copilot.from_env() in the examples
    return {"COPILOT_DATA_DIR": str(data_dir)}


def test_the_python_example_runs(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    (block,) = _blocks("python")
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102  (our own README)
    printed = capsys.readouterr().out
    suggestion, report = namespace["s"], namespace["report"]
    assert isinstance(suggestion, copilot.Suggestion) and printed.startswith(suggestion.intent.id)
    # "Hi [Name]! Order number? Email?": a placeholder and two questions.
    assert isinstance(report, copilot.HygieneReport)
    assert {c.rule for c in report.checks if c.status == "fail"} >= {"H3", "H6"} and not report.passed


def test_the_curl_example_answers_what_the_readme_shows(base_url: str) -> None:
    command = next(b for b in _blocks("bash") if b.lstrip().startswith("curl"))
    args = shlex.split(command.replace("localhost:8000", base_url.removeprefix("http://")))
    if shutil.which("curl"):
        body = json.loads(subprocess.run(args, capture_output=True, check=True, timeout=120).stdout)
    else:  # the same request without the binary
        url = next(a for a in args if "/v1/" in a)
        data = args[args.index("-d") + 1]
        body = httpx.post(url, content=data, headers={"content-type": "application/json"}, timeout=120).json()
    shown = next(b for b in _blocks("json") if '"intent"' in b)
    assert body["intent"]["id"] == _documented(shown, "id")
    assert body["language"] == _documented(shown, "language")
    assert body["draft"]["text"] == re.search(r'"draft": \{"text": "([^"]+)"', shown).group(1)
    assert body["draft"]["template_id"] == _documented(shown, "template_id")
    assert body["decision"]["action"] == _documented(shown, "action")
    assert [f["trigger"] for f in body["follow_ups"]] == re.findall(r'"trigger": "([^"]+)"', shown)


def test_the_cli_example_prints_what_the_readme_shows(env: dict[str, str]) -> None:
    command = next(b for b in _blocks("bash") if "copilot suggest" in b)
    stdin = shlex.split(command)[1]  # echo '<json>' | … suggest - --pretty
    result = CliRunner().invoke(app, ["suggest", "-", "--pretty"], input=stdin, env=env)
    assert result.exit_code == 0, result.output
    shown = next(b for b in _blocks("") if b.startswith("Language "))
    intent, fields = shown.splitlines()[0].split("Intent ")[1].split()[0], shown.splitlines()[1].split()[1]
    decision = next(line for line in shown.splitlines() if line.startswith("Decision "))
    template = re.search(r"Draft \(([^)]+)\)", shown)
    assert f"Intent {intent} " in result.output and f"Fields {fields} " in result.output
    assert decision in result.output and template and template.group(1) in result.output


def test_every_doctest_in_the_package_passes(env: dict[str, str]) -> None:
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    ran = 0
    for info in pkgutil.walk_packages(copilot.__path__, "copilot."):
        if info.name.endswith("pytest_plugin"):
            continue
        for test in finder.find(importlib.import_module(info.name)):
            if test.examples:
                ran += len(test.examples)
                runner.run(test)
    assert ran >= 3
    assert runner.failures == 0, f"{runner.failures} doctest example(s) failed (output above)"


def test_every_setting_is_documented() -> None:
    from copilot.settings import Settings

    here = Path(__file__).resolve().parent.parent / "docs"
    docs = README + "".join((here / f"{name}.md").read_text(encoding="utf-8") for name in ("deployment", "llm", "automation"))
    missing = [f"COPILOT_{name.upper()}" for name in Settings.model_fields
               if not re.search(rf"COPILOT_{name.upper()}\b", docs)]
    assert not missing, f"settings in neither README.md nor docs/deployment.md, llm.md, automation.md: {missing}"
