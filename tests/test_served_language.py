"""A close Russian/Ukrainian call goes to the one of the two the business answers in (tenant.yaml languages)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from copilot import Copilot, Settings

# Lingua reads it 0.46 uk / 0.42 ru: no letter or word only one of the two has.
CLOSE = "завтрак входит в цену номера?"


@pytest.fixture(scope="module")
def copilot(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Copilot:
    tenants = tmp_path_factory.mktemp("tenants")
    for name, languages in (("ru_house", ["lo", "en", "ru"]), ("uk_house", ["uk", "en"])):
        (tenants / name / "knowledge").mkdir(parents=True)
        (tenants / name / "tenant.yaml").write_text(yaml.safe_dump({"languages": languages}), encoding="utf-8")
        (tenants / name / "knowledge" / "faq.yaml").write_text(yaml.safe_dump({"entries": [{
            "id": "hours", "questions": {"en": ["when are you open"]}, "answers": {"en": "9 to 18."}}]}),
            encoding="utf-8")
    return Copilot(Settings(data_dir=data_dir, tenants_dir=tenants))


@pytest.mark.parametrize(("tenant", "language"), [("ru_house", "ru"), ("uk_house", "uk")])
def test_a_close_russian_or_ukrainian_call_goes_to_the_language_the_business_serves(
        copilot: Copilot, tenant: str, language: str) -> None:
    s = copilot.suggest({"tenant": tenant, "messages": [{"role": "customer", "text": CLOSE}]})
    assert s.language == language and s.draft.language == language


def test_a_message_that_is_plainly_ukrainian_stays_ukrainian_for_a_russian_speaking_business(copilot: Copilot) -> None:
    s = copilot.suggest({"tenant": "ru_house", "messages": [{"role": "customer", "text": "чи є сніданок у ціні?"}]})
    assert s.language == "uk"
