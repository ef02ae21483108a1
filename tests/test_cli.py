"""The CLI through typer's runner, on the offline default."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copilot import __version__
from copilot.cli import app

runner = CliRunner()


@pytest.fixture()
def env(settings) -> dict[str, str]:
    return {"COPILOT_DATA_DIR": str(settings.data_dir)}


@pytest.fixture()
def conversation_file(tmp_path: Path) -> Path:
    path = tmp_path / "conv.json"
    path.write_text(json.dumps({"messages": [{"role": "customer", "text": "где мой заказ?"}], "channel": "telegram"}),
                    encoding="utf-8")
    return path


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_python_dash_m_copilot_is_the_copilot_command() -> None:
    result = subprocess.run([sys.executable, "-m", "copilot", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and __version__ in result.stdout


def test_suggest_reads_a_file_and_prints_a_suggestion(conversation_file: Path, env: dict) -> None:
    result = runner.invoke(app, ["suggest", str(conversation_file)], env=env)
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["intent"]["id"] == "order_status" and body["language"] == "ru"


def test_suggest_reads_stdin(env: dict) -> None:
    conv = json.dumps({"messages": [{"role": "customer", "text": "hi, do you have helmets?"}]})
    result = runner.invoke(app, ["suggest", "-"], input=conv, env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["language"] == "en"


def test_pretty_shows_intent_draft_rules_and_decision(conversation_file: Path, env: dict) -> None:
    result = runner.invoke(app, ["suggest", str(conversation_file), "--pretty"], env=env)
    assert result.exit_code == 0, result.output
    for part in ("Intent", "order_status", "Draft", "Hygiene", "Decision"):
        assert part in result.output


def test_bad_input_names_the_field_and_exits_2(tmp_path: Path, env: dict) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"messages": [], "channel": "fax"}), encoding="utf-8")
    result = runner.invoke(app, ["suggest", str(bad)], env=env)
    assert result.exit_code == 2
    assert "messages" in result.output and "channel" in result.output


def test_check_exits_1_when_a_block_rule_fails(conversation_file: Path, env: dict) -> None:
    result = runner.invoke(app, ["check", str(conversation_file), "--draft", "Hi [Name]!", "--json"], env=env)
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert any(c["rule"] == "H6" and c["status"] == "fail" for c in report["checks"])


def test_rules_lists_every_rulebook_id() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    for rid in ("H1", "H7", "H14", "M1", "M9"):
        assert f"\n{rid} " in "\n" + result.output


def test_knowledge_search_finds_the_demo_answer(env: dict) -> None:
    result = runner.invoke(app, ["knowledge", "search", "what are your opening hours", "--language", "en"], env=env)
    assert result.exit_code == 0, result.output
    assert "faq:" in result.output


def test_the_console_script_reports_our_errors_in_one_line_with_exit_2(tmp_path: Path, env: dict) -> None:
    import subprocess
    import sys

    test = tmp_path / "test.csv"
    test.write_text("text,intent\nwhere is my order,order_status\nwhat's the weather,oos\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "copilot.cli", "eval", "intents", str(test), "--taxonomy", "knowledge/taxonomy"],
        capture_output=True, text=True, env=env, cwd=Path(__file__).resolve().parent.parent, timeout=300,
    )
    assert out.returncode == 2
    assert out.stderr.strip() == (f"error: {test}:3: label 'oos' is not an intent of the taxonomy "
                                  "(pass --oos-label if it marks out-of-scope rows)")
    assert "Traceback" not in out.stderr


def test_suggest_and_check_find_a_tenant_by_tenants_dir_and_say_when_nothing_says_where(tmp_path: Path,
                                                                                        env: dict) -> None:
    # `tenant init X --tenants-dir D` worked, then `suggest` could not find X and did not say why.
    conv = tmp_path / "conv.json"
    conv.write_text(json.dumps({"tenant": "aria_beauty", "channel": "whatsapp", "messages": [
        {"role": "customer", "text": "what time do you open on saturday?"}]}), encoding="utf-8")
    unset = {**env, "COPILOT_TENANTS_DIR": None}
    lost = runner.invoke(app, ["suggest", str(conv)], env=unset)
    assert lost.exit_code == 2 and "COPILOT_TENANTS_DIR is not set" in lost.output and "--tenants-dir" in lost.output

    tenants = Path(__file__).resolve().parent.parent / "evals" / "datasets" / "tenants"
    found = runner.invoke(app, ["suggest", str(conv), "--tenants-dir", str(tenants)], env=unset)
    assert found.exit_code == 0, found.output
    assert any(k["id"].startswith("faq:") for k in json.loads(found.output)["knowledge"])
    checked = runner.invoke(app, ["check", str(conv), "--draft", "We open at 10:00 on Saturday.", "--tenants-dir",
                                  str(tenants)], env=unset)
    assert checked.exit_code == 0, checked.output


def test_pretty_prints_ids_and_texts_as_written(offline_copilot, capsys: pytest.CaptureFixture[str]) -> None:
    # an entry id is no emoji code (":parking:" was printed as 🅿), a bracket in a text no markup
    from copilot.pretty import print_suggestion

    s = offline_copilot.suggest({"channel": "telegram", "messages": [{"role": "customer", "text": "when are you open?"}]})
    hit = s.knowledge[0].model_copy(update={"id": "faq:parking:hy", "text": "[VIP] parking behind the shop"})
    print_suggestion(s.model_copy(update={"knowledge": [hit]}))
    out = capsys.readouterr().out
    assert "faq:parking:hy" in out and "[VIP] parking behind the shop" in out
