"""A business tunes its hand-offs and channel limits with files, not code (docs/knowledge.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot import Copilot, Settings
from copilot.errors import ConfigError
from copilot.paths import KNOWLEDGE_DIR
from copilot.signal_words import load_signal_words

SUPERVISOR = "can you get me your supervisor about my order A-10234"
# 128 characters, GSM only: within the default SMS style limit (160), over the tenant's hard limit (120).
SMS = "Hi Anna! Your order A-10234 left our warehouse today and reaches you tomorrow.\nIs there anything else I can help you with today?"

CATALOGUE = """\
currency: EUR
items:
  - {id: city-3, names: {en: City 3 bike, ru: велосипед City 3}, aliases: [city 3], price: 540, stock: 4}
"""


@pytest.fixture(scope="module")
def tenants_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tenants")
    (root / "strict").mkdir()
    (root / "strict" / "signals.yaml").write_text(
        "escalation_markers:\n  E-human: {en: [supervisor]}\n", encoding="utf-8")
    (root / "strict" / "channels.yaml").write_text("sms: {hard: 120, style: 100, paragraph: 100}\n", encoding="utf-8")
    (root / "plain").mkdir()
    kdir = root / "worded" / "knowledge"
    kdir.mkdir(parents=True)
    (kdir / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    (kdir / "availability.yaml").write_text("words:\n  in_stock: {en: ready to ride today}\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def copilot(tenants_dir: Path, data_dir: Path) -> Copilot:
    return Copilot(Settings(data_dir=data_dir, tenants_dir=tenants_dir))


def test_a_tenant_marker_hands_off_what_the_default_lets_through(copilot: Copilot) -> None:
    plain = copilot.suggest({"messages": [{"role": "customer", "text": SUPERVISOR}], "tenant": "plain"})
    strict = copilot.suggest({"messages": [{"role": "customer", "text": SUPERVISOR}], "tenant": "strict"})
    assert "E-human" not in plain.decision.reasons
    assert strict.decision.action == "escalate" and "E-human" in strict.decision.reasons


def test_a_tenant_keeps_the_default_markers_it_did_not_list(copilot: Copilot) -> None:
    s = copilot.suggest({"messages": [{"role": "customer", "text": "I want my money back"}], "tenant": "strict"})
    assert "E-refund" in s.decision.reasons


def test_a_tenant_sms_limit_blocks_a_draft_the_default_accepts(copilot: Copilot) -> None:
    conv = {"messages": [{"role": "customer", "text": "where is my order A-10234?"}], "channel": "sms"}
    plain = copilot.check({**conv, "tenant": "plain"}, SMS)
    strict = copilot.check({**conv, "tenant": "strict"}, SMS)
    assert next(c for c in plain.checks if c.rule == "H5").status == "pass"
    check = next(c for c in strict.checks if c.rule == "H5")
    assert check.status == "fail" and "at most 120" in check.detail


def test_a_tenant_words_its_stock_and_the_suggestion_quotes_it(copilot: Copilot) -> None:
    s = copilot.suggest({"messages": [{"role": "customer", "text": "is the City 3 bike in stock?"}], "tenant": "worded"})
    hit = next(h for h in s.knowledge if h.id == "catalogue:city-3:en")
    assert hit.text == "City 3 bike — 540 EUR — ready to ride today"
    ru = {h.id: h.text for h in copilot.resources.store.entries(tenant="worded", kind="catalogue")}
    assert ru["catalogue:city-3:ru"] == "велосипед City 3 — 540 EUR — в наличии"  # not reworded: the default


def test_use_default_false_replaces_the_default_words(tmp_path: Path) -> None:
    own = tmp_path / "signals.yaml"
    own.write_text("use_default: false\nescalation_markers:\n  E-legal: {en: [ombudsman]}\n", encoding="utf-8")
    words = load_signal_words(KNOWLEDGE_DIR / "signals.yaml", own)
    assert words.stated_escalations("I will write to the ombudsman") == ["E-legal"]
    assert words.stated_escalations("I want my money back") == []


@pytest.mark.parametrize("content, named", [
    ("escalation_markers:\n  E-vip: {en: [gold]}\n", "E-vip"),
    ("upset:\n  english: [grr]\n", "english"),
    ("mood: {en: [grr]}\n", "mood"),
])
def test_a_bad_signals_file_is_an_error_naming_the_file_and_the_key(tmp_path: Path, content: str, named: str) -> None:
    bad = tmp_path / "signals.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=named) as exc:
        load_signal_words(bad)
    assert str(bad) in str(exc.value)
