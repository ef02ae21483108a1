"""`copilot tenant check` names the default off-topic examples that sit as near the tenant's FAQ as an answer, and a
tenant drops the ones that are its own trade (docs/knowledge.md, "off_domain.yaml")."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from copilot.cli import app

_FAQ = """\
entries:
  - id: breakfast
    intent: info
    questions:
      en: ["is breakfast included in the price?", "do you serve breakfast"]
    answers:
      en: "Breakfast is included: 8:00-10:30 in the lounge."
  - id: checkin
    intent: reschedule_cancel
    questions:
      en: ["what time is check-in", "can I check in early"]
    answers:
      en: "Check-in from 14:00, check-out until 11:00."
"""


def test_check_names_a_default_example_near_the_tenants_faq_and_a_dropped_one_no_more(tmp_path: Path,
                                                                                     data_dir: Path) -> None:
    root = tmp_path / "tenants" / "hostel"
    (root / "knowledge").mkdir(parents=True)
    (root / "tenant.yaml").write_text("business: Kapsula\nlanguages: [en]\nvocabulary: booking\n", encoding="utf-8")
    (root / "knowledge" / "faq.yaml").write_text(_FAQ, encoding="utf-8")
    env = {"COPILOT_TENANTS_DIR": str(tmp_path / "tenants"), "COPILOT_DATA_DIR": str(data_dir)}
    result = CliRunner().invoke(app, ["tenant", "check", "hostel"], env=env)
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "double room" in x)
    assert line.endswith('~ faq:breakfast:en: "is breakfast included in the price?"')
    # A draft quoting an entry counts as the entry's intent: one the send policy does not list is read first.
    unsent = "  read by a person first, their intent not listed: checkin (reschedule_cancel)"
    assert unsent in result.output.splitlines()
    assert "under `drop:` in your off_domain.yaml" in result.output
    quoted = line.split('"')[1]  # copied as the check quotes it
    (root / "off_domain.yaml").write_text(f'drop: ["{quoted}"]\n', encoding="utf-8")
    again = CliRunner().invoke(app, ["tenant", "check", "hostel"], env=env)
    assert again.exit_code == 0, again.output
    assert "double room" not in again.output


_INTENTS = """\
intents:
  - id: greeting
    kind: greeting
    examples: {en: ["hi", "hello there"]}
  - id: info
    kind: answer
    examples: {en: ["what time is breakfast", "is there parking"]}
  - id: human_request
    kind: escalate
    examples: {en: ["let me talk to a person"]}
"""


def test_the_first_build_says_how_many_texts_it_embeds_and_for_how_long_then_reads_them_from_the_cache(
        tmp_path: Path) -> None:
    root = tmp_path / "tenants" / "hostel"
    (root / "knowledge").mkdir(parents=True)
    (root / "taxonomy").mkdir()
    (root / "tenant.yaml").write_text("languages: [en]\ntaxonomy: replace\n", encoding="utf-8")
    (root / "knowledge" / "faq.yaml").write_text(_FAQ, encoding="utf-8")
    (root / "taxonomy" / "intents.yaml").write_text(_INTENTS, encoding="utf-8")
    (root / "off_domain.yaml").write_text('use_default: false\nen: ["tell me a joke", "will it rain"]\n',
                                          encoding="utf-8")
    env = {"COPILOT_TENANTS_DIR": str(tmp_path / "tenants"), "COPILOT_DATA_DIR": str(tmp_path / "data")}
    first = CliRunner().invoke(app, ["tenant", "check", "hostel"], env=env)
    assert first.exit_code == 0, first.output
    # the five examples and the two exemplars (newcomers were told the examples' share alone: 7 s said, 47 s taken)
    assert "5 + 2 texts not embedded before" in first.output and "at the present load (" in first.output
    again = CliRunner().invoke(app, ["tenant", "check", "hostel"], env=env)
    assert "(3 intents, 5 examples) from cache" in again.output and "not embedded before" not in again.output
