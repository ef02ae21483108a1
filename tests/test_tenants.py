"""Bring your own taxonomy: a tenant imported from a CSV is served through the same pipeline."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copilot import Copilot, Settings
from copilot.cli import app

ROWS = [
    ("I lost my card", "lost_card"), ("my card was stolen", "lost_card"), ("can't find my bank card", "lost_card"),
    ("please block my card, it's gone", "lost_card"), ("я потеряла карту", "lost_card"),
    ("what is my balance", "balance"), ("how much money do I have", "balance"), ("show my account balance", "balance"),
    ("check balance please", "balance"), ("сколько денег на счету", "balance"),
    ("how do I open an account", "open_account"), ("I want to open a new account", "open_account"),
    ("can I open a savings account online", "open_account"), ("new account please", "open_account"),
    ("хочу открыть счёт", "open_account"), ("what's the weather today", "oos"), ("tell me a joke", "oos"),
]


@pytest.fixture(scope="module")
def tenants_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tenants")
    source = root / "bank_train.csv"
    with source.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "intent"])
        writer.writerows(ROWS)
    result = CliRunner().invoke(app, ["taxonomy", "import", str(source), "--tenant", "bank", "--oos-label", "oos"],
                                env={"COPILOT_TENANTS_DIR": str(root)})
    assert result.exit_code == 0, result.output
    assert "3 intents" in result.output
    return root


def test_an_imported_taxonomy_leaves_out_of_scope_rows(tenants_dir: Path) -> None:
    text = (tenants_dir / "bank" / "taxonomy" / "intents.yaml").read_text(encoding="utf-8")
    assert "lost_card" in text and "weather" not in text


def test_a_tenant_is_answered_from_its_own_taxonomy(tenants_dir: Path, data_dir: Path) -> None:
    copilot = Copilot(Settings(data_dir=data_dir, tenants_dir=tenants_dir))
    s = copilot.suggest({"messages": [{"role": "customer", "text": "someone stole my card"}], "tenant": "bank"})
    assert s.intent.id == "lost_card"
    assert s.trace.tenant == "bank"
    # The tenant brought no knowledge: it must never see the default demo business's entries.
    assert s.knowledge == []
    assert s.draft.text and s.hygiene.passed


def test_a_tenant_message_that_fits_nothing_is_other(tenants_dir: Path, data_dir: Path) -> None:
    copilot = Copilot(Settings(data_dir=data_dir, tenants_dir=tenants_dir))
    s = copilot.suggest({"messages": [{"role": "customer", "text": "recommend me a good pizza recipe"}],
                         "tenant": "bank"})
    assert s.intent.id == "other"
