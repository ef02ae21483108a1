"""docs/knowledge.md's tenant set-up, run step by step as written; and the layouts it warns against."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from copilot import Copilot, Settings
from copilot.api import create_app
from copilot.cli import app
from copilot.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "knowledge.md"


def _steps() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("### Set up a tenant, step by step"):text.index("### `tenant.yaml`")]
    return re.findall(r"```(\w+)\n(.*?)```", section, re.S)


def _run_documented_steps(root: Path, data_dir: Path) -> tuple[dict[str, str], list[str]]:
    """Every command and file of the section, in order; absolute paths are moved under `root`."""
    env = {"COPILOT_DATA_DIR": str(data_dir)}
    outputs: list[str] = []
    runner = CliRunner()
    for kind, body in _steps():
        if kind == "text":  # what a command prints: checked by the tests below
            continue
        if kind == "yaml":
            first = body.splitlines()[0]
            assert first.startswith("# file: "), f"a documented file says where it goes: {first!r}"
            path = Path(env["COPILOT_TENANTS_DIR"]) / first.removeprefix("# file: ")
            path.write_text(body, encoding="utf-8")
            continue
        for line in body.strip().splitlines():
            if line.startswith("export "):
                key, value = line.removeprefix("export ").split("=", 1)
                env[key] = str(root / value.lstrip("/"))
                Path(env[key]).mkdir(parents=True, exist_ok=True)
                continue
            stdin = None
            if line.startswith("echo "):
                piped, line = line.split(" | ", 1)
                stdin = shlex.split(piped)[1]
            args = shlex.split(line, comments=True)  # as the shell reads it: "# …" is a comment
            assert args[0] == "copilot"
            result = runner.invoke(app, args[1:], env=env, input=stdin)
            assert result.exit_code == 0, f"{line}\n{result.output}\n{result.exception!r}"
            outputs.append(result.output)
    return env, outputs


@pytest.fixture(scope="module")
def documented(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> tuple[Path, dict[str, str], list[str]]:
    root = tmp_path_factory.mktemp("docs-setup")
    env, outputs = _run_documented_steps(root, data_dir)
    return Path(env["COPILOT_TENANTS_DIR"]), env, outputs


def test_the_documented_set_up_answers_a_question_from_the_tenants_own_facts(documented) -> None:
    _, _, outputs = documented
    suggestion = json.loads(outputs[-1])
    assert suggestion["trace"]["tenant"] == "salon"
    assert suggestion["knowledge"][0]["id"] == "faq:haircut_price:en"
    assert "35 EUR" in suggestion["draft"]["text"]
    assert suggestion["draft"]["citations"] == ["faq:haircut_price:en"]


def test_tenant_check_reports_what_it_built_and_what_the_data_leaves_thin(documented) -> None:
    tenants, _, outputs = documented
    check = next(o for o in outputs if "ready in" in o)
    assert "4 knowledge entries" in check  # 2 FAQ entries × en, ru
    assert "knowledge: 2 faq (4 entries: one per language)" in check
    assert "vocabulary appointment" in check and "requested (a person confirms)" in check
    # The scaffold's taxonomy is the default one: its intents have examples, its FAQ 3 variants each.
    assert "coverage:" in check and "faq haircut_price" not in check
    assert check.rstrip().splitlines()[-1].startswith("ok: salon is built and answers from its data (")
    read = next(line for line in check.splitlines() if line.startswith("read from "))
    assert {"tenant.yaml", "knowledge/faq.yaml"} <= set(read.removeprefix(f"read from {tenants / 'salon'}: ").split(", "))


def _copy(tenants: Path, name: str) -> Path:
    dest = tenants / name
    shutil.copytree(tenants / "salon", dest)
    return dest


# Where each misplaced name belongs, as `copilot tenant check` says it (docs/knowledge.md, "A tenant").
MISPLACED = {
    "faq at the top": ("faq.yaml", "it belongs in {root}/knowledge/faq.yaml"),
    "demo folder": ("demo/faq.yaml", "it belongs in {root}/knowledge/ ("),
    "knowledge/faq folder": ("knowledge/faq/faq.yaml", "put its files straight in {root}/knowledge ("),
}


@pytest.mark.parametrize("misplace", sorted(MISPLACED))
def test_a_misplaced_knowledge_file_is_an_error_naming_its_path_and_where_it_belongs(
        documented, data_dir: Path, misplace: str) -> None:
    tenants, env, _ = documented
    name = "salon-" + misplace.replace(" ", "-").replace("/", "-")
    root = _copy(tenants, name)
    wrong_at, belongs = MISPLACED[misplace]
    wrong = root / wrong_at
    wrong.parent.mkdir(exist_ok=True)
    (root / "knowledge" / "faq.yaml").rename(wrong)
    result = CliRunner().invoke(app, ["tenant", "check", name], env=env)
    assert result.exit_code == 2
    shown = wrong if misplace == "faq at the top" else wrong.parent  # the folder that is in the wrong place
    [line] = [line for line in result.output.splitlines() if line.startswith(f"error: {shown}: ")]
    assert belongs.format(root=root) in line
    with pytest.raises(ConfigError, match=re.escape(str(shown))):
        Copilot(Settings(data_dir=data_dir, tenants_dir=tenants)).suggest(
            {"tenant": name, "messages": [{"role": "customer", "text": "how much is a haircut?"}]})


def _printed(about: str) -> str:
    """The section's documented output of `copilot tenant check` whose text mentions `about`."""
    [text] = [body for kind, body in _steps() if kind == "text" and about in body]
    return text


def test_the_misplaced_layout_the_docs_show_prints_what_the_docs_show(documented, data_dir: Path,
                                                                      tmp_path: Path) -> None:
    """The user's own commands (the console script, not the test runner): stderr as documented, exit 2,
    no traceback; then the CLI's `suggest` and the API name the same path."""
    tenants, _, _ = documented
    shutil.copytree(tenants / "salon", tmp_path / "salon")
    (tmp_path / "salon" / "knowledge").rename(tmp_path / "salon" / "demo")
    env = {**os.environ, "COPILOT_TENANTS_DIR": str(tmp_path), "COPILOT_DATA_DIR": str(data_dir),
           "PYTHONPATH": str(ROOT)}
    copilot_cli = [sys.executable, "-m", "copilot.cli"]
    check = subprocess.run([*copilot_cli, "tenant", "check", "salon"], env=env, capture_output=True, text=True,
                           timeout=120)
    assert check.returncode == 2
    assert check.stderr == _printed("misplaced").replace("/srv/tenants", str(tmp_path)) and check.stdout == ""
    problem = _printed("misplaced").strip().removeprefix("error: ").replace("/srv/tenants", str(tmp_path))
    question = json.dumps({"tenant": "salon", "messages": [{"role": "customer", "text": "how much is a haircut?"}]})
    asked = subprocess.run([*copilot_cli, "suggest", "-"], env=env, input=question, capture_output=True, text=True,
                           timeout=120)
    assert asked.returncode == 2 and "Traceback" not in asked.stderr
    assert asked.stderr.startswith("error: tenant 'salon' cannot be served until its files are fixed") and problem in asked.stderr
    client = TestClient(create_app(Copilot(Settings(data_dir=data_dir, tenants_dir=tmp_path)), warm=False))
    r = client.post("/v1/suggest", json=json.loads(question))
    assert r.status_code == 503 and problem in r.json()["error"]["message"]


def test_a_replacing_taxonomy_without_a_greeting_or_a_hand_off_is_reported_and_sends_nothing(documented) -> None:
    tenants, env, _ = documented
    root = _copy(tenants, "salon-own")
    config = root / "tenant.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("taxonomy: extend", "taxonomy: replace"),
                      encoding="utf-8")
    (root / "taxonomy").mkdir()
    (root / "taxonomy" / "intents.yaml").write_text("""\
version: 1
intents:
  - id: prices
    description: The customer asks what a service costs.
    examples:
      en: ["how much is a haircut", "price of colouring", "what does a manicure cost", "haircut price?", "cost of a trim"]
      ru: ["сколько стоит стрижка", "цена окрашивания", "почём маникюр", "стрижка цена?", "сколько стоит подровнять"]
""", encoding="utf-8")
    result = CliRunner().invoke(app, ["tenant", "check", "salon-own"], env=env)
    assert result.exit_code == 0, result.output
    assert "taxonomy: no intent of kind greeting" in result.output
    assert "taxonomy: no intent of kind escalate" in result.output
    assert "auto-send: none" in result.output
    assert re.search(r"templates en: en\.any\.vague_opener\S* offers options that lead to intents not in the "
                     r"taxonomy \(pricing, booking, order_status\)", result.output)


def test_an_empty_faq_file_is_an_error_not_a_tenant_without_knowledge(documented, data_dir: Path) -> None:
    tenants, env, _ = documented
    root = _copy(tenants, "salon-empty")
    (root / "knowledge" / "faq.yaml").write_text("business: Salon Lumi\nentries: []\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["tenant", "check", "salon-empty"], env=env)
    assert result.exit_code == 2
    assert f"{root / 'knowledge' / 'faq.yaml'}: no entries" in result.output


def test_a_language_without_templates_is_an_error_naming_the_file_that_uses_it(documented, data_dir: Path) -> None:
    tenants, env, _ = documented
    root = _copy(tenants, "salon-de")
    faq = root / "knowledge" / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace(
        '      ru: "Парковаться', '      de: "Parken Sie kostenlos im Hof."\n      ru: "Парковаться'), encoding="utf-8")
    result = CliRunner().invoke(app, ["tenant", "check", "salon-de"], env=env)
    assert result.exit_code == 2
    assert f"{faq}: language 'de' has no templates" in result.output


BAD_AUTOMATION = {
    "zone": ("business_hours:\n  timezone: Mars/Olympus\n",
             "business_hours.timezone: unknown time zone 'Mars/Olympus'"),
    "key": ("business_hours:\n  tz: Europe/Kyiv\n",
            "business_hours.tz: unknown key (allowed: timezone, weekly, holidays, special)"),
}


@pytest.mark.parametrize("bad", sorted(BAD_AUTOMATION))
def test_an_invalid_automation_file_fails_the_check_naming_the_file_and_the_key(documented, bad: str) -> None:
    tenants, env, _ = documented
    root = _copy(tenants, f"salon-hours-{bad}")
    text, problem = BAD_AUTOMATION[bad]
    (root / "automation.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["tenant", "check", f"salon-hours-{bad}"], env=env)
    assert result.exit_code == 2
    assert f"{root / 'automation.yaml'} (tenant 'salon-hours-{bad}'): {problem}" in " ".join(result.output.split())


def test_every_broken_file_is_named_at_once_as_the_docs_show(documented, tmp_path: Path) -> None:
    tenants, env, _ = documented
    root = tmp_path / "salon"
    shutil.copytree(tenants / "salon", root)
    (root / "automation.yaml").write_text("business_hours:\n  tz: Europe/Kyiv\n", encoding="utf-8")
    (root / "off_domain.yaml").write_text("en: [\"do you sell cars?\"]\nuse_defaults: false\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["tenant", "check", "salon"], env={**env, "COPILOT_TENANTS_DIR": str(tmp_path)})
    assert result.exit_code == 2
    assert result.output == _printed("automation.yaml").replace("/srv/tenants", str(tmp_path))


def test_a_running_server_answers_from_knowledge_written_after_it_started(documented, data_dir: Path) -> None:
    tenants, _, _ = documented
    root = _copy(tenants, "salon-live")
    client = TestClient(create_app(Copilot(Settings(data_dir=data_dir, tenants_dir=tenants)), warm=False))
    question = {"tenant": "salon-live", "messages": [{"role": "customer", "text": "do you sell gift cards?"}]}
    before = client.post("/v1/suggest", json=question).json()
    assert not any(h["id"].startswith("faq:gift_cards") for h in before["knowledge"])
    faq = root / "knowledge" / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8") + """\
  - id: gift_cards
    intent: info
    questions:
      en: ["do you sell gift cards", "can I buy a gift voucher", "gift certificate for a friend"]
    answers:
      en: "Gift cards of 25, 50 and 100 EUR are sold at the reception."
""", encoding="utf-8")
    time.sleep(1.1)  # the server looks at a tenant's knowledge files at most once a second
    after = client.post("/v1/suggest", json=question).json()
    assert after["knowledge"][0]["id"] == "faq:gift_cards:en"
    assert "25, 50 and 100 EUR" in after["draft"]["text"]


def test_readiness_says_when_a_tenant_is_built(documented, data_dir: Path) -> None:
    tenants, _, _ = documented
    client = TestClient(create_app(Copilot(Settings(data_dir=data_dir, tenants_dir=tenants)), warm=False))
    first = client.get("/v1/tenants/salon/ready")
    assert first.status_code == 503 and first.json()["state"] in ("building", "ready")
    deadline = time.monotonic() + 120
    while (r := client.get("/v1/tenants/salon/ready")).status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert r.json() == {"tenant": "salon", "ready": True, "state": "ready"}
    missing = client.get("/v1/tenants/nobody/ready")
    assert missing.status_code == 404 and missing.json()["error"]["field"] == "tenant"


def test_the_check_counts_items_not_their_copies_and_shows_a_price_as_each_language_prints_it(documented) -> None:
    tenants, env, _ = documented
    root = _copy(tenants, "salon-shop")
    (root / "knowledge" / "catalogue.yaml").write_text("""\
currency: EUR
items:
  - id: 7
    names: {en: Hair oil, ru: Масло для волос}
    kind: service
    duration_minutes: 30
    variants:
      - {id: 50, names: {en: 50 ml, ru: 50 мл}, price: 1250}
      - {id: 100, names: {en: 100 ml, ru: 100 мл}, price: 2000}
""", encoding="utf-8")
    result = CliRunner().invoke(app, ["tenant", "check", "salon-shop"], env=env)
    assert result.exit_code == 0, result.output  # numeric ids are ids
    assert "knowledge: 1 catalogue, 2 faq (6 entries: one per language)" in result.output
    lines = result.output.splitlines()
    en = next(i for i, line in enumerate(lines) if line.startswith("  en: Hair oil"))
    ru = next(i for i, line in enumerate(lines) if line.startswith("  ru: Масло для волос"))
    assert en < ru  # in the order tenant.yaml lists its languages
    en, ru = lines[en], lines[ru]
    assert "1,250" in en and "EUR" in en  # grouped as each language groups digits
    assert "1 250" in ru.replace("\u00a0", " ")
    assert en.endswith("— 30 min")  # the whole item as quoted, its duration too
    # Every item as drafts quote it, not only the first the check shows.
    listed = CliRunner().invoke(app, ["knowledge", "list", "--tenant", "salon-shop", "--kind", "catalogue", "--text"],
                                env=env)
    assert listed.exit_code == 0, listed.output
    assert "catalogue:7:en\tHair oil — 50 ml: 1,250 EUR; 100 ml: 2,000 EUR" in listed.output
    # A data dir that holds no such tenant says so, and where it looked, instead of listing nothing.
    elsewhere = CliRunner().invoke(app, ["knowledge", "list", "--tenant", "salon-shop", "--data-dir",
                                         str(tenants.parent / "empty-data")], env=env)
    assert elsewhere.exit_code == 2 and "tenant check salon-shop" in elsewhere.output
    assert "empty-data" in elsewhere.output
    # `--tenants-dir`, as the tenant commands take it: the tenant's files as they are now, in any data dir.
    fresh = CliRunner().invoke(app, ["knowledge", "list", "--tenant", "salon-shop", "--text", "--tenants-dir",
                                     str(tenants), "--data-dir", str(tenants.parent / "empty-data")], env=env)
    assert fresh.exit_code == 0 and "catalogue:7:en\tHair oil — 50 ml: 1,250 EUR" in fresh.output, fresh.output
    # A policy file is read and listed; its sections are counted once whatever the languages.
    (root / "knowledge" / "policies").mkdir()
    for lang, body in (("en", "# Terms\n\n## Lateness\nWe wait 15 minutes.\n"),
                       ("ru", "# Правила\n\n## Опоздания\nЖдём 15 минут.\n")):
        (root / "knowledge" / "policies" / f"terms.{lang}.md").write_text(body, encoding="utf-8")
    result = CliRunner().invoke(app, ["tenant", "check", "salon-shop"], env=env)
    assert result.exit_code == 0, result.output
    assert "knowledge: 1 catalogue, 2 faq, 1 policy section (8 entries: one per language)" in result.output
    read = next(line for line in result.output.splitlines() if line.startswith("read from "))
    assert {"knowledge/policies/terms.en.md", "knowledge/policies/terms.ru.md"} <= set(read.split(": ", 1)[1].split(", "))


def test_the_check_names_the_example_hours_tenant_init_wrote_if_they_are_kept(documented) -> None:
    """Customers would be told the scaffold's "Mon–Fri 9:00–18:00" as the business's hours."""
    tenants, env, _ = documented
    root = _copy(tenants, "salon-kept")
    faq = root / "knowledge" / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8") + """\
  - id: hours
    intent: info
    questions:
      en: ["when are you open", "what are your opening hours"]
      ru: ["когда вы работаете", "какой у вас график"]
    answers:
      en: "We are open Mon–Fri 9:00–18:00."
      ru: "Салон открыт ежедневно с 10:00 до 20:00."
""", encoding="utf-8")
    result = CliRunner().invoke(app, ["tenant", "check", "salon-kept"], env=env)
    assert result.exit_code == 0, result.output
    kept = [line for line in result.output.splitlines() if "still the example" in line]
    assert kept == ['  faq hours: still the example `tenant init` wrote in en ("We are open Mon–Fri 9:00–18:00."): '
                    'write your own or delete it']


def test_an_own_booking_intent_beside_the_default_one_is_reported_with_the_id_that_replaces_it(documented) -> None:
    tenants, env, _ = documented
    root = _copy(tenants, "salon-book")
    (root / "taxonomy").mkdir()
    (root / "taxonomy" / "intents.yaml").write_text("""\
version: 1
intents:
  - id: book_visit
    kind: book
    required_fields: [date, time]
    examples:
      en: ["can I book a haircut for friday", "book me in tomorrow at 3", "any free slot on saturday morning",
           "I'd like an appointment for colouring", "can you fit me in today"]
      ru: ["можно записаться на стрижку в пятницу", "запишите меня на завтра на 3", "есть окно в субботу утром",
           "хочу записаться на окрашивание", "можно сегодня попасть"]
""", encoding="utf-8")
    config = root / "tenant.yaml"  # and prices in hryvnias with no high-value bar for them
    config.write_text(config.read_text(encoding="utf-8").replace("currency: EUR\nhigh_value: {EUR: 300}",
                                                                 "currency: UAH"), encoding="utf-8")
    result = CliRunner().invoke(app, ["tenant", "check", "salon-book"], env=env)
    assert result.exit_code == 0, result.output
    assert ("tenant.yaml: no high_value for UAH: an amount of 1000 UAH or more goes to a person (E-high-value); "
            "set high_value: {UAH: …}") in result.output
    assert ("taxonomy: book_visit (kind book) beside the default booking: messages of that kind are split between "
            "them; give yours the id booking to replace it") in result.output
    # Given the default's id, it replaces the default and nothing is reported.
    intents = root / "taxonomy" / "intents.yaml"
    intents.write_text(intents.read_text(encoding="utf-8").replace("id: book_visit", "id: booking"), encoding="utf-8")
    result = CliRunner().invoke(app, ["tenant", "check", "salon-book"], env=env)
    assert result.exit_code == 0, result.output
    assert "beside the default" not in result.output


def test_a_text_with_an_unquoted_colon_is_reported_by_file_line_and_the_usual_fix(documented) -> None:
    tenants, env, _ = documented
    root = _copy(tenants, "salon-colon")
    intents = root / "taxonomy" / "intents.yaml"
    intents.parent.mkdir(exist_ok=True)
    intents.write_text("intents:\n  - id: gift_card\n    description: Gift cards: sold at the desk\n"
                       "    examples: {en: [gift card]}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["tenant", "check", "salon-colon"], env=env)
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert f'{intents}: not valid YAML (line 3, column 28: mapping values are not allowed' in said
    assert 'a text with ": " in it goes in quotes' in said and "<unicode string>" not in said
